import StrataCore
import StrataLang

extension Session {
    /// `segment save NAME = PIPELINE (options)`: runs the pipeline and adds its keys as the
    /// next version of NAME. Overrides, note and playbook of the previous version carry over
    /// unless given anew (`(drop overrides)` starts clean).
    /// - Complexity: the pipeline, plus O(members log members) to sort the keys.
    func saveSegment(_ name: Name, pipeline: Pipeline, options items: [OptionItem]) throws -> Outcome {
        let options = try SegmentSaveOptions(items, allowed: SegmentSaveOptions.saveNames)
        let table = try evaluate(pipeline)
        let store = try segmentStoreInUse()
        let previous = try store.version(name.text, nil)
        let (version, notes) = try makeVersion(definition: statementText(pipeline.range), table: table, options: options,
                                               previous: previous, fingerprint: fingerprint(of: pipeline), site: pipeline.range)
        let number = try store.save(name.text, version)
        var lines = ["saved \(name.text) v\(number): \(Session.members(version.keys.count)) (as of \(Session.dateText(version.asOf)))"]
        lines += notes
        return .notice(lines.joined(separator: "\n") + "\n")
    }

    /// `segment refresh NAME|all [(drop overrides)]`: re-runs each definition on the tables
    /// loaded now; all new versions are saved in one transaction, or none.
    func refreshSegments(_ name: Name?, options items: [OptionItem]) throws -> Outcome {
        let options = try SegmentSaveOptions(items, allowed: ["drop"])
        let store = try segmentStoreInUse()
        var names: [String]
        if let name {
            guard try store.version(name.text, nil) != nil else { throw try segmentNotFound(name) }
            names = [name.text]
        } else {
            names = try store.summaries().map(\.name)
            if names.isEmpty { return .notice("no segments to refresh\n") }
        }
        var batch: [(String, SegmentVersion)] = []
        var lines: [String] = []
        var latest: [String: SegmentVersion] = [:]
        for segment in names { latest[segment] = try store.version(segment, nil) }
        // Split groups after the segments they come from, which they re-split as refreshed.
        let ordered = names.filter { !(latest[$0]?.definition.hasPrefix("segment split") ?? false) }
            + names.filter { latest[$0]?.definition.hasPrefix("segment split") ?? false }
        var refreshed: [String: SegmentVersion] = [:]
        for segment in ordered {
            try Cancellation.check()
            guard let previous = latest[segment] else { continue }
            let (version, notes) = try rerun(segment, previous, options: options, refreshed: refreshed)
            var numbered = version
            numbered.number = previous.number + 1
            refreshed[segment] = numbered
            batch.append((segment, version))
            let delta = SegmentDiff(previous.keys, version.keys)
            lines.append("refreshed \(segment) v\(previous.number + 1): \(Session.members(version.keys.count)) "
                + "(as of \(Session.dateText(version.asOf)); v\(previous.number) had \(Session.grouped(previous.keys.count)): "
                + "+\(Session.grouped(delta.onlyRight)) −\(Session.grouped(delta.onlyLeft)))")
            lines += notes
        }
        _ = try store.saveAll(batch)
        return .notice(lines.joined(separator: "\n") + "\n")
    }

    /// One segment's definition run again, as its next version.
    private func rerun(_ segment: String, _ previous: SegmentVersion, options: SegmentSaveOptions,
                       refreshed: [String: SegmentVersion]) throws -> (SegmentVersion, [String]) {
        do {
            let statement = try Parser.parse(previous.definition)
            if case .segment(.split(let source, let groups, let percents, let seed, _)) = statement,
               let index = groups.firstIndex(where: { $0.text == segment }) {
                let from = source.version == nil ? refreshed[source.name.text] : nil
                return (try resplit(previous, source: source, from: from, group: index, of: groups.count,
                                    percents: percents, seed: seed), [])
            }
            guard case .show(let pipeline) = statement else {
                throw Diagnostic("the definition is not a pipeline")
            }
            var carried = SegmentSaveOptions.inherited(from: previous)
            carried.dropOverrides = options.dropOverrides
            let table = try evaluate(pipeline)
            return try makeVersion(definition: previous.definition, table: table, options: carried, previous: previous,
                                   fingerprint: fingerprint(of: pipeline), site: pipeline.range)
        } catch let diagnostic as Diagnostic {
            // Positions are in the definition, not in this statement: show them under it.
            let rendered = diagnostic.render(source: previous.definition).split(separator: "\n").dropFirst()
            throw Diagnostic("cannot refresh \(segment): \(diagnostic.message)",
                             notes: rendered.map { String($0.dropFirst(2)) } + diagnostic.notes)
        }
    }

