#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's text as UTF-8 bytes, plus where the content starts (after a byte order mark).
///
/// UTF-8 input is used where it lies (`borrowed`, e.g. the mapped file); converted text is
/// owned (`bytes`).
struct CSVText {
    var bytes: [UInt8] = []
    var borrowed: UnsafeBufferPointer<UInt8>?
    var start: Int
    var encoding: String

    init(bytes: [UInt8], start: Int, encoding: String) {
        self.bytes = bytes
        self.start = start
        self.encoding = encoding
    }

    init(borrowing input: UnsafeBufferPointer<UInt8>, start: Int, encoding: String) {
        borrowed = input
        self.start = start
        self.encoding = encoding
    }

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if let borrowed { return try body(borrowed) }
        return try bytes.withUnsafeBufferPointer(body)
    }
}

/// Encoding detection and conversion to UTF-8.
///
/// Strict UTF-8 first (a leading BOM is stripped); otherwise GB18030 (a superset of GBK and
/// GB2312) through glibc's iconv. A UTF-16 BOM selects UTF-16. After decoding, the text must
/// hold no NUL byte and no byte order mark past the start: a BOM in the middle (typically
/// two exports concatenated) is an error at its position rather than a silent strip, because
/// it usually comes with a second header row.
enum CSVEncoding {
    enum Requested { case detect, utf8, gb18030, utf16 }

    static func requested(_ name: String?) throws -> Requested {
        guard let name else { return .detect }
        let key = name.lowercased().filter { $0 != "-" && $0 != "_" }
        switch key {
        case "", "auto": return .detect
        case "utf8": return .utf8
        case "gbk", "gb18030", "gb2312", "cp936", "936": return .gb18030
        case "utf16", "utf16le", "utf16be", "unicode": return .utf16
        default:
            throw Diagnostic("unknown encoding \"\(name)\"; use utf8, gbk or gb18030")
        }
    }

    /// `raw` as UTF-8 text, not yet validated, when it may be UTF-8: no UTF-16 byte order
    /// mark and no other encoding asked for. Nil otherwise.
    static func optimisticUTF8(_ raw: UnsafeBufferPointer<UInt8>, encodingName: String?) throws -> CSVText? {
        let wanted = try requested(encodingName)
        guard wanted == .detect || wanted == .utf8 else { return nil }
        if raw.count >= 2, (raw[0] == 0xFF && raw[1] == 0xFE) || (raw[0] == 0xFE && raw[1] == 0xFF) { return nil }
        let hasBOM = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
        return CSVText(borrowing: raw, start: hasBOM ? 3 : 0, encoding: hasBOM ? "UTF-8 (BOM)" : "UTF-8")
    }

