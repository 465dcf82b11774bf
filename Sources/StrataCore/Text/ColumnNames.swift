/// What a column's name says about its values.
public enum ColumnNames {
    /// Phone-number columns: the loader keeps them as text (leading zeros, `+86`), and
    /// `duplicates`/`describe` compare and check them by their digits.
    public static func looksLikePhone(_ name: String) -> Bool {
        let lower = name.lowercased()
        if ["phone", "mobile", "电话", "手机", "联系方式"].contains(where: { lower.contains($0) }) { return true }
        // `tel` only as a word (`tel`, `contact_tel`), not inside `hotel` or `telecom`.
        let words = lower.split { !($0.isLetter && $0.isASCII) }
        return words.contains("tel")
    }
}
