import Foundation
import Testing
import StrataEngine
@testable import StrataNotebook

@Suite struct ConfinementTests {
    static let refusal = "is outside the allowed folders (notebook folder, current folder, --allow-path)"

    func confined(_ folder: Folder) -> Session {
        let session = Session(workingDirectory: folder.path + "/nb")
        session.fileAccess = FileAccessPolicy(allowing: [folder.path + "/nb"])
        return session
    }

    @Test func pathsInsideTheFolderAreAllowed() throws {
        let folder = try Folder(["nb/orders.csv": Fixture.orders, "nb/data/more.csv": Fixture.orders])
        let session = confined(folder)
        #expect(session.execute(#"load a from "orders.csv""#).succeeded)
        #expect(session.execute(#"load b from "data/../data/more.csv""#).succeeded)
        #expect(session.execute(#"load c from "\#(folder.path)/nb/orders.csv""#).succeeded)
    }

    @Test func dotDotAbsoluteAndHomeAreRefused() throws {
        let folder = try Folder(["nb/orders.csv": Fixture.orders, "secret.csv": Fixture.orders])
        let session = confined(folder)
        let up = session.execute(#"load s from "../secret.csv""#)
        #expect(up.error.hasPrefix(#"Error: "../secret.csv" \#(Self.refusal)"#))
        #expect(session.execute(#"load s from "../../../../../../etc/passwd""#).error.contains(Self.refusal))
        #expect(session.execute(#"load s from "/etc/passwd""#).error.contains(Self.refusal))
        #expect(session.execute(#"load s from "~/.ssh/id_rsa""#).error.contains(Self.refusal))
        #expect(session.execute(#".read "../secret.strata""#).error.contains(Self.refusal))
        #expect(session.execute(".save notebook ../out.md").error.contains(Self.refusal))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out.md"))
        #expect(session.catalog["s"] == nil)
    }

    @Test func aSymlinkOutOfTheFolderIsRefused() throws {
        let folder = try Folder(["nb/orders.csv": Fixture.orders, "outside/secret.csv": Fixture.orders])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/nb/link", withDestinationPath: folder.path + "/outside")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/nb/file.csv", withDestinationPath: folder.path + "/outside/secret.csv")
        let session = confined(folder)
        #expect(session.execute(#"load s from "link/secret.csv""#).error.contains(Self.refusal))
        #expect(session.execute(#"load s from "file.csv""#).error.contains(Self.refusal))
        // A symlink that stays inside is fine.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/nb/same.csv", withDestinationPath: folder.path + "/nb/orders.csv")
        #expect(session.execute(#"load s from "same.csv""#).succeeded)
    }

    @Test func canonicalPathsResolveDotsAndMissingTails() throws {
        let folder = try Folder(["a/b/x.csv": "x\n"])
        #expect(FileAccessPolicy.canonical(folder.path + "/a/./b/../b/x.csv") == folder.path + "/a/b/x.csv")
        #expect(FileAccessPolicy.canonical(folder.path + "/a/new/../b/y.csv") == folder.path + "/a/b/y.csv")
        #expect(FileAccessPolicy(allowing: [folder.path + "/a"]).permits(folder.path + "/a/b/new.md"))
        #expect(!FileAccessPolicy(allowing: [folder.path + "/a"]).permits(folder.path + "/ab"))
    }

    @Test func theTesterAllowsTheCurrentFolderAndAllowPathsOnly() throws {
        let folder = try Folder([
            "data/orders.csv": Fixture.orders,
            "work/nb.md": "```strata\nload o from \"../data/orders.csv\"\n```\n",
        ])
        // From inside work/, ../data is outside both the notebook's and the current folder.
        let refused = NotebookTester(directory: folder.path + "/work").test("nb.md")
        #expect(refused.cells.first?.message.contains(Self.refusal) == true)
        #expect(NotebookTester(directory: folder.path + "/work", allowedPaths: ["../data"]).test("nb.md").passed)
        #expect(NotebookTester(directory: folder.path).test("work/nb.md").passed)
        #expect(NotebookTester(directory: folder.path + "/work", parameters: Parameters(["data": "../data"])).test("nb.md").passed)
    }
}
