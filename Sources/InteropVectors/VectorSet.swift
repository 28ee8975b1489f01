import Foundation

/// Every file `pprf vectors generate` writes, generated in memory.
public enum VectorSet {
    /// (file name, contents) of every vector file, in a fixed order.
    public static func generate() throws -> [(String, String)] {
        [
            (PPRFTreeVectors.fileName, try PPRFTreeVectors.generate().rendered()),
            (PPRFStateVectors.fileName, try PPRFStateVectors.generate().rendered()),
            (PPRFMessageVectors.fileName, try PPRFMessageVectors.generate().rendered()),
            (SafeAADVectors.fileName, try SafeAADVectors.generate().rendered()),
            (CollisionVectors.fileName, CollisionVectors.generate().rendered()),
        ]
    }
}
