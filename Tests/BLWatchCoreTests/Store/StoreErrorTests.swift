import GRDB
import Testing

@testable import BLWatchCore

#if canImport(Glibc)
    import Glibc
#endif

/// Failures of SQLite and of the file system, told apart for the operator: a full disk, a write
/// lock held by another program, anything else.
struct StoreErrorTests {
    @Test func sqliteFullIsADiskFullIOFailure() {
        let error = StoreError.database(
            "/s/h.sqlite",
            cannot: "record the scan",
            DatabaseError(resultCode: .SQLITE_FULL)
        )
        #expect(error.code == .diskFull && error.status == .ioFailure)
        #expect(error.message == "/s/h.sqlite: cannot record the scan: no space left on device")
    }

    @Test func aBusyDatabaseSaysAnotherProcessHoldsItAndExitsAsLocked() {
        let error = StoreError.database(
            "/s/h.sqlite",
            cannot: "open the history database",
            DatabaseError(resultCode: .SQLITE_BUSY)
        )
        #expect(error.code == .busy && error.status == .locked)
        #expect(error.message.hasSuffix("another process holds a write lock on it (waited 5 s)"))
        #expect(error.hint?.contains("fuser /s/h.sqlite") == true)
    }

    @Test func otherFailuresKeepSQLitesWords() {
        let error = StoreError.database(
            "/s/h.sqlite",
            cannot: "read the history",
            DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed")
        )
        #expect(
            error.code == .io
                && error.message == "/s/h.sqlite: cannot read the history: database disk image is malformed"
        )
    }

    @Test(arguments: [(ENOSPC, StoreError.Code.diskFull), (EDQUOT, .diskFull), (EACCES, .io)])
    func systemErrorsAreLowerCase(number: Int32, code: StoreError.Code) {
        let error = StoreError.file("/s/feed.json", "cannot write", errno: number)
        #expect(error.code == code)
        let reason = String(cString: strerror(number))
        #expect(error.message == "/s/feed.json: cannot write: " + reason.prefix(1).lowercased() + reason.dropFirst())
    }
}
