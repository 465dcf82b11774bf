import StrataCore
@testable import StrataEngine

/// Builders for small typed columns with nulls, and shorthands for bound expressions.
/// Null rows hold awkward junk (the largest integer, zero, "junk") on purpose: kernels must
/// never report an error or a value from a null row.
enum EvalFixture {
    static func validity(_ values: [Any?]) -> Bitmap? {
        var bitmap = Bitmap(count: 0, value: true)
        for value in values { bitmap.append(value != nil) }
        return bitmap
    }

    static func ints(_ values: [Int64?]) -> Column {
        Column(type: .int64, data: .int64(ContiguousArray(values.map { $0 ?? .max })), validity: validity(values))
    }

    /// Decimals written as text ("12.34"); stored at `scale`.
    static func decimals(_ values: [String?], scale: Int = 2) -> Column {
        let units = values.map { text -> Int64 in
            guard let text else { return .max }
            let negative = text.hasPrefix("-")
            let parts = text.drop { $0 == "-" }.split(separator: ".", omittingEmptySubsequences: false)
            var fraction = parts.count > 1 ? String(parts[1]) : ""
            fraction += String(repeating: "0", count: max(0, scale - fraction.count))
            let magnitude = Int64(String(parts[0]) + fraction)!
            return negative ? -magnitude : magnitude
        }
        return Column(type: .decimal(scale: scale), data: .int64(ContiguousArray(units)), validity: validity(values))
    }

    static func doubles(_ values: [Double?]) -> Column {
        Column(type: .double, data: .double(ContiguousArray(values.map { $0 ?? 0 })), validity: validity(values))
    }

    static func bools(_ values: [Bool?]) -> Column {
        Column(type: .bool, data: .bool(ContiguousArray(values.map { $0 ?? true })), validity: validity(values))
    }

    static func dates(_ values: [String?]) -> Column {
        Column(type: .date, data: .int32(ContiguousArray(values.map { $0.map(day) ?? 0 })), validity: validity(values))
    }

    static func timestamps(_ values: [String?]) -> Column {
        let micros = values.map { text -> Int64 in
            guard let text else { return 0 }
            let parts = text.split(separator: " ")
            let time = parts[1].split(separator: ":").map { Int64($0)! }
            return Int64(day(String(parts[0]))) * 86_400_000_000 + (time[0] * 3600 + time[1] * 60 + time[2]) * 1_000_000
        }
        return Column(type: .timestamp, data: .int64(ContiguousArray(micros)), validity: validity(values))
    }

    static func strings(_ values: [String?]) -> Column {
        var dictionary = StringDictionary()
        let codes = values.map { dictionary.code(for: $0 ?? "junk") }
        return Column(type: .string, data: .string(codes: ContiguousArray(codes), dictionary: dictionary),
                      validity: validity(values))
    }

    static func day(_ iso: String) -> Int32 { CivilDate(iso: iso)!.days }

    /// A table whose columns are named c0, c1, ….
    static func table(_ columns: Column...) -> Table {
        Table(columns.enumerated().map { ("c\($0.offset)", $0.element) })
    }

    /// Every value of the column as display text, "∅" for null.
    static func texts(_ column: Column) -> [String] {
        (0..<column.count).map { column.isNull($0) ? "∅" : column.value(at: $0).description }
    }
}

/// Short names for bound expressions in tests.
enum E {
    static func col(_ index: Int, _ type: DataType) -> BoundExpr { .column(index, type) }
    static func int(_ value: Int64) -> BoundExpr { .literal(.int(value), .int64) }
    static func dec(_ units: Int64, _ scale: Int = 2) -> BoundExpr { .literal(.decimal(units, scale: scale), .decimal(scale: scale)) }
    static func double(_ value: Double) -> BoundExpr { .literal(.double(value), .double) }
    static func str(_ value: String) -> BoundExpr { .literal(.string(value), .string) }
    static func date(_ iso: String) -> BoundExpr { .literal(.date(EvalFixture.day(iso)), .date) }
    static func bool(_ value: Bool) -> BoundExpr { .literal(.bool(value), .bool) }
    static func null(_ type: DataType) -> BoundExpr { .literal(.null, type) }
    static func cmp(_ op: ComparisonOperator, _ left: BoundExpr, _ right: BoundExpr) -> BoundExpr { .comparison(op, left, right) }
    static func arith(_ op: ArithmeticOperator, _ left: BoundExpr, _ right: BoundExpr, _ type: DataType,
                      range: Range<Int> = 0..<1) -> BoundExpr {
        .arithmetic(op, left, right, type, range: range)
    }
    static func fn(_ function: ScalarFunction, _ arguments: [BoundExpr], _ type: DataType, range: Range<Int> = 0..<1) -> BoundExpr {
        .function(function, arguments, type, range: range)
    }
}
