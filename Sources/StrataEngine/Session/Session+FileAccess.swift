import Foundation
import StrataCore

/// The folders a confined session may read and write: `strata run` and `strata test` allow
/// the notebook's folder, the current folder, `--allow-path` folders and paths given as
/// `--param` values, so a notebook from an untrusted source cannot read `~/.ssh` or write
/// elsewhere. The interactive REPL is not confined.
///
/// Paths are compared after making them absolute, removing `.` and `..`, and resolving the
/// symlinks of every existing part, so `data/link-to-etc/passwd` is refused like `/etc/passwd`.
public struct FileAccessPolicy: Sendable, Equatable {
    /// Canonical allowed folders (or single files).
    public private(set) var roots: [String]

    /// A policy allowing everything under each of `folders` (absolute paths).
    public init(allowing folders: [String]) {
        roots = []
        for folder in folders { allow(folder) }
    }

    /// Adds a folder (or file) and everything under it.
    public mutating func allow(_ path: String) {
        let root = FileAccessPolicy.canonical(path)
        if !roots.contains(root) { roots.append(root) }
    }

    /// True when the absolute `path` lies inside one of the roots.
    public func permits(_ path: String) -> Bool {
        let target = FileAccessPolicy.canonical(path)
        return roots.contains { root in
            root == "/" || target == root || target.hasPrefix(root + "/")
        }
    }

    /// The message for a refused path, as the user wrote it.
    public static func refusal(_ written: String) -> String {
        "\"\(written)\" is outside the allowed folders (notebook folder, current folder, --allow-path)"
    }

    /// `path` made absolute with `.` and `..` removed and the symlinks of its longest existing
    /// prefix resolved; the parts that do not exist yet (a file about to be written) are
    /// appended as written.
    public static func canonical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        let components = absolute.split(separator: "/").map(String.init)
        // The longest prefix that exists: realpath resolves its symlinks and `..` physically.
        var existing = components.count
        var base = "/"
        while existing > 0 {
            if let real = realPath("/" + components[0..<existing].joined(separator: "/")) {
                base = real
                break
            }
            existing -= 1
        }
        for component in components[existing...] {
            switch component {
            case ".", "": continue
            case "..": base = (base as NSString).deletingLastPathComponent
            default: base = base == "/" ? "/" + component : base + "/" + component
            }
        }
        return base.isEmpty ? "/" : base
    }

    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }
}

extension Session {
    /// `path` resolved against the working folder and checked against ``fileAccess``; the
    /// refusal points at `range` (the path in the statement) when given.
    /// Every statement that reads or writes a file goes through here.
    public func accessiblePath(_ path: String, at range: Range<Int>? = nil) throws(Diagnostic) -> String {
        let resolved = resolve(path: path)
        if let fileAccess, !fileAccess.permits(resolved) {
            throw Diagnostic(FileAccessPolicy.refusal(path), at: range.map { .statement($0) })
        }
        return resolved
    }
}
