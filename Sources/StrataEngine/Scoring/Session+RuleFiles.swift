import Foundation
import StrataCore

extension Session {
    /// Reads a rule file a statement names, through the session's file-access policy
    /// (``accessiblePath(_:at:)``): UTF-8 with or without a BOM. Refusals and read errors
    /// point at the path in the statement. Given to the binder as ``Binder/readFile``.
    func readRuleFile(_ path: String, at range: Range<Int>) throws(Diagnostic) -> String {
        let resolved = try accessiblePath(path, at: range)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw Diagnostic("rules file \"\(path)\" not found", at: .statement(range))
        }
        guard let data = FileManager.default.contents(atPath: resolved) else {
            throw Diagnostic("cannot read rules file \"\(path)\"", at: .statement(range))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw Diagnostic("rules file \"\(path)\" is not UTF-8 text; save it as UTF-8", at: .statement(range))
        }
        return text
    }
}
