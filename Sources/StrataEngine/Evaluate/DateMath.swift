import StrataCore

/// Calendar arithmetic on day numbers (days since 1970-01-01, a Thursday).
enum DateMath {
    static let microsPerDay: Int64 = 86_400_000_000

    /// The day of a timestamp (floor division, so times before 1970 stay on their own day).
    @inline(__always)
    static func day(ofMicros micros: Int64) -> Int64 {
        let quotient = micros / microsPerDay
        return micros % microsPerDay < 0 ? quotient - 1 : quotient
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    @inline(__always)
    static func isoWeekday(_ days: Int64) -> Int64 {
        // 1970-01-01 was a Thursday (4).
        let shifted = (days + 3) % 7
        return (shifted < 0 ? shifted + 7 : shifted) + 1
    }

    /// ISO 8601 week number (1…53): the week belongs to the year holding its Thursday.
    static func isoWeek(_ days: Int64) -> Int64 {
        let thursday = days - isoWeekday(days) + 4
        let year = CivilDateBridge.year(thursday)
        let januaryFirst = CivilDateBridge.days(year: year, month: 1, day: 1)
        return (thursday - januaryFirst) / 7 + 1
    }

    /// The first day of the unit holding `days`.
    static func truncate(_ days: Int64, unit: DateUnit) -> Int64 {
        switch unit {
        case .day: return days
        case .week: return days - isoWeekday(days) + 1
        case .month, .quarter, .year:
            let civil = CivilDateBridge.civil(days)
            let month: Int
            switch unit {
            case .month: month = civil.month
            case .quarter: month = (civil.month - 1) / 3 * 3 + 1
            default: month = 1
            }
            return CivilDateBridge.days(year: civil.year, month: month, day: 1)
        }
    }
}

/// Units of `date_trunc`.
enum DateUnit: String, CaseIterable {
    case year, quarter, month, week, day
}

/// CivilDate over Int64 day numbers (timestamps reach beyond Int32 days only in absurd ranges;
/// those are clamped rather than trapping).
enum CivilDateBridge {
    static func civil(_ days: Int64) -> CivilDate {
        CivilDate(days: Int32(clamping: days))
    }

    static func year(_ days: Int64) -> Int { civil(days).year }

    static func days(year: Int, month: Int, day: Int) -> Int64 {
        Int64(CivilDate(year: year, month: month, day: day).days)
    }
}
