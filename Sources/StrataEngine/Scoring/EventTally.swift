import StrataCore

/// One pass over the events: per key group and rule, how many events; per group, the latest
/// event day; per kind not in the rules, how many events.
struct EventTally {
    /// `groups × rules`, row-major.
    var counts: ContiguousArray<Int64>
    /// Latest event day per group; `Int32.min` when the group has no dated event.
    var lastDay: ContiguousArray<Int32>
    /// Events per dictionary code of the kind column whose kind is not in the rules.
    var unknownKinds: ContiguousArray<Int64>
    var nullKinds: Int64 = 0

    /// - Complexity: O(events + distinct kinds × rules).
    init(_ input: Table, spec: ScoreSpec, groups: GroupIds) throws {
        let ruleCount = spec.rules.count
        counts = ContiguousArray(repeating: 0, count: groups.count * ruleCount)
        lastDay = ContiguousArray(repeating: Int32.min, count: groups.count)
        let kindColumn = input.columns[spec.kind]
        guard case .string(let storedCodes, let dictionary) = kindColumn.data else {
            throw Diagnostic("score needs a string column of event kinds")
        }
        // Dictionary code → rule index (−1: not in the rules); the first rule of a kind wins.
        var ruleOf = ContiguousArray<Int32>(repeating: -1, count: dictionary.count)
        for (index, rule) in spec.rules.enumerated().reversed() {
            if let code = dictionary.existingCode(for: rule.kind) { ruleOf[Int(code)] = Int32(index) }
        }
        unknownKinds = ContiguousArray(repeating: 0, count: dictionary.count)
        let days = try EventTally.days(input.columns[spec.date])
        let kindValidity = kindColumn.validity
        let dateValidity = input.columns[spec.date].validity
        var nullKinds: Int64 = 0
        try counts.withUnsafeMutableBufferPointer { counts in
            try lastDay.withUnsafeMutableBufferPointer { lastDay in
                try unknownKinds.withUnsafeMutableBufferPointer { unknown in
                    try ruleOf.withUnsafeBufferPointer { ruleOf in
                        try groups.ids.withUnsafeBufferPointer { ids in
                            try days.withUnsafeBufferPointer { days in
                                nullKinds = try storedCodes.withCodes(KindTally(
                                    counts: counts, lastDay: lastDay, unknown: unknown, ruleOf: ruleOf, ids: ids, days: days,
                                    kindValidity: kindValidity, dateValidity: dateValidity, ruleCount: ruleCount,
                                    rowCount: input.rowCount))
                            }
                        }
                    }
                }
            }
        }
        self.nullKinds = nullKinds
    }

    /// Event days: a date column as is, a timestamp's day (floor, so times before 1970 work).
    static func days(_ column: Column) throws -> ContiguousArray<Int32> {
        switch (column.type, column.data) {
        case (.date, .int32(let values)):
            return values
        case (.timestamp, .int64(let values)):
            let perDay: Int64 = 86_400_000_000
            return ContiguousArray(values.lazy.map { micros in
                let day = micros >= 0 ? micros / perDay : (micros - perDay + 1) / perDay
                return Int32(clamping: day)
            })
        default:
            throw Diagnostic("score needs a date or timestamp column for the event dates")
        }
    }
}

/// The tally loop over the kind codes in their stored width; returns the null kinds.
private struct KindTally: DictionaryCodesBody {
    let counts: UnsafeMutableBufferPointer<Int64>
    let lastDay: UnsafeMutableBufferPointer<Int32>
    let unknown: UnsafeMutableBufferPointer<Int64>
    let ruleOf: UnsafeBufferPointer<Int32>
    let ids: UnsafeBufferPointer<Int32>
    let days: UnsafeBufferPointer<Int32>
    let kindValidity: Bitmap?
    let dateValidity: Bitmap?
    let ruleCount: Int
    let rowCount: Int

    func run<Code: DictionaryCode>(_ codes: ContiguousArray<Code>) throws -> Int64 {
        var nullKinds: Int64 = 0
        try codes.withUnsafeBufferPointer { kinds in
            try KeyEncoding.chunked(rowCount) { rows in
                for row in rows {
                    let group = Int(ids[row])
                    if dateValidity?[row] ?? true, days[row] > lastDay[group] { lastDay[group] = days[row] }
                    if let kindValidity, !kindValidity[row] { nullKinds += 1; continue }
                    let code = Int(kinds[row])
                    let rule = Int(ruleOf[code])
                    if rule >= 0 { counts[group * ruleCount + rule] += 1 } else { unknown[code] += 1 }
                }
            }
        }
        return nullKinds
    }
}
