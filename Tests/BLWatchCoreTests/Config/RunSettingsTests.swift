import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// Where resolvers come from, and which commands need one.
struct RunSettingsTests {
    static let catalog = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lists.json").path

    func overrides(resolvConf text: String, in directory: TemporaryDirectory) throws -> RunSettings.Overrides {
        var overrides = RunSettings.Overrides()
        overrides.listsPath = Self.catalog
        overrides.resolvConfPath = try directory.write("resolv.conf", text)
        overrides.databasePath = directory.file("h.sqlite")
        return overrides
    }

    @Test func resolvConfIsTheFallback() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let settings = try RunSettings.resolve(
            overrides(resolvConf: "nameserver 127.0.0.53\nnameserver ::1\n", in: directory),
            environment: [:]
        )
        #expect(settings.servers.map(\.description) == ["127.0.0.53:53", "[::1]:53"])
    }

    @Test func commandLineServersWin() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var overrides = try overrides(resolvConf: "nameserver 127.0.0.53\n", in: directory)
        overrides.servers = ["127.0.0.1:5353"]
        #expect(try RunSettings.resolve(overrides, environment: [:]).servers.map(\.description) == ["127.0.0.1:5353"])
    }

    @Test func withoutAnyResolverOnlyQueriesFail() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // status, history and lists read settings too: they must work without a resolver.
        let settings = try RunSettings.resolve(
            overrides(resolvConf: "# no nameserver\n", in: directory),
            environment: [:]
        )
        #expect(settings.servers.isEmpty)
        #expect(try settings.selection().zones.isEmpty == false)
        let error = await #expect(throws: ResolverError.self) { try await StubResolver.open(servers: settings.servers) }
        #expect(error?.code == .noServers)
        #expect(error?.message == "no resolver configured and none in /etc/resolv.conf")
    }
}
