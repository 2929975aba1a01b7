/// A plain-text table with left-aligned columns, for terminal output.
public struct TextTable: Sendable {
    private let header: [String]
    private var rows: [[String]] = []

    /// Creates a table with column titles.
    public init(_ header: [String]) {
        self.header = header
    }

    /// Appends a row (missing cells are blank, extra cells are dropped).
    public mutating func append(_ row: [String]) {
        rows.append((0..<header.count).map { $0 < row.count ? row[$0] : "" })
    }

    /// Whether the table has no rows.
    public var isEmpty: Bool { rows.isEmpty }

    /// The table as lines indented by `indent` spaces; the last column is not padded.
    public func render(indent: Int = 2) -> String {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        let pad = String(repeating: " ", count: indent)
        return ([header] + rows).map { row in
            pad
                + row.enumerated().map { column, cell in
                    column == row.count - 1 ? cell : cell.padding(to: widths[column])
                }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

extension String {
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
