extension SMTPBannerProbe {
    /// Turns what the server said into a result with findings. Pure.
    func assess(_ dialogue: SMTPDialogue, expectedNames: [String]) -> SMTPProbeResult {
        var result = SMTPProbeResult(transcript: dialogue.transcript)
        switch dialogue.greeting {
        case .reply(let reply):
            result.greeting = "\(reply.code) \(reply.lines.first ?? "")"
            result.bannerName = reply.lines.first?.split(separator: " ").first.map {
                HELONameRules.normalized(String($0))
            }
            guard reply.code == 220 else {
                result.findings.append(refused(reply))
                return result
            }
            if let mismatch = bannerMismatch(result.bannerName, expectedNames: expectedNames) {
                result.findings.append(mismatch)
            }
        case let failure:
            result.findings.append(broken(failure, step: "greeting"))
            return result
        }
        switch dialogue.ehlo {
        case .reply(let reply) where reply.code == 250:
            result.capabilities = Array(reply.lines.dropFirst())
            result.startTLS = result.capabilities.contains {
                $0.split(separator: " ").first?.uppercased() == "STARTTLS"
            }
            if !result.startTLS { result.findings.append(starttlsMissing(reply)) }
        case .reply(let reply):
            result.findings.append(ehloRejected(reply))
        case let failure?:
            result.findings.append(broken(failure, step: "reply to EHLO"))
        case nil:
            result.findings.append(broken(.closed(""), step: "reply to EHLO"))
        }
        result.findings.sort { $0.severity > $1.severity }
        return result
    }

    private func finding(
        _ kind: String,
        _ severity: AuditFinding.Severity,
        _ title: String,
        _ evidence: [String],
        fix: String
    ) -> AuditFinding {
        AuditFinding(
            kind: kind,
            severity: severity,
            source: .smtp,
            subject: endpoint,
            title: title,
            evidence: evidence,
            fix: fix
        )
    }

    /// Connect refused or timed out.
    func unreachable(_ error: any Error) -> AuditFinding {
        finding(
            "smtpUnreachable",
            .warning,
            "cannot connect to \(endpoint)",
            ["\(error)"],
            fix:
                "check that the MTA is running and listens on \(endpoint), and that no firewall blocks it from this host"
        )
    }

    /// A timeout, a close, or bytes that are not SMTP, at `step`.
    private func broken(_ exchange: SMTPExchange, step: String) -> AuditFinding {
        let checkService = "check that \(endpoint) is the MTA and not another service"
        switch exchange {
        case .timedOut(let partial) where partial.isEmpty:
            return finding(
                "smtpTimeout",
                .warning,
                "no \(step) from \(endpoint) within \(timeoutText)",
                [],
                fix: "check the MTA on \(endpoint): it accepted the connection but said nothing (stalled, overloaded, "
                    + "or tarpitting this host)"
            )
        case .timedOut(let partial):
            return finding(
                "smtpGarbage",
                .warning,
                "an unfinished line instead of a \(step) from \(endpoint)",
                [partial],
                fix: checkService
            )
        case .closed(let partial):
            return finding(
                "smtpGarbage",
                .warning,
                "\(endpoint) closed the connection instead of sending a \(step)",
                partial.isEmpty ? [] : [partial],
                fix: checkService
            )
        case .garbage(let problem):
            return finding(
                "smtpGarbage",
                .warning,
                "the \(step) from \(endpoint) is not SMTP",
                ["\(problem)"],
                fix: checkService
            )
        case .reply(let reply):
            return refused(reply)
        }
    }

    /// A greeting other than 220, such as `554 no service`.
    private func refused(_ reply: SMTPReply) -> AuditFinding {
        finding(
            "smtpGarbage",
            .warning,
            "\(endpoint) greets with \(reply.code) instead of 220",
            reply.lines.map { "\(reply.code) \($0)" },
            fix: "check why the MTA on \(endpoint) turns this host away (its connection rules or a load limit)"
        )
    }

    private func bannerMismatch(_ bannerName: String?, expectedNames: [String]) -> AuditFinding? {
        let expected = expectedNames.map(HELONameRules.normalized).filter { !$0.isEmpty }
        guard let first = expected.first, let bannerName, !expected.contains(bannerName) else { return nil }
        return finding(
            "bannerNameMismatch",
            .warning,
            "the greeting of \(endpoint) names \(bannerName), not the PTR name \(expected.joined(separator: ", "))",
            ["greeting host \(bannerName)", "PTR " + expected.joined(separator: ", ")],
            fix: "set the name in the MTA's greeting (Exim smtp_banner or primary_hostname, Postfix myhostname) to "
                + "\(first), the PTR name of its address"
        )
    }

    private func starttlsMissing(_ reply: SMTPReply) -> AuditFinding {
        finding(
            "starttlsMissing",
            .info,
            "\(endpoint) does not offer STARTTLS",
            reply.lines.map { "250 \($0)" },
            fix: "enable STARTTLS on the MTA (Exim tls_certificate and tls_privatekey, Postfix smtpd_tls_cert_file "
                + "with smtpd_tls_security_level = may)"
        )
    }

    private func ehloRejected(_ reply: SMTPReply) -> AuditFinding {
        finding(
            "ehloRejected",
            .info,
            "\(endpoint) answers EHLO with \(reply.code)",
            reply.lines.map { "\(reply.code) \($0)" },
            fix: "check whether the MTA on \(endpoint) rejects this host's EHLO name, or does not speak ESMTP"
        )
    }
}
