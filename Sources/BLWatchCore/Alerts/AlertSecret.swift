import Foundation

/// The SMTP password, from exactly one of `password`, `passwordEnv` (an environment variable) or
/// `passwordFile` (a file whose first line is the password).
enum AlertSecret {
    static func password(_ object: ObjectReader, environment: [String: String]) throws -> String? {
        let sources = ["password", "passwordEnv", "passwordFile"].compactMap { key in object.optional(key) }
        guard let source = sources.first else { return nil }
        if sources.count > 1 { throw sources[1].error("give only one of password, passwordEnv, passwordFile") }
        let name = try source.nonEmptyString()
        switch source.path.split(separator: ".").last {
        case "passwordEnv":
            guard let value = environment[name], !value.isEmpty else {
                throw source.error("environment variable \(name) is not set")
            }
            return value
        case "passwordFile":
            guard let data = FileManager.default.contents(atPath: name) else {
                throw source.error("cannot read \(name)")
            }
            let line = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first
            guard let line, !line.isEmpty else { throw source.error("\(name) is empty") }
            return String(line)
        default:
            return name
        }
    }
}

/// Credentials inside alert URLs: `smtps://user:pass@host` carries a password, and the path of a
/// Slack-style incoming webhook (`https://hooks.slack.com/services/T…/B…/secret`) is itself the
/// credential. Output shows such URLs as ``shown(_:)`` does.
extension AlertSecret {
    /// The URL's parts: scheme, user info (before `@`), `host[:port]`, and the rest (path, query).
    /// Without `://`, the scheme is empty and the text starts with the authority.
    private static func parts(of url: String) -> (scheme: String, userInfo: String?, host: String, rest: String) {
        let separator = url.range(of: "://")
        let scheme = separator.map { String(url[..<$0.lowerBound]) } ?? ""
        let afterScheme = url[(separator?.upperBound ?? url.startIndex)...]
        let authority = afterScheme.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let rest = String(afterScheme[authority.endIndex...])
        guard let at = authority.lastIndex(of: "@") else { return (scheme, nil, String(authority), rest) }
        return (scheme, String(authority[..<at]), String(authority[authority.index(after: at)...]), rest)
    }

    /// The user info of `url` (`user:password`), if it has one.
    static func userInfo(in url: String) -> String? {
        parts(of: url).userInfo.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The path and query of a webhook URL: empty when there is none beyond `/`.
    static func credential(in url: String) -> String {
        let rest = parts(of: url).rest
        return rest == "/" ? "" : rest
    }

    /// Whether a webhook URL has a path or query that may be its credential.
    static func hasCredential(_ url: String) -> Bool { !credential(in: url).isEmpty }

    /// `url` as output shows it: scheme and `host[:port]` only, `/…` standing for a path or query,
    /// never user info. `smtps://u:p@mx.example.net:465` shows as `smtps://mx.example.net:465`.
    /// - Parameter url: an alert URL from the configuration.
    /// - Returns: the URL without anything that may be a credential.
    static func shown(_ url: String) -> String {
        let parts = parts(of: url)
        return (parts.scheme.isEmpty ? "" : "\(parts.scheme)://") + parts.host
            + (credential(in: url).isEmpty ? "" : "/…")
    }
}
