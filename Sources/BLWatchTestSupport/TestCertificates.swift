import Foundation

/// A throwaway CA and a server certificate it signed for `127.0.0.1` (and `localhost`), made with the
/// `openssl` command in a temporary directory, for TLS tests against local servers.
///
/// Keys are P-256, so making a set takes milliseconds; certificates are valid for two days. A client
/// trusts the server only when given `caFile`, which is how tests check that verification is on.
public struct TestCertificates: Sendable, Hashable {
    /// The CA certificate (PEM): what a client must trust.
    public let caFile: String
    /// The server certificate (PEM), subjectAltName `IP:127.0.0.1, DNS:localhost`.
    public let certFile: String
    /// The server's private key (PEM, unencrypted).
    public let keyFile: String
    private let directory: String

    /// Makes a CA and a server certificate in a new temporary directory.
    /// - Returns: the files; call `remove()` when done.
    /// - Throws: `TestSupportError` when `openssl` is missing or fails (with its output).
    public static func make() throws -> TestCertificates {
        guard let openssl = Tool.path(of: "openssl") else { throw TestSupportError("openssl is not installed") }
        let directory = try TemporaryDirectory(prefix: "blwatch-certs")
        do {
            try directory.write("server.ext", extensions)
            for arguments in commands {
                try run(openssl, arguments, in: directory)
            }
        } catch {
            directory.remove()
            throw error
        }
        return TestCertificates(
            caFile: directory.file("ca.pem"),
            certFile: directory.file("server.pem"),
            keyFile: directory.file("server.key"),
            directory: directory.path
        )
    }

    /// Removes the files.
    public func remove() {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The `openssl` invocations, run in the directory.
    private static let commands: [[String]] = [
        [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "ca.key", "-out", "ca.pem", "-days", "2", "-subj", "/CN=blwatch test CA",
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ],
        [
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1",
        ],
        [
            "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "2",
            "-out", "server.pem", "-days", "2", "-extfile", "server.ext",
        ],
    ]

    /// The server certificate's extensions: what a TLS client checks.
    private static let extensions = """
        subjectAltName=IP:127.0.0.1,DNS:localhost
        basicConstraints=critical,CA:FALSE
        keyUsage=critical,digitalSignature,keyEncipherment
        extendedKeyUsage=serverAuth
        subjectKeyIdentifier=hash
        authorityKeyIdentifier=keyid,issuer

        """

    /// Runs `openssl arguments` in `directory`, its output kept for the error message.
    private static func run(_ openssl: String, _ arguments: [String], in directory: TemporaryDirectory) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory.path)
        let log = try directory.write("openssl.log", "")
        let handle = FileHandle(forWritingAtPath: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try handle?.close()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw TestSupportError("openssl \(arguments[0]) failed: \(output)")
        }
    }
}
