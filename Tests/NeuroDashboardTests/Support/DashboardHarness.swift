import Foundation
import GamePlugins
import GameSessions
import Logging
import NeuroAPI
import NeuroDashboard
import NeuroHost
import NeuroSim
import NeuroTestSupport
import ServiceLifecycle
import Synchronization

/// NeuroSim, games and the dashboard on loopback ports picked by the system, in one
/// `ServiceGroup` as `neuro-host --simulate` composes them.
struct DashboardHarness: Sendable {
    let port: Int
    let games: DeferredGameHost
    let simulator: NeuroSimServer

    /// The games' statuses.
    var statuses: [GameStatus] { games.statuses }

    /// Headers of the page's requests.
    static let pageHeaders = ["X-Neuro-Dashboard": "1"]

    func get(_ path: String, headers: [String: String] = [:]) async throws -> HTTPProbe.Reply {
        try await HTTPProbe.request("GET", path, port: port, headers: headers)
    }

    func post(_ path: String, body: String? = nil, headers: [String: String] = pageHeaders) async throws -> HTTPProbe.Reply {
        try await HTTPProbe.request("POST", path, port: port, headers: headers, body: body)
    }

    /// Runs `body` with everything started and every game connected; shuts down after.
    static func with(
        games json: String =
            #"{"games": [{"plugin": "hangman", "title": "Hangman"}, {"plugin": "guess-the-number", "title": "Guess"}]}"#,
        token: String? = nil,
        simulatorControls: Bool = true,
        _ body: @Sendable (DashboardHarness) async throws -> Void
    ) async throws {
        let configuration = try HostConfiguration.decode(
            text: json, file: "games.json", catalog: .builtIn, urlFlag: nil)
        let logger = Logger(label: "test.dashboard")
        var simulatorConfiguration = NeuroSimConfiguration()
        simulatorConfiguration.seed = 5
        simulatorConfiguration.forceDelay = .milliseconds(10)
        simulatorConfiguration.forceRetries = .max
        let simulator = NeuroSimulator(configuration: simulatorConfiguration, logger: Logger(label: "test.sim"))
        let (urls, urlContinuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let server = NeuroSimServer(simulator: simulator, host: "127.0.0.1", port: 0, logger: Logger(label: "test.sim")) {
            urlContinuation.yield("ws://127.0.0.1:\($0)")
        }
        let games = DeferredGameHost(urls: urls) { url in
            var configuration = configuration
            for index in configuration.games.indices { configuration.games[index].url = url }
            for index in configuration.games.indices {
                // Quick reconnects: the control tests wait for them.
                configuration.games[index].restartPolicy.initialDelay = .milliseconds(50)
                configuration.games[index].restartPolicy.maximumDelay = .milliseconds(200)
            }
            return try GameHost(
                configuration: configuration, catalog: .builtIn, connector: WebSocketConnector(logger: logger),
                clock: ContinuousClock(),
                seed: 5, saveDirectory: nil, recordsActivity: true, logger: logger)
        }
        let (ports, portContinuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let dashboard = DashboardServer(
            model: DashboardModel(
                games: { games.host }, url: { games.url }, hasSimulator: simulatorControls,
                // What neuro-host gives it with --simulate: the report as neuro-sim writes it.
                neuroSimReport: { simulatorControls ? Optional(simulator.report().jsonValue) : nil }),
            simulator: simulatorControls ? TestSimulatorControls(server: server) : nil,
            configuration: DashboardConfiguration(host: "127.0.0.1", port: 0, token: token, updateInterval: .milliseconds(100)),
            logger: logger
        ) { portContinuation.yield($0) }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: server, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: games, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: dashboard, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next() else { throw HTTPProbe.Failure(description: "no dashboard port") }
            let harness = DashboardHarness(port: port, games: games, simulator: server)
            try await eventually("every game is connected") {
                let statuses = games.statuses
                return statuses.count == configuration.games.count && statuses.allSatisfy { $0.state.isPlaying }
            }
            do {
                try await body(harness)
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}

/// The simulator controls the executable gives the dashboard, on the test's NeuroSim.
final class TestSimulatorControls: SimulatorControls {
    let server: NeuroSimServer
    private let nextID = Atomic<Int>(1)

    init(server: NeuroSimServer) { self.server = server }

    func inject(_ fault: SimulatorFault) async throws(DashboardError) {
        do {
            switch fault {
            case .dropAll: try server.simulator.drop()
            case .reregisterAll: try await server.simulator.send(.reregisterAllActions)
            case .gracefulShutdownRequest: try await server.simulator.send(.gracefulShutdownRequest(wantsShutdown: true))
            case .immediateShutdownRequest: try await server.simulator.send(.immediateShutdownRequest)
            case .restartServer: server.restart()
            }
        } catch {
            throw DashboardError(code: .conflict, message: error.message, status: .conflict)
        }
    }

    func sendAction(named name: String, data: String?, toGame game: String) async throws(DashboardError) -> String {
        guard let connection = server.simulator.connections.last(where: { $0.game == game }) else {
            throw DashboardError(code: .conflict, message: "\(game) is not connected", status: .conflict)
        }
        let id = "manual-\(nextID.add(1, ordering: .relaxed).oldValue)"
        do {
            try await server.simulator.send(.action(NeuroAction(id: id, name: name, data: data)), toConnection: connection.id)
        } catch {
            throw DashboardError(code: .conflict, message: error.message, status: .conflict)
        }
        return id
    }
}

extension GameState {
    /// Connected, whether or not waiting for the force slot the two test games share.
    var isPlaying: Bool { self == .connected || self == .waitingForForceSlot }
}
