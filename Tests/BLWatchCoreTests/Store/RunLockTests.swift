import Foundation
import Testing

@testable import BLWatchCore

/// The scan lock: exclusive, and released with its holder.
struct RunLockTests {
    @Test func secondLockFailsUntilTheFirstIsReleased() throws {
        let directory = try TemporaryDirectoryForStore()
        defer { directory.remove() }
        let path = directory.path + "/h.sqlite"
        var first: RunLock? = try RunLock(databasePath: path)
        #expect(throws: StoreError(.locked, "")) { try RunLock(databasePath: path) }
        #expect(first != nil)
        first = nil
        #expect(try RunLock(databasePath: path).path == path + ".lock")
    }
}
