/// One load: header, chunking, the two parallel passes, error reporting and assembly.
struct CSVLoader {
    let text: UnsafeBufferPointer<UInt8>
    let start: Int
    let path: String
    let options: CSVOptions
    let threads: Int
    let pattern: CSVDatePattern?
    /// Set when the text was not validated as UTF-8 up front (see ``CSVParseContext/utf8Alarm``).
    var utf8Alarm: CSVUTF8Alarm? = nil
    /// The text is a read-only file mapping: a chunk's pages are dropped from memory once
    /// pass 1 has read them (a later read faults them in again from the page cache), so the
    /// file does not stay resident beside the columns.
    var dropsParsedPages = false

    func load() throws -> CSVLoadResult {
        let count = text.count
        var headerStart = start
        while headerStart < count, text[headerStart] == 10 || text[headerStart] == 13 { headerStart += 1 }
        guard headerStart < count, let base = text.baseAddress else {
            throw Diagnostic("empty file", at: .file(path: path, line: 1, column: 1))
        }
        let delimiter = options.delimiter ?? CSVRecordScanner.detectDelimiter(base, from: headerStart, count: count)
        let scanner = CSVRecordScanner(base: base, count: count, delimiter: delimiter)
        let (rawNames, header) = try readHeader(scanner, from: headerStart)
        var warnings: [String] = []
        let names: [String]
        if options.header {
            (names, warnings) = CSVHeader.names(rawNames)
        } else {
            names = rawNames.indices.map { "column\($0 + 1)" }
        }
        let dataStart = options.header ? header.next : headerStart
        if utf8Alarm != nil, !CSVUTF8Validator.isClean(base, from: start, to: dataStart) { throw CSVUTF8Retry() }
        let columnCount = names.count
        for name in options.types.keys.sorted() where !names.contains(name) {
            throw Diagnostic("types (\(name) ...): the file has no column \"\(name)\"",
                             at: .file(path: path, line: 1, column: 1),
                             notes: ["columns: " + names.map { "\"\($0)\"" }.joined(separator: ", ")])
        }
        let phoneColumns = Set(names.indices.filter { options.types[names[$0]] == nil && ColumnNames.looksLikePhone(names[$0]) })
        let classified = names.indices.filter { column in
            if phoneColumns.contains(column) { return false }
            guard let override = options.types[names[column]] else { return true }
            if case .decimal = override { return true }
            return false
        }
        var context = CSVParseContext(
            base: base, count: count, scanner: scanner, columnCount: columnCount,
            nulls: CSVNullMatcher(options.nullTokens), pattern: pattern, classified: classified,
            skipBadRows: options.skipBadRows,
            forcedString: Set(names.indices.filter { phoneColumns.contains($0) || options.types[names[$0]] == .string }),
            speculate: options.speculate, isCancelled: options.isCancelled, utf8Alarm: utf8Alarm)
        context.recordBytes = CSVLoader.recordBytes(base, from: dataStart, count: count)

        // Pass 1, speculative: each chunk assumes it starts at a record start; a chunk whose
        // predecessor ended elsewhere (a quoted newline at the boundary) is re-scanned.
        let starts = chunkStarts(scanner, from: dataStart)
        let softEnds = Array(starts.dropFirst()) + [count]
        let dropsPages = dropsParsedPages
        var firstPass = CSVParallel.map(count: starts.count, threads: threads) { chunk in
            var scan = context.scanChunk(from: starts[chunk], softEnd: softEnds[chunk])
            if dropsPages { CSVMappedFile.dropPages(base, from: scan.start, to: scan.end) }
            let texts = scan.takeDictionaryTexts()
            return (scan, texts)
        }
        var scans = firstPass.map(\.0)
        // Per chunk and string column, the speculative dictionaries' texts (their indexes freed).
        var dictionaryTexts = firstPass.map(\.1)
        firstPass = []
        if utf8Alarm?.isRaised == true { throw CSVUTF8Retry() }
        if scans.contains(where: \.cancelled) { throw Cancelled() }
        var report = CSVReport(text: text, start: start, path: path, names: names, types: [],
                               tableName: options.tableName ?? CSVReader.tableName(forPath: path))
        for chunk in scans.indices {
            if chunk > 0, scans[chunk].start != scans[chunk - 1].end {
                let from = scans[chunk - 1].end
                scans[chunk] = from >= softEnds[chunk]
                    ? CSVChunkScan(start: from, end: from, stats: [])
                    : context.scanChunk(from: from, softEnd: softEnds[chunk])
                dictionaryTexts[chunk] = []  // the new scan keeps its dictionaries whole
                if utf8Alarm?.isRaised == true { throw CSVUTF8Retry() }
                if scans[chunk].cancelled { throw Cancelled() }
            }
            if let fatal = scans[chunk].fatal {
                var log = CSVProblemLog()
                log.kept = [fatal]
                throw report.diagnostic(log).droppingNotes()
            }
        }
        // A value buffer that could not grow (see CSVValueBuffers) fails the load, not the process.
        if scans.contains(where: { $0.speculation?.buffers.outOfMemory == true }) {
            throw Diagnostic("out of memory while loading \"\(path)\"")
        }
        var structural = CSVProblemLog()
        var stats = [CSVColumnStats](repeating: CSVColumnStats(), count: columnCount)
        for scan in scans {
            structural.merge(scan.problems, keepAll: false)
            for (column, columnStats) in scan.stats.enumerated() { stats[column].merge(columnStats) }
        }
        if structural.problemCount > 0, !options.skipBadRows { throw report.diagnostic(structural) }

        let types = names.indices.map { column -> DataType in
            if let override = options.types[names[column]] { return stats[column].resolved(override: override) }
            if phoneColumns.contains(column) { return .string }
            return stats[column].inferredType()
        }
        context.types = types
        report = CSVReport(text: text, start: start, path: path, names: names, types: types, tableName: report.tableName)

        // Pass 2: typed values per chunk, exact record boundaries from pass 1.
        var parsed = CSVParallel.map(count: scans.count, threads: threads) { chunk in
            if var reused = scans[chunk].speculation?.reuse(types: types, rows: scans[chunk].rows) {
                CSVChunkScan.restoreTexts(dictionaryTexts[chunk], into: &reused)
                return CSVChunkColumns(rows: scans[chunk].rows, columns: reused)
            }
            return context.parseChunk(from: scans[chunk].start, to: scans[chunk].end, expectedRows: scans[chunk].rows)
        }
        if parsed.contains(where: \.cancelled) { throw Cancelled() }
        var problems = CSVProblemLog()
        for chunk in parsed { problems.merge(chunk.problems, keepAll: options.skipBadRows) }
        if problems.problemCount > 0, !options.skipBadRows { throw report.diagnostic(problems) }

        scans = []  // the speculations' texts now live in `parsed` only
        dictionaryTexts = []
        let columns = CSVLoader.assembleColumns(types: types, chunks: &parsed, threads: threads)
        if options.isCancelled() { throw Cancelled() }
        let table = Table(fields: zip(names, types).map { Field(name: $0, type: $1) }, columns: columns)
        let rejects = options.skipBadRows && !problems.kept.isEmpty ? report.rejects(problems.kept) : nil
        return CSVLoadResult(table: table, rejects: rejects, encoding: "", warnings: warnings, byteCount: 0)
    }

