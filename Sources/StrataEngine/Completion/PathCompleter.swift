/// File-path completion inside a double-quoted string, over a ``FileListing``.
enum PathCompleter {
    /// Candidates for `typed` (the text after the opening quote), each the full path as it
    /// would be written, `~/` kept as typed; folders end in `/`. Hidden entries are offered
    /// only when the typed name starts with a dot.
    static func complete(_ typed: String, replacementStart: Int, fileSystem: FileListing) -> Completion {
        if typed == "~" {
            return Completion(replacementStart: replacementStart, candidates: ["~/"])
        }
        let directoryPart: String
        let namePrefix: String
        if let slash = typed.lastIndex(of: "/") {
            directoryPart = String(typed[...slash])
            namePrefix = String(typed[typed.index(after: slash)...])
        } else {
            directoryPart = ""
            namePrefix = typed
        }
        let entries = fileSystem.entries(directoryToList(directoryPart, home: fileSystem.homeDirectory))
        let showHidden = namePrefix.hasPrefix(".")
        var seen = Set<String>()
        let candidates = entries
            .filter { entry in
                entry.name != "." && entry.name != ".." && entry.name.hasPrefix(namePrefix)
                    && (showHidden || !entry.name.hasPrefix("."))
            }
            .map { directoryPart + $0.name + ($0.isDirectory ? "/" : "") }
            .sorted()
            .filter { seen.insert($0).inserted }
        return Completion(replacementStart: replacementStart, candidates: candidates)
    }

    /// The folder to list for the typed directory part: `.` when empty, `~/` expanded.
    static func directoryToList(_ directoryPart: String, home: String) -> String {
        if directoryPart.isEmpty { return "." }
        if directoryPart.hasPrefix("~/") {
            var base = home
            while base.count > 1, base.hasSuffix("/") { base.removeLast() }
            return base + directoryPart.dropFirst()
        }
        return directoryPart
    }
}
