import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The secrets a configuration can hold (the DQS key, an SMTP password, a webhook URL, whose path is
/// the credential of Slack-style incoming webhooks): which ones there are, and a warning when every
/// user of the mail server can read them.
enum ConfigSecrets {
    /// The warning for `path`, or nil when it holds no secret or only its owner and group read it.
    static func warning(config: OperatorConfig, path: String?) -> String? {
        guard let path else { return nil }
        var secrets: [String] = []
        if config.dqsKey != nil { secrets.append("dqsKey") }
        if config.alerts.email?.passwordInConfig == true { secrets.append("alerts.email.password") }
        if let url = config.alerts.webhook?.url, AlertSecret.hasCredential(url) { secrets.append("alerts.webhook.url") }
        // stat(2) follows a symbolic link: FileManager's attributes would give the link's own 0777.
        var info = stat()
        guard !secrets.isEmpty, stat(path, &info) == 0 else { return nil }
        let mode = Int(info.st_mode & 0o7777)
        guard mode & 0o004 != 0 else { return nil }
        return "\(path) holds \(secrets.joined(separator: " and ")) and every user can read it (mode "
            + String(format: "%04o", mode) + "): chmod 600 \(path), or 640 with a group that needs it"
    }

    /// The secret values of `config`, wherever they came from (the file, the environment, a file):
    /// what no output, log or stored row may contain.
    static func values(of config: OperatorConfig) -> [String] {
        var values = [config.dqsKey, config.alerts.email?.password].compactMap { $0 }
        if let url = config.alerts.webhook?.url, AlertSecret.hasCredential(url) {
            values += [url, AlertSecret.credential(in: url)]
        }
        for url in [config.alerts.email?.url, config.alerts.webhook?.url].compactMap({ $0 }) {
            values += AlertSecret.userInfo(in: url).map { [$0] } ?? []
        }
        return values.filter { !$0.isEmpty }
    }
}
