public import BLWatchCurl
import Foundation

/// Where and when alerts go: `alerts:` in blwatch.yaml.
///
/// Secrets (the SMTP password) are resolved from the config, an environment variable or a file when
/// the config is read, and never printed, logged or stored in the database.
public struct AlertSettings: Sendable {
    /// Email through an SMTP server (libcurl).
    public struct Email: Sendable {
        /// `smtp://host[:port]` (STARTTLS) or `smtps://host[:port]` (TLS from the start).
        public var url: String
        /// The sender, also the envelope sender.
        public var from: String
        /// Recipients.
        public var to: [String]
        /// STARTTLS policy; required by default when credentials are set.
        public var security: SMTPSecurity
        public var username: String?
        /// The password, resolved from `password`, `passwordEnv` or `passwordFile`.
        public var password: String?
        /// Whether the password is written in the config itself (`password:`).
        public var passwordInConfig = false
        /// An extra CA bundle for a server with a private CA.
        public var caFile: String?
        /// The EHLO name; default this machine's FQDN.
        public var heloName: String?
    }

    /// A JSON POST per digest.
    public struct Webhook: Sendable {
        /// The two payload shapes.
        public enum Format: String, Sendable, CaseIterable {
            /// blwatch's own document: summary and the events.
            case generic
            /// `{"text": …}`, which Slack, Mattermost and Rocket.Chat incoming webhooks take.
            case slack
        }

        public var url: String
        public var format: Format
        public var timeout: Duration
    }

    /// A listing must be seen in this many consecutive scans before it alerts.
    public var confirm = 1
    /// Delivered alerts are kept this many days, then pruned.
    public var retentionDays = 30
    public var email: Email?
    public var webhook: Webhook?

    /// No channel: events are shown in the scan report only.
    public init() {}

    /// The configured channels' names, in delivery order.
    public var channels: [AlertChannel] { (email == nil ? [] : [.email]) + (webhook == nil ? [] : [.webhook]) }

    static let fields: Set<String> = ["confirm", "retentionDays", "email", "webhook"]

    /// Reads the `alerts:` object.
    /// - Parameter environment: for `passwordEnv`.
    /// - Throws: ``DocumentError`` naming the line and field.
    static func read(_ entry: DocumentReader, environment: [String: String]) throws -> AlertSettings {
        let object = try entry.object(allowing: fields)
        var settings = AlertSettings()
        settings.confirm = try object.optional("confirm")?.int(in: 1...100) ?? 1
        settings.retentionDays = try object.optional("retentionDays")?.int(in: 1...3650) ?? 30
        settings.email = try object.optional("email").map { try email($0, environment: environment) }
        settings.webhook = try object.optional("webhook").map(webhook)
        return settings
    }

    private static func email(_ entry: DocumentReader, environment: [String: String]) throws -> Email {
        let object = try entry.object(allowing: [
            "url", "from", "to", "security", "username", "password", "passwordEnv", "passwordFile", "caFile",
            "heloName",
        ])
        let urlField = try object.required("url")
        let url = try urlField.nonEmptyString()
        guard url.hasPrefix("smtp://") || url.hasPrefix("smtps://") else {
            throw urlField.error("\"\(AlertSecret.shown(url))\" is not an smtp:// or smtps:// URL")
        }
        let username = try object.optional("username")?.nonEmptyString()
        let password = try AlertSecret.password(object, environment: environment)
        if password != nil && username == nil { throw entry.error("a password needs a username") }
        var security: SMTPSecurity = username == nil ? .optional : .required
        if let field = object.optional("security") {
            let text = try field.string()
            guard let value = SMTPSecurity(rawValue: text) else {
                throw field.error("unknown value \"\(text)\" (expected required, optional, none)")
            }
            if value == .none && username != nil && url.hasPrefix("smtp://") {
                throw field.error("credentials are never sent without TLS: use required or optional, or smtps://")
            }
            security = value
        }
        let toField = try object.required("to")
        let to = try toField.stringList()
        guard !to.isEmpty else { throw toField.error("needs at least one recipient") }
        for (index, address) in to.enumerated() where !address.contains("@") {
            throw toField.error("recipient \(index + 1) \"\(address)\" is not an email address")
        }
        let fromField = try object.required("from")
        let from = try fromField.nonEmptyString()
        guard from.contains("@") else { throw fromField.error("\"\(from)\" is not an email address") }
        return Email(
            url: url,
            from: from,
            to: to,
            security: security,
            username: username,
            password: password,
            passwordInConfig: object.optional("password") != nil,
            caFile: try object.optional("caFile")?.nonEmptyString(),
            heloName: try object.optional("heloName")?.nonEmptyString()
        )
    }

    private static func webhook(_ entry: DocumentReader) throws -> Webhook {
        let object = try entry.object(allowing: ["url", "format", "timeout"])
        let urlField = try object.required("url")
        let url = try urlField.nonEmptyString()
        guard url.hasPrefix("https://") || url.hasPrefix("http://") else {
            throw urlField.error("\"\(AlertSecret.shown(url))\" is not an http or https URL")
        }
        var format = Webhook.Format.generic
        if let field = object.optional("format") {
            let text = try field.string()
            guard let value = Webhook.Format(rawValue: text) else {
                throw field.error("unknown value \"\(text)\" (expected generic, slack)")
            }
            format = value
        }
        let timeout = try object.optional("timeout")?.int(in: 1...120) ?? 10
        return Webhook(url: url, format: format, timeout: .seconds(timeout))
    }
}

/// An alert channel.
public enum AlertChannel: String, Sendable, Codable, CaseIterable {
    case email
    case webhook
}
