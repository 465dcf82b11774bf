import Foundation
import GRDB
import StrataCore
import StrataEngine
import Testing
@testable import StrataWorkspace

/// A fresh folder under the temporary directory, removed by the caller.
enum WorkspaceTest {
    static func folder() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("strata-ws-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func version(_ keys: SegmentKeys, tiers: [String]? = nil) -> SegmentVersion {
        SegmentVersion(definition: "r | where recency > 60", asOf: CivilDate(iso: "2026-06-30")!.days,
                       createdAt: "2026-07-01T09:30:00Z",
                       fingerprint: [SourceFingerprint(table: "orders", path: "datasets/demo/orders.csv", bytes: 745_004,
                                                       rows: 21_000, contentHash: "bfb7f328e127efc9")],
                       keyColumn: "customer_id", keys: keys, tierColumn: tiers == nil ? nil : "segment", tiers: tiers,
                       note: "沉睡: 60天未下单", playbook: SegmentPlaybook(goal: "唤醒", metric: "复购率", action: nil),
                       overrides: [SegmentOverride(action: .add, keys: ["7", "8"], who: "analyst",
                                                   when: "2026-07-01T09:31:00Z", reason: "经理确认")])
    }
}

extension WorkspaceTest {
    /// The message of opening `path`, or "" when it opened.
    static func openError(_ path: String, _ shown: String) -> String {
        do {
            _ = try SQLiteSegmentStore(path: path, displayPath: shown)
            return ""
        } catch {
            return error.message
        }
    }

    /// Reads every segment of a damaged file: the error met, or a failed integrity check.
    static func damageReport(_ path: String) -> String {
        do {
            let store = try SQLiteSegmentStore(path: path, displayPath: "second.sqlite")
            for summary in try store.summaries() { _ = try store.version(summary.name, nil) }
            return try store.integrityCheck() == ["ok"] ? "ok" : "integrity check failed"
        } catch {
            return error.message
        }
    }
}

@Suite struct WorkspaceTests {
    @Test func versionsRoundTripThroughTheFile() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/ws/workspace.sqlite"
        do {
            let store = try SQLiteSegmentStore(path: path)
            let first = WorkspaceTest.version(.integers([-5, 1, 7, 8, Int64.max]), tiers: ["A", "B", "重要价值客户", "", "C"])
            #expect(try store.save("dormant", first) == 1)
            #expect(try store.save("dormant", WorkspaceTest.version(.integers([1]))) == 2)
            #expect(try store.save("名单", WorkspaceTest.version(.strings(["", "张三", "a,b"]))) == 1)
        }
        let reopened = try SQLiteSegmentStore(path: path)
        var expected = WorkspaceTest.version(.integers([-5, 1, 7, 8, Int64.max]), tiers: ["A", "B", "重要价值客户", "", "C"])
        expected.number = 1
        #expect(try reopened.version("dormant", 1) == expected)
        #expect(try reopened.version("dormant", nil)?.number == 2)
        #expect(try reopened.version("名单", nil)?.keys == .strings(["", "张三", "a,b"]))
        #expect(try reopened.version("dormant", 3) == nil)
        let summaries = try reopened.summaries()
        #expect(summaries.map(\.name) == ["dormant", "名单"])
        #expect(summaries[0].versionCount == 2 && summaries[0].latest.size == 1 && summaries[0].latest.overrideCount == 1)
        #expect(try reopened.history("dormant").map(\.size) == [5, 1])
        try reopened.rename("名单", to: "list")
        #expect(throws: Diagnostic.self) { try reopened.rename("list", to: "dormant") }
        #expect(try reopened.drop("dormant") == [1, 2])
        #expect(try reopened.summaries().map(\.name) == ["list"])
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func batchSavesAreOneTransaction() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try SQLiteSegmentStore(path: folder + "/workspace.sqlite")
        let numbers = try store.saveAll([("a", WorkspaceTest.version(.integers([1]))), ("b", WorkspaceTest.version(.integers([2]))),
                                         ("a", WorkspaceTest.version(.integers([3])))])
        #expect(numbers == [1, 1, 2])
        // A batch that fails half-way (a trigger refuses one name) leaves nothing behind.
        let queue = try DatabaseQueue(path: folder + "/workspace.sqlite")
        try queue.write { db in
            try db.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON segment WHEN NEW.name = 'boom' BEGIN SELECT RAISE(ABORT, 'refused'); END")
        }
        #expect(throws: Diagnostic.self) {
            try store.saveAll([("a", WorkspaceTest.version(.integers([4]))), ("boom", WorkspaceTest.version(.integers([5])))])
        }
        #expect(try store.history("a").count == 2)
        #expect(try store.version("boom", nil) == nil)
    }

    @Test func aNewerSchemaIsRefusedByName() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/workspace.sqlite"
        _ = try SQLiteSegmentStore(path: path, displayPath: ".strata/workspace.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 9") }
        let message = WorkspaceTest.openError(path, ".strata/workspace.sqlite")
        #expect(message.contains("workspace .strata/workspace.sqlite was written by a newer Strata (schema v9"))
    }

    @Test func aDamagedFileIsRefusedByName() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/workspace.sqlite"
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        #expect(WorkspaceTest.openError(path, "w.sqlite").contains("workspace w.sqlite is damaged or not a database"))

        // A real store whose middle pages are overwritten: an error, never a crash.
        let second = folder + "/second.sqlite"
        do {
            let store = try SQLiteSegmentStore(path: second)
            for index in 0..<20 { _ = try store.save("s\(index)", WorkspaceTest.version(.integers(Array(0..<2_000).map(Int64.init)))) }
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: second))
        try handle.seek(toOffset: 4096)
        handle.write(Data(repeating: 0xFF, count: 64 * 1024))
        try handle.close()
        let message = WorkspaceTest.damageReport(second)
        #expect(message.contains("second.sqlite") || message == "integrity check failed")
    }

    @Test func aForeignSQLiteFileIsRefused() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/other.sqlite"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE notes (text TEXT)") }
        #expect(WorkspaceTest.openError(path, "other.sqlite").contains("not a Strata workspace"))
    }

    @Test func folderFollowsOptionThenEnvironmentThenDefault() {
        #expect(Workspace.folder(nil, in: "/data", environment: [:]) == "/data/.strata")
        #expect(Workspace.folder(nil, in: "/data", environment: ["STRATA_WORKSPACE": "ws"]) == "/data/ws")
        #expect(Workspace.folder("/abs", in: "/data", environment: ["STRATA_WORKSPACE": "ws"]) == "/abs")
        #expect(Workspace.folder("~/w", in: "/data", environment: ["HOME": "/home/a"]) == "/home/a/w")
    }

    @Test func theSessionOpensTheWorkspaceOnlyWhenSegmentsAreUsed() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let session = Session(workingDirectory: folder)
        Workspace.install(in: session, folder: folder + "/.strata", displayFolder: ".strata")
        _ = session.execute("let x = (segments)")
        _ = session.execute(".asof 2026-06-30")
        #expect(!FileManager.default.fileExists(atPath: folder + "/.strata/workspace.sqlite"))
        #expect(session.execute("segments").succeeded)
        #expect(FileManager.default.fileExists(atPath: folder + "/.strata/workspace.sqlite"))
    }
}
