/// A sentence for each error of the strategies simulator (`pprf simulate`).
extension StrategySimulator.SimulationError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf simulate` on standard error).
    public var description: String {
        switch self {
        case .invalidConfiguration(let requirement):
            "The simulation's configuration is invalid: it needs \(requirement)."
        case .exceedsMemoryBudget(let k, let maximum, let budget, let b):
            "\(k) messages in one epoch at b = \(b) need more receiver state than the memory budget of \(budget) "
                + "bytes holds: a receiver holds at most \(maximum) messages per epoch at this b (rotate the epoch "
                + "sooner, lower --messages, or raise --memory-budget)."
        }
    }
}
