import StrataCore

/// Decides how many orders each customer places and on which days.
///
/// The total is exact: every buyer gets one order, and the rest are spread in proportion
/// to `purchaseWeight` by systematic sampling (one random offset, evenly spaced pointers
/// over the cumulative weights), which is deterministic and O(customers + orders).
struct OrderSchedule {
    /// Orders per customer.
    var counts: [Int32]
    /// Day offsets (from `Timeline.earliestDay`) of every order, customer by customer.
    var days: [UInt16] = []
    /// Latest order day per customer, or `Int32.min` without orders.
    var lastOrderDay: [Int32]

    private var random: Xoshiro256
    private let seasonality: [Double]
    private let earliestDay: Int
    private let windowStart: Int

    init(population: Population, totalOrders: Int, timeline: Timeline, seed: UInt64) {
        random = Xoshiro256(seed: seed, stream: RandomStream.orders.rawValue)
        earliestDay = timeline.earliestDay
        windowStart = timeline.orderWindowStart
        seasonality = Self.seasonality(timeline)
        counts = Self.allocate(population: population, total: totalOrders, random: &random)
        lastOrderDay = [Int32](repeating: .min, count: population.count)
        days.reserveCapacity(totalOrders)
    }

    /// Draws the order days of `customer`, appends them to `days` and returns them.
    mutating func drawDays(for customer: Int, population: Population, into scratch: inout [UInt16]) {
        scratch.removeAll(keepingCapacity: true)
        let orderCount = Int(counts[customer])
        guard orderCount > 0 else { return }
        let start = Int(population.activeStart[customer])
        let end = Int(population.activeEnd[customer])
        var latest = start
        for orderIndex in 0..<orderCount {
            var day = start
            // A customer who signed up inside the window buys first on `start`.
            if orderIndex > 0 || Int(population.signupDay[customer]) < windowStart {
                repeat {
                    day = random.between(start, end)
                } while !random.chance(seasonality[day - earliestDay])
            }
            latest = max(latest, day)
            scratch.append(UInt16(day - earliestDay))
        }
        days.append(contentsOf: scratch)
        lastOrderDay[customer] = Int32(latest)
    }

    private static func allocate(population: Population, total: Int, random: inout Xoshiro256) -> [Int32] {
        var counts = [Int32](repeating: 0, count: population.count)
        var buyers = 0
        var totalWeight = 0.0
        for customer in 0..<population.count where population.isBuyer[customer] {
            counts[customer] = 1
            buyers += 1
            totalWeight += population.purchaseWeight[customer]
        }
        let remaining = total - buyers
        guard remaining > 0, totalWeight > 0 else { return counts }
        let step = totalWeight / Double(remaining)
        let offset = random.unit()
        var assigned = 0
        var cumulative = 0.0
        var heaviest = 0
        for customer in 0..<population.count where population.isBuyer[customer] {
            let weight = population.purchaseWeight[customer]
            if weight > population.purchaseWeight[heaviest] { heaviest = customer }
            cumulative += weight
            while assigned < remaining && step * (Double(assigned) + offset) < cumulative {
                counts[customer] += 1
                assigned += 1
            }
        }
        // Rounding in the cumulative sum can leave a pointer or two unassigned.
        counts[heaviest] += Int32(remaining - assigned)
        return counts
    }

    /// Acceptance probability per day: peaks at 双十一 (November) and 618 (June), a dip at 春节.
    private static func seasonality(_ timeline: Timeline) -> [Double] {
        let byMonth: [Double] = [0.72, 0.55, 0.75, 0.74, 0.78, 0.9, 0.72, 0.72, 0.76, 0.78, 1.0, 0.86]
        return (0..<timeline.dayCount).map { offset in
            let date = CivilDate(days: Int32(timeline.earliestDay + offset))
            var weight = byMonth[date.month - 1]
            if date.month == 11 && date.day >= 1 && date.day <= 11 { weight = 1.0 }
            if date.month == 6 && date.day <= 18 { weight = 0.95 }
            return weight
        }
    }
}
