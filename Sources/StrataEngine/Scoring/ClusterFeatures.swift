import Foundation
import StrataCore

/// The clustering columns as one row-major matrix of doubles: rows with a null in any of
/// them are left out, then `log` (log1p) and `standardize` (mean 0, population SD 1) apply.
struct ClusterFeatures {
    /// Input rows kept, ascending.
    var rowIndexes: ContiguousArray<Int32>
    /// Transformed values, `rowIndexes.count × columns` row-major.
    var matrix: ContiguousArray<Double>
    /// The same values before any transform.
    var original: ContiguousArray<Double>

    /// - Complexity: O(rows × columns).
    init(_ input: Table, spec: ClusterSpec) throws {
        let columns = spec.columns.map { input.columns[$0] }
        let dimensions = columns.count
        var keep = RowSelection()
        keep.reserveCapacity(input.rowCount)
        for row in 0..<input.rowCount where !columns.contains(where: { $0.isNull(row) }) { keep.append(Int32(row)) }
        rowIndexes = keep
        let rows = keep.count
        original = ContiguousArray(repeating: 0, count: rows * dimensions)
        for (dimension, column) in columns.enumerated() {
            try ClusterFeatures.fill(&original, column, rows: keep, dimension: dimension, dimensions: dimensions)
        }
        matrix = original
        if spec.log {
            for (index, value) in matrix.enumerated() {
                guard value > -1 else {
                    let name = input.fields[spec.columns[index % dimensions]].name
                    throw Diagnostic("log needs values above -1, but \(name) holds \(NumberText.double(value)); "
                        + "drop log or filter those rows first", at: .statement(spec.range))
                }
                matrix[index] = Foundation.log1p(value)
            }
        }
        if spec.standardize && rows > 0 {
            for dimension in 0..<dimensions {
                var sum = 0.0
                for row in 0..<rows { sum += matrix[row * dimensions + dimension] }
                let mean = sum / Double(rows)
                var squares = 0.0
                for row in 0..<rows { squares += (matrix[row * dimensions + dimension] - mean) * (matrix[row * dimensions + dimension] - mean) }
                let deviation = (squares / Double(rows)).squareRoot()
                // A constant column carries no distance: centre it, leave its scale.
                let scale = deviation > 0 ? 1 / deviation : 1
                for row in 0..<rows { matrix[row * dimensions + dimension] = (matrix[row * dimensions + dimension] - mean) * scale }
            }
        }
    }

    private static func fill(_ matrix: inout ContiguousArray<Double>, _ column: Column, rows: RowSelection,
                             dimension: Int, dimensions: Int) throws {
        try matrix.withUnsafeMutableBufferPointer { matrix in
            switch (column.type, column.data) {
            case (.double, .double(let values)):
                for (position, row) in rows.enumerated() { matrix[position * dimensions + dimension] = values[Int(row)] }
            case (.decimal(let scale), .int64(let values)):
                let divisor = pow(10.0, Double(scale))
                for (position, row) in rows.enumerated() { matrix[position * dimensions + dimension] = Double(values[Int(row)]) / divisor }
            case (.int64, .int64(let values)):
                for (position, row) in rows.enumerated() { matrix[position * dimensions + dimension] = Double(values[Int(row)]) }
            case (.decimal(let scale), .int32(let values)):  // narrow storage
                let divisor = pow(10.0, Double(scale))
                for (position, row) in rows.enumerated() { matrix[position * dimensions + dimension] = Double(values[Int(row)]) / divisor }
            case (.int64, .int32(let values)):
                for (position, row) in rows.enumerated() { matrix[position * dimensions + dimension] = Double(values[Int(row)]) }
            default:
                throw Diagnostic("cluster needs numeric columns, found \(column.type)")
            }
        }
    }
}
