import Foundation
import GRDB
import StrataCore
import StrataEngine

/// Segments in a SQLite workspace file (GRDB, synchronous): WAL journal, a busy timeout and
/// retries so two Strata processes can save at once, every save one immediate transaction.
public final class SQLiteSegmentStore: SegmentStore {
    private let queue: DatabaseQueue
    /// The path as shown in messages.
    public let location: String

    /// How long a writer waits for another one before retrying.
    static let busyTimeout: TimeInterval = 5
    /// Attempts of one transaction when the database stays busy.
    static let attempts = 3

    /// Opens (creating when missing, with its folder) and migrates the workspace at `path`.
    /// - Throws: ``Diagnostic`` naming `displayPath` for a damaged or foreign file, a newer
    ///   schema, or a folder that cannot be written.
    public init(path: String, displayPath: String? = nil) throws(Diagnostic) {
        let shown = displayPath ?? path
        location = shown
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic("cannot create the workspace folder \(folder): \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(SQLiteSegmentStore.busyTimeout)
        configuration.journalMode = .wal
        configuration.foreignKeysEnabled = true
        configuration.label = "strata-workspace"
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
            try SQLiteSegmentStore.retrying(shown) {
                try queue.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        try WorkspaceSchema.migrate(db)
                        return .commit
                    }
                }
            }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw SQLiteSegmentStore.diagnostic(error, shown)
        }
    }

    public func summaries() throws(Diagnostic) -> [SegmentSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT s.name, v.id, v.number, v.definition, v.as_of, v.created_at, v.member_count, v.note,
                       (SELECT count(*) FROM segment_version WHERE segment_id = s.id) AS versions,
                       (SELECT count(*) FROM version_override WHERE version_id = v.id) AS overrides
                FROM segment s JOIN segment_version v ON v.segment_id = s.id
                WHERE v.number = (SELECT max(number) FROM segment_version WHERE segment_id = s.id)
                ORDER BY s.name
                """)
            return rows.map { row in
                SegmentSummary(name: row["name"], versionCount: row["versions"], latest: SQLiteSegmentStore.summary(row))
            }
        }
    }

    public func history(_ name: String) throws(Diagnostic) -> [SegmentVersionSummary] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT v.id, v.number, v.definition, v.as_of, v.created_at, v.member_count, v.note,
                       (SELECT count(*) FROM version_override WHERE version_id = v.id) AS overrides
                FROM segment s JOIN segment_version v ON v.segment_id = s.id
                WHERE s.name = ? ORDER BY v.number
                """, arguments: [name]).map(SQLiteSegmentStore.summary)
        }
    }

    public func version(_ name: String, _ number: Int?) throws(Diagnostic) -> SegmentVersion? {
        try read { db in
            let condition = number == nil
                ? "v.number = (SELECT max(number) FROM segment_version WHERE segment_id = s.id)" : "v.number = ?"
            var arguments: StatementArguments = [name]
            if let number { arguments += [number] }
            guard let row = try Row.fetchOne(db, sql: """
                SELECT v.* FROM segment s JOIN segment_version v ON v.segment_id = s.id
                WHERE s.name = ? AND \(condition)
                """, arguments: arguments) else { return nil }
            return try WorkspaceRows.version(row, db)
        }
    }

    public func saveAll(_ batch: [(name: String, version: SegmentVersion)]) throws(Diagnostic) -> [Int] {
        try write { db in
            var numbers: [Int] = []
            for (name, version) in batch {
                numbers.append(try WorkspaceRows.insert(version, into: name, db))
            }
            return numbers
        }
    }

    public func drop(_ name: String) throws(Diagnostic) -> [Int] {
        try write { db in
            let numbers = try Int.fetchAll(db, sql: """
                SELECT v.number FROM segment s JOIN segment_version v ON v.segment_id = s.id
                WHERE s.name = ? ORDER BY v.number
                """, arguments: [name])
            try db.execute(sql: "DELETE FROM segment WHERE name = ?", arguments: [name])
            return numbers
        }
    }

    public func rename(_ name: String, to newName: String) throws(Diagnostic) {
        try write { db in
            if try Int.fetchOne(db, sql: "SELECT id FROM segment WHERE name = ?", arguments: [newName]) != nil {
                throw Diagnostic("segment \"\(newName)\" already exists")
            }
            try db.execute(sql: "UPDATE segment SET name = ? WHERE name = ?", arguments: [newName, name])
            if db.changesCount == 0 { throw Diagnostic("segment \"\(name)\" not found") }
        }
    }

    /// `PRAGMA integrity_check` (for tests and `.workspace check`): "ok" or the problems.
    public func integrityCheck() throws(Diagnostic) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    // MARK: - Transactions and errors

    private func read<T>(_ body: (Database) throws -> T) throws(Diagnostic) -> T {
        do {
            return try SQLiteSegmentStore.retrying(location) { try queue.read(body) }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw SQLiteSegmentStore.diagnostic(error, location)
        }
    }

    /// One immediate transaction: it takes the write lock at its start, so two writers queue
    /// (busy timeout) instead of failing half-way.
    private func write<T>(_ body: (Database) throws -> T) throws(Diagnostic) -> T {
        do {
            return try SQLiteSegmentStore.retrying(location) {
                try queue.writeWithoutTransaction { db in
                    var result: T?
                    try db.inTransaction(.immediate) {
                        result = try body(db)
                        return .commit
                    }
                    guard let result else { throw Diagnostic("internal error: empty transaction") }
                    return result
                }
            }
        } catch let diagnostic as Diagnostic {
            throw diagnostic
        } catch {
            throw SQLiteSegmentStore.diagnostic(error, location)
        }
    }

    /// Runs `body`, again after a pause while the database is busy or locked.
    static func retrying<T>(_ location: String, _ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as DatabaseError
                where (error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED) && attempt < attempts {
                attempt += 1
                usleep(useconds_t(50_000 * attempt))
            }
        }
    }

    static func diagnostic(_ error: Error, _ location: String) -> Diagnostic {
        switch error {
        case WorkspaceError.newerSchema(let version):
            return Diagnostic("workspace \(location) was written by a newer Strata (schema v\(version); this one reads up to "
                + "v\(WorkspaceSchema.current)); upgrade Strata or use another workspace (--workspace DIR)")
        case WorkspaceError.foreign:
            return Diagnostic("\(location) is a SQLite file but not a Strata workspace; use another workspace (--workspace DIR)")
        case WorkspaceError.damaged(let detail):
            return Diagnostic("workspace \(location) is damaged: \(detail)")
        case let error as DatabaseError:
            switch error.resultCode {
            case .SQLITE_NOTADB, .SQLITE_CORRUPT:
                return Diagnostic("workspace \(location) is damaged or not a database (\(error.message ?? "corrupt")); "
                    + "move it away to start a new one, or use --workspace DIR")
            case .SQLITE_BUSY, .SQLITE_LOCKED:
                return Diagnostic("workspace \(location) is busy: another Strata is saving; nothing was changed, try again")
            case .SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM:
                return Diagnostic("cannot write workspace \(location): \(error.message ?? "permission denied")")
            case .SQLITE_FULL:
                return Diagnostic("cannot write workspace \(location): the disk is full; nothing was changed")
            default:
                return Diagnostic("workspace \(location): \(error.message ?? "\(error)")")
            }
        default:
            return Diagnostic("workspace \(location): \(error)")
        }
    }

    static func summary(_ row: Row) -> SegmentVersionSummary {
        let asOf: String = row["as_of"]
        return SegmentVersionSummary(number: row["number"], definition: row["definition"],
                                     asOf: CivilDate(iso: asOf)?.days ?? 0, createdAt: row["created_at"],
                                     size: row["member_count"], note: row["note"], overrideCount: row["overrides"])
    }
}
