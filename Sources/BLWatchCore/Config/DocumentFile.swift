import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a configuration document (`blwatch.yaml`, `lists.json`) from disk, refusing what no
/// configuration is: a directory, a device or pipe, or a file of many megabytes.
///
/// The shipped `lists.json` is about 70 KB and a large `blwatch.yaml` a few hundred; the cap keeps a
/// wrong path (a log, a database, an image) from costing seconds of parsing and a megabyte error.
enum DocumentFile {
    /// Why a document cannot be read.
    enum Problem: Error, Equatable {
        /// Missing, or the OS refused to read it.
        case unreadable
        /// A directory.
        case directory
        /// A FIFO, socket or device.
        case notRegular
        /// Larger than ``maximumBytes``; the size in bytes.
        case tooLarge(Int)
        /// Not UTF-8 (binary, or Latin-1 or UTF-16 text): the line and value of the first bad byte.
        case notUTF8(line: Int, byte: UInt8)

        /// The error message for the file at `path`.
        /// - Parameter unreadable: the wording for ``unreadable``, which each loader keeps as it was.
        func message(path: String, unreadable: String) -> String {
            switch self {
            case .unreadable: "\(path): \(unreadable)"
            case .directory: "\(path): is a directory, not a file"
            case .notRegular: "\(path): is not a regular file (a pipe, socket or device)"
            case .tooLarge(let size):
                "\(path): is \(size) bytes; a configuration file is at most \(DocumentFile.maximumBytes >> 20) MiB"
            case .notUTF8(let line, let byte):
                "\(path):\(line): not UTF-8 text (byte 0x\(String(byte, radix: 16, uppercase: true))): save the file as UTF-8"
            }
        }
    }

    /// The largest file read: 4 MiB.
    static let maximumBytes = 4 << 20

    /// The text of the file at `path`.
    static func read(_ path: String) -> Result<String, Problem> {
        // stat(2), not FileManager's attributes: those describe a symbolic link itself, and a config
        // that is a link to the real file is common.
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(.unreadable) }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .failure(.directory)
        case S_IFREG: break
        default: return .failure(.notRegular)
        }
        if Int(info.st_size) > maximumBytes { return .failure(.tooLarge(Int(info.st_size))) }
        guard let data = FileManager.default.contents(atPath: path) else { return .failure(.unreadable) }
        // A file that grew after the size check is cut off here, not read to the end.
        guard data.count <= maximumBytes else { return .failure(.tooLarge(data.count)) }
        // A UTF-8 byte-order mark (Windows editors write one) is not part of the text: RFC 8259 §8.1
        // lets a parser ignore it, and libyaml does.
        let bytes = [UInt8](data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data)
        if let offset = firstInvalidUTF8(bytes) {
            let line = bytes[..<offset].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            return .failure(.notUTF8(line: line, byte: bytes[offset]))
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil` when all of it is.
    /// (Decoding would replace such bytes with U+FFFD, and a Latin-1 `helo: mäil` would load as `m�il`.)
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

extension DocumentError {
    /// The description, with the middle of a very long one cut out: a megabyte value quoted in a
    /// message must not become a megabyte line on the terminal. The start (file, line, field) and
    /// the end (what is wrong) are kept.
    var boundedDescription: String {
        let text = description
        let count = text.count
        guard count > 600 else { return text }
        return "\(text.prefix(300))[… \(count - 500) characters …]\(text.suffix(200))"
    }
}
