import StrataCore
import StrataLang

/// `rfm CUSTOMER, DATE, AMOUNT (options)` and `abc COLUMN (a 0.8, b 0.95)`: every argument is
/// checked here, before anything runs.
extension Binder {
    static let rfmOptionNames = ["method", "bins", "r_breaks", "f_breaks", "m_breaks", "nested",
                                 "distinct_days", "avg", "scheme", "rules"]

    func bindRFM(customer: Name, date: Name, amount: Name, options: [OptionItem], verb: Verb,
                 input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        let customerIndex = try columnIndex(customer, in: schema)
        let dateIndex = try columnIndex(date, in: schema)
        let amountIndex = try columnIndex(amount, in: schema)
        let dateType = schema[dateIndex].type
        guard dateType == .date || dateType == .timestamp else {
            throw Diagnostic("rfm needs a date column for the order date; \(date.text) is \(TypeRules.article(dateType)) column"
                + (dateType == .string ? " (load it with types (\(date.text) date) or dates \"yyyy/M/d\")" : ""),
                at: .statement(date.range))
        }
        let amountType = schema[amountIndex].type
        guard amountType.isNumeric else {
            throw Diagnostic("rfm needs a numeric amount column; \(amount.text) is \(TypeRules.article(amountType)) column",
                             at: .statement(amount.range))
        }
        guard schema[customerIndex].type != .double else {
            throw Diagnostic("rfm needs a customer key (text, integer or date), not a double column", at: .statement(customer.range))
        }
        var spec = RFMSpec(customer: customerIndex, date: dateIndex, amount: amountIndex, asOf: asOf,
                           scheme: ShippedSchemes.rfmPackage, range: verb.range)
        var schemeItem: OptionItem?
        var inlineRules: OptionItem?
        var seen: Set<String> = []
        for item in options {
            guard seen.insert(item.name.text).inserted else {
                throw Diagnostic("option \(item.name.text) is given twice", at: .statement(item.name.range))
            }
            switch item.name.text {
            case "method":
                let word = try RFMOptions.word(item)
                guard let method = BinMethod(rawValue: word.text) else {
                    throw Diagnostic("unknown method \"\(word.text)\"; use ntile, quantile or rpackage."
                        + Suggestion.phrase(for: word.text, among: BinMethod.allCases.map(\.rawValue)), at: .statement(word.range))
                }
                spec.method = method
            case "bins":
                spec.bins = try RFMOptions.integer(item, in: 1...100, what: "bins takes a whole number from 1 to 100")
            case "r_breaks": spec.recencyBreaks = try RFMOptions.breaks(item)
            case "f_breaks": spec.frequencyBreaks = try RFMOptions.breaks(item)
            case "m_breaks": spec.monetaryBreaks = try RFMOptions.breaks(item)
            case "nested": spec.nested = try RFMOptions.flag(item)
            case "distinct_days": spec.distinctDays = try RFMOptions.flag(item)
            case "avg": spec.averageAmount = try RFMOptions.flag(item)
            case "scheme": schemeItem = item
            case "rules": inlineRules = item
            default:
                throw Diagnostic("unknown rfm option \"\(item.name.text)\"." + Suggestion.phrase(for: item.name.text, among: Binder.rfmOptionNames)
                    + " Options: " + Binder.rfmOptionNames.joined(separator: ", "), at: .statement(item.name.range))
            }
        }
        let monetaryType = RFMSpec.monetaryType(amount: amountType, average: spec.averageAmount)
        if let inlineRules {
            if let schemeItem {
                throw Diagnostic("give either scheme or rules, not both", at: .statement(schemeItem.name.range))
            }
            spec.scheme = try bindInlineRules(inlineRules, monetary: monetaryType)
        } else if let schemeItem {
            let word = try RFMOptions.word(schemeItem)
            spec.scheme = try scheme(named: word.text, at: word.range, monetary: monetaryType)
        } else {
            spec.scheme = try scheme(named: "default", at: verb.range, monetary: monetaryType)
        }
        return .rfm(input, spec)
    }

