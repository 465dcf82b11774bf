/// Every chunk entry's bytes, by global entry index: read in order with ``forEach(_:)``,
/// or one at a time with ``bytes(_:)`` (a binary search over the chunks, for the rare
/// byte comparisons) — no per-entry table, so the merge holds little beside the texts.
struct CSVEntryTexts {
    private let arenaBases: UnsafeMutableBufferPointer<UnsafePointer<UInt8>>
    private let offsetBases: UnsafeMutableBufferPointer<UnsafePointer<Int>>
    /// Chunk `c`'s entries are `entryBase[c]..<entryBase[c + 1]`.
    private let entryBase: UnsafeMutableBufferPointer<Int>
    private let chunkCount: Int

    /// The caller keeps the chunks' arrays alive and unchanged while this is used.
    init(_ chunks: CSVChunkTexts) {
        chunkCount = chunks.count
        arenaBases = .allocate(capacity: max(chunkCount, 1))
        offsetBases = .allocate(capacity: max(chunkCount, 1))
        entryBase = .allocate(capacity: chunkCount + 1)
        entryBase[0] = 0
        for chunk in 0..<chunkCount {
            arenaBases[chunk] = chunks.arenas[chunk].withUnsafeBufferPointer { $0.baseAddress } ?? CSVEntryTexts.emptyText
            offsetBases[chunk] = chunks.offsets[chunk].withUnsafeBufferPointer { $0.baseAddress } ?? CSVEntryTexts.emptyOffsets
            entryBase[chunk + 1] = entryBase[chunk] + chunks.entries(chunk)
        }
    }

    /// A valid address for texts of no bytes (a dictionary whose arena is empty).
    nonisolated(unsafe) private static let emptyText: UnsafePointer<UInt8> = {
        let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    nonisolated(unsafe) private static let emptyOffsets: UnsafePointer<Int> = {
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    func deallocate() {
        arenaBases.deallocate()
        offsetBases.deallocate()
        entryBase.deallocate()
    }

    /// Calls `body(entry, bytes, count)` for every entry in global order.
    @inline(__always)
    func forEach(_ body: (Int, UnsafePointer<UInt8>, Int) -> Void) {
        for chunk in 0..<chunkCount {
            let arena = arenaBases[chunk]
            let offsets = offsetBases[chunk]
            let first = entryBase[chunk]
            for code in 0..<(entryBase[chunk + 1] - first) {
                body(first + code, arena + offsets[code], offsets[code + 1] - offsets[code])
            }
        }
    }

    /// One entry's bytes.
    @inline(__always)
    func bytes(_ entry: Int) -> (base: UnsafePointer<UInt8>, count: Int) {
        // entryBase[low] <= entry < entryBase[high]; ends on the (non-empty) chunk holding it.
        var low = 0
        var high = chunkCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if entryBase[middle] <= entry { low = middle } else { high = middle }
        }
        let code = entry - entryBase[low]
        let offsets = offsetBases[low]
        return (arenaBases[low] + offsets[code], offsets[code + 1] - offsets[code])
    }

    @inline(__always)
    func equal(_ first: Int, _ second: Int) -> Bool {
        let one = bytes(first)
        let other = bytes(second)
        guard one.count == other.count else { return false }
        return one.count == 0 || memcmp(one.base, other.base, one.count) == 0
    }
}

#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chunk texts as arenas and offsets (see ``CSVStringMerge/init(arenas:offsets:)``).
struct CSVChunkTexts {
    let arenas: [ContiguousArray<UInt8>]
    let offsets: [ContiguousArray<Int>]

    var count: Int { arenas.count }

    func entries(_ chunk: Int) -> Int { max(offsets[chunk].count - 1, 0) }
}
