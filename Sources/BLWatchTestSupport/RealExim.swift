import Foundation

/// Debian's real Exim 4.96 run from a test, delivering to a server on 127.0.0.1.
///
/// The binary comes from `scripts/install-mta-test-deps` (the exim4-daemon-light .deb unpacked into
/// `/var/cache/blwatch-test/exim`, its libraries, the `Debian-exim` user); this harness only uses it.
/// Each run gets its own config, spool and log in a temporary directory and runs as root with
/// `-C` (REAL-MTA-TESTS.md):
/// - in a private mount namespace (`unshare --mount`) with an overlay on `/etc`, where the config is
///   listed in Debian's `TRUSTED_CONFIG_LIST` (`/etc/exim4/trusted_configs`, so re-execs keep their
///   privilege) and `/etc/resolv.conf` points at an unused loopback address (so any DNS lookup fails
///   at once instead of leaving the machine); the real `/etc` never changes;
/// - `queue_only` and an explicit, synchronous `-qff` run: nothing is left to wait for;
/// - routing by IP literal to 127.0.0.1 and the given port, `host_lookup` and `rfc1413_hosts` empty,
///   `primary_hostname` set, no callouts, no TLS: it never needs DNS. No daemon is started.
public enum RealExim {
    /// Where the install script unpacks Exim (`$BLWATCH_EXIM_DIR` overrides it).
    public static let directory =
        ProcessInfo.processInfo.environment["BLWATCH_EXIM_DIR"] ?? "/var/cache/blwatch-test/exim"
    /// The Exim binary.
    public static var binary: String { directory + "/usr/sbin/exim4" }

    /// One message to submit.
    public struct Message: Sendable {
        /// The envelope sender as given to `-f`: an address, or `<>` for a bounce.
        public var sender: String
        /// The envelope recipient.
        public var recipient: String

        /// A message from `sender` to `recipient`.
        public init(from sender: String, to recipient: String) {
            self.sender = sender
            self.recipient = recipient
        }
    }

    /// What a run left behind.
    public struct Run: Sendable {
        /// The helper script's exit status, output and errors (Exim's own stderr included).
        public var command: CommandRun
        /// Exim's main log.
        public var mainlog: String
        /// Exim's panic log; empty when all went well.
        public var paniclog: String
    }

