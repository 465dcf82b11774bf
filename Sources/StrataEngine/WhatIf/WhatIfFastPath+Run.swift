import StrataCore

extension WhatIfFastPath {
    /// Filters once by the other conditions, tallies rows and sums per threshold slot in one
    /// pass, and reads every value's count and sum off prefix sums.
    /// - Complexity: O(rows × log values) after the base filter.
    func run(_ runner: WhatIfRunner) throws -> WhatIfResult {
        let request = runner.request
        let sourceRows = try runner.execute(try runner.binder.bind(request.pipeline.source)).rowCount
        let table = try runner.execute(base)
        let keys: Column
        if case .column(let index, _) = key { keys = table.columns[index] } else {
            keys = try ExpressionEvaluator.evaluate(key, on: table)
        }
        let moneyColumn = money.flatMap { table.column(named: $0.name) }
        // `key > t` and `key <= t` split at the thresholds below the key; `>=` and `<` at
        // those at or below it.
        let countEqual = op == .greaterOrEqual || op == .less
        let tally: Tally
        switch thresholds {
        case .integers(let values):
            let sorted = Array(Set(values)).sorted()
            switch keys.data {
            case .int64(let data):
                tally = try Tally.histogram(keys: data, validity: keys.validity, thresholds: sorted, countEqual: countEqual, money: moneyColumn)
                    ?? Tally.run(keys: data, validity: keys.validity, thresholds: sorted, countEqual: countEqual, money: moneyColumn)
            case .int32(let data):
                let narrow = sorted.map { Int32(clamping: $0) }
                // Dates and narrow integers: a threshold out of the Int32 range (never a date
                // literal) takes the plain path.
                guard narrow.map(Int64.init) == sorted else { return try runner.runPlain(reason: "threshold out of the key's range") }
                tally = try Tally.histogram(keys: data, validity: keys.validity, thresholds: narrow, countEqual: countEqual, money: moneyColumn)
                    ?? Tally.run(keys: data, validity: keys.validity, thresholds: narrow, countEqual: countEqual, money: moneyColumn)
            default:
                return try runner.runPlain(reason: "unexpected key storage")
            }
            return try result(tally, order: values.map { sorted.firstIndex(of: $0) ?? 0 }, runner, sourceRows)
        case .doubles(let values):
            let sorted = Array(Set(values)).sorted()
            guard case .double(let data) = keys.data else { return try runner.runPlain(reason: "unexpected key storage") }
            if data.contains(where: { $0.isNaN }) { return try runner.runPlain(reason: "the key has NaN values") }
            tally = try Tally.run(keys: data, validity: keys.validity, thresholds: sorted, countEqual: countEqual, money: moneyColumn)
            return try result(tally, order: values.map { sorted.firstIndex(of: $0) ?? 0 }, runner, sourceRows)
        }
    }

    /// Each value's count and sum: slots above it for `>`/`>=`, at or below it for `<`/`<=`.
    func result(_ tally: Tally, order: [Int], _ runner: WhatIfRunner, _ sourceRows: Int) throws -> WhatIfResult {
        let slots = tally.counts.count
        var countAbove = [Int](repeating: 0, count: slots + 1)
        var sumAbove = [Int128](repeating: 0, count: slots + 1)
        for slot in stride(from: slots - 1, through: 0, by: -1) {
            countAbove[slot] = countAbove[slot + 1] + tally.counts[slot]
            sumAbove[slot] = sumAbove[slot + 1] + tally.sums[slot]
        }
        let upward = op == .greater || op == .greaterOrEqual
        var result = WhatIfResult(parameterNames: [parameter], combinations: [], counts: [], sourceRows: sourceRows,
                                  money: money, sums: [], countName: WhatIfSum.countName(for: base.schema),
                                  path: .fast(summary))
        result.keyText = keyText
        let range = runner.sumColumn?.range ?? runner.request.pipeline.range
        for (literal, threshold) in zip(runner.request.parameters[0].values, order) {
            result.combinations.append(try runner.boundValues([literal]))
            // Threshold j (sorted) holds for keys in slots j+1… (upward) or 0…j (downward).
            let count = upward ? countAbove[threshold + 1] : countAbove[0] - countAbove[threshold + 1]
            let sum = upward ? sumAbove[threshold + 1] : sumAbove[0] - sumAbove[threshold + 1]
            result.counts.append(count)
            if let money {
                result.sums.append(.int(try WhatIfSum.narrow(sum, name: money.name, range: range)))
            }
        }
        return result
    }
}

/// Rows and money per threshold slot: slot b holds the keys with b thresholds below them
/// (or at or below them, with `countEqual`).
struct Tally {
    var counts: [Int]
    var sums: [Int128]

