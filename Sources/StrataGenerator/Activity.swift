/// Everything that happens to the population: orders, interactions, and the stage they imply.
struct Activity {
    /// Orders sorted by (day, customer); position + 1 is the order id.
    var orders: DaySortedEvents
    /// Interactions sorted by (day, customer), kind as payload.
    var interactions: DaySortedEvents
    var orderCount: [Int32]
    var lastOrderDay: [Int32]
    var lastContactDay: [Int32]
    /// Index into `Vocabularies.stages` per customer.
    var stage: [UInt8]

    /// Simulates the whole history, customer by customer.
    init(population: Population, totalOrders: Int, timeline: Timeline, seed: UInt64) {
        var orderSchedule = OrderSchedule(
            population: population, totalOrders: totalOrders, timeline: timeline, seed: seed
        )
        var interactionSchedule = InteractionSchedule(
            customerCount: population.count, timeline: timeline, seed: seed
        )
        var scratch: [UInt16] = []
        for customer in 0..<population.count {
            orderSchedule.drawDays(for: customer, population: population, into: &scratch)
            interactionSchedule.draw(
                for: customer, population: population, orderDays: scratch,
                lastOrderDay: orderSchedule.lastOrderDay[customer]
            )
        }
        orders = DaySortedEvents(
            days: orderSchedule.days, eventsPerCustomer: orderSchedule.counts, dayCount: timeline.dayCount
        )
        interactions = DaySortedEvents(
            days: interactionSchedule.days, eventsPerCustomer: interactionSchedule.counts,
            payload: interactionSchedule.kinds, dayCount: timeline.dayCount
        )
        orderCount = orderSchedule.counts
        lastOrderDay = orderSchedule.lastOrderDay
        lastContactDay = interactionSchedule.lastContactDay
        stage = (0..<population.count).map { customer in
            Self.stage(
                orders: Int(orderSchedule.counts[customer]),
                lastOrderDay: Int(orderSchedule.lastOrderDay[customer]),
                interactions: Int(interactionSchedule.counts[customer]),
                lastContactDay: Int(interactionSchedule.lastContactDay[customer]),
                asOf: timeline.asOfDay
            )
        }
    }

    /// The lifecycle stage implied by the history (documented in datasets/README.md):
    /// no orders → 商机 when contacted at least twice, lately within 120 days, else 线索;
    /// last order over 365 days ago → 流失; two or more orders → 老客户; one order → 客户.
    static func stage(orders: Int, lastOrderDay: Int, interactions: Int, lastContactDay: Int, asOf: Int) -> UInt8 {
        if orders == 0 {
            let engaged = interactions >= 2 && asOf - lastContactDay <= 120
            return UInt8(engaged ? Stage.opportunity : Stage.lead)
        }
        if asOf - lastOrderDay > 365 { return UInt8(Stage.churned) }
        return UInt8(orders >= 2 ? Stage.repeatCustomer : Stage.customer)
    }
}
