import Foundation

/// Writes straight to file descriptors 1 and 2 (no buffering to flush, no ordering surprises
/// next to libedit's own output). A closed pipe drops the text instead of crashing.
enum ConsoleOutput {
    /// Writes `text` to standard output.
    static func standardOutput(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }

    /// Writes `text` to standard error.
    static func standardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }
}
