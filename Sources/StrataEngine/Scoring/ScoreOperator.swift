import StrataCore

/// `score KEY by KIND (rules …)`: one row per key with `points`, `last_event`, `days_idle`,
/// `decay`, `score` and `band`, keys in order of first appearance.
///
/// points = Σ over kinds of min(count × points, cap); decay = the penalty of the largest
/// threshold `days_idle` reaches (not the sum); score = points + decay; band = the first band
/// the score matches. Events of kinds not in the rules count 0 (a warning names them).
public enum ScoreOperator {
    /// Output columns after the key.
    static let outputFields = [Field(name: "points", type: .int64), Field(name: "last_event", type: .date),
                               Field(name: "days_idle", type: .int64), Field(name: "decay", type: .int64),
                               Field(name: "score", type: .int64), Field(name: "band", type: .string)]

    /// - Complexity: O(events) for the group ids and one counting pass, then
    ///   O(keys × rules) to total the points.
    public static func run(_ input: Table, spec: ScoreSpec, context: ExecutionContext) throws -> Table {
        let keyColumn = input.columns[spec.key]
        let groups = try KeyEncoding.groupIds([keyColumn], rowCount: input.rowCount)
        let tally = try EventTally(input, spec: spec, groups: groups)
        warnUnknownKinds(tally, input: input, spec: spec, context: context)

        // Keys in order of first appearance, without the null key's group.
        var keep = RowSelection()
        var keptGroups: [Int] = []
        for group in 0..<groups.count where !keyColumn.isNull(Int(groups.firstRows[group])) {
            keep.append(groups.firstRows[group])
            keptGroups.append(group)
        }
        let nullKeyEvents = keyColumn.nullCount
        if nullKeyEvents > 0 {
            context.warn("score: \(NumberText.integer(Int64(nullKeyEvents), grouped: true)) "
                + (nullKeyEvents == 1 ? "event has" : "events have") + " no \(input.fields[spec.key].name) and "
                + (nullKeyEvents == 1 ? "is" : "are") + " left out")
        }
        let count = keptGroups.count
        var points = ContiguousArray<Int64>(repeating: 0, count: count)
        var lastEvent = ContiguousArray<Int32>(repeating: 0, count: count)
        var idle = ContiguousArray<Int64>(repeating: 0, count: count)
        var decay = ContiguousArray<Int64>(repeating: 0, count: count)
        var score = ContiguousArray<Int64>(repeating: 0, count: count)
        var band = ContiguousArray<UInt32>(repeating: 0, count: count)
        var dated = Bitmap(count: count, value: true)
        var banded = Bitmap(count: count, value: true)
        let ruleCount = spec.rules.count
        for (position, group) in keptGroups.enumerated() {
            if position & 0xFFFF == 0 { try Cancellation.check() }
            var total: Int64 = 0
            for rule in 0..<ruleCount {
                let events = tally.counts[group * ruleCount + rule]
                if events > 0 { total = total.addingReportingOverflow(spec.rules[rule].total(count: events)).partialValue }
            }
            points[position] = total
            let last = tally.lastDay[group]
            if last == Int32.min {
                dated[position] = false
            } else {
                lastEvent[position] = last
                idle[position] = Int64(spec.asOf) - Int64(last)
                decay[position] = spec.penalty(idleDays: idle[position])
            }
            score[position] = total &+ decay[position]
            if let index = spec.band(of: score[position]) { band[position] = UInt32(index) } else { banded[position] = false }
        }
        let datedValidity: Bitmap? = dated.nonzeroBitCount == count ? nil : dated
        return Table([
            (input.fields[spec.key].name, keyColumn.gather(keep)),
            ("points", Column(type: .int64, data: .int64(points))),
            ("last_event", Column(type: .date, data: .int32(lastEvent), validity: datedValidity)),
            ("days_idle", Column(type: .int64, data: .int64(idle), validity: datedValidity)),
            ("decay", Column(type: .int64, data: .int64(decay))),
            ("score", Column(type: .int64, data: .int64(score))),
            ("band", Column(type: .string, data: .string(codes: band, dictionary: StringDictionary(spec.bands.map(\.name))),
                            validity: banded.nonzeroBitCount == count ? nil : banded)),
        ])
    }

    /// `score: 4 event kinds are not in the rules and count 0: 微信 (1,854), 电话 (1,811), …`
    static func warnUnknownKinds(_ tally: EventTally, input: Table, spec: ScoreSpec, context: ExecutionContext) {
        guard case .string(_, let dictionary) = input.columns[spec.kind].data else { return }
        var unknown: [(String, Int64)] = []
        for (code, events) in tally.unknownKinds.enumerated() where events > 0 { unknown.append((dictionary[UInt32(code)], events)) }
        unknown.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        if tally.nullKinds > 0 { unknown.append(("(no kind)", tally.nullKinds)) }
        guard !unknown.isEmpty else { return }
        let shown = unknown.prefix(10).map { "\($0.0) (\(NumberText.integer($0.1, grouped: true)))" }
        let more = unknown.count > 10 ? ", and \(unknown.count - 10) more" : ""
        context.warn("score: \(unknown.count) event \(unknown.count == 1 ? "kind is" : "kinds are") not in the rules and "
            + "\(unknown.count == 1 ? "counts" : "count") 0: " + shown.joined(separator: ", ") + more)
    }
}
