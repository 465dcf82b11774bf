import Foundation
import GRDB
import StrataCore
import StrataEngine

/// Versions to and from rows of `segment_version`, `version_input` and `version_override`.
enum WorkspaceRows {
    /// Inserts `version` as the next version of `name` (creating the segment); returns its
    /// number. Runs inside the caller's transaction.
    static func insert(_ version: SegmentVersion, into name: String, _ db: Database) throws -> Int {
        var segmentID = try Int64.fetchOne(db, sql: "SELECT id FROM segment WHERE name = ?", arguments: [name])
        if segmentID == nil {
            try db.execute(sql: "INSERT INTO segment (name, created_at) VALUES (?, ?)", arguments: [name, version.createdAt])
            segmentID = db.lastInsertedRowID
        }
        guard let segmentID else { throw Diagnostic("internal error: segment \(name) has no id") }
        let number = (try Int.fetchOne(db, sql: "SELECT max(number) FROM segment_version WHERE segment_id = ?",
                                       arguments: [segmentID]) ?? 0) + 1
        let tiers = version.tiers.map { MemberCoding.encode(strings: $0) }
        try db.execute(sql: """
            INSERT INTO segment_version (segment_id, number, definition, as_of, created_at, key_column, key_type,
                member_count, members, tier_column, tiers, note, goal, metric, action)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [segmentID, number, version.definition, CivilDate(days: version.asOf).description,
                             version.createdAt, version.keyColumn, version.keys.typeName, version.keys.count,
                             MemberCoding.encode(version.keys), version.tierColumn, tiers, version.note,
                             version.playbook.goal, version.playbook.metric, version.playbook.action])
        let versionID = db.lastInsertedRowID
        for (position, source) in version.fingerprint.enumerated() {
            try db.execute(sql: """
                INSERT INTO version_input (version_id, position, table_name, path, bytes, rows, content_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [versionID, position, source.table, source.path, source.bytes, source.rows, source.contentHash])
        }
        for (position, override) in version.overrides.enumerated() {
            try db.execute(sql: """
                INSERT INTO version_override (version_id, position, action, keys, who, at, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [versionID, position, override.action.rawValue, encodeKeys(override.keys),
                                 override.who, override.when, override.reason])
        }
        return number
    }

    /// A whole version from its `segment_version` row.
    static func version(_ row: Row, _ db: Database) throws -> SegmentVersion {
        let versionID: Int64 = row["id"]
        let count: Int = row["member_count"]
        let keys = try MemberCoding.decode(row["members"] as Data? ?? Data(), type: row["key_type"], count: count)
        var tiers: [String]?
        if let data = row["tiers"] as Data? { tiers = try MemberCoding.decodeStrings(data, count: count) }
        let asOf: String = row["as_of"]
        guard let date = CivilDate(iso: asOf) else { throw WorkspaceError.damaged("as-of date \"\(asOf)\"") }
        let inputs = try Row.fetchAll(db, sql: "SELECT * FROM version_input WHERE version_id = ? ORDER BY position",
                                      arguments: [versionID]).map { input in
            SourceFingerprint(table: input["table_name"], path: input["path"], bytes: input["bytes"], rows: input["rows"],
                              contentHash: input["content_hash"])
        }
        let overrides = try Row.fetchAll(db, sql: "SELECT * FROM version_override WHERE version_id = ? ORDER BY position",
                                         arguments: [versionID]).map { item throws -> SegmentOverride in
            let action: String = item["action"]
            return SegmentOverride(action: action == "add" ? .add : .remove, keys: try decodeKeys(item["keys"]),
                                   who: item["who"], when: item["at"], reason: item["reason"])
        }
        return SegmentVersion(number: row["number"], definition: row["definition"], asOf: date.days,
                              createdAt: row["created_at"], fingerprint: inputs, keyColumn: row["key_column"], keys: keys,
                              tierColumn: row["tier_column"], tiers: tiers, note: row["note"],
                              playbook: SegmentPlaybook(goal: row["goal"], metric: row["metric"], action: row["action"]),
                              overrides: overrides)
    }

    /// Override keys as a JSON array of strings.
    static func encodeKeys(_ keys: [String]) throws -> String {
        String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
    }

    static func decodeKeys(_ text: String) throws -> [String] {
        do { return try JSONDecoder().decode([String].self, from: Data(text.utf8)) } catch {
            throw WorkspaceError.damaged("override keys \"\(text.prefix(40))\"")
        }
    }
}