    /// The text of `raw`; UTF-8 input is borrowed, so `raw` must outlive the result.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, encodingName: String?, path: String, threads: Int,
                       isCancelled: @escaping @Sendable () -> Bool = { false }) throws -> CSVText {
        let wanted = try requested(encodingName)
        var text: CSVText
        if raw.count >= 2, raw[0] == 0xFF, raw[1] == 0xFE {
            text = try convert(raw, from: "UTF-16LE", skipping: 2, name: "UTF-16LE (BOM)", path: path, threads: threads, isCancelled: isCancelled)
        } else if raw.count >= 2, raw[0] == 0xFE, raw[1] == 0xFF {
            text = try convert(raw, from: "UTF-16BE", skipping: 2, name: "UTF-16BE (BOM)", path: path, threads: threads, isCancelled: isCancelled)
        } else if wanted == .gb18030 {
            text = try convert(raw, from: "GB18030", skipping: 0, name: "GB18030", path: path, threads: threads, isCancelled: isCancelled)
        } else if wanted == .utf16 {
            text = try convert(raw, from: "UTF-16LE", skipping: 0, name: "UTF-16LE", path: path, threads: threads, isCancelled: isCancelled)
        } else {
            let hasBOM = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
            let start = hasBOM ? 3 : 0
            let event = CSVUTF8Validator.firstEvent(raw, from: start, threads: threads)
            switch event {
            case .invalid(let offset)?:
                if wanted == .utf8 || hasBOM {
                    let position = CSVLocator.position(of: offset, in: raw, start: start)
                    throw Diagnostic(
                        "the file is not valid UTF-8: unexpected byte 0x\(hex(raw[offset]))",
                        at: .file(path: path, line: position.line, column: position.column),
                        notes: wanted == .utf8 ? ["omit (encoding utf8) to detect GBK/GB18030"] : [])
                }
                text = try convert(raw, from: "GB18030", skipping: 0, name: "GB18030", path: path,
                                   utf8FailureOffset: offset, threads: threads, isCancelled: isCancelled)
                // Conversion output is valid UTF-8; only NUL and BOM remain to check.
            case .nul, .bom, nil:
                text = CSVText(borrowing: raw, start: start, encoding: hasBOM ? "UTF-8 (BOM)" : "UTF-8")
                try check(event, in: text, path: path)
                return text
            }
        }
        try check(text.withBytes { CSVUTF8Validator.firstEvent($0, from: text.start, threads: threads) }, in: text, path: path)
        return text
    }

    private static func check(_ event: CSVUTF8Validator.Event?, in text: CSVText, path: String) throws {
        guard let event else { return }
        let offset: Int
        let message: String
        switch event {
        case .nul(let at):
            offset = at
            message = "NUL byte in the file; is it a binary file or UTF-16 without a byte order mark?"
        case .bom(let at):
            offset = at
            message = "byte order mark (U+FEFF) in the middle of the file; were two files concatenated?"
        case .invalid(let at):
            offset = at
            message = "invalid UTF-8 after decoding"
        }
        let position = text.withBytes { CSVLocator.position(of: offset, in: $0, start: text.start) }
        throw Diagnostic(message, at: .file(path: path, line: position.line, column: position.column))
    }

    /// Converts `raw[skipping...]` to UTF-8 with iconv.
    ///
    /// GB18030 input is cut at line feeds (0x0A never occurs inside a GB18030 character) into
    /// pieces converted in parallel, each with its own converter; cancellation is checked
    /// between pieces.
    private static func convert(_ raw: UnsafeBufferPointer<UInt8>, from source: String, skipping: Int, name: String,
                                path: String, utf8FailureOffset: Int? = nil, threads: Int,
                                isCancelled: @Sendable () -> Bool) throws -> CSVText {
        let probe = iconv_open("UTF-8", source)
        if Int(bitPattern: probe) == -1 {
            throw Diagnostic("cannot decode \"\(path)\" as \(source): this system has no iconv converter for it (install glibc gconv modules, or save the file as UTF-8)")
        }
        iconv_close(probe)
        var bounds = [skipping]
        if source == "GB18030" {
            let pieceSize = max(1, gbPieceSize)
            var target = skipping + pieceSize
            while target < raw.count {
                var cut = target
                while cut < raw.count, raw[cut] != 10 { cut += 1 }
                if cut >= raw.count - 1 { break }
                bounds.append(cut + 1)
                target = cut + 1 + pieceSize
            }
        }
        bounds.append(raw.count)
        let pieces = { (buffer: UnsafeBufferPointer<UInt8>) -> [Piece] in
            guard let base = buffer.baseAddress else { return [] }
            nonisolated(unsafe) let input = base
            return CSVParallel.map(count: bounds.count - 1, threads: threads) { piece in
                if isCancelled() { return Piece(output: [], failure: nil, cancelled: true) }
                return convertPiece(input, from: bounds[piece], to: bounds[piece + 1], source: source)
            }
        }(raw)
        if pieces.contains(where: \.cancelled) { throw Cancelled() }
        guard let failed = pieces.firstIndex(where: { $0.failure != nil }), let failureInput = pieces[failed].failure else {
            var output = [UInt8]()
            output.reserveCapacity(pieces.reduce(0) { $0 + $1.output.count })
            for piece in pieces { output.append(contentsOf: piece.output) }
            return CSVText(bytes: output, start: 0, encoding: name)
        }
        // Output lines and characters match the input's, so locate in the output so far.
        var decoded = [UInt8]()
        for piece in pieces[...failed] { decoded.append(contentsOf: piece.output) }
        let position = decoded.withUnsafeBufferPointer { CSVLocator.position(of: decoded.count, in: $0, start: 0) }
        let problem = failureInput < raw.count
            ? "unexpected byte 0x\(hex(raw[failureInput])) (byte offset \(failureInput))"
            : "incomplete character at the end of the file"
        var notes: [String] = []
        if let utf8FailureOffset {
            let utf8Position = CSVLocator.position(of: utf8FailureOffset, in: raw, start: 0)
            notes.append("\(path):\(utf8Position.line):\(utf8Position.column): first byte that is not UTF-8")
        }
        let what = utf8FailureOffset != nil ? "UTF-8 or GB18030" : source
        throw Diagnostic("cannot decode the file as \(what): \(problem)",
                         at: .file(path: path, line: position.line, column: position.column), notes: notes)
    }

    /// Bytes per GB18030 conversion piece; tests lower it (results never depend on it).
    nonisolated(unsafe) static var gbPieceSize = 8 << 20

    private struct Piece {
        var output: [UInt8]
        /// Offset in the whole input of the first byte that did not convert.
        var failure: Int?
        var cancelled = false
    }

    private static func convertPiece(_ base: UnsafePointer<UInt8>, from start: Int, to end: Int, source: String) -> Piece {
        let converter = iconv_open("UTF-8", source)
        guard Int(bitPattern: converter) != -1 else { return Piece(output: [], failure: start) }
        defer { iconv_close(converter) }
        let inputCount = end - start
        let capacity = inputCount + inputCount / 2 + 16
        var failure: Int?
        let output = [UInt8](unsafeUninitializedCapacity: capacity) { outBuffer, initialized in
            initialized = 0
            guard let outBase = outBuffer.baseAddress else { return }
            var inPointer: UnsafeMutablePointer<CChar>? =
                UnsafeMutableRawPointer(mutating: base + start).assumingMemoryBound(to: CChar.self)
            var inLeft = inputCount
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
            var outLeft = capacity
            while inLeft > 0 {
                let result = iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 {
                    if errno == EINTR { continue }
                    failure = end - inLeft
                    break
                }
            }
            initialized = capacity - outLeft
        }
        return Piece(output: output, failure: failure)
    }

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }
}
