import FuzzSupport
import StrataCore

/// libFuzzer target for the CSV reader: any bytes, read with options chosen by the first
/// byte, must give a table or a `Diagnostic` — never a trap, a hang or a leak.
/// Built by `make fuzz` with `-sanitize=fuzzer,address -D FUZZING`; without `FUZZING` the
/// same entry point replays corpus files (see ``FuzzReplay``), which `make test` runs.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let selector = data[0]
    var options = CSVOptions()
    options.threads = selector & 1 == 0 ? 1 : 2
    options.skipBadRows = selector & 2 != 0
    if selector & 4 != 0 { options.header = false }
    if selector & 8 != 0 { options.types = ["amount": .decimal(scale: 2), "d": .date] }
    if selector & 16 != 0 { options.delimiter = UInt8(ascii: ";") }
    if selector & 32 != 0 { options.encoding = "gbk" }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    _ = try? CSVReader.load(bytes: bytes, displayPath: "fuzz.csv", options: options)
    return 0
}

@main
enum FuzzCSVMain {
    static func main() { FuzzMain.run { data, size in data.map { fuzzCSV($0, size) } ?? 0 } }
}
