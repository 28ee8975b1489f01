/// A sentence for each error of the strategies simulator (`pprf simulate`).
extension StrategySimulator.SimulationError: CustomStringConvertible {
    /// The human description of the error (printed by `pprf simulate` on standard error).
    public var description: String {
        switch self {
        case .invalidConfiguration(let requirement):
            "The simulation's configuration is invalid: it needs \(requirement)."
        }
    }
}
