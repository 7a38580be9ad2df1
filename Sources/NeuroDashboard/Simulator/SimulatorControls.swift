/// The simulator's controls the dashboard offers with `neuro-host --simulate`: its faults and
/// a manual action sender.
///
/// NeuroDashboard does not depend on NeuroSim: the command line that runs both (NeuroHostCLI)
/// provides this.
public protocol SimulatorControls: Sendable {
    /// Injects a fault.
    /// - Throws: ``DashboardError`` when the simulator cannot (no connection, for example).
    func inject(_ fault: SimulatorFault) async throws(DashboardError)

    /// Sends an action, as Neuro would, to the connection of the game with this title.
    /// - Parameters:
    ///   - name: the action's wire name.
    ///   - data: its data as JSON text, already checked against the action's schema.
    ///   - game: the game's title.
    /// - Returns: the id of the action sent.
    /// - Throws: ``DashboardError`` when the game has no connection to the simulator.
    func sendAction(named name: String, data: String?, toGame game: String) async throws(DashboardError) -> String
}
