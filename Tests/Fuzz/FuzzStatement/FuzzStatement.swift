import FuzzSupport
import Foundation
import StrataCore
import StrataEngine
import StrataLang

/// libFuzzer target for the language: any text is split into statements the way scripts
/// are, then each is parsed and run in a fresh session holding a small orders table and
/// confined to a scratch folder, so the lexer, parser, binder and executor all see it.
/// Every mistake must come back as an error outcome, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzStatement(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = try? Parser.parse(text)
    let session = FuzzSession.make()
    _ = session.runScript(text: text, displayPath: "fuzz.strata")
    return 0
}

/// A fresh session per input, so a crash replays from its input alone.
enum FuzzSession {
    static let folder: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let orders = """
            order_id,customer_id,order_date,amount,category
            1,1,2026-06-01,100.00,家电
            2,1,2026-05-02,-40.00,数码
            3,2,2025-01-01,12.50,图书
            4,3,2026-06-30,,食品
            5,,2024-02-29,99999.99,
            """
        FileManager.default.createFile(atPath: folder + "/orders.csv", contents: Data(orders.utf8))
        return folder
    }()

    static func make() -> Session {
        let session = Session(workingDirectory: folder)
        session.fileAccess = FileAccessPolicy(allowing: [folder])
        _ = session.execute(".asof 2026-06-30")
        _ = session.execute("load orders from \"orders.csv\"")
        return session
    }
}

@main
enum FuzzStatementMain {
    static func main() { FuzzMain.run { data, size in data.map { fuzzStatement($0, size) } ?? 0 } }
}
