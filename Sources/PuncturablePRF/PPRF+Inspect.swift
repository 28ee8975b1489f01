import MLSCore
import MLSCrypto

/// What a PPRF state holds, without its secrets (SPEC.md section 3): the figures `pprf state inspect` prints.
///
/// The punctured set is exactly the complement of what the stored nodes cover (a puncture removes one input
/// from the covered set and nothing else), so it is inferred from the trie: every empty link is a maximal
/// subtree of punctured inputs, a ``PPRFStateSummary/PuncturedRegion``.
public struct PPRFStateSummary: Sendable, Equatable {
    /// A maximal subtree none of whose inputs is covered by a stored node: all 2^``PPRFStateSummary/PuncturedRegion/freeBits`` challenges
    /// that start with ``PPRFStateSummary/PuncturedRegion/prefix`` are punctured.
    public struct PuncturedRegion: Sendable, Equatable {
        /// The number of prefix bits (0: every input is punctured).
        public let prefixLength: Int
        /// ceil(prefixLength/8) bytes, bits most significant first, unused low bits zero (as in PPRFNode).
        public let prefix: [UInt8]
        /// b - prefixLength: the region holds 2^freeBits punctured challenges.
        public let freeBits: Int

        /// The punctured challenge when the region is one input (``PPRFStateSummary/PuncturedRegion/freeBits`` = 0), else `nil`.
        public var challenge: Challenge? {
            guard freeBits == 0 else { return nil }
            // A prefix of b bits with zero padding is a valid challenge by construction.
            return try? Challenge(bytes: prefix, challengeBits: prefixLength)
        }
    }

    /// The parameters of the state (``PPRF/parameters``): b, the profile and the options.
    public let parameters: PPRFParameters
    /// b, the challenge length in bits and the depth of the tree.
    public var challengeBits: Int { parameters.challengeBits }
    /// The number of stored node secrets.
    public let storedNodes: Int
    /// The number of inner trie nodes (no secrets).
    public let innerNodes: Int
    /// Stored nodes per depth: element d counts the stored nodes whose prefix has d bits (d = 0...b).
    public let nodesPerDepth: [Int]
    /// Bytes of secret material: stored nodes x KDF.Nh.
    public let secretBytesHeld: Int
    /// Bytes the state holds in memory (``PPRF/bytesHeld``).
    public let bytesHeld: Int
    /// The length of the canonical encoding (``PPRF/encodedByteCount``).
    public let encodedBytes: Int
    /// The punctured inputs, as maximal subtrees in canonical (sorted) order.
    public let puncturedRegions: [PuncturedRegion]
    /// Inner nodes both of whose children are stored secrets. A state reached from the root by puncturing
    /// has none (a puncture never keeps both children of a node it splits); a decoded state may (SPEC.md
    /// section 3 accepts such a cover), and then no sequence of punctures produces its encoding.
    public let mergeableSiblingPairs: Int

    /// Whether some sequence of punctures from a root produces this state (no mergeable sibling pair).
    public var isReachableByPuncturing: Bool { mergeableSiblingPairs == 0 }

    /// The punctured challenges that are single inputs (regions with ``PPRFStateSummary/PuncturedRegion/freeBits`` = 0).
    public var puncturedChallenges: [Challenge] { puncturedRegions.compactMap(\.challenge) }
}

extension PPRF {
    /// The summary of this state: counts, depth histogram, sizes and the inferred punctured regions. It reads
    /// the trie only (no secret is touched or copied).
    public func summary() -> PPRFStateSummary {
        var perDepth = [Int](repeating: 0, count: challengeBits + 1)
        var regions: [PPRFStateSummary.PuncturedRegion] = []
        var siblings = 0
        var prefix = [UInt8](repeating: 0, count: 32)
        let b = challengeBits
        func walk(_ link: UInt32, _ length: Int) {
            if link == 0 {
                regions.append(
                    .init(prefixLength: length, prefix: Array(prefix[0..<((length + 7) / 8)]), freeBits: b - length))
                return
            }
            if link & 1 == 1 {
                perDepth[length] += 1
                return
            }
            let node = Int(link >> 1)
            let left = links[node * 2]
            let right = links[node * 2 + 1]
            if left & 1 == 1, right & 1 == 1 { siblings += 1 }
            let mask = UInt8(0x80) >> UInt8(length % 8)
            walk(left, length + 1)
            prefix[length / 8] |= mask
            walk(right, length + 1)
            prefix[length / 8] &= ~mask
        }
        walk(rootLink, 0)
        return PPRFStateSummary(
            parameters: parameters, storedNodes: storedNodeCount, innerNodes: innerNodeCount, nodesPerDepth: perDepth,
            secretBytesHeld: secretBytesHeld, bytesHeld: bytesHeld, encodedBytes: encodedByteCount,
            puncturedRegions: regions, mergeableSiblingPairs: siblings)
    }
}

extension GGMExpander {
    /// Both children of `node` (SPEC.md section 3's table) as secrets, for intermediate values
    /// (`Vectors/pprf-tree.json`'s `left_child` and `right_child`). Throws
    /// ``PPRFError/wrongRootSecretLength(expected:actual:)`` unless `node` has KDF.Nh bytes.
    public func children(of node: SecretBytes) throws(PPRFError) -> (left: SecretBytes, right: SecretBytes) {
        guard node.count == nh else { throw PPRFError.wrongRootSecretLength(expected: nh, actual: node.count) }
        defer { endWalk() }
        var right = SecretBytes(copying: [])
        let left = SecretBytes(count: nh) { leftBytes in
            right = SecretBytes(count: nh) { rightBytes in
                node.withUnsafeBytes { children(of: $0, left: leftBytes, right: rightBytes) }
            }
        }
        return (left, right)
    }
}
