/// The HELO name Postfix sends, gathered from `main.cf`/`postconf` parameters and `master.cf`
/// `-o smtp_helo_name=` overrides, with `$name` references resolved (`smtp_helo_name` defaults
/// to `$myhostname`, `postconf.proto`).
struct PostfixHELOSettings {
    private struct Setting {
        var value: String
        var evidence: String
        var file: String
    }

    private struct Override {
        var service: String
        var setting: Setting
    }

    private var parameters: [String: Setting] = [:]
    private var overrides: [Override] = []

    /// Takes the parameters and overrides of one file; later files win, as `postconf -c` would.
    mutating func read(_ source: MTAConfigSource) {
        for line in source.postfixLines() {
            guard let equals = line.text.firstIndex(of: "=") else { continue }
            let name = MTAConfigSource.trim(line.text[..<equals])
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") })
            else { continue }
            let value = MTAConfigSource.trim(line.text[line.text.index(after: equals)...])
            parameters[name] = Setting(
                value: value,
                evidence: "\(source.name):\(line.number): \(line.text)",
                file: source.name
            )
        }
        var service = ""
        for (offset, raw) in source.lines.enumerated() {
            let text = MTAConfigSource.trim(raw)
            if text.isEmpty || text.hasPrefix("#") { continue }
            if raw.first != " " && raw.first != "\t" { service = String(text.prefix { $0 != " " && $0 != "\t" }) }
            guard let value = Self.override(in: text) else { continue }
            let setting = Setting(value: value, evidence: "\(source.name):\(offset + 1): \(text)", file: source.name)
            overrides.append(Override(service: service, setting: setting))
        }
    }

    /// `-o smtp_helo_name=value` or `-o { smtp_helo_name = value }` on one master.cf line.
    private static func override(in text: String) -> String? {
        guard let option = text.firstRange(of: "-o ") else { return nil }
        var rest = Substring(MTAConfigSource.trim(text[option.upperBound...]))
        if rest.hasPrefix("{") { rest = Substring(MTAConfigSource.trim(rest.dropFirst())) }
        guard rest.hasPrefix("smtp_helo_name") else { return nil }
        rest = Substring(MTAConfigSource.trim(rest.dropFirst("smtp_helo_name".count)))
        guard rest.hasPrefix("=") else { return nil }
        rest = Substring(MTAConfigSource.trim(rest.dropFirst()))
        return String(rest.prefix { $0 != " " && $0 != "\t" && $0 != "}" })
    }

    /// A `postfixHELONotFQDN` finding for each HELO name without a dot.
    func findings() -> [AuditFinding] {
        var findings: [AuditFinding] = []
        if let helo = parameters["smtp_helo_name"] {
            findings += check(helo, note: "")
        } else if let host = parameters["myhostname"] {
            let implied = Setting(value: "$myhostname", evidence: host.evidence, file: host.file)
            findings += check(implied, note: " (smtp_helo_name defaults to $myhostname)", skipEvidence: true)
        }
        for override in overrides {
            findings += check(override.setting, note: " (master.cf service \(override.service))")
        }
        return findings
    }

    private func check(_ setting: Setting, note: String, skipEvidence: Bool = false) -> [AuditFinding] {
        var used: [String] = []
        guard let name = resolve(setting.value, used: &used, depth: 0) else { return [] }
        if name.hasPrefix("[") || name.contains(".") { return [] }
        let evidence = (skipEvidence ? [] : [setting.evidence]) + used.compactMap { parameters[$0]?.evidence }
        let shown = name.isEmpty ? "an empty name" : "\"\(name)\""
        return [
            AuditFinding(
                kind: "postfixHELONotFQDN",
                severity: .warning,
                source: .config,
                subject: setting.file,
                title: "Postfix sends HELO \(shown), which is not fully qualified\(note)",
                evidence: Array(evidence.prefix(3)),
                fix: "set myhostname (or smtp_helo_name) to the fully-qualified name in the sending IP's PTR, "
                    + "such as mail.example.com, then run postfix reload"
            )
        ]
    }

    /// Expands `$name`, `${name}` and `$(name)`; `nil` when a reference is unknown or loops.
    private func resolve(_ value: String, used: inout [String], depth: Int) -> String? {
        guard depth < 10 else { return nil }
        var result = ""
        var rest = Substring(value)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            rest = rest[rest.index(after: dollar)...]
            let closer: Character? = rest.first == "{" ? "}" : rest.first == "(" ? ")" : nil
            if closer != nil { rest = rest.dropFirst() }
            let name = String(rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
            rest = rest.dropFirst(name.count)
            if let closer {
                guard rest.first == closer else { return nil }
                rest = rest.dropFirst()
            }
            guard !name.isEmpty, let setting = parameters[name] else { return nil }
            if !used.contains(name) { used.append(name) }
            guard let expanded = resolve(setting.value, used: &used, depth: depth + 1) else { return nil }
            result += expanded
        }
        return result + rest
    }
}
