import Foundation

/// Runs the built `strata` executable the way a user or CI would.
struct StrataBinary {
    struct Result {
        var stdout: String
        var stderr: String
        var status: Int32
    }

    /// The package root (three folders above this file).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `STRATA_BIN` when set (the Makefile sets it), else `.build/debug/strata`.
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["STRATA_BIN"], !path.isEmpty { return path }
        return packageRoot.appendingPathComponent(".build/debug/strata").path
    }

    /// Runs `strata arguments…` in `directory` with `input` on standard input (a pipe, so not a TTY).
    static func run(_ arguments: [String], input: String = "", directory: URL = packageRoot,
                    environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["STRATA_HISTORY"] = FileManager.default.temporaryDirectory.appendingPathComponent("strata-e2e-history").path
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so a large output cannot block the child.
        // The semaphore orders the reader's write before the read below (ThreadSanitizer-clean).
        nonisolated(unsafe) var errorData = Data()
        let errorRead = DispatchSemaphore(value: 0)
        let errorReader = Thread {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            errorRead.signal()
        }
        errorReader.start()
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorRead.wait()
        return Result(stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData, as: UTF8.self),
                      status: process.terminationStatus)
    }
}
