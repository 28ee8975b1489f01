import ChallengeMath
import Foundation

/// The text of REPORT.md's "Cutting the state": every number in it comes from the tables' computations or
/// from the ``StateVariantsReport`` run, so prose and tables cannot disagree.
extension Report {
    /// "a% to b%": the smallest and largest relative saving `1 - with / without` over every target and k.
    static func savingRange(
        _ variant: RecommendationVariant, suite: (id: UInt16, nh: Int), _ value: (CuttingFigures) -> Double
    ) -> String {
        var savings: [Double] = []
        for target in cuttingTargets {
            for k in StateVariants.messageCounts {
                let a = cuttingFigures(
                    .init(suiteID: suite.id, nh: suite.nh, variants: []), messages: k, target: target)
                let v = cuttingFigures(
                    .init(suiteID: suite.id, nh: suite.nh, variants: [variant]), messages: k, target: target)
                savings.append(1 - value(v) / value(a))
            }
        }
        let low = StateVariantsReport.percent(savings.min() ?? 0)
        let high = StateVariantsReport.percent(savings.max() ?? 0)
        return low == high ? low : "\(low) to \(high)"
    }

    static func cuttingIntro(_ summary: Table) -> String {
        """
        ## Cutting the state

        The receiver state, about k (b - log2 k - 0.89) node secrets after k messages in an epoch, bounds every \
        epoch above. Four variants of our construction cut it (ours, not the draft's; specified in \
        [SPEC.md Appendix B](../SPEC.md), the implemented ones in SPEC sections 3.1, 3.2 and 10); \
        [cutting-the-state.md](cutting-the-state.md) (`pprf variants`) has every row and the full reasoning. \
        All schemes meet the same targets per epoch: delivery failures (a repeated challenge) at most 2^-32 and \
        key-and-nonce reuse at most C = 2^-64 or 2^-128. **Computed**: b (the exact birthday bound), the state \
        (E(b, k) with the engine's allocation model `PPRF.memoryBound` for "held", the closed-form encoding \
        length for "encoded"), the wire bytes over RFC 9420 (SPEC section 8) and unprotect CPU (`CPUModel`, \
        calibrated on suites 1 and 3 by the measured run above; "-" where it has no calibration). \
        **Measured** (on real states from seeded punctures, deterministic): the compact sizes, the bytes held \
        and the reuse-guard simulation, each marked below. `pprf recommend --variant` gives the same figures \
        for any workload.

        Summary at k = 10^4 messages per epoch, C = 2^-64 (computed):

        \(summary.markdown)

        """
    }

    static func cuttingVariantSections(_ v: StateVariantsReport) -> String {
        let (delivery, keyNonce) = v.monteCarloExpected
        let p = StateVariantsReport.monteCarloParameters
        let held: (CuttingFigures) -> Double = { $0.held }
        let encoded: (CuttingFigures) -> Double = { $0.encoded }
        let compact256 = v.compact.filter { $0.bits == 256 && $0.measured }.map(\.saving)
        let measuredCompact = v.compact.filter(\.measured)
        let bitsRange = StateVariantsReport.range(measuredCompact.map(\.bits))
        let kRange = [measuredCompact.map(\.punctures).min() ?? 0, measuredCompact.map(\.punctures).max() ?? 0].map(
            StateVariantsReport.count)
        let separated = v.domainSeparation.allSatisfy(\.separated)
        return """
            ### Variant 1: keep a random reuse guard (SPEC.md section 10, Appendix B.1)

            A 4-byte guard, encrypted in PPRFSenderData and XORed into the nonce, makes key and nonce repeat only \
            when challenge and guard both do: exactly P(b + 32, k), while a repeated challenge alone is a delivery \
            failure, P(b, k). So b follows the delivery target and C - 32 bits. **Measured by simulation** \
            (seeded, b = \(p.bits), guard \(p.guardBits) bits, k = \(p.messages), \(v.monteCarlo.trials) trials): \
            \(v.monteCarlo.challengeCollisions) repeated challenges (exact \(Format.fixed(delivery, 4)) per \
            trial), \(v.monteCarlo.keyNonceCollisions) repeated challenge and guard (exact \
            \(Format.fixed(keyNonce, 4))). Computed, suite 1: the guard cuts the state held by \
            \(savingRange(.reuseGuard, suite: suite1, held)) at no wire cost.

            \(cuttingTable(.reuseGuard, suite: suite1).markdown)
            ![Variant 1](variants-reuse-guard.svg)

            ### Variant 2: the compact state encoding (SPEC.md section 3.2, Appendix B.2)

            PPRFCompactState stores the sorted punctured challenges and the secrets; every prefix is derived. \
            It changes the encoding only: b, memory held, wire and CPU per message stay. Computed, suite 1: the \
            encoding shrinks by \(savingRange(.compact, suite: suite1, encoded)). **Measured** on \
            \(measuredCompact.count) real states (b = \(bitsRange), k = \(kRange[0]) to \(kRange[1])): \
            \(StateVariantsReport.percent(compact256.min() ?? 0)) to \
            \(StateVariantsReport.percent(compact256.max() ?? 0)) smaller at b = 256 (every row in \
            cutting-the-state.md).

            \(cuttingTable(.compact, suite: suite1).markdown)
            ![Variant 2](variants-compact-encoding.svg)

            ### Variant 3: 32-byte nodes for suites with KDF.Nh > 32 (SPEC.md section 3.1, Appendix B.3)

            Profile `mls32` derives 32-byte inner nodes, `ExpandWithLabel(node, "tree", "left" | "right", 32)`; \
            a GGM tree over a 256-bit seed keeps the suites' 256-bit security (argument in Appendix B.3), and \
            the leaf is expanded to KDF.Nh as before. Computed: the 32-byte tree is domain separated from a \
            truncation of the KDF.Nh-byte one for suites 5 and 7: \(separated ? "yes" : "no"). Computed, suite \
            5: the state held shrinks by \(savingRange(.shortNodes, suite: suite5, held)) and the encoding by \
            \(savingRange(.shortNodes, suite: suite5, encoded)); b and wire are unchanged, and CPU is the \
            same HMAC-SHA-512 block per child as profile `mls` (computed; `CPUModel` has no suite-5 \
            calibration, hence "-"). Suite 7 (KDF.Nh = 48) is in cutting-the-state.md.

            \(cuttingTable(.shortNodes, suite: suite5).markdown)
            ![Variant 3](variants-node-size.svg)


            """
    }

