import ArgumentParser
import MLSCrypto

/// The `pprf` command: PPRF-keyed MLS messages, vectors and the challenge-length trade-off.
@main
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pprf",
        abstract: "An executable specification of the PPRF-based challenges of the MLS Virtual Clients draft.",
        version: "0.1.0",
        subcommands: [
            ReportCommand.self, CollisionCommand.self, TradeoffsCommand.self, BenchCommand.self, VectorsCommand.self,
            RecommendCommand.self, MessageCommand.self, SimulateCommand.self, WorkingGroupCommand.self,
            VariantsCommand.self, StateCommand.self,
        ])
}
