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
