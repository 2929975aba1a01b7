import Foundation

extension InitJob {
    /// The starter configuration: the targets found, and every other field as a commented example.
    ///
    /// - Parameters:
    ///   - addresses: the targets (may be empty: the file then shows a commented example).
    ///   - helo: the MTA's HELO name, written as each target's `helo`.
    ///   - host: the machine's name, for the header.
    ///   - date: when, for the header.
    /// - Returns: YAML that ``OperatorConfig/parse(_:file:)`` accepts.
    static func render(addresses: [Subject], helo: MTAHostnameProbe.Finding?, host: String, date: Date) -> String {
        var out: [String] = [
            "# blwatch.yaml, written by `blwatch init` on \(host) at \(date.formatted(.iso8601)).",
            "# Every field is optional; blwatch.example.yaml (in the doc directory, or deploy/ in the source)",
            "# shows them all, and `blwatch config check` shows what blwatch makes of this file.",
            "",
        ]
        let example = helo?.name ?? "mail.example.com"
        if addresses.isEmpty {
            out += [
                "# No public address was found on this machine's interfaces (it may send through NAT or a",
                "# smarthost). List the addresses your mail goes out from (addresses or CIDR ranges), like:",
                "#   - address: 192.0.2.25",
                "#     helo: \(example)",
                "targets: []",
            ]
        } else {
            out += [
                "# The addresses your mail goes out from: these are the public addresses of this machine's",
                "# interfaces. Remove any that sends no mail; add the address your mail leaves from if it",
                "# goes through NAT or a smarthost. `helo` is the name the MTA sends in EHLO"
                    + (helo.map { " (from \($0.source))" } ?? "") + ":",
                "# it must be the address's PTR name, and that name's A/AAAA must contain the address.",
            ]
            if helo == nil {
                out.append("# No HELO name was found (no postconf or exim): add `helo: NAME` to each target.")
            }
            out.append("targets:")
            for address in addresses {
                out.append("  - address: \(address)")
                if let helo { out.append("    helo: \(helo.name)") }
            }
        }
        out += [
            "",
            "# Domains checked on domain lists (Spamhaus DBL): your sending and HELO domains.",
            "# domains:",
            "#   - \(parentDomain(of: example))",
            "",
            "# Zones by id or tag from lists.json (`blwatch lists` shows them); default: the \"default\" tag.",
            "# lists:",
            "#   - default",
            "",
            "# Your own recursive resolver (unbound or BIND, no forwarders to public resolvers): Spamhaus",
            "# and others refuse public resolvers. Default: the nameservers in /etc/resolv.conf.",
            "# resolvers:",
            "#   - 127.0.0.1",
            "",
            "# Spamhaus DQS key, for the keyed zones (tag \"dqs\"). This file is mode 0640: keep it so.",
            "# dqsKey: YOUR-DQS-KEY",
            "",
            "# Scans a day, as the systemd timer or cron runs them (1-1440, default 24: hourly). Sizes the",
            "# lists' daily query limits (`blwatch lists budget`) and the staleness check of status --nagios.",
            "# scansPerDay: 24",
            "",
        ]
        return out.joined(separator: "\n")
    }

    /// `mail.example.com` → `example.com`; a two-label name stays as it is.
    private static func parentDomain(of name: String) -> String {
        let labels = name.split(separator: ".")
        return labels.count > 2 ? labels.dropFirst().joined(separator: ".") : name
    }
}
