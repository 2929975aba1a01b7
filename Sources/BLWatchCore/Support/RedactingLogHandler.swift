import Foundation
import Logging

/// A log handler that replaces secrets in the message and metadata of every line, then hands the
/// line to another handler.
struct RedactingLogHandler: LogHandler {
    /// The text a secret becomes.
    static let replacement = "[redacted]"

    /// The handler that writes the lines.
    var base: any LogHandler
    /// The current secrets (read per line: they become known only once the configuration is read).
    let secrets: @Sendable () -> [String]

    var logLevel: Logger.Level {
        get { base.logLevel }
        set { base.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { base.metadata }
        set { base.metadata = newValue }
    }

    var metadataProvider: Logger.MetadataProvider? {
        get { base.metadataProvider }
        set { base.metadataProvider = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { base[metadataKey: key] }
        set { base[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        let secrets = self.secrets()
        guard !secrets.isEmpty else { return base.log(event: event) }
        var event = event
        event.message = "\(Self.redact(event.message.description, secrets))"
        event.metadata = event.metadata?.mapValues { .string(Self.redact($0.description, secrets)) }
        base.log(event: event)
    }

    /// `text` with every occurrence of every secret replaced, in any case (DNS names are
    /// case-insensitive, and a name may be logged lower-cased).
    static func redact(_ text: String, _ secrets: [String]) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: replacement, options: .caseInsensitive) }
    }
}
