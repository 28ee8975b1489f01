import MLSCore
import MLSCrypto
import PuncturablePRF

/// A suite-1 PPRF of depth `b` (profile blake2b, a fixed root) punctured at `k` distinct random challenges;
/// `afterEach(done, pprf)` runs after every puncture. The engine the state-size and allocation tests measure.
func puncturedEngine(
    depth b: Int, punctures k: Int, afterEach: (Int, PPRF) throws -> Void = { _, _ in }
) throws -> PPRF {
    let pprf = try PPRF(
        secret: SecretBytes(copying: [UInt8](repeating: 1, count: 32)), suite: try CipherSuite(id: 1),
        parameters: PPRFParameters(challengeBits: b, profile: .blake2b))
    var done = 0
    while done < k {
        let x = try Challenge.random(challengeBits: b)
        if try pprf.isPunctured(x) { continue }
        try pprf.puncture(at: x)
        done += 1
        try afterEach(done, pprf)
    }
    return pprf
}
