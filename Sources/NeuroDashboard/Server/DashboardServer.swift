import Foundation
import Hummingbird
import Logging
import NeuroAPI
import NeuroHost
import NeuroTesting
import ServiceLifecycle
import Synchronization

/// The web dashboard of `neuro-host --dashboard`: one more `Service` in the host's group, an
/// HTTP server (Hummingbird) with the page, its live stream, the JSON API, the controls and
/// the metrics.
///
/// | route | what |
/// |---|---|
/// | `GET /` (and `/dashboard.js`, `/dashboard.css`) | the page, embedded in the binary |
/// | `GET /api/events` | the live stream: a ``DashboardSnapshot`` as the first server-sent event (`snapshot`), then every ``DashboardConfiguration/updateInterval`` a ``DashboardUpdate`` with what changed (`update`) |
/// | `GET /api/snapshot` | one ``DashboardSnapshot`` |
/// | `GET /api/status` | the summary, the same JSON as `neuro-host --summary` (NeuroSim's report so far under `neuroSim`, with `--simulate`) |
/// | `GET /metrics` | ``DashboardMetrics`` in Prometheus text format |
/// | `POST /api/games/{index}/{drop,close,restart,pause,resume}` | the game controls (``GameControlRequest``) |
/// | `POST /api/simulator/faults/{fault}` | a ``SimulatorFault`` (with `--simulate`) |
/// | `POST /api/simulator/actions` | a ``ManualActionRequest``, checked against the schema (with `--simulate`) |
/// | `GET /api/games/{index}/actions/{name}/example` | data generated from the action's schema |
///
/// Every route but the page needs the token when one is configured (`DashboardGuard`);
/// controls are POST only (GET answers 405) and need the page's header.
///
/// ```swift
/// let model = DashboardModel(games: { games.host })
/// let dashboard = DashboardServer(model: model, configuration: .init(port: 8080), logger: logger) { port in
///     print("dashboard: http://127.0.0.1:\(port)/")
/// }
/// try await ServiceGroup(services: [games, dashboard], logger: logger).run()
/// ```
public final class DashboardServer: Service, Sendable {
    /// What the page shows.
    public let model: DashboardModel
    /// The metrics of `GET /metrics`.
    public let metrics: DashboardMetrics
    /// The simulator's controls, with `--simulate`.
    public let simulator: (any SimulatorControls)?
    /// Where and how it serves.
    public let configuration: DashboardConfiguration
    private let logger: Logger
    private let onListening: @Sendable (Int) -> Void
    private let isStopping = Atomic<Bool>(false)
    private let nextExampleSeed = Atomic<UInt64>(1)

    /// Creates the dashboard; nothing is bound before ``run()``.
    /// - Parameters:
    ///   - model: what the page shows.
    ///   - metrics: the metrics (new ones by default).
    ///   - simulator: the simulator's controls, with `--simulate`.
    ///   - configuration: address, port, token.
    ///   - logger: where the dashboard logs.
    ///   - onListening: called with the bound port once the server listens.
    public init(
        model: DashboardModel,
        metrics: DashboardMetrics = DashboardMetrics(),
        simulator: (any SimulatorControls)? = nil,
        configuration: DashboardConfiguration,
        logger: Logger,
        onListening: @escaping @Sendable (Int) -> Void = { _ in }
    ) {
        self.model = model
        self.metrics = metrics
        self.simulator = simulator
        self.configuration = configuration
        self.logger = logger
        self.onListening = onListening
    }

