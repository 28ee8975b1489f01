/// The transcript hashes of RFC 9420 section 8.2.
public enum TranscriptHash {
    /// The result of applying one commit to the transcript.
    public struct Update: Sendable, Equatable {
        /// `confirmed_transcript_hash = Hash(interim_before || ConfirmedTranscriptHashInput)`.
        public let confirmedTranscriptHash: [UInt8]
        /// The commit's confirmation tag, read from the AuthenticatedContent.
        public let confirmationTag: [UInt8]
        /// `interim_transcript_hash = Hash(confirmed || InterimTranscriptHashInput)`.
        public let interimTranscriptHash: [UInt8]
    }

    /// Updates the transcript with an encoded `AuthenticatedContent` carrying a Commit (RFC 9420 section 8.2):
    /// `ConfirmedTranscriptHashInput` is the AuthenticatedContent without its confirmation tag.
    public static func update(
        suite: CipherSuite, interimBefore: [UInt8], authenticatedContent: [UInt8]
    ) throws(MLSError) -> Update {
        var reader = TLSReader(authenticatedContent)
        let (confirmedInput, tag) = try decoding { () throws(CodecError) in
            _ = try reader.readUInt16()  // wire_format
            let content = try FramedContent(from: &reader)
            guard content.body.contentType == .commit else {
                throw CodecError.invalidValue(field: "ContentType", value: UInt64(content.body.contentType.rawValue))
            }
            _ = try reader.readOpaque()  // signature
            let end = reader.position
            let tag = try reader.readOpaque()
            try reader.finish()
            return (Array(authenticatedContent[0..<end]), tag)
        }
        let confirmed = try suite.hash(interimBefore + confirmedInput)
        var w = TLSWriter()
        w.writeOpaque(tag)
        return Update(
            confirmedTranscriptHash: confirmed, confirmationTag: tag,
            interimTranscriptHash: try suite.hash(confirmed + w.bytes))
    }
}
