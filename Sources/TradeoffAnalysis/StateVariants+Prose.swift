import ChallengeMath
import Foundation

/// The text of Analysis/cutting-the-state.md: each number below comes from the rows, so the prose and the
/// tables cannot disagree.
extension StateVariantsReport {
    func reuseRow(_ d: Double, _ c: Double, _ k: Double) -> StateVariants.ReuseGuardRow? {
        reuseGuard.first { $0.log2Delivery == d && $0.log2Confidentiality == c && $0.messages == k }
    }

    var reuseGuardSection: String {
        let (delivery, keyNonce) = monteCarloExpected
        let p = Self.monteCarloParameters
        let t = Double(monteCarlo.trials)
        func sigmas(_ observed: Int, _ expected: Double) -> String {
            let sigma = (expected * (1 - expected) / t).squareRoot()
            return String(format: "%.2f", (Double(observed) / t - expected) / sigma)
        }
        let savings = reuseGuard.map(\.stateSaving)
        let wireDelta = reuseGuard.map { $0.wireWithGuard - $0.wireWithoutGuard }
        let bitsSaved = reuseGuard.map { $0.bitsWithoutGuard - $0.bitsWithGuard }
        var out = """
            ## Variant 1: keep a random reuse guard (SPEC.md Appendix B.1)

            The sender draws a 4-byte guard, sends it encrypted in PPRFSenderData and XORs it into the first 4 bytes
            of the nonce. Two messages repeat key **and** nonce only when they share the challenge and the guard;
            with both uniform and independent the pair (x, g) is uniform over 2^(b+32) values, so the
            key-and-nonce-reuse probability is exactly P(b + 32, k), the birthday probability over N G values
            (about P(b, k) 2^-32 while P is small). The delivery-failure probability stays P(b, k). So b must meet
            P(b, k) <= D and P(b + 32, k) <= C, instead of P(b, k) <= min(D, C) without the guard.

            Check (measured by simulation, seeded): b = \(p.bits), G = 2^\(p.guardBits), k = \(p.messages), \(monteCarlo.trials) trials:
            \(monteCarlo.challengeCollisions) trials with a repeated challenge (exact P(\(p.bits), \(p.messages)) = \(Format.fixed(delivery, 4)), \(sigmas(monteCarlo.challengeCollisions, delivery)) sigma),
            \(monteCarlo.keyNonceCollisions) with a repeated challenge and guard (exact P(\(p.bits + p.guardBits), \(p.messages)) = \(Format.fixed(keyNonce, 4)), \(sigmas(monteCarlo.keyNonceCollisions, keyNonce)) sigma).

            Computed (exact birthday probability, `ChallengeLength.minimumBits`; state = E(b, k) x 32 bytes of
            suite-1 secrets; wire = challenge bytes plus 4 guard bytes; CPU = a model, b levels x \(Format.fixed(StateVariants.microsecondsPerLevel, 2)) us, the
            suite-1 `mls` walk per level of `CPUModel`, calibrated by cpu-measured.csv):


            """
        out += reuseGuardTable.markdown
        out += """

            ![Variant 1](variants-reuse-guard.svg)

            **Result: it wins.** Whenever the delivery target is looser than the confidentiality target by 32 bits or
            more (every pair here), the delivery target never binds: with the guard b = b_min(k, C) - 32, whatever
            D is, so the guard lowers b by \(Self.range(bitsSaved)) bits; the state shrinks by \(Self.percent(savings.min() ?? 0)) to \(Self.percent(savings.max() ?? 0)),
            CPU per message by as many levels, and the wire changes by \(Self.range(wireDelta)) bytes (4 guard
            bytes against 4 fewer challenge bytes). A collision then costs one undelivered message, never
            the XOR of two plaintexts. **Implemented** as the reuse-guard option of SPEC.md section 10 (the
            `options` byte of PPRFParameters, PPRFGuardedSenderData, the guard XORed into the nonce), with
            `Vectors/pprf-reuse-guard.json`; `ReuseGuardTests` forces a challenge collision with different guards
            and gets a delivery failure (`challengeReused`) with one key and two distinct nonces.
            `pprf recommend --variant reuse-guard --delivery-target D` gives b, state and rotation bound with it.


            """
        return out
    }

