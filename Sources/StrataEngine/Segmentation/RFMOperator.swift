import StrataCore

/// `rfm CUSTOMER, DATE, AMOUNT (options)`.
public enum RFMOperator {
    public static func run(_ input: Table, spec: RFMSpec, context: ExecutionContext) throws -> Table {
        throw Diagnostic("rfm is not supported yet", at: .statement(spec.range))
    }
}

/// The breaks and counts per score of one RFM run (for `.thresholds`).
public struct RFMReport: Sendable {
}
