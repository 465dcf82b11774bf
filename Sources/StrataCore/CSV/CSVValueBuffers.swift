#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Growable raw value buffers, one per column, for pass 1's speculative values.
///
/// The fused loop appends several values per record; a `ContiguousArray` per column inside
/// an array pays a uniqueness check and an outer bounds check on every append, so the values
/// live in `malloc`ed buffers addressed through one table of slots instead. Each column holds
/// elements of one width (4 bytes for dates and string codes; integers and decimals are
/// written as `Int32` while they fit, and widened to 8 bytes at the first value that does
/// not), plus its null rows. Large value buffers are mapped pages, unmapped as soon as the loader has
/// copied a column out, so chunk buffers and the assembled columns do not both stay resident
/// (freed heap memory would stay in the process).
///
/// The first buffers of a chunk's columns are carved, back to back, from one mapping (the
/// chunk's arena) aligned on 2 MB and advised for huge pages: a chunk of a few MB then takes a
/// few huge-page faults instead of one fault per 4 KB page of each column (on this virtual
/// machine a fault costs ~10K cycles: a 38 MB load spent a third of its time in them). Each
/// column's share is page-aligned, so it is unmapped on its own when the column is built.
final class CSVValueBuffers: @unchecked Sendable {
    struct Slot {
        var base: UnsafeMutableRawPointer?
        var count = 0
        var capacity = 0
        /// Mapped pages (its own mapping, or a share of the arena), else `malloc`ed.
        var mapped = false
    }

    let columnCount: Int
    /// Values per column.
    let values: UnsafeMutablePointer<Slot>
    /// Null row indexes (Int32) per column.
    let nulls: UnsafeMutablePointer<Slot>
    /// Per column, how often each dictionary code was taken by the fused loop (UInt32 per
    /// code, see ``countCodes(_:rows:nullRows:codes:)``): those values' shapes are classified
    /// once per distinct text.
    let codeCounts: UnsafeMutablePointer<Slot>
    /// Element width per column in bytes (0 until the column's kind is decided).
    let widths: UnsafeMutablePointer<Int>
    /// First capacity of a value buffer, from the chunk size.
    let initialCapacity: Int
    /// Set when a buffer could not grow; the loader then throws instead of using the values.
    private(set) var outOfMemory = false
    /// Where a column whose buffer could not grow keeps writing (over and over) until the
    /// chunk ends: the hot appends need no extra branch, and nothing is written out of bounds.
    private let sink: UnsafeMutableRawPointer
    private static let sinkBytes = 4096
    /// The chunk's arena (mapped on the first large first buffer) and how much of it is handed out.
    private var arena: UnsafeMutableRawPointer?
    private var arenaBytes = 0
    private var arenaUsed = 0

    init(columnCount: Int, expectedRows: Int) {
        self.columnCount = columnCount
        values = .allocate(capacity: max(columnCount, 1))
        values.initialize(repeating: Slot(), count: max(columnCount, 1))
        nulls = .allocate(capacity: max(columnCount, 1))
        nulls.initialize(repeating: Slot(), count: max(columnCount, 1))
        codeCounts = .allocate(capacity: max(columnCount, 1))
        codeCounts.initialize(repeating: Slot(), count: max(columnCount, 1))
        widths = .allocate(capacity: max(columnCount, 1))
        widths.initialize(repeating: 0, count: max(columnCount, 1))
        initialCapacity = max(64, expectedRows)
        sink = .allocate(byteCount: CSVValueBuffers.sinkBytes, alignment: 8)
    }

    deinit {
        for column in 0..<columnCount {
            release(column)
            if codeCounts[column].base != sink { free(codeCounts[column].base) }
        }
        // The arena's shares were unmapped with their columns; its unused tail goes here.
        if let arena, arenaBytes > arenaUsed { munmap(arena + arenaUsed, arenaBytes - arenaUsed) }
        sink.deallocate()
        codeCounts.deallocate()
        values.deallocate()
        nulls.deallocate()
        widths.deallocate()
    }

    func setWidth(_ column: Int, _ width: Int) { widths[column] = width }

    /// Bytes of each of the column's values (0 until its kind is decided).
    @inline(__always)
    func width(_ column: Int) -> Int { widths[column] }

    /// Appends an integer or decimal value: as `Int32` while the column is narrow and the
    /// value fits, else widening the column first.
    @inline(__always)
    func appendNumber(_ column: Int, _ value: Int64) {
        if widths[column] == 4 {
            if let narrow = Int32(exactly: value) { return append32(column, UInt32(bitPattern: narrow)) }
            widen(column)
        }
        append64(column, value)
    }

