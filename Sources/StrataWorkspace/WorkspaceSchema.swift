import GRDB

/// The workspace's SQL schema and its migrations, versioned by `PRAGMA user_version`.
///
/// Migration `n` takes a database at version `n` to `n + 1`; a workspace written by a newer
/// Strata (a higher version) is refused rather than guessed at. Members are stored per
/// version as one blob (integers: 8 bytes little-endian each; strings: a 4-byte length and
/// UTF-8 bytes each) beside their count, so a version of a million members is one row written
/// in milliseconds, and a reader can check that the blob holds exactly `member_count` keys.
enum WorkspaceSchema {
    /// The version this Strata writes and reads.
    static let current = 1
    /// `PRAGMA application_id`: "STRA", marking the file as a Strata workspace.
    static let applicationID: Int32 = 0x5354_5241

    static let migrations: [String] = [
        // v0 → v1: the first release.
        """
        CREATE TABLE segment (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE segment_version (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segment(id) ON DELETE CASCADE,
            number INTEGER NOT NULL,
            definition TEXT NOT NULL,
            as_of TEXT NOT NULL,
            created_at TEXT NOT NULL,
            key_column TEXT NOT NULL,
            key_type TEXT NOT NULL CHECK (key_type IN ('integer', 'string')),
            member_count INTEGER NOT NULL,
            members BLOB NOT NULL,
            tier_column TEXT,
            tiers BLOB,
            note TEXT,
            goal TEXT,
            metric TEXT,
            action TEXT,
            UNIQUE (segment_id, number)
        );
        CREATE TABLE version_input (
            version_id INTEGER NOT NULL REFERENCES segment_version(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            table_name TEXT NOT NULL,
            path TEXT NOT NULL,
            bytes INTEGER NOT NULL,
            rows INTEGER NOT NULL,
            content_hash TEXT,
            PRIMARY KEY (version_id, position)
        );
        CREATE TABLE version_override (
            version_id INTEGER NOT NULL REFERENCES segment_version(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('add', 'remove')),
            keys TEXT NOT NULL,
            who TEXT NOT NULL,
            at TEXT NOT NULL,
            reason TEXT NOT NULL,
            PRIMARY KEY (version_id, position)
        );
        """,
    ]

    /// Brings the open database to ``current`` inside the caller's transaction.
    /// - Throws: ``WorkspaceError`` for a newer schema or a foreign SQLite file.
    static func migrate(_ db: Database) throws {
        let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        if version > current { throw WorkspaceError.newerSchema(version) }
        if version == 0 {
            let tables = try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
            let application = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
            if tables > 0, application != applicationID { throw WorkspaceError.foreign }
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
        }
        guard version < current else { return }
        for step in version..<current {
            try db.execute(sql: migrations[step])
        }
        try db.execute(sql: "PRAGMA user_version = \(current)")
    }
}

/// Why a workspace cannot be used (turned into a message naming the file).
enum WorkspaceError: Error {
    case newerSchema(Int)
    case foreign
    case damaged(String)
}
