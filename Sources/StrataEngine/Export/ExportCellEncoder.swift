import StrataCore

/// Encodes one column's cells for an exported CSV file, one typed loop per chunk of rows.
///
/// Numbers are written as numbers: integers as digits, decimals with their full scale
/// (`-1234.50`, never escaped, so a spreadsheet sums them), doubles as the shortest text that
/// reads back the same; dates `yyyy-MM-dd`; timestamps `yyyy-MM-dd HH:mm:ss`; booleans
/// `true`/`false`; null as an empty field. Text is an RFC 4180 field (quoted when it holds
/// `,` `"` CR or LF, or is empty) after ``ExportCellEncoder/appendText(_:excel:to:)`` guards it
/// against formula injection.
struct ExportCellEncoder {
    let column: Column
    /// For Excel: digit texts it would turn into numbers and mangle are written as text formulas.
    let excel: Bool
    /// Escaped dictionary entries (`bytes[offsets[code]..<offsets[code + 1]]`) when the
    /// dictionary is no larger than the column, so repeated strings are escaped once.
    private var dictionaryBytes: [UInt8] = []
    private var dictionaryOffsets: [Int] = []

    init(column: Column, excel: Bool = false) {
        self.column = column
        self.excel = excel
        if case .string(let codes, let dictionary) = column.data, dictionary.count <= max(codes.count, 1) {
            dictionaryOffsets.reserveCapacity(dictionary.count + 1)
            dictionaryOffsets.append(0)
            for string in dictionary.values {
                ExportCellEncoder.appendText(string, excel: excel, to: &dictionaryBytes)
                dictionaryOffsets.append(dictionaryBytes.count)
            }
        }
    }

    /// The first bytes that make a spreadsheet read a cell as a formula (or, for tab and
    /// CR, hide one): `=` `+` `-` `@` TAB CR (OWASP "CSV injection").
    @inline(__always)
    static func isFormulaTrigger(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "=") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "@") || byte == 0x09 || byte == 0x0D
    }

    /// A text cell: prefixed with `'` when it starts with a formula trigger (Excel and
    /// LibreOffice then show it as text, the `'` hidden), then quoted as RFC 4180 needs.
    /// Applies to text only; numeric columns, negative numbers included, are never prefixed.
    /// For Excel, a text of digits that Excel would read as a number and mangle — a leading
    /// zero (`007`) dropped, 11 digits or more (phones, 18-digit ID numbers) shown as
    /// `1.35745E+10` and cut to 15 significant digits — is written as the text formula `="…"`,
    /// which Excel shows as the text itself (and Strata's loader reads back as the text).
    static func appendText(_ string: String, excel: Bool = false, to bytes: inout [UInt8]) {
        let utf8 = string.utf8
        if excel, isMangledDigits(utf8) {
            bytes += formulaOpening
            bytes += utf8
            bytes += formulaClosing
            return
        }
        let guarded = utf8.first.map(isFormulaTrigger) ?? false
        let needsQuotes = utf8.isEmpty || utf8.contains { byte in
            byte == UInt8(ascii: ",") || byte == UInt8(ascii: "\"") || byte == 0x0A || byte == 0x0D
        }
        if !needsQuotes {
            if guarded { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: utf8)
            return
        }
        bytes.append(UInt8(ascii: "\""))
        if guarded { bytes.append(UInt8(ascii: "'")) }
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            bytes.append(byte)
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// The CSV field around a text formula's digits: a quoted `="` before, `"` after, each
    /// quote inside doubled.
    static let formulaOpening = Array("\"=\"\"".utf8)
    static let formulaClosing = Array("\"\"\"".utf8)

    /// All ASCII digits, and either 11 or more of them or a leading zero before more.
    static func isMangledDigits(_ utf8: String.UTF8View) -> Bool {
        guard utf8.count >= 2, utf8.allSatisfy({ $0 &- 48 < 10 }) else { return false }
        return utf8.count >= 11 || utf8.first == UInt8(ascii: "0")
    }

    /// Appends the cells of `rows` to `bytes`, recording where each cell ends in `ends`.
    /// - Complexity: O(rows.count) plus the bytes written.
    func encode(rows: Range<Int>, into bytes: inout [UInt8], ends: inout [Int]) {
        let hasNulls = column.validity != nil
        let validWords = column.validity?.words ?? []
        @inline(__always) func isNull(_ row: Int) -> Bool {
            hasNulls && validWords[row >> 6] & (1 << UInt64(row & 63)) == 0
        }
        switch (column.type, column.data) {
        case (.int64, .int64(let values)):
            for row in rows {
                if !isNull(row) { ByteText.appendInteger(values[row], to: &bytes) }
                ends.append(bytes.count)
            }
        case (.decimal(let scale), .int64(let values)):
            for row in rows {
                if !isNull(row) { ByteText.appendDecimal(values[row], scale: scale, to: &bytes) }
                ends.append(bytes.count)
            }
        case (.int64, .int32(let values)):  // narrow storage
            for row in rows {
                if !isNull(row) { ByteText.appendInteger(Int64(values[row]), to: &bytes) }
                ends.append(bytes.count)
            }
        case (.decimal(let scale), .int32(let values)):
            for row in rows {
                if !isNull(row) { ByteText.appendDecimal(Int64(values[row]), scale: scale, to: &bytes) }
                ends.append(bytes.count)
            }
        case (.timestamp, .int64(let values)):
            for row in rows {
                if !isNull(row) { bytes += CivilDate.timestampText(values[row]).utf8 }
                ends.append(bytes.count)
            }
        case (.date, .int32(let values)):
            for row in rows {
                if !isNull(row) { ByteText.appendDate(values[row], to: &bytes) }
                ends.append(bytes.count)
            }
        case (.double, .double(let values)):
            for row in rows {
                if !isNull(row) { bytes += NumberText.double(values[row]).utf8 }
                ends.append(bytes.count)
            }
        case (.bool, .bool(let values)):
            for row in rows {
                if !isNull(row) { bytes += (values[row] ? "true" : "false").utf8 }
                ends.append(bytes.count)
            }
        case (.string, .string(let codes, let dictionary)):
            if dictionaryOffsets.isEmpty {
                for row in rows {
                    if !isNull(row) { ExportCellEncoder.appendText(dictionary[codes[row]], excel: excel, to: &bytes) }
                    ends.append(bytes.count)
                }
                return
            }
            dictionaryBytes.withUnsafeBufferPointer { cache in
                dictionaryOffsets.withUnsafeBufferPointer { offsets in
                    for row in rows {
                        if !isNull(row) {
                            let code = Int(codes[row])
                            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: cache[offsets[code]..<offsets[code + 1]]))
                        }
                        ends.append(bytes.count)
                    }
                }
            }
        default:
            preconditionFailure("column data does not match \(column.type)")
        }
    }
}
