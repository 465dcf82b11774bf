import StrataCore
@testable import StrataEngine

/// Builds typed columns from optional values (nil = null).
enum Columns {
    static func validity(_ present: [Bool]) -> Bitmap? {
        var bitmap = Bitmap(count: present.count, value: true)
        for (index, flag) in present.enumerated() where !flag { bitmap[index] = false }
        return present.allSatisfy { $0 } ? nil : bitmap
    }

    static func int(_ values: [Int64?], type: DataType = .int64) -> Column {
        Column(type: type, data: .int64(ContiguousArray(values.map { $0 ?? 0 })), validity: validity(values.map { $0 != nil }))
    }

    static func decimal(_ values: [Int64?], scale: Int = 2) -> Column { int(values, type: .decimal(scale: scale)) }

    static func date(_ values: [Int32?]) -> Column {
        Column(type: .date, data: .int32(ContiguousArray(values.map { $0 ?? 0 })), validity: validity(values.map { $0 != nil }))
    }

    static func double(_ values: [Double?]) -> Column {
        Column(type: .double, data: .double(ContiguousArray(values.map { $0 ?? 0 })), validity: validity(values.map { $0 != nil }))
    }

    /// Strings coded against `dictionary` (extra entries allowed, so the dictionary order is
    /// not the sort order).
    static func string(_ values: [String?], dictionary: [String] = []) -> Column {
        var strings = StringDictionary(dictionary)
        let codes = values.map { $0.map { strings.code(for: $0) } ?? 0 }
        return Column(type: .string, data: .string(codes: ContiguousArray(codes), dictionary: strings),
                      validity: validity(values.map { $0 != nil }))
    }
}

extension Table {
    /// Every cell boxed, row by row (tests only).
    var rows: [[Value]] {
        (0..<rowCount).map { row in columns.map { $0.value(at: row) } }
    }
}

/// Random tables for the property tests: ties and nulls are frequent on purpose.
enum RandomTables {
    static let words = ["北京", "上海", "广州", "深圳", "重要价值客户", "a", "B", "b", "Zoë", "", "éclair", "😀", "沉睡客户"]

    /// Columns: k_int (int64), k_dec (decimal(2)), k_date, k_str, v_int, v_dec, v_dbl, v_date.
    static func table(_ random: inout TestRandom, rows: Int) -> Table {
        let nullPercent = random.int(0...30)
        let keySpread = random.int(1...40)
        func maybe<T>(_ value: T, _ random: inout TestRandom) -> T? { random.chance(nullPercent) ? nil : value }
        var kInt: [Int64?] = [], kDec: [Int64?] = [], kDate: [Int32?] = [], kStr: [String?] = []
        var vInt: [Int64?] = [], vDec: [Int64?] = [], vDbl: [Double?] = [], vDate: [Int32?] = []
        let wide = random.chance(30)  // sparse keys take the hash-table path
        for _ in 0..<rows {
            let base = Int64(random.int(0...keySpread))
            kInt.append(maybe(wide ? base &* 1_000_000_007 - 5_000_000_000 : base - 3, &random))
            kDec.append(maybe(Int64(random.int(-5...5)) * 125, &random))
            kDate.append(maybe(Int32(20_000 + random.int(0...keySpread)), &random))
            kStr.append(maybe(words[random.int(0...(words.count - 1))], &random))
            vInt.append(maybe(Int64(random.int(-1_000...1_000)), &random))
            vDec.append(maybe(Int64(random.int(-100_000...100_000)), &random))
            vDbl.append(maybe(Double(random.int(-1_000...1_000)) / 8, &random))
            vDate.append(maybe(Int32(random.int(18_000...21_000)), &random))
        }
        let shuffledWords = words.reversed().map { $0 }
        return Table([
            ("k_int", Columns.int(kInt)), ("k_dec", Columns.decimal(kDec)), ("k_date", Columns.date(kDate)),
            ("k_str", Columns.string(kStr, dictionary: random.chance(50) ? shuffledWords : [])),
            ("v_int", Columns.int(vInt)), ("v_dec", Columns.decimal(vDec)), ("v_dbl", Columns.double(vDbl)),
            ("v_date", Columns.date(vDate)),
        ])
    }
}

/// Plain orderings of boxed values for the reference implementations.
enum Reference {
    /// Ascending order of two non-null values of one type; strings by Unicode scalars.
    static func less(_ left: Value, _ right: Value) -> Bool {
        switch (left, right) {
        case (.int(let a), .int(let b)): a < b
        case (.decimal(let a, _), .decimal(let b, _)): a < b
        case (.date(let a), .date(let b)): a < b
        case (.double(let a), .double(let b)): a < b
        case (.bool(let a), .bool(let b)): !a && b
        case (.string(let a), .string(let b)):
            a.unicodeScalars.map(\.value).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
        default: false
        }
    }

    /// numpy's default quantile of sorted doubles.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let index = Double(sorted.count - 1) * p
        let lower = Int(index.rounded(.down)), upper = min(lower + 1, sorted.count - 1)
        let fraction = index - Double(lower)
        let difference = sorted[upper] - sorted[lower]
        return fraction >= 0.5 ? sorted[upper] - difference * (1 - fraction) : sorted[lower] + difference * fraction
    }

    static func number(_ value: Value) -> Double {
        switch value {
        case .int(let a): Double(a)
        case .decimal(let a, let scale): Double(a) / pow10(scale)
        case .date(let a): Double(a)
        case .double(let a): a
        default: .nan
        }
    }

    static func pow10(_ exponent: Int) -> Double { (0..<exponent).reduce(1.0) { value, _ in value * 10 } }

    /// Two result rows equal, doubles within a relative 1e-9.
    static func sameRow(_ left: [Value], _ right: [Value]) -> Bool {
        left.count == right.count && zip(left, right).allSatisfy { a, b in
            if case .double(let x) = a, case .double(let y) = b {
                return x == y || abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
            }
            return a == b
        }
    }
}
