/// The check every `*ErrorDescriptionTests` suite makes of its error enum (issue 13): each case prints a human
/// sentence, the same through interpolation as through `description`, and no two cases print the same.
public enum ErrorDescriptionCheck {
    /// What is wrong with the descriptions of `cases`, one line a problem (empty when none): interpolation
    /// differing from `description`, a text that does not start with a capital letter or end with a full stop,
    /// a text containing one of `forbidden` (module or type names, `Error(`: signs of a type dump), or two
    /// cases with the same text.
    public static func problems<E: Error & CustomStringConvertible>(_ cases: [E], forbidden: [String]) -> [String] {
        var problems: [String] = []
        for error in cases {
            let text = "\(error)"
            if text != error.description { problems.append("interpolation differs from description: \(text)") }
            if !(text.first?.isUppercase == true && text.hasSuffix(".")) { problems.append("not a sentence: \(text)") }
            for word in forbidden + ["Error("] where text.contains(word) {
                problems.append("contains \(word): \(text)")
            }
        }
        var seen: Set<String> = []
        for text in cases.map(\.description) where !seen.insert(text).inserted {
            problems.append("two cases print: \(text)")
        }
        return problems
    }
}
