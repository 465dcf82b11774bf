import StrataCore
import Testing
@testable import StrataEngine

@Suite struct DescribeFlagsTests {
    private func strings(_ values: [String]) -> Column {
        var dictionary = StringDictionary()
        let codes = ContiguousArray(values.map { dictionary.code(for: $0) })
        return Column(type: .string, data: .string(codes: codes, dictionary: dictionary))
    }

    @Test func placeholderPhones() {
        for junk in ["123456789", "00000000", "11111111111", "13800000000", "1234567", "12345"] {
            #expect(SuspiciousValues.isPlaceholderPhone(junk), "\(junk)")
        }
        for real in ["13574535758", "18587500681", "02184561234"] {
            #expect(!SuspiciousValues.isPlaceholderPhone(real), "\(real)")
        }
    }

    @Test func flagsPerColumn() {
        let phones = strings(["13574535758", "123456789", "123456789", "18587500681", "00000000"])
        #expect(SuspiciousValues.flags(phones, name: "手机", asOf: nil) == "3 junk phones: 123456789×2 …")
        let frequent = strings((0..<40).map { "v\($0)" } + Array(repeating: "同一个", count: 50))
        #expect(SuspiciousValues.flags(frequent, name: "note", asOf: nil) == "同一个×50 (typical 2)")
        let categories = strings(["家电", "数码", "家电", "服饰"])
        #expect(SuspiciousValues.flags(categories, name: "category", asOf: nil) == nil)
        let asOf = CivilDate(year: 2026, month: 6, day: 30).days
        let dates = Column(type: .date, data: .int32([asOf - 5, asOf + 1, asOf + 400]))
        #expect(SuspiciousValues.flags(dates, name: "d", asOf: asOf) == "2 after as-of")
        let amounts = Column(type: .decimal(scale: 2), data: .int64([100, -250, 0]))
        #expect(SuspiciousValues.flags(amounts, name: "amount", asOf: nil) == "1 negative")
    }

    @Test func describeHasAFlagsColumn() {
        let table = Table([("phone", strings(["123456789", "13574535758"]))])
        let profile = Describe.profile(table, asOf: nil)
        #expect(profile.columnNames.last == "flags")
        #expect(profile.column(named: "flags")?.value(at: 0) == .string("1 junk phones: 123456789×1"))
    }
}
