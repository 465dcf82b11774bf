/// Events (orders or interactions) sorted by day, then by customer: one stable counting sort.
///
/// Events are generated customer by customer, so a stable sort on the day alone leaves
/// the customers of one day in ascending id order: no comparison sort, no tie-breaking.
struct DaySortedEvents {
    /// Customer index of each event, in (day, customer) order.
    var customer: [Int32]
    /// One byte of payload per event (the interaction kind), in the same order; empty if unused.
    var payload: [UInt8]
    /// `bucketStart[d]..<bucketStart[d + 1]` are the events on day offset `d`.
    var bucketStart: [Int]

    /// Sorts events given in customer order.
    ///
    /// - Parameters:
    ///   - days: day offset of each event, customer by customer.
    ///   - eventsPerCustomer: how many consecutive entries of `days` belong to each customer.
    ///   - payload: optional byte per event, carried along.
    ///   - dayCount: number of distinct day offsets.
    /// - Complexity: O(events + days), two passes.
    init(days: [UInt16], eventsPerCustomer: [Int32], payload: [UInt8] = [], dayCount: Int) {
        var starts = [Int](repeating: 0, count: dayCount + 1)
        for day in days { starts[Int(day) + 1] += 1 }
        for index in 0..<dayCount { starts[index + 1] += starts[index] }
        bucketStart = starts

        var next = starts
        var sortedCustomer = [Int32](repeating: 0, count: days.count)
        var sortedPayload = [UInt8](repeating: 0, count: payload.isEmpty ? 0 : days.count)
        var eventIndex = 0
        days.withUnsafeBufferPointer { dayBuffer in
            for (customerIndex, eventCount) in eventsPerCustomer.enumerated() {
                let owner = Int32(customerIndex)
                for _ in 0..<Int(eventCount) {
                    let day = Int(dayBuffer[eventIndex])
                    let position = next[day]
                    next[day] = position + 1
                    sortedCustomer[position] = owner
                    if !payload.isEmpty { sortedPayload[position] = payload[eventIndex] }
                    eventIndex += 1
                }
            }
        }
        customer = sortedCustomer
        self.payload = sortedPayload
    }
}
