/// A sentence for each error of a `pprf message` job (README, "Message jobs"); field names, never values.
extension MessageJob.JobError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf message` on standard error).
    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit): "The job has \(bytes) bytes, more than the limit of \(limit)."
        case .malformedJSON(let error): "The job is not valid JSON: \(error)."
        case .notAnObject: "The job must be a JSON object (README, \"Message jobs\", lists its fields)."
        case .missingField(let f): "Field \(f) is required but missing."
        case .unknownField(let f): "Field \(f.prefix(40)) is not a message job field."
        case .invalidField(let f, let reason): "Field \(f) \(reason)."
        case .messageFailed(let index, let error): "Message \(index) (counting from 0) failed. \(error)"
        }
    }
}
