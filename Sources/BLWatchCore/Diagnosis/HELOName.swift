/// The shape test the diagnosis applies to HELO values a list reports.
enum HELOName {
    /// A dotted name with a non-numeric last label, or an address literal `[…]`.
    static func looksQualified(_ value: String) -> Bool {
        if value.hasPrefix("[") && value.hasSuffix("]") { return true }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty }), let last = labels.last else { return false }
        return !last.allSatisfy(\.isNumber) && value.lowercased() != "localhost.localdomain"
    }
}
