import StrataCore
import StrataLang

/// `score` and `cluster`: their options checked and the rule set read, so the plan holds the
/// whole definition.
extension Binder {
    static let scoreOptions = ["rules", "caps", "decay", "bands", "date"]
    static let clusterOptions = ["log", "standardize", "seed", "restarts", "iterations"]

    /// `score KEY by KIND (rules "file.csv" | rules [kind => points, …], caps [kind => n, …],
    /// decay [days => points, …], bands [name >= n, …, name], date COLUMN)`.
    func bindScore(key: Name, kind: Name, options: [OptionItem], verb: Verb, input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        let keyIndex = try columnIndex(key, in: schema)
        let kindIndex = try columnIndex(kind, in: schema)
        guard schema[kindIndex].type == .string else {
            throw Diagnostic("score needs a string column of event kinds; \(kind.text) is \(TypeRules.article(schema[kindIndex].type))",
                             at: .statement(kind.range))
        }
        var rules: [ScoreRule]?
        var source = "inline"
        var caps: [(String, Int64, Range<Int>)] = []
        var decay = ScoreSpec.defaultDecay
        var bands = ScoreSpec.defaultBands
        var dateIndex: Int?
        for item in options {
            switch item.name.text {
            case "rules":
                switch item.value {
                case .string(let path, let range)?:
                    guard let readFile else {
                        throw Diagnostic("rules files cannot be read here", at: .statement(range))
                    }
                    let text = try readFile(path, range)
                    do {
                        rules = try ScoreRulesFile.parse(text, path: path)
                    } catch {
                        // The file's own position, with the statement's path as a note.
                        throw Diagnostic(error.message, at: error.location, notes: error.notes + ["in rules \"\(path)\""])
                    }
                    source = path
                default:
                    rules = try ScoreOptions.pairs(item, what: "rules [kind => points, …]").map { ScoreRule(kind: $0.0, points: $0.1) }
                }
            case "caps":
                caps = try ScoreOptions.pairsWithRanges(item, what: "caps [kind => points, …]")
            case "decay":
                decay = try ScoreOptions.decay(item)
            case "bands":
                bands = try ScoreOptions.bands(item)
            case "date":
                guard case .word(let name)? = item.value else {
                    throw Diagnostic("date needs the event date column: date created_at", at: .statement(item.value?.range ?? item.name.range))
                }
                dateIndex = try columnIndex(name, in: schema)
                guard schema[dateIndex!].type == .date || schema[dateIndex!].type == .timestamp else {
                    throw Diagnostic("\(name.text) is \(TypeRules.article(schema[dateIndex!].type)) column, not a date", at: .statement(name.range))
                }
            default:
                throw ScoreOptions.unknown(item, verb: "score", among: Binder.scoreOptions)
            }
        }
        guard var rules else {
            throw Diagnostic("score needs rules: (rules \"rules.csv\") or (rules [白皮书 => 5, 活动 => 15])", at: .statement(verb.range))
        }
        for (kindName, cap, range) in caps {
            guard let index = rules.firstIndex(where: { $0.kind == kindName }) else {
                throw Diagnostic("caps: \"\(kindName)\" has no points in the rules." + Suggestion.phrase(for: kindName, among: rules.map(\.kind)),
                                 at: .statement(range))
            }
            guard cap >= 0 else { throw Diagnostic("a cap must be ≥ 0", at: .statement(range)) }
            rules[index].cap = cap
        }
        let date: Int
        if let dateIndex { date = dateIndex } else { date = try eventDateColumn(schema, verb: verb) }
        let spec = ScoreSpec(key: keyIndex, kind: kindIndex, date: date, rules: rules, rulesSource: source,
                             decay: decay, bands: bands, asOf: asOf)
        let outputNames = ScoreOperator.outputFields.map(\.name)
        if outputNames.contains(key.text) {
            throw Diagnostic("the key column may not be called \(key.text): score adds a column of that name", at: .statement(key.range))
        }
        return .score(input, spec)
    }

    /// The only date (else the only timestamp) column of the events.
    private func eventDateColumn(_ schema: [Field], verb: Verb) throws(Diagnostic) -> Int {
        for type in [DataType.date, .timestamp] {
            let candidates = schema.indices.filter { schema[$0].type == type }
            if candidates.count == 1 { return candidates[0] }
            if candidates.count > 1 {
                let names = candidates.map { schema[$0].name }.joined(separator: ", ")
                throw Diagnostic("score needs to know which column dates the events (\(names)): add (date \(schema[candidates[0]].name))",
                                 at: .statement(verb.range))
            }
        }
        throw Diagnostic("score needs a date column for the events; this input has none", at: .statement(verb.range))
    }

    /// `cluster K on COLS (log, standardize, seed S, restarts N, iterations N)`.
    func bindCluster(_ k: Int, on names: [Name], options: [OptionItem], verb: Verb, input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        guard k >= 1 else { throw Diagnostic("cluster needs at least 1 cluster", at: .statement(verb.range)) }
        var columns: [Int] = []
        for name in names {
            let index = try columnIndex(name, in: schema)
            guard schema[index].type.isNumeric else {
                throw Diagnostic("cluster needs numeric columns; \(name.text) is \(TypeRules.article(schema[index].type))",
                                 at: .statement(name.range))
            }
            columns.append(index)
        }
        try checkUnique(names.map { ($0.text, $0.range) }, in: "cluster")
        var log = false, standardize = false
        var seed: UInt64 = 0
        var restarts = 10, iterations = 300
        for item in options {
            switch item.name.text {
            case "log": log = try ScoreOptions.flag(item)
            case "standardize": standardize = try ScoreOptions.flag(item)
            case "seed": seed = UInt64(try ScoreOptions.integer(item, range: 0...Int64.max))
            case "restarts": restarts = Int(try ScoreOptions.integer(item, range: 1...1000))
            case "iterations": iterations = Int(try ScoreOptions.integer(item, range: 1...10_000))
            default: throw ScoreOptions.unknown(item, verb: "cluster", among: Binder.clusterOptions)
            }
        }
        let output = schema.firstIndex { $0.name == "cluster" } ?? schema.count
        return .cluster(input, ClusterSpec(k: k, columns: columns, log: log, standardize: standardize, seed: seed,
                                           restarts: restarts, maxIterations: iterations, output: output, range: verb.range))
    }
}
