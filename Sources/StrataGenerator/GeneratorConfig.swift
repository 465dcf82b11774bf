import Foundation
import StrataCore

/// How the generated files are laid out.
public enum DatasetStyle: String, Sendable, CaseIterable {
    /// UTF-8, LF, English snake_case headers, ISO dates, plain amounts.
    case clean
    /// A client's export from Chinese Windows: GB18030/GBK and a UTF-8 BOM copy, Chinese
    /// headers, CRLF, dates like `2024/1/5` and `2024年1月5日`, amounts like `¥1,234.50`,
    /// and null tokens (`NULL`, `-`, `N/A`). Same rows as `clean` for the same parameters.
    case messy
}

/// Everything that determines a generated dataset. Same config, same bytes.
public struct GeneratorConfig: Sendable {
    /// Number of customers (rows of customers.csv), at least 1.
    public var customers: Int
    /// Exact number of orders (rows of orders.csv).
    public var orders: Int
    /// Seed of every random choice.
    public var seed: UInt64
    /// The "today" of the dataset: no date is later, orders span about three years before it.
    public var asOf: CivilDate
    /// Directory the files are written to (created when missing).
    public var outputDirectory: URL
    /// File layout.
    public var style: DatasetStyle

    /// Creates a configuration; call `validate()` (or `DatasetGenerator.run()`) to check it.
    public init(
        customers: Int, orders: Int, seed: UInt64, asOf: CivilDate,
        outputDirectory: URL, style: DatasetStyle = .clean
    ) {
        self.customers = customers
        self.orders = orders
        self.seed = seed
        self.asOf = asOf
        self.outputDirectory = outputDirectory
        self.style = style
    }

    /// Throws a `GeneratorError` describing the first invalid parameter.
    public func validate() throws {
        guard customers >= 1 else { throw GeneratorError.invalid("--customers must be at least 1") }
        guard customers <= 100_000_000 else { throw GeneratorError.invalid("--customers must be at most 100,000,000") }
        guard orders >= 0 else { throw GeneratorError.invalid("--orders must not be negative") }
        guard orders <= 1_000_000_000 else { throw GeneratorError.invalid("--orders must be at most 1,000,000,000") }
        guard asOf.isValid, asOf.year >= 1975 else {
            throw GeneratorError.invalid("--asof must be a valid date after 1975")
        }
    }
}

/// One file written by the generator.
public struct GeneratedFile: Sendable, Equatable {
    /// File name inside the output directory.
    public var name: String
    /// Data rows (the header not counted).
    public var rows: Int
    /// Size on disk in bytes.
    public var bytes: Int
}

/// Why generation failed.
public enum GeneratorError: Error, Equatable, CustomStringConvertible {
    case invalid(String)
    case cannotWrite(path: String)
    case encodingUnavailable(String)
    case encodingFailed(file: String, at: Int)

    public var description: String {
        switch self {
        case .invalid(let message): message
        case .cannotWrite(let path): "cannot write \(path)"
        case .encodingUnavailable(let name): "the C library cannot convert to \(name) (iconv)"
        case .encodingFailed(let file, let offset): "\(file): cannot encode the text at byte \(offset)"
        }
    }
}
