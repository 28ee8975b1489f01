/// Coding keys and paths of the vector models. The models' properties are camelCase and the files' keys
/// snake_case (`kemOutput` is `kem_output`): the coder converts, as `JSONDecoder`'s `convertFromSnakeCase` does,
/// and names fields in errors by their key in the file.
enum VectorPath {
    /// A key of a coding path: a file key or an array index.
    struct Key: CodingKey {
        let stringValue: String
        let intValue: Int?

        init(stringValue: String) {
            self.stringValue = stringValue
            self.intValue = nil
        }

        init(intValue: Int) {
            self.stringValue = "[\(intValue)]"
            self.intValue = intValue
        }
    }

    /// `camelCase` as the file writes it: `snake_case` (`nLeaves` is `n_leaves`).
    static func fileKey(_ property: String) -> String {
        var out = ""
        for c in property {
            if c.isUppercase {
                out += "_" + c.lowercased()
            } else {
                out.append(c)
            }
        }
        return out
    }

    /// A file key as a property name: `snake_case` to `camelCase`.
    static func propertyName(_ key: String) -> String {
        let parts = key.split(separator: "_", omittingEmptySubsequences: false)
        guard let first = parts.first else { return key }
        return String(first) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `epochs[2].membership_key` for a coding path (`$` for the document itself). Keys are named as in the
    /// file: both coders put file keys (``Key``) on the path.
    static func text(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out.isEmpty ? "$" : out
    }
}
