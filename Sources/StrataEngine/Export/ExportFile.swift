import Foundation
import Glibc
import StrataCore
import Synchronization

/// A file written atomically: bytes go to a hidden temporary file beside the target, which
/// ``commit()`` closes and renames over the target; ``discard()`` removes it. Until the
/// rename, an existing target is untouched, so a failed or cancelled export never leaves a
/// half-written file behind. There is no `fsync`: an export can be run again, and the
/// ~3 ms per file it cost on this machine's disk was most of a small export's time (ext4, the
/// usual Linux file system, writes a file renamed over another out before the rename itself
/// commits). Durable state — segments — lives in the SQLite workspace, which does sync.
struct ExportFile {
    let path: String
    let displayPath: String
    let temporaryPath: String
    private var descriptor: Int32
    /// Bytes written so far.
    private(set) var written = 0

    /// Opens a fresh temporary file in the target's folder (created when missing).
    init(creatingBeside path: String, displayPath: String) throws(Diagnostic) {
        self.path = path
        self.displayPath = displayPath
        let folder = (path as NSString).deletingLastPathComponent
        let fileName = (path as NSString).lastPathComponent
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw Diagnostic("cannot write \"\(displayPath)\": it is a folder")
        }
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw Diagnostic("cannot create the folder of \"\(displayPath)\": \(ExportFile.reason(errno))")
            }
        }
        // O_EXCL with a per-process counter: two exports never share a temporary file.
        let serial = ExportFile.serial.add(1, ordering: .relaxed).oldValue
        temporaryPath = (folder.isEmpty ? "" : folder + "/") + ".\(fileName).\(getpid())-\(serial).tmp"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            throw Diagnostic("cannot write \"\(displayPath)\": \(ExportFile.reason(errno))")
        }
    }

    private static let serial = Atomic<Int>(0)

    /// Writes all of `bytes`, retrying short writes and interrupted calls.
    mutating func append(_ bytes: [UInt8]) throws(Diagnostic) {
        let fd = descriptor
        let failure: Int32? = bytes.withUnsafeBytes { buffer -> Int32? in
            var offset = 0
            while offset < buffer.count {
                let count = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += count
            }
            return nil
        }
        if let failure {
            throw Diagnostic("cannot write \"\(displayPath)\": \(ExportFile.reason(failure)); the file was not changed")
        }
        written += bytes.count
    }

    /// Closes the temporary file and renames it over the target.
    mutating func commit() throws(Diagnostic) {
        let closed = close(descriptor)
        descriptor = -1
        if closed != 0 {
            throw Diagnostic("cannot write \"\(displayPath)\": \(ExportFile.reason(errno)); the file was not changed")
        }
        if rename(temporaryPath, path) != 0 {
            throw Diagnostic("cannot replace \"\(displayPath)\": \(ExportFile.reason(errno)); the file was not changed")
        }
    }

    /// Closes and removes the temporary file (after a failure).
    mutating func discard() {
        if descriptor >= 0 {
            close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
    }

    static func reason(_ code: Int32) -> String {
        String(cString: strerror(code))
    }
}
