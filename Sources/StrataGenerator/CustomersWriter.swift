/// Writes customers.csv (10 columns) from the population and its simulated activity.
struct CustomersWriter {
    let population: Population
    let activity: Activity
    let layout: DatasetLayout
    let seed: UInt64

    /// Writes every customer to `output`. Deterministic: calling it twice writes the same rows.
    func write(to output: CSVOutput) throws {
        var names = NameMaker(seed: seed)
        var phones = PhoneMaker(seed: seed)
        var format = Xoshiro256(seed: seed, stream: RandomStream.messyFormat.rawValue)
        let nulls = layout.nullTokens
        try output.endHeader(layout.customerHeader)
        for customer in 0..<population.count {
            let size = Int(population.size[customer])
            let industry = population.industry[customer]
            output.write(unsigned: customer + 1)
            output.comma()
            names.writeName(size: size, industry: industry, to: output)
            output.comma()
            output.write(Vocabularies.regions.bytes[Int(population.region[customer])])
            output.comma()
            output.write(Vocabularies.channels.bytes[Int(population.channel[customer])])
            output.comma()
            if industry == Population.blank {
                output.write(nulls[format.below(nulls.count)])
            } else {
                output.write(Vocabularies.industries.bytes[Int(industry)])
            }
            output.comma()
            output.write(Vocabularies.sizes.bytes[size])
            output.comma()
            output.write(layout.signupDates.bytes(day: Int(population.signupDay[customer])))
            output.comma()
            output.write(Vocabularies.stages.bytes[Int(activity.stage[customer])])
            output.comma()
            if !phones.writePhone(to: output) {
                output.write(nulls[format.below(nulls.count)])
            }
            output.comma()
            let lastContact = activity.lastContactDay[customer]
            if lastContact == .min {
                output.write(nulls[format.below(nulls.count)])
            } else {
                output.write(layout.lastContactDates.bytes(day: Int(lastContact)))
            }
            try output.endRow()
        }
    }
}
