import BLWatchCore

/// The subject looked up when the input has no header line.
private let defaultSubject = "192.0.2.1"

/// libFuzzer entry point for the lookup-page reader and the reason extractor.
///
/// The input is one fetched page. Its first line, when it has one within 256 bytes, is a header
/// `<subject>[ <content-type>]` (as in `192.0.2.84 text/html; charset=iso-8859-1`); the rest is the
/// body. Without a header line the whole input is the body, the subject is 192.0.2.1 and there is
/// no `Content-Type`. The page is processed as `PageReasonFetcher` does for an HTTP 200 answer,
/// then the start of the body is read as a DNSBL TXT answer, as `ReasonCollector` does. Beyond
/// "no trap, no hang", one documented promise is checked: every kept link is absolute http(s).
/// - Parameters:
///   - data: the input bytes.
///   - size: how many there are.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    var subject = defaultSubject
    var contentType: String?
    var body = input[...]
    if let newline = input.prefix(256).firstIndex(of: 0x0A) {
        let header = String(decoding: input[..<newline], as: UTF8.self)
        let parts = header.split(separator: " ", maxSplits: 1)
        subject = parts.first.map(String.init) ?? defaultSubject
        contentType = parts.count > 1 ? String(parts[1]) : nil
        body = input[(newline + 1)...]
    }
    let bytes = Array(body)
    let page = LookupPage.parse(
        body: bytes,
        contentType: contentType,
        url: "https://lookup.example/check?ip=\(subject)"
    )
    for link in page.links {
        let url = link.url.lowercased()
        guard url.hasPrefix("http://") || url.hasPrefix("https://") else {
            fatalError("kept a link that is not absolute http(s): \(link.url)")
        }
    }
    if ReasonExtractor.obstacle(status: 200, page: page) == nil {
        let extract = ReasonExtractor.extract(from: page, subject: subject)
        _ = (extract.summary, extract.latestDetection)
    }
    let txt = ReasonExtractor.extract(fromTXT: String(decoding: bytes.prefix(4096), as: UTF8.self), subject: subject)
    _ = txt.summary
    return 0
}
