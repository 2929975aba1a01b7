import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

#if canImport(Glibc)
    import Glibc
#endif

/// Hostile `blwatch.yaml` files: each is refused with one clear line naming the file, the line and
/// the field, quickly, and never by a crash or a hang. The fixtures are `Fixtures/config/hostile`.
struct HostileConfigTests {
    /// Each fixture and its exact message, after `<path of the fixture>`.
    static let hostileConfigs: [(String, String)] = [
        // Alias bombs: refused at the first anchor, before anything is expanded.
        ("invalid-billion-laughs.yaml", ":2: YAML anchors and aliases are not supported"),
        ("invalid-alias.yaml", ":1: YAML anchors and aliases are not supported"),
        // Bytes that are not UTF-8 text: named by line and value, not decoded into U+FFFD.
        ("invalid-binary-garbage.yaml", ":1: not UTF-8 text (byte 0x89): save the file as UTF-8"),
        ("invalid-utf16.yaml", ":1: not UTF-8 text (byte 0xFF): save the file as UTF-8"),
        ("invalid-latin1.yaml", ":3: not UTF-8 text (byte 0xE4): save the file as UTF-8"),
        ("invalid-nul-byte.yaml", ":2: unreadable YAML: control characters are not allowed (0x0)"),
        ("invalid-control-character.yaml", ":2: unreadable YAML: control characters are not allowed (0x7)"),
        // Nesting: libyaml stops at 1000 levels, flow or block.
        ("invalid-deep-nesting.yaml", ":1: invalid YAML: nested deeper than 1000 levels"),
        ("invalid-deep-block-nesting.yaml", ":1000: invalid YAML: nested deeper than 1000 levels"),
        // Numbers: too many digits is out of range, not "not a number".
        ("invalid-huge-number.yaml", ":1: concurrency: 99999999999999999999999999999999 is out of range (1...10000)"),
        ("invalid-negative-number.yaml", ":1: concurrency: -5 is out of range (1...10000)"),
        ("invalid-fraction.yaml", ":1: timeout: expected a whole number, found 1.5"),
        ("invalid-exponent.yaml", ":1: timeout: expected a whole number, found 1e999999"),
        // Wrong types.
        ("invalid-object-for-string.yaml", ":2: dqsKey: expected a string, found an object"),
        ("invalid-list-for-number.yaml", ":1: timeout: expected a whole number, found a list"),
        ("invalid-boolean-for-list.yaml", ":1: targets: expected a list, found a boolean"),
        (
            "invalid-null-target.yaml",
            #":3: targets[1]: "" is not an IPv4 or IPv6 address, a CIDR range or a domain name"#
        ),
        ("invalid-top-level-list.yaml", ":1: expected an object, found a list"),
        ("invalid-top-level-text.yaml", ":1: expected an object, found a string"),
        ("invalid-non-scalar-key.yaml", ":1: keys must be plain text"),
        (
            "invalid-multiple-documents.yaml",
            ":2: invalid YAML: but found another document while expected a single document in the stream "
                + "that starts on line 1"
        ),
        (
            "invalid-tab-indentation.yaml",
            ":2: invalid YAML: found character that cannot start any token while scanning for the next token"
        ),
        // The same entry twice is an error, like a duplicate key or zone id: the operator meant something else.
        ("invalid-duplicate-target.yaml", ":4: targets[2]: 192.0.2.1 is listed twice (first as targets[0], line 2)"),
        (
            "invalid-duplicate-range.yaml",
            ":3: targets[1]: 192.0.2.0/29 is listed twice (first as targets[0], line 2)"
        ),
        ("invalid-duplicate-domain.yaml", ":3: domains[1]: example.net is listed twice (first as domains[0], line 2)"),
        ("invalid-duplicate-selector.yaml", ":4: lists[2]: default is listed twice (first as lists[0], line 2)"),
        // Values that would end up in DNS names or be compared with an SMTP greeting.
        (
            "invalid-dqs-key.yaml",
            ":1: dqsKey: not a DQS key: expected letters, digits and dashes, at most 63 (one DNS label); "
                + "the value is not shown"
        ),
        (
            "invalid-helo-with-space.yaml",
            #":3: targets[0].helo: "mail.example.net; rm -rf /" is not a HELO name (a host name of at most 253 "#
                + "bytes, no spaces or control characters)"
        ),
        (
            "invalid-helo-too-long.yaml",
            ":3: targets[0].helo: the value is not a HELO name (a host name of at most 253 bytes, no spaces or "
                + "control characters)"
        ),
    ]

