#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif
import StrataCore
import Synchronization

/// Set by the SIGINT handler; read and cleared by the REPL. A global `let` so the handler
/// touches nothing but an atomic.
let interruptReceived = Atomic<Bool>(false)

/// Ctrl-C handling for the interactive REPL.
///
/// The handler is installed with `sigaction` *without* `SA_RESTART`: a blocked `read()` inside
/// libedit then fails with `EINTR`, `readline()` returns, and the REPL shows a fresh prompt.
/// While a statement runs, the same handler raises ``Cancellation`` so the operation stops at
/// its next check. Ctrl-C never ends the process.
enum InterruptHandler {
    /// Installs the SIGINT handler (idempotent).
    static func install() {
        // Globals and statics are initialized lazily; touch both now, because a signal
        // handler must not be the first to run their (lock-taking) initializers.
        interruptReceived.store(false, ordering: .relaxed)
        _ = Cancellation.isRequested

        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handleInterrupt
        #else
        action.__sigaction_u.__sa_handler = handleInterrupt
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART, on purpose
        sigaction(SIGINT, &action, nil)
    }

    /// Forgets an earlier Ctrl-C (before reading a line).
    static func clear() {
        interruptReceived.store(false, ordering: .relaxed)
    }

    /// True if Ctrl-C arrived since the last ``clear()`` or ``consume()``; clears the flag.
    static func consume() -> Bool {
        interruptReceived.exchange(false, ordering: .relaxed)
    }
}

/// The signal handler itself: only atomic stores, which are async-signal-safe.
private func handleInterrupt(_ signal: Int32) {
    interruptReceived.store(true, ordering: .relaxed)
    Cancellation.request()
}
