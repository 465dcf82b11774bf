/// Day numbers of the months from 1900-01 to 2199-12, for turning `yyyy-MM-dd` texts into
/// days without calendar arithmetic in the fused loop (unordered dates miss its one-entry
/// cache on almost every row).
struct CSVMonthTable: @unchecked Sendable {
    static let firstYear = 1900
    static let years = 300

    /// Days since 1970-01-01 of each month's first day, and each month's length.
    let starts: UnsafePointer<Int32>
    let lengths: UnsafePointer<UInt8>

    /// Built once per process (14 KB), never freed.
    static let shared = CSVMonthTable()

    private init() {
        let months = CSVMonthTable.years * 12
        let starts = UnsafeMutablePointer<Int32>.allocate(capacity: months)
        let lengths = UnsafeMutablePointer<UInt8>.allocate(capacity: months)
        for index in 0..<months {
            let year = CSVMonthTable.firstYear + index / 12
            let month = index % 12 + 1
            starts[index] = CivilDate(year: year, month: month, day: 1).days
            lengths[index] = UInt8(CivilDate.daysIn(month: month, year: year))
        }
        self.starts = UnsafePointer(starts)
        self.lengths = UnsafePointer(lengths)
    }

    /// The day number of the 10 bytes at `text` when they are a valid `yyyy-MM-dd` date in
    /// the table's years; nil otherwise (the caller then asks ``CSVFastPath/isoDate(_:_:)``,
    /// which decides). The same days as `CivilDate.days` wherever it answers.
    @inline(__always)
    func days(_ text: UnsafePointer<UInt8>) -> Int32? {
        guard text[4] == 45, text[7] == 45 else { return nil }
        let y0 = text[0] &- 48, y1 = text[1] &- 48, y2 = text[2] &- 48, y3 = text[3] &- 48
        let m0 = text[5] &- 48, m1 = text[6] &- 48, d0 = text[8] &- 48, d1 = text[9] &- 48
        guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
        let year = Int(y0) &* 1000 &+ Int(y1) &* 100 &+ Int(y2) &* 10 &+ Int(y3)
        let month = Int(m0) &* 10 &+ Int(m1)
        let day = Int(d0) &* 10 &+ Int(d1)
        let yearIndex = year &- CSVMonthTable.firstYear
        guard yearIndex >= 0, yearIndex < CSVMonthTable.years, month >= 1, month <= 12 else { return nil }
        let index = yearIndex &* 12 &+ month &- 1
        guard day >= 1, day <= Int(lengths[index]) else { return nil }
        return starts[index] &+ Int32(truncatingIfNeeded: day &- 1)
    }
}
