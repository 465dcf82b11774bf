import StrataCore

/// `contains`, `starts_with`, `ends_with`: decided once per distinct string (dictionary entry),
/// then mapped over the row codes, so a string predicate costs about what an integer one does.
/// Matching is on UTF-8 bytes (Unicode scalars), so `contains(name, "王")` finds every 王.
enum StringPredicate {
    case contains, startsWith, endsWith

    init?(_ function: ScalarFunction) {
        switch function {
        case .contains: self = .contains
        case .startsWith: self = .startsWith
        case .endsWith: self = .endsWith
        default: return nil
        }
    }

    func test(_ text: String, _ needle: [UInt8]) -> Bool {
        if let result = text.utf8.withContiguousStorageIfAvailable({ test(bytes: $0, needle) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { test(bytes: $0, needle) }
    }

    private func test(bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let length = needle.count
        guard length <= bytes.count else { return false }
        switch self {
        case .startsWith: return bytes.prefix(length).elementsEqual(needle)
        case .endsWith: return bytes.suffix(length).elementsEqual(needle)
        case .contains:
            guard let first = needle.first else { return true }
            var start = 0
            while start + length <= bytes.count {
                if bytes[start] == first, bytes[start..<(start + length)].elementsEqual(needle) { return true }
                start += 1
            }
            return false
        }
    }

    /// The answer for each dictionary code (at least one entry, so code 0 of null rows is valid).
    func table(_ dictionary: StringDictionary, _ needle: String) -> ContiguousArray<Bool> {
        let needleBytes = Array(needle.utf8)
        var table = ContiguousArray(repeating: false, count: max(dictionary.count, 1))
        for (code, text) in dictionary.values.enumerated() { table[code] = test(text, needleBytes) }
        return table
    }
}

extension Frame {
    /// A string predicate as a boolean column.
    func stringPredicate(_ predicate: StringPredicate, _ arguments: [BoundExpr], range: Range<Int>) throws -> Column {
        guard let strings = try stringCodes(arguments[0], site: range),
              let needles = try stringCodes(arguments[1], site: range)
        else { return Literal.nullColumn(.bool, count: rowCount) }
        let validity = Validity.and(strings.validity, needles.validity)
        let values: ContiguousArray<Bool>
        if case .scalar(let needleCode) = needles.codes {
            let table = predicate.table(strings.dictionary, needles.dictionary[needleCode])
            values = try strings.codes.lookup(table, count: rowCount)
        } else {
            // Needles vary by row: the slow, general case.
            let needleBytes = needles.dictionary.values.map { Array($0.utf8) }
            let texts = strings.dictionary.values
            values = try binaryMap(strings.codes.operand, needles.codes.operand, count: rowCount) { code, needleCode in
                let valid = Int(code) < texts.count && Int(needleCode) < needleBytes.count
                return (valid && predicate.test(texts[Int(code)], needleBytes[Int(needleCode)]), false)
            }.0
        }
        return Column(type: .bool, data: .bool(values), validity: validity)
    }

    /// `lower(s)`, `upper(s)`, `trim(s)`: each entry transformed once into a new dictionary
    /// (entries that become equal merge), then the codes re-mapped.
    func mapTexts(_ argument: BoundExpr, range: Range<Int>, _ transform: (String) -> String) throws -> Column {
        let column = try evaluate(argument, site: range)
        let (codes, dictionary) = column.data.stringCodes
        var result = StringDictionary()
        var translation = ContiguousArray<UInt32>(repeating: 0, count: max(dictionary.count, 1))
        for (code, text) in dictionary.values.enumerated() { translation[code] = result.code(for: transform(text)) }
        let mapped = try codes.lookup(translation)
        return Column(type: .string, data: .string(codes: mapped, dictionary: result), validity: column.validity)
    }

    /// `length(s)` in characters (grapheme clusters: "家电" is 2), once per entry.
    func stringLength(_ argument: BoundExpr, range: Range<Int>) throws -> Column {
        let column = try evaluate(argument, site: range)
        let (codes, dictionary) = column.data.stringCodes
        var lengths = ContiguousArray<Int64>(repeating: 0, count: max(dictionary.count, 1))
        for (code, text) in dictionary.values.enumerated() { lengths[code] = Int64(text.count) }
        let values = try codes.lookup(lengths)
        return Column(type: .int64, data: .int64(values), validity: column.validity)
    }
}
