import BLWatchTestSupport
import Foundation

/// The ground truth of the crash trials: which addresses of one range each zone lists, and with
/// which code. A few percent are listed; each trial changes some of them, so every scan has
/// listings to open, to close and to update, and alerts to send.
struct CrashTruth {
    static let zoneIDs = ["a", "b", "c"]
    static let codes = ["127.0.0.4", "127.0.0.10"]

    /// The range, such as `10.16.0.0/22`.
    let range: String
    private let base: UInt32
    private let size: Int
    /// zone id → address offset → code.
    private(set) var listed: [String: [Int: String]] = [:]

    /// A range of `10.16.0.0/prefix` with about 3 % of it listed on each zone.
    init(prefix: Int, random: inout SeededRandom) {
        base = 10 << 24 | 16 << 16
        size = 1 << (32 - prefix)
        range = "10.16.0.0/\(prefix)"
        for zone in Self.zoneIDs {
            var entries: [Int: String] = [:]
            for offset in 0..<size where Double.random(in: 0..<1, using: &random) < 0.03 {
                entries[offset] = Self.codes.randomElement(using: &random)!
            }
            listed[zone] = entries
        }
    }

    /// Changes the truth a little: a fifth of the listings go, a few percent change code, and
    /// about as many new ones appear as went.
    mutating func churn(_ random: inout SeededRandom) {
        for zone in Self.zoneIDs {
            var entries = listed[zone] ?? [:]
            let before = entries.count
            // Sorted: a dictionary's order changes from process to process, the seed's effect must not.
            for offset in entries.keys.sorted() {
                let code = entries[offset]!
                let roll = Double.random(in: 0..<1, using: &random)
                if roll < 0.2 {
                    entries[offset] = nil
                } else if roll < 0.25 {
                    entries[offset] = code == Self.codes[0] ? Self.codes[1] : Self.codes[0]
                }
            }
            for _ in 0..<max(2, before / 5) {
                entries[Int.random(in: 0..<size, using: &random)] = Self.codes.randomElement(using: &random)!
            }
            listed[zone] = entries
        }
    }

    /// `ip|zone` → code, the episodes that must be open after a complete scan.
    var pairs: [String: String] {
        var pairs: [String: String] = [:]
        for (zone, entries) in listed {
            for (offset, code) in entries { pairs["\(address(offset))|\(zone)"] = code }
        }
        return pairs
    }

    /// The zones rbldnsd serves, each with the RFC 5782 test entry.
    var zones: [RbldnsdZone] {
        Self.zoneIDs.map { zone in
            let entries = (listed[zone] ?? [:]).sorted { $0.key < $1.key }.map { offset, code in
                "\(address(offset)) :\(code):Listed on \(zone), see https://\(zone).crash.test/?ip=$"
            }
            return RbldnsdZone("\(zone).crash.test", "ip4set", [":127.0.0.2:test", "127.0.0.2"] + entries)
        }
    }

    private func address(_ offset: Int) -> String {
        let value = base + UInt32(offset)
        return "\(value >> 24).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }

    /// The catalog: three zones, both codes known, no lookup pages (nothing but DNS and SMTP).
    static let catalog: String = {
        let zones = zoneIDs.map { zone in
            """
            {"id": "\(zone)", "name": "Crash \(zone)", "zone": "\(zone).crash.test", "kinds": ["ipv4"], "txt": true,
             "codes": {"127.0.0.4": {"kind": "listing", "list": "XBL", "category": "exploit", "severity": "high",
               "meaning": "exploited host"}, "127.0.0.10": {"kind": "listing", "list": "PBL", "category": "policy",
               "severity": "medium", "meaning": "end-user range"}},
             "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]}
            """
        }
        return #"{"version": 1, "zones": ["# + zones.joined(separator: ",\n") + "]}"
    }()
}
