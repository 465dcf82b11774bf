/// A chunk-local string dictionary keyed by raw UTF-8 bytes: no `String` per cell.
///
/// Codes are handed out in first-seen order; the reader later maps each chunk's codes into the
/// column's ``StringDictionary`` in chunk order, which gives the same first-seen order as a
/// sequential read whatever the thread count.
struct CSVByteDictionary {
    /// All entries' bytes back to back; entry `code` is `arena[offsets[code]..<offsets[code + 1]]`.
    private(set) var arena = ContiguousArray<UInt8>()
    private(set) var offsets: ContiguousArray<Int> = [0]
    private var hashes = ContiguousArray<UInt64>()
    /// Per entry of at most 16 bytes, two words that with the length determine its bytes
    /// (see ``shortKey(_:_:)``): short entries compare without `memcmp`.
    private var shortKeys = ContiguousArray<UInt64>()
    /// Open addressing, linear probing: 0 = empty, else code + 1.
    private var slots = ContiguousArray<UInt32>(repeating: 0, count: 64)

    var count: Int { hashes.count }

    /// An empty dictionary whose table holds `capacity` entries without growing.
    init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        slots = ContiguousArray(repeating: 0, count: size)
        hashes.reserveCapacity(capacity)
        shortKeys.reserveCapacity(capacity * 2)
        offsets.reserveCapacity(capacity + 1)
    }

    init() {}

    /// Calls `body` with each entry's bytes in code order.
    func forEachEntry(_ body: (UnsafePointer<UInt8>, Int) -> Void) {
        arena.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else {
                // No bytes at all: every entry is the empty text.
                var zero: UInt8 = 0
                withUnsafePointer(to: &zero) { pointer in for _ in 0..<count { body(pointer, 0) } }
                return
            }
            for code in 0..<count { body(base + offsets[code], offsets[code + 1] - offsets[code]) }
        }
    }

    /// Every entry as a `String`, in code order (the bytes are valid UTF-8: the reader
    /// validated the file).
    func strings() -> ContiguousArray<String> {
        arena.withUnsafeBufferPointer { buffer in
            var result = ContiguousArray<String>()
            result.reserveCapacity(count)
            for code in 0..<count {
                result.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[code]..<offsets[code + 1]]), as: UTF8.self))
            }
            return result
        }
    }

    /// The code of the bytes, adding them when new.
    @inline(__always)
    mutating func code(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        if length <= 16 { return shortCode(base, length) }
        let hash = CSVByteDictionary.hash(base, length)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if hashes[code] == hash, equals(code, base, length) { return UInt32(code) }
            slot = (slot + 1) & mask
        }
        return add(base, length, hash: hash, slot: slot, key: (0, 0))
    }

    /// ``code(_:_:)`` for at most 16 bytes: the key words are the hash input and the
    /// comparison.
    @inline(__always)
    private mutating func shortCode(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        let key = CSVByteDictionary.shortKey(base, length)
        var hash = (key.0 ^ UInt64(length) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 32) ^ key.1) &* 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 29
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let code = Int(entry - 1)
            if hashes[code] == hash, shortKeys[2 * code] == key.0, shortKeys[2 * code + 1] == key.1,
               offsets[code + 1] - offsets[code] == length {
                return UInt32(code)
            }
            slot = (slot + 1) & mask
        }
        return add(base, length, hash: hash, slot: slot, key: key)
    }

    /// Two words that, with the length (at most 16), determine the bytes: overlapping loads
    /// from both ends, all inside the field.
    @inline(__always)
    static func shortKey(_ base: UnsafePointer<UInt8>, _ length: Int) -> (UInt64, UInt64) {
        let raw = UnsafeRawPointer(base)
        if length >= 8 {
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self))
        }
        if length >= 4 {
            return (UInt64(raw.loadUnaligned(as: UInt32.self)),
                    UInt64(raw.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)))
        }
        if length == 0 { return (0, 0) }
        return (UInt64(base[0]) | UInt64(base[length >> 1]) << 8 | UInt64(base[length - 1]) << 16, 0)
    }

    @inline(never)
    private mutating func add(_ base: UnsafePointer<UInt8>, _ length: Int, hash: UInt64, slot: Int,
                              key: (UInt64, UInt64)) -> UInt32 {
        let code = UInt32(hashes.count)
        hashes.append(hash)
        shortKeys.append(key.0)
        shortKeys.append(key.1)
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        offsets.append(arena.count)
        slots[slot] = code + 1
        if hashes.count * 2 > slots.count { grow() }
        return code
    }

    /// The bytes of entry `code`.
    func bytes(_ code: Int) -> ArraySlice<UInt8> {
        ArraySlice(arena[offsets[code]..<offsets[code + 1]])
    }

    /// Entry `code` as a `String` (the bytes are valid UTF-8: the reader validated the file).
    func string(_ code: Int) -> String {
        arena.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[code]..<offsets[code + 1]]), as: UTF8.self)
        }
    }

    @inline(__always)
    private func equals(_ code: Int, _ base: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let start = offsets[code]
        guard offsets[code + 1] - start == length else { return false }
        return arena.withUnsafeBufferPointer { buffer in
            guard let arenaBase = buffer.baseAddress else { return length == 0 }
            return length == 0 || memcmp(arenaBase + start, base, length) == 0
        }
    }

    private mutating func grow() {
        var newSlots = ContiguousArray<UInt32>(repeating: 0, count: slots.count * 2)
        let mask = newSlots.count - 1
        for (code, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while newSlots[slot] != 0 { slot = (slot + 1) & mask }
            newSlots[slot] = UInt32(code + 1)
        }
        slots = newSlots
    }

    /// A fast 64-bit hash: eight bytes per step, then a final avalanche.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length)
        var index = 0
        while index + 8 <= length {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash >> 32
            index += 8
        }
        if index < length {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while index < length {
                tail |= UInt64(base[index]) << shift
                shift += 8
                index += 1
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        return hash
    }
}

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