    var compactSection: String {
        let at256 = compact.filter { $0.bits == 256 && $0.measured }.map(\.saving)
        let at64 = compact.filter { $0.bits == 64 && $0.measured }.map(\.saving)
        let worst =
            compact.filter(\.measured).map { r -> Double in
                abs(r.compactBytes.map { $0 / r.expectedCompactBytes - 1 } ?? 0)
            }.max() ?? 0
        var out = """
            ## Variant 2: a compact state encoding (SPEC.md Appendix B.2)

            `PPRFCompactState` stores the sorted punctured challenges and the node secrets in canonical order; every
            prefix is derived from the challenges. Size: `v(k c) + k c + v(E Nh) + E Nh` with c = ceil(b/8) and v the
            varint prefix, against `E (4 + Nh) + sum over nodes of ceil(d/8) + v` for the canonical PPRFState.
            Measured on real suite-1 states (seeded punctures; canonical = `encodedByteCount`, compact =
            `compactEncodedByteCount()`, the engine's compact encoder, after checking that the count derived from the
            sorted challenges equals the engine's); k = 10^5 is measured only at b = 64 and k = 10^6 nowhere (those
            states exceed the engine's 2^23-node limit), so those rows are closed forms. The measured compact sizes
            are within \(Self.percent(worst)) of the closed form. Sizes of 2^30 bytes or more cannot be carried by one `<V>`
            vector in either encoding: those rows only compare the two forms.


            """
        out += compactTable.markdown
        out += """

            ![Variant 2](variants-compact-encoding.svg)

            **Result: it wins for storage and transfer.** Measured saving \(Self.percent(at256.min() ?? 0))-\(Self.percent(at256.max() ?? 0)) at b = 256
            (\(Self.percent(at64.min() ?? 0))-\(Self.percent(at64.max() ?? 0)) at b = 64): the prefixes, 2 + 1 + ceil(d/8) bytes a node, are what the canonical form
            spends beyond the secrets, and the challenge list adds only c/(b - log2 k) bytes a node. **Implemented**
            (SPEC.md section 3.2): `PPRF.compactEncoded()` and `PPRF(compactEncoded:)` in
            PuncturablePRF/PPRF+CompactEncoding.swift, a strict decoder, `Vectors/pprf-state-compact.json` and the
            fuzz target `FuzzPPRFCompactState`.


            """
        return out
    }

    var nodeSizeSection: String {
        let separated = domainSeparation.allSatisfy(\.separated)
        var out = """
            ## Variant 3: 32-byte inner nodes for suites with KDF.Nh > 32 (SPEC.md Appendix B.3)

            Suites 5 (SHA-512) and 7 (SHA-384) store 64- and 48-byte node secrets. With 32-byte inner nodes
            (`ExpandWithLabel(s, "tree", "left" | "right", 32)`, the root and the leaf's ratchet unchanged) the
            tree is a GGM tree over a 256-bit seed with HMAC as the length-doubling PRG; the argument in Appendix B.3
            holds at the suites' 256-bit level. Computed: the 32-byte derivation differs from a truncation of the
            KDF.Nh-byte one for both suites (KDFLabel binds the length): \(separated ? "yes" : "NO").
            Sizes are closed forms (E(b, k) and the canonical encoding); CPU is unchanged (one HMAC
            output block either way), the wire is unchanged.


            """
        out += nodeSizeTable.markdown
        out += """

            ![Variant 3](variants-node-size.svg)

            **Result: it wins for suites 5 and 7**: secrets halve for suite 5 and drop by a third for suite 7.
            **Implemented** (SPEC.md section 3.1): profile 4 = `mls32` in PuncturablePRF/PRGProfile.swift (the root is
            the first 32 bytes of `encryption_secret`), refused for suites with KDF.Nh = 32, vectors for suites 5 and
            7 in `Vectors/pprf-tree-short-nodes.json`.


            """
        return out
    }

