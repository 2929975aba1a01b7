import CCurl
import Foundation

extension HTTPClient {
    /// Rewrites libcurl's generic message for failures the options explain: timeouts, the size cap,
    /// the redirect limit and refused connections.
    /// - Parameters:
    ///   - error: what `CurlEasy.perform` threw.
    ///   - easy: the handle, for the transfer's info.
    /// - Returns: the error with a specific message (and `.tooLarge` when our write callback aborted).
    func refine(_ error: CurlError, from easy: CurlEasy) -> CurlError {
        let curlCode = CURLcode(rawValue: UInt32(bitPattern: error.curlCode))
        switch error.code {
        case _ where curlCode == CURLE_WRITE_ERROR && easy.exceededBodyLimit,
            .tooLarge:
            return CurlError(.tooLarge, "body larger than \(options.maxBodyBytes) bytes", curlCode: curlCode)
        case .timedOut:
            return CurlError(
                .timedOut,
                easy.timeoutMessage(connect: options.connectTimeout, total: options.totalTimeout),
                curlCode: curlCode
            )
        case .tooManyRedirects:
            return CurlError(.tooManyRedirects, "more than \(options.maxRedirects) redirects", curlCode: curlCode)
        case .connectFailed:
            return CurlError(.connectFailed, easy.connectMessage(fallback: error.message), curlCode: curlCode)
        default:
            return error
        }
    }
}
