import Foundation
import GamePlugins
import GameSessions
import NeuroAPI
import NeuroHost
import NeuroTestSupport
import Testing

/// A graceful shutdown: every game saves, unregisters its actions and closes with 1001.
@Suite(.timeLimit(.minutes(2)))
struct GracefulShutdownTests {
    @Test func everyGameUnregistersClosesWith1001AndSaves() async throws {
        let saves = try TemporaryDirectory()
        let saveDirectory = URL(fileURLWithPath: saves.path)
        let neuro = SimulatedNeuro(forceDelay: .milliseconds(20))
        try await neuro.withServer { url in
            let host = try SampleGames.host(url: url, saveDirectory: saveDirectory)
            let open = try await SampleGames.withGames(of: host) { _ in
                try await eventually("every game is connected and has handled an action") {
                    host.statuses.allSatisfy { $0.isConnected && $0.actionsHandled >= 1 }
                }
                return neuro.simulator.connections.map(\.id)
            }
            // `withGames` returned after the graceful shutdown: every game has stopped.
            #expect(host.statuses.allSatisfy { $0.state == .stopped }, "\(host.statuses.map(\.state))")
            #expect(open.count == host.supervisors.count)
            try await eventually("NeuroSim has seen every game close") {
                open.allSatisfy { neuro.closes[$0] != nil }
            }
            for id in open {
                #expect(neuro.closes[id]?.code == .goingAway, "connection \(id)")
                #expect(neuro.closes[id]?.registeredActions == [], "connection \(id) closed with actions registered")
            }
            let store = GameSaveStore(directory: saveDirectory)
            for supervisor in host.supervisors {
                #expect(FileManager.default.fileExists(atPath: store.fileURL(forTitle: supervisor.game.title).path))
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: saves.path).filter { $0.hasSuffix(".json") }
            #expect(files.count == host.supervisors.count, "\(files)")
        }
        #expect(neuro.simulator.violations.isEmpty, "\(neuro.simulator.violations)")
    }
}
