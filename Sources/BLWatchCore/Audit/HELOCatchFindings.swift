import Foundation

/// Turns the greetings `blwatch helo-catch` recorded into audit findings.
///
/// Pure: captures in, findings out, most severe first. The motivating case is DOMAIN.md §0: Exim's
/// smtp transport with `helo_data = $sender_address_domain` greets with an empty EHLO whenever the
/// sender is `<>`, and receivers (Gmail, Postfix) reject that while the CBL lists the IP.
public enum HELOCatchFindings {
    /// The findings for `captures`.
    /// - Parameters:
    ///   - captures: what the catcher recorded.
    ///   - expectedName: the FQDN the MTA should greet with (its PTR name), when known; names that
    ///     differ from it give `heloCapturedMismatch`.
    /// - Returns: `heloEmpty` (critical), `heloCapturedNotFQDN` and `heloCapturedMismatch` (warnings),
    ///   most severe first; empty when every greeting is fine or nothing was captured.
    public static func findings(for captures: [HELOCapture], expectedName: String? = nil) -> [AuditFinding] {
        var findings: [AuditFinding] = []
        if let empty = emptyFinding(captures, expectedName: expectedName) { findings.append(empty) }
        let named = captures.filter { !$0.argument.isEmpty }
        for name in distinctNames(named) {
            let seen = named.filter { $0.argument.lowercased() == name.lowercased() }
            if !isFQDN(name) {
                findings.append(notFQDNFinding(name, seen, expectedName: expectedName))
            } else if let expectedName, normalized(name) != normalized(expectedName) {
                findings.append(mismatchFinding(name, seen, expectedName: expectedName))
            }
        }
        return findings.sorted { $0.severity > $1.severity }
    }

    /// The name to suggest in a fix.
    private static func suggested(_ expectedName: String?) -> String {
        expectedName.map(normalized) ?? "the sending IP's PTR name"
    }

    private static func emptyFinding(_ captures: [HELOCapture], expectedName: String?) -> AuditFinding? {
        let empty = captures.filter { $0.argument.isEmpty }
        guard !empty.isEmpty else { return nil }
        let bounces = empty.filter(\.isBounce)
        let bounceTotal = captures.filter(\.isBounce).count
        var evidence: [String] = []
        if !bounces.isEmpty {
            evidence.append(
                "bounces (MAIL FROM:<>) greet with an empty EHLO: \(bounces.count) of \(bounceTotal) bounce sessions"
            )
        }
        let others = empty.count - bounces.count
        if others > 0 {
            evidence.append("\(others) session(s) with a non-null sender also greet with an empty EHLO")
        }
        if empty.count == bounces.count, captures.contains(where: { !$0.isBounce && !$0.argument.isEmpty }) {
            evidence.append(
                "mail with a sender greets with a name: the HELO follows the sender's domain ($sender_address_domain)"
            )
        }
        evidence += empty.prefix(5).map(\.line)
        return AuditFinding(
            kind: "heloEmpty",
            severity: .critical,
            source: .heloCatch,
            subject: peers(empty),
            title: "\(empty.count) of \(captures.count) captured sessions sent EHLO/HELO with an empty argument",
            evidence: evidence,
            fix: "In Exim's smtp transport set helo_data = \(suggested(expectedName)) (Debian: REMOTE_SMTP_HELO_DATA), "
                + "never $sender_address_domain, which is empty for bounces"
        )
    }

    private static func notFQDNFinding(_ name: String, _ seen: [HELOCapture], expectedName: String?) -> AuditFinding {
        AuditFinding(
            kind: "heloCapturedNotFQDN",
            severity: .warning,
            source: .heloCatch,
            subject: name,
            title: "EHLO \(name) is not a fully qualified domain name",
            evidence: ["\(seen.count) session(s) greeted with it"] + senderDomainNote(name, seen)
                + seen.prefix(3).map(\.line),
            fix: "In Exim's smtp transport set helo_data = \(suggested(expectedName)), an FQDN whose A record "
                + "and PTR match the sending IP (RFC 5321 §4.1.1.1)"
        )
    }

    private static func mismatchFinding(_ name: String, _ seen: [HELOCapture], expectedName: String) -> AuditFinding {
        AuditFinding(
            kind: "heloCapturedMismatch",
            severity: .warning,
            source: .heloCatch,
            subject: name,
            title: "EHLO \(name) differs from the expected name \(normalized(expectedName))",
            evidence: ["\(seen.count) session(s) greeted with it"] + senderDomainNote(name, seen)
                + seen.prefix(3).map(\.line),
            fix: "In Exim's smtp transport set helo_data = \(normalized(expectedName)) so every session greets with "
                + "the forward-confirmed name"
        )
    }

    /// A note when the HELO name is the envelope sender's domain: the `$sender_address_domain` pattern.
    private static func senderDomainNote(_ name: String, _ seen: [HELOCapture]) -> [String] {
        let matches = seen.contains { capture in
            guard let from = capture.mailFrom, let at = from.lastIndex(of: "@") else { return false }
            let domain = from[from.index(after: at)...].trimmingCharacters(in: ["<", ">"])
            return normalized(domain) == normalized(name)
        }
        return matches ? ["the name is the envelope sender's domain: helo_data follows $sender_address_domain"] : []
    }

    private static func distinctNames(_ captures: [HELOCapture]) -> [String] {
        var seen: Set<String> = []
        return captures.map(\.argument).filter { seen.insert($0.lowercased()).inserted }
    }

    private static func peers(_ captures: [HELOCapture]) -> String {
        var seen: Set<String> = []
        return captures.map(\.peer).filter { seen.insert($0).inserted }.joined(separator: ", ")
    }

    private static func normalized(_ name: String) -> String {
        var name = name.lowercased()
        if name.hasSuffix(".") { name.removeLast() }
        return name
    }

    /// At least two labels of letters, digits and hyphens, not starting or ending with a hyphen, and a
    /// top-level label that is not all digits (so a bare IPv4 address is not an FQDN). An address
    /// literal (`[192.0.2.1]`) is legal SMTP but no name, so it is not one either.
    static func isFQDN(_ name: String) -> Bool {
        let labels = normalized(name).split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, let top = labels.last, !top.allSatisfy(\.isNumber) else { return false }
        return labels.allSatisfy { label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
    }
}
