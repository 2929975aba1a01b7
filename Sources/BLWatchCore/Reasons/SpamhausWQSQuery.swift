import BLWatchCurl
import DNSWire
import Foundation

/// One lookup in the Spamhaus Web Query Service: `GET <wqsURL>/<DATASET>/<target>` with the DQS key
/// as a bearer token (DOMAIN.md §2.2). 200 lists the codes, 404 means not listed; 401, 403 and 429
/// are warnings for the operator, and the episode is asked again in a later run.
struct SpamhausWQSQuery: Sendable {
    /// What the service said.
    enum Answer: Sendable {
        /// A row to store.
        case record(ListingReasonRecord)
        /// This lookup failed for a passing cause (timeout, 5xx): ask again next run.
        case retryLater(String)
        /// The key was rejected or rate-limited: no more WQS lookups this run.
        case refused(String)
    }

    let client: HTTPClient
    let key: String

    func ask(_ request: ReasonRequest) async -> Answer {
        let http = HTTPRequest(
            url: request.url,
            headers: [HTTPHeader("Authorization", "Bearer \(key)"), HTTPHeader("Accept", "application/json")]
        )
        let response: HTTPResponse
        do {
            response = try await client.send(http)
        } catch {
            return .retryLater("Spamhaus WQS: \(error.message); the reasons it would give wait for the next run")
        }
        var record = ListingReasonRecord(
            listingId: request.episode.id ?? 0,
            source: .wqs,
            url: request.url,
            httpStatus: response.status,
            fetchedAt: Date()
        )
        switch response.status {
        case 200:
            guard let codes = Self.codes(in: response.body) else {
                record.unavailable = "Spamhaus WQS answered 200 without a resp list"
                return .record(record)
            }
            record.codes = Self.describe(codes, zone: request.zone)
        case 404:
            record.codes = ""
        case 401:
            return .refused("Spamhaus WQS rejected the DQS key (HTTP 401): check dqsKey in blwatch.yaml")
        case 403:
            return .refused(
                "Spamhaus WQS denied the lookup (HTTP 403): the DQS key is not allowed to use WQS or this dataset"
            )
        case 429:
            return .refused(
                "Spamhaus WQS is rate-limiting this key (HTTP 429): the remaining lookups wait for the next run"
            )
        case 500...599:
            return .retryLater("Spamhaus WQS failed (HTTP \(response.status)); it is asked again next run")
        default:
            record.unavailable = "Spamhaus WQS answered HTTP \(response.status)"
        }
        return .record(record)
    }

    /// The `resp` numbers of `{"resp":[1002,1004],"status":200}`.
    static func codes(in body: [UInt8]) -> [Int]? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(body)) as? [String: Any],
            let resp = object["resp"] as? [Any]
        else { return nil }
        return resp.compactMap { ($0 as? NSNumber)?.intValue }
    }

    /// WQS numbers as DNS codes with their lists: 1004 → `127.0.0.4 XBL` (the thousands give the
    /// third octet: 1xxx → 127.0.0.x, 2xxx → 127.0.1.x, 3xxx → 127.0.2.x; DOMAIN.md §2.1).
    static func describe(_ codes: [Int], zone: Zone) -> String {
        codes.map { number in
            let thousands = number / 1000
            let last = number % 1000
            guard (1...255).contains(thousands), (0...255).contains(last) else { return "\(number)" }
            let address = IPv4Address(0x7F00_0000 | UInt32(thousands - 1) << 8 | UInt32(last))
            let list = zone.meaning(of: address)?.list
            return list.map { "\(address) \($0)" } ?? "\(address)"
        }.joined(separator: ", ")
    }
}
