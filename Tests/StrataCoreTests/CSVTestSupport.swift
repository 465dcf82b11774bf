import Testing
@testable import StrataCore

/// Shared helpers for the CSV tests.
enum CSVTest {
    static func load(_ text: String, _ configure: (inout CSVOptions) -> Void = { _ in }) throws -> CSVLoadResult {
        try load(bytes: Array(text.utf8), configure)
    }

    static func load(bytes: [UInt8], _ configure: (inout CSVOptions) -> Void = { _ in }) throws -> CSVLoadResult {
        var options = CSVOptions()
        configure(&options)
        return try CSVReader.load(bytes: bytes, displayPath: "t.csv", options: options)
    }

    /// The diagnostic a load throws (nil when it loads).
    static func failure(_ text: String, _ configure: (inout CSVOptions) -> Void = { _ in }) -> Diagnostic? {
        failure(bytes: Array(text.utf8), configure)
    }

    static func failure(bytes: [UInt8], _ configure: (inout CSVOptions) -> Void = { _ in }) -> Diagnostic? {
        do {
            _ = try load(bytes: bytes, configure)
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return Diagnostic("unexpected error \(error)")
        }
    }

    /// Column `name` as display strings ("∅" for null).
    static func values(_ table: Table, _ name: String) -> [String] {
        guard let column = table.column(named: name) else { return ["<no column \(name)>"] }
        return (0..<column.count).map { row in
            let value = column.value(at: row)
            return value.isNull ? "∅" : value.description
        }
    }

    static func type(_ table: Table, _ name: String) -> DataType? {
        table.column(named: name)?.type
    }

    static func fixture(_ name: String) -> String {
        let here = #filePath
        let tests = here.split(separator: "/", omittingEmptySubsequences: false).dropLast(2).joined(separator: "/")
        return tests + "/Fixtures/csv/" + name
    }
}

extension Diagnostic {
    /// `line:column` of a file location, for compact expectations.
    var position: String {
        if case .file(_, let line, let column) = location { return "\(line):\(column)" }
        return "-"
    }
}
