public import Foundation

/// Asks the local MTA which name it sends in HELO/EHLO: Postfix through `postconf`, Exim through
/// `exim -bP`. Each tool runs by argv with a deadline; a tool that is absent, fails or prints an
/// expansion it would resolve only at delivery time gives no name, never an error.
public struct MTAHostnameProbe: Sendable {
    /// A HELO name and where it came from.
    public struct Finding: Sendable, Equatable {
        /// The name, lower case.
        public var name: String
        /// The tool and setting, such as `postconf myhostname`.
        public var source: String

        /// Creates a finding.
        public init(name: String, source: String) {
            self.name = name
            self.source = source
        }
    }

    /// What the probe learnt: the name, and notes on what it could not use.
    public struct Result: Sendable {
        /// The HELO name, when a tool gave a usable one.
        public var finding: Finding?
        /// Tools found but unusable, names that are not fully qualified.
        public var notes: [String] = []
    }

    private let runner: ToolRunner

    /// Creates a probe.
    /// - Parameters:
    ///   - environment: its `PATH` is where `postconf` and `exim` are looked for.
    ///   - timeout: how long each tool may run.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        timeout: Duration = .seconds(5)
    ) {
        runner = ToolRunner(path: environment["PATH"] ?? "", timeout: timeout)
    }

    /// Asks Postfix, then Exim.
    public func find() async -> Result {
        var result = Result()
        for (tool, ask) in [("postconf", askPostfix), ("exim", askExim)] {
            guard let path = runner.locate(tool) else { continue }
            guard let raw = await ask(path) else {
                result.notes.append("\(tool) is installed but did not report a HELO name")
                continue
            }
            guard case .domain? = Subject(raw.name) else {
                result.notes.append("\(raw.source) is \"\(raw.name)\", not a fully qualified name: not used")
                continue
            }
            result.finding = Finding(name: raw.name.lowercased(), source: raw.source)
            return result
        }
        return result
    }

    private func askPostfix(_ path: String) async -> Finding? {
        guard let output = await runner.run(path, ["-h", "smtp_helo_name", "myhostname"]), output.status == 0 else {
            return nil
        }
        return Self.postfixName(output.stdout)
    }

    private func askExim(_ path: String) async -> Finding? {
        // A tool that hangs once is not asked again.
        guard let transport = await runner.run(path, ["-bP", "transport", "remote_smtp"]) else { return nil }
        guard let primary = await runner.run(path, ["-bP", "primary_hostname"]), primary.status == 0 else {
            return nil
        }
        return Self.eximName(primary: primary.stdout, transport: transport.status == 0 ? transport.stdout : nil)
    }

    /// `postconf -h smtp_helo_name myhostname` prints both values, one a line. smtp_helo_name
    /// defaults to `$myhostname`; any other `$` expansion is resolved only at delivery time.
    static func postfixName(_ output: String) -> Finding? {
        let lines = output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.count >= 2 else { return nil }
        let helo = lines[0]
        let hostname = lines[1]
        if !helo.isEmpty, !helo.contains("$") { return Finding(name: helo, source: "postconf smtp_helo_name") }
        guard !hostname.isEmpty, !hostname.contains("$") else { return nil }
        return Finding(name: hostname, source: "postconf myhostname")
    }

    /// `exim -bP` prints `option = value` lines. The transport's `helo_data` wins when it is a
    /// literal name; its default, `$primary_hostname`, and other expansions fall back to
    /// `primary_hostname`.
    static func eximName(primary: String, transport: String?) -> Finding? {
        if let helo = transport.flatMap({ value(of: "helo_data", in: $0) }), !helo.isEmpty, !helo.contains("$") {
            return Finding(name: helo, source: "exim remote_smtp helo_data")
        }
        guard let name = value(of: "primary_hostname", in: primary), !name.isEmpty, !name.contains("$") else {
            return nil
        }
        return Finding(name: name, source: "exim primary_hostname")
    }

    private static func value(of option: String, in output: String) -> String? {
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == option else { continue }
            return parts[1].trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}
