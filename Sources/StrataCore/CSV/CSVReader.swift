/// Loads CSV files into typed, dictionary-encoded tables.
///
/// The whole file is read once, decoded to UTF-8 (detecting GB18030), split into
/// newline-aligned chunks and parsed in two parallel passes: pass 1 splits fields and counts
/// value shapes to infer each column's type over the whole file; pass 2 parses values into
/// typed per-chunk buffers, which are concatenated in chunk order. Results do not depend on
/// the thread count. Problems are reported as ``Diagnostic``s at `file:line:column`.
///
/// - Complexity: O(n) in the file size; memory about the file size plus the loaded columns.
public enum CSVReader {
    /// Reads and loads the file at `path`; messages name `displayPath` (default: `path`).
    /// - Throws: ``Diagnostic`` for unreadable files and bad content, ``Cancelled`` after
    ///   ``Cancellation/request()``.
    public static func load(path: String, displayPath: String? = nil, options: CSVOptions = CSVOptions()) throws -> CSVLoadResult {
        let shown = displayPath ?? path
        let bytes = try CSVFileReader.readAll(path: path, displayPath: shown)
        if options.isCancelled() { throw Cancelled() }
        return try load(bytes: bytes, displayPath: shown, options: options)
    }

    /// Loads CSV text held in memory; `displayPath` names it in messages.
    public static func load(bytes: [UInt8], displayPath: String, options: CSVOptions = CSVOptions()) throws -> CSVLoadResult {
        let threads = CSVParallel.threadCount(options.threads)
        let text = try CSVEncoding.decode(bytes, encodingName: options.encoding, path: displayPath,
                                           threads: threads, isCancelled: options.isCancelled)
        if options.isCancelled() { throw Cancelled() }
        let pattern = try options.dateFormat.map { try CSVDatePattern($0) }
        var result = try text.bytes.withUnsafeBufferPointer { buffer in
            try CSVLoader(text: buffer, start: text.start, path: displayPath, options: options,
                          threads: threads, pattern: pattern).load()
        }
        result.encoding = text.encoding
        result.byteCount = bytes.count
        return result
    }

    /// The default table name for a path: its file name without the extension.
    static func tableName(forPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = file.lastIndex(of: "."), dot != file.startIndex else { return file }
        return String(file[..<dot])
    }
}