    /// Serves until the graceful shutdown of the process; live streams end then.
    /// - Throws: ``DashboardError`` for a non-loopback address without a token; what binding throws.
    public func run() async throws {
        try configuration.validate()
        let application = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { [onListening, logger] channel in
                let port = channel.localAddress?.port ?? 0
                logger.notice("the dashboard is listening", metadata: ["neuro.dashboard.port": "\(port)"])
                onListening(port)
            },
            logger: logger
        )
        try await withGracefulShutdownHandler {
            try await application.run()
        } onGracefulShutdown: { [self] in
            // The live streams see it at their next tick and end, so the server can close.
            isStopping.store(true, ordering: .relaxed)
        }
    }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: DashboardGuard(token: configuration.token.flatMap { $0.isEmpty ? nil : $0 }))
        router.get("/") { _, _ in Self.asset(DashboardPage.html, type: "text/html; charset=utf-8") }
        router.get("/dashboard.js") { _, _ in Self.asset(DashboardPage.script, type: "text/javascript; charset=utf-8") }
        router.get("/dashboard.css") { _, _ in Self.asset(DashboardPage.style, type: "text/css; charset=utf-8") }
        router.get("/api/status") { [model] _, _ in Self.json(model.summary().json()) }
        router.get("/api/snapshot") { [model] _, _ in Self.json(model.snapshot().json()) }
        router.get("/api/events") { [self] _, _ in self.events() }
        router.get("/metrics") { [model, metrics] _, _ in
            metrics.update(from: model.host)
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.prometheusText())))
        }
        router.get("/api/games/:index/actions/:name/example") { [self] _, context in
            let supervisor = try self.supervisor(context.parameters.get("index"))
            let name = context.parameters.get("name") ?? ""
            guard let action = supervisor.game.view.registeredActions.first(where: { $0.name == name })
            else {
                throw DashboardError(code: .notFound, message: "\"\(name)\" is not registered now", status: .notFound)
            }
            var random = SeededRandomNumberGenerator(seed: nextExampleSeed.add(1, ordering: .relaxed).newValue)
            let data = SchemaDataGenerator().generateData(for: action, using: &random)
            return Self.json(DashboardJSON.object(["action": name, "data": data ?? ""]))
        }
        for control in GameControlRequest.allCases {
            router.post("/api/games/:index/\(control.rawValue)") { [self] _, context in
                let supervisor = try self.supervisor(context.parameters.get("index"))
                try await Self.apply(control, to: supervisor)
                logger.notice(
                    "control from the dashboard",
                    metadata: ["neuro.game": "\(supervisor.game.title)", "neuro.control": "\(control.rawValue)"])
                return Self.json(DashboardJSON.object(["ok": "true", "game": supervisor.game.title]))
            }
            router.get("/api/games/:index/\(control.rawValue)") { _, _ -> Response in throw Self.postOnly }
        }
        router.post("/api/simulator/faults/:fault") { [self] _, context in
            let simulator = try self.requireSimulator()
            let name = context.parameters.get("fault") ?? ""
            guard let fault = SimulatorFault(rawValue: name) else {
                let known = SimulatorFault.allCases.map(\.rawValue).joined(separator: ", ")
                throw DashboardError(
                    code: .notFound, message: "no fault \"\(name)\"; faults: \(known)", status: .notFound)
            }
            try await simulator.inject(fault)
            logger.notice("fault from the dashboard", metadata: ["neuro.fault": "\(fault.rawValue)"])
            return Self.json(DashboardJSON.object(["ok": "true", "fault": fault.rawValue]))
        }
        router.get("/api/simulator/faults/:fault") { _, _ -> Response in throw Self.postOnly }
        router.post("/api/simulator/actions") { [self] request, _ in
            let simulator = try self.requireSimulator()
            let body = try await request.body.collect(upTo: 1 << 20)
            let manual: ManualActionRequest
            do {
                manual = try JSONDecoder().decode(ManualActionRequest.self, from: Data(body.readableBytesView))
            } catch {
                throw DashboardError(
                    code: .badRequest, message: "the body must be {\"game\": index, \"action\": name, \"data\": text}",
                    status: .badRequest)
            }
            let supervisor = try self.supervisor(String(manual.game))
            let data = try manual.validatedData(against: supervisor.game.view.registeredActions)
            let id = try await simulator.sendAction(named: manual.action, data: data, toGame: supervisor.game.title)
            return Self.json(DashboardJSON.object(["ok": "true", "id": id]))
        }
        router.get("/api/simulator/actions") { _, _ -> Response in throw Self.postOnly }
        return router
    }

    /// The live stream: a snapshot now, then what changed every interval, until the client goes or the
    /// process shuts down.
    private func events() -> Response {
        let interval = configuration.updateInterval
        return Response(
            status: .ok,
            headers: [.contentType: "text/event-stream", .cacheControl: "no-store"],
            body: ResponseBody { [self] writer in
                var previous: DashboardSnapshot?
                while !isStopping.load(ordering: .relaxed) && !Task.isCancelled {
                    let current = model.snapshot()
                    let event =
                        previous.map { "event: update\ndata: \(DashboardUpdate(from: $0, to: current).json())\n\n" }
                        ?? "event: snapshot\ndata: \(current.json())\n\n"
                    previous = current
                    // A write fails once the client has gone: that ends the stream.
                    try await writer.write(ByteBuffer(string: event))
                    do { try await Task.sleep(for: interval) } catch { break }
                }
                try await writer.finish(nil)
            })
    }

    private static func apply(
        _ control: GameControlRequest, to supervisor: GameSupervisor<ContinuousClock>
    ) async throws(DashboardError) {
        do {
            try await supervisor.apply(control.gameControl)
        } catch {
            throw DashboardError(code: .conflict, message: error.message, status: .conflict)
        }
    }

    private func supervisor(_ index: String?) throws(DashboardError) -> GameSupervisor<ContinuousClock> {
        guard let host = model.host else {
            throw DashboardError(code: .conflict, message: "the games have not started yet", status: .conflict)
        }
        guard let index = index.flatMap(Int.init), host.supervisors.indices.contains(index) else {
            throw DashboardError(
                code: .notFound, message: "no game \(index ?? ""); games are 0 to \(host.supervisors.count - 1)",
                status: .notFound)
        }
        return host.supervisors[index]
    }

    private func requireSimulator() throws(DashboardError) -> any SimulatorControls {
        guard let simulator else {
            throw DashboardError(
                code: .noSimulator, message: "the simulator's controls need neuro-host --simulate", status: .notFound)
        }
        return simulator
    }

    private static var postOnly: DashboardError {
        DashboardError(code: .badRequest, message: "controls are POST only", status: .methodNotAllowed)
    }

    private static func asset(_ text: String, type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    private static func json(_ text: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
