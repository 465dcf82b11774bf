import Foundation
import StrataCore
import Testing
@testable import StrataEngine

/// Timings of `score` over 4M events and `cluster` (K=4, 3 columns, 1M rows, 10 restarts);
/// run only on request, in release, like the operator benchmark:
/// `STRATA_BENCH=1 swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-score-rel`
/// then the test binary with `--testing-library swift-testing --filter ScoringBenchmark`.
@Suite("Scoring benchmark", .enabled(if: ProcessInfo.processInfo.environment["STRATA_BENCH"] == "1"))
struct ScoringBenchmarkTests {
    static func milliseconds(_ body: () throws -> Void) rethrows -> Double {
        let start = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }

    @Test func scoreFourMillionEvents() throws {
        var random = SeededRandom(seed: 1)
        let kinds = ["注册线索", "留电话", "白皮书", "活动", "官网访问", "邮件", "电话"]
        let rows = 4_000_000
        var keys = ContiguousArray<Int64>(), dates = ContiguousArray<Int32>(), codes = ContiguousArray<UInt32>()
        for _ in 0..<rows {
            keys.append(Int64(random.next() % 500_000) + 1)
            dates.append(ScoringHarness.asOf - Int32(random.next() % 400))
            codes.append(UInt32(random.next() % UInt64(kinds.count)))
        }
        let events = Table([("customer_id", Column(type: .int64, data: .int64(keys))),
                            ("date", Column(type: .date, data: .int32(dates))),
                            ("kind", Column(type: .string, data: .string(codes: codes, dictionary: StringDictionary(kinds))))])
        let h = ScoringHarness(["events": events], files: ["lead.csv": ScoringHarness.briefRules])
        var result: Table?
        let ms = try Self.milliseconds { result = try h.run("events | score customer_id by kind (rules \"lead.csv\", caps [官网访问 => 20])").table }
        print("score: 4M events, 500K keys: \(Int(ms)) ms")
        #expect((result?.rowCount ?? 0) > 499_000)  // a few keys draw no event
    }

    @Test func clusterOneMillionRows() throws {
        var random = SeededRandom(seed: 2)
        let rows = 1_000_000
        var recency = ContiguousArray<Int64>(), frequency = ContiguousArray<Int64>(), monetary = ContiguousArray<Int64>()
        for _ in 0..<rows {
            let group = random.next() % 4
            recency.append(Int64(group * 90 + random.next() % 120))
            frequency.append(Int64(1 + group * 3 + random.next() % 6))
            monetary.append(Int64((group + 1) * 50_000 + random.next() % 80_000))
        }
        let table = Table([("recency", Column(type: .int64, data: .int64(recency))),
                           ("frequency", Column(type: .int64, data: .int64(frequency))),
                           ("monetary", Column(type: .decimal(scale: 2), data: .int64(monetary)))])
        let h = ScoringHarness(["r": table])
        var report: ClusterReport?
        let ms = try Self.milliseconds {
            let run = try h.run("r | cluster 4 on recency, frequency, monetary (log, standardize, seed 7, restarts 10)")
            report = run.context.reports(of: ClusterReport.self).last
        }
        print("cluster: 1M rows, K=4, 3 columns, 10 restarts: \(Int(ms)) ms; \(report?.headline ?? "")")
        #expect(report?.sizes.reduce(0, +) == rows)
    }
}
