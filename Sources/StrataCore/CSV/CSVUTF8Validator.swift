/// Strict UTF-8 validation (RFC 3629: no overlongs, surrogates or values past U+10FFFF) that
/// also reports NUL bytes and byte order marks past the start, in parallel pieces.
enum CSVUTF8Validator {
    enum Event: Equatable {
        case invalid(Int)
        case nul(Int)
        case bom(Int)

        var offset: Int {
            switch self {
            case .invalid(let offset), .nul(let offset), .bom(let offset): offset
            }
        }
    }

    /// The earliest problem in `bytes[start...]`, or nil when it is clean UTF-8.
    static func firstEvent(_ bytes: [UInt8], from start: Int, threads: Int) -> Event? {
        bytes.withUnsafeBufferPointer { firstEvent($0, from: start, threads: threads) }
    }

    /// The earliest problem in `buffer[start...]`, or nil when it is clean UTF-8.
    static func firstEvent(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, threads: Int) -> Event? {
        let count = buffer.count - start
        guard count > 0, let base = buffer.baseAddress else { return nil }
        let pieceCount = count < 1 << 20 ? 1 : max(1, min(threads * 4, count >> 20))
        // Piece starts moved forward past continuation bytes, so each piece begins at a
        // character start (or at a stray byte the previous piece reports).
        var starts = [Int]()
        for piece in 0..<pieceCount {
            var offset = start + count / pieceCount * piece
            var steps = 0
            while piece > 0, offset < buffer.count, steps < 3, buffer[offset] & 0xC0 == 0x80 {
                offset += 1
                steps += 1
            }
            starts.append(offset)
        }
        starts.append(buffer.count)
        nonisolated(unsafe) let pointer = base
        let total = buffer.count
        let events = CSVParallel.map(count: pieceCount, threads: threads) { piece in
            scan(pointer, from: starts[piece], to: starts[piece + 1], limit: total)
        }
        return events.compactMap { $0 }.min { $0.offset < $1.offset }
    }

    /// True when `[from, to)` is clean UTF-8 on its own (no invalid or cut sequence, NUL or BOM).
    @inline(__always)
    static func isClean(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Bool {
        scan(base, from: from, to: to, limit: to) == nil
    }

    /// Scans `[from, to)`; a character starting before `to` may read up to `limit`.
    static func scan(_ base: UnsafePointer<UInt8>, from: Int, to: Int, limit: Int) -> Event? {
        var index = from
        let raw = UnsafeRawPointer(base)
        let high: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        while index < to {
            if base[index] < 0x80 {
                // 32, then 8 ASCII bytes without NUL at a time.
                while index + 32 <= to {
                    let a = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let b = raw.loadUnaligned(fromByteOffset: index + 8, as: UInt64.self)
                    let c = raw.loadUnaligned(fromByteOffset: index + 16, as: UInt64.self)
                    let d = raw.loadUnaligned(fromByteOffset: index + 24, as: UInt64.self)
                    let zeros = ((a &- ones) & ~a) | ((b &- ones) & ~b) | ((c &- ones) & ~c) | ((d &- ones) & ~d)
                    if (a | b | c | d | zeros) & high != 0 { break }
                    index += 32
                }
                while index + 8 <= to {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    if (word | ((word &- ones) & ~word)) & high != 0 { break }
                    index += 8
                }
                // Byte by byte up to the next non-ASCII byte (decoded below, on the next turn).
                while index < to {
                    let byte = base[index]
                    if byte >= 0x80 { break }
                    if byte == 0 { return .nul(index) }
                    index += 1
                }
                continue
            }
            let byte = base[index]
            // Three-byte characters (CJK) without the general decoder: a lead E1–EC or EE–EF and
            // two continuation bytes are always valid (never overlong or a surrogate). E0 and ED
            // leads, and EF BB BF (a byte order mark), take the general path below.
            if byte &- 0xE1 < 0x0F, byte != 0xED, index &+ 3 <= limit {
                let second = base[index &+ 1]
                let third = base[index &+ 2]
                if second & 0xC0 == 0x80, third & 0xC0 == 0x80, byte != 0xEF || second != 0xBB || third != 0xBF {
                    index &+= 3
                    continue
                }
            }
            let length: Int
            var scalar: UInt32
            switch byte {
            case 0xC2...0xDF: length = 2; scalar = UInt32(byte & 0x1F)
            case 0xE0...0xEF: length = 3; scalar = UInt32(byte & 0x0F)
            case 0xF0...0xF4: length = 4; scalar = UInt32(byte & 0x07)
            default: return .invalid(index)
            }
            if index + length > limit { return .invalid(index) }
            for next in 1..<length {
                let continuation = base[index + next]
                if continuation & 0xC0 != 0x80 { return .invalid(index) }
                scalar = scalar << 6 | UInt32(continuation & 0x3F)
            }
            switch length {
            case 3 where scalar < 0x800 || (scalar >= 0xD800 && scalar <= 0xDFFF): return .invalid(index)
            case 4 where scalar < 0x10000 || scalar > 0x10FFFF: return .invalid(index)
            default: break
            }
            if scalar == 0xFEFF { return .bom(index) }
            index += length
        }
        return nil
    }
}

/// Set by any chunk worker that met bytes the lazy validation rejects; the load then starts
/// over with the whole-file validation (see ``CSVReader``).
final class CSVUTF8Alarm: Sendable {
    private let raised = Atomic<Bool>(false)

    func raise() { raised.store(true, ordering: .relaxed) }
    var isRaised: Bool { raised.load(ordering: .relaxed) }
}

import Synchronization
