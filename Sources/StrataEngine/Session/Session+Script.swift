import Foundation
import StrataCore
import StrataLang

extension Session {
    /// Runs a script file (`.read FILE`, `strata run FILE`, `--init FILE`): its statements in
    /// order, stopping at the first failure. Paths inside resolve against the script's folder.
    public func runScript(path: String) -> Outcome {
        let resolved: String
        do { resolved = try accessiblePath(path) } catch { return .failure(error.render()) }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            return .failure("Error: cannot read \(path): " + Session.fileProblem(resolved))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure("Error: \(path) is not UTF-8 text")
        }
        let folder = (resolved as NSString).deletingLastPathComponent
        if resolved.lowercased().hasSuffix(".md") {
            guard let notebookRunner else { return .failure("Error: \(path): Markdown notebooks run with strata run") }
            return withWorkingDirectory(folder) { notebookRunner(self, text, path) }
        }
        return withWorkingDirectory(folder) { runScript(text: text, displayPath: path) }
    }

    /// Runs the statements of `text`; errors name `displayPath:line:column`.
    public func runScript(text: String, displayPath: String) -> Outcome {
        var total = Outcome()
        for (statement, line) in StatementAssembler.split(text) {
            total.append(execute(statement, origin: (displayPath, line)))
            if !total.succeeded || total.quit { return total }
        }
        return total
    }

    /// Runs `body` with relative paths resolving against `folder`.
    public func withWorkingDirectory<T>(_ folder: String, _ body: () -> T) -> T {
        let saved = workingDirectory
        workingDirectory = folder
        defer { workingDirectory = saved }
        return body()
    }

    static func fileProblem(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) { return "no such file" }
        return isDirectory.boolValue ? "it is a folder" : "permission denied"
    }
}
