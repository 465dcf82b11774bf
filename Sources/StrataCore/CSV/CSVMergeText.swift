/// One entry of a string merge, as its partition holds it: the low 32 bits of its text's
/// hash, its global entry index, and its text's address and length packed in one word
/// (``CSVMergeText``).
struct CSVMergeRecord {
    var hash: UInt32
    var entry: UInt32
    var text: UInt64
}

/// A text's address (low 48 bits) and byte count (high 16 bits) in one word, so a byte
/// comparison reads the two texts and nothing else. A text of 65,535 bytes or more (or at an
/// address that needs more than 48 bits) is marked ``long`` and found by its entry instead.
enum CSVMergeText {
    static let long: UInt64 = 0xFFFF << 48

    @inline(__always)
    static func pack(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let address = UInt64(UInt(bitPattern: base))
        return count < 0xFFFF && address >> 48 == 0 ? address | UInt64(truncatingIfNeeded: count) << 48 : long
    }

    /// A fast 64-bit hash of a text's bytes: eight bytes per step, the last (partial) word
    /// read as the text's last eight bytes (overlapping loads, no byte loop), then a final
    /// avalanche. Its own, not pass 1's: only the merge compares these hashes.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        let raw = UnsafeRawPointer(base)
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: count) &* 0xC4CE_B9FE_1A85_EC53
        if count >= 8 {
            var index = 0
            while index &+ 8 < count {
                hash = (hash ^ raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
                hash ^= hash >> 32
                index &+= 8
            }
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)) &* 0xC4CE_B9FE_1A85_EC53
        } else if count >= 4 {
            let word = UInt64(raw.loadUnaligned(as: UInt32.self)) << 32
                | UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
            hash = (hash ^ word) &* 0xC4CE_B9FE_1A85_EC53
        } else if count > 0 {
            let word = UInt64(base[0]) | UInt64(base[count >> 1]) << 8 | UInt64(base[count &- 1]) << 16
            hash = (hash ^ word) &* 0xC4CE_B9FE_1A85_EC53
        }
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 29
        return hash
    }

    /// Copies `count` bytes with word loads and stores (the last word overlapping the one
    /// before it, all inside both ranges): no call per text, as most texts are short.
    @inline(__always)
    static func copyBytes(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        let from = UnsafeRawPointer(source)
        let to = UnsafeMutableRawPointer(target)
        if count >= 8 {
            if count > 64 { return to.copyMemory(from: from, byteCount: count) }
            var index = 0
            while index &+ 8 < count {
                to.storeBytes(of: from.loadUnaligned(fromByteOffset: index, as: UInt64.self), toByteOffset: index, as: UInt64.self)
                index &+= 8
            }
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self), toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            to.storeBytes(of: from.loadUnaligned(as: UInt32.self), as: UInt32.self)
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self), toByteOffset: count &- 4, as: UInt32.self)
        } else {
            for index in 0..<count { target[index] = source[index] }
        }
    }

    /// Memory for `count` elements, in huge pages where it is large enough: the merge runs on
    /// worker threads, whose heaps are not advised (see `MemoryTuning`), and fresh memory
    /// otherwise faults in 4 KB at a time.
    static func allocate<Element>(_: Element.Type, _ count: Int) -> UnsafeMutablePointer<Element> {
        let memory = UnsafeMutablePointer<Element>.allocate(capacity: count)
        CSVValueBuffers.adviseHugePages(UnsafeMutableRawPointer(memory), bytes: count * MemoryLayout<Element>.stride)
        return memory
    }

    /// True when the two entries' texts have the same bytes.
    @inline(__always)
    static func same(_ one: CSVMergeRecord, _ other: CSVMergeRecord, _ texts: CSVEntryTexts) -> Bool {
        let count = Int(truncatingIfNeeded: one.text >> 48)
        if count == 0xFFFF || other.text >> 48 == 0xFFFF {
            return texts.equal(Int(one.entry), Int(other.entry))
        }
        guard count == Int(truncatingIfNeeded: other.text >> 48) else { return false }
        guard count > 0,
              let left = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: one.text & 0xFFFF_FFFF_FFFF)),
              let right = UnsafeRawPointer(bitPattern: UInt(truncatingIfNeeded: other.text & 0xFFFF_FFFF_FFFF))
        else { return count == 0 }
        return equalBytes(left, right, count)
    }

    /// Byte equality of two texts of `count` (> 0) bytes: whole words, then the last word
    /// again (overlapping loads, all inside the texts); no call for short texts.
    @inline(__always)
    static func equalBytes(_ left: UnsafeRawPointer, _ right: UnsafeRawPointer, _ count: Int) -> Bool {
        if count >= 8 {
            var index = 0
            while index &+ 8 <= count {
                if left.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    != right.loadUnaligned(fromByteOffset: index, as: UInt64.self) { return false }
                index &+= 8
            }
            return index == count || left.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
                == right.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
        }
        if count >= 4 {
            return left.loadUnaligned(as: UInt32.self) == right.loadUnaligned(as: UInt32.self)
                && left.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
                == right.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
        }
        for index in 0..<count where left.load(fromByteOffset: index, as: UInt8.self)
            != right.load(fromByteOffset: index, as: UInt8.self) { return false }
        return true
    }
}
