import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `blwatch init`: writes a commented starter `blwatch.yaml` with this machine's public addresses
/// as targets and the MTA's HELO name, and never overwrites an existing file.
public struct InitJob: Sendable {
    /// Where `blwatch init` writes when no path is given: where blwatch reads by default.
    public static let defaultPath = "/etc/blwatch/blwatch.yaml"

    /// What was written.
    public struct Outcome: Sendable {
        /// The file.
        public var path: String
        /// The targets written.
        public var addresses: [Subject]
        /// The HELO name written, if one was found.
        public var helo: MTAHostnameProbe.Finding?
        /// What the HELO probe could not use.
        public var notes: [String]

        /// A few lines for the operator.
        public var text: String {
            var lines = ["wrote \(path) (mode 0640)"]
            if addresses.isEmpty {
                lines.append(
                    "targets: none: this machine's interfaces have no public address (NAT, a smarthost, a container?); "
                        + "add the addresses your mail goes out from under targets"
                )
            } else {
                lines.append("targets: \(addresses.map(\.description).joined(separator: ", "))")
            }
            if let helo {
                lines.append("helo: \(helo.name) (\(helo.source))")
            } else {
                lines.append("helo: not found (neither postconf nor exim on PATH reported one)")
            }
            lines += notes.map { "note: \($0)" }
            lines.append(
                "next: edit it, check it with `blwatch config check`, then: systemctl enable --now blwatch.timer"
            )
            return lines.joined(separator: "\n")
        }
    }

    private let path: String
    private let probe: MTAHostnameProbe
    private let addresses: @Sendable () -> [Subject]

    /// Creates the job.
    /// - Parameters:
    ///   - path: the file to write.
    ///   - probe: asks the MTA for its HELO name.
    ///   - addresses: the candidate targets (default: this machine's public addresses).
    public init(
        path: String = InitJob.defaultPath,
        probe: MTAHostnameProbe = MTAHostnameProbe(),
        addresses: @escaping @Sendable () -> [Subject] = LocalAddresses.publicAddresses
    ) {
        self.path = path
        self.probe = probe
        self.addresses = addresses
    }

    /// Finds the addresses and the HELO name, and writes the file.
    /// - Throws: ``InitError`` `.exists` when the file is there, `.io` when it cannot be written.
    public func run() async throws -> Outcome {
        // Checked first so that an existing file stops the command before any tool runs; the
        // exclusive create below is what actually guarantees it is never overwritten.
        if FileManager.default.fileExists(atPath: path) { throw Self.exists(path) }
        let found = addresses()
        let helo = await probe.find()
        let text = Self.render(addresses: found, helo: helo.finding, host: Self.hostName(), date: Date())
        try Self.create(path, contents: text)
        return Outcome(path: path, addresses: found, helo: helo.finding, notes: helo.notes)
    }

    private static func exists(_ path: String) -> InitError {
        InitError(.exists, "\(path) already exists: not overwritten")
    }

    /// Creates `path` exclusively (O_EXCL), mode 0640 whatever the umask: it may hold a DQS key.
    private static func create(_ path: String, contents: String) throws {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, !FileManager.default.fileExists(atPath: directory) {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw InitError(.io, "\(directory): cannot create the directory: \(error.localizedDescription)")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o640)
        guard descriptor >= 0 else {
            if errno == EEXIST { throw exists(path) }
            throw InitError(.io, "\(path): cannot create the file: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        fchmod(descriptor, 0o640)
        let bytes = Array(contents.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written > 0 else {
                let reason = String(cString: strerror(errno))
                unlink(path)
                throw InitError(.io, "\(path): cannot write the file: \(reason)")
            }
            offset += written
        }
    }

    private static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "this machine" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
