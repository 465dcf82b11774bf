import StrataCore

/// The members of one segment version, ready for `x in @name`: integer keys in a bitset over
/// their range when it is dense (customer ids 1…N: one bit test per row, the set fits in
/// cache), otherwise an open-addressing hash set on a flat buffer (one probe per row); string
/// keys in a `Set` consulted once per dictionary entry of the column.
public final class SegmentMembers: Sendable, Equatable, CustomStringConvertible {
    /// `@dormant60@v2`, as the plan prints it.
    public let label: String
    public let keys: SegmentKeys
    /// Integer keys: slots holding keys, `empty` marking free slots; power-of-two size.
    private let slots: ContiguousArray<Int64>
    private let shift: UInt64
    /// `empty` itself is a member (it cannot be stored in a slot).
    private let holdsEmptyMarker: Bool
    private let strings: Set<ExactText>
    /// Dense integer keys: bit `key - low` of `bits` is set for a member; empty otherwise.
    private let bits: ContiguousArray<UInt64>
    private let low: Int64
    private let span: UInt64

    private static let empty = Int64.min

    /// - Complexity: O(keys).
    public init(label: String, keys: SegmentKeys) {
        self.label = label
        self.keys = keys
        switch keys {
        case .integers(let values):
            // A range at most 64 bits per key (8 bytes, as the hash table) is kept as a bitset.
            if let first = values.first, let last = values.last, last.subtractingReportingOverflow(first).overflow == false,
               UInt64(last - first) < UInt64(max(values.count, 1 << 10)) * 64 {
                let span = UInt64(last - first) + 1
                var bits = ContiguousArray<UInt64>(repeating: 0, count: Int((span + 63) / 64))
                for key in values {
                    let offset = UInt64(key - first)
                    bits[Int(offset >> 6)] |= 1 << (offset & 63)
                }
                self.bits = bits
                low = first
                self.span = span
                slots = []
                shift = 0
                holdsEmptyMarker = false
                strings = []
                return
            }
            bits = []
            low = 0
            span = 0
            var capacity = 16
            while capacity < values.count * 2 { capacity <<= 1 }
            let shift = UInt64(64 - capacity.trailingZeroBitCount)
            var table = ContiguousArray<Int64>(repeating: SegmentMembers.empty, count: capacity)
            let mask = capacity - 1
            for key in values where key != SegmentMembers.empty {
                var position = SegmentMembers.slot(key, shift)
                while table[position] != SegmentMembers.empty, table[position] != key { position = (position + 1) & mask }
                table[position] = key
            }
            slots = table
            self.shift = shift
            holdsEmptyMarker = values.contains(SegmentMembers.empty)
            strings = []
        case .strings(let values):
            bits = []
            low = 0
            span = 0
            slots = []
            shift = 0
            holdsEmptyMarker = false
            strings = Set(values.map(ExactText.init))
        }
    }

    public var description: String { label }

    public static func == (left: SegmentMembers, right: SegmentMembers) -> Bool {
        left.label == right.label && left.keys == right.keys
    }

    @inline(__always)
    private static func slot(_ key: Int64, _ shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// Whether an integer key is a member.
    func contains(_ key: Int64) -> Bool {
        if span > 0 {
            let offset = UInt64(bitPattern: key &- low)
            return offset < span && bits[Int(offset >> 6)] >> (offset & 63) & 1 == 1
        }
        if key == SegmentMembers.empty { return holdsEmptyMarker }
        return slots.withUnsafeBufferPointer { SegmentMembers.probe($0, key, shift) }
    }

    @inline(__always)
    private static func probe(_ table: UnsafeBufferPointer<Int64>, _ key: Int64, _ shift: UInt64) -> Bool {
        let mask = table.count &- 1
        var position = slot(key, shift)
        while true {
            let stored = table[position]
            if stored == key { return true }
            if stored == empty { return false }
            position = (position &+ 1) & mask
        }
    }

    /// Per row of an integer column: membership (nulls give false; the caller applies validity).
    /// - Complexity: O(rows), one hash probe each.
    func membership(_ values: ContiguousArray<Int64>) throws -> ContiguousArray<Bool> {
        if span > 0 {
            let low = self.low, span = self.span
            return try bits.withUnsafeBufferPointer { words in
                try unaryMap(values) { value in
                    // Wrapping subtraction: keys below `low` become huge offsets, outside the span.
                    let offset = UInt64(bitPattern: value &- low)
                    return (offset < span && words[Int(truncatingIfNeeded: offset >> 6)] >> (offset & 63) & 1 == 1, false)
                }.0
            }
        }
        let shift = self.shift
        let holdsEmpty = holdsEmptyMarker
        return try slots.withUnsafeBufferPointer { table in
            try unaryMap(values) { value in
                (value == SegmentMembers.empty ? holdsEmpty : SegmentMembers.probe(table, value, shift), false)
            }.0
        }
    }

    /// Per dictionary code of a string column: membership.
    /// - Complexity: O(distinct strings).
    func membership(_ dictionary: StringDictionary) -> ContiguousArray<Bool> {
        ContiguousArray((0..<max(dictionary.count, 1)).map { code in
            code < dictionary.count && strings.contains(ExactText(dictionary.values[code]))
        })
    }
}

extension Frame {
    /// `x [not] in @segment` as a boolean column; a null x gives null.
    /// - Complexity: O(rows) with one hash probe per row (integer keys), or O(distinct) + O(rows)
    ///   for string keys.
    func inSegment(_ operand: BoundExpr, _ members: SegmentMembers, negated: Bool, site: Range<Int>?) throws -> Column {
        let column = try evaluate(operand, site: site)
        let flags = try segmentFlags(column, members)
        let result = negated ? try unaryMap(flags) { (!$0, false) }.0 : flags
        return Column(type: .bool, data: .bool(result), validity: column.validity)
    }

    /// Rows (of `within`, or all) where `x [not] in @segment` is true.
    func selectInSegment(_ operand: BoundExpr, _ members: SegmentMembers, negated: Bool,
                         within: RowSelection?) throws -> RowSelection {
        let column = try evaluate(operand, site: nil)
        if column.type == .string {
            let (codes, dictionary) = column.data.stringCodes
            var table = members.membership(dictionary)
            if negated { for index in table.indices { table[index].toggle() } }
            return try selectByTable(codes, table, validity: column.validity, within: within)
        }
        let flags = try segmentFlags(column, members)
        return try flags.withUnsafeBufferPointer { flags in
            try selectRows(count: rowCount, validity: column.validity, within: within) { flags[$0] != negated }
        }
    }

    private func segmentFlags(_ column: Column, _ members: SegmentMembers) throws -> ContiguousArray<Bool> {
        if column.type == .string {
            let (codes, dictionary) = column.data.stringCodes
            let table = members.membership(dictionary)
            return try codes.lookup(table)
        }
        return try members.membership(column.data.int64Values)
    }
}
