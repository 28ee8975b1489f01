import PuncturablePRF
import Testing
import VirtualClients

@Suite("simulator: the memory budget")
struct SimulatorBudgetTests {
    @Test("a run over the budget is refused up front with the most messages a receiver holds")
    func overBudget() throws {
        let config = SimulationConfig(
            emulators: 1, members: 1, messages: 5_000, challengeBits: 128, profile: .blake2b, memoryBudget: 256 << 10)
        let maximum = try StrategySimulator.maximumMessages(config)
        #expect(maximum == Int(PPRF.maxPunctures(forMemoryBudget: 256 << 10, secretSize: 32, challengeBits: 128)))
        #expect((40...70).contains(maximum))
        for strategy in [SendingStrategy.pprf, .cbst] {
            #expect(
                throws: StrategySimulator.SimulationError.exceedsMemoryBudget(
                    messages: 5_000, maximum: maximum, budget: 256 << 10, challengeBits: 128)
            ) { try StrategySimulator.run(config, strategy: strategy) }
        }
        // The secret-tree strategies hold no PPRF state: the budget does not apply.
        #expect(try StrategySimulator.run(config, strategy: .allotment).receiverBytesHeld == nil)
        let sentence = StrategySimulator.SimulationError.exceedsMemoryBudget(
            messages: 5_000, maximum: maximum, budget: 256 << 10, challengeBits: 128
        ).description
        #expect(sentence.contains("at most \(maximum) messages per epoch"))
    }

    @Test("a run at exactly the budget's bound delivers everything and holds no more than the budget (measured)")
    func atTheBound() throws {
        var config = SimulationConfig(
            emulators: 2, members: 2, messages: 1, challengeBits: 96, profile: .blake2b, memoryBudget: 512 << 10)
        config.messages = try StrategySimulator.maximumMessages(config)
        #expect(config.messages > 100)
        let r = try StrategySimulator.run(config, strategy: .pprf)
        #expect(r.failedDecryptions == 0)
        let held = try #require(r.receiverBytesHeld)
        #expect(held <= 512 << 10)
        #expect(held > 256 << 10)
    }

    @Test("invalid challenge lengths, budgets and message counts are refused")
    func invalid() {
        for config in [
            SimulationConfig(emulators: 1, members: 1, messages: 1, challengeBits: 0),
            SimulationConfig(emulators: 1, members: 1, messages: 1, challengeBits: 257),
            SimulationConfig(emulators: 1, members: 1, messages: 1, memoryBudget: 0),
            SimulationConfig(emulators: 1, members: 1, messages: 1_000_001),
            SimulationConfig(emulators: 1, members: 0, messages: 1),
        ] {
            #expect(throws: StrategySimulator.SimulationError.self) {
                try StrategySimulator.run(config, strategy: .pprf)
            }
        }
        #expect(
            StrategySimulator.SimulationError.invalidConfiguration("x").description
                == "The simulation's configuration is invalid: it needs x.")
    }
}
