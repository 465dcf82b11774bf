import Foundation

/// Runs a libFuzzer entry point over saved inputs, without libFuzzer: each argument is a
/// file or a folder of files. `make test` replays `Tests/Fuzz/corpus/` this way, so every
/// input that once crashed stays a regression test in the ordinary build.
public enum FuzzReplay {
    public static func run(_ target: FuzzMain.Target) {
        var files: [String] = []
        for argument in CommandLine.arguments.dropFirst() {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
                FileHandle.standardError.write(Data("no such file: \(argument)\n".utf8))
                exit(2)
            }
            if isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                files += names.sorted().filter { !$0.hasPrefix(".") }.map { argument + "/" + $0 }
            } else {
                files.append(argument)
            }
        }
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let bytes = [UInt8](data)
            // libFuzzer never passes a null pointer, even for an empty input.
            let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
            buffer.initialize(from: bytes, count: bytes.count)
            _ = target(buffer, bytes.count)
            buffer.deallocate()
        }
        print("replayed \(files.count) inputs")
    }
}
