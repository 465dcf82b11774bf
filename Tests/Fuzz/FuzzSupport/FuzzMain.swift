import Foundation

/// The entry point of a fuzz target. Built with `-D FUZZING -sanitize=fuzzer` (`make fuzz`),
/// it hands `target` to libFuzzer's driver with the command-line arguments (`-max_total_time`,
/// corpus folders…); otherwise it replays the files and folders given (``FuzzReplay``).
public enum FuzzMain {
    public typealias Target = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    public static func run(_ target: Target) -> Never {
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
        FuzzReplay.run(target)
        exit(0)
        #endif
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ target: FuzzMain.Target
) -> CInt
#endif
