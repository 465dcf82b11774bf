/// "Did you mean …?" — the closest known name by edit distance.
public enum Suggestion {
    /// The candidate nearest to `word` when it is close enough to be a plausible typo.
    public static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = Array(word.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased()))
            if distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        guard let best else { return nil }
        let allowed = max(1, min(3, lowered.count / 3 + 1))
        return best.distance <= allowed ? best.name : nil
    }

    /// ` Did you mean "x"?` or an empty string.
    public static func phrase(for word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { " Did you mean \"\($0)\"?" } ?? ""
    }

    /// Levenshtein distance with adjacent transpositions counted as one edit.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for aIndex in 1...a.count {
            current[0] = aIndex
            for bIndex in 1...b.count {
                let cost = a[aIndex - 1] == b[bIndex - 1] ? 0 : 1
                var value = min(previous[bIndex] + 1, current[bIndex - 1] + 1, previous[bIndex - 1] + cost)
                if aIndex > 1, bIndex > 1, a[aIndex - 1] == b[bIndex - 2], a[aIndex - 2] == b[bIndex - 1] {
                    value = min(value, previousPrevious[bIndex - 2] + 1)
                }
                current[bIndex] = value
            }
            (previousPrevious, previous, current) = (previous, current, previousPrevious)
        }
        return previous[b.count]
    }
}
