/// A sentence for each error about a vector file as a whole (`pprf vectors verify`).
extension VectorFileError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf vectors verify`).
    public var description: String {
        switch self {
        case .notAnArrayOfObjects:
            "The file is not a JSON array of objects, as every vector file is."
        case .unknownKind:
            "The entries match no known vector kind (README, \"Interop vectors\", lists the kinds)."
        case .empty:
            "The file is an empty array: no entry was checked."
        }
    }
}
