import Logging
import ServiceLifecycle
import Testing

@testable import NeuroAPI

@Suite("NeuroComponentService", .timeLimit(.minutes(1)))
struct NeuroComponentServiceTests {
    @Test func gracefulShutdownClosesEveryComponentWithGoingAway() async throws {
        let (chess, chessConnector) = makeComponent()
        let (go, goConnector) = makeComponent()
        var logger = Logger(label: "test.services")
        logger.logLevel = .critical
        let group = ServiceGroup(
            services: [
                NeuroComponentService(component: chess, url: "ws://neuro.test"),
                NeuroComponentService(component: go, url: "ws://neuro.test"),
            ],
            logger: logger
        )
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let chessNeuro = try await chessConnector.nextPeer()
            let goNeuro = try await goConnector.nextPeer()
            #expect(await chess.waitForWebSocket())
            #expect(await go.waitForWebSocket())
            await group.triggerGracefulShutdown()
            for neuro in [chessNeuro, goNeuro] {
                #expect(try await neuro.nextFrame() == Frames.startup)
                #expect(try await neuro.nextMessage() == .closed(.goingAway, reason: "Game shutting down"))
            }
            try await tasks.waitForAll()
        }
        #expect(!chess.isConnected)
        #expect(!go.isConnected)
    }

    @Test func aFailedConnectFailsTheService() async throws {
        let (component, connector) = makeComponent()
        connector.failConnects(with: NeuroError(code: .handshakeFailed, message: "refused"))
        let service = NeuroComponentService(component: component, url: "ws://neuro.test")
        let error = await #expect(throws: NeuroError.self) { try await service.run() }
        #expect(error?.code == .handshakeFailed)
    }

    @Test func aCleanCloseByNeuroEndsTheServiceNormally() async throws {
        let (component, connector) = makeComponent()
        let service = NeuroComponentService(component: component, url: "ws://neuro.test")
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await service.run() }
            let neuro = try await connector.nextPeer()
            #expect(try await neuro.nextFrame() == Frames.startup)
            await neuro.close(code: .normalClosure, reason: nil)
            try await tasks.waitForAll()
        }
    }
}
