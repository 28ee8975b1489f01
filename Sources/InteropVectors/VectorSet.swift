import Foundation

/// Every file `pprf vectors generate` writes, generated in memory.
public enum VectorSet {
    /// (file name, contents) of every vector file, in a fixed order: the committed `Vectors/` set, or the
    /// kinds and parameters of `options` (Vectors/README.md, "Generating your own").
    public static func generate(_ options: GeneratorOptions = .committed) throws -> [(String, String)] {
        try options.validate()
        var files: [(String, String)] = []
        for kind in options.kinds {
            switch kind {
            case .tree: files.append((PPRFTreeVectors.fileName, try PPRFTreeVectors.generate(options).rendered()))
            case .state: files.append((PPRFStateVectors.fileName, try PPRFStateVectors.generate(options).rendered()))
            case .stateCompact:
                // Fixed suites and lengths (SPEC.md section 3.2): written with the committed set only.
                guard !options.customised else { continue }
                files.append((CompactStateVectors.fileName, try CompactStateVectors.generate().rendered()))
            case .treeShortNodes:
                // Fixed suites 5 and 7 (SPEC.md section 3.1): written with the committed set only.
                guard !options.customised else { continue }
                files.append((ShortNodeTreeVectors.fileName, try ShortNodeTreeVectors.generate().rendered()))
            case .messages:
                files.append((PPRFMessageVectors.fileName, try PPRFMessageVectors.generate(options).rendered()))
            case .negative:
                files.append((NegativeMessageVectors.fileName, try NegativeMessageVectors.generate(options).rendered()))
            case .safeAAD:
                // Fixed suites and lengths (SPEC.md section 5.1): written with the committed set only.
                guard !options.customised else { continue }
                files.append((SafeAADVectors.fileName, try SafeAADVectors.generate().rendered()))
            case .reuseGuard:
                // Fixed suites and lengths (SPEC.md section 10): written with the committed set only.
                guard !options.customised else { continue }
                files.append((ReuseGuardMessageVectors.fileName, try ReuseGuardMessageVectors.generate().rendered()))
            case .collision: files.append((CollisionVectors.fileName, CollisionVectors.generate().rendered()))
            }
        }
        return files
    }
}
