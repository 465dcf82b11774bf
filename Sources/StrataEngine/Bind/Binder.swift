import StrataCore
import StrataLang

/// Turns a parsed pipeline into a ``LogicalPlan``: resolves table and column names, checks
/// types, and makes every conversion explicit with `.cast` (see ``TypeRules``). Every problem
/// a user can cause comes back as a ``Diagnostic`` located at the text that caused it.
///
/// Naming rules: `derive` replaces a same-named column in place and appends new ones;
/// `select`, `group … agg` and `join` never produce two columns of one name (join renames a
/// clashing right column to `name_right`).
public struct Binder {
    let catalog: any SchemaCatalog
    /// The analysis date (days since 1970-01-01) that `days_since` measures from.
    let asOf: Int32
    /// Segment schemes the user loaded (`.scheme NAME from "file.csv"`), by name; the shipped
    /// ones are always known.
    public var schemes: [String: SegmentScheme] = [:]
    /// Reads a file a statement names (`score … (rules "file.csv")`) as the session allows,
    /// the refusal or read error located at `range`; nil: files cannot be read.
    public var readFile: ((_ path: String, _ range: Range<Int>) throws(Diagnostic) -> String)?
    /// `whatif` parameters in force, by name: a name that is a parameter binds to its value
    /// (the parameter wins over a same-named column of a later verb; `whatif` refuses a
    /// parameter named like a column of the pipeline's source).
    public var parameters: [String: StrataLang.Literal] = [:]
    /// The members of a saved segment, for `x in @name` (installed by the session); nil:
    /// segments are not available.
    public var segmentMembers: ((SegmentReference) throws(Diagnostic) -> SegmentMembers)?

    public init(catalog: any SchemaCatalog, asOf: Int32) {
        self.catalog = catalog
        self.asOf = asOf
    }

    /// Binds a whole pipeline: source, then each verb over the previous verb's output.
    /// - Complexity: O(verbs × columns), independent of the data.
    public func bind(_ pipeline: Pipeline) throws(Diagnostic) -> LogicalPlan {
        var plan = try bind(pipeline.source)
        for verb in pipeline.verbs {
            plan = try bind(verb, input: plan)
        }
        return plan
    }

    func bind(_ source: Source) throws(Diagnostic) -> LogicalPlan {
        switch source {
        case .table(let name):
            guard let schema = catalog.schema(of: name.text) else {
                let names = catalog.tableNames
                let hint = names.isEmpty
                    ? " No tables are loaded yet: load NAME from \"file.csv\"."
                    : Suggestion.phrase(for: name.text, among: names)
                throw Diagnostic("table \"\(name.text)\" not found.\(hint)", at: .statement(name.range))
            }
            return .scan(table: name.text, schema: schema)
        case .pipeline(let pipeline):
            return try bind(pipeline)
        }
    }

    func bind(_ verb: Verb, input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        switch verb.kind {
        case .filter(let condition):
            let predicate = try bindCondition(condition, schema: input.schema,
                                              message: "where needs a condition")
            return .filter(input, predicate: predicate)
        case .derive(let assignments):
            return try bindDerive(assignments, input: input)
        case .select(let items):
            return try bindSelect(items, input: input)
        case .drop(let names):
            return try bindDrop(names, input: input)
        case .group(let keys, let aggregates):
            return try bindGroup(keys: keys, aggregates: aggregates, input: input)
        case .sort(let keys):
            return try bindSort(keys, input: input)
        case .limit(let count):
            return .limit(input, count: count)
        case .top(let count, let keys):
            return .limit(try bindSort(keys, input: input), count: count)
        case .distinct(let names):
            return try bindDistinct(names, input: input)
        case .count:
            let count = NamedAggregate(name: "count", function: .count, argument: nil, type: .int64, range: verb.range)
            return .aggregate(input, keys: [], aggregates: [count])
        case .join(let kind, let source, let keys):
            return try bindJoin(kind, source, on: keys, input: input)
        case .union(let source):
            return try bindUnion(source, input: input)
        case .rfm(let customer, let date, let amount, let options):
            return try bindRFM(customer: customer, date: date, amount: amount, options: options, verb: verb, input: input)
        case .abc(let column, let options):
            return try bindABC(column, options: options, input: input)
        case .score(let key, let kind, let options):
            return try bindScore(key: key, kind: kind, options: options, verb: verb, input: input)
        case .cluster(let count, let names, let options):
            return try bindCluster(count, on: names, options: options, verb: verb, input: input)
        case .duplicates(let names):
            let schema = input.schema
            var keys: [Int] = []
            for name in names { keys.append(try columnIndex(name, in: schema)) }
            return .duplicates(input, keys: keys)
        }
    }

    // MARK: - Shared helpers

    /// Index of the column `name` (the first one when a name repeats), or an error with a
    /// suggestion. `side` names the table in messages about a join's right side.
    func columnIndex(_ name: Name, in schema: [Field], side: String = "") throws(Diagnostic) -> Int {
        if let index = schema.firstIndex(where: { $0.name == name.text }) { return index }
        let hint = Suggestion.phrase(for: name.text, among: schema.map(\.name) + parameters.keys.sorted())
        throw Diagnostic("column \"\(name.text)\" not found\(side).\(hint)", at: .statement(name.range))
    }

    /// Binds `expr` and requires a boolean: `"<message>, found a decimal expression"` otherwise.
    /// A `null` literal becomes a boolean null.
    func bindCondition(_ expr: Expr, schema: [Field], message: String) throws(Diagnostic) -> BoundExpr {
        try requireBoolean(try bind(expr, schema: schema), expr.range, message: message)
    }

    func requireBoolean(_ bound: BoundExpr, _ range: Range<Int>, message: String) throws(Diagnostic) -> BoundExpr {
        if TypeRules.isNullLiteral(bound) { return .literal(.null, .bool) }
        guard bound.type == .bool else {
            throw Diagnostic("\(message), found \(TypeRules.article(bound.type)) expression", at: .statement(range))
        }
        return bound
    }

    /// Throws when two output columns would share a name.
    func checkUnique(_ names: [(String, Range<Int>)], in verb: String) throws(Diagnostic) {
        var seen: Set<String> = []
        for (name, range) in names where !seen.insert(name).inserted {
            throw Diagnostic("column \"\(name)\" appears twice in \(verb): give it another name",
                             at: .statement(range))
        }
    }
}
