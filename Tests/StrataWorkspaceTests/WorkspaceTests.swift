import Testing
@testable import StrataWorkspace

@Suite struct WorkspaceTests {
    @Test func fileName() {
        #expect(Workspace.fileName == "workspace.sqlite")
    }
}
