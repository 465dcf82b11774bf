import Foundation
import StrataCore
import StrataEngine
import Testing
@testable import StrataWorkspace

/// Child `strata` processes saving into one workspace: killed mid-save, or two at once.
enum ChildStrata {
    /// `STRATA_BIN`, else the `strata` built beside this test bundle.
    static var path: String? {
        if let path = ProcessInfo.processInfo.environment["STRATA_BIN"], !path.isEmpty { return path }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("strata").path
        return FileManager.default.isExecutableFile(atPath: beside) ? beside : nil
    }

    static var available: Bool { path != nil }

    /// A folder with `ids.csv` (`rows` ids) and `loop.strata` saving segment `name` `saves` times.
    static func prepare(_ folder: String, rows: Int, saves: Int, name: String) throws {
        var csv = "id,label\n"
        for id in 1...rows { csv += "\(id),客户\(id % 7)\n" }
        try csv.write(toFile: folder + "/ids.csv", atomically: true, encoding: .utf8)
        var script = "load t from \"ids.csv\"\n"
        for _ in 0..<saves { script += "segment save \(name) = t (tier label)\n" }
        try script.write(toFile: folder + "/loop-\(name).strata", atomically: true, encoding: .utf8)
    }

    /// Starts `strata run loop-NAME.strata --workspace ws` in `folder`.
    static func start(_ folder: String, name: String, errors: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "strata")
        process.arguments = ["run", "loop-\(name).strata", "--workspace", "ws", "--outputs-only"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errors)
        try process.run()
        return process
    }

    /// Every version of `name` is complete (all `rows` members, a label each), numbered 1…n
    /// without gaps, and SQLite finds the file sound. Returns n.
    static func verify(_ folder: String, name: String, rows: Int) throws -> Int {
        let store = try SQLiteSegmentStore(path: folder + "/ws/workspace.sqlite")
        #expect(try store.integrityCheck() == ["ok"])
        let history = try store.history(name)
        if !history.isEmpty { #expect(history.map(\.number) == Array(1...history.count)) }
        for summary in history {
            let version = try #require(try store.version(name, summary.number))
            #expect(version.keys.count == rows)
            #expect(version.tiers?.count == rows)
            #expect(version.fingerprint.first?.rows == rows)
        }
        return history.count
    }

    /// `rounds` times: starts a child saving `saves` versions, kills it with SIGKILL after a
    /// random `delay` (microseconds), and checks the workspace — sound, every version complete,
    /// none lost. Start-up and the load take a few hundred milliseconds, then a save every few
    /// dozen, so the kills land at random points of a save.
    static func killDuringSaves(rows: Int, saves: Int, rounds: Int, delay: ClosedRange<UInt32>) throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try prepare(folder, rows: rows, saves: saves, name: "s")
        var random = SystemRandomNumberGenerator()
        var previous = 0
        for round in 0..<rounds {
            let process = try start(folder, name: "s", errors: URL(fileURLWithPath: folder + "/err\(round).txt"))
            usleep(UInt32.random(in: delay, using: &random))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let count = try verify(folder, name: "s", rows: rows)
            #expect(count >= previous)
            previous = count
        }
        #expect(previous > 0, "no save was committed before the kills: the test proved nothing")
    }
}

@Suite(.serialized, .enabled(if: ChildStrata.available, "needs the built strata (STRATA_BIN)"))
struct WorkspaceProcessTests {
    @Test func aKilledSaveLeavesEveryCommittedVersionComplete() throws {
        try ChildStrata.killDuringSaves(rows: 20_000, saves: 400, rounds: 6, delay: 300_000...2_500_000)
    }

    @Test func twoWritersBothSucceedOrOneIsToldWhy() throws {
        let folder = WorkspaceTest.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let rows = 20_000
        let saves = 40
        try ChildStrata.prepare(folder, rows: rows, saves: saves, name: "shared")
        try FileManager.default.copyItem(atPath: folder + "/loop-shared.strata", toPath: folder + "/loop-shared2.strata")
        let first = try ChildStrata.start(folder, name: "shared", errors: URL(fileURLWithPath: folder + "/err1.txt"))
        let second = try ChildStrata.start(folder, name: "shared2", errors: URL(fileURLWithPath: folder + "/err2.txt"))
        first.waitUntilExit()
        second.waitUntilExit()
        var succeeded = 0
        for (process, log) in [(first, "err1.txt"), (second, "err2.txt")] {
            let errors = (try? String(contentsOfFile: folder + "/" + log, encoding: .utf8)) ?? ""
            if process.terminationStatus == 0 {
                succeeded += 1
            } else {
                #expect(errors.contains("workspace ws/workspace.sqlite is busy"), "\(errors)")
            }
        }
        #expect(succeeded >= 1)
        let count = try ChildStrata.verify(folder, name: "shared", rows: rows)
        if succeeded == 2 { #expect(count == 2 * saves) }
    }
}
