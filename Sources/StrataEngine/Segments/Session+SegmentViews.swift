import StrataCore
import StrataLang

extension Session {
    /// `segments` / `segment list`: one row per segment, its latest version.
    func listSegments() throws -> Outcome {
        let summaries = try segmentStoreInUse().summaries()
        if summaries.isEmpty { return .notice("no segments saved yet: segment save NAME = PIPELINE\n") }
        var builder = SegmentTableBuilder()
        builder.strings("segment", summaries.map(\.name))
        builder.integers("versions", summaries.map(\.versionCount))
        builder.integers("members", summaries.map(\.latest.size))
        builder.dates("as_of", summaries.map(\.latest.asOf))
        builder.strings("note", summaries.map(\.latest.note))
        return Outcome(output: Renderer.render(builder.table, options: settings.render))
    }

    /// `segment show NAME[@vN]`: definition, size, as-of, fingerprint, playbook, overrides
    /// and the first members.
    func showSegment(_ reference: SegmentReference) throws -> Outcome {
        let version = try segmentVersion(reference)
        let count = try segmentStoreInUse().history(reference.name.text).count
        var lines = ["\(reference.name.text) v\(version.number) of \(count): \(Session.members(version.keys.count)) "
            + "(key \(version.keyColumn)\(version.tierColumn.map { ", tier \($0)" } ?? "")), as of \(Session.dateText(version.asOf)), "
            + "saved \(version.createdAt)"]
        lines.append("definition: \(version.definition)")
        if let note = version.note { lines.append("note: \(note)") }
        if let goal = version.playbook.goal { lines.append("goal: \(goal)") }
        if let metric = version.playbook.metric { lines.append("metric: \(metric)") }
        if let action = version.playbook.action { lines.append("action: \(action)") }
        for source in version.fingerprint {
            lines.append("input: \(source.table) from \(source.path) (\(Session.grouped(source.rows)) rows, "
                + "\(Session.grouped(Int(source.bytes))) bytes\(source.contentHash.map { ", fnv1a \($0)" } ?? ""))")
        }
        if version.fingerprint.isEmpty { lines.append("input: no loaded file (tables built in the session)") }
        var output = lines.joined(separator: "\n") + "\n"
        if !version.overrides.isEmpty {
            var builder = SegmentTableBuilder()
            builder.strings("override", version.overrides.map(\.action.rawValue))
            builder.strings("keys", version.overrides.map { $0.keys.joined(separator: ", ") })
            builder.strings("who", version.overrides.map(\.who))
            builder.strings("when", version.overrides.map(\.when))
            builder.strings("reason", version.overrides.map(\.reason))
            output += Renderer.render(builder.table, options: settings.render)
        }
        var preview = settings.render
        let memberCount = version.keys.column.count
        if memberCount > 5 { preview.footer = "first 5 of \(Session.members(memberCount))" }
        output += Renderer.render(memberTable(version, limit: 5), options: preview)
        return Outcome(output: output)
    }

    /// The members of a version as a table: the key column, and the tier column if any.
    func memberTable(_ version: SegmentVersion, limit: Int? = nil) -> Table {
        var builder = SegmentTableBuilder()
        let column = version.keys.column
        let rows = limit.map { min($0, column.count) } ?? column.count
        builder.column(version.keyColumn, rows == column.count ? column : column.slice(0..<rows))
        if let tierColumn = version.tierColumn, let tiers = version.tiers {
            builder.strings(tierColumn == version.keyColumn ? tierColumn + "_tier" : tierColumn, tiers.prefix(rows).map { $0 })
        }
        return builder.table
    }

    /// `segment history NAME`: every version with its as-of date, size and change.
    func segmentHistory(_ name: Name) throws -> Outcome {
        let store = try segmentStoreInUse()
        let history = try store.history(name.text)
        if history.isEmpty { throw try segmentNotFound(name) }
        var added: [Int?] = [nil]
        var removed: [Int?] = [nil]
        var previous = try store.version(name.text, history[0].number)
        for summary in history.dropFirst() {
            let current = try store.version(name.text, summary.number)
            let diff = SegmentDiff(previous?.keys ?? .integers([]), current?.keys ?? .integers([]))
            added.append(diff.onlyRight)
            removed.append(diff.onlyLeft)
            previous = current
        }
        var builder = SegmentTableBuilder()
        builder.strings("version", history.map { "v\($0.number)" })
        builder.dates("as_of", history.map(\.asOf))
        builder.strings("saved", history.map(\.createdAt))
        builder.integers("members", history.map(\.size))
        builder.integers("added", added)
        builder.integers("removed", removed)
        builder.integers("overrides", history.map(\.overrideCount))
        builder.strings("note", history.map(\.note))
        return Outcome(output: Renderer.render(builder.table, options: settings.render))
    }

    /// `segment diff A B`: members in both, only in A, only in B.
    func diffSegments(_ left: SegmentReference, _ right: SegmentReference) throws -> Outcome {
        let a = try segmentVersion(left)
        let b = try segmentVersion(right)
        guard a.keys.typeName == b.keys.typeName else {
            throw Diagnostic("\(left.text) has \(a.keys.typeName) keys and \(right.text) \(b.keys.typeName) keys; they cannot be compared",
                             at: .statement(left.range.lowerBound..<right.range.upperBound))
        }
        let diff = SegmentDiff(a.keys, b.keys)
        let leftName = "\(left.name.text)@v\(a.number)", rightName = "\(right.name.text)@v\(b.number)"
        var builder = SegmentTableBuilder()
        builder.strings("part", ["in both", "only in \(leftName)", "only in \(rightName)"])
        builder.integers("members", [diff.both, diff.onlyLeft, diff.onlyRight])
        builder.strings("first keys", ["", preview(diff.leftSample, diff.onlyLeft), preview(diff.rightSample, diff.onlyRight)])
        return Outcome(output: Renderer.render(builder.table, options: settings.render))
    }

    private func preview(_ sample: [String], _ count: Int) -> String {
        sample.joined(separator: ", ") + (count > sample.count ? ", …" : "")
    }

    /// `segment drop NAME`: removes every version, naming them.
    func dropSegment(_ name: Name) throws -> Outcome {
        let removed = try segmentStoreInUse().drop(name.text)
        if removed.isEmpty { throw try segmentNotFound(name) }
        let list = removed.map { "v\($0)" }.joined(separator: ", ")
        return .notice("dropped \(name.text): \(list) (\(removed.count) \(removed.count == 1 ? "version" : "versions"))\n")
    }

    /// `segment rename A to B`
    func renameSegment(_ old: Name, to new: Name) throws -> Outcome {
        let store = try segmentStoreInUse()
        let count = try store.history(old.text).count
        if count == 0 { throw try segmentNotFound(old) }
        if try store.version(new.text, nil) != nil {
            throw Diagnostic("segment \"\(new.text)\" already exists; drop it first or choose another name", at: .statement(new.range))
        }
        try store.rename(old.text, to: new.text)
        return .notice("renamed \(old.text) to \(new.text) (\(count) \(count == 1 ? "version" : "versions"))\n")
    }

    /// `segment load NAME[@vN]` prints the members; `let x = segment load …` makes them a table.
    func loadSegment(_ reference: SegmentReference, into name: Name?) throws -> Outcome {
        let version = try segmentVersion(reference)
        let table = memberTable(version)
        guard let name else { return Outcome(output: Renderer.render(table, options: settings.render)) }
        catalog.set(name.text, table)
        segments.origins[name.text] = []
        return .notice(Session.summary(name.text, table) + " from segment \(reference.name.text)@v\(version.number)\n")
    }
}
