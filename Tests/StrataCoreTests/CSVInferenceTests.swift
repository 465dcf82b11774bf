import Testing
@testable import StrataCore

@Suite("CSV type inference and value parsing")
struct CSVInferenceTests {
    @Test func integersDecimalsAndDoubles() throws {
        let table = try CSVTest.load("i,d,m,e,f\n1,1.5,2,1e3,0.1234567891\n-20,2.25,3.125,2.5E-2,1\n").table
        #expect(CSVTest.type(table, "i") == .int64)
        #expect(CSVTest.type(table, "d") == .decimal(scale: 2))
        #expect(CSVTest.values(table, "d") == ["1.50", "2.25"])
        #expect(CSVTest.type(table, "m") == .decimal(scale: 3))
        #expect(CSVTest.type(table, "e") == .double)
        #expect(CSVTest.values(table, "e") == ["1000", "0.025"])
        #expect(CSVTest.type(table, "f") == .double)
    }

    @Test func moneyWithCurrencyAndThousands() throws {
        let text = "amount\n\"¥1,234.50\"\n￥99\n$-5\n\"-€1,000\"\n£0.5\n\"1,234,567.5\"\n"
        let table = try CSVTest.load(text).table
        #expect(CSVTest.type(table, "amount") == .decimal(scale: 2))
        #expect(CSVTest.values(table, "amount") == ["1234.50", "99.00", "-5.00", "-1000.00", "0.50", "1234567.50"])
    }

    @Test func amountsWrittenWithYuanAreMoney() throws {
        let text = "金额,n\n176.12元,1\n12元,2\n\"1,234.50 元\",3\n-5.5元,4\n¥3元,5\n,6\n"
        for speculate in [false, true] {
            let table = try CSVTest.load(text) { $0.speculate = speculate }.table
            #expect(CSVTest.type(table, "金额") == .decimal(scale: 2))
            #expect(CSVTest.values(table, "金额") == ["176.12", "12.00", "1234.50", "-5.50", "3.00", "∅"])
        }
        // 元 alone, inside a number or with an exponent is not an amount.
        for text in ["a\n元\n", "a\n1元2\n", "a\n1e3元\n", "a\n元5\n"] {
            #expect(try CSVTest.type(CSVTest.load(text).table, "a") == .string, "\(text)")
        }
    }

    @Test func badGroupingIsNotANumber() throws {
        let table = try CSVTest.load("a\n\"1,234.5.6\"\n\"12,34\"\nx\n").table
        #expect(CSVTest.type(table, "a") == .string)
    }

    @Test func leadingZerosAndPhonesStayText() throws {
        let table = try CSVTest.load("zip,code,phone,联系电话,hotel\n007,0,13800138000,13900000000,1\n100,1,13800138001,13900000001,2\n").table
        #expect(CSVTest.type(table, "zip") == .string)
        #expect(CSVTest.values(table, "zip") == ["007", "100"])
        #expect(CSVTest.type(table, "code") == .int64)
        #expect(CSVTest.type(table, "phone") == .string)
        #expect(CSVTest.type(table, "联系电话") == .string)
        #expect(CSVTest.type(table, "hotel") == .int64)
    }

    @Test func hugeIntegersAreIdentifiers() throws {
        let table = try CSVTest.load("id\n123456789012345678901\n5\n").table
        #expect(CSVTest.type(table, "id") == .string)
    }

    @Test func dateShapes() throws {
        let text = "d\n2024-01-05\n2024/1/5\n2024.1.5\n2024年1月5日\n2024年12月31\n"
        let table = try CSVTest.load(text).table
        #expect(CSVTest.type(table, "d") == .date)
        #expect(CSVTest.values(table, "d") == ["2024-01-05", "2024-01-05", "2024-01-05", "2024-01-05", "2024-12-31"])
    }

