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
}

/// `source | verb | verb …`
public struct Pipeline: Sendable, Equatable {
    public var source: Name
    public var verbs: [Verb]
    public var range: Range<Int>

    public init(source: Name, verbs: [Verb], range: Range<Int>) {
        self.source = source
        self.verbs = verbs
        self.range = range
    }
}

/// One pipeline stage.
public struct Verb: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `limit N`
        case limit(Int)
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

    public var range: Range<Int> {
        switch self {
        case .word(let name): name.range
        case .string(_, let range), .number(_, let range), .list(_, let range), .group(_, let range): range
        }
    }
}
