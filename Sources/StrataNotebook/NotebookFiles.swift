import Foundation
import StrataEngine

/// Finding, reading and writing notebook files.
public enum NotebookFiles {
    /// The notebooks named by `arguments`: files as given; folders searched recursively for
    /// `*.md` and `*.strata` (hidden entries skipped, sorted by path). A Markdown file found
    /// in a folder counts only when it has a ```strata cell, so a README is not a notebook.
    /// Arguments that do not exist come back in `missing`.
    public static func discover(_ arguments: [String], in directory: String) -> (files: [String], missing: [String]) {
        var files: [String] = []
        var missing: [String] = []
        let manager = FileManager.default
        for argument in arguments {
            let absolute = absolutePath(argument, in: directory)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                missing.append(argument)
                continue
            }
            guard isDirectory.boolValue else {
                files.append(argument)
                continue
            }
            var found: [String] = []
            let enumerator = manager.enumerator(atPath: absolute)
            while let relative = enumerator?.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") {
                    enumerator?.skipDescendants()
                    continue
                }
                let lowered = name.lowercased()
                guard lowered.hasSuffix(".md") || lowered.hasSuffix(".strata") else { continue }
                if lowered.hasSuffix(".md"),
                   let text = try? String(contentsOfFile: (absolute as NSString).appendingPathComponent(relative), encoding: .utf8),
                   let notebook = try? Notebook.parse(text, path: relative), notebook.cells.isEmpty { continue }
                found.append(argument.hasSuffix("/") ? argument + relative : argument + "/" + relative)
            }
            files += found.sorted()
        }
        return (files, missing)
    }

    /// Reads and parses a notebook (`.md`) or script (anything else).
    public static func load(_ path: String, in directory: String) throws(NotebookError) -> Notebook {
        let absolute = absolutePath(path, in: directory)
        guard let data = FileManager.default.contents(atPath: absolute) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory)
            throw NotebookError(path: path, message: "cannot read: " + (!exists ? "no such file" : isDirectory.boolValue ? "it is a folder" : "permission denied"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NotebookError(path: path, message: "not UTF-8 text")
        }
        return isMarkdown(path) ? try Notebook.parse(text, path: path) : Notebook.script(text)
    }

    public static func isMarkdown(_ path: String) -> Bool {
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown")
    }

    /// Replaces the file's contents atomically: a temporary file in the same folder, then a
    /// rename, so a reader never sees half a notebook.
    public static func write(_ text: String, to path: String, in directory: String) throws(NotebookError) {
        let absolute = absolutePath(path, in: directory)
        let temporary = (absolute as NSString).deletingLastPathComponent + "/.\((absolute as NSString).lastPathComponent).\(UUID().uuidString).tmp"
        try? FileManager.default.createDirectory(atPath: (absolute as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw NotebookError(path: path, message: "cannot write the notebook's folder")
        }
        if rename(temporary, absolute) != 0 {
            try? FileManager.default.removeItem(atPath: temporary)
            throw NotebookError(path: path, message: "cannot replace the file")
        }
    }

    static func absolutePath(_ path: String, in directory: String) -> String {
        path.hasPrefix("/") ? path : (directory as NSString).appendingPathComponent(path)
    }

    /// The confinement for a notebook at `path`: its folder, the current folder, `allowed`
    /// folders, and the parameter values that name paths (relative ones taken from both the
    /// current folder and the notebook's folder).
    public static func policy(for path: String, in directory: String, allowing allowed: [String],
                              parameters: Parameters) -> FileAccessPolicy {
        let folder = (absolutePath(path, in: directory) as NSString).deletingLastPathComponent
        var policy = FileAccessPolicy(allowing: [folder, directory] + allowed.map { absolutePath($0, in: directory) })
        for value in parameters.values.values.sorted() where looksLikePath(value, in: directory) {
            policy.allow(absolutePath(value, in: directory))
            policy.allow(absolutePath(value, in: folder))
        }
        return policy
    }

    private static func looksLikePath(_ value: String, in directory: String) -> Bool {
        !value.isEmpty && (value.contains("/") || FileManager.default.fileExists(atPath: absolutePath(value, in: directory)))
    }
}
