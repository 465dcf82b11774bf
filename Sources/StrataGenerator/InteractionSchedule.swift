/// Draws each customer's interactions (calls, messages, events, visits): how many, when, what.
///
/// Activity drives contact: buyers who ordered recently are contacted most, churned buyers
/// get sparse win-back attempts, leads are nurtured mostly in the months after signup.
struct InteractionSchedule {
    /// Interactions per customer.
    var counts: [Int32]
    /// Day offsets of every interaction, customer by customer.
    var days: [UInt16] = []
    /// Interaction kind (index into `Vocabularies.interactionKinds`) per interaction.
    var kinds: [UInt8] = []
    /// Latest interaction day per customer, or `Int32.min` without any.
    var lastContactDay: [Int32]

    private var random: Xoshiro256
    private let timeline: Timeline

    init(customerCount: Int, timeline: Timeline, seed: UInt64) {
        random = Xoshiro256(seed: seed, stream: RandomStream.interactions.rawValue)
        self.timeline = timeline
        counts = [Int32](repeating: 0, count: customerCount)
        lastContactDay = [Int32](repeating: .min, count: customerCount)
    }

    /// Draws the interactions of `customer`, given its order day offsets and latest order day.
    mutating func draw(for customer: Int, population: Population, orderDays: [UInt16], lastOrderDay: Int32) {
        let asOf = timeline.asOfDay
        let signup = Int(population.signupDay[customer])
        let isBuyer = !orderDays.isEmpty
        let mean: Double
        if isBuyer {
            let sinceOrder = asOf - Int(lastOrderDay)
            let recencyBonus = sinceOrder <= 60 ? 3.0 : sinceOrder <= 180 ? 1.5 : sinceOrder <= 365 ? 0.6 : 0.2
            mean = 0.8 + 0.6 * Double(orderDays.count).squareRoot() + recencyBonus
        } else {
            mean = 1.4
        }
        let count = random.poisson(mean: mean)
        var latest = Int.min
        for _ in 0..<count {
            var day: Int
            if isBuyer {
                let roll = random.unit()
                if roll < 0.55 {
                    // Around an order: the call before it, the follow-up after it.
                    let orderDay = timeline.earliestDay + Int(orderDays[random.below(orderDays.count)])
                    day = orderDay + random.between(-7, 3)
                } else if roll < 0.85 {
                    day = random.between(max(signup, Int(lastOrderDay) - 60), asOf)
                } else {
                    day = random.between(signup, asOf)
                }
            } else if random.chance(0.75) {
                // Nurtured in the weeks after signup; a lead that signed up lately is still new.
                day = signup + Int(random.exponential(mean: 60))
                if day > asOf { day = random.between(signup, asOf) }
            } else {
                day = random.between(signup, asOf)
            }
            day = min(asOf, max(signup, day))
            let kind = isBuyer
                ? Vocabularies.buyerKindChoice.pick(&random)
                : Vocabularies.leadKindChoice.pick(&random)
            days.append(UInt16(day - timeline.earliestDay))
            kinds.append(UInt8(kind))
            latest = max(latest, day)
        }
        counts[customer] = Int32(count)
        if count > 0 { lastContactDay[customer] = Int32(latest) }
    }
}
