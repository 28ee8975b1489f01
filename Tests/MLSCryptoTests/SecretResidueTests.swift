import Foundation
import Testing

@testable import MLSCrypto

/// Issue 13 items 1-3: after an operation returns, memory the library owns holds nothing from which the key,
/// the nonce or a keyed hash state can be recovered.
@Suite(
    "no secret residue in memory the library owns", .serialized,
    .disabled(
        if: ProcessInfo.processInfo.environment["MLS_PPRF_SANITIZER_RUN"] != nil,
        "run by make test; its /proc/self/mem scans are the CI's critical path under a sanitizer"))
struct SecretResidueTests {
    /// A copy of the state memory: the pads and the working area after them.
    static func snapshot(_ mac: KeyedHMAC) -> (pads: [UInt8], rest: [UInt8]) {
        mac.withUnsafeStateBytes { state, padsByteCount in
            (Array(state[0..<padsByteCount]), Array(state[padsByteCount...]))
        }
    }

    @Test(
        "HMAC state: only the pads are non-zero after each call while keyed, and nothing after wipeKey",
        arguments: MLSCrypto.HashFunction.allCases)
    func keyedStateHoldsOnlyPads(hash: MLSCrypto.HashFunction) throws {
        for keyLength in [0, 32, 200] {
            let key = SecretBytes(copying: (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &+ 0x40) })
            let mac = try KeyedHMAC(hash: hash, key: key)
            let keyed = Self.snapshot(mac)
            #expect(keyed.pads.contains { $0 != 0 })
            #expect(mac.isKeyed && !mac.isWiped)
            #expect(keyed.rest.allSatisfy { $0 == 0 })
            let message: [UInt8] = Array(0..<150)
            var out = [UInt8](repeating: 0, count: hash.digestSize)
            let calls: [(String, () -> Void)] = [
                ("tag", { _ = mac.tag(message) }),
                (
                    "authenticate(parts)",
                    {
                        message.withUnsafeBytes { m in
                            out.withUnsafeMutableBytes { mac.authenticate([m, m], into: $0) }
                        }
                    }
                ),
                (
                    "authenticate(message)",
                    { message.withUnsafeBytes { m in out.withUnsafeMutableBytes { mac.authenticate(m, into: $0) } } }
                ),
            ]
            for (name, call) in calls {
                call()
                let after = Self.snapshot(mac)
                #expect(after.pads == keyed.pads, "\(hash) key \(keyLength): \(name) changed the pads")
                #expect(after.rest.allSatisfy { $0 == 0 }, "\(hash) key \(keyLength): \(name) left scratch bytes")
            }
            // A key longer than the block is hashed through the working area: that must be clean too.
            let long = [UInt8](repeating: 0x77, count: 300)
            long.withUnsafeBytes { mac.rekey(with: $0) }
            #expect(Self.snapshot(mac).rest.allSatisfy { $0 == 0 })
            mac.wipeKey()
            #expect(!mac.isKeyed && mac.isWiped)
            let wiped = Self.snapshot(mac)
            #expect(wiped.pads.allSatisfy { $0 == 0 } && wiped.rest.allSatisfy { $0 == 0 })
        }
    }

    @Test("using a wiped HMAC without rekeying stops the process instead of computing from zeroed state")
    func useAfterWipeStops() async {
        await #expect(processExitsWith: .failure) {
            let mac = try KeyedHMAC(hash: .sha256, key: SecretBytes(copying: [1]))
            mac.wipeKey()
            _ = mac.tag([1])
        }
    }

    @Test("the pads depend only on the key: equal keys give equal pads, rekeying replaces them")
    func padsFollowTheKey() throws {
        let a = try KeyedHMAC(hash: .sha256, key: SecretBytes(copying: [1, 2, 3]))
        let b = try KeyedHMAC(hash: .sha256, key: SecretBytes(copying: [1, 2, 3]))
        let c = try KeyedHMAC(hash: .sha256, key: SecretBytes(copying: [1, 2, 4]))
        #expect(Self.snapshot(a).pads == Self.snapshot(b).pads)
        #expect(Self.snapshot(a).pads != Self.snapshot(c).pads)
        [UInt8]([1, 2, 4]).withUnsafeBytes { a.rekey(with: $0) }
        #expect(Self.snapshot(a).pads == Self.snapshot(c).pads)
        #expect(a.tag([9]) == c.tag([9]))
    }

    @Test(
        "a tree walk's keys, padded keys and midstates are nowhere in memory after the pair deriver's wipe",
        arguments: MLSCrypto.HashFunction.allCases)
    func walkLeavesNoMidstate(hash: MLSCrypto.HashFunction) throws {
        let nh = hash.digestSize
        let root = try SecretBytes.random(count: nh)
        let deriver = try HMACPairDeriver(
            hash: hash, keyLength: nh, first: [1, 0x6C], second: [1, 0x72], outputLength: nh)
        // Walk 8 levels down the left side, as the GGM expander does: both children per level, key = node.
        let node = UnsafeMutableRawBufferPointer.allocate(byteCount: 2 * nh, alignment: 16)
        defer {
            SecureMemory.wipe(node)
            node.deallocate()
        }
        root.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: node[0..<nh]).copyMemory(from: $0) }
        let lastKey = UnsafeMutableRawBufferPointer(rebasing: node[0..<nh])
        let sibling = UnsafeMutableRawBufferPointer(rebasing: node[nh...])
        var scan: MemoryScan?
        for level in 0..<8 {
            if level == 7 {
                // Needles: the last key, its padded inner and outer keys (first Nh bytes) and both pad midstates'
                // hash words, computed independently by a KeyedHMAC keyed with the same node (then wiped).
                let key = SecretBytes(count: nh) { $0.copyMemory(from: UnsafeRawBufferPointer(lastKey)) }
                let reference = try KeyedHMAC(hash: hash, key: key)
                scan = MemoryScan(lengths: [nh, nh, nh, 32, 32]) { needles in
                    needles[0].copyMemory(from: UnsafeRawBufferPointer(lastKey))
                    for i in 0..<nh {
                        needles[1][i] = lastKey[i] ^ 0x36
                        needles[2][i] = lastKey[i] ^ 0x5C
                    }
                    reference.withUnsafeStateBytes { state, padsByteCount in
                        needles[3].copyMemory(from: UnsafeRawBufferPointer(rebasing: state[0..<32]))
                        let outer = padsByteCount / 2
                        needles[4].copyMemory(from: UnsafeRawBufferPointer(rebasing: state[outer..<(outer + 32)]))
                    }
                }
                reference.wipeKey()
            }
            // The left child overwrites its parent, as a walk that keeps only the current node.
            deriver.derive(key: UnsafeRawBufferPointer(lastKey), into: lastKey, sibling)
        }
        let scanner = try #require(scan)
        // Control: before the wipe, the midstates and padded keys are found (in the deriver's own memory).
        let beforeWipe = try scanner.occurrences()
        #expect(beforeWipe[1] >= 1 && beforeWipe[2] >= 1 && beforeWipe[3] >= 1 && beforeWipe[4] >= 1)
        deriver.wipe()
        #expect(deriver.isWiped)
        // The last key was overwritten by its left child; the walk's node buffer holds only children.
        #expect(try scanner.occurrences() == [0, 0, 0, 0, 0])
    }

    @Test("HKDF leaves no copy of its PRK once the PRK is released")
    func hkdfLeavesNoPRK() throws {
        var scan: MemoryScan?
        do {
            let prk = try SecretBytes.random(count: 32)
            scan = MemoryScan(lengths: [32]) { needles in prk.withUnsafeBytes { needles[0].copyMemory(from: $0) } }
            let okm = try HKDF.expand(hash: .sha256, prk: prk, info: [1, 2], length: 100)
            #expect(okm.count == 100)
            #expect(try scan!.occurrences()[0] >= 1)
        }
        #expect(try scan!.occurrences() == [0])
    }

    @Test("AEAD seal and open leave no copy of the key or the nonce", arguments: AEADAlgorithm.allCases)
    func aeadLeavesNoKey(aead: AEADAlgorithm) throws {
        var scan: MemoryScan?
        do {
            let key = try SecretBytes.random(count: aead.keySize)
            let nonce = try SecretBytes.random(count: aead.nonceSize)
            scan = MemoryScan(lengths: [aead.keySize, aead.nonceSize]) { needles in
                key.withUnsafeBytes { needles[0].copyMemory(from: $0) }
                nonce.withUnsafeBytes { needles[1].copyMemory(from: $0) }
            }
            let plaintext = [UInt8](repeating: 0x42, count: 100)
            let sealed = try aead.seal(key: key, nonce: nonce, aad: [1, 2, 3], plaintext: plaintext)
            #expect(try aead.open(key: key, nonce: nonce, aad: [1, 2, 3], ciphertext: sealed) == plaintext)
            #expect(throws: CryptoError.authenticationFailure) {
                try aead.open(key: key, nonce: nonce, aad: [1, 2], ciphertext: sealed)
            }
            // Control: the live SecretBytes are found.
            let live = try scan!.occurrences()
            #expect(live[0] >= 1 && live[1] >= 1)
        }
        #expect(try scan!.occurrences() == [0, 0], "\(aead)")
    }

    @Test("signing leaves no copy of the private key once it is released", arguments: SignatureScheme.allCases)
    func signingLeavesNoPrivateKey(scheme: SignatureScheme) throws {
        var scan: MemoryScan?
        do {
            let privateKey = try scheme.generatePrivateKey()
            scan = MemoryScan(lengths: [privateKey.count]) { needles in
                privateKey.withUnsafeBytes { needles[0].copyMemory(from: $0) }
            }
            let publicKey = try scheme.publicKey(for: privateKey)
            let signature = try scheme.sign(privateKey: privateKey, message: [1, 2, 3])
            #expect(try scheme.verify(publicKey: publicKey, message: [1, 2, 3], signature: signature))
            #expect(try scan!.occurrences()[0] >= 1)
        }
        #expect(try scan!.occurrences() == [0], "\(scheme)")
    }
}