    /// Makes a narrow (4-byte) number column 8 bytes wide, its values so far sign-extended.
    @inline(never)
    func widen(_ column: Int) {
        guard widths[column] == 4 else { return }
        let slot = values + column
        widths[column] = 8
        guard let old = slot.pointee.base, old != sink else {
            if slot.pointee.base == sink { slot.pointee.count = 0; slot.pointee.capacity = CSVValueBuffers.sinkBytes / 8 }
            return
        }
        let capacity = max(slot.pointee.capacity, 64)
        let bytes = capacity * 8
        let mapped = bytes >= CSVValueBuffers.mappedThreshold
        guard let wide = mapped ? CSVValueBuffers.mapHugeAligned(CSVValueBuffers.mappedBytes(bytes)) : malloc(bytes) else {
            return fail(slot, width: 8, bytes: slot.pointee.capacity * 4)
        }
        let source = old.assumingMemoryBound(to: Int32.self)
        let target = wide.assumingMemoryBound(to: Int64.self)
        for index in 0..<slot.pointee.count { target[index] = Int64(source[index]) }
        CSVValueBuffers.deallocate(old, bytes: slot.pointee.capacity * 4, mapped: slot.pointee.mapped)
        slot.pointee = Slot(base: wide, count: slot.pointee.count, capacity: capacity, mapped: mapped)
    }

    @inline(__always)
    func append64(_ column: Int, _ value: Int64) {
        let slot = values + column
        if slot.pointee.count == slot.pointee.capacity { growMapped(slot, width: 8) }
        slot.pointee.base.unsafelyUnwrapped.storeBytes(of: value, toByteOffset: slot.pointee.count &* 8, as: Int64.self)
        slot.pointee.count &+= 1
    }

    @inline(__always)
    func append32(_ column: Int, _ value: UInt32) {
        let slot = values + column
        if slot.pointee.count == slot.pointee.capacity { growMapped(slot, width: 4) }
        slot.pointee.base.unsafelyUnwrapped.storeBytes(of: value, toByteOffset: slot.pointee.count &* 4, as: UInt32.self)
        slot.pointee.count &+= 1
    }

    @inline(__always)
    func appendNullRow(_ column: Int, _ row: Int) {
        let slot = nulls + column
        if slot.pointee.count == slot.pointee.capacity { grow(slot, width: 4, first: 64) }
        slot.pointee.base.unsafelyUnwrapped.storeBytes(of: Int32(truncatingIfNeeded: row),
                                                       toByteOffset: slot.pointee.count &* 4, as: Int32.self)
        slot.pointee.count &+= 1
    }

    func count(_ column: Int) -> Int { values[column].count }

    /// The fused loop writes values in place: where `column`'s values start (nil before any),
    /// how many it may hold, and setting how many it holds.
    @inline(__always)
    func valueBase(_ column: Int) -> UnsafeMutableRawPointer? { values[column].base }

    @inline(__always)
    func capacity(_ column: Int) -> Int { values[column].capacity }

    @inline(__always)
    func setCount(_ column: Int, _ count: Int) { values[column].count = count }

    /// Grows `column`'s value buffer (elements of `width` bytes) until it holds more than
    /// `count` values; false when memory ran out (the column then writes into the sink).
    func reserve(_ column: Int, beyond count: Int, width: Int) -> Bool {
        let slot = values + column
        while slot.pointee.capacity <= count {
            growMapped(slot, width: width)
            if outOfMemory { return false }
        }
        return true
    }

    /// Counts the codes of `column`'s rows in `rows` (its values), less the `nullRows` null
    /// rows among them (their code 0 is no text); `codes` bounds the codes.
    func countCodes(_ column: Int, rows: Range<Int>, nullRows: Int, codes: Int) {
        guard !rows.isEmpty, let base = values[column].base else { return }
        let slot = codeCounts + column
        if max(codes, 1) > slot.pointee.count {
            growCounts(slot, to: max(codes, 1))
            if outOfMemory { return }
        }
        let counts = slot.pointee.base.unsafelyUnwrapped.assumingMemoryBound(to: UInt32.self)
        let values = base.assumingMemoryBound(to: UInt32.self)
        for row in rows { counts[Int(values[row])] &+= 1 }
        counts[0] &-= UInt32(truncatingIfNeeded: nullRows)
    }

    /// The codes counted in `column` with their counts (zero for codes not counted).
    func codeCounts(_ column: Int) -> UnsafeBufferPointer<UInt32> {
        let slot = codeCounts[column]
        return UnsafeBufferPointer(start: slot.base?.assumingMemoryBound(to: UInt32.self), count: slot.count)
    }