    @Test(arguments: hostileConfigs)
    func rejectsHostileConfig(file: String, message: String) throws {
        let path = Fixtures.path("config/hostile/\(file)")
        let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: path) }
        #expect(error?.message == path + message)
        #expect(error?.status == .configInvalid)
    }

    @Test func everyHostileFixtureIsInTheTable() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Fixtures.path("config/hostile"))
        #expect(Set(files) == Set(Self.hostileConfigs.map(\.0)))
    }

    @Test func anInvalidDQSKeyIsNeverRepeated() throws {
        let error = #expect(throws: ConfigError.self) {
            try OperatorConfig.load(path: Fixtures.path("config/hostile/invalid-dqs-key.yaml"))
        }
        #expect(error?.message.contains("hunter2") == false)
        let long = String(repeating: "k", count: 64)
        let tooLong = #expect(throws: ConfigError.self) {
            try OperatorConfig.parse("dqsKey: \(long)\n", file: "b.yaml")
        }
        #expect(tooLong?.message.contains(long) == false)
        #expect(try OperatorConfig.parse("dqsKey: \(long.dropLast())\n", file: "b.yaml").dqsKey?.count == 63)
    }

    // MARK: - Huge values

    @Test func aTenMegabyteFileIsRefusedUnread() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let text = "dqsKey: \"" + String(repeating: "x", count: 10_000_000) + "\"\n"
        let path = try directory.write("blwatch.yaml", text)
        let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: path) }
        #expect(error?.message == "\(path): is 10000011 bytes; a configuration file is at most 4 MiB")
    }

    @Test func aMegabyteValueGivesAShortMessage() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let value = String(repeating: "1", count: 1_000_000)
        let path = try directory.write("blwatch.yaml", "targets:\n  - \"\(value)\"\n")
        let error = try #require(throws: ConfigError.self) { try OperatorConfig.load(path: path) }
        // The start (file, line, field) and the end (what is wrong) stay; the middle of the value goes.
        #expect(error.message.count < 700)
        #expect(error.message.hasPrefix("\(path):2: targets[0]: \"111"))
        #expect(error.message.contains("[… 999"))
        #expect(error.message.hasSuffix("111\" is not an IPv4 or IPv6 address, a CIDR range or a domain name"))
    }

    @Test func aHundredThousandDigitNumberIsOutOfRange() throws {
        let digits = String(repeating: "9", count: 100_000)
        let error = try #require(throws: ConfigError.self) {
            try OperatorConfig.parse("timeout: \(digits)\n", file: "b.yaml")
        }
        #expect(error.message.count < 700)
        #expect(
            error.message.hasPrefix("b.yaml:1: timeout: 999") && error.message.hasSuffix("999 is out of range (1...60)")
        )
    }

    // MARK: - Files that are not files

    @Test func aDirectoryIsNamedAsOne() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: directory.path) }
        #expect(error?.message == "\(directory.path): is a directory, not a file")
    }

    @Test func aPipeIsRefusedWithoutWaitingForAWriter() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let fifo = directory.file("blwatch.yaml")
        try #require(mkfifo(fifo, 0o644) == 0)
        for path in [fifo, "/dev/null", "/dev/zero"] {
            let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: path) }
            #expect(error?.message == "\(path): is not a regular file (a pipe, socket or device)")
        }
    }

    /// Root reads any file whatever its mode; /proc/self/mem refuses a read at offset 0 even to root,
    /// so the unreadable case is tested the same way whoever runs the tests.
    @Test(arguments: ["/proc/self/mem", "/nonexistent/blwatch.yaml"])
    func anUnreadableFileIsNamed(path: String) throws {
        let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: path) }
        #expect(error?.message == "\(path): cannot read the configuration file")
    }

    @Test func linksAreFollowedAndADanglingOneIsUnreadable() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let real = try directory.write("real.yaml", "timeout: 7\n")
        let link = directory.file("blwatch.yaml")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(try OperatorConfig.load(path: link).timeout == 7)
        let dangling = directory.file("dangling.yaml")
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: directory.file("gone"))
        let error = #expect(throws: ConfigError.self) { try OperatorConfig.load(path: dangling) }
        #expect(error?.message == "\(dangling): cannot read the configuration file")
    }

    @Test(arguments: [[], [0xEF, 0xBB, 0xBF], Array("\n\n# only comments\n".utf8)] as [[UInt8]])
    func anEmptyFileOrAByteOrderMarkLoads(bytes: [UInt8]) throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-hostile")
        defer { directory.remove() }
        let path = directory.file("blwatch.yaml")
        try Data(bytes + Array("timeout: 3\n".utf8)).write(to: URL(fileURLWithPath: path))
        #expect(try OperatorConfig.load(path: path).timeout == 3)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        #expect(try OperatorConfig.load(path: path).timeout == nil)
    }
}
