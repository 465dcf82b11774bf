/// A unified diff of two line lists (`--- recorded` / `+++ actual` / `@@ -a,b +c,d @@`
/// hunks with three lines of context), from a longest common subsequence of the lines.
public enum UnifiedDiff {
    /// One line of the edit script.
    enum Edit: Equatable {
        case same(String), removed(String), added(String)
    }

    /// The diff text, or "" when the lists are equal.
    /// - Complexity: O(n × m) time and memory after the common prefix and suffix are
    ///   removed; beyond 16 million line pairs the middle is shown as removed then added
    ///   (still a correct diff, only not the smallest).
    public static func diff(_ old: [String], _ new: [String], oldName: String = "recorded",
                            newName: String = "actual", context: Int = 3) -> String {
        let edits = script(old, new)
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var text = "--- \(oldName)\n+++ \(newName)\n"
        for hunk in hunks(edits, context: context) { text += hunk }
        return text
    }

    /// The edit script turning `old` into `new`.
    static func script(_ old: [String], _ new: [String]) -> [Edit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])
        var edits = old[..<prefix].map { Edit.same($0) }
        if a.count * b.count > 16_000_000 {
            edits += a.map { .removed($0) } + b.map { .added($0) }
        } else {
            edits += middle(a, b)
        }
        edits += old[(old.count - suffix)...].map { Edit.same($0) }
        return edits
    }

    /// LCS table from the end: `lengths[i][j]` = LCS of `a[i...]` and `b[j...]`; then a walk
    /// from the start that prefers removals before additions (the usual diff reading order).
    private static func middle(_ a: [String], _ b: [String]) -> [Edit] {
        let width = b.count + 1
        var lengths = [Int32](repeating: 0, count: (a.count + 1) * width)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i * width + j] = a[i] == b[j]
                    ? lengths[(i + 1) * width + j + 1] + 1
                    : max(lengths[(i + 1) * width + j], lengths[i * width + j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                edits.append(.same(a[i])); i += 1; j += 1
            } else if j == b.count || (i < a.count && lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
                edits.append(.removed(a[i])); i += 1
            } else {
                edits.append(.added(b[j])); j += 1
            }
        }
        return edits
    }

    /// Groups changes with `context` lines around them; changes closer than 2 × context
    /// share a hunk.
    private static func hunks(_ edits: [Edit], context: Int) -> [String] {
        let changed = edits.indices.filter { if case .same = edits[$0] { false } else { true } }
        var ranges: [Range<Int>] = []
        for index in changed {
            let start = max(0, index - context), end = min(edits.count, index + 1 + context)
            if let last = ranges.last, start <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, end)
            } else {
                ranges.append(start..<end)
            }
        }
        // Line numbers (1-based) of each edit in the old and new text.
        var oldLine = 1, newLine = 1
        var oldAt: [Int] = [], newAt: [Int] = []
        for edit in edits {
            oldAt.append(oldLine)
            newAt.append(newLine)
            switch edit {
            case .same: oldLine += 1; newLine += 1
            case .removed: oldLine += 1
            case .added: newLine += 1
            }
        }
        return ranges.map { range in
            var body = ""
            var oldCount = 0, newCount = 0
            for edit in edits[range] {
                switch edit {
                case .same(let line): body += " \(line)\n"; oldCount += 1; newCount += 1
                case .removed(let line): body += "-\(line)\n"; oldCount += 1
                case .added(let line): body += "+\(line)\n"; newCount += 1
                }
            }
            // An empty side names the line before the hunk (0 at the start), as diff -u does.
            let oldStart = oldCount == 0 ? oldAt[range.lowerBound] - 1 : oldAt[range.lowerBound]
            let newStart = newCount == 0 ? newAt[range.lowerBound] - 1 : newAt[range.lowerBound]
            return "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n" + body
        }
    }
}
