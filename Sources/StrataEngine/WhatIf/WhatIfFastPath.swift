import StrataCore
import StrataLang

/// The one-pass evaluation of a threshold sweep (filled in below).
struct WhatIfFastPath {
    enum Choice {
        case fast(WhatIfFastPath)
        case plain(String)
    }

    static func plan(_ runner: WhatIfRunner) throws -> Choice {
        .plain("not a single threshold comparison")
    }

    var summary: String { "" }

    func run(_ runner: WhatIfRunner) throws -> WhatIfResult {
        try runner.runPlain(reason: "")
    }
}