    /// A split group again, from the latest members of the segment it was split from (the
    /// version named in the split, if one was): stable hashing keeps everyone's group.
    private func resplit(_ previous: SegmentVersion, source: SegmentReference, from refreshedSource: SegmentVersion?,
                         group: Int, of count: Int, percents: [Double], seed: UInt64) throws -> SegmentVersion {
        let from = try refreshedSource ?? segmentVersion(source)
        let parts = try SegmentSplitting.split(from, groups: count, percents: percents, seed: seed)
        var version = previous
        version.asOf = from.asOf
        version.fingerprint = from.fingerprint
        version.createdAt = segments.timestamp()
        (version.keys, version.tiers) = SegmentOverrides.apply(previous.overrides, to: parts[group].keys, labels: parts[group].tiers)
        version.note = "split of \(source.name.text)@v\(from.number), seed \(seed)"
        return version
    }

    /// A new version from a result table: keys, labels, carried overrides, note, playbook.
    func makeVersion(definition: String, table: Table, options: SegmentSaveOptions, previous: SegmentVersion?,
                     fingerprint: [SourceFingerprint], site: Range<Int>) throws -> (SegmentVersion, [String]) {
        let extracted = try SegmentExtraction.members(of: table, key: options.key, tier: options.tier, site: site)
        var notes: [String] = []
        if extracted.nullKeys > 0 {
            notes.append("  \(Session.grouped(extracted.nullKeys)) \(extracted.nullKeys == 1 ? "row" : "rows") with a null \(extracted.column) left out")
        }
        var overrides: [SegmentOverride] = []
        if let previous, !previous.overrides.isEmpty {
            if options.dropOverrides {
                notes.append("  dropped \(previous.overrides.count) manual \(previous.overrides.count == 1 ? "override" : "overrides")")
            } else if previous.keys.typeName != extracted.keys.typeName {
                notes.append("  dropped \(previous.overrides.count) manual overrides: the keys are now \(extracted.keys.typeName)s")
            } else {
                overrides = previous.overrides
                notes.append("  kept \(overrides.count) manual \(overrides.count == 1 ? "override" : "overrides") (drop overrides to start clean)")
            }
        }
        let (keys, tiers) = SegmentOverrides.apply(overrides, to: extracted.keys, labels: extracted.tiers)
        let playbook = SegmentPlaybook(goal: options.playbook.goal ?? previous?.playbook.goal,
                                       metric: options.playbook.metric ?? previous?.playbook.metric,
                                       action: options.playbook.action ?? previous?.playbook.action)
        let version = SegmentVersion(definition: definition, asOf: settings.asOf, createdAt: segments.timestamp(),
                                     fingerprint: fingerprint, keyColumn: extracted.column, keys: keys,
                                     tierColumn: extracted.tierColumn, tiers: tiers, note: options.note ?? previous?.note,
                                     playbook: playbook, overrides: overrides)
        return (version, notes)
    }

    /// The input fingerprint of a pipeline: the files behind the tables it reads.
    func fingerprint(of pipeline: Pipeline) -> [SourceFingerprint] {
        segments.origins(of: pipeline).map { $0.fingerprint() }
    }

