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
        let contents = try CSVFileReader.contents(path: path, displayPath: shown)
        if options.isCancelled() { throw Cancelled() }
        switch contents {
        case .mapped(let file):
            return try withExtendedLifetime(file) {
                try load(buffer: file.buffer, displayPath: shown, options: options, mapped: true)
            }
        case .bytes(let bytes):
            return try load(bytes: bytes, displayPath: shown, options: options)
        }
    }

    /// Loads CSV text held in memory; `displayPath` names it in messages.
    public static func load(bytes: [UInt8], displayPath: String, options: CSVOptions = CSVOptions()) throws -> CSVLoadResult {
        try bytes.withUnsafeBufferPointer { try load(buffer: $0, displayPath: displayPath, options: options, mapped: false) }
    }

    /// UTF-8 input is first loaded optimistically, validating only what the parser reads as
    /// text (see ``CSVParseContext/utf8Alarm``); if that meets a bad byte or fails in any way,
    /// the load starts over with the whole file validated first, so messages and the
    /// GB18030 fallback are exactly those of a validated load.
    /// `mapped`: `bytes` is a read-only file mapping, whose pages may be dropped once parsed.
    private static func load(buffer bytes: UnsafeBufferPointer<UInt8>, displayPath: String,
                             options: CSVOptions, mapped: Bool) throws -> CSVLoadResult {
        let threads = CSVParallel.threadCount(options.threads)
        // Errors (an unknown encoding, a bad date pattern) come from the validated load below,
        // in its order.
        // nil when the pattern is bad; .some(nil) without a pattern.
        let optimisticPattern: CSVDatePattern??
        if let format = options.dateFormat {
            optimisticPattern = (try? CSVDatePattern(format)).map { .some($0) }
        } else {
            optimisticPattern = .some(nil)
        }
        if let text = try? CSVEncoding.optimisticUTF8(bytes, encodingName: options.encoding), let buffer = text.borrowed,
           case .some(let pattern) = optimisticPattern {
            do {
                var loader = CSVLoader(text: buffer, start: text.start, path: displayPath, options: options,
                                       threads: threads, pattern: pattern)
                loader.utf8Alarm = CSVUTF8Alarm()
                loader.dropsParsedPages = mapped
                var result = try loader.load()
                result.encoding = text.encoding
                result.byteCount = bytes.count
                return result
            } catch let cancelled as Cancelled {
                throw cancelled
            } catch {
                // Start over below: validated first, so the outcome is the validated load's.
            }
        }
        let text = try CSVEncoding.decode(bytes, encodingName: options.encoding, path: displayPath,
                                           threads: threads, isCancelled: options.isCancelled)
        if options.isCancelled() { throw Cancelled() }
        let pattern = try options.dateFormat.map { try CSVDatePattern($0) }
        var result = try text.withBytes { buffer in
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
