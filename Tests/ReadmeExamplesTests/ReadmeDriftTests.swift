import Foundation
import Testing

/// README.md's "Using the library" shows exactly the code these tests compile and run, so that neither can
/// change without the other.
@Suite("README stays in step with the examples")
struct ReadmeDriftTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let root = folder.deletingLastPathComponent().deletingLastPathComponent()
    /// The example files, in README order; each README block is its file without the first (marker) line.
    static let exampleFiles = ["ExamplePPRF.swift", "ExampleProtection.swift", "ExampleChallengeMath.swift"]

    /// The ```swift blocks of README's "Using the library" section, in order.
    static func readmeBlocks() throws -> [String] {
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        guard let start = readme.range(of: "\n## Using the library\n") else { return [] }
        let rest = readme[start.upperBound...]
        let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
        var blocks: [String] = []
        var current: [Substring]?
        for line in section.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```swift" {
                current = []
            } else if let lines = current, line == "```" {
                blocks.append(lines.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    static func example(_ name: String) throws -> String {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        return text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).last.map(String.init) ?? ""
    }

    @Test("the section has a Package.swift snippet and one block per example file")
    func blockCount() throws {
        #expect(try Self.readmeBlocks().count == 1 + Self.exampleFiles.count)
    }

    @Test("each README example is its test file verbatim", arguments: Array(exampleFiles.enumerated()))
    func verbatim(_ index: Int, _ file: String) throws {
        let blocks = try Self.readmeBlocks()
        try #require(blocks.count == 1 + Self.exampleFiles.count)
        let code = try Self.example(file)
        #expect(blocks[1 + index] == code, "README block \(index + 2) differs from Tests/ReadmeExamplesTests/\(file)")
    }

    @Test("the Package.swift snippet names real products, and every module the examples import")
    func packageSnippet() throws {
        let blocks = try Self.readmeBlocks()
        try #require(!blocks.isEmpty)
        let snippet = blocks[0]
        let manifest = try String(contentsOf: Self.root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let named = Set(
            snippet.matches(of: /\.product\(name: "(\w+)", package: "mls-pprf"\)/).map { String($0.output.1) })
        #expect(!named.isEmpty)
        for product in named {
            #expect(manifest.contains(".library(name: \"\(product)\""), "\(product) is not a library product")
        }
        for file in Self.exampleFiles {
            for line in try Self.example(file).split(separator: "\n") where line.hasPrefix("import ") {
                let module = String(line.dropFirst("import ".count))
                #expect(named.contains(module), "\(file) imports \(module), which the snippet does not name")
            }
        }
    }
}
