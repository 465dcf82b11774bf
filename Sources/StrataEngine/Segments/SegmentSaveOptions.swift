import StrataCore
import StrataLang

/// The `( … )` options of `segment save` and `segment refresh`, checked.
struct SegmentSaveOptions {
    static let saveNames = ["note", "key", "tier", "goal", "metric", "action", "drop"]

    var note: String?
    var key: Name?
    var tier: Name?
    var playbook = SegmentPlaybook()
    /// `(drop overrides)`: start without the manual overrides of the previous version.
    var dropOverrides = false
    /// `(reason "…")` of `segment add` / `segment remove`.
    var reason: String?

    init() {}

    init(_ items: [OptionItem], allowed: [String]) throws(Diagnostic) {
        for item in items {
            let name = item.name.text
            guard allowed.contains(name) else {
                throw Diagnostic("unknown option \(name)." + Suggestion.phrase(for: name, among: allowed)
                    + " Options: " + allowed.joined(separator: ", "), at: .statement(item.name.range))
            }
            switch name {
            case "note": note = try SegmentSaveOptions.text(item)
            case "goal": playbook.goal = try SegmentSaveOptions.text(item)
            case "metric": playbook.metric = try SegmentSaveOptions.text(item)
            case "action": playbook.action = try SegmentSaveOptions.text(item)
            case "reason": reason = try SegmentSaveOptions.text(item)
            case "key": key = try SegmentSaveOptions.column(item)
            case "tier": tier = try SegmentSaveOptions.column(item)
            case "drop":
                guard case .word(let word) = item.value, word.text == "overrides" else {
                    throw Diagnostic("expected drop overrides", at: .statement(item.value?.range ?? item.name.range))
                }
                dropOverrides = true
            default: break
            }
        }
    }

    static func text(_ item: OptionItem) throws(Diagnostic) -> String {
        guard case .string(let text, _) = item.value else {
            throw Diagnostic("expected text in quotes after \(item.name.text): \(item.name.text) \"…\"",
                             at: .statement(item.value?.range ?? item.name.range))
        }
        return text
    }

    static func column(_ item: OptionItem) throws(Diagnostic) -> Name {
        guard case .word(let name) = item.value else {
            throw Diagnostic("expected a column name after \(item.name.text)", at: .statement(item.value?.range ?? item.name.range))
        }
        return name
    }
}

/// Members drawn from a result table: the key column (first, or `key COL`) and optionally a
/// label per member (`tier COL`).
enum SegmentExtraction {
    /// Keys (sorted, unique; null keys skipped) and labels of `table`.
    /// - Complexity: O(rows log rows).
    static func members(of table: Table, key: Name?, tier: Name?, site: Range<Int>) throws
        -> (column: String, keys: SegmentKeys, tierColumn: String?, tiers: [String]?, nullKeys: Int) {
        guard table.columnCount > 0 else { throw Diagnostic("the pipeline gives no columns", at: .statement(site)) }
        let keyIndex = try index(of: key, in: table) ?? 0
        let keyColumn = table.columns[keyIndex].widened()  // narrow integer keys read as Int64
        let keyName = table.fields[keyIndex].name
        var valid: [Int] = []
        valid.reserveCapacity(keyColumn.count)
        for row in 0..<keyColumn.count where !keyColumn.isNull(row) { valid.append(row) }
        var labels: [String]?
        var tierName: String?
        if let tier {
            let tierIndex = try index(of: tier, in: table)!
            tierName = table.fields[tierIndex].name
            labels = labelTexts(table.columns[tierIndex], rows: valid)
        }
        let raw: SegmentKeys
        switch keyColumn.data {
        case .int64(let values) where keyColumn.type == .int64:
            raw = .integers(valid.map { values[$0] })
        case .string(let codes, let dictionary):
            raw = .strings(valid.map { dictionary[codes[$0]] })
        default:
            throw Diagnostic("the key column \(keyName) is \(TypeRules.article(keyColumn.type)); segment keys are integers or strings"
                + (key == nil ? " (choose one with key COL)" : ""), at: .statement(key?.range ?? site))
        }
        let (keys, sortedLabels) = SegmentKeys.normalized(raw, labels: labels)
        return (keyName, keys, tierName, sortedLabels, keyColumn.count - valid.count)
    }

    private static func index(of name: Name?, in table: Table) throws(Diagnostic) -> Int? {
        guard let name else { return nil }
        if let index = table.columnIndex(named: name.text) { return index }
        throw Diagnostic("column \"\(name.text)\" not found." + Suggestion.phrase(for: name.text, among: table.columnNames),
                         at: .statement(name.range))
    }

    /// One label per listed row: strings by dictionary code, others as their text; null → "".
    private static func labelTexts(_ column: Column, rows: [Int]) -> [String] {
        if case .string(let codes, let dictionary) = column.data {
            return rows.map { column.isNull($0) ? "" : dictionary[codes[$0]] }
        }
        return rows.map { column.value(at: $0).description }
    }
}
