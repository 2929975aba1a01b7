/// Checks Exim and Postfix configuration for HELO settings that receivers and the CBL punish.
///
/// Works on files, so it needs no running MTA: the output of `exim -bP transport remote_smtp`,
/// Exim configuration files (Debian's split `conf.d` and `exim4.conf.localmacros` included), the
/// output of `postconf smtp_helo_name myhostname`, `main.cf` and `master.cf`. The content decides
/// which rules apply: `helo_data` and `…HELO_DATA` macros are Exim's; `smtp_helo_name`,
/// `myhostname` and `-o smtp_helo_name=` are Postfix's. Postfix parameters are pooled across the
/// files of one call, so `master.cf`'s `$myhostname` resolves through the `main.cf` given with it.
///
/// Findings (DOMAIN.md §4.4):
/// - `eximHELOFromSender` (critical): `helo_data` or `REMOTE_SMTP_HELO_DATA` uses `$sender_address`,
///   `$sender_address_domain`, `$domain` or the From header: empty for bounces, different per domain;
/// - `eximHELOEmpty` (critical): `helo_data` set to nothing;
/// - `postfixHELONotFQDN` (warning): the HELO name Postfix sends has no dot;
/// - `configUnreadable` (warning): a file that could not be read, when others could.
public struct MTAConfigLint: Sendable {
    /// Variables that make `helo_data` depend on the message rather than on the sending host.
    private static let senderVariables = [
        "sender_address", "domain", "h_from", "header_from", "rh_from", "rheader_from", "bh_from", "bheader_from",
    ]

    /// Creates a linter.
    public init() {}

    /// Lints configuration files together.
    /// - Parameter paths: files to read (plain text; a `.gz` is inflated too).
    /// - Returns: the findings, most severe first, in file order within a severity.
    /// - Throws: ``MTAAuditError`` when no file could be read.
    public func lint(paths: [String]) throws -> [AuditFinding] {
        var sources: [MTAConfigSource] = []
        var unreadable: [AuditFinding] = []
        var reasons: [String] = []
        for path in paths {
            var lines: [String] = []
            do {
                try GzipLineReader(path: path).forEachLine { lines.append($0) }
                sources.append(MTAConfigSource(name: path, lines: lines))
            } catch let error as GzipLineReader.OpenError {
                reasons.append("\(path): cannot read: \(error.reason)")
                unreadable.append(Self.unreadable(path, reason: error.reason))
            }
        }
        guard !sources.isEmpty else { throw MTAAuditError.unreadable(paths: paths, warnings: reasons) }
        return Self.sorted(lint(sources: sources) + unreadable)
    }

    /// Lints one text, as if it were a file called `name`.
    /// - Parameters:
    ///   - text: the configuration or command output.
    ///   - name: the name used in evidence (`name:line: …`) and as the findings' subject.
    /// - Returns: the findings, most severe first.
    public func lint(text: String, name: String) -> [AuditFinding] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        return Self.sorted(lint(sources: [MTAConfigSource(name: name, lines: lines)]))
    }

    private func lint(sources: [MTAConfigSource]) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        var postfix = PostfixHELOSettings()
        for source in sources {
            for line in source.eximLines() { findings += Self.exim(line, in: source) }
            postfix.read(source)
        }
        return findings + postfix.findings()
    }

    private static func sorted(_ findings: [AuditFinding]) -> [AuditFinding] {
        findings.enumerated().sorted { ($0.element.severity, $1.offset) > ($1.element.severity, $0.offset) }
            .map(\.element)
    }

    // MARK: - Exim

    private static func exim(_ line: MTAConfigSource.Line, in source: MTAConfigSource) -> [AuditFinding] {
        guard let (name, value) = eximSetting(line.text) else { return [] }
        let evidence = ["\(source.name):\(line.number): \(MTAConfigSource.trim(line.text))"]
        var unquoted = value
        if unquoted.count >= 2, unquoted.hasPrefix("\""), unquoted.hasSuffix("\"") {
            unquoted = String(unquoted.dropFirst().dropLast())
        }
        if MTAConfigSource.trim(unquoted).isEmpty {
            return [
                AuditFinding(
                    kind: "eximHELOEmpty",
                    severity: .critical,
                    source: .config,
                    subject: source.name,
                    title: "\(name) is empty: every message leaves with an empty HELO, which Gmail and Postfix refuse",
                    evidence: evidence,
                    fix: fixedFQDN
                )
            ]
        }
        guard let variable = senderVariable(in: value) else { return [] }
        return [
            AuditFinding(
                kind: "eximHELOFromSender",
                severity: .critical,
                source: .config,
                subject: source.name,
                title:
                    "\(name) is built from $\(variable): empty for bounces (null sender) and different per sender domain",
                evidence: evidence,
                fix: fixedFQDN
            )
        ]
    }

    private static let fixedFQDN =
        "set helo_data (Debian: REMOTE_SMTP_HELO_DATA) to a fixed FQDN whose PTR and A records match the sending IP, "
        + "then run update-exim4.conf (Debian) and restart Exim"

    /// `helo_data = value` (also `helo_data=value`) or a `…HELO_DATA = value` macro definition.
    private static func eximSetting(_ text: String) -> (name: String, value: String)? {
        let trimmed = Substring(MTAConfigSource.trim(text))
        guard let equals = trimmed.firstIndex(of: "=") else { return nil }
        let name = MTAConfigSource.trim(trimmed[..<equals])
        let value = MTAConfigSource.trim(trimmed[trimmed.index(after: equals)...])
        if name == "helo_data" { return (name, value) }
        let isMacro =
            name.first.map { $0.isUppercase && $0.isASCII } == true
            && name.allSatisfy { $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "_") }
        return isMacro && name.hasSuffix("HELO_DATA") ? (name, value) : nil
    }

    /// The first sender- or recipient-dependent variable in an expansion (`$sender_address_domain`,
    /// `${domain}`, `$h_From:`), without its `$`.
    static func senderVariable(in value: String) -> String? {
        let lower = value.lowercased()
        var index = lower.startIndex
        while let dollar = lower[index...].firstIndex(of: "$") {
            var name = lower[lower.index(after: dollar)...]
            if name.first == "{" { name = name.dropFirst() }
            let word = name.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if let variable = senderVariables.first(where: { word == $0 || word.hasPrefix($0 + "_") }) {
                return word.hasPrefix("sender_address") ? String(word) : variable
            }
            index = lower.index(after: dollar)
        }
        return nil
    }

    private static func unreadable(_ path: String, reason: String) -> AuditFinding {
        AuditFinding(
            kind: "configUnreadable",
            severity: .warning,
            source: .config,
            subject: path,
            title: "\(path) could not be read: \(reason)",
            fix: "run the audit as a user who can read the file (often root)"
        )
    }
}
