#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor (stdin by default) with no prompt, no editing and no
/// history: the reader for piped input and scripts.
///
/// Accepts `\n` and `\r\n` line ends, a last line without a newline, a UTF-8 byte order mark
/// at the start, and invalid UTF-8 (each bad byte becomes U+FFFD instead of a crash).
struct PlainLineReader: LineReader {
    private let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    /// Index in `buffer` where the next line starts (the consumed part is dropped in bulk).
    private var start = 0
    private var reachedEnd = false
    private var atFirstLine = true

    /// A reader over `fileDescriptor`; it does not close it.
    init(fileDescriptor: Int32 = STDIN_FILENO) {
        self.fileDescriptor = fileDescriptor
    }

    mutating func readLine(prompt: String) -> LineRead {
        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = decode(buffer[start..<newline])
                start = newline + 1
                return .line(line)
            }
            if reachedEnd {
                guard start < buffer.count else { return .endOfInput }
                let line = decode(buffer[start...])
                start = buffer.count
                return .line(line)
            }
            fill()
        }
    }

    mutating func addHistory(_ statement: String) {}

    /// Reads the next chunk; sets `reachedEnd` at end of file or on a read error.
    private mutating func fill() {
        if start > 0 {
            buffer.removeFirst(start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[..<count])
                return
            }
            // Ctrl-C on a pipe interrupts read(); try again rather than lose input.
            if count < 0, errno == EINTR { continue }
            reachedEnd = true
            return
        }
    }

    /// The bytes as text, without a trailing `\r` or a leading byte order mark.
    private mutating func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var bytes = bytes
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        if atFirstLine {
            atFirstLine = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
