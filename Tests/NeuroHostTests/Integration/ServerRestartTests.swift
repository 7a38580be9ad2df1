import Foundation
import GamePlugins
import GameSessions
import NeuroHost
import NeuroSim
import NeuroTestSupport
import Testing

/// Neuro restarts mid-game: every game reconnects and restores what Neuro forgot.
@Suite(.timeLimit(.minutes(2)))
struct ServerRestartTests {
    @Test func everyGameReconnectsReregistersAndForcesAgain() async throws {
        // A force is answered after 100 ms, so games are mostly idle, waiting on one: the
        // restart nearly always finds forces pending, which the games must issue again.
        let neuro = SimulatedNeuro(forceDelay: .milliseconds(100))
        try await neuro.withServer { url in
            let host = try SampleGames.host(url: url)
            let gameCount = host.supervisors.count
            try await SampleGames.withGames(of: host) { _ in
                try await eventually("every game is connected and has forced Neuro") {
                    let connections = neuro.simulator.connections
                    return host.statuses.allSatisfy(\.isConnected) && connections.count == gameCount
                        && connections.allSatisfy { $0.statistics.messagesByCommand["actions/force", default: 0] >= 1 }
                }
                let firstConnections = Set(neuro.simulator.connections.map(\.id))
                #expect(firstConnections.count == gameCount)

                neuro.server.restart()

                try await eventually("every game has reconnected") {
                    host.statuses.allSatisfy { $0.reconnects >= 1 && $0.isConnected }
                }
                // Poll until NeuroSim's view and every game's agree (an action in flight may
                // briefly make them differ).
                try await eventually("every game has started up, registered exactly its actions and forced again") {
                    let connections = neuro.simulator.connections.filter { !firstConnections.contains($0.id) }
                    return host.supervisors.allSatisfy { supervisor in
                        guard let connection = connections.first(where: { $0.game == supervisor.game.title }),
                            let game = supervisor.game as? any WireActionNaming
                        else { return false }
                        return connection.hasStartedUp
                            && connection.registeredActions.sorted() == game.wireActionNames.sorted()
                            && connection.statistics.messagesByCommand["actions/force", default: 0] >= 1
                    }
                }
                let connections = neuro.simulator.connections.filter { !firstConnections.contains($0.id) }
                #expect(connections.count == gameCount)
                #expect(connections.allSatisfy { $0.statistics.messagesByCommand["startup"] == 1 })
            }
            #expect(host.statuses.allSatisfy { $0.state == .stopped })
        }
        #expect(neuro.simulator.violations.isEmpty, "\(neuro.simulator.violations)")
    }
}
