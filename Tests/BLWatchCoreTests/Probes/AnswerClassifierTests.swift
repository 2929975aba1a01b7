import DNSWire
import Testing

@testable import BLWatchCore

/// The verdict table of DOMAIN.md §1.3, on a zone with Spamhaus-like codes.
struct AnswerClassifierTests {
    static let zone = Zone(
        id: "zen",
        name: "ZEN",
        zoneTemplate: "zen.test",
        kinds: [.ipv4, .ipv6],
        codes: [
            (
                CodeRange(IPv4Address(127, 0, 0, 2)),
                CodeMeaning(kind: .listing, meaning: "SBL", list: "SBL", category: .spam, severity: .high)
            ),
            (
                CodeRange(IPv4Address(127, 0, 0, 4), IPv4Address(127, 0, 0, 7)),
                CodeMeaning(kind: .listing, meaning: "XBL", list: "XBL", category: .exploit, severity: .high)
            ),
            (CodeRange(IPv4Address(127, 0, 0, 15)), CodeMeaning(kind: .reputation, meaning: "neutral")),
            (
                CodeRange(IPv4Address(127, 255, 255, 254)),
                CodeMeaning(kind: .error, meaning: "open resolver", cause: .openResolver)
            ),
        ],
        publishesTXT: true
    )

    static func ips(_ texts: String...) -> [IPv4Address] { texts.map { IPv4Address($0)! } }

    @Test func listingCodesAreSortedAndExplained() {
        let verdict = AnswerClassifier.verdict(for: Self.ips("127.0.0.4", "127.0.0.2"), zone: Self.zone)
        guard case .listed(let codes) = verdict else {
            Issue.record("expected listed, got \(verdict)")
            return
        }
        #expect(codes.map(\.code) == Self.ips("127.0.0.2", "127.0.0.4"))
        #expect(codes.map(\.meaning.list) == ["SBL", "XBL"])
    }

    @Test func undocumentedLoopbackCodeIsAListingByDefault() {
        #expect(
            AnswerClassifier.verdict(for: Self.ips("127.0.0.99"), zone: Self.zone)
                == .listed([ListingCode(code: IPv4Address(127, 0, 0, 99), meaning: .undocumentedListing)])
        )
    }

    @Test func undocumentedCodeIsUnknownWhenTheZoneSaysSo() {
        var zone = Self.zone
        zone.undocumentedCodesAreListings = false
        #expect(
            AnswerClassifier.verdict(for: Self.ips("127.0.0.99"), zone: zone)
                == .unknown(.undocumentedCode(IPv4Address(127, 0, 0, 99)))
        )
    }

    @Test(arguments: [
        (["127.255.255.254"], "listError"),
        (["127.0.0.2", "127.255.255.254"], "listError"),
        (["127.255.255.255"], "listError"),
        (["127.0.0.1"], "reservedTestAnswer"),
        (["127.0.0.2", "127.0.0.1"], "reservedTestAnswer"),
        (["192.0.2.80"], "answerOutsideLoopback"),
        (["127.0.0.2", "10.0.0.1"], "answerOutsideLoopback"),
    ])
    func suspiciousAnswersAreNeverListings(answers: [String], token: String) {
        let verdict = AnswerClassifier.verdict(for: answers.map { IPv4Address($0)! }, zone: Self.zone)
        guard case .unknown(let cause) = verdict else {
            Issue.record("\(answers) gave \(verdict), expected unknown")
            return
        }
        #expect(cause.token == token)
    }

    @Test func reputationOnlyAnswerIsClean() {
        #expect(AnswerClassifier.verdict(for: Self.ips("127.0.0.15"), zone: Self.zone) == .clean)
    }

    @Test(arguments: [
        (ResponseCode.nameError, "clean"), (.serverFailure, "unknown"), (.refused, "unknown"),
        (.formatError, "unknown"),
    ])
    func responseCodes(code: ResponseCode, label: String) throws {
        let name = try DomainName("2.0.0.127.zen.test")
        let query = Message.query(id: 1, name: name, type: .a)
        var header = query.header
        header.isResponse = true
        header.responseCode = code
        let lookup = Lookup(
            outcome: .response(Message(header: header, questions: query.questions)),
            server: "s",
            duration: .zero
        )
        #expect(AnswerClassifier.classify(lookup, name: name, zone: Self.zone).verdict.label == label)
    }

    @Test func noDataIsClean() throws {
        let name = try DomainName("2.0.0.127.zen.test")
        let query = Message.query(id: 1, name: name, type: .a)
        var header = query.header
        header.isResponse = true
        let lookup = Lookup(
            outcome: .response(Message(header: header, questions: query.questions)),
            server: "s",
            duration: .zero
        )
        #expect(AnswerClassifier.classify(lookup, name: name, zone: Self.zone).verdict == .clean)
    }

    @Test func aRecordOfAnotherNameIsUnknownButCNAMEChainsAreFollowed() throws {
        let name = try DomainName("2.0.0.127.zen.test")
        let alias = try DomainName("alias.zen.test")
        let query = Message.query(id: 1, name: name, type: .a)
        var header = query.header
        header.isResponse = true
        let stray = ResourceRecord(
            name: try DomainName("evil.test"),
            type: .a,
            ttl: 1,
            data: .a(IPv4Address(127, 0, 0, 2))
        )
        let strayOnly = Message(header: header, questions: query.questions, answers: [stray])
        #expect(
            AnswerClassifier.classify(
                Lookup(outcome: .response(strayOnly), server: "s", duration: .zero),
                name: name,
                zone: Self.zone
            ).verdict == .unknown(.lookupFailed(.malformed("A record for evil.test., a name not asked")))
        )
        let chained = Message(
            header: header,
            questions: query.questions,
            answers: [
                ResourceRecord(name: name, type: .cname, ttl: 1, data: .cname(alias)),
                ResourceRecord(name: alias, type: .a, ttl: 1, data: .a(IPv4Address(127, 0, 0, 4))),
            ]
        )
        #expect(
            AnswerClassifier.classify(
                Lookup(outcome: .response(chained), server: "s", duration: .zero),
                name: name,
                zone: Self.zone
            ).verdict.isListed
        )
    }

    @Test func timeoutIsUnknown() throws {
        let lookup = Lookup(outcome: .failure(.timeout), server: "s", duration: .zero)
        #expect(
            AnswerClassifier.classify(lookup, name: try DomainName("x.test"), zone: Self.zone).verdict
                == .unknown(.lookupFailed(.timeout))
        )
    }
}

/// A list's TXT text reaches terminals and mail: its control characters must not.
struct TXTControlCharacterTests {
    @Test func controlCharactersInTXTAreEscaped() throws {
        let name = try DomainName("2.0.0.127.zen.test")
        let query = Message.query(id: 1, name: name, type: .txt)
        var header = query.header
        header.isResponse = true
        let hostile = Array("Listed\u{1B}[2J\u{07} see\tx\u{9B}31m".utf8)
        let message = Message(
            header: header,
            questions: query.questions,
            answers: [ResourceRecord(name: name, type: .txt, ttl: 1, data: .txt([hostile]))]
        )
        let text = AnswerClassifier.text(
            in: Lookup(outcome: .response(message), server: "s", duration: .zero),
            for: name
        )
        #expect(text == "Listed\\u{1B}[2J\\u{7} see\\u{9}x\\u{9B}31m")
        #expect(AnswerClassifier.printable("plain text, café") == "plain text, café")
    }
}
