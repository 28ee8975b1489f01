/// A sentence for each error of a `pprf message` job (README, "Message jobs"); field names, never values.
extension MessageJob.JobError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf message` on standard error).
    public var description: String {
        switch self {
        case .notAnObject:
            "The job is not a JSON object (README, \"Message jobs\", lists its fields)."
        case .badField(let field):
            "The job's field \(field) is missing or has the wrong type or encoding."
        case .unknownMode(let mode):
            "The mode \"\(mode)\" is unknown; use \"rfc9420\" or \"pprf\"."
        case .messageFailed(let index, let error):
            "Message \(index) (counting from 0) failed. \(error)"
        }
    }
}
