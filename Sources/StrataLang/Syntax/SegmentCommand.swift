/// `NAME` or `NAME@v2`: a saved segment, its latest version unless one is named.
public struct SegmentReference: Sendable, Equatable {
    public var name: Name
    /// The version number after `@v`; nil means the latest.
    public var version: Int?
    public var range: Range<Int>

    public init(name: Name, version: Int?, range: Range<Int>) {
        self.name = name
        self.version = version
        self.range = range
    }

    /// `dormant60@v2` / `dormant60`, as written in messages.
    public var text: String { version.map { "\(name.text)@v\($0)" } ?? name.text }

    /// Splits the text of an `@name` reference inside an expression (`dormant60@v2`).
    public static func parse(_ text: String, range: Range<Int>) -> SegmentReference? {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty, parts.count <= 2 else { return nil }
        var version: Int?
        if parts.count == 2 {
            let digits = parts[1].hasPrefix("v") ? parts[1].dropFirst() : parts[1]
            guard let number = Int(digits), number > 0 else { return nil }
            version = number
        }
        return SegmentReference(name: Name(String(first), range), version: version, range: range)
    }
}

/// One `segment …` statement (named, versioned member sets kept in the workspace).
public enum SegmentCommand: Sendable, Equatable {
    /// `segment save NAME = PIPELINE [(note "…", key COL, tier COL, goal "…", metric "…", action "…")]`
    case save(name: Name, pipeline: Pipeline, options: [OptionItem])
    /// `segments` / `segment list`
    case list
    /// `segment show NAME[@vN]`
    case show(SegmentReference)
    /// `segment diff A B`
    case diff(SegmentReference, SegmentReference)
    /// `segment history NAME`
    case history(Name)
    /// `segment refresh NAME|all [(drop overrides)]`; nil name means all.
    case refresh(Name?, options: [OptionItem])
    /// `segment moves NAME v1 v2` or `segment moves A B`
    case moves(SegmentReference, SegmentReference)
    /// `segment drop NAME`
    case drop(Name)
    /// `segment rename A to B`
    case rename(Name, to: Name)
    /// `segment add NAME KEYS… (reason "…")` / `segment remove …`; keys are literals.
    case override(add: Bool, name: Name, keys: [Expr], options: [OptionItem])
    /// `segment load NAME[@vN]`, or `let x = segment load …` (into names the table).
    case load(SegmentReference, into: Name?)
    /// `segment split NAME into A, B (10%, seed 42)`: percentages of the groups after the first
    /// (the first takes the rest), and the seed of the stable hash.
    case split(SegmentReference, into: [Name], percents: [Double], seed: UInt64, range: Range<Int>)
    /// `segment uplift A vs B on TABLE after DATE [(options)]`
    case uplift(SegmentReference, SegmentReference, table: Name, after: Expr, options: [OptionItem])
    /// `segment export NAME[@vN] to "file" [(columns …, excel)]`
    case export(SegmentReference, path: String, pathRange: Range<Int>, options: [OptionItem])
}
