/// An ordered list of strings without case-insensitive duplicates, capped at a length.
struct UniqueList {
    /// The strings, first occurrence first.
    private(set) var items: [String] = []
    private var seen: Set<String> = []
    /// The most strings kept.
    let limit: Int

    /// Makes an empty list.
    /// - Parameter limit: the most strings kept.
    init(limit: Int) {
        self.limit = limit
    }

    /// Adds a string unless it (ignoring case) is already there, is empty, or the list is full.
    mutating func add(_ item: String) {
        guard !item.isEmpty, items.count < limit, seen.insert(item.lowercased()).inserted else { return }
        items.append(item)
    }

    /// Adds strings in order.
    mutating func add(contentsOf newItems: [String]) {
        for item in newItems { add(item) }
    }
}
