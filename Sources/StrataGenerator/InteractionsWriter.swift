/// Writes interactions.csv: one row per contact, sorted by date then customer id.
struct InteractionsWriter {
    let activity: Activity
    let layout: DatasetLayout

    func write(to output: CSVOutput) throws {
        try output.endHeader(layout.interactionHeader)
        let events = activity.interactions
        for dayOffset in 0..<(events.bucketStart.count - 1) {
            let range = events.bucketStart[dayOffset]..<events.bucketStart[dayOffset + 1]
            if range.isEmpty { continue }
            let date = layout.interactionDates.bytes(offset: dayOffset)
            for position in range {
                output.write(unsigned: Int(events.customer[position]) + 1)
                output.comma()
                output.write(date)
                output.comma()
                output.write(Vocabularies.interactionKinds.bytes[Int(events.payload[position])])
                try output.endRow()
            }
        }
    }
}
