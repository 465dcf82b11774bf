import StrataCore

/// A horizontal bar chart of the counts of a sweep, drawn with Unicode blocks.
enum WhatIfChart {
    static func render(_ result: WhatIfResult) -> String { "" }
}