    /// `segment add|remove NAME KEYS… (reason "…")`: a new version with the keys added or
    /// removed, recording who, when and why.
    func overrideSegment(add: Bool, _ name: Name, keys: [Expr], options items: [OptionItem]) throws -> Outcome {
        let options = try SegmentSaveOptions(items, allowed: ["reason"])
        let verb = add ? "add" : "remove"
        guard let reason = options.reason, !reason.isEmpty else {
            throw Diagnostic("say why: segment \(verb) \(name.text) … (reason \"…\")", at: .statement(name.range))
        }
        let store = try segmentStoreInUse()
        guard let previous = try store.version(name.text, nil) else { throw try segmentNotFound(name) }
        var texts: [String] = []
        for key in keys {
            let text = try SegmentExtraction.keyText(key, type: previous.keys)
            if !texts.contains(text) { texts.append(text) }
        }
        let unchanged = texts.filter { SegmentOverrides.contains(previous.keys, $0) == add }
        let override = SegmentOverride(action: add ? .add : .remove, keys: texts, who: segments.user,
                                       when: segments.timestamp(), reason: reason)
        var version = previous
        version.createdAt = override.when
        version.overrides.append(override)
        (version.keys, version.tiers) = SegmentOverrides.apply([override], to: previous.keys, labels: previous.tiers)
        let number = try store.save(name.text, version)
        let changed = texts.count - unchanged.count
        var lines = ["\(name.text) v\(number): \(add ? "added" : "removed") \(Session.members(changed)) by \(override.who) "
            + "(\(reason)); \(Session.members(version.keys.count))"]
        if !unchanged.isEmpty {
            lines.append("  \(add ? "already members" : "not members"): " + unchanged.prefix(10).joined(separator: ", ")
                + (unchanged.count > 10 ? ", …" : ""))
        }
        if add, let (tables, unknown) = keysMissing(texts, column: previous.keyColumn), !unknown.isEmpty {
            lines.append("  warning: in no loaded table's \(previous.keyColumn) (\(tables.joined(separator: ", "))): "
                + unknown.prefix(10).joined(separator: ", ") + (unknown.count > 10 ? ", …" : "") + " — a typo?")
        }
        return .notice(lines.joined(separator: "\n") + "\n")
    }

    /// The tables loaded now that have a column `column`, and which of the key `texts` none of
    /// them holds; nil when no table has the column (nothing to check against).
    /// - Complexity: O(rows of those tables) for whole-number keys, O(keys) for text keys.
    func keysMissing(_ texts: [String], column: String) -> (tables: [String], unknown: [String])? {
        let tables = catalog.names.filter { catalog[$0]?.column(named: column) != nil }
        guard !tables.isEmpty else { return nil }
        var unknown = texts
        for name in tables {
            guard let keys = catalog[name]?.column(named: column), !unknown.isEmpty else { continue }
            switch keys.data {
            case .string(_, let dictionary):
                unknown.removeAll { dictionary.existingCode(for: $0) != nil }
            case .int64, .int32:
                let wanted = Set(unknown.compactMap { Int64($0) })
                var found = Set<Int64>()
                let values = keys.data.int64Values
                for row in values.indices where wanted.contains(values[row]) && !keys.isNull(row) { found.insert(values[row]) }
                unknown.removeAll { Int64($0).map(found.contains) ?? false }
            default:
                return nil
            }
        }
        return (tables, unknown)
    }
}

extension SegmentSaveOptions {
    /// The options a version was saved with, for re-running it.
    static func inherited(from version: SegmentVersion) -> SegmentSaveOptions {
        var options = SegmentSaveOptions()
        options.key = Name(version.keyColumn, 0..<0)
        options.tier = version.tierColumn.map { Name($0, 0..<0) }
        options.note = version.note
        options.playbook = version.playbook
        return options
    }
}

extension SegmentExtraction {
    /// A key written in `segment add|remove`, as text, checked against the segment's key type.
    static func keyText(_ expr: Expr, type keys: SegmentKeys) throws(Diagnostic) -> String {
        switch (expr, keys) {
        case (.literal(.number(let digits), _), .integers) where Int64(digits) != nil:
            return digits
        case (.literal(.string(let text), _), .strings):
            return text
        case (.literal(.number(let digits), _), .strings) where !digits.contains("."):
            return digits
        case (.name(let name), .strings):
            return name.text
        default:
            throw Diagnostic("expected \(keys.typeName == "integer" ? "a whole number" : "a key in quotes"): the segment's keys are \(keys.typeName)s",
                             at: .statement(expr.range))
        }
    }
}
