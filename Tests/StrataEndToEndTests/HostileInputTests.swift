import Foundation
import Testing

/// Files too big or too odd to commit, made on the fly, through the real binary: each one
/// gets a clear answer and the tables loaded before it survive.
@Suite struct HostileInputTests {
    private static func scratchFile(_ name: String, _ contents: Data) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-hostile-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try contents.write(to: url)
        return url
    }

    @Test func aTenMegabyteFieldLoadsWhole() throws {
        let big = String(repeating: "长", count: 3_500_000)  // 10.5 MB of UTF-8
        let url = try Self.scratchFile("big_field.csv", Data("id,note\n1,\"\(big)\"\n2,short\n".utf8))
        let result = try StrataBinary.run([], input: """
            load t from "\(url.path)"
            t | derive n = length(note) | select id, n
            """)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("t: 2 rows × 2 columns"))
        #expect(result.stdout.contains("3,500,000"))
    }

    @Test func aHundredThousandColumnHeaderLoads() throws {
        let columns = 100_000
        let header = (1...columns).map { "c\($0)" }.joined(separator: ",")
        let row = (1...columns).map { String($0 % 7) }.joined(separator: ",")
        let url = try Self.scratchFile("wide.csv", Data("\(header)\n\(row)\n".utf8))
        let result = try StrataBinary.run([], input: """
            load wide from "\(url.path)"
            wide | select c99999, c100000
            """)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("1 row × 100,000 columns"))
        #expect(result.stdout.contains("c100000"))
    }

    @Test func aFileBiggerThanTheMemoryBudgetIsRefusedAndTheOldTableKept() throws {
        let result = try StrataBinary.run([], input: """
            load orders from "datasets/demo/customers.csv"
            load orders from "datasets/demo/orders.csv"
            orders | count
            """, environment: ["STRATA_MEMORY_LIMIT": "1M"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("loading datasets/demo/orders.csv (745 kB) needs about 1.1 MB of memory; 1.0 MB is available"))
        #expect(result.stderr.contains("^^^^"))
        #expect(result.stdout.contains("2,000"), "the customers loaded as orders before are still there")
    }

    @Test func anExplodingJoinIsRefusedAndTheSessionGoesOn() throws {
        var text = "k,v\n"
        for index in 0..<60_000 { text += "1,\(index)\n" }
        let url = try Self.scratchFile("repeated_keys.csv", Data(text.utf8))
        let result = try StrataBinary.run([], input: """
            load a from "\(url.path)"
            a | join a on k | count
            a | count
            """, environment: ["STRATA_MEMORY_LIMIT": "1G"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("join would make 3,600,000,000 rows"))
        #expect(result.stdout.contains("60,000"))
    }
}
