import Logging
import NeuroAPI
import NeuroSim
import NeuroTestSupport
import Synchronization
import Testing

@testable import NeuroBench

/// The soak's relay: forwards a websocket both ways, and a stalled connection makes the
/// client's handshake time out. Loopback, port 0.
@Suite(.timeLimit(.minutes(1))) struct StallingRelayTests {
    let logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The websocket configuration of the echo server and of the clients whose connections must
    /// go through. A handshake through the relay crosses four sockets and two hops of its tasks,
    /// which under ThreadSanitizer with the whole suite on two cores took longer than the
    /// default 10 s (on either end). These tests are about frames getting through: the suite's
    /// time limit bounds them, and this timeout, under that limit, only names a real stall.
    static let patient = WebSocketConfiguration(handshakeTimeout: .seconds(45), pingInterval: nil)

    var patientConnector: WebSocketConnector { WebSocketConnector(configuration: Self.patient, logger: logger) }

    /// Runs an echo server, the relay in front of it, and `body` with the relay's port.
    func withRelay(_ body: @Sendable (StallingRelay, Int) async throws -> Void) async throws {
        let echo = WebSocketListener(host: "127.0.0.1", port: 0, configuration: Self.patient, logger: logger)
        let ports = PortBox()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await echo.run(onListening: { ports.set(echo: $0) }) { transport, _ in
                    while case .text(let text)? = try? await transport.receive() {
                        try? await transport.send(text)
                    }
                }
            }
            defer {
                echo.stop(closeCode: .goingAway)
                group.cancelAll()
            }
            try await eventually("the echo server listens", timeout: .seconds(10)) { ports.echo != 0 }
            let relay = StallingRelay(targetPort: ports.echo)
            group.addTask { try await relay.run(onListening: { ports.set(relay: $0) }) }
            try await eventually("the relay listens", timeout: .seconds(10)) { ports.relay != 0 }
            try await body(relay, ports.relay)
        }
    }

    @Test func framesGoThroughTheRelayBothWays() async throws {
        try await withRelay { relay, port in
            let echoed = try await patientConnector.withConnection(to: "ws://127.0.0.1:\(port)") { transport in
                try await transport.send("hello through the relay")
                return try await transport.receive()
            }
            #expect(echoed == .text("hello through the relay"))
            #expect(relay.stalls.isEmpty)
        }
    }

    @Test func aStalledConnectionTimesTheHandshakeOutAndTheNextGoesThrough() async throws {
        try await withRelay { relay, port in
            relay.stallNextConnection()
            #expect(relay.stallsWaiting == 1)
            // The stalled handshake can only time out, however busy the machine: a short timeout.
            let impatient = WebSocketConnector(
                configuration: .init(handshakeTimeout: .milliseconds(500), pingInterval: nil), logger: logger)
            let error = await #expect(throws: NeuroError.self) {
                try await impatient.withConnection(to: "ws://127.0.0.1:\(port)") { _ in }
            }
            #expect(error?.code == .handshakeTimedOut)
            // On a busy machine the client can give up before the relay gets to the connection:
            // it takes the stall when it does (the accept queue keeps the order).
            try await eventually("the relay takes the stall", timeout: .seconds(10)) { relay.stalls.count == 1 }
            #expect(relay.stallsWaiting == 0)
            // The client hung up on the stalled connection: the relay saw it close.
            try await eventually("the relay sees the stalled connection closed", timeout: .seconds(10)) {
                relay.stalls.first?.closedAt != nil
            }
            let echoed = try await patientConnector.withConnection(to: "ws://127.0.0.1:\(port)") { transport in
                try await transport.send("after the stall")
                return try await transport.receive()
            }
            #expect(echoed == .text("after the stall"))
            #expect(relay.stalls.count == 1)
        }
    }
}

/// The ports the servers of a test bound.
private final class PortBox: Sendable {
    private let ports = Mutex((echo: 0, relay: 0))
    var echo: Int { ports.withLock { $0.echo } }
    var relay: Int { ports.withLock { $0.relay } }
    func set(echo port: Int) { ports.withLock { $0.echo = port } }
    func set(relay port: Int) { ports.withLock { $0.relay = port } }
}
