import StrataCore

/// A segment scheme as data: an ordered rule table. The first rule a customer matches names
/// its segment; a customer no rule matches gets ``otherName``.
public struct SegmentScheme: Sendable, Equatable {
    public var name: String
    public var rules: [SegmentRule]
    /// True when rules carry English labels (the output gains `segment_en`).
    public var hasEnglishLabels: Bool
    /// The segment of customers no rule matches.
    public var otherName = "Others"
    /// Where the scheme was named in the statement (for messages), if it was.
    public var source: String

    public init(name: String, rules: [SegmentRule], hasEnglishLabels: Bool = false, source: String = "") {
        self.name = name
        self.rules = rules
        self.hasEnglishLabels = hasEnglishLabels
        self.source = source
    }

    /// True when every rule reads only the scores, so the table can be analysed over the
    /// score cube (dead and overlapping rules) and applied by cube lookup.
    public var isScoreBased: Bool {
        rules.allSatisfy { rule in
            switch rule.condition {
            case .scores: true
            case .expression(let expr, _): RuleFrame.readsOnlyScores(expr)
            case .meanSplit: false
            }
        }
    }

    /// True when the rules split R, F, M at their means (cn8).
    public var usesMeanSplit: Bool {
        rules.contains { if case .meanSplit = $0.condition { true } else { false } }
    }
}

/// One row of a rule table.
public struct SegmentRule: Sendable, Equatable {
    public var name: String
    /// English label (cn8's `segment_en`).
    public var english: String?
    public var condition: RuleCondition

    public init(name: String, english: String? = nil, condition: RuleCondition) {
        self.name = name
        self.english = english
        self.condition = condition
    }
}

/// When a rule matches.
public enum RuleCondition: Sendable, Equatable {
    /// Each score within its closed range.
    case scores(r: ClosedRange<Int>, f: ClosedRange<Int>, m: ClosedRange<Int>)
    /// A boolean expression over the rule frame (recency, frequency, monetary, r, f, m).
    case expression(BoundExpr, text: String)
    /// High/low of each dimension against its mean: R is high when recency < mean, F and M
    /// when frequency / monetary > mean (equal to the mean is low).
    case meanSplit(r: Bool, f: Bool, m: Bool)

    /// The condition as an analyst would write it.
    public var text: String {
        switch self {
        case .scores(let r, let f, let m):
            func range(_ letter: String, _ range: ClosedRange<Int>) -> String {
                range.lowerBound == range.upperBound ? "\(letter) \(range.lowerBound)" : "\(letter) \(range.lowerBound)-\(range.upperBound)"
            }
            return [range("r", r), range("f", f), range("m", m)].joined(separator: ", ")
        case .expression(_, let text):
            return text
        case .meanSplit(let r, let f, let m):
            return "r \(r ? "high" : "low"), f \(f ? "high" : "low"), m \(m ? "high" : "low")"
        }
    }
}

/// The columns rule expressions are bound against, in this order.
public enum RuleFrame {
    public static let names = ["recency", "frequency", "monetary", "r", "f", "m"]

    static func fields(monetary: DataType) -> [Field] {
        [Field(name: "recency", type: .int64), Field(name: "frequency", type: .int64),
         Field(name: "monetary", type: monetary),
         Field(name: "r", type: .int64), Field(name: "f", type: .int64), Field(name: "m", type: .int64)]
    }

    /// True when `expr` reads no column but r, f and m (indexes 3...5).
    static func readsOnlyScores(_ expr: BoundExpr) -> Bool {
        switch expr {
        case .column(let index, _): index >= 3
        case .literal: true
        case .negate(let child), .not(let child), .isNull(let child, _), .inList(let child, _, _), .cast(let child, _),
             .inSegment(let child, _, _):
            readsOnlyScores(child)
        case .arithmetic(_, let left, let right, _, _), .comparison(_, let left, let right),
             .and(let left, let right), .or(let left, let right):
            readsOnlyScores(left) && readsOnlyScores(right)
        case .caseWhen(let arms, let otherwise, _):
            arms.allSatisfy { readsOnlyScores($0.condition) && readsOnlyScores($0.value) } && readsOnlyScores(otherwise)
        case .function(_, let arguments, _, _):
            arguments.allSatisfy(readsOnlyScores)
        }
    }
}