    /// Whether tests needing Exim should run: installed (binary and user), or under `CI=true`, where a
    /// missing Exim must fail, not skip (STYLE.md B5).
    public static var isAvailable: Bool {
        isInstalled || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    private static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: binary) && getpwnam("Debian-exim") != nil && getuid() == 0
    }

    /// Submits `messages` (queued only), runs the queue once with `-qff`, and returns the logs.
    /// - Parameters:
    ///   - messages: what to submit, in order.
    ///   - port: where the smtp transport delivers, on 127.0.0.1.
    ///   - heloData: the transport's `helo_data`, expanded by Exim: `$sender_address_domain` is the
    ///     incident's setting, `mail.example.com` the fix.
    ///   - timeout: when to kill the run.
    /// - Returns: the run's output and logs.
    /// - Throws: `TestSupportError` naming `scripts/install-mta-test-deps` when Exim is not installed,
    ///   and with the logs when Exim fails.
    public static func deliver(
        _ messages: [Message],
        port: Int,
        heloData: String,
        timeout: Duration = .seconds(120)
    ) async throws -> Run {
        guard isInstalled else {
            throw TestSupportError(
                "real Exim is not installed (need \(binary), the Debian-exim user and root): "
                    + "run scripts/install-mta-test-deps as root"
            )
        }
        let work = try TemporaryDirectory(prefix: "blwatch-exim")
        defer { work.remove() }
        try FileManager.default.createDirectory(atPath: work.file("spool"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: work.file("log"), withIntermediateDirectories: true)
        try work.write("exim.conf", configuration(directory: work.path, port: port, heloData: heloData))
        var submissions: [String] = []
        for (index, message) in messages.enumerated() {
            let file = try work.write("message\(index)", "Subject: blwatch helo-catch test \(index)\n\ntest\n")
            submissions += [message.sender, message.recipient, file]
        }
        let script = try work.write("run-exim.sh", runScript)
        let command: CommandRun
        if let unshare = Tool.path(of: "unshare") {
            command = try await CommandRun.run(
                unshare,
                ["--mount", "--propagation", "private", "/bin/sh", script, "overlay", work.path, binary] + submissions,
                timeout: timeout
            )
        } else {
            command = try await CommandRun.run(
                "/bin/sh",
                [script, "plain", work.path, binary] + submissions,
                timeout: timeout
            )
        }
        let run = Run(
            command: command,
            mainlog: (try? String(contentsOfFile: work.file("log/mainlog"), encoding: .utf8)) ?? "",
            paniclog: (try? String(contentsOfFile: work.file("log/paniclog"), encoding: .utf8)) ?? ""
        )
        guard command.status == 0, !command.timedOut else {
            throw TestSupportError(
                "exim run failed (status \(command.status)\(command.timedOut ? ", timed out" : "")):\n"
                    + "\(command.stderr)\nmainlog:\n\(run.mainlog)\npaniclog:\n\(run.paniclog)"
            )
        }
        return run
    }

    /// The Exim configuration of one run.
    static func configuration(directory: String, port: Int, heloData: String) -> String {
        """
        # blwatch test: one smtp transport to 127.0.0.1:\(port), nothing else.
        primary_hostname = mta.sender.test
        exim_path = \(binary)
        spool_directory = \(directory)/spool
        log_file_path = \(directory)/log/%slog
        # Never leave 127.0.0.0/8: no reverse lookups, no ident, no TLS, IP-literal routes.
        host_lookup =
        rfc1413_hosts =
        tls_advertise_hosts =
        keep_environment =
        queue_only = true

        begin routers

        # Bounces Exim generates for the refused test mail go nowhere.
        sender_test:
          driver = redirect
          domains = sender.test
          data = :blackhole:

        to_catcher:
          driver = manualroute
          transport = catcher_smtp
          route_list = * 127.0.0.1 byname
          self = send

        begin transports

        catcher_smtp:
          driver = smtp
          port = \(port)
          allow_localhost
          helo_data = \(heloData)
          # One message per connection, so each message's own EHLO is seen.
          connection_max_messages = 1
          hosts_avoid_tls = *
          hosts_try_dane =
          hosts_try_chunking =
          hosts_try_fastopen =
          hosts_try_prdr =

        begin retry

        * * F,1m,1m

        """
    }

    /// Runs as `sh run-exim.sh overlay|plain DIR EXIM [SENDER RECIPIENT FILE]...`; `overlay` only
    /// inside `unshare --mount`, where the mounts vanish with the namespace.
    static let runScript = #"""
        set -eu
        mode="$1"; dir="$2"; exim="$3"; shift 3
        chown -R Debian-exim:Debian-exim "$dir/spool" "$dir/log"
        if [ "$mode" = overlay ] && mkdir -p "$dir/etc-overlay" && mount -t tmpfs tmpfs "$dir/etc-overlay"; then
          mkdir "$dir/etc-overlay/upper" "$dir/etc-overlay/work"
          mount -t overlay overlay \
            -o "lowerdir=/etc,upperdir=$dir/etc-overlay/upper,workdir=$dir/etc-overlay/work" /etc
          # Debian's Exim: TRUSTED_CONFIG_LIST=/etc/exim4/trusted_configs (REAL-MTA-TESTS.md, pitfall 3).
          mkdir -p /etc/exim4
          echo "$dir/exim.conf" > /etc/exim4/trusted_configs
          chmod 644 /etc/exim4/trusted_configs
          # Any DNS query fails at once on an unused loopback address.
          rm -f /etc/resolv.conf
          echo "nameserver 127.0.0.9" > /etc/resolv.conf
        else
          echo "run-exim: no /etc overlay; Exim logs 'lost privilege' lines" >&2
        fi
        while [ $# -ge 3 ]; do
          "$exim" -C "$dir/exim.conf" -odq -f "$1" "$2" < "$3"
          shift 3
        done
        "$exim" -C "$dir/exim.conf" -qff
        """#
}
