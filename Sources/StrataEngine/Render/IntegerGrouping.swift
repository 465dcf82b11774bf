/// Decides whether an integer column's values get `,` thousands separators when displayed.
///
/// Amounts and counts read better grouped (`2,000`), but identifiers, codes, phone numbers
/// and years do not (`order_id 1000234`, `year 2026`). The rule looks only at the column
/// name, so it is the same for every row and every run:
///
/// An integer column is shown **ungrouped** when its name, compared case-insensitively,
/// - is one of `id`, `no`, `nr`, `num`, `code`, `key`, `year`, `yr`, `zip`, `phone`, `rfm`,
///   `mobile`, `tel`, `年`, `年份`, `年度`; or
/// - ends in `_`, `-` or a space followed by one of `id`, `no`, `nr`, `num`, `code`, `key`,
///   `year`, `zip`, `phone`, `tel`, `mobile` (`customer_id`, `order-no`); or starts with
///   `year_`, `year-` or `year `; or
/// - is camelCase ending in `Id`, `ID`, `No`, `Year`, `Code` (`customerId`, `orderNo`); or
/// - contains `编号`, `编码`, `代码`, `号码`, `手机`, `电话`, `年份`, `年度`, `邮编`, or ends
///   in `号` or `ID`/`id` after a CJK character (`订单号`, `客户ID`).
///
/// Every other integer column is grouped. Decimals and doubles are always grouped.
enum IntegerGrouping {
    private static let exactNames: Set<String> = [
        "id", "no", "nr", "num", "code", "key", "year", "yr", "zip", "phone", "mobile", "tel", "rfm",
        "年", "年份", "年度",
    ]
    private static let suffixWords = [
        "id", "no", "nr", "num", "code", "key", "year", "zip", "phone", "tel", "mobile",
    ]
    private static let camelSuffixes = ["Id", "ID", "No", "Year", "Code"]
    private static let cjkMarkers = ["编号", "编码", "代码", "号码", "手机", "电话", "年份", "年度", "邮编"]

    /// True when integers in a column named `name` are shown with thousands separators.
    static func groups(columnNamed name: String) -> Bool {
        !looksLikeIdentifier(name)
    }

    /// True for identifier-, code-, phone- and year-like column names (see the type's rule).
    static func looksLikeIdentifier(_ name: String) -> Bool {
        let lower = name.lowercased()
        if exactNames.contains(lower) { return true }
        for word in suffixWords {
            for separator in ["_", "-", " "] {
                if lower.hasSuffix(separator + word) { return true }
            }
        }
        for separator in ["_", "-", " "] where lower.hasPrefix("year" + separator) {
            return true
        }
        for suffix in camelSuffixes where name.hasSuffix(suffix) {
            let stem = name.dropLast(suffix.count)
            if let last = stem.last, last.isLowercase || last.isNumber { return true }
        }
        if cjkMarkers.contains(where: { name.contains($0) }) { return true }
        if name.hasSuffix("号") { return true }
        if lower.hasSuffix("id"), let before = lower.dropLast(2).last, isCJK(before) { return true }
        return false
    }

    private static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return (0x3400...0x9FFF).contains(scalar.value) || (0xF900...0xFAFF).contains(scalar.value)
    }
}
