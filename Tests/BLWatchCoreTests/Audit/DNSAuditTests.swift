import BLWatchTestSupport
import DNSWire
import Testing

@testable import BLWatchCore

/// A zone for the scripted server: records by name and type; names absent from it are NXDOMAIN, and a
/// name with records of other types only gets NODATA.
private struct Zone: Sendable {
    var records: [String: [RecordData]] = [:]
    var servfail: Set<String> = []
    var silent: Set<String> = []

    mutating func add(_ name: String, _ type: RecordType, _ data: RecordData...) {
        records["\(name)|\(type)", default: []] += data
    }

    func reply(to query: Message) -> ScriptedReply {
        let question = query.questions[0]
        let name = HELONameRules.normalized(question.name.description)
        if servfail.contains(name) { return .message(.reply(to: query, code: .serverFailure)) }
        if silent.contains(name) { return .silence }
        if let data = records["\(name)|\(question.type)"] {
            let answers = data.map { ResourceRecord(name: question.name, type: question.type, ttl: 60, data: $0) }
            return .message(.reply(to: query, answers: answers))
        }
        let exists = records.keys.contains { $0.hasPrefix(name + "|") }
        return .message(.reply(to: query, code: exists ? .noError : .nameError))
    }
}

/// The DNS audit against a real UDP server in-process.
struct DNSAuditTests {
    private static let ip = IPv4Address(192, 0, 2, 83)
    private static let reverse = "83.2.0.192.in-addr.arpa"

    private func withAudit<T>(_ zone: Zone, _ body: (DNSAudit) async throws -> T) async throws -> T {
        try await withScriptedDNSServer({ query, _ in zone.reply(to: query) }) { server in
            let resolver = try await StubResolver.open(
                servers: [try ServerAddress(parsing: "127.0.0.1:\(server.port)")],
                // Generous: a loaded 2-core machine can hold an answer back for a while; only silence times out.
                options: .init(timeout: .seconds(2), rounds: 2, socketsPerFamily: 1)
            )
            let result = try await body(DNSAudit(resolver: resolver))
            await resolver.close()
            return result
        }
    }

    private func audit(_ zone: Zone, _ subject: String = "192.0.2.83", helo: String? = nil) async throws
        -> DNSAuditResult
    {
        try await withAudit(zone) { audit in await audit.audit(Subject(subject)!, expectedHELO: helo) }
    }

    /// PTR 192.0.2.83 → mail.example.net, A mail.example.net → 192.0.2.83.
    private var matching: Zone {
        var zone = Zone()
        zone.add(Self.reverse, .ptr, .ptr(try! DomainName("mail.example.net")))
        zone.add("mail.example.net", .a, .a(Self.ip))
        return zone
    }

    private func kinds(_ result: DNSAuditResult) -> [String] { result.findings.map(\.kind) }

    @Test func aMatchingSetupHasNoFindings() async throws {
        let result = try await audit(matching)
        #expect(result.findings == [])
        #expect(result.ptrStatus == .found)
        #expect(result.ptrNames == ["mail.example.net"])
        #expect(result.reverseName == Self.reverse)
        #expect(result.fcrdnsConfirmed)
        #expect(result.suggestedHELOName == "mail.example.net")
        #expect(result.heloName == "mail.example.net")
        #expect(result.heloSource == .ptr)
        #expect(result.forwardAddresses["mail.example.net"] == [.ipv4(Self.ip)])
    }

    @Test func aPTRNameResolvingElsewhereIsAnFCrDNSMismatch() async throws {
        var zone = Zone()
        zone.add(Self.reverse, .ptr, .ptr(try DomainName("mail.example.net")))
        zone.add("mail.example.net", .a, .a(IPv4Address(198, 51, 100, 7)))
        let result = try await audit(zone)
        #expect(kinds(result) == ["fcrdnsMismatch"])
        #expect(!result.fcrdnsConfirmed)
        #expect(result.suggestedHELOName == nil)
        let finding = try #require(result.findings.first)
        #expect(finding.severity == .critical)
        #expect(finding.evidence.contains("PTR 83.2.0.192.in-addr.arpa → mail.example.net"))
        #expect(finding.evidence.contains("A mail.example.net → 198.51.100.7"))
        #expect(finding.fix.contains("add 192.0.2.83 to the A records of mail.example.net (now 198.51.100.7)"))
    }

    @Test func aPTRNameWithoutAddressIsForwardMissing() async throws {
        var zone = Zone()
        zone.add(Self.reverse, .ptr, .ptr(try DomainName("mail.example.net")))
        let result = try await audit(zone)
        #expect(kinds(result) == ["forwardMissing"])
        #expect(result.findings[0].fix == "add an A record mail.example.net → 192.0.2.83")
    }

