import NeuroAPI
import NeuroDashboard
import NeuroSim
import Synchronization

/// The dashboard's simulator controls on the in-process NeuroSim of `--simulate`: its faults
/// (as `neuro-sim --fault` injects them) and actions sent by hand.
final class NeuroSimControls: SimulatorControls {
    let server: NeuroSimServer
    private let nextID = Atomic<Int>(1)

    init(server: NeuroSimServer) {
        self.server = server
    }

    func inject(_ fault: SimulatorFault) async throws(DashboardError) {
        let simulator = server.simulator
        do {
            switch fault {
            case .dropAll: try simulator.drop()
            case .reregisterAll: try await simulator.send(.reregisterAllActions)
            case .gracefulShutdownRequest: try await simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            case .immediateShutdownRequest: try await simulator.send(.immediateShutdownRequest)
            case .restartServer: server.restart()
            }
        } catch {
            throw DashboardError(code: .conflict, message: "NeuroSim could not: \(error.message)", status: .conflict)
        }
    }

    func sendAction(named name: String, data: String?, toGame game: String) async throws(DashboardError) -> String {
        guard let connection = server.simulator.connections.last(where: { $0.game == game }) else {
            throw DashboardError(
                code: .conflict, message: "\(game) is not connected to NeuroSim now", status: .conflict)
        }
        let id = "dashboard-\(nextID.add(1, ordering: .relaxed).oldValue)"
        do {
            try await server.simulator.send(.action(NeuroAction(id: id, name: name, data: data)), toConnection: connection.id)
        } catch {
            throw DashboardError(code: .conflict, message: "NeuroSim could not send it: \(error.message)", status: .conflict)
        }
        return id
    }
}
