public import DNSWire

/// Turns a DNS lookup into a verdict for one zone (DOMAIN.md §1.3). Pure: no I/O.
///
/// NXDOMAIN and NODATA are clean. A records are checked before any is trusted: a value outside
/// 127/8 or equal to 127.0.0.1 makes the whole answer unknown, and so does any of the zone's error
/// codes, even next to listing codes, because a refused query proves nothing about the subject.
public enum AnswerClassifier {
    /// The verdict and the A values of a lookup.
    public static func classify(_ lookup: Lookup, name: DomainName, zone: Zone) -> (
        verdict: Verdict, answers: [IPv4Address]
    ) {
        let message: Message
        switch lookup.outcome {
        case .failure(let failure): return (.unknown(.lookupFailed(failure)), [])
        case .response(let response): message = response
        }
        switch message.header.responseCode {
        case .nameError: return (.clean, [])
        case .noError: break
        case let code: return (.unknown(.responseCode(code)), [])
        }
        let owners = owners(in: message, for: name)
        // A record of another type for the asked name (TXT or AAAA to an A query) is not NODATA but a
        // broken answer; reading it as clean could hide a listing.
        if let odd = message.answers.first(where: { owners.contains($0.name) && $0.type != .a && $0.type != .cname }) {
            return (.unknown(.lookupFailed(.malformed("\(odd.type) record in the answer to an A query"))), [])
        }
        // A record of a name outside the asked name's CNAME chain answers nothing that was asked: a
        // stray `127.0.0.2` for another name is a spoofed or broken answer, neither listed nor clean.
        if let stray = message.answers.first(where: {
            !owners.contains($0.name) && !Self.chainRecords.contains($0.type)
        }) {
            return (.unknown(.lookupFailed(.malformed("\(stray.type) record for \(stray.name), a name not asked"))), [])
        }
        let answers = addresses(in: message, owners: owners)
        return (verdict(for: answers, zone: zone), answers)
    }

    /// Records a resolver may put in an answer under another owner name: DNAME (RFC 6672, with the
    /// CNAME it synthesises) and RRSIG (RFC 4035).
    private static let chainRecords: Set<RecordType> = [RecordType(rawValue: 39), RecordType(rawValue: 46)]

    /// The verdict for a set of A values returned by `zone`.
    public static func verdict(for answers: [IPv4Address], zone: Zone) -> Verdict {
        var listings: [ListingCode] = []
        for code in answers {
            guard code.value >> 24 == 127 else { return .unknown(.answerOutsideLoopback(code)) }
            // RFC 5782 §5: 127.0.0.1 must never be listed, so it marks a wildcard or broken zone.
            guard code != IPv4Address(127, 0, 0, 1) else { return .unknown(.reservedTestAnswer) }
        }
        for code in answers {
            guard let meaning = zone.meaning(of: code) else { return .unknown(.undocumentedCode(code)) }
            switch meaning.kind {
            case .error:
                return .unknown(.listError(code: code, cause: meaning.cause ?? .other, meaning: meaning.meaning))
            case .listing:
                listings.append(ListingCode(code: code, meaning: meaning))
            case .reputation, .allow:
                continue
            }
        }
        return listings.isEmpty ? .clean : .listed(listings.sorted { $0.code < $1.code })
    }

    /// The A values of `owners` (the asked name and its CNAME chain inside the answer section).
    static func addresses(in message: Message, owners: [DomainName]) -> [IPv4Address] {
        var result: [IPv4Address] = []
        for record in message.answers {
            if case .a(let address) = record.data, owners.contains(record.name), !result.contains(address) {
                result.append(address)
            }
        }
        return result
    }

    /// `name` and the targets of its CNAME chain inside the answer section.
    private static func owners(in message: Message, for name: DomainName) -> [DomainName] {
        var owners: [DomainName] = [name]
        var changed = true
        while changed {
            changed = false
            for record in message.answers {
                if case .cname(let target) = record.data, owners.contains(record.name), !owners.contains(target) {
                    owners.append(target)
                    changed = true
                }
            }
        }
        return owners
    }

    /// The TXT text for `name`: the strings of each record joined, records joined by "; ".
    ///
    /// Control characters are written as `\u{1B}`: the text reaches terminals (`scan`, `status`),
    /// cron mail and alert mail, where a list's server must not be able to send escape sequences.
    static func text(in lookup: Lookup, for name: DomainName) -> String? {
        guard case .response(let message) = lookup.outcome, message.header.responseCode == .noError else { return nil }
        let texts = message.answers.compactMap { record -> String? in
            guard case .txt(let strings) = record.data, record.name == name else { return nil }
            return printable(String(decoding: strings.joined(), as: UTF8.self))
        }
        return texts.isEmpty ? nil : texts.joined(separator: "; ")
    }

    /// `text` with C0 and C1 control characters and DEL escaped.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
