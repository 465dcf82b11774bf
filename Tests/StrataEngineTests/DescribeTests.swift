import StrataCore
import Testing
@testable import StrataEngine

@Suite("Describe")
struct DescribeTests {
    /// Row `row` of the profile as display strings ("" for null).
    /// The profile cells of one row, without `flags` (DescribeFlagsTests covers those).
    private func cells(_ profile: Table, row: Int) -> [String] {
        profile.columns.dropLast().map { $0.value(at: row).description }
    }

    @Test func profileHasOneRowPerColumnInOrder() {
        let profile = Describe.profile(RenderFixture.mixed)
        #expect(profile.columnNames == ["column", "type", "nulls", "distinct", "min", "max", "example", "flags"])
        #expect(profile.fields.map(\.type) == [.string, .string, .int64, .int64, .string, .string, .string, .string])
        #expect(profile.rowCount == 8)
        #expect(cells(profile, row: 0) == ["customer_id", "integer", "0", "3", "1001", "1003", "1001"])
        #expect(cells(profile, row: 1) == ["name", "string", "1", "2", "Li \"Lee\", Jr.", "王芳", "王芳"])
        #expect(cells(profile, row: 2) == ["tier", "string", "0", "3", "VIP客户 A|B\\nx", "重要价值客户", "重要价值客户"])
        #expect(cells(profile, row: 3) == ["amount", "decimal(2)", "1", "2", "-0.05", "1,234,567.50", "1,234,567.50"])
        #expect(cells(profile, row: 4) == ["orders", "integer", "0", "3", "0", "12,345", "12,345"])
        #expect(cells(profile, row: 5) == ["score", "double", "0", "3", "2.5e-07", "1,234,567.125", "0.333333"])
        #expect(cells(profile, row: 6) == ["signup", "date", "0", "3", "1970-01-01", "2026-06-30", "2026-06-30"])
        #expect(cells(profile, row: 7) == ["vip", "boolean", "1", "1", "true", "true", "true"])
    }

    @Test func nullsAreSkippedEverywhere() {
        // The null rows hold values (9, 重要价值客户) that must not leak into the statistics.
        let tier = Column(type: .string,
                          data: .string(codes: [0, 1, 1, 0, 2], dictionary: StringDictionary(["重要价值客户", "沉睡客户", "高潜"])),
                          validity: RenderFixture.validity([false, true, true, false, true]))
        let table = Table([
            ("spend", Column(type: .int64, data: .int64([9, 5, 5, 9_999, 9]),
                             validity: RenderFixture.validity([false, true, true, true, false]))),
            ("tier", tier),
            ("last", Column(type: .date, data: .int32([0, 0, 0, 0, 0]),
                            validity: RenderFixture.validity([false, false, false, false, false]))),
        ])
        let profile = Describe.profile(table)
        #expect(cells(profile, row: 0) == ["spend", "integer", "2", "2", "5", "9,999", "5"])
        #expect(cells(profile, row: 1) == ["tier", "string", "2", "2", "沉睡客户", "高潜", "沉睡客户"])
        #expect(cells(profile, row: 2) == ["last", "date", "5", "0", "", "", ""])
        #expect(profile.columns[4].isNull(2) && profile.columns[6].isNull(2))
    }

    @Test func wideRangesUseTheHashSetAndAgreeWithSet() {
        var generator = TestRandom(seed: 7)
        let values = ContiguousArray((0..<5_000).map { _ in Int64(bitPattern: generator.next() % 3_000) &* 1_000_000_007 &- (1 << 40) })
        let table = Table([("v", Column(type: .int64, data: .int64(values))),
                           ("t", Column(type: .timestamp, data: .int64([Int64.min, Int64.max, 0, 0, Int64.min] + Array(repeating: 1, count: 4_995))))])
        let profile = Describe.profile(table)
        #expect(profile.columns[3].value(at: 0) == .int(Int64(Set(values).count)))
        #expect(profile.columns[3].value(at: 1) == .int(4))
    }

    @Test func denseRangesCountExactly() {
        let values = ContiguousArray<Int32>((0..<10_000).map { Int32($0 % 365) - 100 })
        let profile = Describe.profile(Table([("d", Column(type: .date, data: .int32(values)))]))
        #expect(cells(profile, row: 0) == ["d", "date", "0", "365", "1969-09-23", "1970-09-22", "1969-09-23"])
    }

    @Test func doublesTreatSignedZeroAsOneValueAndIgnoreNaNForRange() {
        let table = Table([
            ("x", Column(type: .double, data: .double([0.0, -0.0, .nan, .nan, 2.5, -1]))),
            ("y", Column(type: .double, data: .double([.nan, .nan, .nan, .nan, .nan, .nan]))),
        ])
        let profile = Describe.profile(table)
        #expect(cells(profile, row: 0) == ["x", "double", "0", "4", "-1", "2.5", "0"])
        #expect(cells(profile, row: 1) == ["y", "double", "0", "1", "NaN", "NaN", "NaN"])
    }

    @Test func idColumnsStayUngroupedAndEmptyTablesProfile() {
        let table = Table([("order_id", Column(type: .int64, data: .int64([1_000_234, 2_000_000]))),
                           ("flag", Column(type: .bool, data: .bool([false, false])))])
        let profile = Describe.profile(table)
        #expect(cells(profile, row: 0) == ["order_id", "integer", "0", "2", "1000234", "2000000", "1000234"])
        #expect(cells(profile, row: 1) == ["flag", "boolean", "0", "1", "false", "false", "false"])
        let empty = Describe.profile(table.prefix(0))
        #expect(cells(empty, row: 0) == ["order_id", "integer", "0", "0", "", "", ""])
        #expect(Describe.profile(Table(fields: [], columns: [])).rowCount == 0)
    }
}
