import BLWatchTestSupport
import Foundation
import Testing

@testable import BLWatchCore

/// A config with a secret that every user can read is a warning; one without, or a private one, is not.
struct ConfigSecretsTests {
    private func warning(_ text: String, mode: Int) throws -> String? {
        let directory = try TemporaryDirectory(prefix: "blwatch-secrets")
        defer { directory.remove() }
        let path = try directory.write("blwatch.yaml", text)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        let config = try OperatorConfig.load(path: path)
        return ConfigSecrets.warning(config: config, path: path).map { $0.replacingOccurrences(of: path, with: "F") }
    }

    @Test func aReadableDQSKeyIsAWarning() throws {
        #expect(
            try warning("dqsKey: abcdefghijklmnopqrstuvwxyz\n", mode: 0o644)
                == "F holds dqsKey and every user can read it (mode 0644): chmod 600 F, or 640 with a group that needs it"
        )
        #expect(try warning("dqsKey: abcdefghijklmnopqrstuvwxyz\n", mode: 0o640) == nil)
        #expect(try warning("timeout: 2\n", mode: 0o644) == nil)
    }

    @Test func anInlineSMTPPasswordIsASecretAndAPasswordFileIsNot() throws {
        let email =
            "alerts:\n  email:\n    url: smtps://mx.example.net\n    from: a@example.net\n    to: b@example.net\n    username: u\n"
        #expect(try warning(email + "    password: p\n", mode: 0o604)?.contains("alerts.email.password") == true)
        let directory = try TemporaryDirectory(prefix: "blwatch-pass")
        defer { directory.remove() }
        let file = try directory.write("pass", "p\n")
        #expect(try warning(email + "    passwordFile: \(file)\n", mode: 0o644) == nil)
    }
}