    static func cuttingLayoutSection(_ v: StateVariantsReport) -> String {
        let measured = v.memory.filter(\.measured)
        let sizes = [measured.map(\.targetNodes).min() ?? 0, measured.map(\.targetNodes).max() ?? 0].map(
            StateVariantsReport.count)
        let growing = measured.compactMap { r in r.bytesHeld.map { Double($0) / r.rawBytes } }
        let reserved = measured.compactMap { r in r.bytesHeldReserved.map { Double($0) / r.rawBytes } }
        // The two layouts not implemented, at k = 10^4 and C = 2^-64 (suite 1).
        let k = 1e4
        let f = cuttingFigures(.init(suiteID: 1, nh: 32, variants: []), messages: k, target: cuttingTargets[0])
        let row = StateVariants.MemoryRow(
            targetNodes: f.nodes, measured: false, punctures: k, storedNodes: f.nodes, bytesHeld: nil)
        let oneLinkSaving = 1 - row.oneLinkBytes / row.layoutFloor
        // An insertion into a sorted array of E secrets moves half of them on average.
        let movedPerPuncture = 16 * f.nodes
        let range = { (values: [Double]) in
            "\(Format.fixed(values.min() ?? 0, 3))x to \(Format.fixed(values.max() ?? 0, 3))x"
        }
        return """
            ### Variant 4: the in-memory representation (SPEC.md Appendix B.4)

            b, wire and CPU are unchanged; only the bytes held per stored node move. **Measured** (`PPRF.bytesHeld` \
            of a suite-1 state at b = 256 when it first holds \(sizes[0]) to \(sizes[1]) nodes): the growing layout holds \
            \(range(growing)) of the 32 x E raw secrets, the layout reserved from E(b, k) \
            (`PPRF.reserveCapacity(forPunctures:)`, implemented) \(range(reserved)). Computed below for the \
            targets above (C = 2^-64, suite 1): the allocation model, the reserved layout's exact floor and \
            the two layouts not implemented.

            \(layoutTable().markdown)
            Measured:

            \(v.memoryTable.markdown)
            ![Variant 4](variants-memory.svg)

            ### Not implemented, and why

            - **One link per inner node** (the off-path child's secret at the inner node's own arena index): \
            \(Format.fixed(row.oneLinkBytes / row.rawBytes, 3))x against the reserved floor's \
            \(Format.fixed(row.layoutFloor / row.rawBytes, 3))x at k = 10^4 (b = \(f.bits)), \
            \(StateVariantsReport.percent(oneLinkSaving)) of the bytes held, for a rewrite of the trie's \
            invariants, its decoder checks and its fuzz target; profile `mls32` saves more for suites 5 and 7, \
            and the reuse guard more for every suite (tables above).
            - **Sorted points in memory** (the compact encoding as the live state): \
            \(Format.fixed(row.sortedPointsBytes / row.rawBytes, 3))x, but a puncture becomes an insertion into \
            a sorted array of E = \(Format.fixed(f.nodes, 0)) secrets, moving about \
            \(Format.bytes(movedPerPuncture)) per message at k = 10^4 (16 E bytes on average), where the trie \
            writes b = \(f.bits) links; a receiver's CPU per message would grow with the epoch.
            - **32-byte nodes for suites 1, 2 and 3**: nothing to cut, their nodes are 32 bytes (profile \
            `mls32` is refused there).


            """
    }
}
