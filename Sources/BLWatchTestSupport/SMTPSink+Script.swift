extension SMTPSink {
    /// The server: aiosmtpd plus the Python 3 standard library. Arguments: the mail directory, then
    /// `--port N`, `--starttls CERT KEY`, `--require-starttls`, `--implicit-tls CERT KEY`,
    /// `--auth USER:PASS`, `--reject-rcpt ADDR`, `--reject-data`.
    static let script = #"""
        import argparse, asyncio, json, os, signal, ssl
        from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword

        # Process inherits the test runner's blocked signals; SIGTERM must work.
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM, signal.SIGINT})

        parser = argparse.ArgumentParser()
        parser.add_argument("directory")
        parser.add_argument("--port", type=int, default=0)
        parser.add_argument("--starttls", nargs=2, metavar=("CERT", "KEY"))
        parser.add_argument("--require-starttls", action="store_true")
        parser.add_argument("--implicit-tls", nargs=2, metavar=("CERT", "KEY"))
        parser.add_argument("--auth", metavar="USER:PASS")
        parser.add_argument("--reject-rcpt", action="append", default=[])
        parser.add_argument("--reject-data", action="store_true")
        ARGS = parser.parse_args()
        USER, _, PASSWORD = (ARGS.auth or "").partition(":")


        def tls_context(pair):
            if not pair:
                return None
            context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            context.load_cert_chain(*pair)
            return context


        def authenticator(server, session, envelope, mechanism, data):
            if isinstance(data, LoginPassword) and data.login == USER.encode() and data.password == PASSWORD.encode():
                return AuthResult(success=True, auth_data=USER)
            return AuthResult(success=False, handled=False)


        class SinkSMTP(SMTP):
            # aiosmtpd answers an empty EHLO/HELO with 501; the sink accepts it and records it exactly.
            async def smtp_EHLO(self, hostname):
                await super().smtp_EHLO(hostname or "(empty)")
                self.session.ehlo_argument = hostname or ""

            async def smtp_HELO(self, hostname):
                await super().smtp_HELO(hostname or "(empty)")
                self.session.ehlo_argument = hostname or ""


        class Handler:
            count = 0

            async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
                if address in ARGS.reject_rcpt:
                    return f"550 5.1.1 <{address}>: recipient rejected"
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                if ARGS.reject_data:
                    return "554 5.7.1 message refused by content filter"
                Handler.count += 1
                name = f"{Handler.count}.eml"
                # The message file first, so a session line never names a missing file.
                with open(os.path.join(ARGS.directory, name), "wb") as message:
                    message.write(envelope.original_content)
                entry = {
                    "ehlo": getattr(session, "ehlo_argument", session.host_name),
                    "tls": server.transport.get_extra_info("ssl_object") is not None,
                    "auth": session.auth_data if session.authenticated else None,
                    "from": envelope.mail_from,
                    "rcpt": envelope.rcpt_tos,
                    "file": name,
                }
                with open(os.path.join(ARGS.directory, "sessions.jsonl"), "a") as log:
                    log.write(json.dumps(entry) + "\n")
                return "250 OK"


        async def main():
            loop = asyncio.get_running_loop()
            handler = Handler()
            starttls = tls_context(ARGS.starttls)
            implicit = tls_context(ARGS.implicit_tls)

            def factory():
                return SinkSMTP(
                    handler, hostname="sink.test", loop=loop, tls_context=starttls,
                    require_starttls=ARGS.require_starttls, auth_required=bool(ARGS.auth),
                    auth_require_tls=starttls is not None or not ARGS.auth,
                    authenticator=authenticator if ARGS.auth else None,
                )

            server = await loop.create_server(factory, host="127.0.0.1", port=ARGS.port, ssl=implicit)
            print(server.sockets[0].getsockname()[1], flush=True)
            await server.serve_forever()


        asyncio.run(main())
        """#
}
