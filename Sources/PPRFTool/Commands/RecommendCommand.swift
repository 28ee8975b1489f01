import ArgumentParser
import Foundation
import PuncturablePRF
import TradeoffAnalysis

/// `pprf recommend`: the challenge length, the epoch rotation bound and the costs for a workload under a
/// receiver memory budget (README, "What b should I use?"; issue 11).
struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract:
            "Challenge length, rotation bound, receiver state, wire and CPU cost for a workload and a memory budget.",
        discussion: """
            Give the messages per epoch (--messages, or --rate with --epoch-seconds), the deployment's length \
            (--epochs, or --duration with --epoch-seconds), the collision target per epoch (--target) or in \
            total over every epoch of every group (--target-total), and the receiver memory budget per group \
            (--memory-budget, default 64MiB). Counts accept 100000, 1e5 or 2^17; probabilities 2^-40 or 1e-12; \
            sizes 64MiB, 1GiB, 500MB or bytes; durations 10y (365.25 days), 30d, 12h, 15min, 90s or seconds. \
            A workload that does not fit prints feasible: false with the reason and a suggestion, and exits 0; \
            nonsensical inputs exit 64. --variant assumes variants of SPEC.md Appendix B (ours, not the draft's): \
            reuse-guard (SPEC.md section 10) makes --target bound key-and-nonce reuse, P(b + 32, k), and \
            --delivery-target (default: the value of --target) bound delivery failures, P(b, k), so a looser \
            delivery target lowers b; compact (SPEC.md section 3.2) reports the compact encoding's length \
            (state_encoding: compact); short-nodes (SPEC.md section 3.1, profile mls32, suites 5 and 7 only) \
            sizes the state and the rotation bound by 32-byte nodes. Variants combine; with any of them, \
            without_variants gives b, rotation bound, state and wire bytes without them.
            """)

    @Option(help: "Messages per epoch (for example 1e5).") var messages: String?
    @Option(help: "Messages per second, with --epoch-seconds.") var rate: String?
    @Option(help: "Epoch length in seconds (with --rate or --duration).") var epochSeconds: String?
    @Option(help: "Groups sharing the total target (default 1).") var groups: String = "1"
    @Option(help: "Epochs per group over the deployment (default 1).") var epochs: String?
    @Option(help: "The deployment's length, for example 10y (with --epoch-seconds).") var duration: String?
    @Option(help: "Collision target per epoch, for example 2^-64.") var target: String?
    @Option(help: "Collision target over every epoch of every group, for example 2^-40.") var targetTotal: String?
    @Option(help: "Receiver memory budget per group (default 64MiB).") var memoryBudget: String = "64MiB"
    @Option(help: "Cipher suite: 1, 2, 3, 5 or 7.") var suite: String = "1"
    @Option(help: "PRG profile: mls, blake2b, cbst or mls32 (32-byte nodes, suites 5 and 7).") var profile: String =
        "mls"
    @Option(help: "Length in bytes of the application's own authenticated data.") var aadLength: String = "0"
    @Option(help: "Output format: text, json, csv or markdown.") var format: OutputFormat = .text
    @Option(
        help:
            "Variants (SPEC.md Appendix B): reuse-guard, compact, short-nodes (suites 5, 7) or none; repeat or use commas."
    )
    var variant: [String] = []
    @Option(
        help: "Delivery-failure target (a repeated challenge), per epoch or total as the target (default: same).")
    var deliveryTarget: String?

    /// The validated workload (every option checked, a sentence naming the one at fault otherwise).
    func workload() throws(RecommendationError) -> Workload {
        typealias Input = RecommendationInput
        let seconds = try epochSeconds.map { s throws(RecommendationError) in
            try Input.duration(s, option: "--epoch-seconds")
        }
        let perEpoch: Double
        switch (messages, rate) {
        case (let m?, nil): perEpoch = try Input.count(m, option: "--messages")
        case (nil, let r?):
            guard let seconds else {
                throw .invalidInput(option: "--rate", reason: "needs --epoch-seconds to give messages per epoch")
            }
            let k = try Input.positive(r, option: "--rate", maximum: 1e12) * seconds
            guard k <= Input.maximumCount else {
                throw .invalidInput(option: "--rate", reason: "gives more than 2^53 messages per epoch")
            }
            perEpoch = max(1, k.rounded(.up))
        case (nil, nil): throw .invalidInput(option: "--messages", reason: "give --messages or --rate")
        case (.some, .some): throw .invalidInput(option: "--rate", reason: "give --messages or --rate, not both")
        }
        let epochCount: Double
        switch (epochs, duration) {
        case (let e?, nil): epochCount = try Input.count(e, option: "--epochs")
        case (nil, let d?):
            guard let seconds else {
                throw .invalidInput(option: "--duration", reason: "needs --epoch-seconds to count epochs")
            }
            let n = (try Input.duration(d, option: "--duration") / seconds).rounded(.up)
            guard n <= Input.maximumCount else {
                throw .invalidInput(option: "--duration", reason: "gives more than 2^53 epochs")
            }
            epochCount = n
        case (nil, nil): epochCount = 1
        case (.some, .some): throw .invalidInput(option: "--duration", reason: "give --epochs or --duration, not both")
        }
        let goal: Workload.Target
        switch (target, targetTotal) {
        case (let t?, nil): goal = .perEpoch(log2: try Input.probability(t, option: "--target"))
        case (nil, let t?): goal = .total(log2: try Input.probability(t, option: "--target-total"))
        case (nil, nil): throw .invalidInput(option: "--target", reason: "give --target or --target-total")
        case (.some, .some):
            throw .invalidInput(option: "--target-total", reason: "give --target or --target-total, not both")
        }
        guard let prg = PRGProfile(name: profile) else {
            throw .invalidInput(option: "--profile", reason: "must be mls, blake2b, cbst or mls32, got \(profile)")
        }
        guard let suiteID = UInt16(suite), [1, 2, 3, 5, 7].contains(suiteID) else {
            throw .invalidInput(option: "--suite", reason: "must be 1, 2, 3, 5 or 7, got \(suite)")
        }
        guard let aad = Int(aadLength) else {
            throw .invalidInput(option: "--aad-length", reason: "must be a whole number of bytes, got \(aadLength)")
        }
        let delivery = try deliveryTarget.map { t throws(RecommendationError) in
            try Input.probability(t, option: "--delivery-target")
        }
        return try Workload(
            messagesPerEpoch: perEpoch, groups: try Input.count(groups, option: "--groups"), epochs: epochCount,
            target: goal, memoryBudget: try Input.bytes(memoryBudget, option: "--memory-budget"), suiteID: suiteID,
            profile: prg, applicationAADLength: aad, epochSeconds: seconds,
            variants: try RecommendationVariant.parse(variant), deliveryTarget: delivery)
    }

    func validate() throws {
        do {
            _ = try workload()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let recommendation = Recommendation.compute(try workload())
        switch format {
        case .json: print(recommendation.json)
        case .markdown: print(recommendation.markdown, terminator: "")
        case .text: print(recommendation.text)
        case .csv: print(recommendation.csv, terminator: "")
        }
    }
}
