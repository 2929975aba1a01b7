/// A monitored target as the operator configured it: one address, a CIDR range, or a domain,
/// with the HELO name its mail goes out with (used by the HELO audit).
public struct Target: Sendable, Hashable {
    /// What is monitored.
    public enum Scope: Sendable, Hashable {
        case single(Subject)
        case network(IPNetwork)
    }

    /// What is monitored.
    public var scope: Scope
    /// The name the MTA on this address should send in EHLO.
    public var expectedHELO: String?

    /// Creates a target.
    public init(_ scope: Scope, expectedHELO: String? = nil) {
        self.scope = scope
        self.expectedHELO = expectedHELO
    }

    /// Parses an address, a CIDR range or a domain.
    /// - Throws: ``TargetError`` saying what is wrong with `text`.
    public init(parsing text: String, expectedHELO: String? = nil) throws(TargetError) {
        if text.contains("/") {
            self.init(.network(try IPNetwork(text)), expectedHELO: expectedHELO)
        } else if let subject = Subject(text) {
            self.init(.single(subject), expectedHELO: expectedHELO)
        } else {
            throw TargetError("\"\(text)\" is not an IPv4 or IPv6 address, a CIDR range or a domain name")
        }
    }

    /// Every subject of the target, in address order.
    public var subjects: [Subject] {
        switch scope {
        case .single(let subject): [subject]
        case .network(let network): (0..<network.count).map(network.address(at:))
        }
    }
}
