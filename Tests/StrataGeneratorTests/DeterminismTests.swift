import Foundation
import Testing
import StrataGenerator

@Suite("Determinism")
struct DeterminismTests {
    static let cleanFiles = ["customers.csv", "orders.csv", "interactions.csv"]
    static let messyFiles = ["customers_gbk.csv", "customers_utf8bom.csv", "orders_gb18030.csv", "interactions_gbk.csv"]

    @Test("The same seed writes the same bytes", arguments: [DatasetStyle.clean, .messy])
    func sameSeedSameBytes(style: DatasetStyle) throws {
        let first = try TestSupport.generate(customers: 500, orders: 4_000, seed: 9, style: style)
        let second = try TestSupport.generate(customers: 500, orders: 4_000, seed: 9, style: style)
        for name in style == .clean ? Self.cleanFiles : Self.messyFiles {
            let bytes = try TestSupport.bytes(first, name)
            #expect(!bytes.isEmpty)
            #expect(bytes == (try TestSupport.bytes(second, name)), "\(name) differs between runs")
        }
    }

    @Test("A different seed writes different data")
    func differentSeedDifferentBytes() throws {
        let first = try TestSupport.generate(customers: 500, orders: 4_000, seed: 9)
        let second = try TestSupport.generate(customers: 500, orders: 4_000, seed: 10)
        for name in Self.cleanFiles {
            #expect(try TestSupport.bytes(first, name) != (try TestSupport.bytes(second, name)))
        }
    }

    @Test("The returned summary matches the files on disk")
    func summaryMatchesDisk() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let config = GeneratorConfig(
            customers: 300, orders: 2_500, seed: 1, asOf: TestSupport.asOf, outputDirectory: directory
        )
        let files = try DatasetGenerator(config: config).run()
        #expect(files.map(\.name) == Self.cleanFiles)
        for file in files {
            let data = try TestSupport.bytes(directory, file.name)
            #expect(data.count == file.bytes)
            #expect(data.filter { $0 == 10 }.count == file.rows + 1)
        }
    }

    @Test("Invalid configurations are rejected with a message")
    func invalidConfig() throws {
        let directory = try TestSupport.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let bad = GeneratorConfig(customers: 0, orders: 10, seed: 1, asOf: TestSupport.asOf, outputDirectory: directory)
        #expect(throws: GeneratorError.invalid("--customers must be at least 1")) {
            try DatasetGenerator(config: bad).run()
        }
    }
}
