/// A text buffer that collapses whitespace as it is written: runs of spaces become one space, runs of
/// line breaks (with any spaces around them) become one line break, and nothing leads or trails.
struct CollapsingText {
    /// The UTF-8 bytes written so far.
    private(set) var bytes: [UInt8] = []
    /// Bytes past this count are dropped (captures such as link text need only a little).
    let limit: Int
    /// Whether line breaks are kept; otherwise they count as spaces.
    let keepsBreaks: Bool
    private var pendingSpace = false
    private var pendingBreak = false

    /// Makes an empty buffer.
    /// - Parameters:
    ///   - limit: the most bytes kept.
    ///   - keepsBreaks: whether line breaks survive.
    init(limit: Int, keepsBreaks: Bool) {
        self.limit = limit
        self.keepsBreaks = keepsBreaks
    }

    /// Whether nothing visible has been written.
    var isEmpty: Bool { bytes.isEmpty }

    /// The text as a string.
    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Appends a visible (non-whitespace) byte, first writing any pending separator.
    mutating func append(_ byte: UInt8) {
        guard bytes.count < limit else { return }
        if !bytes.isEmpty {
            if pendingBreak {
                bytes.append(keepsBreaks ? 0x0A : 0x20)
            } else if pendingSpace {
                bytes.append(0x20)
            }
        }
        pendingSpace = false
        pendingBreak = false
        bytes.append(byte)
    }

    /// Appends visible bytes.
    mutating func append(contentsOf visible: [UInt8]) {
        append(run: visible[...])
    }

    /// Appends a run of visible (non-whitespace) bytes at once.
    mutating func append(run: ArraySlice<UInt8>) {
        guard let first = run.first, bytes.count < limit else { return }
        append(first)
        // The separator written before `first` can take the count to `limit + 1` (found by scripts/fuzz).
        bytes.append(contentsOf: run.dropFirst().prefix(max(0, limit - bytes.count)))
    }

    /// Notes a space before the next visible byte.
    mutating func space() {
        pendingSpace = true
    }

    /// Notes a line break before the next visible byte.
    mutating func lineBreak() {
        pendingBreak = true
    }
}
