import StrataCore

/// The text of every day of the dataset in one format, precomputed so hot loops copy bytes.
struct DateTable {
    /// How dates are spelled.
    enum Format {
        /// `2024-01-05`
        case iso
        /// `2024/1/5`, as Excel on Chinese Windows exports short dates.
        case slashes
        /// `2024年1月5日`
        case chinese
    }

    private let text: [[UInt8]]
    private let earliestDay: Int

    init(format: Format, timeline: Timeline) {
        earliestDay = timeline.earliestDay
        text = (0..<timeline.dayCount).map { offset in
            let date = CivilDate(days: Int32(timeline.earliestDay + offset))
            let spelled: String
            switch format {
            case .iso: spelled = date.description
            case .slashes: spelled = "\(date.year)/\(date.month)/\(date.day)"
            case .chinese: spelled = "\(date.year)年\(date.month)月\(date.day)日"
            }
            return Array(spelled.utf8)
        }
    }

    /// The bytes of the day `offset` days after the timeline's earliest day.
    @inline(__always)
    func bytes(offset: Int) -> [UInt8] { text[offset] }

    /// The bytes of a day given in days since 1970-01-01.
    @inline(__always)
    func bytes(day: Int) -> [UInt8] { text[day - earliestDay] }
}