    @Test func noPTRIsCritical() async throws {
        let result = try await audit(Zone(), helo: "mail.example.net")
        #expect(result.ptrStatus == .missing)
        #expect(kinds(result).contains("ptrMissing"))
        let finding = try #require(result.findings.first { $0.kind == "ptrMissing" })
        #expect(finding.severity == .critical)
        #expect(finding.evidence == ["PTR 83.2.0.192.in-addr.arpa: NXDOMAIN"])
        #expect(
            finding.fix
                == "ask the owner of 192.0.2.0/24 (your provider) to set the PTR of 192.0.2.83 to mail.example.net"
        )
        #expect(result.heloSource == .config)
    }

    @Test func aGenericPTRIsFlagged() async throws {
        var zone = Zone()
        zone.add(Self.reverse, .ptr, .ptr(try DomainName("192-0-2-83.dsl.example.net")))
        zone.add("192-0-2-83.dsl.example.net", .a, .a(Self.ip))
        let result = try await audit(zone)
        #expect(kinds(result) == ["ptrGeneric"])
        #expect(result.findings[0].severity == .warning)
        #expect(result.fcrdnsConfirmed)
    }

    @Test func severalPTRsAreFlagged() async throws {
        var zone = matching
        zone.add(Self.reverse, .ptr, .ptr(try DomainName("www.example.net")))
        zone.add("www.example.net", .a, .a(IPv4Address(198, 51, 100, 7)))
        let result = try await audit(zone)
        #expect(kinds(result) == ["ptrMultiple"])
        #expect(result.ptrNames == ["mail.example.net", "www.example.net"])
        #expect(result.suggestedHELOName == "mail.example.net")
        #expect(result.findings[0].fix.hasSuffix("keep one PTR for 192.0.2.83: mail.example.net"))
    }

    @Test func ipv6UsesIP6ArpaAndAAAA() async throws {
        let address = Subject("2001:db8::25")!
        let reverse = HELONameRules.normalized(try address.queryName(in: DomainName("ip6.arpa")).description)
        var zone = Zone()
        zone.add(reverse, .ptr, .ptr(try DomainName("mail6.example.net")))
        zone.add("mail6.example.net", .aaaa, .aaaa(IPv6Address("2001:db8::25")!))
        zone.add("mail6.example.net", .a, .a(Self.ip))
        let result = try await audit(zone, "2001:db8::25")
        #expect(result.reverseName.hasSuffix(".8.b.d.0.1.0.0.2.ip6.arpa"))
        #expect(result.findings == [])
        #expect(result.forwardAddresses["mail6.example.net"]?.count == 2)

        var onlyA = Zone()
        onlyA.add(reverse, .ptr, .ptr(try DomainName("mail6.example.net")))
        onlyA.add("mail6.example.net", .a, .a(Self.ip))
        let missing = try await audit(onlyA, "2001:db8::25")
        #expect(kinds(missing) == ["forwardMissing"])
        #expect(missing.findings[0].fix == "add an AAAA record mail6.example.net → 2001:db8::25")
    }

    @Test func aConfiguredHELOOtherThanThePTRIsFlagged() async throws {
        var zone = matching
        zone.add("other.example.com", .a, .a(Self.ip))
        let result = try await audit(zone, helo: "Other.Example.com.")
        #expect(kinds(result) == ["heloNotPTR"])
        #expect(result.heloName == "other.example.com")
        #expect(result.heloSource == .config)
        #expect(result.findings[0].fix.hasPrefix("set the MTA's HELO name to mail.example.net"))

        let unresolved = try await audit(matching, helo: "other.example.com")
        #expect(kinds(unresolved) == ["heloNotPTR", "heloForwardMissing"])

        var elsewhere = matching
        elsewhere.add("other.example.com", .a, .a(IPv4Address(198, 51, 100, 7)))
        #expect(kinds(try await audit(elsewhere, helo: "other.example.com")) == ["heloNotPTR", "heloForwardMismatch"])
    }

    @Test func theConfiguredHELOEqualToThePTRIsFine() async throws {
        #expect(try await audit(matching, helo: "MAIL.example.net.").findings == [])
    }

    @Test(arguments: [
        ("localhost", "heloLocal"), ("mail", "heloNotFQDN"), ("mail.local", "heloLocal"),
        ("192.0.2.83", "heloIsAddress"), ("mail..example.net", "heloNotFQDN"),
    ])
    func badHELONamesAreCritical(_ helo: String, _ kind: String) async throws {
        let result = try await audit(matching, helo: helo)
        #expect(kinds(result) == [kind])
        #expect(result.findings[0].severity == .critical)
        #expect(result.findings[0].fix.contains("to mail.example.net, whose A record holds 192.0.2.83"))
    }

    @Test func theAddressLiteralIsAcceptable() async throws {
        let result = try await audit(matching, helo: "[192.0.2.83]")
        #expect(result.findings.map(\.severity) == [.info])
        #expect(kinds(try await audit(matching, helo: "[198.51.100.7]")) == ["heloForwardMismatch"])
    }

    @Test(arguments: [true, false])
    func aFailingReverseZoneIsNotAMissingPTR(_ silent: Bool) async throws {
        var zone = matching
        if silent { zone.silent.insert(Self.reverse) } else { zone.servfail.insert(Self.reverse) }
        let result = try await audit(zone)
        #expect(kinds(result) == ["ptrLookupFailed"])
        #expect(result.findings[0].severity == .info)
        guard case .failed(let detail) = result.ptrStatus else {
            Issue.record("expected a failed PTR lookup, got \(result.ptrStatus)")
            return
        }
        #expect(detail.contains(silent ? "timeout" : "SERVFAIL"))
    }

    @Test func targetsAreAuditedPerAddressAndRangesAreCut() async throws {
        let targets = [
            try Target(parsing: "192.0.2.83", expectedHELO: "mail.example.net"),
            try Target(parsing: "example.org"),
            try Target(parsing: "198.51.100.0/30"),
            try Target(parsing: "203.0.112.0/23"),
        ]
        let results = try await withAudit(matching) { audit in await audit.audit(targets) }
        #expect(results.count == 1 + 4 + DNSAudit.maxAddressesPerRange)
        #expect(results[0].findings == [])
        #expect(results[1].ip == "198.51.100.0")
        #expect(results[4].ip == "198.51.100.3")
        #expect(results[1].notes == [])
        #expect(results[5].ip == "203.0.112.0")
        #expect(results[5].notes == ["audited the first 256 of 512 addresses of 203.0.112.0/23"])
        #expect(results[1].findings.map(\.kind) == ["ptrMissing"])
    }
}
