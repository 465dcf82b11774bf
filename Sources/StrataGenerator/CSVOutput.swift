import Foundation

/// A CSV file being written: rows go into one reusable byte buffer that is flushed to disk
/// (optionally transcoded to GB18030) in chunks of about 1 MiB, always at a row boundary.
///
/// Hot loops call the `write…` methods, which copy bytes into the raw buffer without
/// building a `String` per field. A row must stay below `rowLimit` bytes.
final class CSVOutput {
    /// Bytes before a flush; rows are never split across flushes.
    private static let chunkSize = 1 << 20
    /// Largest row accepted; generated rows are well under 1 KiB.
    static let rowLimit = 1 << 16

    let fileName: String
    private let handle: FileHandle
    private let transcoder: GB18030Transcoder?
    private let lineEnd: [UInt8]
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0

    /// Rows written so far, not counting the header.
    private(set) var rows = 0
    /// Bytes on disk so far (after transcoding).
    private(set) var bytesWritten = 0

    /// Creates (or truncates) `fileName` in `directory`.
    init(directory: URL, fileName: String, encoding: OutputEncoding, crlf: Bool) throws {
        let url = directory.appendingPathComponent(fileName)
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
            throw GeneratorError.cannotWrite(path: url.path)
        }
        self.fileName = fileName
        handle = try FileHandle(forWritingTo: url)
        lineEnd = crlf ? [13, 10] : [10]
        transcoder = encoding == .gb18030 ? try GB18030Transcoder() : nil
        buffer = .allocate(capacity: Self.chunkSize + Self.rowLimit)
        if encoding == .utf8WithBOM {
            write([0xEF, 0xBB, 0xBF])
        }
    }

    deinit {
        buffer.deallocate()
    }

    /// Appends one byte.
    @inline(__always)
    func write(_ byte: UInt8) {
        buffer[count] = byte
        count &+= 1
    }

    /// Appends a run of bytes.
    @inline(__always)
    func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { source in
            (buffer + count).update(from: source.baseAddress!, count: source.count)
        }
        count &+= bytes.count
    }

    /// Appends the decimal digits of a non-negative integer.
    @inline(__always)
    func write(unsigned value: Int) {
        var digits = 1
        var probe = value
        while probe >= 10 {
            probe /= 10
            digits &+= 1
        }
        var rest = value
        var position = count &+ digits &- 1
        while position >= count {
            buffer[position] = UInt8(truncatingIfNeeded: 48 &+ rest % 10)
            rest /= 10
            position &-= 1
        }
        count &+= digits
    }

    /// Appends `value` zero-padded to `width` digits (for dates).
    @inline(__always)
    func write(unsigned value: Int, width: Int) {
        var rest = value
        var position = count &+ width &- 1
        while position >= count {
            buffer[position] = UInt8(truncatingIfNeeded: 48 &+ rest % 10)
            rest /= 10
            position &-= 1
        }
        count &+= width
    }

    /// Appends an amount in cents as `-1234.50` (plain) or `1,234.50` (grouped thousands).
    @inline(__always)
    func write(cents: Int, groupThousands: Bool = false, currencySign: [UInt8] = []) {
        let magnitude = cents < 0 ? -cents : cents
        if !currencySign.isEmpty { write(currencySign) }
        if cents < 0 { write(45) }  // "-" (Excel zh-CN puts the sign after the currency sign)
        let yuan = magnitude / 100
        if groupThousands && yuan >= 1000 {
            writeGrouped(yuan)
        } else {
            write(unsigned: yuan)
        }
        write(46)  // "."
        write(unsigned: magnitude % 100, width: 2)
    }

    private func writeGrouped(_ value: Int) {
        if value >= 1000 {
            writeGrouped(value / 1000)
            write(44)  // ","
            write(unsigned: value % 1000, width: 3)
        } else {
            write(unsigned: value)
        }
    }

    /// Appends a field separator.
    @inline(__always)
    func comma() { write(44) }

    /// Ends a data row and flushes when the chunk is full.
    @inline(__always)
    func endRow() throws {
        write(lineEnd)
        rows &+= 1
        if count >= Self.chunkSize { try flush() }
    }

    /// Ends the header row (not counted in `rows`).
    func endHeader(_ names: [String]) throws {
        for (index, name) in names.enumerated() {
            if index > 0 { comma() }
            write(Array(name.utf8))
        }
        write(lineEnd)
    }

    /// Writes what is buffered.
    func flush() throws {
        guard count > 0 else { return }
        let chunk = UnsafeRawBufferPointer(start: buffer, count: count)
        if let transcoder {
            let encoded = try transcoder.encode(chunk, file: fileName)
            try handle.write(contentsOf: encoded)
            bytesWritten += encoded.count
        } else {
            try handle.write(contentsOf: chunk)
            bytesWritten += count
        }
        count = 0
    }

    /// Flushes and closes the file; returns its summary.
    func close() throws -> GeneratedFile {
        try flush()
        try handle.close()
        return GeneratedFile(name: fileName, rows: rows, bytes: bytesWritten)
    }
}

/// The byte encoding of an output file.
enum OutputEncoding {
    case utf8
    case utf8WithBOM
    case gb18030
}
