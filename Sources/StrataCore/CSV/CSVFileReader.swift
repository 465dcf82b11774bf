#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole file into memory with plain `open`/`read` (1.5–2 GB/s), with errors that name
/// the path the user typed.
enum CSVFileReader {
    /// A regular file's pages mapped read-only (no copy and no zero fill: the pages come
    /// from the page cache); other files (pipes, devices), empty ones and files under
    /// ``mappingThreshold`` are read.
    static func contents(path: String, displayPath: String) throws -> CSVFileContents {
        let descriptor = try openFile(path: path, displayPath: displayPath)
        defer { close(descriptor.descriptor) }
        if (descriptor.status.st_mode & S_IFMT) == S_IFREG, descriptor.status.st_size >= mappingThreshold,
           let mapped = CSVMappedFile(descriptor: descriptor.descriptor, size: Int(descriptor.status.st_size)) {
            return .mapped(mapped)
        }
        return .bytes(try read(descriptor.descriptor, size: Int(descriptor.status.st_size), displayPath: displayPath))
    }

    /// Files from this size on are mapped. Smaller ones are read (a few milliseconds): they
    /// are the ones edited by hand and rewritten in place while a session has them open, and
    /// a read copy cannot fault if the file is truncated under the load (see ``CSVMappedFile``).
    static let mappingThreshold = 16 << 20

    static func readAll(path: String, displayPath: String) throws -> [UInt8] {
        let descriptor = try openFile(path: path, displayPath: displayPath)
        defer { close(descriptor.descriptor) }
        return try read(descriptor.descriptor, size: Int(descriptor.status.st_size), displayPath: displayPath)
    }

    private static func openFile(path: String, displayPath: String) throws -> (descriptor: Int32, status: stat) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw Diagnostic("cannot open \"\(displayPath)\": \(describe(errno: errno))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let code = errno
            close(descriptor)
            throw Diagnostic("cannot read \"\(displayPath)\": \(describe(errno: code))")
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            close(descriptor)
            throw Diagnostic("cannot load \"\(displayPath)\": it is a directory, not a file")
        }
        return (descriptor, status)
    }

    private static func read(_ descriptor: Int32, size: Int, displayPath: String) throws -> [UInt8] {
        // One read into an uninitialised buffer (no zero fill); loop on if the file grew.
        var bytes = [UInt8]()
        var readError: Int32 = 0
        var capacity = max(size, 0) + 1
        while true {
            let previous = bytes.count
            var chunk = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                initialized = 0
                guard let base = buffer.baseAddress else { return }
                while initialized < capacity {
                    let result = Glibc.read(descriptor, base + initialized, capacity - initialized)
                    if result < 0 {
                        if errno == EINTR { continue }
                        readError = errno
                        return
                    }
                    if result == 0 { break }
                    initialized += result
                }
            }
            if readError != 0 {
                throw Diagnostic("cannot read \"\(displayPath)\": \(describe(errno: readError))")
            }
            let full = chunk.count == capacity
            if previous == 0 { swap(&bytes, &chunk) } else { bytes.append(contentsOf: chunk) }
            if !full { break }
            capacity = max(capacity, 1 << 20)
        }
        return bytes
    }

    static func describe(errno code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "it is a directory, not a file"
        case ENOTDIR: return "a part of the path is not a directory"
        case ENAMETOOLONG: return "the path is too long"
        default:
            if let text = strerror(code) { return String(cString: text) }
            return "error \(code)"
        }
    }
}

/// A file's bytes: mapped, or read into an array.
enum CSVFileContents {
    case mapped(CSVMappedFile)
    case bytes([UInt8])
}

/// A regular file mapped read-only; unmapped when released.
///
/// Risk, accepted for large files: if another process truncates the file while it is mapped,
/// touching a page past the new end raises SIGBUS and ends the process (Swift has no safe way
/// to recover from the signal mid-loop). Checking the size before and after the load does not
/// help, as the fault happens in between; files under ``CSVFileReader/mappingThreshold`` are
/// read instead, and exports that size are normally written once, not truncated in place.
///
/// The loader reads each byte about twice (validation, then parsing), so the mapping's pages
/// stay in the page cache rather than in a private copy.
final class CSVMappedFile: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>

    init?(descriptor: Int32, size: Int) {
        guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0),
              base != UnsafeMutableRawPointer(bitPattern: -1) else { return nil }
        // Sequential access: larger read-ahead.
        _ = madvise(base, size, 2)  // MADV_SEQUENTIAL
        buffer = UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: size)
    }

    deinit {
        if let base = buffer.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), buffer.count) }
    }

    /// Drops the whole pages inside `[from, to)` of a mapping that starts at `base` from this
    /// process's memory; reading them again faults them back in from the page cache.
    /// Only for read-only file mappings (on anonymous memory it would zero the bytes).
    static func dropPages(_ base: UnsafePointer<UInt8>, from: Int, to: Int) {
        let page = 4096
        let address = Int(bitPattern: base)
        let first = (address + from + page - 1) & ~(page - 1)
        let last = (address + to) & ~(page - 1)
        guard last > first, let start = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(start, last - first, 4)  // MADV_DONTNEED
    }
}
