import Foundation
import StrataCore
import StrataLang

extension Session {
    /// Opens the workspace on the first segment statement (so a session that never uses
    /// segments creates no file). Installed by the command line; without it segments live in
    /// memory for the session.
    public var segmentStoreOpener: (() throws(Diagnostic) -> any SegmentStore)? {
        get { segments.opener }
        set {
            segments.opener = newValue
            segments.store = nil
        }
    }

    /// The store in use, if one is open (tests inject ``InMemorySegmentStore`` here).
    public var segmentStore: (any SegmentStore)? {
        get { segments.store }
        set { segments.store = newValue }
    }

    /// Recorded with manual overrides (default `$USER`).
    public var segmentUser: String {
        get { segments.user }
        set { segments.user = newValue }
    }

    /// The clock for version and override times (`strata test` fixes it for stable outputs).
    public var segmentClock: () -> Date {
        get { segments.now }
        set { segments.now = newValue }
    }

    /// Names of the saved segments, for completion after `@` and `segment show`; empty when
    /// no workspace is open yet (completion never opens one).
    public var segmentNames: [String] {
        if segments.store == nil, segments.storeIsPresent() { _ = try? segments.openStore() }
        guard let store = segments.store else { return [] }
        return ((try? store.summaries()) ?? []).map(\.name)
    }

    /// Whether the workspace already exists (so completion may open it without creating a
    /// file); installed with ``segmentStoreOpener``.
    public var segmentStoreIsPresent: () -> Bool {
        get { segments.storeIsPresent }
        set { segments.storeIsPresent = newValue }
    }

    /// Executes a `segment …` statement.
    func runSegment(_ command: SegmentCommand) throws -> Outcome {
        switch command {
        case .save(let name, let pipeline, let options):
            return try saveSegment(name, pipeline: pipeline, options: options)
        case .list:
            return try listSegments()
        case .show(let reference):
            return try showSegment(reference)
        case .diff(let left, let right):
            return try diffSegments(left, right)
        case .history(let name):
            return try segmentHistory(name)
        case .refresh(let name, let options):
            return try refreshSegments(name, options: options)
        case .moves(let from, let to):
            return try segmentMoves(from, to)
        case .drop(let name):
            return try dropSegment(name)
        case .rename(let old, let new):
            return try renameSegment(old, to: new)
        case .override(let add, let name, let keys, let options):
            return try overrideSegment(add: add, name, keys: keys, options: options)
        case .load(let reference, let into):
            return try loadSegment(reference, into: into)
        case .split(let reference, let groups, let percents, let seed, let range):
            return try splitSegment(reference, into: groups, percents: percents, seed: seed, range: range)
        case .uplift(let treatment, let control, let table, let after, let options):
            return try segmentUplift(treatment, control, table: table, after: after, options: options)
        case .export(let reference, let path, let pathRange, let options):
            return try exportSegment(reference, path: path, pathRange: pathRange, options: options)
        }
    }

    /// The open store (opening the workspace on first use).
    func segmentStoreInUse() throws(Diagnostic) -> any SegmentStore {
        try segments.openStore()
    }

    /// The version a reference names, or an error at the reference with a suggestion.
    func segmentVersion(_ reference: SegmentReference) throws(Diagnostic) -> SegmentVersion {
        let store = try segmentStoreInUse()
        if let version = try store.version(reference.name.text, reference.version) { return version }
        let history = try store.history(reference.name.text)
        if let number = reference.version, let last = history.last {
            throw Diagnostic("segment \"\(reference.name.text)\" has no version v\(number) (versions v1 to v\(last.number))",
                             at: .statement(reference.range))
        }
        throw try segmentNotFound(reference.name)
    }

    /// `segment "x" not found. Did you mean "y"?`
    func segmentNotFound(_ name: Name) throws(Diagnostic) -> Diagnostic {
        let names = try segmentStoreInUse().summaries().map(\.name)
        let hint = names.isEmpty ? " No segments are saved yet: segment save NAME = PIPELINE." : Suggestion.phrase(for: name.text, among: names)
        return Diagnostic("segment \"\(name.text)\" not found.\(hint)", at: .statement(name.range))
    }

    /// The members of a reference for `x in @name` (the binder calls this).
    func segmentMembers(_ reference: SegmentReference) throws(Diagnostic) -> SegmentMembers {
        let version = try segmentVersion(reference)
        return SegmentMembers(label: "@\(reference.name.text)@v\(version.number)", keys: version.keys)
    }

    /// The text of a part of the statement being run (a definition).
    func statementText(_ range: Range<Int>) -> String {
        let characters = Array(currentStatement)
        let lower = min(max(range.lowerBound, 0), characters.count)
        let upper = min(max(range.upperBound, lower), characters.count)
        return String(characters[lower..<upper])
    }

    /// `1,301`
    static func grouped(_ count: Int) -> String { NumberText.integer(Int64(count), grouped: true) }

    /// `1,301 members`
    static func members(_ count: Int) -> String { "\(grouped(count)) \(count == 1 ? "member" : "members")" }

    /// A date as `2026-06-30`.
    static func dateText(_ days: Int32) -> String { CivilDate(days: days).description }
}
