import ArgumentParser
import Foundation
import StrataEngine
import StrataNotebook
import StrataWorkspace

/// `strata test FILE|DIR…`: replay notebooks and compare each cell's output with its
/// recorded ```output fence.
struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Replay notebooks and compare each cell's output with the recorded one.",
        discussion: """
            Each notebook runs in a fresh session whose working folder is the notebook's folder, \
            with a fresh temporary folder as ${workspace} (holding its own segment workspace). Outputs are compared exactly after \
            trimming trailing whitespace; `assert` statements must hold. The last line is \
            "N passed, M failed" (counting notebooks). Exit code: 0 all passed, 1 a cell or \
            assert failed, 2 a notebook could not be read or parsed.
            """)

    @Argument(help: ArgumentHelp("Notebooks (*.md), scripts (*.strata) or folders of them.", valueName: "FILE|DIR"))
    var paths: [String]

    @Flag(name: .long, help: "Re-record the outputs instead of comparing them (only output fences change).")
    var update = false

    @Option(name: .customLong("junit"), help: ArgumentHelp("Also write a JUnit XML report here.", valueName: "FILE"))
    var junitPath: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("Fills ${name} in the cells.", valueName: "name=value"))
    var parameters: [String] = []

    @Option(name: .customLong("allow-path"), help: ArgumentHelp("Another folder notebooks may read and write.", valueName: "DIR"))
    var allowedPaths: [String] = []

    func run() throws {
        let directory = FileManager.default.currentDirectoryPath
        let parameters: Parameters
        do { parameters = try Parameters.parse(self.parameters).get() } catch {
            ConsoleOutput.standardError("\(error)\n")
            throw ExitCode(2)
        }
        var tester = NotebookTester(directory: directory, update: update, parameters: parameters, allowedPaths: allowedPaths)
        tester.prepareSession = { session, scratch in
            // A fresh workspace per notebook, and a clock and user that do not change the
            // recorded outputs: versions are "saved" at midnight of the session's as-of date.
            Workspace.install(in: session, folder: (scratch as NSString).appendingPathComponent(Workspace.defaultFolder),
                              displayFolder: Workspace.defaultFolder)
            session.segmentUser = "analyst"
            session.segmentClock = { [unowned session] in
                Date(timeIntervalSince1970: TimeInterval(session.settings.asOf) * 86_400)
            }
        }
        let (files, missing) = NotebookFiles.discover(paths, in: directory)
        var reports: [NotebookReport] = []
        for file in files {
            reports.append(tester.test(file))
        }
        if let junitPath {
            do {
                try NotebookFiles.write(JUnitReport.xml(reports), to: junitPath, in: directory)
            } catch {
                ConsoleOutput.standardError("\(error)\n")
                throw ExitCode(2)
            }
        }
        ConsoleOutput.standardOutput(TestSummary.text(reports, missing: missing))
        let status = TestSummary.exitCode(reports, missing: missing)
        if status != 0 { throw ExitCode(status) }
    }
}
