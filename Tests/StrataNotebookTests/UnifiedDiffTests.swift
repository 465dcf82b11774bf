import Testing
@testable import StrataNotebook

@Suite struct UnifiedDiffTests {
    @Test func equalInputsHaveNoDiff() {
        #expect(UnifiedDiff.diff(["a", "b"], ["a", "b"]) == "")
        #expect(UnifiedDiff.diff([], []) == "")
    }

    @Test func aChangedLineInTheMiddleShowsThreeLinesOfContext() {
        let old = ["1", "2", "3", "4", "5", "6", "7", "8", "9"]
        var new = old
        new[4] = "five"
        #expect(UnifiedDiff.diff(old, new) == """
            --- recorded
            +++ actual
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    @Test func insertionsAndDeletions() {
        #expect(UnifiedDiff.diff(["a", "c"], ["a", "b", "c"]) == "--- recorded\n+++ actual\n@@ -1,2 +1,3 @@\n a\n+b\n c\n")
        #expect(UnifiedDiff.diff(["a", "b", "c"], ["a", "c"]) == "--- recorded\n+++ actual\n@@ -1,3 +1,2 @@\n a\n-b\n c\n")
        #expect(UnifiedDiff.diff([], ["x"]) == "--- recorded\n+++ actual\n@@ -0,0 +1,1 @@\n+x\n")
        #expect(UnifiedDiff.diff(["x"], []) == "--- recorded\n+++ actual\n@@ -1,1 +0,0 @@\n-x\n")
    }

    @Test func distantChangesMakeSeparateHunks() {
        let old = (1...20).map(String.init)
        var new = old
        new[1] = "two"
        new.remove(at: 17)
        #expect(UnifiedDiff.diff(old, new) == """
            --- recorded
            +++ actual
            @@ -1,5 +1,5 @@
             1
            -2
            +two
             3
             4
             5
            @@ -15,6 +15,5 @@
             15
             16
             17
            -18
             19
             20

            """)
    }

    /// Applying the diff's edit script to the old lines gives the new ones, and the kept
    /// lines are a longest common subsequence.
    @Test func theEditScriptIsMinimalOnSmallInputs() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let old = (0..<Int.random(in: 0...8, using: &generator)).map { _ in ["a", "b", "c"].randomElement()! }
            let new = (0..<Int.random(in: 0...8, using: &generator)).map { _ in ["a", "b", "c"].randomElement()! }
            let script = UnifiedDiff.script(old, new)
            var rebuiltOld: [String] = [], rebuiltNew: [String] = [], kept = 0
            for edit in script {
                switch edit {
                case .same(let line): rebuiltOld.append(line); rebuiltNew.append(line); kept += 1
                case .removed(let line): rebuiltOld.append(line)
                case .added(let line): rebuiltNew.append(line)
                }
            }
            #expect(rebuiltOld == old && rebuiltNew == new)
            #expect(kept == Self.lcsLength(old, new))
        }
    }

    static func lcsLength(_ a: [String], _ b: [String]) -> Int {
        if a.isEmpty || b.isEmpty { return 0 }
        if a[0] == b[0] { return 1 + lcsLength(Array(a.dropFirst()), Array(b.dropFirst())) }
        return max(lcsLength(Array(a.dropFirst()), b), lcsLength(a, Array(b.dropFirst())))
    }
}
