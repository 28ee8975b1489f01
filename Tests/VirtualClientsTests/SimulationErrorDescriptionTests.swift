import Testing
import VirtualClients

/// The simulator's configuration error says what it needs.
@Suite("simulation error description")
struct SimulationErrorDescriptionTests {
    @Test("a configuration with no messages is refused with a sentence naming the requirement")
    func thrownError() throws {
        let error = try #require(
            #expect(throws: StrategySimulator.SimulationError.self) {
                try StrategySimulator.run(SimulationConfig(emulators: 1, members: 1, messages: 0), strategy: .pprf)
            })
        #expect(
            "\(error)"
                == "The simulation's configuration is invalid: it needs E, M >= 1, 1 <= K <= 1000000, 1 <= b <= 256, budget >= 1 byte."
        )
        #expect(!"\(error)".contains("VirtualClients.") && !"\(error)".contains("Error("))
    }
}
