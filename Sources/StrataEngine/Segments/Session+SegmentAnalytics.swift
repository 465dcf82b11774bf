import StrataCore
import StrataLang

extension Session {
    /// `segment moves NAME v1 v2` / `segment moves A B`: a transition matrix between two
    /// versions or segments. Tiered versions compare their labels; an untiered one labels
    /// every member `member` (so the matrix reads stayed / left / entered).
    /// - Complexity: O(members of both).
    func segmentMoves(_ from: SegmentReference, _ to: SegmentReference) throws -> Outcome {
        let before = try segmentVersion(from)
        let after = try segmentVersion(to)
        let matrix: TransitionMatrix
        switch (before.keys, after.keys) {
        case (.integers(let a), .integers(let b)):
            matrix = try TransitionMatrix(before: labelled(a, before, from), after: labelled(b, after, to))
        case (.strings(let a), .strings(let b)):
            matrix = try TransitionMatrix(before: labelled(a, before, from), after: labelled(b, after, to))
        default:
            throw Diagnostic("\(from.text) and \(to.text) have keys of different types", at: .statement(to.range))
        }
        let left = matrix.left.reduce(0, +), entered = matrix.entered.reduce(0, +)
        var output = Renderer.render(matrix.table(), options: settings.render)
        let untiered = before.tiers == nil && after.tiers == nil
        let note = untiered ? " (no tier column: save with (tier COL) to see moves between tiers)" : ""
        output += "\(from.name.text)@v\(before.number) → \(to.name.text)@v\(after.number): stayed \(Session.grouped(matrix.stayed)), "
            + "moved \(Session.grouped(matrix.moved)), left \(Session.grouped(left)), entered \(Session.grouped(entered))\(note)\n"
        return Outcome(output: output)
    }

    private func labelled<K>(_ keys: [K], _ version: SegmentVersion, _ reference: SegmentReference) -> [(K, String)] {
        if let tiers = version.tiers { return Array(zip(keys, tiers)) }
        return keys.map { ($0, "member") }
    }

    /// `segment split NAME into A, B (10%, seed 42)`: saves each group as a segment (one
    /// transaction). Membership follows a hash of key and seed, so members keep their group
    /// when the source gains or loses customers.
    func splitSegment(_ reference: SegmentReference, into groups: [Name], percents: [Double], seed: UInt64,
                      range: Range<Int>) throws -> Outcome {
        let source = try segmentVersion(reference)
        if let clash = groups.first(where: { $0.text == reference.name.text }) {
            throw Diagnostic("a group cannot replace the segment being split", at: .statement(clash.range))
        }
        let definition = statementText(range)
        let parts = try SegmentSplitting.split(source, groups: groups.count, percents: percents, seed: seed)
        let store = try segmentStoreInUse()
        var batch: [(name: String, version: SegmentVersion)] = []
        for (index, group) in groups.enumerated() {
            var version = source
            version.definition = definition
            version.createdAt = segments.timestamp()
            version.keys = parts[index].keys
            version.tiers = parts[index].tiers
            version.overrides = []
            version.note = "split of \(reference.name.text)@v\(source.number), seed \(seed)"
            batch.append((group.text, version))
        }
        let numbers = try store.saveAll(batch)
        let shares = SegmentSplitting.fractions(groups: groups.count, percents: percents)
        let described = zip(zip(groups, numbers), zip(batch, shares)).map { pair, item in
            "\(pair.0.text) v\(pair.1) \(Session.grouped(item.0.version.keys.count)) (\(SegmentSplitting.percentText(item.1)))"
        }
        return .notice("split \(reference.name.text)@v\(source.number) (\(Session.members(source.keys.count))), seed \(seed): "
            + described.joined(separator: ", ") + "\n")
    }
}

/// Stable group assignment for `segment split` (and its refresh).
enum SegmentSplitting {
    /// Group fractions: the shares given for the groups after the first, the first takes the
    /// rest; no shares means even groups.
    static func fractions(groups: Int, percents: [Double]) -> [Double] {
        if percents.isEmpty { return [Double](repeating: 1 / Double(groups), count: groups) }
        let given = percents.map { $0 / 100 }
        return [1 - given.reduce(0, +)] + given
    }

    /// The members of `source` per group.
    /// - Complexity: O(members), one hash per key.
    static func split(_ source: SegmentVersion, groups: Int, percents: [Double], seed: UInt64) throws(Diagnostic)
        -> [(keys: SegmentKeys, tiers: [String]?)] {
        let splitter = try StableSplit(fractions: fractions(groups: groups, percents: percents), seed: seed)
        var indexes = [[Int]](repeating: [], count: groups)
        switch source.keys {
        case .integers(let keys):
            for (index, key) in keys.enumerated() { indexes[splitter.group(of: key)].append(index) }
            return indexes.map { rows in (.integers(rows.map { keys[$0] }), source.tiers.map { tiers in rows.map { tiers[$0] } }) }
        case .strings(let keys):
            for (index, key) in keys.enumerated() { indexes[splitter.group(of: key)].append(index) }
            return indexes.map { rows in (.strings(rows.map { keys[$0] }), source.tiers.map { tiers in rows.map { tiers[$0] } }) }
        }
    }

    /// `10%`, `33.3%`
    static func percentText(_ fraction: Double) -> String {
        let tenths = Int64((fraction * 1000).rounded())
        return (tenths % 10 == 0 ? String(tenths / 10) : NumberText.decimal(tenths, scale: 1)) + "%"
    }
}
