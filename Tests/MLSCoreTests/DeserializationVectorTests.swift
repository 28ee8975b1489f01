import MLSCore
import RFC9420Vectors
import Testing

@Suite("RFC 9420 deserialization.json and codec errors")
struct CodecTests {
    @Test("every vlbytes header decodes to its length and re-encodes identically")
    func vectors() throws {
        let entries = try officialEntries("deserialization", as: DeserializationVector.self)
        #expect(entries.count == 14)
        for v in entries {
            var reader = TLSReader(v.vlbytesHeader.bytes)
            #expect(try reader.readVarint() == Int(v.length))
            try reader.finish()
            var writer = TLSWriter()
            writer.writeVarint(Int(v.length))
            #expect(writer.bytes == v.vlbytesHeader.bytes)
        }
    }

    @Test("reserved 11 prefix is rejected")
    func reserved() {
        var reader = TLSReader([0xC0, 0, 0, 0, 0, 0, 0, 1])
        #expect(throws: CodecError.reservedLengthPrefix) { try reader.readVarint() }
    }

    @Test("non-minimal lengths are rejected", arguments: [[0x40, 0x3F], [0x80, 0x00, 0x3F, 0xFF], [0x40, 0x00]])
    func nonMinimal(_ bytes: [UInt8]) {
        var reader = TLSReader(bytes)
        #expect(throws: CodecError.self) { try reader.readVarint() }
        var again = TLSReader(bytes)
        do {
            _ = try again.readVarint()
        } catch {
            guard case .nonMinimalLength = error else {
                Issue.record("wrong error \(error)")
                return
            }
        }
    }

    @Test("truncated header, truncated integer, length past the end, trailing bytes")
    func truncation() throws {
        var r1 = TLSReader([0x40])
        #expect(throws: CodecError.truncated(needed: 2, available: 1)) { try r1.readVarint() }
        var r2 = TLSReader([0x00, 0x01, 0x02])
        #expect(throws: CodecError.truncated(needed: 4, available: 3)) { try r2.readUInt32() }
        var r3 = TLSReader([0x05, 0x01, 0x02])
        #expect(throws: CodecError.lengthExceedsInput(length: 5, available: 2)) { try r3.readOpaque() }
        #expect(r3.position == 0)  // a failed read consumed nothing
        #expect(throws: CodecError.trailingBytes(count: 1)) { try Extension(tlsDecoding: [0, 1, 0, 9]) }
        var r4 = TLSReader([])
        #expect(throws: CodecError.truncated(needed: 1, available: 0)) { try r4.readVarint() }
    }

    @Test("optional presence byte must be 0 or 1; vector elements must stay inside the vector")
    func optionalsAndVectors() throws {
        var r = TLSReader([2])
        #expect(throws: CodecError.invalidValue(field: "optional presence", value: 2)) {
            try r.readOptional { (r: inout TLSReader) throws(CodecError) in try r.readUInt8() }
        }
        var present = TLSReader([1, 7])
        #expect(try present.readOptional { (r: inout TLSReader) throws(CodecError) in try r.readUInt8() } == 7)
        var absent = TLSReader([0])
        #expect(try absent.readOptional { (r: inout TLSReader) throws(CodecError) in try r.readUInt8() } == nil)
        // A vector of uint16 whose byte length is odd: the last element runs past the vector's end.
        var v = TLSReader([3, 0, 1, 2])
        #expect(throws: CodecError.truncated(needed: 2, available: 1)) {
            try v.readVector { (r: inout TLSReader) throws(CodecError) in try r.readUInt16() }
        }
        var w = TLSWriter()
        w.writeOptional(UInt8(9)) { $0.write($1) }
        w.writeOptional(UInt8?.none) { $0.write($1) }
        #expect(w.bytes == [1, 9, 0])
    }

    @Test("enumerated values and structures the framing layer refuses")
    func invalidValues() throws {
        #expect(throws: CodecError.invalidValue(field: "SenderType", value: 9)) { try Sender(tlsDecoding: [9]) }
        #expect(throws: CodecError.unsupported("proposal type 99")) { try Proposal(tlsDecoding: [0, 99]) }
        #expect(throws: CodecError.invalidValue(field: "ProtocolVersion", value: 2)) {
            try MLSMessage(tlsDecoding: [0, 2, 0, 1])
        }
        #expect(throws: CodecError.unsupported("wire format 3")) { try MLSMessage(tlsDecoding: [0, 1, 0, 3]) }
        #expect(throws: CodecError.invalidValue(field: "WireFormat", value: 9)) {
            try MLSMessage(tlsDecoding: [0, 1, 0, 9])
        }
        #expect(throws: CodecError.invalidValue(field: "GroupContext.version", value: 0)) {
            try GroupContext(tlsDecoding: [0, 0])
        }
        #expect(throws: CodecError.invalidValue(field: "ProposalOrRefType", value: 3)) {
            try Commit(tlsDecoding: [1, 3, 0])
        }
        #expect(throws: CodecError.invalidValue(field: "PSKType", value: 3)) { try Proposal(tlsDecoding: [0, 4, 3]) }
        #expect(throws: CodecError.invalidValue(field: "ContentType", value: 0)) {
            try PrivateMessage(tlsDecoding: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])
        }
        #expect(throws: CodecError.invalidHex) { try Hex.decode("abc") }
        #expect(throws: CodecError.invalidHex) { try Hex.decode("zz") }
        #expect(try Hex.decode("ABcd") == [0xAB, 0xCD])
        #expect(throws: CodecError.nonZeroPadding) {
            try PrivateMessageContent(type: .application, decrypted: [1, 0xAA, 0, 0, 1])
        }
    }

    @Test("every proposal type of RFC 9420 round-trips")
    func proposals() throws {
        let leafNode: [UInt8] = [1, 0xAA, 1, 0xBB, 0, 1, 1, 0x41, 0, 0, 0, 0, 0, 2, 0, 0]
        let samples: [[UInt8]] = [
            [0, 1, 0, 1, 0, 1, 1, 0xCC] + leafNode + [0, 0],  // add: KeyPackage
            [0, 2] + leafNode,  // update
            [0, 3, 0, 0, 0, 5],  // remove
            [0, 4, 1, 1, 0xAB, 1, 0xCD],  // psk external
            [0, 4, 2, 1, 1, 0xAB, 0, 0, 0, 0, 0, 0, 0, 3, 0],  // psk resumption
            [0, 5, 1, 0xEE, 0, 1, 0, 1, 0],  // reinit
            [0, 6, 2, 1, 2],  // externalInit
            [0, 7, 0],  // groupContextExtensions
        ]
        for bytes in samples {
            #expect(try Proposal(tlsDecoding: bytes).tlsEncoded == bytes)
        }
        let commit = Commit(proposals: [.remove(leaf: 2)])
        #expect(try Commit(tlsDecoding: commit.tlsEncoded) == commit)
        let withPath: [UInt8] = [0, 1] + leafNode + [0]
        #expect(try Commit(tlsDecoding: withPath).tlsEncoded == withPath)
    }
}