    @inline(never)
    private func growCounts(_ slot: UnsafeMutablePointer<Slot>, to count: Int) {
        if outOfMemory { return }
        if count > slot.pointee.capacity {
            let capacity = max(64, count, slot.pointee.capacity * 2)
            guard let grown = realloc(slot.pointee.base, capacity * 4) else {
                free(slot.pointee.base)
                slot.pointee = Slot(base: sink, count: 0, capacity: 0)
                outOfMemory = true
                return
            }
            slot.pointee.base = grown
            slot.pointee.capacity = capacity
        }
        memset(slot.pointee.base.unsafelyUnwrapped + slot.pointee.count * 4, 0, (count - slot.pointee.count) * 4)
        slot.pointee.count = count
    }

    /// The column's 8-byte values, in place (a narrow column is widened first).
    func int64s(_ column: Int) -> UnsafeMutableBufferPointer<Int64> {
        widen(column)
        let slot = values[column]
        guard let base = slot.base else { return UnsafeMutableBufferPointer(start: nil, count: 0) }
        return UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: Int64.self), count: slot.count)
    }

    /// Copies the column's values out as an array of `Element` (its width must match).
    func array<Element: BitwiseCopyable>(_ column: Int, as type: Element.Type) -> ContiguousArray<Element> {
        copy(values[column], as: type)
    }

    /// Copies the column's null rows out.
    func nullRows(_ column: Int) -> ContiguousArray<Int32> { copy(nulls[column], as: Int32.self) }

    /// Frees one column's buffers (after its values were copied out).
    func release(_ column: Int) {
        if let base = values[column].base, base != sink {
            CSVValueBuffers.deallocate(base, bytes: values[column].capacity * widths[column], mapped: values[column].mapped)
        }
        values[column] = Slot()
        if nulls[column].base != sink { free(nulls[column].base) }
        nulls[column] = Slot()
    }

    /// A narrow column's 4-byte values, in place.
    func int32s(_ column: Int) -> UnsafeMutableBufferPointer<Int32> {
        let slot = values[column]
        guard let base = slot.base else { return UnsafeMutableBufferPointer(start: nil, count: 0) }
        return UnsafeMutableBufferPointer(start: base.assumingMemoryBound(to: Int32.self), count: slot.count)
    }

    /// The column's values in place (nil when it has none).
    func rawValues(_ column: Int) -> UnsafeRawPointer? { UnsafeRawPointer(values[column].base) }

    /// Whole pages for `bytes`. (Not whole 2 MB pages: a chunk's buffers are sized from a
    /// guess of its rows, often twice too many, and a huge page is resident as a whole once
    /// touched — rounding up tripled the peak memory of a many-column load.)
    static func mappedBytes(_ bytes: Int) -> Int { (max(bytes, 1) + 4095) & ~4095 }

    static let hugePage = 2 << 20

    /// `bytes` of fresh memory starting on a 2 MB boundary, advised for huge pages (every
    /// whole 2 MB of it takes one fault instead of 512); nil when the system refuses.
    static func mapHugeAligned(_ bytes: Int) -> UnsafeMutableRawPointer? {
        guard let mapped = mmap(nil, bytes + hugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              mapped != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        let address = Int(bitPattern: mapped)
        let aligned = (address + hugePage - 1) & ~(hugePage - 1)
        // Unmap the slack before and after the aligned range.
        if aligned > address { munmap(mapped, aligned - address) }
        let tail = address + bytes + hugePage - (aligned + bytes)
        if tail > 0, let end = UnsafeMutableRawPointer(bitPattern: aligned + bytes) { munmap(end, tail) }
        guard let base = UnsafeMutableRawPointer(bitPattern: aligned) else { return nil }
        _ = madvise(base, bytes, 14)  // MADV_HUGEPAGE
        return base
    }

    private func copy<Element: BitwiseCopyable>(_ slot: Slot, as type: Element.Type) -> ContiguousArray<Element> {
        guard slot.count > 0, let base = slot.base else { return [] }
        return ContiguousArray(unsafeUninitializedCapacity: slot.count) { buffer, initialized in
            if let target = buffer.baseAddress {
                memcpy(target, base, slot.count * MemoryLayout<Element>.stride)
            }
            initialized = slot.count
        }
    }

    /// Value buffers from this size on are mapped pages of their own; smaller ones (many
    /// columns, few rows) come from `malloc`, so a wide file does not make one mapping per column.
    static let mappedThreshold = 1 << 20

    /// First buffers in this range of sizes are shares of the chunk's arena. Smaller ones (a
    /// wide file's columns) come from `malloc`, as page-aligned shares would waste most of a
    /// page each; larger ones are mappings of their own, whose whole 2 MB are huge pages
    /// already (in one arena, the unused end of each share would be too: +10% peak memory).
    static let arenaShares = (64 << 10)..<hugePage

    /// Allocates a value buffer, or a twice larger one (the first size is generous: untouched
    /// pages cost nothing).
    @inline(never)
    private func growMapped(_ slot: UnsafeMutablePointer<Slot>, width: Int) {
        if slot.pointee.base == sink { slot.pointee.count = 0; return }
        let oldBytes = slot.pointee.capacity * width
        let capacity = slot.pointee.capacity == 0 ? initialCapacity : slot.pointee.capacity * 2
        let newBytes = capacity * width
        if slot.pointee.base == nil, CSVValueBuffers.arenaShares.contains(newBytes), let share = arenaShare(newBytes) {
            slot.pointee = Slot(base: share, count: 0, capacity: capacity, mapped: true)
            return
        }
        let grown: UnsafeMutableRawPointer?
        if newBytes < CSVValueBuffers.mappedThreshold, !slot.pointee.mapped {
            grown = realloc(slot.pointee.base, newBytes)
        } else {
            // Glibc's module does not export mremap; growth is rare.
            grown = CSVValueBuffers.mapHugeAligned(CSVValueBuffers.mappedBytes(newBytes))
            if let grown, let base = slot.pointee.base {
                memcpy(grown, base, slot.pointee.count * width)
                CSVValueBuffers.deallocate(base, bytes: oldBytes, mapped: slot.pointee.mapped)
            }
        }
        guard let grown else { return fail(slot, width: width, bytes: oldBytes) }
        slot.pointee.base = grown
        slot.pointee.capacity = capacity
        slot.pointee.mapped = newBytes >= CSVValueBuffers.mappedThreshold || slot.pointee.mapped
    }

    /// `bytes` (rounded up to whole pages) from the chunk's arena, which is mapped on the first
    /// call with room for every column's first buffer at 8 bytes a value; nil when it cannot be.
    private func arenaShare(_ bytes: Int) -> UnsafeMutableRawPointer? {
        let share = CSVValueBuffers.mappedBytes(bytes)
        if arena == nil {
            let size = CSVValueBuffers.mappedBytes(initialCapacity * 8 * columnCount)
            guard let mapped = CSVValueBuffers.mapHugeAligned(size) else { return nil }
            arena = mapped
            arenaBytes = size
        }
        guard let arena, arenaUsed + share <= arenaBytes else { return nil }
        defer { arenaUsed += share }
        return arena + arenaUsed
    }

    /// Asks for transparent huge pages on the whole 2 MB blocks inside a large fresh buffer
    /// (one page fault per 2 MB instead of per 4 KB); a no-op where THP is off.
    static func adviseHugePages(_ base: UnsafeMutableRawPointer, bytes: Int) {
        let huge = 2 << 20
        guard bytes >= 2 * huge else { return }
        let address = Int(bitPattern: base)
        let first = (address + huge - 1) & ~(huge - 1)
        let last = (address + bytes) & ~(huge - 1)
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, last - first, 14)  // MADV_HUGEPAGE
    }

    /// A value buffer could not grow: frees it and points the column at the sink.
    private func fail(_ slot: UnsafeMutablePointer<Slot>, width: Int, bytes: Int) {
        if let base = slot.pointee.base { CSVValueBuffers.deallocate(base, bytes: bytes, mapped: slot.pointee.mapped) }
        slot.pointee = Slot(base: sink, count: 0, capacity: CSVValueBuffers.sinkBytes / width)
        outOfMemory = true
    }

    private static func deallocate(_ base: UnsafeMutableRawPointer, bytes: Int, mapped: Bool) {
        if mapped { munmap(base, mappedBytes(bytes)) } else { free(base) }
    }

    @inline(never)
    private func grow(_ slot: UnsafeMutablePointer<Slot>, width: Int, first: Int) {
        if slot.pointee.base == sink { slot.pointee.count = 0; return }
        let capacity = slot.pointee.capacity == 0 ? first : slot.pointee.capacity * 2
        // realloc moves large blocks with mremap: no copy of the pages.
        guard let grown = realloc(slot.pointee.base, capacity * width) else {
            free(slot.pointee.base)
            slot.pointee = Slot(base: sink, count: 0, capacity: CSVValueBuffers.sinkBytes / width)
            outOfMemory = true
            return
        }
        slot.pointee.base = grown
        slot.pointee.capacity = capacity
    }
}
