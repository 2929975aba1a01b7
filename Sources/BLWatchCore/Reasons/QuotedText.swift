/// Text between quotation marks: ASCII `"` and `'`, typographic “ ” ‘ ’ and « ».
enum QuotedText {
    /// Opening marks with the closing marks they accept (pages mix straight and curly quotes).
    private static let pairs: [(open: [UInt8], close: [[UInt8]])] = [
        ([0x22], [[0x22], [0xE2, 0x80, 0x9D]]),
        ([0x27], [[0x27], [0xE2, 0x80, 0x99]]),
        ([0xE2, 0x80, 0x9C], [[0xE2, 0x80, 0x9D], [0x22]]),
        ([0xE2, 0x80, 0x98], [[0xE2, 0x80, 0x99], [0x27]]),
        ([0xC2, 0xAB], [[0xC2, 0xBB]]),
    ]

    /// The longest quoted text read; a quote that does not close within it is not a quotation.
    static let maximumLength = 256

    /// The text of a quotation opening at `start`, or `nil` when none opens there or it never closes.
    /// - Parameters:
    ///   - bytes: UTF-8 text.
    ///   - start: where the opening mark would be.
    static func read(_ bytes: [UInt8], at start: Int) -> String? {
        guard start < bytes.count,
            let pair = pairs.first(where: { bytes[start...].starts(with: $0.open) })
        else { return nil }
        let contentStart = start + pair.open.count
        var index = contentStart
        while index < bytes.count, index - contentStart <= maximumLength {
            if pair.close.contains(where: { bytes[index...].starts(with: $0) }) {
                return String(decoding: bytes[contentStart..<index], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }
}
