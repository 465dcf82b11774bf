import FuzzSupport
import StrataNotebook

/// libFuzzer target for the notebook reader: any text must parse into cells or give a
/// `NotebookError`, and a parsed notebook must rewrite without trapping.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNotebook(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let notebook = try? Notebook.parse(text, path: "fuzz.md") else { return 0 }
    // Rewriting with no new outputs must give back the file byte for byte.
    precondition(notebook.text(replacingOutputs: [:]) == text, "rewrite changed an unchanged notebook")
    return 0
}

@main
enum FuzzNotebookMain {
    static func main() { FuzzMain.run { data, size in data.map { fuzzNotebook($0, size) } ?? 0 } }
}
