import Foundation
import StrataCore
import Testing
@testable import StrataWorkspace

/// The workspace on a hostile file system: full, read-only, truncated by hand, and saves
/// killed again and again. Each gives a clear error; what was committed stays complete.
/// Full and read-only disks are small tmpfs mounts, so those tests need root (CI runs as
/// root) and are skipped elsewhere. `STRATA_STRESS_ROUNDS=N` repeats the kill loop N times.
@Suite(.serialized, .enabled(if: ChildStrata.available, "needs the built strata (STRATA_BIN)"))
struct WorkspaceFaultTests {
    /// Mounts a tmpfs of `size` at `folder` (created); false when this process may not mount.
    static func mountSmallDisk(_ folder: String, size: String, readOnly: Bool = false) -> Bool {
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return run("/bin/mount", ["-t", "tmpfs", "-o", "size=\(size)" + (readOnly ? ",ro" : ""), "tmpfs", folder]) == 0
    }

    static func remount(_ folder: String, readOnly: Bool) -> Bool {
        run("/bin/mount", ["-o", readOnly ? "remount,ro" : "remount,rw", folder]) == 0
    }

    static func unmount(_ folder: String) { _ = run("/bin/umount", [folder]) }

    static var canMount: Bool {
        guard getuid() == 0 else { return false }
        let probe = WorkspaceTest.folder() + "/probe"
        defer { unmount(probe) }
        return mountSmallDisk(probe, size: "64k")
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs `loop-NAME.strata` in `folder` to the end; its exit status and standard error.
    static func runLoop(_ folder: String, name: String) throws -> (status: Int32, errors: String) {
        let errors = URL(fileURLWithPath: folder + "/err-\(name).txt")
        let process = try ChildStrata.start(folder, name: name, errors: errors)
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test(.enabled(if: WorkspaceFaultTests.canMount, "mounting a tmpfs needs root"))
    func aFullDiskStopsTheSaveAndKeepsEveryCommittedVersion() throws {
        let folder = WorkspaceTest.folder()
        defer { Self.unmount(folder + "/ws"); try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.mountSmallDisk(folder + "/ws", size: "3m"))
        let rows = 20_000
        try ChildStrata.prepare(folder, rows: rows, saves: 60, name: "s")
        let result = try Self.runLoop(folder, name: "s")
        #expect(result.status == 1)
        #expect(result.errors.contains("cannot write workspace ws/workspace.sqlite: the disk is full; nothing was changed"),
                "\(result.errors)")
        // The disk is still full: what was committed reads back whole.
        let saved = try ChildStrata.verify(folder, name: "s", rows: rows)
        #expect(saved > 0 && saved < 60, "the disk should fill after a few versions, not \(saved)")
    }

    @Test(.enabled(if: WorkspaceFaultTests.canMount, "mounting a tmpfs needs root"))
    func aReadOnlyWorkspaceRefusesSavesAndKeepsItsVersions() throws {
        let folder = WorkspaceTest.folder()
        defer { Self.unmount(folder + "/ws"); try? FileManager.default.removeItem(atPath: folder) }
        #expect(Self.mountSmallDisk(folder + "/ws", size: "16m"))
        let rows = 5_000
        try ChildStrata.prepare(folder, rows: rows, saves: 3, name: "s")
        #expect(try Self.runLoop(folder, name: "s").status == 0)
        #expect(Self.remount(folder + "/ws", readOnly: true))
        let refused = try Self.runLoop(folder, name: "s")
        #expect(refused.status == 1)
        #expect(refused.errors.contains("workspace ws/workspace.sqlite"), "\(refused.errors)")
        #expect(!refused.errors.contains("Fatal error") && !refused.errors.contains("Program crashed"))
        #expect(Self.remount(folder + "/ws", readOnly: false))
        #expect(try ChildStrata.verify(folder, name: "s", rows: rows) == 3)
    }

    @Test func aWorkspaceTruncatedByHandGetsAClearError() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = 20_000
        try ChildStrata.prepare(folder, rows: rows, saves: 5, name: "s")
        #expect(try Self.runLoop(folder, name: "s").status == 0)
        let path = folder + "/ws/workspace.sqlite"
        // Fold the write-ahead log into the file first, so the cut hits committed pages.
        do {
            let store = try SQLiteSegmentStore(path: path)
            #expect(try store.integrityCheck() == ["ok"])
        }
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber).intValue
        #expect(truncate(path, off_t(size / 2)) == 0)
        let listing = folder + "/list.strata"
        try "segment show s\n".write(toFile: listing, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ChildStrata.path ?? "strata")
        process.arguments = ["run", "list.strata", "--workspace", "ws", "--outputs-only"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
        #expect(text.contains("workspace ws/workspace.sqlite"), "\(text)")
        #expect(!text.contains("Fatal error") && !text.contains("Program crashed"))
    }

    /// The kill-during-save check of the segments suite, repeated: every round kills a
    /// saving child at a random moment and checks the file.
    @Test func killedSavesUnderRepetitionNeverCorruptTheWorkspace() throws {
        let rounds = Int(ProcessInfo.processInfo.environment["STRATA_STRESS_ROUNDS"] ?? "") ?? 10
        try ChildStrata.killDuringSaves(rows: 5_000, saves: 1_000, rounds: rounds, delay: 200_000...1_500_000)
    }
}
