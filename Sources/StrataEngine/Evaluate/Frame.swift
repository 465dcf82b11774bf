import StrataCore

/// The columns an expression reads, and how many rows it produces. Evaluating over a subset of
/// rows (`restricted(to:for:)`) gathers only the columns the expression references; the others
/// stay as they are and are never read.
struct Frame {
    var columns: [Column]
    let rowCount: Int

    init(table: Table) {
        columns = table.columns
        rowCount = table.rowCount
    }

    init(columns: [Column], rowCount: Int) {
        self.columns = columns
        self.rowCount = rowCount
    }

    /// Column `index`, checked against the type the binder recorded.
    func column(_ index: Int, _ type: DataType) throws -> Column {
        guard columns.indices.contains(index) else {
            throw Diagnostic("internal error: expression refers to column \(index) of \(columns.count)")
        }
        let column = columns[index]
        guard column.type == type else {
            throw Diagnostic("internal error: column \(index) is \(column.type), expression expects \(type)")
        }
        return column
    }

    /// A frame of the rows `rows` (ascending or not), for evaluating `expr` only there.
    /// - Complexity: O(rows.count × columns referenced by `expr`)
    func restricted(to rows: RowSelection, for expr: BoundExpr) -> Frame {
        var result = self
        for index in expr.referencedColumns() where columns.indices.contains(index) {
            result.columns[index] = columns[index].gather(rows)
        }
        return Frame(columns: result.columns, rowCount: rows.count)
    }

    /// `expr` evaluated only on `rows` (nil = all rows); one value per selected row.
    func evaluate(_ expr: BoundExpr, on rows: RowSelection?, site: Range<Int>?) throws -> Column {
        // An ascending selection of every row is the identity.
        guard let rows, rows.count < rowCount else { return try evaluate(expr, site: site) }
        if case .literal(let value, let type) = expr {
            return try Literal.broadcast(value, type, count: rows.count, site: site)
        }
        return try restricted(to: rows, for: expr).evaluate(expr, site: site)
    }
}

extension BoundExpr {
    /// Indexes of the input columns the expression reads, ascending, without repeats.
    func referencedColumns() -> [Int] {
        var found = Set<Int>()
        collectColumns(into: &found)
        return found.sorted()
    }

    private func collectColumns(into found: inout Set<Int>) {
        switch self {
        case .column(let index, _): found.insert(index)
        case .literal: break
        case .negate(let operand), .not(let operand), .isNull(let operand, _), .inList(let operand, _, _),
             .inSegment(let operand, _, _), .cast(let operand, _):
            operand.collectColumns(into: &found)
        case .arithmetic(_, let left, let right, _, _), .comparison(_, let left, let right),
             .and(let left, let right), .or(let left, let right):
            left.collectColumns(into: &found)
            right.collectColumns(into: &found)
        case .caseWhen(let arms, let otherwise, _):
            for arm in arms {
                arm.condition.collectColumns(into: &found)
                arm.value.collectColumns(into: &found)
            }
            otherwise.collectColumns(into: &found)
        case .function(_, let arguments, _, _):
            for argument in arguments { argument.collectColumns(into: &found) }
        }
    }

    /// True when every column the expression reads has an index below `count`.
    func readsOnly(columnsBelow count: Int) -> Bool {
        referencedColumns().allSatisfy { $0 < count }
    }

    /// True when evaluating the expression could raise an error (arithmetic overflow or
    /// division by zero, a failing cast or function): such a condition is evaluated only on
    /// the rows it was written for, never moved.
    var canFail: Bool {
        switch self {
        case .column, .literal: false
        case .not(let operand), .isNull(let operand, _), .inList(let operand, _, _), .inSegment(let operand, _, _):
            operand.canFail
        case .comparison(_, let left, let right), .and(let left, let right), .or(let left, let right):
            left.canFail || right.canFail
        case .cast(let operand, _): !operand.isConstant
        case .negate, .arithmetic, .caseWhen, .function: true
        }
    }

    var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }

    /// True when the expression reads no column (a constant).
    var isConstant: Bool { referencedColumns().isEmpty }
}

/// Constant folding: every column-free subexpression becomes one literal, so kernels see the
/// common `column op literal` shapes (e.g. `amount > cast(100 as decimal(2))` → `amount > 100.00`).
enum Folding {
    static func fold(_ expr: BoundExpr) -> BoundExpr {
        let folded = foldChildren(expr)
        if case .literal = folded { return folded }
        guard folded.isConstant else { return folded }
        // An error (1 / 0) is left for evaluation, which reports it only when rows exist.
        guard let column = try? Frame(columns: [], rowCount: 1).evaluate(folded, site: nil),
              column.count == 1 else { return folded }
        return .literal(column.value(at: 0), folded.type)
    }

    private static func foldChildren(_ expr: BoundExpr) -> BoundExpr {
        switch expr {
        case .column, .literal: expr
        case .negate(let operand): .negate(fold(operand))
        case .not(let operand): .not(fold(operand))
        case .arithmetic(let op, let left, let right, let type, let range):
            .arithmetic(op, fold(left), fold(right), type, range: range)
        case .comparison(let op, let left, let right): .comparison(op, fold(left), fold(right))
        case .and(let left, let right): .and(fold(left), fold(right))
        case .or(let left, let right): .or(fold(left), fold(right))
        case .isNull(let operand, let negated): .isNull(fold(operand), negated: negated)
        case .inList(let operand, let values, let negated): .inList(fold(operand), values, negated: negated)
        case .inSegment(let operand, let members, let negated): .inSegment(fold(operand), members, negated: negated)
        case .caseWhen(let arms, let otherwise, let type):
            .caseWhen(arms.map { BoundCaseArm(condition: fold($0.condition), value: fold($0.value)) },
                      otherwise: fold(otherwise), type)
        case .cast(let operand, let type): .cast(fold(operand), type)
        case .function(let function, let arguments, let type, let range):
            .function(function, arguments.map(fold), type, range: range)
        }
    }
}
