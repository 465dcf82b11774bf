import StrataCore

/// How customers moved between labels (tiers, segments) from one snapshot to the next:
/// `counts[from][to]` customers had label `from` before and `to` after; customers only in
/// the earlier snapshot have `left`, those only in the later one `entered`.
///
/// Labels are ordered by a given tier order (`["A", "B", "C"]`; every listed label is shown,
/// even with no customers), then any other labels in sorted (Unicode scalar) order, so the
/// matrix reads the same on every run. ``table()`` lays it out for printing.
public struct TransitionMatrix: Sendable, Equatable {
    /// Row and column labels, in display order.
    public let labels: [String]
    /// `counts[from][to]`: keys labelled `labels[from]` before and `labels[to]` after.
    public let counts: [[Int]]
    /// `left[from]`: keys labelled `labels[from]` before that are absent after.
    public let left: [Int]
    /// `entered[to]`: keys absent before that are labelled `labels[to]` after.
    public let entered: [Int]

    /// Builds the matrix from two key → label mappings. A key listed twice on one side with
    /// the same label counts once; with different labels it is an error.
    /// - Complexity: O(before + after) expected (hash lookups), plus O(L log L) for L labels.
    public init<Key: Hashable>(before: some Sequence<(Key, String)>, after: some Sequence<(Key, String)>,
                               order: [String]? = nil) throws(Diagnostic) {
        let earlier = try TransitionMatrix.mapping(before, side: "the earlier snapshot")
        let later = try TransitionMatrix.mapping(after, side: "the later snapshot")
        var labels = order ?? []
        let known = Set(labels)
        var extra: Set<String> = []
        for label in earlier.values where !known.contains(label) { extra.insert(label) }
        for label in later.values where !known.contains(label) { extra.insert(label) }
        labels += extra.sorted { Array($0.unicodeScalars.map(\.value)).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) }
        var position: [String: Int] = [:]
        for (index, label) in labels.enumerated() where position[label] == nil { position[label] = index }

        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        var left = [Int](repeating: 0, count: labels.count)
        var entered = [Int](repeating: 0, count: labels.count)
        for (key, label) in earlier {
            // Every label is in `position` (order ∪ extra), so these lookups cannot fail.
            guard let from = position[label] else { continue }
            if let after = later[key], let to = position[after] {
                counts[from][to] += 1
            } else {
                left[from] += 1
            }
        }
        for (key, label) in later where earlier[key] == nil {
            guard let to = position[label] else { continue }
            entered[to] += 1
        }
        self.labels = labels
        self.counts = counts
        self.left = left
        self.entered = entered
    }

    /// Keys that kept their label.
    public var stayed: Int { labels.indices.reduce(0) { $0 + counts[$1][$1] } }

    /// Keys present on both sides whose label changed.
    public var moved: Int { counts.joined().reduce(0, +) - stayed }

    private static func mapping<Key: Hashable>(_ pairs: some Sequence<(Key, String)>, side: String) throws(Diagnostic) -> [Key: String] {
        var result: [Key: String] = [:]
        for (key, label) in pairs {
            if let existing = result.updateValue(label, forKey: key), existing != label {
                throw Diagnostic("key \(key) appears twice in \(side), as \"\(existing)\" and \"\(label)\"")
            }
        }
        return result
    }
}
