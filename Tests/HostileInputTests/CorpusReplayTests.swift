import Foundation
import FuzzInvariants
import Testing

let corpusDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fuzz/Corpus")

@Suite("hostile inputs: the committed fuzz corpus, replayed")
struct CorpusReplayTests {
    static let regenerate = "swift run pprf vectors generate --format fuzz-seeds --output-dir Fuzz/Corpus"

    static func corpus(_ target: FuzzTarget) throws -> [(String, [UInt8])] {
        let folder = corpusDirectory.appendingPathComponent(target.rawValue)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted().map {
            ($0, Array(try Data(contentsOf: folder.appendingPathComponent($0))))
        }
    }

    @Test(
        "every corpus input (seeds, finds and former crashes) keeps its target's invariants",
        arguments: FuzzTarget.allCases)
    func replay(_ target: FuzzTarget) throws {
        let check = target.check
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
        arguments: [FuzzTarget.unprotectRFC, .unprotectPPRF, .messageJob])
    func seedsAccepted(_ target: FuzzTarget) throws {
        let outcome = target.outcome
        let seeds = try target.seeds()
        #expect(seeds.count >= 10)
        let accepted = seeds.filter { outcome($0) == .accepted }.count
        if target == .messageJob {
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
        arguments: [FuzzTarget.unprotectRFC, .unprotectPPRF, .messageJob])
    func seedsCurrent(_ target: FuzzTarget) throws {
        let committed = Dictionary(uniqueKeysWithValues: try Self.corpus(target))
        for (i, seed) in try target.seeds().enumerated() {
            let name = FuzzTarget.seedFileName(i)
            #expect(committed[name] == seed, "Fuzz/Corpus/\(target)/\(name) is stale: run `\(Self.regenerate)`")
        }
    }

    @Test("a message that verifies is committed: its replay and every one-bit flip of it keep the invariants")
    func mutationsOfAValidMessage() throws {
        for target in [FuzzTarget.unprotectRFC, .unprotectPPRF] {
            let outcome = target.outcome
            let seed = try #require(try target.seeds().first)
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

    @Test("every target is named by its corpus folder, and an unknown name is no target")
    func names() throws {
        let folders = try FileManager.default.contentsOfDirectory(atPath: corpusDirectory.path).sorted()
        #expect(FuzzTarget.allCases.map(\.rawValue).sorted() == folders)
        #expect(FuzzTarget(rawValue: "FuzzNothing") == nil)
        #expect(FuzzTarget.codec.rawValue == "FuzzCodec")
    }

    @Test("targets without generated seeds give none; seed file names are two-digit")
    func seedlessTargets() throws {
        for target in [FuzzTarget.codec, .pprfState, .numberParser] { #expect(try target.seeds().isEmpty) }
        #expect(FuzzTarget.seedFileName(3) == "seed-03")
        #expect(FuzzTarget.seedFileName(12) == "seed-12")
    }
}
