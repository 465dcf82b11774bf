import Foundation
import StrataCore

/// Session settings changed by dot-commands.
public struct Settings: Sendable {
    /// How results print (`.mode`, `.maxrows`, colour).
    public var render = RenderOptions()
    /// `.timer on`: append the run time to every result (off by default so outputs stay stable).
    public var timer = false
    /// `.asof`: the analysis date, days since 1970-01-01. Every "days since" is measured from it.
    public var asOf: Int32

    public init(asOf: Int32 = Settings.today()) {
        self.asOf = asOf
    }

    /// Today's date in UTC as days since 1970-01-01.
    public static func today() -> Int32 {
        Int32((Date().timeIntervalSince1970 / 86_400).rounded(.down))
    }
}