    var memorySection: String {
        let measured = memory.filter(\.measured)
        let ratios = measured.compactMap { r in r.bytesHeld.map { Double($0) / r.rawBytes } }
        let slack = measured.compactMap { r in r.bytesHeld.map { 1 - r.layoutFloor / Double($0) } }
        let reservedRatios = measured.compactMap { r in r.bytesHeldReserved.map { Double($0) / r.rawBytes } }
        var out = """
            ## Variant 4: the in-memory representation (SPEC.md Appendix B.4)

            Measured: `PPRF.bytesHeld`, which counts the arena's chunk capacity (256 slots of 32 bytes each), the
            capacity of the trie's link array (4 bytes a link) and of the free lists, on one suite-1 state at
            b = 256 when it first holds 10^4, 10^5 and 10^6 nodes; 10^7 is past the 2^23-node limit, so that row
            is the layout model. "Reserved" replays the same punctures on a state that first called
            `PPRF.reserveCapacity(forPunctures: k)` (implemented: the link array is reserved once from E(b, k)).
            The layout floor is exact for today's trie: E + k - 1 inner nodes of two links each, plus node 0. The
            last two columns are layouts, not implementations.


            """
        out += memoryTable.markdown
        out += """

            ![Variant 4](variants-memory.svg)

            **Result:** the growing layout holds \(Format.fixed(ratios.min() ?? 0, 3))-\(Format.fixed(ratios.max() ?? 0, 3)) bytes per byte of secret, the reserved one
            \(Format.fixed(reservedRatios.min() ?? 0, 3))-\(Format.fixed(reservedRatios.max() ?? 0, 3)), and the floor is 1.25 + k/(4E): the links, not slack, are the cost. The cheap win,
            taken: reserve the link array once from the closed form E(b, k) when k is known; the growth slack it
            removes was \(Self.percent(slack.min() ?? 0)) to \(Self.percent(slack.max() ?? 0)) of the bytes held. Nothing else is cheap. One link per inner node (the
            off-path child's secret at the node's own arena index) brings 1.125; the sorted-points layout (variant 2
            in memory, with a rank per gap) brings about 1.005 but makes a puncture an insertion into a sorted
            array. Neither is implemented. For suites 5 and 7, profile `mls32` halves (or cuts by a third) the
            arena itself.


            """
        return out
    }

    /// The whole report, Analysis/cutting-the-state.md.
    public var markdown: String {
        let wire = reuseGuard.map { $0.wireWithGuard - $0.wireWithoutGuard }
        let bits = reuseGuard.map { $0.bitsWithoutGuard - $0.bitsWithGuard }
        let compact256 = compact.filter { $0.bits == 256 && $0.measured }.map(\.saving)
        let held = memory.compactMap { r in r.bytesHeld.map { Double($0) / r.rawBytes } }
        let reserved = memory.compactMap { r in r.bytesHeldReserved.map { Double($0) / r.rawBytes } }
        return """
            # Cutting the state

            Generated by `pprf variants --output-dir Analysis`. Four variants of this package's PPRF construction
            (ours, not the draft's; specified in [SPEC.md Appendix B](../SPEC.md)) that cut the receiver state,
            about k (b - log2 k - 0.89) node secrets after k messages in an epoch. Every number is computed (closed
            forms, the exact birthday probability) or measured on real states built from seeded punctures; each
            section says which. Measured sizes are deterministic: the same build gives the same file.

            | variant | b | receiver state | wire | CPU | verdict |
            |---|---|---|---|---|---|
            | 1. reuse guard | \(Self.range(bits)) bits fewer | \(Self.percent(reuseGuard.map(\.stateSaving).min() ?? 0)) to \(Self.percent(reuseGuard.map(\.stateSaving).max() ?? 0)) smaller | \(Self.range(wire)) bytes | as many GGM levels fewer (model) | wins; implemented (SPEC.md section 10) |
            | 2. compact encoding | same | encoding \(Self.percent(compact256.min() ?? 0))-\(Self.percent(compact256.max() ?? 0)) smaller at b = 256 (measured) | same | prefixes derived on decode | wins (storage); implemented, SPEC 3.2 |
            | 3. 32-byte nodes (suites 5, 7) | same | secrets /2 (suite 5), /1.5 (suite 7) | same | same | wins; implemented, profile `mls32`, SPEC 3.1 |
            | 4. in-memory layout | same | \(Format.fixed(held.min() ?? 0, 3))-\(Format.fixed(held.max() ?? 0, 3))x of 32 E growing, \(Format.fixed(reserved.min() ?? 0, 3))-\(Format.fixed(reserved.max() ?? 0, 3))x reserved (measured), 1.25x floor | same | same | only the slack is cheap; reservation implemented |


            """ + reuseGuardSection + compactSection + nodeSizeSection + memorySection
    }
}
