import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// Which values of a configuration are secrets, how alert URLs are shown, and how the debug log
/// replaces secrets; `SecretLeakTests` (blwatchTests) checks every command end to end.
struct SecretRedactionTests {
    static let email =
        "alerts:\n  email:\n    url: smtps://mx.example.net\n    from: a@example.net\n    to: b@example.net\n"
        + "    username: u\n    password: pass-word-1\n"

    @Test(arguments: [
        ("https://hooks.slack.com/services/T000/B000/XXXXSECRET", "https://hooks.slack.com/…"),
        ("https://hooks.example.net:8443/?token=SECRET", "https://hooks.example.net:8443/…"),
        ("https://ops.example.net/", "https://ops.example.net"),
        ("smtps://user:SECRET@mx.example.net:465", "smtps://mx.example.net:465"),
        ("smtp://127.0.0.1:2525", "smtp://127.0.0.1:2525"),
        ("hooks.example.net/T/SECRET", "hooks.example.net/…"),
    ])
    func urlsShowNoCredential(url: String, shown: String) {
        #expect(AlertSecret.shown(url) == shown)
        #expect(!AlertSecret.shown(url).contains("SECRET"))
    }

    @Test func theSecretsOfAConfig() throws {
        let text =
            "dqsKey: key0123\n" + Self.email
            + "  webhook:\n    url: https://hooks.example.net/services/T1/B2/tok3n\n"
        let config = try OperatorConfig.parse(text, file: "blwatch.yaml")
        #expect(
            Set(ConfigSecrets.values(of: config))
                == [
                    "key0123", "pass-word-1", "https://hooks.example.net/services/T1/B2/tok3n", "/services/T1/B2/tok3n",
                ]
        )
        let withUserInfo = try OperatorConfig.parse(
            Self.email.replacingOccurrences(of: "smtps://mx", with: "smtps://u:inline-pass@mx"),
            file: "blwatch.yaml"
        )
        #expect(ConfigSecrets.values(of: withUserInfo).contains("u:inline-pass"))
        #expect(ConfigSecrets.values(of: OperatorConfig()).isEmpty)
    }

    @Test func aWebhookURLWithAPathIsASecretOfTheFile() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-secrets")
        defer { directory.remove() }
        let path = try directory.write(
            "blwatch.yaml",
            "alerts:\n  webhook:\n    url: https://hooks.example.net/T/B/x\n"
        )
        let config = try OperatorConfig.load(path: path)
        #expect(ConfigSecrets.warning(config: config, path: path)?.contains("holds alerts.webhook.url and") == true)
        let plain = try directory.write("plain.yaml", "alerts:\n  webhook:\n    url: https://hooks.example.net\n")
        #expect(ConfigSecrets.warning(config: try OperatorConfig.load(path: plain), path: plain) == nil)
    }

    /// The mode that counts is the file's, not that of a symbolic link to it (always 0777).
    @Test func aLinkToAPrivateConfigIsNoWarning() throws {
        let directory = try TemporaryDirectory(prefix: "blwatch-secrets")
        defer { directory.remove() }
        let real = try directory.write("real.yaml", "dqsKey: key0123\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: real)
        let link = directory.file("blwatch.yaml")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        #expect(ConfigSecrets.warning(config: try OperatorConfig.load(path: link), path: link) == nil)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: real)
        #expect(ConfigSecrets.warning(config: try OperatorConfig.load(path: link), path: link) != nil)
    }

    @Test func theLogReplacesEverySecretInAnyCase() {
        let secrets = ["longer-secret-key", "secret"]
        let line = "name=2.0.0.127.LONGER-SECRET-KEY.zen.dq.spamhaus.net. pass=secret/Secret"
        #expect(
            RedactingLogHandler.redact(line, secrets)
                == "name=2.0.0.127.[redacted].zen.dq.spamhaus.net. pass=[redacted]/[redacted]"
        )
        #expect(RedactingLogHandler.redact("nothing here", secrets) == "nothing here")
    }
}
