import Foundation
import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// A 12-value sweep over 1M customers; run only on request, in release:
/// `STRATA_BENCH=1 swift build -c release --build-tests -Xswiftc -enable-testing --scratch-path .build-whatif-rel`
/// then the test binary with `--testing-library swift-testing --filter WhatIfBenchmark`.
@Suite("WhatIf benchmark", .enabled(if: ProcessInfo.processInfo.environment["STRATA_BENCH"] == "1"))
struct WhatIfBenchmarkTests {
    @Test func twelveValueSweepOnOneMillionCustomers() throws {
        let rows = 1_000_000
        var random = SeededRandom(seed: 6)
        var recency = ContiguousArray<Int64>(repeating: 0, count: rows)
        var monetary = ContiguousArray<Int64>(repeating: 0, count: rows)
        var contact = ContiguousArray<Int32>(repeating: 0, count: rows)
        let asOf = CivilDate(year: 2026, month: 6, day: 30).days
        for row in 0..<rows {
            recency[row] = Int64.random(in: 0...1_500, using: &random)
            monetary[row] = Int64.random(in: 0...10_000_000, using: &random)
            contact[row] = asOf - Int32.random(in: 0...1_500, using: &random)
        }
        let session = Session()
        session.settings.asOf = asOf
        session.catalog.set("r", Table([
            ("customer_id", Column(type: .int64, data: .int64(ContiguousArray((0..<Int64(rows)).map { $0 })))),
            ("recency", Column(type: .int64, data: .int64(recency))),
            ("monetary", Column(type: .decimal(scale: 2), data: .int64(monetary))),
            ("last_contact_date", Column(type: .date, data: .int32(contact))),
        ]))
        for statement in ["whatif r | where recency > T for T in 30..360 step 30",
                          "whatif r | where days_since(last_contact_date) > T for T in 30..360 step 30"] {
            var best = Duration.seconds(1_000)
            for _ in 0..<5 {
                let started = ContinuousClock.now
                let outcome = session.execute(statement)
                best = min(best, ContinuousClock.now - started)
                #expect(outcome.succeeded, "\(outcome.error)")
            }
            guard case .whatif(let request) = try Parser.parse(statement),
                  case .fast(let fast) = try WhatIfFastPath.plan(try session.whatIfRunner(request)) else {
                Issue.record("no fast path for \(statement)")
                continue
            }
            let runner = try session.whatIfRunner(request)
            var runBest = Duration.seconds(1_000)
            var plainBest = Duration.seconds(1_000)
            for _ in 0..<5 {
                var started = ContinuousClock.now
                _ = try fast.run(runner)
                runBest = min(runBest, ContinuousClock.now - started)
                started = ContinuousClock.now
                _ = try runner.runPlain(reason: "")
                plainBest = min(plainBest, ContinuousClock.now - started)
            }
            print("  fast path alone: \(runBest); plain path: \(plainBest)")
            let explain = try session.explain(String(statement), offset: 0)
            print("\(statement): best of 5 \(best) — \(explain)")
        }
    }

    /// `compare` and `movers` over 1M customers: rows matched by source row (a filter) and by
    /// key (after a join).
    @Test func compareAndMoversOnOneMillionCustomers() throws {
        let rows = 1_000_000
        var random = SeededRandom(seed: 7)
        var recency = ContiguousArray<Int64>(repeating: 0, count: rows)
        var monetary = ContiguousArray<Int64>(repeating: 0, count: rows)
        var region = ContiguousArray<UInt32>(repeating: 0, count: rows)
        for row in 0..<rows {
            recency[row] = Int64.random(in: 0...1_500, using: &random)
            monetary[row] = Int64.random(in: 0...10_000_000, using: &random)
            region[row] = UInt32.random(in: 0..<8, using: &random)
        }
        var dictionary = StringDictionary()
        for name in ["华东", "华北", "华南", "华中", "西南", "西北", "东北", "海外"] { _ = dictionary.code(for: name) }
        let session = Session()
        session.catalog.set("r", Table([
            ("customer_id", Column(type: .int64, data: .int64(ContiguousArray((0..<Int64(rows)).map { $0 })))),
            ("recency", Column(type: .int64, data: .int64(recency))),
            ("monetary", Column(type: .decimal(scale: 2), data: .int64(monetary))),
            ("region", Column(type: .string, data: .string(codes: region, dictionary: dictionary))),
        ]))
        for statement in ["whatif r | where recency > T compare T = 60 vs T = 90",
                          "whatif r | where recency > T compare T = 60 vs T = 90 by region",
                          "let m = whatif r | where recency > T movers T = 60 vs T = 90",
                          "whatif r | group customer_id agg recency = min(recency), monetary = sum(monetary) | where recency > T compare T = 60 vs T = 90"] {
            var best = Duration.seconds(1_000)
            for _ in 0..<3 {
                let started = ContinuousClock.now
                let outcome = session.execute(statement)
                best = min(best, ContinuousClock.now - started)
                #expect(outcome.succeeded, "\(outcome.error)")
            }
            print("\(statement): best of 3 \(best)")
        }
    }
}
