import DNSWire

@testable import BLWatchCore

/// Catalog entries for the fixture zones the scan tests serve from rbldnsd.
enum TestCatalog {
    /// A zone entry in lists.json form.
    static func entry(_ id: String, kinds: [String] = ["ipv4", "ipv6"], codes: String = "", txt: Bool = true) -> String
    {
        let kindList = kinds.map { "\"\($0)\"" }.joined(separator: ", ")
        return """
            {"id": "\(id)", "name": "\(id)", "zone": "\(id).test", "kinds": [\(kindList)], "txt": \(txt),
             "codes": {\(codes)}, "access": {"type": "free"}, "status": {"state": "active"}, "tags": ["default"]}
            """
    }

    /// Spamhaus-like codes for zone entries.
    static let zenCodes = """
        "127.0.0.2": {"kind": "listing", "list": "SBL", "category": "spam", "severity": "high", "meaning": "spam source"},
        "127.0.0.4-127.0.0.7": {"kind": "listing", "list": "XBL", "category": "exploit", "severity": "high", "meaning": "exploited host", "action": "fix the HELO, then self-delist"},
        "127.0.0.10-127.0.0.11": {"kind": "listing", "list": "PBL", "category": "policy", "severity": "medium", "meaning": "end-user range"},
        "127.255.255.252-127.255.255.255": {"kind": "error", "cause": "openResolver", "meaning": "query refused"}
        """

    /// A catalog of `entries`.
    static func catalog(_ entries: [String]) throws -> Catalog {
        try Catalog.parse(
            "{\"version\": 1, \"zones\": [\(entries.joined(separator: ",\n"))]}",
            file: "test-lists.json",
            source: "test"
        )
    }
}
