import StrataCore

/// `concat(a, b, …)`: the arguments' texts joined, nulls skipped (as in DuckDB and PostgreSQL),
/// so `concat(tier, "-", activity)` labels every customer. Numbers, dates and booleans read as
/// Strata writes them (`1234.50`, `2026-06-30`, `true`).
///
/// Each argument becomes one code per row into its own list of texts (a string column's
/// dictionary, or the distinct values of any other column); the arguments are then joined two
/// at a time, once per distinct pair of codes. A row costs a table lookup per argument, and a
/// text is built once per distinct result: labels over 10M customers stay cheap.
extension Frame {
    func concat(_ arguments: [BoundExpr], range: Range<Int>) throws -> Column {
        var joined = try ConcatPart(arguments[0], frame: self, site: range)
        for argument in arguments.dropFirst() {
            joined = try joined.joined(with: ConcatPart(argument, frame: self, site: range), rows: rowCount)
        }
        var dictionary = StringDictionary()
        dictionary.reserveCapacity(joined.texts.count)
        let translation = ContiguousArray(joined.texts.map { dictionary.code(for: $0) })
        let codes: ContiguousArray<UInt32>
        if let rowCodes = joined.codes {
            codes = try DictionaryCodes.uint32(rowCodes).lookup(translation)
        } else {
            codes = ContiguousArray(repeating: translation[0], count: rowCount)
        }
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
    }
}

/// One argument of `concat`, or several already joined: a code per row (nil when every row
/// has the same text, code 0) into `texts`, where null rows read "".
struct ConcatPart {
    var codes: ContiguousArray<UInt32>?
    var texts: [String]

    init(codes: ContiguousArray<UInt32>?, texts: [String]) {
        self.codes = codes
        self.texts = texts
    }

    init(_ expr: BoundExpr, frame: Frame, site: Range<Int>) throws {
        if case .literal(let value, _) = expr {
            self.init(codes: nil, texts: [value.description])
            return
        }
        let column = try frame.evaluate(expr, site: site)
        if case .string(let stringCodes, let dictionary) = column.data {
            var codes = stringCodes.wide
            var texts = Array(dictionary.values)
            if column.validity != nil {
                let empty = UInt32(texts.count)
                texts.append("")
                for row in 0..<column.count where column.isNull(row) { codes[row] = empty }
            }
            self.init(codes: codes, texts: texts)
        } else {
            try self.init(values: column)
        }
    }

    /// A column that is not text: each distinct value (by its bits) is written once.
    private init(values column: Column) throws {
        let keys: ContiguousArray<Int64>
        switch column.data {
        case .int64(let values): keys = values
        case .int32(let values): keys = ContiguousArray(values.lazy.map { Int64($0) })
        case .double(let values): keys = ContiguousArray(values.lazy.map { Int64(bitPattern: $0.bitPattern) })
        case .bool(let values): keys = ContiguousArray(values.lazy.map { $0 ? 1 : 0 })
        case .string: preconditionFailure("texts are read from their dictionary")
        }
        var codeOfKey: [Int64: UInt32] = [:]
        var texts: [String] = []
        var nullCode: UInt32?
        var codes = ContiguousArray<UInt32>(repeating: 0, count: column.count)
        for row in 0..<column.count {
            if row & 0xFFFF == 0 { try Cancellation.check() }
            if column.isNull(row) {
                if nullCode == nil {
                    nullCode = UInt32(texts.count)
                    texts.append("")
                }
                codes[row] = nullCode ?? 0
                continue
            }
            if let code = codeOfKey[keys[row]] {
                codes[row] = code
            } else {
                let code = UInt32(texts.count)
                codeOfKey[keys[row]] = code
                texts.append(column.value(at: row).description)
                codes[row] = code
            }
        }
        self.init(codes: codes, texts: texts)
    }

    /// This part's texts followed by `next`'s, row by row; each distinct pair of codes is
    /// joined once (a dense table while there are at most 4M pairs, else a hash map).
    func joined(with next: ConcatPart, rows: Int) throws -> ConcatPart {
        let rightCount = next.texts.count
        switch (codes, next.codes) {
        case (nil, nil):
            return ConcatPart(codes: nil, texts: [texts[0] + next.texts[0]])
        case (nil, let right?):
            return ConcatPart(codes: right, texts: next.texts.map { texts[0] + $0 })
        case (let left?, nil):
            return ConcatPart(codes: left, texts: texts.map { $0 + next.texts[0] })
        case (let left?, let right?):
            var result = ContiguousArray<UInt32>(repeating: 0, count: rows)
            var joinedTexts: [String] = []
            let pairs = texts.count.multipliedReportingOverflow(by: rightCount)
            if !pairs.overflow, pairs.partialValue <= 1 << 22 {
                var table = ContiguousArray<UInt32>(repeating: .max, count: max(texts.count * rightCount, 1))
                for row in 0..<rows {
                    if row & 0xFFFF == 0 { try Cancellation.check() }
                    let pair = Int(left[row]) * rightCount + Int(right[row])
                    if table[pair] == .max {
                        table[pair] = UInt32(joinedTexts.count)
                        joinedTexts.append(texts[Int(left[row])] + next.texts[Int(right[row])])
                    }
                    result[row] = table[pair]
                }
            } else {
                var codeOfPair: [UInt64: UInt32] = [:]
                for row in 0..<rows {
                    if row & 0xFFFF == 0 { try Cancellation.check() }
                    let pair = UInt64(left[row]) << 32 | UInt64(right[row])
                    if let code = codeOfPair[pair] {
                        result[row] = code
                    } else {
                        let code = UInt32(joinedTexts.count)
                        codeOfPair[pair] = code
                        joinedTexts.append(texts[Int(left[row])] + next.texts[Int(right[row])])
                        result[row] = code
                    }
                }
            }
            return ConcatPart(codes: result, texts: joinedTexts)
        }
    }
}
