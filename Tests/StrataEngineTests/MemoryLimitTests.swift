@testable import StrataCore
import StrataLang
import Testing
@testable import StrataEngine

/// Work that cannot fit in memory stops with a clear error before it is built.
@Suite struct MemoryLimitTests {
    @Test func sizesParseWithUnits() {
        #expect(MemoryBudget.parseSize("1048576") == 1 << 20)
        #expect(MemoryBudget.parseSize("512M") == 512 << 20)
        #expect(MemoryBudget.parseSize(" 2g ") == 2 << 30)
        #expect(MemoryBudget.parseSize("lots") == nil)
        #expect(MemoryBudget.parseSize("-1") == nil)
        #expect(MemoryBudget.parseSize("99999999999999999999T") == nil)
    }

    @Test func theEnvironmentOverridesTheBudget() {
        #expect(MemoryBudget.available(environment: ["STRATA_MEMORY_LIMIT": "300M"]) == 300 << 20)
        #expect(MemoryBudget.available(environment: [:]) >= 64 << 20)
    }

    @Test func bytesFormatInDecimalUnits() {
        #expect(MemoryBudget.format(745_000) == "745 kB")
        #expect(MemoryBudget.format(1_300_000_000_000) == "1.3 TB")
        #expect(MemoryBudget.format(23_400_000_000) == "23 GB")
        #expect(MemoryBudget.format(12) == "12 bytes")
    }

    /// 200,000 rows with one key on each side would make 40 billion rows: refused up front,
    /// naming the count, before any of it is allocated.
    @Test func aJoinOfRepeatedKeysThatCannotFitIsRefused() throws {
        let rows = 200_000
        let table = Table(fields: [Field(name: "k", type: .int64), Field(name: "v", type: .int64)],
                          columns: [Column(type: .int64, data: .int64(ContiguousArray(repeating: 1, count: rows))),
                                    Column(type: .int64, data: .int64(ContiguousArray(0..<Int64(rows))))])
        #expect {
            _ = try JoinOperator.run(table, table, leftKeys: [0], rightKeys: [0], kind: .inner)
        } throws: { error in
            let message = (error as? Diagnostic)?.message ?? ""
            return message.contains("join would make 40,000,000,000 rows") && message.contains("duplicates KEY")
        }
    }

    /// Repeated keys that fit still join, and the counting pass sizes the output exactly.
    @Test func aJoinOfRepeatedKeysThatFitsMatchesEveryPair() throws {
        let left = Table(fields: [Field(name: "k", type: .int64)],
                         columns: [Columns.int([1, 1, 2, nil, 3])])
        let right = Table(fields: [Field(name: "k", type: .int64), Field(name: "w", type: .int64)],
                          columns: [Columns.int([1, 2, 1, 2, 1]), Columns.int([10, 20, 30, 40, 50])])
        let inner = try JoinOperator.run(left, right, leftKeys: [0], rightKeys: [0], kind: .inner)
        #expect(inner.rowCount == 3 + 3 + 2)
        let leftJoin = try JoinOperator.run(left, right, leftKeys: [0], rightKeys: [0], kind: .left)
        #expect(leftJoin.rowCount == 3 + 3 + 2 + 1 + 1)
    }
}
