import StrataCore

/// The member keys of one segment version: integers or strings, ascending, without duplicates.
public enum SegmentKeys: Sendable, Equatable {
    case integers([Int64])
    case strings([String])

    public var count: Int {
        switch self {
        case .integers(let keys): keys.count
        case .strings(let keys): keys.count
        }
    }

    /// `integer` or `string`: the type of the key column.
    public var typeName: String {
        switch self {
        case .integers: "integer"
        case .strings: "string"
        }
    }

    /// The key at `index` as text (for messages and overrides).
    public func text(at index: Int) -> String {
        switch self {
        case .integers(let keys): String(keys[index])
        case .strings(let keys): keys[index]
        }
    }

    /// Sorts and removes duplicates, keeping `labels` (one per key) in step; the first label
    /// of a duplicated key wins.
    static func normalized(_ keys: SegmentKeys, labels: [String]?) -> (SegmentKeys, [String]?) {
        func run<K: Comparable>(_ values: [K]) -> ([K], [String]?) {
            if labels == nil {
                // Without labels the values sort directly (no index indirection).
                var sorted = values.sorted()
                var kept = 0
                for index in sorted.indices where kept == 0 || sorted[kept - 1] != sorted[index] {
                    sorted[kept] = sorted[index]
                    kept += 1
                }
                sorted.removeLast(sorted.count - kept)
                return (sorted, nil)
            }
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            var result: [K] = []
            var resultLabels: [String] = []
            result.reserveCapacity(values.count)
            for index in order where result.last != values[index] {
                result.append(values[index])
                if let labels { resultLabels.append(labels[index]) }
            }
            return (result, labels == nil ? nil : resultLabels)
        }
        switch keys {
        case .integers(let values):
            let (sorted, sortedLabels) = run(values)
            return (.integers(sorted), sortedLabels)
        case .strings(let values):
            let (sorted, sortedLabels) = run(values)
            return (.strings(sorted), sortedLabels)
        }
    }
}

/// A manual change to a segment (the machine proposes, people review): keys added or removed,
/// by whom, when and why. Kept by `segment refresh` unless `(drop overrides)`.
public struct SegmentOverride: Sendable, Equatable {
    public enum Action: String, Sendable { case add, remove }
    public var action: Action
    /// The keys as text; they are typed by the segment's key column when applied.
    public var keys: [String]
    public var who: String
    /// UTC, `2026-07-01T09:30:00Z`.
    public var when: String
    public var reason: String

    public init(action: Action, keys: [String], who: String, when: String, reason: String) {
        self.action = action
        self.keys = keys
        self.who = who
        self.when = when
        self.reason = reason
    }
}

/// Where one input table of a segment came from, when it was saved.
public struct SourceFingerprint: Sendable, Equatable {
    /// The table name at load time.
    public var table: String
    /// The path as written in `load`.
    public var path: String
    public var bytes: Int64
    public var rows: Int
    /// FNV-1a 64 of the file's bytes (hex), for files small enough to hash cheaply.
    public var contentHash: String?

    public init(table: String, path: String, bytes: Int64, rows: Int, contentHash: String?) {
        self.table = table
        self.path = path
        self.bytes = bytes
        self.rows = rows
        self.contentHash = contentHash
    }
}

/// The per-segment playbook (brief §7): one goal, one key metric, one action.
public struct SegmentPlaybook: Sendable, Equatable {
    public var goal: String?
    public var metric: String?
    public var action: String?

    public init(goal: String? = nil, metric: String? = nil, action: String? = nil) {
        self.goal = goal
        self.metric = metric
        self.action = action
    }

    public var isEmpty: Bool { goal == nil && metric == nil && action == nil }
}

/// One saved version of a segment. Versions are never changed once saved.
public struct SegmentVersion: Sendable, Equatable {
    /// 1, 2, …; assigned by the store on save.
    public var number: Int
    /// The pipeline text the members came from (re-run by `segment refresh`).
    public var definition: String
    /// The analysis date (`.asof`) the definition ran at.
    public var asOf: Int32
    /// UTC creation time, `2026-07-01T09:30:00Z`.
    public var createdAt: String
    public var fingerprint: [SourceFingerprint]
    /// The column the keys came from (`customer_id`).
    public var keyColumn: String
    public var keys: SegmentKeys
    /// The column the labels came from, with `(tier COL)`.
    public var tierColumn: String?
    /// One label per key (same order), with `(tier COL)`.
    public var tiers: [String]?
    public var note: String?
    public var playbook: SegmentPlaybook
    /// Every override in force, oldest first.
    public var overrides: [SegmentOverride]

    public init(number: Int = 0, definition: String, asOf: Int32, createdAt: String, fingerprint: [SourceFingerprint],
                keyColumn: String, keys: SegmentKeys, tierColumn: String? = nil, tiers: [String]? = nil,
                note: String? = nil, playbook: SegmentPlaybook = SegmentPlaybook(), overrides: [SegmentOverride] = []) {
        self.number = number
        self.definition = definition
        self.asOf = asOf
        self.createdAt = createdAt
        self.fingerprint = fingerprint
        self.keyColumn = keyColumn
        self.keys = keys
        self.tierColumn = tierColumn
        self.tiers = tiers
        self.note = note
        self.playbook = playbook
        self.overrides = overrides
    }

    /// The same version without its members (for lists and histories).
    public var summary: SegmentVersionSummary {
        SegmentVersionSummary(number: number, definition: definition, asOf: asOf, createdAt: createdAt,
                              size: keys.count, note: note, overrideCount: overrides.count)
    }
}

/// A version's headline: what `segments` and `segment history` print.
public struct SegmentVersionSummary: Sendable, Equatable {
    public var number: Int
    public var definition: String
    public var asOf: Int32
    public var createdAt: String
    public var size: Int
    public var note: String?
    public var overrideCount: Int

    public init(number: Int, definition: String, asOf: Int32, createdAt: String, size: Int, note: String?, overrideCount: Int) {
        self.number = number
        self.definition = definition
        self.asOf = asOf
        self.createdAt = createdAt
        self.size = size
        self.note = note
        self.overrideCount = overrideCount
    }
}

/// A segment with its latest version's headline.
public struct SegmentSummary: Sendable, Equatable {
    public var name: String
    public var versionCount: Int
    public var latest: SegmentVersionSummary

    public init(name: String, versionCount: Int, latest: SegmentVersionSummary) {
        self.name = name
        self.versionCount = versionCount
        self.latest = latest
    }
}
