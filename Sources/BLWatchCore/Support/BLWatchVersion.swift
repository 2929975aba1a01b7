/// blwatch's version, in one place: `--version`, the HTTP User-Agent and the feed all read it here.
public enum BLWatchVersion {
    /// The release, `MAJOR.MINOR.PATCH`.
    public static let current = "0.1.0"

    /// The User-Agent of every HTTP request: the lists' operators can tell who is asking.
    public static var userAgent: String { "blwatch/\(current) (DNSBL monitor; lookup of own listings)" }
}
