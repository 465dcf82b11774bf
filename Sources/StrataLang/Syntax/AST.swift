/// A name as written, with its position.
public struct Name: Sendable, Equatable {
    public var text: String
    public var range: Range<Int>

    public init(_ text: String, _ range: Range<Int>) {
        self.text = text
        self.range = range
    }
}

/// One parsed statement.
public enum Statement: Sendable, Equatable {
    /// `load NAME from "path" [(options)]`
    case load(name: Name, path: String, pathRange: Range<Int>, options: [OptionItem])
    /// `describe PIPELINE`
    case describe(Pipeline)
    /// `let NAME = PIPELINE`
    case assign(name: Name, pipeline: Pipeline)
    /// A bare pipeline: print its result.
    case show(Pipeline)
    /// `assert CONDITION`: a check that must hold (notebooks in CI). The condition may
    /// aggregate over pipelines: `assert count(r | where segment == "Champions") > 0`.
    case assert(Expr)
    /// `whatif PIPELINE for P in 30..180 step 30 [, Q in [a, b]] [(sum COL)]`
    case whatif(WhatIf)
    /// `export PIPELINE to "path.csv" [(columns [a, b], excel)]`: the result as a CSV file
    /// (options as parsed by `Parser.exportOptions()`).
    case export(Pipeline, path: String, pathRange: Range<Int>, options: [OptionItem])
    /// `segment save|show|diff|… …` and `segments`: named segments in the workspace.
    case segment(SegmentCommand)
}

/// `source | verb | verb …`
public struct Pipeline: Sendable, Equatable {
    public var source: Source
    public var verbs: [Verb]
    public var range: Range<Int>

    public init(source: Source, verbs: [Verb], range: Range<Int>) {
        self.source = source
        self.verbs = verbs
        self.range = range
    }
}

/// Where a pipeline's rows come from.
public indirect enum Source: Sendable, Equatable {
    /// A table of the session.
    case table(Name)
    /// `( pipeline )`, e.g. inside `join`.
    case pipeline(Pipeline)

    public var range: Range<Int> {
        switch self {
        case .table(let name): name.range
        case .pipeline(let pipeline): pipeline.range
        }
    }
}

/// `NAME = expr` in `derive`, `agg` and `select`; in `select` the name may be omitted.
public struct Assignment: Sendable, Equatable {
    public var name: Name?
    public var expr: Expr

    public init(name: Name?, expr: Expr) {
        self.name = name
        self.expr = expr
    }
}

/// `expr [asc|desc]` in `sort` and `top … by`.
public struct SortKey: Sendable, Equatable {
    public var expr: Expr
    public var descending: Bool

    public init(expr: Expr, descending: Bool) {
        self.expr = expr
        self.descending = descending
    }
}

public enum JoinKind: String, Sendable, Equatable {
    case inner, left
}

/// One pipeline stage.
public struct Verb: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `where CONDITION`
        case filter(Expr)
        /// `derive a = expr, b = expr` (adds or replaces columns)
        case derive([Assignment])
        /// `select a, b = expr, c` (keeps, renames, computes)
        case select([Assignment])
        /// `drop a, b`
        case drop([Name])
        /// `group k1, k2 agg n = count(), s = sum(x)`; keys may be `name = expr`
        case group(keys: [Assignment], aggregates: [Assignment])
        /// `sort a, b desc` (stable, nulls last)
        case sort([SortKey])
        /// `limit N`
        case limit(Int)
        /// `top N by key [desc]` (by default the largest first)
        case top(Int, by: [SortKey])
        /// `distinct [a, b]`
        case distinct([Name])
        /// `count`
        case count
        /// `[left] join SOURCE on k1, k2`
        case join(JoinKind, Source, on: [Name])
        /// `union SOURCE`
        case union(Source)
        /// `duplicates k1, k2`: groups of rows sharing normalised keys (data hygiene)
        case duplicates([Name])
        /// `rfm CUSTOMER, DATE, AMOUNT [(options)]`: one row per customer with R, F, M scores
        case rfm(customer: Name, date: Name, amount: Name, options: [OptionItem])
        /// `abc COLUMN [(options)]`: ABC classes by cumulative share of COLUMN
        case abc(Name, options: [OptionItem])
        /// `score KEY by KIND [(options)]`: points per event kind, decay and bands per KEY
        case score(key: Name, kind: Name, options: [OptionItem])
        /// `cluster K on COL, … [(options)]`: k-means cluster per row
        case cluster(Int, on: [Name], options: [OptionItem])
    }

    public var kind: Kind
    public var range: Range<Int>

    public init(_ kind: Kind, _ range: Range<Int>) {
        self.kind = kind
        self.range = range
    }
}

/// `name [value]` inside an option list `( … )`, e.g. `on_error skip`, `types (amount decimal)`.
public struct OptionItem: Sendable, Equatable {
    public var name: Name
    public var value: OptionValue?

    public init(name: Name, value: OptionValue?) {
        self.name = name
        self.value = value
    }
}

/// The value of an option.
public indirect enum OptionValue: Sendable, Equatable {
    case word(Name)
    case string(String, Range<Int>)
    case number(String, Range<Int>)
    /// `[a, b, c]`
    case list([OptionValue], Range<Int>)
    /// `(name value, name value)`
    case group([OptionItem], Range<Int>)
    /// `a => b`, e.g. `decay [30 => -10]`, inline rules `rules [白皮书 => 5]`
    case pair(OptionValue, OptionValue, Range<Int>)
    /// `name op value` with op one of `>=` `>` `<=` `<` `==`, e.g. `bands [high >= 60]`
    case comparison(Name, String, OptionValue, Range<Int>)

    public var range: Range<Int> {
        switch self {
        case .word(let name): name.range
        case .string(_, let range), .number(_, let range), .list(_, let range), .group(_, let range),
             .pair(_, _, let range), .comparison(_, _, _, let range): range
        }
    }
}
