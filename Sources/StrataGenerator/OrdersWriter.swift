/// Writes orders.csv in (order_date, order_id) order, drawing each order's category and amount.
///
/// Amounts are lognormal around the category's median times the customer's spend
/// multiplier; about 2% of a customer's later orders are refunds (negative amounts).
struct OrdersWriter {
    let population: Population
    let activity: Activity
    let layout: DatasetLayout
    let seed: UInt64

    /// Largest amount written, in cents (¥2,000,000.00).
    static let maximumCents = 200_000_000
    /// Smallest purchase, in cents (¥1.00).
    static let minimumCents = 100

    func write(to output: CSVOutput) throws {
        try output.endHeader(layout.orderHeader)
        var random = Xoshiro256(seed: seed, stream: RandomStream.amounts.rawValue)
        var hasOrdered = [Bool](repeating: false, count: population.count)
        let events = activity.orders
        let currency = layout.currencySign
        let group = layout.groupThousands
        var orderID = 1
        for dayOffset in 0..<(events.bucketStart.count - 1) {
            let range = events.bucketStart[dayOffset]..<events.bucketStart[dayOffset + 1]
            if range.isEmpty { continue }
            let date = layout.orderDates.bytes(offset: dayOffset)
            for position in range {
                let customer = Int(events.customer[position])
                let (category, cents) = drawOrder(customer: customer, isRepeat: hasOrdered[customer], random: &random)
                hasOrdered[customer] = true
                output.write(unsigned: orderID)
                output.comma()
                output.write(unsigned: customer + 1)
                output.comma()
                output.write(date)
                output.comma()
                if group {
                    // Amounts from ¥1,000 on contain a comma: quote them, as Excel does.
                    let needsQuotes = cents >= 100_000 || cents <= -100_000
                    if needsQuotes { output.write(34) }
                    output.write(cents: cents, groupThousands: true, currencySign: currency)
                    if needsQuotes { output.write(34) }
                } else {
                    output.write(cents: cents)
                }
                output.comma()
                output.write(Vocabularies.categories.bytes[category])
                try output.endRow()
                orderID += 1
            }
        }
    }

    @inline(__always)
    private func drawOrder(customer: Int, isRepeat: Bool, random: inout Xoshiro256) -> (Int, Int) {
        let favorite = population.favoriteCategory[customer]
        let category = favorite != Population.blank && random.chance(0.7)
            ? Int(favorite)
            : Vocabularies.categories.pick(&random)
        let typical = Vocabularies.categoryMedianYuan[category] * population.spendMultiplier[customer] * 100
        if isRepeat && random.chance(0.02) {
            let refund = (typical * random.logNormal(mu: -0.7, sigma: 0.6)).rounded()
            return (category, -Int(min(max(refund, Double(Self.minimumCents)), Double(Self.maximumCents))))
        }
        let amount = (typical * random.logNormal(mu: 0, sigma: 0.75)).rounded()
        return (category, Int(min(max(amount, Double(Self.minimumCents)), Double(Self.maximumCents))))
    }
}
