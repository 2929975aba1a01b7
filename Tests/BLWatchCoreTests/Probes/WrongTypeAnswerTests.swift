import DNSWire
import Testing

@testable import BLWatchCore

/// An answer to an A query that holds a record of another type for the asked name is broken, not
/// NODATA: read as clean it would hide a listing (found by ScanUnderDNSFaultsTests).
struct WrongTypeAnswerTests {
    @Test(arguments: [
        RecordData.txt([Array("127.0.0.2".utf8)]), .aaaa(IPv6Address(high: 0x2001_0DB8_0000_0000, low: 2)),
        .ptr(try! DomainName("host.test")),
    ])
    func recordOfAnotherTypeIsUnknown(data: RecordData) throws {
        let name = try DomainName("2.0.0.127.zen.test")
        let type: RecordType =
            switch data {
            case .txt: .txt
            case .aaaa: .aaaa
            default: .ptr
            }
        let query = Message.query(id: 1, name: name, type: .a)
        var header = query.header
        header.isResponse = true
        let answer = Message(
            header: header,
            questions: query.questions,
            answers: [ResourceRecord(name: name, type: type, ttl: 60, data: data)]
        )
        let lookup = Lookup(outcome: .response(answer), server: "s", duration: .zero)
        let verdict = AnswerClassifier.classify(lookup, name: name, zone: AnswerClassifierTests.zone).verdict
        guard case .unknown(let cause) = verdict else {
            Issue.record("a \(type) record gave \(verdict), expected unknown")
            return
        }
        #expect(cause.token == "malformed")
    }
}