    /// - Complexity: O(rows × thresholds) up to 32 thresholds (a branchless count that the
    ///   compiler vectorises), O(rows × log thresholds) beyond; checks for cancellation every
    ///   64K rows.
    static func run<Key: Comparable>(
        keys: ContiguousArray<Key>, validity: Bitmap?, thresholds: [Key], countEqual: Bool, money: Column?
    ) throws -> Tally {
        // Narrow money (Int32 storage of an integer or decimal column) is read as it is.
        if let money, money.isNarrow, case .int32(let units) = money.data {
            return try run(keys: keys, validity: validity, thresholds: thresholds, countEqual: countEqual,
                           moneyUnits: units, moneyValidity: money.validity)
        }
        var moneyUnits: ContiguousArray<Int64> = []
        if case .int64(let units) = money?.data { moneyUnits = units }
        return try run(keys: keys, validity: validity, thresholds: thresholds, countEqual: countEqual,
                       moneyUnits: moneyUnits, moneyValidity: money?.validity)
    }

    private static func run<Key: Comparable, Unit: FixedWidthInteger>(
        keys: ContiguousArray<Key>, validity: Bitmap?, thresholds: [Key], countEqual: Bool,
        moneyUnits: ContiguousArray<Unit>, moneyValidity: Bitmap?
    ) throws -> Tally {
        let slots = thresholds.count + 1
        let counts = UnsafeMutableBufferPointer<Int>.allocate(capacity: slots)
        let sums = UnsafeMutableBufferPointer<Int128>.allocate(capacity: slots)
        counts.initialize(repeating: 0)
        sums.initialize(repeating: 0)
        defer {
            counts.deallocate()
            sums.deallocate()
        }
        let hasMoney = !moneyUnits.isEmpty
        let rowCount = keys.count
        try keys.withUnsafeBufferPointer { keyBuffer in
            try thresholds.withUnsafeBufferPointer { bounds in
                try moneyUnits.withUnsafeBufferPointer { units in
                    var start = 0
                    while start < rowCount {
                        try Cancellation.check()
                        let end = min(start + 65_536, rowCount)
                        // Constant flags so that each call inlines into a loop of its own.
                        if countEqual {
                            tally(start..<end, keyBuffer, validity, bounds, true, hasMoney, units, moneyValidity, counts, sums)
                        } else {
                            tally(start..<end, keyBuffer, validity, bounds, false, hasMoney, units, moneyValidity, counts, sums)
                        }
                        start = end
                    }
                }
            }
        }
        return Tally(counts: Array(counts), sums: Array(sums))
    }

    /// One chunk: every row's slot (a column-wise count over the thresholds, which the
    /// compiler vectorises; binary search past 32 thresholds), then counts and sums by slot.
    @inline(__always)
    static func tally<Key: Comparable, Unit: FixedWidthInteger>(
        _ rows: Range<Int>, _ keys: UnsafeBufferPointer<Key>, _ validity: Bitmap?, _ bounds: UnsafeBufferPointer<Key>,
        _ countEqual: Bool, _ hasMoney: Bool, _ units: UnsafeBufferPointer<Unit>, _ moneyValidity: Bitmap?,
        _ counts: UnsafeMutableBufferPointer<Int>, _ sums: UnsafeMutableBufferPointer<Int128>
    ) {
        withUnsafeTemporaryAllocation(of: UInt16.self, capacity: rows.count) { slots in
            let base = rows.lowerBound
            let chunk = UnsafeBufferPointer(rebasing: keys[rows])
            if bounds.count <= 32 {
                slots.initialize(repeating: 0)
                for bound in bounds {
                    if countEqual {
                        for index in 0..<chunk.count { slots[index] &+= bound <= chunk[index] ? 1 : 0 }
                    } else {
                        for index in 0..<chunk.count { slots[index] &+= bound < chunk[index] ? 1 : 0 }
                    }
                }
            } else {
                for index in 0..<chunk.count {
                    let key = chunk[index]
                    var low = 0
                    var high = bounds.count
                    while low < high {
                        let middle = (low &+ high) >> 1
                        if countEqual ? bounds[middle] <= key : bounds[middle] < key { low = middle &+ 1 } else { high = middle }
                    }
                    slots[index] = UInt16(truncatingIfNeeded: low)
                }
            }
            if validity == nil, moneyValidity == nil, hasMoney {
                // The common case, kept free of per-row checks.
                let money = UnsafeBufferPointer(rebasing: units[rows])
                for index in 0..<chunk.count {
                    let slot = Int(slots[index])
                    counts[slot] &+= 1
                    sums[slot] &+= Int128(money[index])
                }
                return
            }
            for index in 0..<chunk.count {
                if let validity, !validity[base &+ index] { continue }
                let slot = Int(slots[index])
                counts[slot] &+= 1
                if hasMoney, moneyValidity?[base &+ index] ?? true { sums[slot] &+= Int128(units[base &+ index]) }
            }
        }
    }
}
