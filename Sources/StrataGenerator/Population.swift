import StrataCore

/// The dataset's calendar: every date lies in `earliestDay...asOfDay`.
struct Timeline {
    /// Days since 1970-01-01 of the as-of date.
    let asOfDay: Int
    /// Orders span three years up to the as-of date.
    let orderWindowStart: Int
    /// Signups (and the interactions of early customers) reach back four years.
    let earliestDay: Int

    init(asOf: CivilDate) {
        asOfDay = Int(asOf.days)
        orderWindowStart = asOfDay - 3 * 365
        earliestDay = asOfDay - 4 * 365
    }

    /// Number of distinct days, for bucket sorts.
    var dayCount: Int { asOfDay - earliestDay + 1 }
}

/// Per-customer attributes drawn before any order: who they are and how they buy.
///
/// Arrays are indexed by `customer_id - 1`. Spend and rates are heavy-tailed on purpose:
/// gamma purchase rates and lognormal spend multipliers make revenue concentrate in few
/// customers, as it does in the tiering articles' examples.
struct Population {
    let count: Int
    var signupDay: [Int32]
    var region: [UInt8]
    var channel: [UInt8]
    /// `Population.blank` when the industry is missing.
    var industry: [UInt8]
    var size: [UInt8]
    /// The customer buys at all (the rest stay leads or opportunities).
    var isBuyer: [Bool]
    /// First day the customer may buy (signup plus a delay, or the order window start).
    var activeStart: [Int32]
    /// Last day the customer may buy: the as-of date, or earlier for those who stop buying.
    var activeEnd: [Int32]
    /// Relative purchase intensity; the order allocation is proportional to rate × active span.
    var purchaseWeight: [Double]
    /// Multiplies every order value of the customer.
    var spendMultiplier: [Double]
    /// Category most of the customer's orders fall in, or `Population.blank` for none.
    var favoriteCategory: [UInt8]

    static let blank: UInt8 = 255

    /// Draws `count` customers from the `customers` random stream.
    init(count: Int, seed: UInt64, timeline: Timeline) {
        self.count = count
        var random = Xoshiro256(seed: seed, stream: RandomStream.customers.rawValue)
        signupDay = .init(repeating: 0, count: count)
        region = .init(repeating: 0, count: count)
        channel = .init(repeating: 0, count: count)
        industry = .init(repeating: 0, count: count)
        size = .init(repeating: 0, count: count)
        isBuyer = .init(repeating: false, count: count)
        activeStart = .init(repeating: 0, count: count)
        activeEnd = .init(repeating: 0, count: count)
        purchaseWeight = .init(repeating: 0, count: count)
        spendMultiplier = .init(repeating: 0, count: count)
        favoriteCategory = .init(repeating: 0, count: count)

        let asOf = timeline.asOfDay
        let window = timeline.orderWindowStart
        let buyerShareByChannel: [Double] = [0.80, 0.78, 0.90, 0.82, 0.74]  // 广告 官网 转介绍 展会 其他
        for customer in 0..<count {
            // A quarter signed up before the order window; the rest arrive at a growing pace.
            let signup: Int
            if random.chance(0.25) {
                signup = random.between(timeline.earliestDay, window - 1)
            } else {
                let growth = max(random.unit(), random.chance(0.5) ? 0 : random.unit())
                signup = window + Int(growth * Double(asOf - 1 - window))
            }
            let sizeIndex = Vocabularies.sizes.pick(&random)
            let channelIndex = Vocabularies.channels.pick(&random)
            signupDay[customer] = Int32(signup)
            size[customer] = UInt8(sizeIndex)
            region[customer] = UInt8(Vocabularies.regions.pick(&random))
            channel[customer] = UInt8(channelIndex)
            industry[customer] =
                random.chance(0.03) ? Population.blank : UInt8(Vocabularies.industries.pick(&random))

            // Fresh signups had less time to convert.
            let age = asOf - signup
            let buyerShare = buyerShareByChannel[channelIndex] * (age < 45 ? 0.45 : age < 120 ? 0.8 : 1.0)
            let buys = random.chance(buyerShare)
            isBuyer[customer] = buys

            let start = signup < window
                ? window + random.below(30)
                : min(asOf, signup + Int(random.exponential(mean: 21)))
            // About half stop buying some day; the lifetimes spread recency from days to years.
            var end = asOf
            if random.chance(0.5) {
                end = min(asOf, start + Int(random.exponential(mean: 420)))
            }
            activeStart[customer] = Int32(start)
            activeEnd[customer] = Int32(end)
            let rate = random.gamma(shape: 0.7, scale: 1)
            purchaseWeight[customer] = buys ? rate * Double(end - start + 30) : 0
            spendMultiplier[customer] =
                random.logNormal(mu: 0.3, sigma: 0.9) * Vocabularies.sizeSpendFactor[sizeIndex]
            favoriteCategory[customer] =
                random.chance(0.6) ? UInt8(Vocabularies.categories.pick(&random)) : Population.blank
        }
    }

    /// Makes sure there are at most `orders` buyers (each buyer has at least one order) and at
    /// least one buyer when there are orders; demoted buyers become leads.
    mutating func fitBuyers(toOrders orders: Int) {
        var buyers = 0
        for index in 0..<count where isBuyer[index] {
            buyers += 1
            if buyers > orders {
                isBuyer[index] = false
                purchaseWeight[index] = 0
            }
        }
        if buyers == 0 && orders > 0 {
            isBuyer[0] = true
            purchaseWeight[0] = 1
        }
    }
}
