import PuncturablePRF

/// `Vectors/pprf-tree-short-nodes.json`: `pprf-tree.json`'s entries for profile `mls32` (32-byte nodes, ours;
/// SPEC.md section 3.1) with suites 5 and 7, the suites with KDF.Nh > 32. A file of its own, so that
/// `pprf-tree.json` stays byte-identical; it has the same format and the same verifier.
public enum ShortNodeTreeVectors {
    /// The file name.
    public static let fileName = "pprf-tree-short-nodes.json"
    /// (suite, profile) pairs covered.
    public static let configurations: [(UInt16, PRGProfile)] = [(5, .mls32), (7, .mls32)]

    /// Generates every entry (inputs labelled from this file's name).
    public static func generate() throws -> JSONValue {
        try PPRFTreeVectors.generate(file: fileName, configurations: configurations)
    }
}
