import Foundation

/// The official RFC 9420 interop vectors (mlswg/mls-implementations; `RFC9420/SOURCE.txt` names the commit),
/// copied once into this resources-only target and read by every test target that needs them through
/// `Bundle.module`, never through `#filePath`.
public enum OfficialVectors {
    /// The folder holding the files (`crypto-basics.json`, `secret-tree.json`, ...).
    public static let directory = Bundle.module.bundleURL.appendingPathComponent("RFC9420")

    /// The names of the official files, without `.json`.
    public static let names = [
        "crypto-basics", "secret-tree", "key-schedule", "psk_secret", "message-protection", "tree-math",
        "transcript-hashes", "deserialization",
    ]

    /// The file `name` (`"tree-math"`, without `.json`).
    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name + ".json") }

    /// The bytes of the file `name`.
    public static func data(_ name: String) throws -> Data { try Data(contentsOf: url(name)) }
}
