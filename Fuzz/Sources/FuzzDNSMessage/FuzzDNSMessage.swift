import DNSWire

/// libFuzzer entry point for the DNS message decoder (hickory `fuzz_targets/message.rs`).
///
/// Decodes the input straight from libFuzzer's exactly-sized buffer, so AddressSanitizer sees any
/// read past its end. When decoding succeeds, re-encoding must decode to the same message, as in
/// `DecodeRegressionTests.decodeReencode`; a difference traps, which libFuzzer reports as a crash.
/// - Parameters:
///   - data: the input bytes.
///   - size: how many there are.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let message = try? Message(decoding: UnsafeRawBufferPointer(start: data, count: size)) else {
        return 0
    }
    let encoded = message.encoded()
    guard let again = try? Message(decoding: encoded) else {
        fatalError("re-encoded message does not decode: \(encoded)")
    }
    guard again == message else {
        fatalError("re-encoding changed the message: \(message) became \(again)")
    }
    return 0
}
