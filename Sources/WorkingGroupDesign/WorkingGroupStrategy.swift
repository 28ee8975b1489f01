import Foundation
import MLSCore
import MLSCrypto

/// The two delivery-service settings of draft-ietf-mls-virtual-clients-01 section 5.6.3 (RFC 9750's terms).
public enum DeliveryServiceConsistency: String, Sendable, CaseIterable {
    /// A strongly consistent DS: emulators attach generation IDs and the DS rejects a second message with the
    /// same ID (same higher-level group, epoch, ratchet type and generation); the rejected emulator retries at
    /// the next generation.
    case strong = "strongly-consistent"
    /// An eventually consistent DS: no generation IDs; emulators retain what they sent and, after seeing a
    /// sibling's message on the same generation, re-encrypt and re-send theirs under a fresh generation.
    case eventual = "eventually-consistent"

    /// What the DS learns beyond RFC 9420 traffic in this setting (section 5.6.3's privacy text: generation
    /// IDs identify virtual-client traffic to the DS).
    public var revealsToDS: String {
        switch self {
        case .strong:
            "generation IDs mark virtual-client traffic, the generations in use and every collision (rejections)"
        case .eventual: "no generation IDs; resends show up as extra messages after each collision"
        }
    }
}

/// One epoch of a higher-level group in which a virtual client (the last of M + 1 leaves) is emulated by E
/// emulators that send K application messages with the -01 design, delivered to M other members.
public struct WorkingGroupSimulationConfig: Sendable {
    /// Emulators E, 1...1024 (an emulation group of N_e = the next power of two leaves).
    public var emulators: Int
    /// Other members M (the receivers), 1...1024.
    public var members: Int
    /// Application messages K, 1...100,000.
    public var messages: Int
    /// Shuffle the delivery order (strongly consistent: over the whole epoch; eventually consistent: within
    /// each round, resends after the originals).
    public var reorder: Bool
    /// Cipher suite of both groups.
    public var suiteID: UInt16
    /// The DS setting.
    public var consistency: DeliveryServiceConsistency

    /// A configuration.
    public init(
        emulators: Int, members: Int, messages: Int, reorder: Bool = true, suiteID: UInt16 = 1,
        consistency: DeliveryServiceConsistency
    ) {
        self.emulators = emulators
        self.members = members
        self.messages = messages
        self.reorder = reorder
        self.suiteID = suiteID
        self.consistency = consistency
    }
}

/// What the -01 design did in one simulated epoch (fields comparable with the other strategies' results).
public struct WorkingGroupSimulationResult: Sendable {
    /// The DS setting.
    public let consistency: DeliveryServiceConsistency
    /// Deliveries that failed to decrypt, summed over the receivers.
    public let failedDecryptions: Int
    /// Messages delivered to members whose AEAD key (generation) another delivered message had already used.
    public let keyReuses: Int
    /// Messages produced (rejected attempts and resends included) that repeat another's key *and* nonce.
    public let keyNonceReuses: Int
    /// Attempts the DS rejected as duplicate generations (strongly consistent setting).
    public let rejectedByDS: Int
    /// Messages re-encrypted and re-sent after a collision (eventually consistent setting).
    public let resentMessages: Int
    /// Successful decryptions of a message the receiver already had (the application must deduplicate).
    public let duplicateDeliveries: Int
    /// (message, receiver) pairs the receiver never decrypted.
    public let undeliveredMessages: Int
    /// Messages whose sender a sibling emulator recovered wrongly from the reuse guard.
    public let misattributedSenders: Int
    /// The largest receiver state during the epoch, in secret bytes (secret-tree nodes, ratchets, retained keys).
    public let receiverStateBytes: Int
    /// The most bytes an emulator retains for a possible resend (keys and nonces of unresolved sends).
    public let emulatorRetainedBytes: Int
    /// Microseconds per application message: its sends (attempts and resends) plus one receive.
    public let microsecondsPerMessage: Double
    /// Microseconds a sibling spends per message recovering the sender's emulation leaf from the reuse guard.
    public let attributionMicrosecondsPerMessage: Double
    /// Bytes of MLSMessages handed to the DS per application message (attempts and resends included).
    public let wireBytesPerMessage: Double
    /// Bytes of generation IDs sent to the DS per application message.
    public let generationIDBytesPerMessage: Double

    /// What members outside the emulation group learn about the sending emulator.
    public var revealsToMembers: String {
        "nothing beyond the virtual client (the reuse guard is pseudorandom without reuse_guard_secret)"
    }
    /// What sibling emulators learn.
    public var revealsToEmulators: String { "the sending emulator's leaf (reuse guard decrypted, x mod N_e)" }
    /// What the DS learns beyond RFC 9420 traffic (``DeliveryServiceConsistency/revealsToDS``).
    public var revealsToDS: String { consistency.revealsToDS }
}

/// Runs the -01 design (reuse guards from the emulation group, section 5.6.2; generation IDs or
/// retain-and-resend, section 5.6.3) with real RFC 9420 protection.
///
/// Sending happens in rounds: in each round up to E emulators send one message each at the same moment, each
/// knowing every generation used in earlier rounds and none of its siblings' choices in this round (the
/// uncoordinated sending the draft addresses). Strongly consistent: arrivals at the DS are serialised, a
/// rejected emulator re-encrypts at the next generation until accepted. Eventually consistent: every
/// emulator sends at the next known generation; once all have seen the round's messages, every emulator whose
/// generation collided re-sends on generations assigned by emulation-group leaf order (the winner at each
/// receiver may differ, so none may skip its resend).
public enum WorkingGroupStrategy {
    /// Runs one epoch. Throws ``WorkingGroupError/invalidSimulation(_:)`` for a configuration out of range;
    /// MLS or primitive errors would be bugs.
    public static func run(_ config: WorkingGroupSimulationConfig) throws(WorkingGroupError)
        -> WorkingGroupSimulationResult
    {
        guard (1...1024).contains(config.emulators), (1...1024).contains(config.members),
            (1...100_000).contains(config.messages)
        else {
            throw WorkingGroupError.invalidSimulation("E and M must lie in 1...1024 and K in 1...100000")
        }
        var run = try WorkingGroupRun(config)
        try run.send()
        return try run.deliver()
    }
}
