import StrataCore
import StrataLang

/// Reading the option values of `score` and `cluster`.
enum ScoreOptions {
    static func unknown(_ item: OptionItem, verb: String, among names: [String]) -> Diagnostic {
        Diagnostic("unknown \(verb) option \"\(item.name.text)\"." + Suggestion.phrase(for: item.name.text, among: names)
            + " Options: " + names.joined(separator: ", "), at: .statement(item.name.range))
    }

    /// A bare flag (`log`) or `log true|false`.
    static func flag(_ item: OptionItem) throws(Diagnostic) -> Bool {
        switch item.value {
        case nil: return true
        case .word(let word)? where ["true", "yes", "on"].contains(word.text): return true
        case .word(let word)? where ["false", "no", "off"].contains(word.text): return false
        case let value?: throw Diagnostic("\(item.name.text) takes no value (or true/false)", at: .statement(value.range))
        }
    }

    static func integer(_ item: OptionItem, range: ClosedRange<Int64>) throws(Diagnostic) -> Int64 {
        guard case .number(let text, let at)? = item.value else {
            throw Diagnostic("\(item.name.text) needs a whole number", at: .statement(item.value?.range ?? item.name.range))
        }
        guard let value = Int64(text), range.contains(value) else {
            let upper = range.upperBound == Int64.max ? "" : " up to \(range.upperBound)"
            throw Diagnostic("\(item.name.text) needs a whole number from \(range.lowerBound)\(upper), found \(text)", at: .statement(at))
        }
        return value
    }

    static func number(_ value: OptionValue, what: String) throws(Diagnostic) -> Int64 {
        guard case .number(let text, let range) = value, let number = Int64(text) else {
            throw Diagnostic("expected a whole number in \(what)", at: .statement(value.range))
        }
        _ = range
        return number
    }

    /// `[kind => n, …]` with kinds as words or strings.
    static func pairsWithRanges(_ item: OptionItem, what: String) throws(Diagnostic) -> [(String, Int64, Range<Int>)] {
        guard case .list(let values, _)? = item.value else {
            throw Diagnostic("\(item.name.text) needs a list: \(what)", at: .statement(item.value?.range ?? item.name.range))
        }
        var result: [(String, Int64, Range<Int>)] = []
        for value in values {
            guard case .pair(let left, let right, let range) = value else {
                throw Diagnostic("expected kind => points in \(what)", at: .statement(value.range))
            }
            let kind: String
            switch left {
            case .word(let name): kind = name.text
            case .string(let text, _): kind = text
            default: throw Diagnostic("expected an event kind (a word or \"text\")", at: .statement(left.range))
            }
            if result.contains(where: { $0.0 == kind }) {
                throw Diagnostic("\"\(kind)\" appears twice in \(item.name.text)", at: .statement(left.range))
            }
            result.append((kind, try number(right, what: what), range))
        }
        return result
    }

    static func pairs(_ item: OptionItem, what: String) throws(Diagnostic) -> [(String, Int64)] {
        try pairsWithRanges(item, what: what).map { ($0.0, $0.1) }
    }

    /// `decay [30 => -10, 90 => -30]` (days ascending, distinct); `decay []` turns it off.
    static func decay(_ item: OptionItem) throws(Diagnostic) -> [DecayStep] {
        let what = "decay [30 => -10, 90 => -30]"
        guard case .list(let values, _)? = item.value else {
            throw Diagnostic("decay needs a list: \(what)", at: .statement(item.value?.range ?? item.name.range))
        }
        var steps: [DecayStep] = []
        for value in values {
            guard case .pair(let left, let right, _) = value else {
                throw Diagnostic("expected days => points in \(what)", at: .statement(value.range))
            }
            let days = try number(left, what: what)
            guard days >= 0, days <= 100_000 else { throw Diagnostic("days must be from 0 to 100000", at: .statement(left.range)) }
            if let last = steps.last, Int64(last.days) >= days {
                throw Diagnostic("decay steps must be in increasing days: \(days) after \(last.days)", at: .statement(left.range))
            }
            steps.append(DecayStep(days: Int(days), points: try number(right, what: what)))
        }
        return steps
    }

    /// `bands [high >= 60, medium >= 30, low]`: tried in order; a bare name matches any score.
    static func bands(_ item: OptionItem) throws(Diagnostic) -> [ScoreBand] {
        let what = "bands [high >= 60, medium >= 30, low]"
        guard case .list(let values, _)? = item.value, !values.isEmpty else {
            throw Diagnostic("bands needs a list: \(what)", at: .statement(item.value?.range ?? item.name.range))
        }
        var bands: [ScoreBand] = []
        for (position, value) in values.enumerated() {
            let band: ScoreBand
            switch value {
            case .word(let name):
                band = ScoreBand(name: name.text, op: nil, threshold: 0)
            case .string(let text, _):
                band = ScoreBand(name: text, op: nil, threshold: 0)
            case .comparison(let name, let op, let threshold, _):
                band = ScoreBand(name: name.text, op: ComparisonOperator(rawValue: op), threshold: try number(threshold, what: what))
            default:
                throw Diagnostic("expected name >= points or a name in \(what)", at: .statement(value.range))
            }
            if band.op == nil, position < values.count - 1 {
                throw Diagnostic("band \"\(band.name)\" matches every score, so the bands after it could never match; put it last",
                                 at: .statement(value.range))
            }
            bands.append(band)
        }
        return bands
    }
}
