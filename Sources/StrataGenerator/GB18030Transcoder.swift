#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Musl)
@preconcurrency import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Converts UTF-8 chunks to GB18030 with the C library's `iconv`.
///
/// GB18030 is a superset of GBK: every character the generator writes except `¥` (U+00A5)
/// has the same two-byte code in both, so a file without `¥` also decodes as GBK.
final class GB18030Transcoder {
    private let converter: iconv_t

    /// Opens a UTF-8 → GB18030 converter.
    init() throws {
        let opened = iconv_open("GB18030", "UTF-8")
        guard Int(bitPattern: opened) != -1, let opened else {
            throw GeneratorError.encodingUnavailable("GB18030")
        }
        converter = opened
    }

    deinit {
        iconv_close(converter)
    }

    /// Returns `utf8` converted to GB18030. The chunk must hold whole UTF-8 sequences.
    func encode(_ utf8: UnsafeRawBufferPointer, file: String) throws -> [UInt8] {
        // GB18030 needs at most 4 bytes per code point, and UTF-8 at least 1.
        var output = [UInt8](repeating: 0, count: utf8.count * 2 + 16)
        var inputLeft = utf8.count
        var outputLeft = output.count
        let produced = try output.withUnsafeMutableBufferPointer { target -> Int in
            var inputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                mutating: utf8.baseAddress
            )?.assumingMemoryBound(to: CChar.self)
            var outputPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(
                target.baseAddress
            )?.assumingMemoryBound(to: CChar.self)
            let result = iconv(converter, &inputPointer, &inputLeft, &outputPointer, &outputLeft)
            if result == -1 || inputLeft != 0 {
                throw GeneratorError.encodingFailed(file: file, at: utf8.count - inputLeft)
            }
            return target.count - outputLeft
        }
        output.removeLast(output.count - produced)
        return output
    }
}