    /// A shipped or user-loaded scheme; `rfm_package` is accepted for `rfm-package`.
    func scheme(named name: String, at range: Range<Int>?, monetary: DataType) throws(Diagnostic) -> SegmentScheme {
        let key = name.replacingOccurrences(of: "_", with: "-")
        switch key {
        case "default":
            var rules: [SegmentRule] = []
            for (ruleName, text) in ShippedSchemes.defaultRules {
                rules.append(SegmentRule(name: ruleName, condition: try bindRule(text, monetary: monetary, at: nil)))
            }
            return SegmentScheme(name: "default", rules: rules)
        case "rfm-package": return ShippedSchemes.rfmPackage
        case "cn8": return ShippedSchemes.cn8
        default:
            if var scheme = schemes[name] {
                // Loaded rules were bound with a double monetary; bind them to this one.
                for index in scheme.rules.indices {
                    if case .expression(_, let text) = scheme.rules[index].condition {
                        scheme.rules[index].condition = try bindRule(text, monetary: monetary, at: nil)
                    }
                }
                return scheme
            }
            let known = ShippedSchemes.names + schemes.keys.sorted()
            throw Diagnostic("unknown scheme \"\(name)\"." + Suggestion.phrase(for: name, among: known)
                + " Schemes: " + known.joined(separator: ", "), at: range.map { .statement($0) })
        }
    }

    /// `rules ["Champions: r >= 4 and f >= 4", "Lost: r == 1"]`: an inline rule table.
    func bindInlineRules(_ item: OptionItem, monetary: DataType) throws(Diagnostic) -> SegmentScheme {
        guard case .list(let values, _) = item.value, !values.isEmpty else {
            throw Diagnostic("rules takes a list of \"Name: condition\" strings, e.g. rules [\"Best: r >= 4 and m >= 4\", \"Rest: true\"]",
                             at: .statement(item.value?.range ?? item.name.range))
        }
        var rules: [SegmentRule] = []
        for value in values {
            guard case .string(let text, let range) = value, let colon = text.firstIndex(of: ":") else {
                throw Diagnostic("expected \"Name: condition\"", at: .statement(value.range))
            }
            let name = text[..<colon].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else { throw Diagnostic("the rule needs a name before the colon", at: .statement(range)) }
            let condition = String(text[text.index(after: colon)...])
            // The condition starts after the opening quote and the name.
            let offset = range.lowerBound + 1 + text.distance(from: text.startIndex, to: colon) + 1
            rules.append(SegmentRule(name: name, condition: try bindRule(condition, monetary: monetary, at: offset)))
        }
        return SegmentScheme(name: "inline", rules: rules)
    }

    /// Binds one rule's condition over the rule frame (recency, frequency, monetary, r, f, m).
    /// `offset` places it in the statement for carets (nil: the text is not in the statement).
    func bindRule(_ text: String, monetary: DataType, at offset: Int?) throws(Diagnostic) -> RuleCondition {
        let prefix = "assert "
        do throws(Diagnostic) {
            guard case .assert(let expr) = try Parser.parse(prefix + text) else {
                throw Diagnostic("expected a condition")
            }
            let bound = try bindCondition(expr, schema: RuleFrame.fields(monetary: monetary),
                                          message: "a segment rule needs a condition")
            return .expression(bound, text: text.trimmingCharacters(in: .whitespaces))
        } catch {
            guard let offset else { throw Diagnostic("in rule \"\(text)\": \(error.message)") }
            throw error.shifted(by: offset - prefix.count)
        }
    }

    func bindABC(_ column: Name, options: [OptionItem], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        let schema = input.schema
        let index = try columnIndex(column, in: schema)
        guard schema[index].type.isNumeric else {
            throw Diagnostic("abc needs a numeric column; \(column.text) is \(TypeRules.article(schema[index].type)) column",
                             at: .statement(column.range))
        }
        var limits: [Double] = [0.8, 0.95]
        for item in options {
            switch item.name.text {
            case "a": limits[0] = try RFMOptions.share(item)
            case "b": limits[1] = try RFMOptions.share(item)
            default:
                throw Diagnostic("unknown abc option \"\(item.name.text)\"." + Suggestion.phrase(for: item.name.text, among: ["a", "b"])
                    + " Options: a (share of A, default 0.8), b (A + B, default 0.95)", at: .statement(item.name.range))
            }
        }
        guard limits[0] < limits[1] else {
            let range = options.last?.value?.range ?? column.range
            throw Diagnostic("abc needs a < b (cumulative shares), found a \(NumberText.double(limits[0])), b \(NumberText.double(limits[1]))",
                             at: .statement(range))
        }
        return .abc(input, ABCSpec(column: index, limits: limits))
    }
}

extension Binder {
    /// A binder that also knows the user's schemes.
    init(catalog: any SchemaCatalog, asOf: Int32, schemes: [String: SegmentScheme]) {
        self.init(catalog: catalog, asOf: asOf)
        self.schemes = schemes
    }
}
