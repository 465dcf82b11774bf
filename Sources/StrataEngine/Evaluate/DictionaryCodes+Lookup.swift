import StrataCore

/// Loops over string codes in their stored width (8, 16 or 32 bits, see ``DictionaryCodes``):
/// each switches on the width once, then runs a loop specialised for it.
extension DictionaryCodes {
    /// `table[code]` for every row: a per-dictionary-entry answer mapped over the codes.
    /// `table` needs an entry for every code present (null rows store a valid code).
    /// - Complexity: O(rows)
    func lookup<T>(_ table: ContiguousArray<T>) throws -> ContiguousArray<T> {
        try withCodes(LookupCodes(table: table))
    }

    /// The codes as an operand of `UInt32` comparisons: the buffer itself when wide; a widened
    /// copy otherwise (for the general string paths; the fast paths read narrow codes).
    var operand: Operand<UInt32> { .values(wide) }
}

private struct LookupCodes<T>: DictionaryCodesBody {
    let table: ContiguousArray<T>

    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) throws -> ContiguousArray<T> {
        try table.withUnsafeBufferPointer { lookup in
            try unaryMap(codes) { (lookup[Int($0)], false) }.0
        }
    }
}

extension Frame {
    /// Rows whose string code maps to `true` in `table` (one entry per dictionary code).
    /// - Complexity: O(rows examined)
    func selectByTable(_ codes: DictionaryCodes, _ table: ContiguousArray<Bool>, validity: Bitmap?,
                       within: RowSelection?) throws -> RowSelection {
        try codes.withCodes(SelectByTable(table: table, validity: validity, within: within, rowCount: rowCount))
    }

    /// Rows where `code op constant` holds (equality of string codes), in the codes' width.
    func selectCodes(_ op: ComparisonOperator, _ codes: DictionaryCodes, _ constant: UInt32, validity: Bitmap?,
                     within: RowSelection?) throws -> RowSelection {
        try codes.withCodes(SelectCodes(op: op, constant: constant, validity: validity, within: within, rowCount: rowCount))
    }
}

private struct SelectByTable: DictionaryCodesBody {
    let table: ContiguousArray<Bool>
    let validity: Bitmap?
    let within: RowSelection?
    let rowCount: Int

    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) throws -> RowSelection {
        try codes.withUnsafeBufferPointer { codeBuffer in
            try table.withUnsafeBufferPointer { lookup in
                try selectRows(count: rowCount, validity: validity, within: within) { lookup[Int(codeBuffer[$0])] }
            }
        }
    }
}

private struct SelectCodes: DictionaryCodesBody {
    let op: ComparisonOperator
    let constant: UInt32
    let validity: Bitmap?
    let within: RowSelection?
    let rowCount: Int

    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) throws -> RowSelection {
        // A constant beyond the width equals no code (never for a code of the column's dictionary).
        guard let narrow = Code(exactly: constant) else {
            let notEqual = op == .notEqual
            return try selectRows(count: rowCount, validity: validity, within: within) { _ in notEqual }
        }
        return try selectCompare(op, .values(codes), .scalar(narrow), validity: validity, within: within, rowCount: rowCount)
    }
}
