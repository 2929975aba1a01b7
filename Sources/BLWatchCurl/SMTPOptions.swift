import Foundation

/// How the SMTP connection is protected.
///
/// With `smtps://` the connection is TLS from the start whatever this says; these cases choose what
/// happens on `smtp://`. TLS, when used, is always verified.
public enum SMTPSecurity: String, Sendable, CaseIterable {
    /// Upgrade with STARTTLS or fail with `.tlsUnavailable` when the server does not offer it.
    case required
    /// Upgrade with STARTTLS when the server offers it, else send in clear; but with credentials,
    /// STARTTLS becomes mandatory, because a password never travels in clear text.
    case optional
    /// Never upgrade; credentials are refused before connecting.
    case none
}

/// Where and how an `SMTPClient` delivers: server, TLS, credentials, EHLO name and timeouts.
///
/// TLS verification (peer and host name) is always on; there is deliberately no option to turn it off.
public struct SMTPOptions: Sendable {
    /// `smtp://host:port` or `smtps://host:port`; any other scheme is `.unsupportedProtocol`. A path is
    /// replaced by the EHLO name (that is how libcurl takes it); user info in the URL is refused.
    public var url: String
    /// Whether to upgrade an `smtp://` connection with STARTTLS.
    public var security: SMTPSecurity
    /// The AUTH user name, if the server needs one.
    public var username: String?
    /// The AUTH password: never logged, never in an error message.
    public var password: String?
    /// A PEM CA bundle for a private CA. It replaces libcurl's CA file; the system CA directory
    /// (`/etc/ssl/certs` on Debian) is still trusted.
    public var caFile: String?
    /// The EHLO argument; `nil` or blank means `SMTPOptions.defaultHeloName`. Never sent empty.
    public var heloName: String?
    /// How long to wait for the TCP (and implicit TLS) connection.
    public var connectTimeout: Duration
    /// How long the whole session, from connecting to the reply after DATA, may take.
    public var totalTimeout: Duration

    /// Creates options.
    /// - Parameters:
    ///   - url: `smtp://host:port` or `smtps://host:port`.
    ///   - security: STARTTLS policy for `smtp://` (default `.required`).
    ///   - username: the AUTH user, if any.
    ///   - password: the AUTH password, if any.
    ///   - caFile: a PEM CA bundle for a private CA.
    ///   - heloName: the EHLO argument (default: this machine's FQDN).
    ///   - connectTimeout: how long to wait for the connection (default 10 s).
    ///   - totalTimeout: how long the whole session may take (default 60 s).
    public init(
        url: String,
        security: SMTPSecurity = .required,
        username: String? = nil,
        password: String? = nil,
        caFile: String? = nil,
        heloName: String? = nil,
        connectTimeout: Duration = .seconds(10),
        totalTimeout: Duration = .seconds(60)
    ) {
        self.url = url
        self.security = security
        self.username = username
        self.password = password
        self.caFile = caFile
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
    }

    /// The EHLO argument that will be sent: `heloName` unless it is `nil` or blank, else
    /// `defaultHeloName`. Never empty.
    public var effectiveHeloName: String {
        let configured = (heloName ?? "").trimmingCharacters(in: .whitespaces)
        return configured.isEmpty ? Self.defaultHeloName : configured
    }

    /// Whether a user name or password is set (an empty string counts as unset).
    var hasCredentials: Bool { !(username ?? "").isEmpty || !(password ?? "").isEmpty }

    /// This machine's FQDN, the default EHLO argument, looked up once per process.
    ///
    /// `gethostname`, then `getaddrinfo` with `AI_CANONNAME` (which consults `/etc/hosts` and DNS);
    /// the canonical name is used only when it has a dot, else the plain host name. `localhost` if
    /// even the host name is empty, because an empty EHLO is exactly what blwatch exists to catch.
    public static let defaultHeloName: String = {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        let host = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        guard !host.isEmpty else { return "localhost" }
        if let canonical = canonicalName(of: host), canonical.contains(".") { return canonical }
        return host
    }()

    /// `getaddrinfo`'s canonical name for `host`, if it resolves.
    private static func canonicalName(of host: String) -> String? {
        var hints = addrinfo()
        hints.ai_flags = AI_CANONNAME
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var result: UnsafeMutablePointer<addrinfo>? = nil
        guard getaddrinfo(host, nil, &hints, &result) == 0, let result else { return nil }
        defer { freeaddrinfo(result) }
        guard let name = result.pointee.ai_canonname else { return nil }
        let canonical = String(cString: name).trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return canonical.isEmpty ? nil : canonical
    }
}
