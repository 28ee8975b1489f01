/// A sentence for each error of atomic file writing (every file `pprf` writes).
extension AtomicFile.WriteError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf` on standard error).
    public var description: String {
        switch self {
        case .writeFailed(let path, let reason):
            "Could not write \(path): \(sentence(reason))."
        }
    }
}

/// The system's reason without its final full stop and without Foundation's vague lead-in ("The operation
/// could not be completed."), which says nothing the reason does not.
private func sentence(_ reason: String) -> String {
    var text = Substring(reason)
    let vague = "The operation could not be completed. "
    if text.hasPrefix(vague), text.count > vague.count { text = text.dropFirst(vague.count) }
    if text.hasSuffix(".") { text = text.dropLast() }
    return String(text)
}
