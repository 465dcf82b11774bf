import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// The fast path must give exactly the plain path's numbers.
@Suite struct WhatIfFastPathTests {
    /// A random table with ties and nulls: `k` (integers 0…20), `d` (decimal(2)), `day` (dates
    /// around the analysis date), `x` (doubles), `g` (a string), `amount` (decimal(2)).
    static func session(seed: UInt64, rows: Int) -> Session {
        var random = SeededRandom(seed: seed)
        func maybe(_ value: Value) -> Value { Int.random(in: 0..<6, using: &random) == 0 ? .null : value }
        var k: [Value] = [], d: [Value] = [], day: [Value] = [], x: [Value] = [], g: [Value] = [], amount: [Value] = []
        for _ in 0..<rows {
            k.append(maybe(.int(Int64.random(in: 0...20, using: &random))))
            d.append(maybe(.decimal(Int64.random(in: -500...2_000, using: &random), scale: 2)))
            day.append(maybe(.date(BinderTest.asOf - Int32.random(in: 0...200, using: &random))))
            x.append(maybe(.double(Double(Int.random(in: -40...40, using: &random)) / 4)))
            g.append(.string(["华东", "华北", "west"][Int.random(in: 0..<3, using: &random)]))
            amount.append(maybe(.decimal(Int64.random(in: -10_000...1_000_000, using: &random), scale: 2)))
        }
        let session = Session(workingDirectory: "/")
        _ = session.execute(".asof 2026-06-30")
        session.catalog.set("t", Table([
            ("k", WhatIfTable.column(k, type: .int64)), ("d", WhatIfTable.column(d, type: .decimal(scale: 2))),
            ("day", WhatIfTable.column(day, type: .date)), ("x", WhatIfTable.column(x, type: .double)),
            ("g", WhatIfTable.column(g, type: .string)),
            // Spread wider than the histogram takes: the slot-count path.
            ("w", WhatIfTable.column(k.map { if case .int(let v) = $0 { .int(v * 1_000_000) } else { .null } }, type: .int64)), ("amount", WhatIfTable.column(amount, type: .decimal(scale: 2))),
        ]))
        return session
    }

    static let statements = [
        "whatif t | where k > P for P in [-1, 0, 5, 5, 10, 20, 21]",
        "whatif t | where k >= P for P in 0..21 step 3",
        "whatif t | where k < P for P in [3, 7.5, 7, 8]",
        "whatif t | where k <= P for P in [3, 7.5, -0.5, 7, 8]",
        "whatif t | where P < k and g != \"west\" for P in [2.25, 10, 19.99]",
        "whatif t | where P >= d for P in [0, 1.5, 3.333, -2, 19.99]",
        "whatif t | where d > P and k > 3 | where g == \"华东\" for P in [0, 1.5, 3.333, -2]",
        "whatif t | where days_since(day) > P for P in 0..200 step 25",
        "whatif t | where days_since(day) <= P for P in [30, 60, 90]",
        "whatif t | where x > P for P in [-5, 0, 3, 10]",
        "whatif t | where day >= P for P in [2026-01-01, 2026-06-30, 2026-03-15]",
        "whatif t | where k * 2 + 1 > P for P in [1, 9, 30]",
        "whatif t | where k > P for P in [4, 8] (sum d)",
        "whatif t | where k >= P for P in -5..40",
        "whatif t | where w > P for P in [0, 4000000, 4000001, 19999999]",
        "whatif t | where w <= P for P in -10000000..30000000 step 1000000",
        "whatif t | where P > d for P in -600..2100 step 7",
    ]

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func fastPathEqualsPlainPath(seed: UInt64) throws {
        let session = WhatIfFastPathTests.session(seed: seed, rows: 300 + Int(seed) * 997)
        for statement in WhatIfFastPathTests.statements {
            guard case .whatif(let request) = try Parser.parse(statement) else {
                Issue.record("not a whatif: \(statement)")
                continue
            }
            let runner = try session.whatIfRunner(request)
            guard case .fast(let fast) = try WhatIfFastPath.plan(runner) else {
                Issue.record("plain path for \(statement)")
                continue
            }
            let quick = try fast.run(runner)
            let plain = try runner.runPlain(reason: "test")
            #expect(quick.sameNumbers(as: plain), "\(statement)\nfast \(quick.counts) \(quick.sums)\nplain \(plain.counts) \(plain.sums)")
            #expect(quick.counts.contains { $0 > 0 }, "\(statement)")
        }
    }

    @Test(arguments: [
        ("whatif t | where k > P | sort k for P in [1]", "verbs other than where"),
        ("whatif t | where k > P or g == \"west\" for P in [1]", "single comparison"),
        ("whatif t | where k > P and k < P + 5 for P in [1]", "single comparison"),
        ("whatif t | where k > P and d > Q for P in [1], Q in [2]", "grid"),
        ("whatif t | where k > P (sum x) for P in [1]", ""),
        ("whatif t | where k > P for P in [1] (sum x)", "double"),
        ("whatif t | where x > P for P in [1.5]", "inexactly"),
    ])
    func otherShapesTakeThePlainPath(statement: String, reason: String) throws {
        let session = WhatIfFastPathTests.session(seed: 9, rows: 50)
        guard case .whatif(let request) = try? Parser.parse(statement) else { return }
        let explained = try session.explainWhatIf(request)
        #expect(explained.contains("plain path") && explained.contains(reason), "\(explained)")
    }
}
