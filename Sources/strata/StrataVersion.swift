/// The version `strata --version` and the REPL banner show.
enum StrataVersion {
    /// Semantic version of this build.
    static let current = "0.1.0"
}
