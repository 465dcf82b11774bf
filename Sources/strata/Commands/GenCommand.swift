import ArgumentParser
import Foundation
import StrataCore
import StrataGenerator

/// `strata gen`: writes a deterministic demo dataset (customers, orders, interactions).
struct Gen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gen",
        abstract: "Generate a deterministic demo dataset.",
        discussion: """
            Writes customers.csv, orders.csv and interactions.csv into --out. The same \
            options give byte-identical files on every machine. --style messy writes the \
            same rows as a client's export from Chinese Windows (GB18030/GBK and UTF-8 \
            with BOM, Chinese headers, CRLF, dates like 2024/1/5, amounts like ¥1,234.50).

            Example: strata gen --customers 2000 --orders 21000 --seed 42 --asof 2026-06-30 --out datasets/demo
            """
    )

    /// File layout accepted by `--style`.
    enum Style: String, ExpressibleByArgument, CaseIterable {
        case clean
        case messy
    }

    @Option(help: "Number of customers.")
    var customers: Int = 2_000

    @Option(help: "Exact number of orders.")
    var orders: Int = 21_000

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 42

    @Option(help: ArgumentHelp("The dataset's today, yyyy-MM-dd; orders span three years before it.", valueName: "yyyy-MM-dd"))
    var asof: String = "2026-06-30"

    @Option(help: ArgumentHelp("Directory to write the files to (created when missing).", valueName: "dir"))
    var out: String

    @Option(help: "clean (UTF-8, English headers) or messy (a Chinese Windows export).")
    var style: Style = .clean

    func validate() throws {
        guard CivilDate(iso: asof) != nil else {
            throw ValidationError("--asof expects a date like 2026-06-30, found \"\(asof)\".")
        }
        guard customers >= 1 else { throw ValidationError("--customers must be at least 1.") }
        guard orders >= 0 else { throw ValidationError("--orders must not be negative.") }
    }

    func run() throws {
        let config = GeneratorConfig(
            customers: customers,
            orders: orders,
            seed: seed,
            asOf: CivilDate(iso: asof)!,
            outputDirectory: URL(fileURLWithPath: out, isDirectory: true),
            style: style == .messy ? .messy : .clean
        )
        let files: [GeneratedFile]
        do {
            files = try DatasetGenerator(config: config).run()
        } catch GeneratorError.invalid(let message) {
            throw ValidationError(message)
        }
        // One line per file: path, rows and bytes in aligned columns.
        let paths = files.map { (out as NSString).appendingPathComponent($0.name) }
        let rows = files.map { Self.grouped($0.rows) }
        let bytes = files.map { Self.grouped($0.bytes) }
        let pathWidth = paths.map(\.count).max() ?? 0
        let rowsWidth = rows.map(\.count).max() ?? 0
        let bytesWidth = bytes.map(\.count).max() ?? 0
        for index in files.indices {
            print(
                Self.padded(paths[index], pathWidth, left: true) + "  "
                    + Self.padded(rows[index], rowsWidth) + " rows  "
                    + Self.padded(bytes[index], bytesWidth) + " bytes"
            )
        }
    }

    private static func padded(_ text: String, _ width: Int, left: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return left ? text + padding : padding + text
    }

    /// `1234567` as `1,234,567`.
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return result
    }
}
