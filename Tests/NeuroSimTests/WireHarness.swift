import Logging
import NeuroAPI
import Testing

@testable import NeuroSim

/// A ``NeuroSimServer`` on 127.0.0.1:0 and raw game frames over real websockets, as a game
/// sends them.
struct WireHarness {
    let fixture: SimulatorFixture
    let server: NeuroSimServer
    let port: Int

    var simulator: NeuroSimulator { fixture.simulator }

    /// Runs a server configured by `configure` around `body`, then stops it.
    static func run(
        clock: some Clock<Duration> = ContinuousClock(),
        _ configure: (inout NeuroSimConfiguration) -> Void = { _ in },
        _ body: @escaping @Sendable (WireHarness) async throws -> Void
    ) async throws -> NeuroSimulator {
        let fixture = SimulatorFixture(clock: clock, configure)
        try await NeuroSimServerTests.withServer(fixture) { server, ports in
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            try await body(WireHarness(fixture: fixture, server: server, port: port))
        }
        return fixture.simulator
    }

    /// Opens a websocket as game `title`.
    func connect(as title: String = "Game") async throws -> GameEnd {
        GameEnd(transport: try await NeuroSimServerTests.connect(port: port), game: title)
    }

    /// Opens a websocket as game `title`, sends `startup` and reads the acknowledgement.
    func startGame(as title: String = "Game") async throws -> GameEnd {
        let game = try await connect(as: title)
        try await game.send("startup")
        _ = try await game.receive()
        return game
    }

    /// The first diagnostic of `rule` delivered from now on.
    func diagnostic(_ rule: ConformanceRule) async throws -> NeuroSimDiagnostic {
        try await fixture.next { event -> NeuroSimDiagnostic? in
            if case .diagnostic(let diagnostic) = event, diagnostic.rule == rule { return diagnostic }
            return nil
        }
    }

    /// The connection of game `title`.
    func connection(of title: String) throws -> NeuroSimConnectionInfo {
        try #require(simulator.connections.first { $0.game == title })
    }
}

extension GameEnd {
    /// Answers an action with `action/result`; a success without a `message` says "Done." (as
    /// the 2026-08-21 spec asks), a failure has none.
    func answer(_ action: NeuroAction, success: Bool, message: String? = nil) async throws {
        let text = (message ?? (success ? "Done." : nil)).map { #","message":"\#($0)""# } ?? ""
        try await send("action/result", data: #"{"id":"\#(action.id)","success":\#(success)\#(text)}"#)
    }

    /// Sends a raw text frame.
    func sendRaw(_ text: String) async throws {
        try await transport.send(text)
    }

    /// Every command received until the connection closes (at most 1000).
    func drain() async throws -> [NeuroCommand] {
        var commands: [NeuroCommand] = []
        for _ in 0..<1000 {
            guard case .text(let text) = try await transport.receive() else { break }
            commands.append(try NeuroCommand.decode(text))
        }
        return commands
    }
}
