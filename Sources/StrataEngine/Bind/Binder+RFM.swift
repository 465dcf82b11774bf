import StrataCore
import StrataLang

extension Binder {
    func bindRFM(customer: Name, date: Name, amount: Name, options: [OptionItem], verb: Verb,
                 input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        throw Diagnostic("rfm is not supported yet", at: .statement(verb.range))
    }

    func bindABC(_ column: Name, options: [OptionItem], input: LogicalPlan) throws(Diagnostic) -> LogicalPlan {
        throw Diagnostic("abc is not supported yet", at: .statement(column.range))
    }
}
