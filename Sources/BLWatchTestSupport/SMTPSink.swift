import Foundation

/// One message an `SMTPSink` accepted, with what the client said about itself.
public struct SMTPSession: Sendable, Hashable, Decodable {
    /// The EHLO (or HELO) argument exactly as received; empty if the client sent none.
    public var ehlo: String
    /// Whether the message came over TLS (STARTTLS or implicit).
    public var tls: Bool
    /// The authenticated user, `nil` without AUTH.
    public var auth: String?
    /// The envelope sender.
    public var from: String
    /// The accepted envelope recipients.
    public var recipients: [String]
    /// The message's file name in the sink's directory, such as `1.eml`.
    public var file: String

    private enum CodingKeys: String, CodingKey {
        case ehlo, tls, auth, from, file
        case recipients = "rcpt"
    }
}

/// A real SMTP server on 127.0.0.1 that stores what it accepts, for testing mail delivery.
///
/// It is aiosmtpd (Debian's `python3-aiosmtpd`) run by `/usr/bin/python3` (another `python3` earlier on
/// the PATH may lack aiosmtpd), with optional STARTTLS, implicit TLS, AUTH and a rejected recipient.
/// It binds port 0 (or the port asked for) and prints the port, so there is no port race. Each accepted
/// message is stored as `<n>.eml` (bytes as received, dot-stuffing undone) with one line in
/// `sessions.jsonl`.
public final class SMTPSink: Sendable {
    /// The interpreter that has aiosmtpd.
    public static let python = "/usr/bin/python3"

    /// AUTH credentials the sink accepts (the only pair it accepts).
    public struct Credentials: Sendable, Hashable {
        /// The user name.
        public var user: String
        /// The password.
        public var password: String

        /// Creates credentials.
        public init(user: String, password: String) {
            self.user = user
            self.password = password
        }
    }

    /// What the sink offers and refuses.
    public struct Options: Sendable {
        /// Offer STARTTLS with this server certificate.
        public var starttls: TestCertificates? = nil
        /// Refuse everything but EHLO, STARTTLS, NOOP and QUIT before STARTTLS (needs `starttls`).
        public var requireTLS = false
        /// Speak TLS from the first byte (smtps) with this certificate; `url` is then `smtps://`.
        public var implicitTLS: TestCertificates? = nil
        /// Advertise AUTH PLAIN and LOGIN, require it, and accept only these credentials (only after
        /// STARTTLS when `starttls` is set).
        public var auth: Credentials? = nil
        /// Answer RCPT TO for this address with 550.
        public var rejectRecipient: String? = nil
        /// Refuse every message after its data with 554 (a content filter's verdict).
        public var rejectMessage = false

        /// Plain SMTP: no TLS, no AUTH, every recipient accepted.
        public init() {}
    }

    /// The port the sink listens on.
    public let port: Int
    /// `smtp://127.0.0.1:PORT` (`smtps://` with `implicitTLS`).
    public var url: String { "\(implicitTLS ? "smtps" : "smtp")://127.0.0.1:\(port)" }
    private let implicitTLS: Bool
    private let process: PythonProcess
    private let directory: TemporaryDirectory

    private init(process: PythonProcess, directory: TemporaryDirectory, implicitTLS: Bool) {
        port = process.port
        self.process = process
        self.directory = directory
        self.implicitTLS = implicitTLS
    }

    /// Whether SMTP tests should run: `/usr/bin/python3` can import aiosmtpd, or running under CI
    /// (where a missing aiosmtpd must fail, not skip).
    public static let isAvailable: Bool = {
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import aiosmtpd.smtp"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Starts a sink on a port of its own choosing.
    /// - Parameter options: TLS, AUTH and rejections.
    /// - Returns: the running sink; call `stop()` (or use `withSMTPSink`).
    /// - Throws: `TestSupportError` when the server does not start within 10 seconds.
    public static func start(_ options: Options = .init()) async throws -> SMTPSink {
        try await start(port: 0, options)
    }

    /// Starts a sink on `port`, for "the server was down, now it is up" tests: reserve a port with
    /// `reserveLoopbackPort()`, fail against it while nothing listens, then start the sink there.
    /// - Parameters:
    ///   - port: the port to listen on.
    ///   - options: TLS, AUTH and rejections.
    /// - Returns: the running sink.
    /// - Throws: `TestSupportError` when the port is taken or the server does not start.
    public static func start(onPort port: Int, _ options: Options = .init()) async throws -> SMTPSink {
        try await start(port: port, options)
    }

    private static func start(port: Int, _ options: Options) async throws -> SMTPSink {
        let directory = try TemporaryDirectory(prefix: "blwatch-smtp")
        do {
            let process = try await PythonProcess.start(
                python: python,
                script: script,
                name: "sink.py",
                arguments: [directory.path, "--port", String(port)] + arguments(options),
                directory: directory,
                label: "SMTP sink"
            )
            return SMTPSink(process: process, directory: directory, implicitTLS: options.implicitTLS != nil)
        } catch {
            directory.remove()
            throw error
        }
    }

    /// The script's command-line options for `options`.
    private static func arguments(_ options: Options) -> [String] {
        var arguments: [String] = []
        if let certificates = options.starttls {
            arguments += ["--starttls", certificates.certFile, certificates.keyFile]
            if options.requireTLS { arguments.append("--require-starttls") }
        }
        if let certificates = options.implicitTLS {
            arguments += ["--implicit-tls", certificates.certFile, certificates.keyFile]
        }
        if let auth = options.auth { arguments += ["--auth", "\(auth.user):\(auth.password)"] }
        if let rejected = options.rejectRecipient { arguments += ["--reject-rcpt", rejected] }
        if options.rejectMessage { arguments.append("--reject-data") }
        return arguments
    }

    /// Every accepted message, raw, in arrival order, decoded as UTF-8 (invalid bytes replaced).
    /// - Throws: when the files cannot be read.
    public func messages() throws -> [String] {
        try sessions().map { session in
            String(decoding: try Data(contentsOf: URL(fileURLWithPath: directory.file(session.file))), as: UTF8.self)
        }
    }

    /// Every accepted message's session, in arrival order.
    /// - Throws: when the log cannot be read or decoded.
    public func sessions() throws -> [SMTPSession] {
        let path = directory.file("sessions.jsonl")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try JSONDecoder().decode(SMTPSession.self, from: Data(line.utf8))
        }
    }

    /// Stops the server and removes its files; safe to call twice.
    public func stop() {
        process.stop()
        directory.remove()
    }
}

/// Runs `body` with an SMTP sink, and always stops it afterwards.
/// - Parameters:
///   - options: TLS, AUTH and rejections.
///   - body: the test, given the running sink.
/// - Returns: what `body` returns.
public func withSMTPSink<T>(_ options: SMTPSink.Options = .init(), _ body: (SMTPSink) async throws -> T) async throws
    -> T
{
    let sink = try await SMTPSink.start(options)
    defer { sink.stop() }
    return try await body(sink)
}

/// A loopback TCP port that was free a moment ago: bound on 127.0.0.1 port 0, read, closed.
///
/// Nothing listens on it afterwards, so a connection is refused until something binds it; another
/// process could take it in between, which is unlikely enough for tests.
/// - Returns: the port.
/// - Throws: `TestSupportError` when no socket can be bound.
public func reserveLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw TestSupportError("cannot create a socket: errno \(errno)") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
            bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
        }
    }
    guard bound else { throw TestSupportError("cannot bind a loopback port: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}
