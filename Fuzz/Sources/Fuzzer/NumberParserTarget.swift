import ChallengeMath

/// FuzzNumberParser (issue 12): the calculator's number grammar on arbitrary bytes; the invariants live in
/// ChallengeMath's ``NumberParserInvariant`` so that the tests replay Fuzz/Corpus/FuzzNumberParser through them.
func numberParserCheck(target name: String) -> (([UInt8]) -> String?)? {
    name == "FuzzNumberParser" ? { NumberParserInvariant.check($0) } : nil
}
