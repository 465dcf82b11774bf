import Synchronization

/// The process-wide "stop what you are doing" flag, set by Ctrl-C (SIGINT).
///
/// Long operations call ``check()`` every few thousand rows; the REPL resets the flag before
/// each statement. A signal handler may call ``request()``: it only stores an atomic.
public enum Cancellation {
    private static let flag = Atomic<Bool>(false)

    public static func request() { flag.store(true, ordering: .relaxed) }

    public static func reset() { flag.store(false, ordering: .relaxed) }

    public static var isRequested: Bool { flag.load(ordering: .relaxed) }

    /// Throws ``Cancelled`` when a cancel was requested.
    @inline(__always)
    public static func check() throws(Cancelled) {
        if flag.load(ordering: .relaxed) { throw Cancelled() }
    }
}

/// Thrown by an operation stopped with Ctrl-C; the session state is left as it was.
public struct Cancelled: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "cancelled" }
}
