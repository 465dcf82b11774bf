import StrataCore

/// `abc COLUMN (a 0.8, b 0.95)`.
public enum ABCOperator {
    public static func run(_ input: Table, spec: ABCSpec, context: ExecutionContext) throws -> Table {
        throw Diagnostic("abc is not supported yet")
    }
}
