import Foundation
import HostileInputChecks
import Testing

let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

@Suite("hostile inputs: the committed fuzz corpus, replayed")
struct CorpusReplayTests {
    static let regenerate = "swift run pprf vectors generate --format fuzz-seeds --output-dir Fuzz/Corpus"

    static func corpus(_ target: String) throws -> [(String, [UInt8])] {
        let folder = corpusDirectory.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    @Test(
        "every corpus input (seeds, finds and former crashes) keeps its target's invariants",
        arguments: HostileInputChecks.targets)
    func replay(_ target: String) throws {
        let check = try #require(HostileInputChecks.check(target: target))
        let files = try Self.corpus(target)
        #expect(files.count >= 10)
        for (file, bytes) in files {
            #expect(check(bytes) == nil, "\(target)/\(file)")
            // Every truncation of a seed is hostile input too.
            for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 16)) {
                #expect(check(Array(bytes[0..<cut])) == nil, "\(target)/\(file) cut at \(cut)")
            }
        }
    }

    @Test(
        "the unprotect and job targets reach their success path: every generated seed is accepted",
        arguments: ["FuzzUnprotectRFC", "FuzzUnprotectPPRF", "FuzzMessageJob"])
    func seedsAccepted(_ target: String) throws {
        let outcome = try #require(HostileInputChecks.outcome(target: target))
        let seeds = try HostileInputChecks.seeds(target: target)
        #expect(seeds.count >= 10)
        let accepted = seeds.filter { outcome($0) == .accepted }.count
        if target == "FuzzMessageJob" {
            // The two valid jobs, and the job without sender_leaf (which only protect needs); every other seed
            // carries one hostile value and must be refused for both operations.
            #expect(accepted == 3)
            for seed in seeds { #expect(outcome(seed).violation == nil) }
        } else {
            #expect(accepted == seeds.count)
        }
    }

    @Test(
        "the committed seeds are the generator's",
        arguments: ["FuzzUnprotectRFC", "FuzzUnprotectPPRF", "FuzzMessageJob"])
    func seedsCurrent(_ target: String) throws {
        let committed = Dictionary(uniqueKeysWithValues: try Self.corpus(target))
        for (i, seed) in try HostileInputChecks.seeds(target: target).enumerated() {
            let name = HostileInputChecks.seedFileName(i)
            #expect(committed[name] == seed, "Fuzz/Corpus/\(target)/\(name) is stale: run `\(Self.regenerate)`")
        }
    }

    @Test("a message that verifies is committed: its replay and every one-bit flip of it keep the invariants")
    func mutationsOfAValidMessage() throws {
        for target in ["FuzzUnprotectRFC", "FuzzUnprotectPPRF"] {
            let outcome = try #require(HostileInputChecks.outcome(target: target))
            let seed = try #require(try HostileInputChecks.seeds(target: target).first)
            #expect(outcome(seed) == .accepted)
            var rejected = 0
            for i in stride(from: 0, to: seed.count * 8, by: 7) {
                var flipped = seed
                flipped[i / 8] ^= 1 << UInt8(i % 8)
                let result = outcome(flipped)
                #expect(result.violation == nil, "\(target) bit \(i): \(result)")
                if result == .rejected { rejected += 1 }
            }
            #expect(rejected > 0)
        }
    }

    @Test("an unknown target has no check")
    func unknown() {
        #expect(HostileInputChecks.check(target: "FuzzNothing") == nil)
        #expect(HostileInputChecks.outcome(target: "FuzzNothing") == nil)
    }
}
