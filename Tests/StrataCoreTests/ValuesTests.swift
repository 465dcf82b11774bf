import Testing
@testable import StrataCore

@Suite struct CivilDateTests {
    @Test func roundTripsEveryDayOverFourCenturies() {
        var previous = CivilDate(days: -200_000)
        for days in Int32(-199_999)...Int32(200_000) {
            let date = CivilDate(days: days)
            #expect(date.isValid)
            #expect(date.days == days)
            if date.day == 1 { #expect(previous.day == CivilDate.daysIn(month: previous.month, year: previous.year)) }
            previous = date
        }
    }

    @Test func knownDates() {
        #expect(CivilDate(year: 1970, month: 1, day: 1).days == 0)
        #expect(CivilDate(year: 2026, month: 6, day: 30).days == 20_634)
        #expect(CivilDate(days: 20_634).description == "2026-06-30")
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2024, month: 2, day: 30).isValid)
        #expect(!CivilDate(year: 1900, month: 2, day: 29).isValid)
        #expect(CivilDate(iso: "2024-02-30") == nil)
        #expect(CivilDate(iso: "2024-2-3") == nil)
        #expect(CivilDate(iso: "2024-02-03")?.days == CivilDate(year: 2024, month: 2, day: 3).days)
    }

    @Test func timestampText() {
        let micros = Int64(CivilDate(year: 2026, month: 6, day: 30).days) * 86_400_000_000 + 49_500_000_000
        #expect(CivilDate.timestampText(micros) == "2026-06-30 13:45:00")
        #expect(CivilDate.timestampText(-1) == "1969-12-31 23:59:59.999999")
    }
}

@Suite struct NumberTextTests {
    @Test func decimals() {
        #expect(NumberText.decimal(123_450, scale: 2) == "1234.50")
        #expect(NumberText.decimal(123_456_789, scale: 2, grouped: true) == "1,234,567.89")
        #expect(NumberText.decimal(-5, scale: 2) == "-0.05")
        #expect(NumberText.decimal(Int64.min, scale: 2) == "-92233720368547758.08")
        #expect(NumberText.decimal(42, scale: 0, grouped: true) == "42")
    }

    @Test func integersAndDoubles() {
        #expect(NumberText.integer(-1_234_567, grouped: true) == "-1,234,567")
        #expect(NumberText.integer(999, grouped: true) == "999")
        #expect(NumberText.double(2.0) == "2")
        #expect(NumberText.double(0.1) == "0.1")
        #expect(NumberText.double(12345.25, grouped: true) == "12,345.25")
        #expect(NumberText.double(.nan) == "NaN")
    }
}

@Suite struct BitmapTests {
    @Test func appendAndCount() {
        var bitmap = Bitmap(count: 0, value: true)
        for index in 0..<130 { bitmap.append(index % 3 != 0) }
        #expect(bitmap.count == 130)
        #expect(bitmap.nonzeroBitCount == 130 - 44)
        #expect(!bitmap[0] && bitmap[1] && !bitmap[129])
        var joined = Bitmap(count: 5, value: false)
        joined.append(contentsOf: bitmap)
        #expect(joined.count == 135 && joined.nonzeroBitCount == 86 && joined[6])
        #expect(Bitmap(count: 70, value: true).nonzeroBitCount == 70)
    }

    @Test func columnDropsAnAllValidBitmapAndReadsNulls() {
        var validity = Bitmap(count: 3, value: true)
        #expect(Column(type: .int64, data: .int64([1, 2, 3]), validity: validity).validity == nil)
        validity[1] = false
        let column = Column(type: .decimal(scale: 2), data: .int64([100, 0, -250]), validity: validity)
        #expect(column.nullCount == 1)
        #expect(column.value(at: 1) == .null)
        #expect(column.value(at: 2).description == "-2.50")
        #expect(column.slice(1..<3).value(at: 0) == .null)
    }
}

@Suite struct TextTests {
    @Test func displayWidthOfChineseMixedAndCombining() {
        #expect(DisplayWidth.of("重要价值客户") == 12)
        #expect(DisplayWidth.of("王芳 Anna") == 9)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("ＡＢ") == 4)
        #expect(DisplayWidth.pad("王芳", to: 6) == "王芳  ")
        #expect(DisplayWidth.truncate("重要价值客户", to: 7) == "重要价…")
    }

    @Test func suggestions() {
        #expect(Suggestion.closest(to: "wher", among: ["where", "derive", "group"]) == "where")
        #expect(Suggestion.closest(to: "limt", among: ["limit"]) == "limit")
        #expect(Suggestion.closest(to: "xyz", among: ["where", "limit"]) == nil)
        #expect(Suggestion.closest(to: "客护", among: ["客户", "订单"]) == "客户")
    }
}
