import Synchronization

/// The distinct strings of one column, in first-seen order. Codes are indexes into `values`.
///
/// The string → code index is built on the first lookup by string, not with the values: a
/// loaded column of a million distinct names or phone numbers is usually only read by code,
/// and hashing non-ASCII `String`s (Unicode-normalising) costs about 1 µs each.
public struct StringDictionary: Sendable {
    public private(set) var values: ContiguousArray<String>
    /// Shared by copies with the same `values`; a mutation first takes its own (copy on write).
    private var lookup: StringDictionaryIndex

    public init() {
        values = []
        lookup = StringDictionaryIndex(index: [:])
    }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for string in strings { _ = code(for: string) }
    }

    /// A dictionary over strings the caller knows to be pairwise distinct (the CSV loader,
    /// which deduplicated their bytes); the index is left to the first lookup.
    /// - Complexity: O(1); the first lookup by string then costs O(n).
    public init(distinct values: ContiguousArray<String>) {
        self.values = values
        lookup = StringDictionaryIndex(index: nil)
    }

    public var count: Int { values.count }

    public subscript(code: UInt32) -> String { values[Int(code)] }

    /// Makes room for `count` distinct strings, so a bulk build does not rehash the index as
    /// it grows.
    public mutating func reserveCapacity(_ count: Int) {
        values.reserveCapacity(count)
        ownLookup().reserveCapacity(count, values: values)
    }

    /// The code of `string`, adding it when new.
    public mutating func code(for string: String) -> UInt32 {
        let (code, added) = ownLookup().code(for: string, next: UInt32(values.count), values: values)
        if added { values.append(string) }
        return code
    }

    /// The code of `string` if present.
    /// - Complexity: O(1) on average; O(n) on the first lookup of a bulk-built dictionary.
    public func existingCode(for string: String) -> UInt32? {
        lookup.existingCode(for: string, values: values)
    }

    private mutating func ownLookup() -> StringDictionaryIndex {
        if !isKnownUniquelyReferenced(&lookup) { lookup = lookup.copy() }
        return lookup
    }
}

/// The lazily built string → code index of a ``StringDictionary``; locked, as copies of one
/// dictionary may be read from several threads.
final class StringDictionaryIndex: Sendable {
    /// nil until the first lookup of a dictionary built from distinct values.
    private let state: Mutex<[String: UInt32]?>

    init(index: [String: UInt32]?) { state = Mutex(index) }

    func copy() -> StringDictionaryIndex { StringDictionaryIndex(index: state.withLock { $0 }) }

    func existingCode(for string: String, values: ContiguousArray<String>) -> UInt32? {
        state.withLock { index in
            let built = index ?? Self.build(values)
            index = built
            return built[string]
        }
    }

    /// The code of `string`, or `next` after recording it (the caller appends the string).
    func code(for string: String, next: UInt32, values: ContiguousArray<String>) -> (UInt32, Bool) {
        state.withLock { index in
            var built = index ?? Self.build(values)
            index = nil  // keep the dictionary uniquely referenced while it changes
            defer { index = built }
            if let existing = built[string] { return (existing, false) }
            built[string] = next
            return (next, true)
        }
    }

    func reserveCapacity(_ count: Int, values: ContiguousArray<String>) {
        state.withLock { index in
            var built = index ?? Self.build(values)
            index = nil
            built.reserveCapacity(count)
            index = built
        }
    }

    private static func build(_ values: ContiguousArray<String>) -> [String: UInt32] {
        var index = [String: UInt32](minimumCapacity: values.count)
        for (code, value) in values.enumerated() { index[value] = UInt32(code) }
        return index
    }
}
