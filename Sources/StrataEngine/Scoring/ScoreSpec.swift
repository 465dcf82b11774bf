import StrataCore

/// What `score KEY by KIND (rules …, decay …, bands …)` computes: the bound columns and the
/// whole rule set (read at bind time, so a plan is a complete definition and holds no data).
public struct ScoreSpec: Sendable, Equatable {
    /// Input column holding the key (one output row per distinct non-null key).
    public var key: Int
    /// Input column holding the event kind (a string column).
    public var kind: Int
    /// Input column holding the event date (date or timestamp).
    public var date: Int
    /// Points per event kind, in the order written.
    public var rules: [ScoreRule]
    /// Where the rules came from: the file as written, or `inline`.
    public var rulesSource: String
    /// Inactivity penalties, ascending by days; the largest threshold reached applies.
    public var decay: [DecayStep]
    /// Bands tried in order; the first that matches names the row.
    public var bands: [ScoreBand]
    /// The as-of date (days since 1970) idle days are measured to.
    public var asOf: Int32

    public init(key: Int, kind: Int, date: Int, rules: [ScoreRule], rulesSource: String,
                decay: [DecayStep], bands: [ScoreBand], asOf: Int32) {
        self.key = key
        self.kind = kind
        self.date = date
        self.rules = rules
        self.rulesSource = rulesSource
        self.decay = decay
        self.bands = bands
        self.asOf = asOf
    }

    /// The brief's decay: 30 days without interaction −10, 90 days −30.
    public static let defaultDecay = [DecayStep(days: 30, points: -10), DecayStep(days: 90, points: -30)]
    /// The brief's bands: high ≥ 60, medium ≥ 30, low otherwise.
    public static let defaultBands = [ScoreBand(name: "high", op: .greaterOrEqual, threshold: 60),
                                      ScoreBand(name: "medium", op: .greaterOrEqual, threshold: 30),
                                      ScoreBand(name: "low", op: nil, threshold: 0)]

    /// The penalty for `idleDays` days without an event: the points of the largest threshold
    /// reached (not the sum), 0 below the first.
    @inline(__always)
    public func penalty(idleDays: Int64) -> Int64 {
        var result: Int64 = 0
        for step in decay where idleDays >= Int64(step.days) { result = step.points }
        return result
    }

    /// Index of the first band `score` falls in, or nil.
    @inline(__always)
    public func band(of score: Int64) -> Int? {
        bands.firstIndex { $0.matches(score) }
    }

    /// `rules "file" (5 kinds), decay [30 => -10, 90 => -30], bands [high >= 60, medium >= 30, low]`
    public var summary: String {
        let decayText = decay.map { "\($0.days) => \($0.points)" }.joined(separator: ", ")
        let bandText = bands.map { band in
            band.op.map { "\(band.name) \($0.rawValue) \(band.threshold)" } ?? band.name
        }.joined(separator: ", ")
        let source = rulesSource == "inline" ? "inline" : "\"\(rulesSource)\""
        let capped = rules.compactMap { rule in rule.cap.map { "\(rule.kind) => \($0)" } }
        let capText = capped.isEmpty ? "" : ", caps [" + capped.joined(separator: ", ") + "]"
        return "rules \(source) (\(rules.count) \(rules.count == 1 ? "kind" : "kinds"))\(capText), decay [\(decayText)], bands [\(bandText)]"
    }
}

/// Points for one event kind; a kind's total per key is capped at `cap` (in absolute value).
public struct ScoreRule: Sendable, Equatable {
    public var kind: String
    public var points: Int64
    public var cap: Int64?

    public init(kind: String, points: Int64, cap: Int64? = nil) {
        self.kind = kind
        self.points = points
        self.cap = cap
    }

    /// The points of `count` events of this kind, after the cap.
    @inline(__always)
    public func total(count: Int64) -> Int64 {
        let (product, overflow) = count.multipliedReportingOverflow(by: points)
        let raw = overflow ? (points < 0 ? Int64.min : Int64.max) : product
        guard let cap else { return raw }
        return min(max(raw, -cap), cap)
    }
}

/// `days => points`: after `days` days without an event, add `points` (negative).
public struct DecayStep: Sendable, Equatable {
    public var days: Int
    public var points: Int64

    public init(days: Int, points: Int64) {
        self.days = days
        self.points = points
    }
}

/// `name op threshold`, or just `name` (matches every score) when `op` is nil.
public struct ScoreBand: Sendable, Equatable {
    public var name: String
    public var op: ComparisonOperator?
    public var threshold: Int64

    public init(name: String, op: ComparisonOperator?, threshold: Int64) {
        self.name = name
        self.op = op
        self.threshold = threshold
    }

    @inline(__always)
    public func matches(_ score: Int64) -> Bool {
        switch op {
        case nil: true
        case .greaterOrEqual: score >= threshold
        case .greater: score > threshold
        case .lessOrEqual: score <= threshold
        case .less: score < threshold
        case .equal: score == threshold
        case .notEqual: score != threshold
        }
    }
}
