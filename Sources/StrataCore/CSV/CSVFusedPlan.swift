/// The fused loop's per-call state (see ``CSVParseContext/fusedRecords``): each column's
/// guess resolved once, where its values go, the record's pending events, and what turns into
/// statistics when the loop stops.
final class CSVFusedPlan {
    /// Event tag of a null field (else the tag is a decimal's fraction digits).
    static let nullEvent = 0xFF

    let columns: Int
    let kinds: UnsafeMutablePointer<CSVSpeculation.Kind>
    let scales: UnsafeMutablePointer<Int>
    /// Bytes per value of each column (0 for a column without values): integer and decimal
    /// columns are 4 while their values fit `Int32` (a value that does not stops the loop, and
    /// the general path widens the column), else 8.
    let widths: UnsafeMutablePointer<Int>
    /// Where each column's values start (valid from ``makeRoom(row:buffers:)`` on).
    let outputs: UnsafeMutablePointer<UnsafeMutableRawPointer>
    /// The current record's events, `column << 8 | tag`: at most one per column.
    let events: UnsafeMutablePointer<Int>
    /// The last date text per column (first 8 bytes, last 2) and its day number.
    let dateKeys: UnsafeMutablePointer<(UInt64, UInt16)>
    let dateDays: UnsafeMutablePointer<Int64>
    /// Per column, in this call: null fields, and decimals written with a fraction.
    private let nullCounts: UnsafeMutablePointer<Int>
    private let fractionCounts: UnsafeMutablePointer<Int>
    private let classified: UnsafePointer<Bool>
    private var scratchBase: UnsafeMutablePointer<UInt8>?
    private var scratchCapacity = 0
    /// Set once the value buffers were checked and sized: only then do counts move.
    private var started = false

    init(_ speculation: CSVSpeculation, columns: Int, classified: UnsafePointer<Bool>) {
        self.columns = columns
        self.classified = classified
        let slots = max(columns, 1)
        kinds = .allocate(capacity: slots)
        scales = .allocate(capacity: slots)
        widths = .allocate(capacity: slots)
        outputs = .allocate(capacity: slots)
        events = .allocate(capacity: slots)
        dateKeys = .allocate(capacity: slots)
        dateDays = .allocate(capacity: slots)
        nullCounts = .allocate(capacity: slots)
        fractionCounts = .allocate(capacity: slots)
        dateKeys.initialize(repeating: (0, 0), count: slots)
        dateDays.initialize(repeating: 0, count: slots)
        nullCounts.initialize(repeating: 0, count: slots)
        fractionCounts.initialize(repeating: 0, count: slots)
        // Columns without values (undecided) never write: any address will do.
        outputs.initialize(repeating: UnsafeMutableRawPointer(dateDays), count: slots)
        for column in 0..<columns {
            kinds[column] = speculation.kinds[column]
            scales[column] = speculation.scales[column]
            switch kinds[column] {
            case .integer, .decimal: widths[column] = speculation.buffers.width(column)
            case .date, .string: widths[column] = 4
            case .undecided, .failed: widths[column] = 0
            }
        }
    }

    deinit {
        kinds.deallocate(); scales.deallocate(); widths.deallocate(); outputs.deallocate(); events.deallocate()
        dateKeys.deallocate(); dateDays.deallocate(); nullCounts.deallocate(); fractionCounts.deallocate()
        scratchBase?.deallocate()
    }

    /// Sizes every value buffer for row `row` and beyond; returns the first row that does not
    /// fit them all, or nil when the loop must stop (out of memory, or counts it cannot trust).
    func makeRoom(row: Int, buffers: CSVValueBuffers) -> Int? {
        var end = Int.max
        for column in 0..<columns {
            let width = widths[column]
            guard width > 0 else { continue }
            if !started, buffers.count(column) != row { return nil }
            // Growing copies the counted values: count the ones written in place first.
            buffers.setCount(column, row)
            guard buffers.reserve(column, beyond: row, width: width), let base = buffers.valueBase(column)
            else { return nil }
            outputs[column] = base
            end = min(end, buffers.capacity(column))
        }
        started = true
        return end
    }

    /// Applies one event of a record that qualified.
    @inline(__always)
    func apply(_ event: Int, row: Int, buffers: CSVValueBuffers, stats: UnsafeMutableBufferPointer<CSVColumnStats>) {
        let column = event >> 8
        let tag = event & 0xFF
        if tag == CSVFusedPlan.nullEvent {
            nullCounts[column] &+= 1
            buffers.appendNullRow(column, row)
        } else {
            fractionCounts[column] &+= 1
            if tag > stats[column].maxFraction { stats[column].maxFraction = tag }
        }
    }

    /// Adds the nulls and fractions of `column` in a block's rows (see ``CSVFusedBlock``).
    func noteBlock(column: Int, nulls: Int, fractions: Int) {
        nullCounts[column] &+= nulls
        fractionCounts[column] &+= fractions
    }

    /// A buffer of at least `length` bytes for an unescaped text.
    @inline(__always)
    func scratch(_ length: Int) -> UnsafeMutablePointer<UInt8> {
        if length > scratchCapacity { growScratch(length) }
        return scratchBase.unsafelyUnwrapped
    }

    @inline(never)
    private func growScratch(_ length: Int) {
        scratchBase?.deallocate()
        scratchCapacity = max(256, length, scratchCapacity * 2)
        scratchBase = .allocate(capacity: scratchCapacity)
    }

    /// The loop stopped after `taken` records, at row `endRow`: sets the value counts and adds
    /// the statistics of the values taken (each non-null one has its column's shape), and
    /// counts the text codes taken for classification.
    func finish(taken: Int, endRow: Int, buffers: CSVValueBuffers, stats: UnsafeMutableBufferPointer<CSVColumnStats>,
                dictionaries: UnsafeMutablePointer<CSVByteDictionary>) {
        guard started else { return }
        for column in 0..<columns where widths[column] > 0 {
            buffers.setCount(column, endRow)
            let values = taken - nullCounts[column]
            switch kinds[column] {
            case .integer:
                stats[column].nonNull += values
                stats[column].integers += values
            case .decimal:
                stats[column].nonNull += values
                stats[column].decimals += fractionCounts[column]
                stats[column].integers += values - fractionCounts[column]
            case .date:
                stats[column].nonNull += values
                stats[column].dates += values
            case .string:
                if classified[column], !buffers.outOfMemory {
                    buffers.countCodes(column, rows: endRow - taken..<endRow, nullRows: nullCounts[column],
                                       codes: dictionaries[column].count)
                }
            case .undecided, .failed:
                break
            }
        }
    }
}