    @Test func timestampsAndMixedDateColumn() throws {
        let text = "t\n2024-01-05 13:45\n2024-01-05T13:45:07\n2024-01-06\n2024/1/5 9:05:00.250\n"
        let table = try CSVTest.load(text).table
        #expect(CSVTest.type(table, "t") == .timestamp)
        #expect(CSVTest.values(table, "t") == ["2024-01-05 13:45:00", "2024-01-05 13:45:07", "2024-01-06 00:00:00",
                                                "2024-01-05 09:05:00.250000"])
    }

    @Test func customDateFormat() throws {
        let table = try CSVTest.load("d,t\n5/1/2024,31/12/2023 23:59\n") { $0.dateFormat = "d/M/yyyy" }.table
        #expect(CSVTest.values(table, "d") == ["2024-01-05"])
        #expect(CSVTest.values(table, "t") == ["2023-12-31 23:59:00"])
        let withTime = try CSVTest.load("t\n2024/01/05 13:45\n") { $0.dateFormat = "yyyy/MM/dd HH:mm" }.table
        #expect(CSVTest.values(withTime, "t") == ["2024-01-05 13:45:00"])
        #expect(CSVTest.failure("d\n1\n") { $0.dateFormat = "yy-M-d" }?.message.contains("not a pattern token") == true)
    }

    @Test func booleans() throws {
        let table = try CSVTest.load("b,n\ntrue,0\nFALSE,1\nyes,1\nNo,0\n").table
        #expect(CSVTest.type(table, "b") == .bool)
        #expect(CSVTest.values(table, "b") == ["true", "false", "true", "false"])
        #expect(CSVTest.type(table, "n") == .int64)
    }

    @Test func nullsDoNotCountAndAllNullIsString() throws {
        let table = try CSVTest.load("a,b\n,NULL\n5,\nNA,\n").table
        #expect(CSVTest.type(table, "a") == .int64)
        #expect(CSVTest.values(table, "a") == ["∅", "5", "∅"])
        #expect(CSVTest.type(table, "b") == .string)
    }

    @Test func ninetyNinePercentRule() throws {
        // 199 integers and one text: 99.5% → integer column with one bad value.
        let rows = (1...199).map(String.init) + ["oops"]
        let diagnostic = CSVTest.failure("n\n" + rows.joined(separator: "\n") + "\n")
        #expect(diagnostic?.message == "column \"n\": expected an integer, found \"oops\"")
        #expect(diagnostic?.position == "201:1")
        // 98 integers and 2 texts: below 99% → text column.
        let mixed = (1...98).map(String.init) + ["a", "b"]
        #expect(CSVTest.type(try CSVTest.load("n\n" + mixed.joined(separator: "\n")).table, "n") == .string)
    }

    @Test func overrides() throws {
        let table = try CSVTest.load("zip,amount,flag,phone\n007,1.234,1,138\n008,2,0,139\n") {
            $0.types = ["zip": .int64, "amount": .decimal(scale: 2), "flag": .string, "phone": .int64]
        }.table
        #expect(CSVTest.values(table, "zip") == ["7", "8"])
        // A decimal override widens to the digits present, so nothing is rounded.
        #expect(CSVTest.type(table, "amount") == .decimal(scale: 3))
        #expect(CSVTest.values(table, "amount") == ["1.234", "2.000"])
        #expect(CSVTest.type(table, "flag") == .string)
        #expect(CSVTest.type(table, "phone") == .int64)
        let diagnostic = CSVTest.failure("a,b\n1,x\n") { $0.types = ["a": .date] }
        #expect(diagnostic?.message == "column \"a\": expected a date, found \"1\"")
        #expect(diagnostic?.position == "2:1")
        let unknown = CSVTest.failure("a,b\n1,x\n") { $0.types = ["amout": .int64] }
        #expect(unknown?.message == "types (amout ...): the file has no column \"amout\"")
    }

    @Test func decimalSumIsExactToTheCent() throws {
        var text = "amount\n"
        var expectedCents: Int64 = 0
        for index in 0..<20_000 {
            let cents = Int64(index * 7919 % 100_000) - 20_000
            expectedCents += cents
            let sign = cents < 0 ? "-" : ""
            let magnitude = cents.magnitude
            let fraction = magnitude % 100 < 10 ? "0\(magnitude % 100)" : "\(magnitude % 100)"
            text += "\(sign)¥\(magnitude / 100).\(fraction)\n"
        }
        let table = try CSVTest.load(text) { $0.chunkSize = 4096 }.table
        #expect(CSVTest.type(table, "amount") == .decimal(scale: 2))
        // Scaled integers (stored narrow when they fit in 32 bits).
        guard let values = table.column(named: "amount")?.data.int64Values else {
            Issue.record("amount is missing")
            return
        }
        #expect(values.reduce(0, +) == expectedCents)
        // 0.1 summed ten thousand times is exactly 1000.
        let tenths = "x\n" + String(repeating: "0.1\n", count: 10_000)
        let units = try CSVTest.load(tenths).table.column(named: "x")?.data.int64Values ?? []
        #expect(NumberText.decimal(units.reduce(0, +), scale: 1) == "1000.0")
    }
    /// Integer and decimal columns come out of the assembler narrow (`Int32`) when every chunk's
    /// values fit, wide when one value anywhere does not; the values are the same either way.
    @Test func assemblerNarrowsColumnsThatFitInThirtyTwoBits() throws {
        var text = "id,amount,big\n"
        var ids: [Int64] = [], cents: [Int64] = [], bigs: [Int64] = []
        for row in 0..<5_000 {
            let id = Int64(row) * 397 - 900_000
            let amount = Int64(row % 977) * 101 - 20_000
            let big = row == 4_321 ? Int64(Int32.max) + 1 : Int64(row)
            ids.append(id); cents.append(amount); bigs.append(big)
            text += "\(id),\(NumberText.decimal(amount, scale: 2)),\(row % 10 == 3 ? "" : "\(big)")\n"
        }
        for threads in [1, 2] {
            let table = try CSVTest.load(text) { $0.chunkSize = 4096; $0.threads = threads }.table
            let id = try #require(table.column(named: "id")), amount = try #require(table.column(named: "amount"))
            let big = try #require(table.column(named: "big"))
            #expect(id.isNarrow && amount.isNarrow && !big.isNarrow)
            #expect(id.data.int64Values == ContiguousArray(ids))
            #expect(amount.data.int64Values == ContiguousArray(cents))
            for row in [0, 3, 4_321, 4_999] {
                #expect(big.value(at: row) == (row % 10 == 3 ? .null : .int(bigs[row])))
            }
        }
    }
    /// String columns come out of the assembler with the narrowest codes their merged dictionary
    /// allows (256 texts: 8 bits; 300: 16 bits), across chunks and threads, nulls included.
    @Test func assemblerNarrowsDictionaryCodes() throws {
        var text = "small,large\n"
        for row in 0..<6_000 {
            text += row % 7 == 5 ? "," : "s\(row % 256),"
            text += "类\(row % 300)\n"
        }
        for threads in [1, 2] {
            let table = try CSVTest.load(text) { $0.chunkSize = 4096; $0.threads = threads }.table
            let small = try #require(table.column(named: "small")), large = try #require(table.column(named: "large"))
            guard case .string(let smallCodes, let smallDictionary) = small.data,
                  case .string(let largeCodes, _) = large.data else {
                Issue.record("not string columns")
                return
            }
            #expect(smallCodes.elementSize == 1 && largeCodes.elementSize == 2)
            #expect(smallDictionary.count == 256)
            for row in [0, 5, 255, 256, 4_999, 5_999] {
                #expect(small.value(at: row) == (row % 7 == 5 ? .null : .string("s\(row % 256)")))
                #expect(large.value(at: row) == .string("类\(row % 300)"))
            }
        }
    }
}
