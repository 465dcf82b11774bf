import StrataCore

/// Where named segments are kept. The session calls it; StrataWorkspace implements it over
/// SQLite, ``InMemorySegmentStore`` serves tests and sessions without a workspace.
///
/// Every method either completes or changes nothing; failures are ``Diagnostic``s naming the
/// workspace file.
public protocol SegmentStore: AnyObject {
    /// What to call the store in messages (`workspace .strata/workspace.sqlite`).
    var location: String { get }
    /// Every segment with its latest version, by name.
    func summaries() throws(Diagnostic) -> [SegmentSummary]
    /// The versions of `name`, oldest first; empty when there is no such segment.
    func history(_ name: String) throws(Diagnostic) -> [SegmentVersionSummary]
    /// Version `number` of `name` (the latest when nil) with its members; nil when missing.
    func version(_ name: String, _ number: Int?) throws(Diagnostic) -> SegmentVersion?
    /// Adds each version as the next version of its segment (creating segments as needed),
    /// all in one transaction; returns the numbers they got, in order.
    func saveAll(_ batch: [(name: String, version: SegmentVersion)]) throws(Diagnostic) -> [Int]
    /// Removes a segment and all its versions; returns the version numbers removed.
    func drop(_ name: String) throws(Diagnostic) -> [Int]
    /// Renames a segment; fails when `newName` is taken.
    func rename(_ name: String, to newName: String) throws(Diagnostic)
}

extension SegmentStore {
    /// Adds `version` as the next version of `name` in one transaction; returns its number.
    public func save(_ name: String, _ version: SegmentVersion) throws(Diagnostic) -> Int {
        try saveAll([(name, version)]).first ?? 0
    }
}

/// Segments in memory, for unit tests and sessions that were given no workspace.
public final class InMemorySegmentStore: SegmentStore {
    private var segments: [String: [SegmentVersion]] = [:]

    public init() {}

    public var location: String { "memory" }

    public func summaries() throws(Diagnostic) -> [SegmentSummary] {
        segments.keys.sorted().compactMap { name in
            guard let versions = segments[name], let last = versions.last else { return nil }
            return SegmentSummary(name: name, versionCount: versions.count, latest: last.summary)
        }
    }

    public func history(_ name: String) throws(Diagnostic) -> [SegmentVersionSummary] {
        (segments[name] ?? []).map(\.summary)
    }

    public func version(_ name: String, _ number: Int?) throws(Diagnostic) -> SegmentVersion? {
        guard let versions = segments[name] else { return nil }
        guard let number else { return versions.last }
        return versions.first { $0.number == number }
    }

    public func saveAll(_ batch: [(name: String, version: SegmentVersion)]) throws(Diagnostic) -> [Int] {
        batch.map { name, version in
            var saved = version
            saved.number = (segments[name]?.last?.number ?? 0) + 1
            segments[name, default: []].append(saved)
            return saved.number
        }
    }

    public func drop(_ name: String) throws(Diagnostic) -> [Int] {
        segments.removeValue(forKey: name)?.map(\.number) ?? []
    }

    public func rename(_ name: String, to newName: String) throws(Diagnostic) {
        guard segments[newName] == nil else { throw Diagnostic("segment \"\(newName)\" already exists") }
        guard let versions = segments.removeValue(forKey: name) else {
            throw Diagnostic("segment \"\(name)\" not found")
        }
        segments[newName] = versions
    }
}
