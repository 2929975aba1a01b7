/// Why a page cannot give a reason.
///
/// Lookup sites rate-limit, sit behind bot challenges or render everything with JavaScript; a monitor
/// should then say "reason unavailable: <description>" rather than report an empty reason.
public enum PageObstacle: Sendable, Hashable, CustomStringConvertible {
    /// HTTP 429, or a page saying "too many requests" or "rate limit".
    case rateLimited
    /// HTTP 401 or 403.
    case forbidden
    /// A captcha or bot-challenge page ("Just a moment...", "verify you are human", reCAPTCHA, hCaptcha…).
    case captcha
    /// A page whose content needs JavaScript: almost no text but scripts, or "enable JavaScript".
    case javascriptOnly
    /// Any other status outside 2xx.
    case httpStatus(Int)
    /// A 2xx page with no usable text.
    case empty

    /// A lower-case phrase for "reason unavailable: <description>".
    public var description: String {
        switch self {
        case .rateLimited: "rate limited (HTTP 429)"
        case .forbidden: "forbidden (HTTP 403)"
        case .captcha: "captcha or bot challenge"
        case .javascriptOnly: "page needs JavaScript"
        case .httpStatus(let status): "HTTP \(status)"
        case .empty: "empty page"
        }
    }
}
