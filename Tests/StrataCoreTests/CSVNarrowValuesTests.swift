import Testing
@testable import StrataCore

/// Pass 1 writes integers and decimals as `Int32` while they fit, and widens a chunk's column
/// to `Int64` at the first value that does not: the loaded values and the column's storage
/// must not depend on where that value falls.
@Suite struct CSVNarrowValuesTests {
    /// Whether the column is stored in 32 bits.
    static func isNarrow(_ table: Table, _ name: String) -> Bool {
        if case .int32? = table.column(named: name)?.data { return true }
        return false
    }

    /// `rows` records of small ids and amounts, with `big` as the id of row `at` and the
    /// amount of the row after it (of the one before, at the end).
    static func file(rows: Int, big: (id: String, amount: String), at: Int) -> String {
        var text = "id,amount,day\n"
        let amountRow = at + 1 < rows ? at + 1 : at - 1
        for row in 0..<rows {
            let id = row == at ? big.id : (row % 97 == 0 ? "" : "\(row * 13 - 5000)")
            let amount = row == amountRow ? big.amount : "\(row % 5000).\(row % 100)"
            text += "\(id),\(amount),2024-03-\(10 + row % 19)\n"
        }
        return text
    }

    @Test func aValuePastThirtyTwoBitsWidensTheColumnWhereverItFalls() throws {
        let bigs: [(id: String, amount: String)] = [
            ("2147483648", "21474836.48"),   // one past Int32.max (in cents for the amount)
            ("-2147483649", "-21474836.49"),
            ("99999999999", "12345678901.25"),
        ]
        for big in bigs {
            for at in [0, 5, 700, 2_999] {
                let text = CSVNarrowValuesTests.file(rows: 3_000, big: big, at: at)
                let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1 }.table
                #expect(CSVTest.values(reference, "id")[at] == big.id)
                for chunkSize in [300, 9_000, 1 << 20] {
                    let table = try CSVTest.load(text) { $0.threads = 2; $0.chunkSize = chunkSize }.table
                    #expect(CSVParallelTests.snapshot(table) == CSVParallelTests.snapshot(reference),
                            "\(big.id) at \(at), chunk \(chunkSize)")
                    #expect(!CSVNarrowValuesTests.isNarrow(table, "id") && !CSVNarrowValuesTests.isNarrow(table, "amount"))
                    #expect(CSVTest.values(table, "id")[at] == big.id)
                    #expect(CSVTest.values(table, "amount").contains(big.amount))
                }
            }
        }
    }

    @Test func theThirtyTwoBitLimitsStayNarrow() throws {
        for big in [("2147483647", "21474836.47"), ("-2147483648", "-21474836.48")] {
            let text = CSVNarrowValuesTests.file(rows: 2_000, big: big, at: 1_000)
            let table = try CSVTest.load(text) { $0.threads = 2; $0.chunkSize = 5_000 }.table
            #expect(CSVNarrowValuesTests.isNarrow(table, "id") && CSVNarrowValuesTests.isNarrow(table, "amount"))
            #expect(CSVTest.values(table, "id")[1_000] == big.0 && CSVTest.values(table, "amount")[1_001] == big.1)
            let reference = try CSVTest.load(text) { $0.speculate = false; $0.threads = 1 }.table
            #expect(CSVParallelTests.snapshot(table) == CSVParallelTests.snapshot(reference))
        }
    }

    @Test func aLaterScaleThatOverflowsThirtyTwoBitsWidensTheValuesSoFar() throws {
        // 21474836.47 is Int32.max cents; a third fraction digit makes it 214748364,70 tenths
        // of a cent, past 32 bits, so the chunk's values are widened before rescaling.
        var text = "amount,n\n"
        for row in 0..<500 { text += "\(row == 3 ? "21474836.47" : "\(row).25"),\(row)\n" }
        text += "1.125,500\n"
        for chunkSize in [100, 1 << 20] {
            let table = try CSVTest.load(text) { $0.threads = 1; $0.chunkSize = chunkSize }.table
            #expect(CSVTest.type(table, "amount") == .decimal(scale: 3))
            #expect(!CSVNarrowValuesTests.isNarrow(table, "amount"))
            let values = CSVTest.values(table, "amount")
            #expect(values[3] == "21474836.470" && values[4] == "4.250" && values[500] == "1.125")
        }
    }

    @Test func valueBuffersWidenInPlaceKeepingEveryValue() {
        let buffers = CSVValueBuffers(columnCount: 1, expectedRows: 100)
        buffers.setWidth(0, 4)
        for index in 0..<1_000 { buffers.appendNumber(0, Int64(index) - 500) }
        #expect(buffers.width(0) == 4)
        buffers.appendNumber(0, Int64(Int32.max) + 1)
        #expect(buffers.width(0) == 8)
        for index in 0..<1_000 { buffers.appendNumber(0, -Int64(index)) }
        let values = buffers.array(0, as: Int64.self)
        #expect(values.count == 2_001)
        #expect(values[0] == -500 && values[999] == 499 && values[1_000] == Int64(Int32.max) + 1 && values[2_000] == -999)
    }
}
