import StrataCore

/// `describe T`: a profile of every column of a table.
public enum Describe {
    /// One row per column of `table`, in column order, with the columns
    /// `column`, `type`, `nulls`, `distinct`, `min`, `max`, `example`, `flags`.
    ///
    /// `flags` names suspicious values (``SuspiciousValues``): placeholder phones, one value
    /// far more frequent than the rest, dates after `asOf`, negative numbers.
    ///
    /// - `nulls` and `distinct` are exact counts (`distinct` ignores nulls; all NaN count as
    ///   one value and `-0.0` equals `0.0`).
    /// - `min`, `max` and `example` (the first non-null value) are text in the renderer's
    ///   display format (``DisplayFormat``), so `describe` shows values the way tables do;
    ///   they are null when the column has no values. Strings compare by Swift's `<`
    ///   (Unicode scalar order, not pinyin); doubles ignore NaN unless every value is NaN.
    ///
    /// - Complexity: O(rows) per column, at most two passes over each typed buffer and no
    ///   per-row boxing. Distinct counts use a bit set over the value range when it is
    ///   small (ids, dates, cents), otherwise an open-addressing hash set; strings count the
    ///   dictionary codes in use, then compare only the used dictionary entries.
    public static func profile(_ table: Table, asOf: Int32? = nil) -> Table {
        var names = StringColumnBuilder()
        var types = StringColumnBuilder()
        var nulls = ContiguousArray<Int64>()
        var distincts = ContiguousArray<Int64>()
        var minimums = StringColumnBuilder()
        var maximums = StringColumnBuilder()
        var examples = StringColumnBuilder()
        var flags = StringColumnBuilder()

        for (field, column) in zip(table.fields, table.columns) {
            let profile = ColumnProfile.scan(column)
            let groupIntegers = IntegerGrouping.groups(columnNamed: field.name)
            names.append(field.name)
            types.append(field.type.description)
            nulls.append(Int64(profile.nulls))
            distincts.append(Int64(profile.distinct))
            minimums.append(profile.minimum.flatMap { DisplayFormat.text($0, groupIntegers: groupIntegers) })
            maximums.append(profile.maximum.flatMap { DisplayFormat.text($0, groupIntegers: groupIntegers) })
            examples.append(profile.example.flatMap { DisplayFormat.text($0, groupIntegers: groupIntegers) })
            flags.append(SuspiciousValues.flags(column, name: field.name, asOf: asOf) ?? "")
        }
        return Table([
            ("column", names.column()),
            ("type", types.column()),
            ("nulls", Column(type: .int64, data: .int64(nulls))),
            ("distinct", Column(type: .int64, data: .int64(distincts))),
            ("min", minimums.column()),
            ("max", maximums.column()),
            ("example", examples.column()),
            ("flags", flags.column()),
        ])
    }
}

/// Collects optional strings into a dictionary-encoded string column.
struct StringColumnBuilder {
    private var codes = ContiguousArray<UInt32>()
    private var dictionary = StringDictionary()
    private var validity = Bitmap(count: 0, value: true)

    mutating func append(_ string: String?) {
        codes.append(string.map { dictionary.code(for: $0) } ?? 0)
        validity.append(string != nil)
    }

    func column() -> Column {
        Column(type: .string, data: .string(codes: codes, dictionary: dictionary), validity: validity)
    }
}
