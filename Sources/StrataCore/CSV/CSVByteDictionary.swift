/// A chunk-local string dictionary keyed by raw UTF-8 bytes: no `String` per cell.
///
/// Codes are handed out in first-seen order; the reader later maps each chunk's codes into the
/// column's ``StringDictionary`` in chunk order, which gives the same first-seen order as a
/// sequential read whatever the thread count.
struct CSVByteDictionary {
    /// All entries' bytes back to back; entry `code` is `arena[offsets[code]..<offsets[code + 1]]`.
    private(set) var arena = ContiguousArray<UInt8>()
    private(set) var offsets: ContiguousArray<Int> = [0]
    /// Open addressing, linear probing, three words per slot: two key words and
    /// `length << 32 | (code + 1)` (0 = empty). An entry of at most 16 bytes is its key words
    /// (see ``shortKey(_:_:)``), so a lookup touches one slot and compares without `memcmp`; a
    /// longer one keeps its hash and first eight bytes, and a match is confirmed in the arena.
    private var table = ContiguousArray<UInt64>(repeating: 0, count: 64 * 3)
    private var mask = 63

    private(set) var count = 0
    /// Lookups so far (while the table is kept).
    private var lookups = 0
    /// Set once nearly every lookup added a text (names, phone numbers): texts are then
    /// appended without a lookup, repeats included, and the table is gone. The column's
    /// merge, which compares every chunk's texts anyway, finds the repeats; until then the
    /// entries are not distinct (``distinct``).
    private(set) var appendsOnly = false

    /// Whether every entry is a different text.
    var distinct: Bool { !appendsOnly }

    /// Entries from which a dictionary may switch to appending, and the share of lookups
    /// that must have added a text (15 in 16).
    private static let appendCheckEntries = 4096

    /// An empty dictionary whose table holds `capacity` entries without growing.
    init(capacity: Int) {
        var size = 64
        while size < capacity * 2 { size *= 2 }
        table = ContiguousArray(repeating: 0, count: size * 3)
        mask = size - 1
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
    /// - Complexity: O(1) expected (plus O(`length`) for texts over 16 bytes).
    @inline(__always)
    mutating func code(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        if appendsOnly { return append(base, length) }
        lookups &+= 1
        let key: (UInt64, UInt64)
        let hash: UInt64
        if length <= 16 {
            key = CSVByteDictionary.shortKey(base, length)
            hash = CSVByteDictionary.shortHash(key, length)
        } else {
            hash = CSVByteDictionary.hash(base, length)
            key = (hash, UnsafeRawPointer(base).loadUnaligned(as: UInt64.self))
        }
        let meta = UInt64(truncatingIfNeeded: length) << 32
        let mask = self.mask
        // Reads through a buffer pointer: no uniqueness check unless the text is new.
        let found: Int = table.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = slots[3 &* slot &+ 2]
                if entry == 0 { return ~slot }
                if entry & 0xFFFF_FFFF_0000_0000 == meta, slots[3 &* slot] == key.0, slots[3 &* slot &+ 1] == key.1 {
                    let code = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                    if length <= 16 || equals(code, base, length) { return code }
                }
                slot = (slot &+ 1) & mask
            }
        }
        if found >= 0 { return UInt32(truncatingIfNeeded: found) }
        return add(base, length, slot: ~found, key: key)
    }

    /// The hash of a text of at most 16 bytes from its key words.
    @inline(__always)
    static func shortHash(_ key: (UInt64, UInt64), _ length: Int) -> UInt64 {
        var hash = (key.0 ^ UInt64(truncatingIfNeeded: length) &* 0x9E37_79B9_7F4A_7C15) &* 0xFF51_AFD7_ED55_8CCD
        hash = (hash ^ (hash >> 32) ^ key.1) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 29)
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
    private mutating func add(_ base: UnsafePointer<UInt8>, _ length: Int, slot: Int, key: (UInt64, UInt64)) -> UInt32 {
        let code = UInt32(count)
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        offsets.append(arena.count)
        table[3 * slot] = key.0
        table[3 * slot + 1] = key.1
        table[3 * slot + 2] = UInt64(length) << 32 | UInt64(code + 1)
        count += 1
        if count * 2 > mask + 1 {
            if count >= CSVByteDictionary.appendCheckEntries, count * 16 >= lookups * 15 {
                appendsOnly = true
                table = []
            } else {
                grow()
            }
        }
        return code
    }

    /// Adds the bytes as a new entry without looking them up (see ``appendsOnly``).
    @inline(never)
    private mutating func append(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt32 {
        let code = UInt32(truncatingIfNeeded: count)
        arena.append(contentsOf: UnsafeBufferPointer(start: base, count: length))
        offsets.append(arena.count)
        count &+= 1
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
        let size = (mask + 1) * 2
        let newMask = size - 1
        let newTable = ContiguousArray<UInt64>(unsafeUninitializedCapacity: size * 3) { target, initialized in
            guard let slots = target.baseAddress else { return }
            slots.initialize(repeating: 0, count: size * 3)
            initialized = size * 3
            table.withUnsafeBufferPointer { old in
                guard let source = old.baseAddress else { return }
                for index in 0...mask where source[3 * index + 2] != 0 {
                    let key = (source[3 * index], source[3 * index + 1])
                    let entry = source[3 * index + 2]
                    let length = Int(entry >> 32)
                    // Long entries keep their hash as the first key word.
                    let hash = length <= 16 ? CSVByteDictionary.shortHash(key, length) : key.0
                    var slot = Int(truncatingIfNeeded: hash) & newMask
                    while slots[3 * slot + 2] != 0 { slot = (slot + 1) & newMask }
                    slots[3 * slot] = key.0
                    slots[3 * slot + 1] = key.1
                    slots[3 * slot + 2] = entry
                }
            }
        }
        table = newTable
        mask = newMask
    }

    /// A fast 64-bit hash: eight bytes per step, the last partial step one overlapping load
    /// of the final eight (byte by byte in texts under eight bytes), then a final avalanche.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ length: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: length)
        var index = 0
        while index &+ 8 <= length {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash ^= hash &>> 32
            index &+= 8
        }
        if index < length {
            var tail: UInt64 = 0
            if length >= 8 {
                // One overlapping load of the last eight bytes (the length is in the seed).
                tail = raw.loadUnaligned(fromByteOffset: length &- 8, as: UInt64.self)
            } else {
                var shift: UInt64 = 0
                while index < length {
                    tail |= UInt64(base[index]) &<< shift
                    shift &+= 8
                    index &+= 1
                }
            }
            hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash &>> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash &>> 29
        return hash
    }
}

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
