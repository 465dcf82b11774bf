import Synchronization

/// The distinct strings of one column, in first-seen order. Codes are indexes into `values`.
///
/// The string → code index is built on the first lookup by string, not with the values: a
/// loaded column of a million distinct names or phone numbers is usually only read by code,
/// and hashing non-ASCII `String`s (Unicode-normalising) costs about 1 µs each.
///
/// A loaded column's dictionary keeps its texts as UTF-8 bytes back to back
/// (``init(utf8:offsets:)``) and makes `String`s only when asked: a million company names
/// hold ~45 MB as bytes but ~100 MB as `String`s (each over 15 bytes is an allocation of its
/// own). `values` builds all of them once, on first use; `subscript(code:)` decodes one.
public struct StringDictionary: Sendable {
    /// The values, when they are held as `String`s (always, unless `texts` is set).
    private var strings: ContiguousArray<String>
    /// The values as bytes, for a dictionary built by ``init(utf8:offsets:)`` and not changed since.
    private var texts: StringDictionaryTexts?
    /// Shared by copies with the same `values`; a mutation first takes its own (copy on write).
    private var lookup: StringDictionaryIndex

    public init() {
        strings = []
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
        strings = values
        lookup = StringDictionaryIndex(index: nil)
    }

    /// A dictionary over pairwise distinct, valid UTF-8 texts: value `code` is
    /// `utf8[offsets[code]..<offsets[code + 1]]` (`offsets` has one more element than values).
    /// No `String` is made until one is asked for.
    /// - Complexity: O(1).
    init(utf8: ContiguousArray<UInt8>, offsets: ContiguousArray<Int>) {
        strings = []
        texts = StringDictionaryTexts(utf8: utf8, offsets: offsets)
        lookup = StringDictionaryIndex(index: nil)
    }

    /// Every value in code order.
    /// - Complexity: O(1), except the first use on a loaded column: O(n) to make the `String`s.
    public var values: ContiguousArray<String> { texts?.strings() ?? strings }

    public var count: Int { texts?.count ?? strings.count }

    public subscript(code: UInt32) -> String {
        if let texts { return texts.string(Int(code)) }
        return strings[Int(code)]
    }

    /// Makes room for `count` distinct strings, so a bulk build does not rehash the index as
    /// it grows.
    public mutating func reserveCapacity(_ count: Int) {
        ownStrings()
        strings.reserveCapacity(count)
        ownLookup().reserveCapacity(count, values: strings)
    }

    /// The code of `string`, adding it when new.
    public mutating func code(for string: String) -> UInt32 {
        ownStrings()
        let (code, added) = ownLookup().code(for: string, next: UInt32(strings.count), values: strings)
        if added { strings.append(string) }
        return code
    }

    /// The code of `string` if present.
    /// - Complexity: O(1) on average; O(n) on the first lookup of a bulk-built dictionary.
    public func existingCode(for string: String) -> UInt32? {
        lookup.existingCode(for: string, values: { values })
    }

    /// Before a change: the values as `String`s of this dictionary's own.
    private mutating func ownStrings() {
        guard let texts else { return }
        strings = texts.strings()
        self.texts = nil
    }

    private mutating func ownLookup() -> StringDictionaryIndex {
        if !isKnownUniquelyReferenced(&lookup) { lookup = lookup.copy() }
        return lookup
    }
}

/// A loaded dictionary's texts as UTF-8 bytes, and their `String`s once made; shared by
/// copies of the dictionary and locked, as they may be read from several threads.
final class StringDictionaryTexts: Sendable {
    private let utf8: ContiguousArray<UInt8>
    private let offsets: ContiguousArray<Int>
    private let made = Mutex<ContiguousArray<String>?>(nil)

    init(utf8: ContiguousArray<UInt8>, offsets: ContiguousArray<Int>) {
        self.utf8 = utf8
        self.offsets = offsets.isEmpty ? [0] : offsets
    }

    var count: Int { offsets.count - 1 }

    /// Value `code`, decoded from its bytes (or taken from the made `String`s).
    func string(_ code: Int) -> String {
        if let made = made.withLock({ $0 }) { return made[code] }
        return utf8.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[code]..<offsets[code + 1]]), as: UTF8.self)
        }
    }

    /// Every value as a `String`, made on the first call.
    func strings() -> ContiguousArray<String> {
        made.withLock { made in
            if let made { return made }
            var result = ContiguousArray<String>()
            result.reserveCapacity(count)
            utf8.withUnsafeBufferPointer { buffer in
                for code in 0..<count {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[offsets[code]..<offsets[code + 1]]), as: UTF8.self))
                }
            }
            made = result
            return result
        }
    }
}

/// The lazily built string → code index of a ``StringDictionary``; locked, as copies of one
/// dictionary may be read from several threads.
final class StringDictionaryIndex: Sendable {
    /// nil until the first lookup of a dictionary built from distinct values.
    private let state: Mutex<[ExactText: UInt32]?>

    init(index: [ExactText: UInt32]?) { state = Mutex(index) }

    func copy() -> StringDictionaryIndex { StringDictionaryIndex(index: state.withLock { $0 }) }

    /// `values` is asked for only when the index must be built.
    func existingCode(for string: String, values: () -> ContiguousArray<String>) -> UInt32? {
        state.withLock { index in
            let built = index ?? Self.build(values())
            index = built
            return built[ExactText(string)]
        }
    }

    /// The code of `string`, or `next` after recording it (the caller appends the string).
    func code(for string: String, next: UInt32, values: ContiguousArray<String>) -> (UInt32, Bool) {
        state.withLock { index in
            var built = index ?? Self.build(values)
            index = nil  // keep the dictionary uniquely referenced while it changes
            defer { index = built }
            if let existing = built[ExactText(string)] { return (existing, false) }
            built[ExactText(string)] = next
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

    private static func build(_ values: ContiguousArray<String>) -> [ExactText: UInt32] {
        var index = [ExactText: UInt32](minimumCapacity: values.count)
        for (code, value) in values.enumerated() { index[ExactText(value)] = UInt32(code) }
        return index
    }
}

/// A text compared and hashed by its UTF-8 bytes. Swift's `String` equality is canonical
/// equivalence (NFC `é` equals NFD `e` + U+0301), while the loader, grouping and ordering
/// compare bytes: keying the index by bytes keeps `where s == "é"` and joins consistent with
/// them (and hashing bytes needs no normalisation). Sets of texts to match (`in` lists) use it too.
public struct ExactText: Hashable, Sendable {
    public let text: String

    public init(_ text: String) { self.text = text }

    public static func == (left: ExactText, right: ExactText) -> Bool { left.text.utf8.elementsEqual(right.text.utf8) }

    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
