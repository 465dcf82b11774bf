import Foundation
import StrataCore
import Testing
@testable import StrataEngine

/// Export speed on 1M rows of a typical customer table; run on request, best in release:
/// `STRATA_BENCH=1 swift test --scratch-path .build-NAME --filter CSVExportBenchmark`.
/// Prints MB/s; asserts nothing about time.
@Suite("CSV export benchmark", .enabled(if: ProcessInfo.processInfo.environment["STRATA_BENCH"] == "1"))
struct CSVExportBenchmarkTests {
    @Test func oneMillionRows() throws {
        let rows = 1_000_000
        var random = TestRandom(seed: 11)
        var regions = StringDictionary()
        for name in ["华东", "华南", "华北", "西南", "东北", "=HYPERLINK(x)"] { _ = regions.code(for: name) }
        var names = StringDictionary()
        var nameCodes = ContiguousArray<UInt32>(repeating: 0, count: rows)
        for row in 0..<rows { nameCodes[row] = names.code(for: "客户\(row)") }
        let table = Table([
            ("customer_id", Column(type: .int64, data: .int64(ContiguousArray((0..<Int64(rows)).map { $0 + 1 })))),
            ("name", Column(type: .string, data: .string(codes: nameCodes, dictionary: names))),
            ("region", Column(type: .string, data: .string(codes: ContiguousArray((0..<rows).map { _ in UInt32(random.below(6)) }), dictionary: regions))),
            ("last_order", Column(type: .date, data: .int32(ContiguousArray((0..<rows).map { _ in Int32(19_000 + random.below(1_500)) })))),
            ("monetary", Column(type: .decimal(scale: 2), data: .int64(ContiguousArray((0..<rows).map { _ in Int64(random.int(-50_000...50_000_000)) })))),
        ])
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("bench.csv").path
        for excel in [false, true] {
            var best = Duration.seconds(1_000)
            var bytes = 0
            for _ in 0..<3 {
                let started = ContinuousClock.now
                bytes = try CSVExport.write(table, to: path, excel: excel).bytes
                best = min(best, ContinuousClock.now - started)
            }
            let seconds = Double(best.components.seconds) + Double(best.components.attoseconds) / 1e18
            print("CSV export 1M rows × 5 columns\(excel ? " (excel)" : ""): \(bytes / 1_000_000) MB in \(best), "
                + "\(Int(Double(bytes) / 1e6 / seconds)) MB/s")
        }
    }
}
