/// How ``CSVReader`` reads a file: encoding, delimiter, header, types, dates, nulls, bad rows.
///
/// Every field has a sensible default, so `CSVOptions()` loads a typical export as is.
public struct CSVOptions: Sendable {
    /// `nil` detects: strict UTF-8 first (a leading BOM is stripped), else GB18030.
    /// Accepted names: `utf8`/`utf-8`, `gbk`, `gb18030`, `gb2312`, `utf16`/`utf-16`.
    public var encoding: String?
    /// `nil` detects from the header line among `,` `\t` `;` `|` (most frequent outside quotes).
    public var delimiter: UInt8?
    /// When false the first line is data and columns are named `column1`, `column2`, ...
    public var header: Bool = true
    /// Type overrides by (final) header name. A `decimal` override widens its scale to the
    /// largest number of fraction digits in the column (at most 9), so no value is rounded.
    public var types: [String: DataType] = [:]
    /// A date or timestamp pattern such as `d/M/yyyy` or `yyyy/MM/dd HH:mm`.
    /// Tokens: `yyyy` `M` `MM` `d` `dd` `H` `HH` `m` `mm` `s` `ss`; other characters match
    /// themselves. One-letter tokens take 1–2 digits, two-letter tokens exactly 2.
    /// A pattern without a time still accepts a trailing ` HH:mm[:ss]`, making timestamps.
    public var dateFormat: String?
    /// Field texts (after trimming spaces) that mean "no value".
    public var nullTokens: Set<String> = ["", "NULL", "null", "NA", "N/A", "n/a", "-", "\\N"]
    /// `on_error skip`: rows with bad values or the wrong number of fields go to
    /// ``CSVLoadResult/rejects`` instead of failing the load.
    public var skipBadRows: Bool = false
    /// Worker threads; `nil` uses every core.
    public var threads: Int? = nil
    /// The table name used in hints (`... into NAME_rejects`); `nil` uses the file's base name.
    public var tableName: String? = nil

    /// Bytes per parallel chunk; `nil` picks a size from the file size and thread count.
    /// Tests set it tiny to exercise chunk boundaries.
    var chunkSize: Int? = nil
    /// Keep typed values from pass 1 for chunks that need no second pass; tests turn it off
    /// to check both paths agree.
    var speculate = true
    /// Polled every thousand rows; tests replace it to cancel without the process-wide flag.
    var isCancelled: @Sendable () -> Bool = { Cancellation.isRequested }

    public init() {}
}

/// What ``CSVReader/load(path:displayPath:options:)`` produced.
public struct CSVLoadResult: Sendable {
    /// The loaded rows.
    public var table: Table
    /// With `skipBadRows`, the rejected rows (nil when none): columns `line` (integer, the
    /// physical line where the row starts), `column` (header name, or "" for a row-level
    /// problem), `reason` and `raw` (the row's text).
    public var rejects: Table?
    /// `UTF-8`, `UTF-8 (BOM)`, `GB18030`, `UTF-16LE (BOM)` or `UTF-16BE (BOM)`.
    public var encoding: String
    /// Things the user should know that did not stop the load (renamed headers, ...).
    public var warnings: [String]
    /// Size of the file in bytes, as read.
    public var byteCount: Int

    public init(table: Table, rejects: Table?, encoding: String, warnings: [String], byteCount: Int) {
        self.table = table
        self.rejects = rejects
        self.encoding = encoding
        self.warnings = warnings
        self.byteCount = byteCount
    }
}
