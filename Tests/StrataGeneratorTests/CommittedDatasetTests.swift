import Foundation
import Testing
import StrataGenerator

/// The committed sets under datasets/ must be exactly what the generator makes today,
/// so they can never drift from the code (regenerate with the commands in datasets/README.md).
@Suite("Committed datasets")
struct CommittedDatasetTests {
    /// The repository's datasets/ folder, found from this file's location.
    static let datasets = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // StrataGeneratorTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("datasets", isDirectory: true)

    static let demoFiles = ["customers.csv", "orders.csv", "interactions.csv"]
    static let messyFiles = ["customers_gbk.csv", "customers_utf8bom.csv", "orders_gb18030.csv", "interactions_gbk.csv"]

    @Test("datasets/demo equals `strata gen --customers 2000 --orders 21000 --seed 42 --asof 2026-06-30`")
    func demo() throws {
        let fresh = try TestSupport.generate(customers: 2_000, orders: 21_000, seed: 42)
        try Self.compare(folder: "demo", files: Self.demoFiles, fresh: fresh)
    }

    @Test("datasets/messy equals `strata gen --customers 300 --orders 3000 --seed 42 --asof 2026-06-30 --style messy`")
    func messy() throws {
        let fresh = try TestSupport.generate(customers: 300, orders: 3_000, seed: 42, style: .messy)
        try Self.compare(folder: "messy", files: Self.messyFiles, fresh: fresh)
    }

    static func compare(folder: String, files: [String], fresh: TestSupport.GeneratedSet) throws {
        let committed = datasets.appendingPathComponent(folder, isDirectory: true)
        for name in files {
            let expected = try Data(contentsOf: committed.appendingPathComponent(name))
            let actual = try TestSupport.bytes(fresh, name)
            #expect(
                expected == actual,
                "datasets/\(folder)/\(name) differs from a fresh generation; regenerate it (see datasets/README.md)"
            )
        }
    }
}
