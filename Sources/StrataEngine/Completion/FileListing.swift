import Foundation

/// Lists directory entries for path completion; tests pass a fake file system.
///
/// The closure receives the directory to list: `"."` for the current directory, otherwise the
/// directory part the user typed with a leading `~/` already expanded (for example
/// `"datasets/demo/"` or `"/home/li/Downloads/"`). It returns the entries' names (without any
/// path) and whether each is a directory. An unreadable or missing directory lists nothing.
public struct FileListing: Sendable {
    /// Entries of one directory.
    public var entries: @Sendable (_ directory: String) -> [(name: String, isDirectory: Bool)]
    /// What `~` expands to.
    public var homeDirectory: String

    /// A listing backed by `entries`, with `~` expanding to `homeDirectory`.
    public init(
        homeDirectory: String,
        entries: @escaping @Sendable (_ directory: String) -> [(name: String, isDirectory: Bool)]
    ) {
        self.homeDirectory = homeDirectory
        self.entries = entries
    }

    /// The real file system, relative paths resolved against the process's current directory.
    public static var live: FileListing {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return FileListing(homeDirectory: home) { directory in
            let manager = FileManager.default
            guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
            return names.map { name in
                var isDirectory: ObjCBool = false
                let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
                // fileExists follows symbolic links, so a link to a folder completes as a folder.
                _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
                return (name: name, isDirectory: isDirectory.boolValue)
            }
        }
    }
}
