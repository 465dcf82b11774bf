import Foundation
import StrataEngine
@testable import StrataNotebook

/// A temporary folder with files, removed when the test ends.
final class Folder {
    let path: String

    init(_ files: [String: String] = [:]) throws {
        // Canonical from the start (macOS /var → /private/var) so paths compare plainly.
        let base = FileAccessPolicy.canonical(FileManager.default.temporaryDirectory.path)
        path = base + "/strata-notebook-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for (name, text) in files { try write(name, text) }
    }

    func write(_ name: String, _ text: String) throws {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    }

    func read(_ name: String) -> String {
        (try? String(contentsOfFile: path + "/" + name, encoding: .utf8)) ?? "<missing>"
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }
}

/// Small CSV used across the tests.
enum Fixture {
    static let orders = """
        order_id,customer_id,order_date,amount,category
        1,7,2026-01-05,1234.50,家电
        2,7,2026-02-03,99.99,数码
        3,9,2026-03-01,-10.00,家电
        4,11,2026-03-09,500.00,图书

        """
}
