import Foundation

/// A configuration that holds a secret (the DQS key, an SMTP password) must not be readable by
/// every user of the mail server.
enum ConfigSecrets {
    /// The warning for `path`, or nil when it holds no secret or only its owner and group read it.
    static func warning(config: OperatorConfig, path: String?) -> String? {
        guard let path else { return nil }
        var secrets: [String] = []
        if config.dqsKey != nil { secrets.append("dqsKey") }
        if config.alerts.email?.passwordInConfig == true { secrets.append("alerts.email.password") }
        guard !secrets.isEmpty,
            let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int,
            mode & 0o004 != 0
        else { return nil }
        return "\(path) holds \(secrets.joined(separator: " and ")) and every user can read it (mode "
            + String(format: "%04o", mode) + "): chmod 600 \(path), or 640 with a group that needs it"
    }
}