    /// The header record's field texts (or, without a header, the first record's width).
    private func readHeader(_ scanner: CSVRecordScanner, from offset: Int) throws -> ([String], CSVRecord) {
        var capacity = 256
        while true {
            let spans = CSVFieldSpans(capacity: capacity)
            let record = scanner.scan(from: offset, into: spans)
            if record.problem != .none {
                let kind: CSVProblem.Kind = record.problem == .unterminatedQuote ? .unterminatedQuote : .textAfterQuote
                let report = CSVReport(text: text, start: start, path: path, names: [], types: [], tableName: "")
                var log = CSVProblemLog()
                log.kept = [CSVProblem(kind: kind, offset: record.problemOffset)]
                throw report.diagnostic(log).droppingNotes()
            }
            if record.fieldCount > capacity {
                capacity = record.fieldCount
                continue
            }
            let names = (0..<record.fieldCount).map { field in
                String(decoding: CSVFieldText.unescaped(scanner.base, spans.starts[field], spans.ends[field],
                                                        flags: spans.flags[field]), as: UTF8.self)
            }
            return (names, record)
        }
    }

    /// Bytes per line in the first 64 KB of data (0 when no line ends there).
    static func recordBytes(_ base: UnsafePointer<UInt8>, from start: Int, count: Int) -> Int {
        let sample = min(count - start, 64 << 10)
        guard sample > 0 else { return 0 }
        var lines = 0
        for offset in start..<start + sample where base[offset] == 10 { lines &+= 1 }
        return lines == 0 ? 0 : sample / lines
    }

    /// Nominal chunk starts: just after a line end near every `chunkSize` bytes.
    private func chunkStarts(_ scanner: CSVRecordScanner, from dataStart: Int) -> [Int] {
        let dataBytes = text.count - dataStart
        let size = max(1, options.chunkSize ?? max(1 << 20, min(16 << 20, dataBytes / (threads * 8) + 1)))
        var starts = [dataStart]
        var target = dataStart + size
        while target < text.count {
            let boundary = scanner.lineBoundary(after: target)
            if boundary >= text.count { break }
            if let last = starts.last, boundary > last { starts.append(boundary) }
            target = boundary + size
        }
        return starts
    }
}

/// The optimistic load met bytes that are not clean UTF-8: start over with whole-file
/// validation and, if need be, GB18030.
struct CSVUTF8Retry: Error {}

extension Diagnostic {
    /// The diagnostic without its notes (fatal problems have no totals to report).
    func droppingNotes() -> Diagnostic { Diagnostic(message, at: location) }
}
