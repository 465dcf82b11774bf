import StrataCore

/// Byte-level writers for the piping modes: digits, dates and escaped strings appended
/// straight to a `[UInt8]` buffer, with no intermediate `String` per cell.
enum ByteText {
    private static let zero = UInt8(ascii: "0")

    /// Decimal digits of `value` (`-` for negatives).
    @inline(__always)
    static func appendInteger(_ value: Int64, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1, to: &bytes)
    }

    /// `units` × 10^-scale with exactly `scale` fraction digits: `-5, scale 2` is `-0.05`.
    @inline(__always)
    static func appendDecimal(_ units: Int64, scale: Int, to bytes: inout [UInt8]) {
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = units.magnitude
        guard scale > 0 else { return appendDigits(magnitude, minimumCount: 1, to: &bytes) }
        var divisor: UInt64 = 1
        for _ in 0..<scale { divisor &*= 10 }
        appendDigits(magnitude / divisor, minimumCount: 1, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        appendDigits(magnitude % divisor, minimumCount: scale, to: &bytes)
    }

    /// ISO `yyyy-MM-dd` of days since 1970-01-01.
    @inline(__always)
    static func appendDate(_ days: Int32, to bytes: inout [UInt8]) {
        let date = CivilDate(days: days)
        if date.year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(abs(date.year)), minimumCount: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.month), minimumCount: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendDigits(UInt64(date.day), minimumCount: 2, to: &bytes)
    }

    /// Digits of `value`, left-padded with zeros to `minimumCount`.
    @inline(__always)
    static func appendDigits(_ value: UInt64, minimumCount: Int, to bytes: inout [UInt8]) {
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        withUnsafeMutableBytes(of: &scratch) { buffer in
            var position = buffer.count
            var rest = value
            repeat {
                position -= 1
                buffer[position] = zero &+ UInt8(truncatingIfNeeded: rest % 10)
                rest /= 10
            } while rest != 0
            while buffer.count - position < min(minimumCount, buffer.count) {
                position -= 1
                buffer[position] = zero
            }
            let digits = UnsafeRawBufferPointer(rebasing: buffer[position...])
            bytes.append(contentsOf: digits.assumingMemoryBound(to: UInt8.self))
        }
    }

    /// An RFC 4180 field: quoted when it holds `,` `"` CR or LF (quotes doubled) or is empty.
    static func appendCSVField(_ string: String, to bytes: inout [UInt8]) {
        let utf8 = string.utf8
        let needsQuotes = utf8.isEmpty || utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
        }
        guard needsQuotes else { return bytes.append(contentsOf: utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string literal (RFC 8259): `"` and `\` escaped, control characters as `\n`,
    /// `\r`, `\t` or `\u00XX`, DEL as `\u007F`; everything else kept as UTF-8.
    static func appendJSONString(_ string: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20, 0x7F:
                let hex = Array("0123456789ABCDEF".utf8)
                bytes += [UInt8(ascii: "\\"), UInt8(ascii: "u"), zero, zero, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
