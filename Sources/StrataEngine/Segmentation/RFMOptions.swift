import StrataCore
import StrataLang

/// Reading the values of `rfm` and `abc` options, each with an error at the value.
enum RFMOptions {
    static func word(_ item: OptionItem) throws(Diagnostic) -> Name {
        switch item.value {
        case .word(let name): return name
        case .string(let text, let range): return Name(text, range)
        default: throw Diagnostic("\(item.name.text) needs a name", at: .statement(item.value?.range ?? item.name.range))
        }
    }

    /// A bare option (`nested`) or `nested true|false`.
    static func flag(_ item: OptionItem) throws(Diagnostic) -> Bool {
        guard let value = item.value else { return true }
        if case .word(let name) = value {
            if ["true", "yes", "on"].contains(name.text) { return true }
            if ["false", "no", "off"].contains(name.text) { return false }
        }
        throw Diagnostic("\(item.name.text) is a switch: write it alone, or \(item.name.text) false", at: .statement(value.range))
    }

    static func number(_ value: OptionValue?, at range: Range<Int>, what: String) throws(Diagnostic) -> Double {
        guard case .number(let text, _) = value, let number = Double(text), number.isFinite else {
            throw Diagnostic(what, at: .statement(value?.range ?? range))
        }
        return number
    }

    static func integer(_ item: OptionItem, in bounds: ClosedRange<Int>, what: String) throws(Diagnostic) -> Int {
        let number = try number(item.value, at: item.name.range, what: what)
        guard number == number.rounded(), number >= Double(bounds.lowerBound), number <= Double(bounds.upperBound) else {
            throw Diagnostic(what + ", found \(NumberText.double(number))", at: .statement(item.value?.range ?? item.name.range))
        }
        return Int(number)
    }

    /// `[30, 90, 180]`: strictly ascending numbers.
    static func breaks(_ item: OptionItem) throws(Diagnostic) -> [Double] {
        let usage = "\(item.name.text) takes ascending numbers in brackets, e.g. \(item.name.text) [30, 90, 180]"
        guard case .list(let values, _) = item.value, !values.isEmpty, values.count < 100 else {
            throw Diagnostic(usage, at: .statement(item.value?.range ?? item.name.range))
        }
        var breaks: [Double] = []
        for value in values {
            let number = try number(value, at: item.name.range, what: usage)
            if let last = breaks.last, number <= last {
                throw Diagnostic(usage + ": \(NumberText.double(number)) is not above \(NumberText.double(last))",
                                 at: .statement(value.range))
            }
            breaks.append(number)
        }
        return breaks
    }

    /// A share between 0 and 1 (exclusive of 0).
    static func share(_ item: OptionItem) throws(Diagnostic) -> Double {
        let what = "\(item.name.text) takes a cumulative share between 0 and 1, e.g. \(item.name.text) 0.8"
        let number = try number(item.value, at: item.name.range, what: what)
        guard number > 0, number <= 1 else { throw Diagnostic(what, at: .statement(item.value?.range ?? item.name.range)) }
        return number
    }
}
