import Foundation
import GameSessions
import Logging
import NeuroAPI
import NeuroTestSupport
import ServiceLifecycleTestKit
import Synchronization
import Testing

@testable import NeuroHost

#if canImport(Glibc)
    import Glibc
#endif

/// A graceful shutdown while a game's handshake hangs (a server that accepts TCP and never
/// answers) ends the supervisor at once, not when the handshake times out: the attempt has
/// nobody to say goodbye to. The handshake timeout here is an hour, so only abandoning the
/// attempt lets `run()` return within the suite's limit.
@Suite(.timeLimit(.minutes(1)))
struct ShutdownWhileConnectingTests {
    @Test func aGracefulShutdownAbandonsAHangingHandshake() async throws {
        let listener = try SilentListener()
        defer { listener.close() }
        var logger = Logger(label: "test.shutdown-while-connecting")
        logger.logLevel = .critical
        var configuration = WebSocketConfiguration()
        configuration.handshakeTimeout = .seconds(3_600)
        let game = GameSession(title: "Flaky", plugin: try FlakyGame(settings: .init(), seed: 0))
        let supervisor = GameSupervisor(
            game: game, url: "ws://127.0.0.1:\(listener.port)", restartPolicy: RestartPolicy(),
            connector: WebSocketConnector(configuration: configuration, logger: logger), clock: ContinuousClock(),
            seed: 1, logger: logger)
        await testGracefulShutdown { trigger in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await supervisor.run() }
                // The game's TCP connection is open and its upgrade request unanswered.
                let opened = await (try? eventually("the game opened TCP") { listener.acceptsOne() }) != nil
                #expect(opened, "the game never opened TCP to the silent server")
                #expect(supervisor.state == .connecting)
                trigger.triggerGracefulShutdown()
                await group.waitForAll()
            }
        }
        #expect(supervisor.state == .stopped)
        #expect(supervisor.status.sessions == 0)
    }
}

/// A TCP listener on 127.0.0.1 that accepts connections and never sends a byte.
private final class SilentListener: Sendable {
    let descriptor: Int32
    let port: Int
    private let accepted = Mutex<[Int32]>([])

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(fd, 8) == 0 else {
            Glibc.close(fd)
            throw Failure(description: "bind/listen failed: errno \(errno)")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// Accepts one pending connection, if there is one, and keeps it open (silent).
    func acceptsOne() -> Bool {
        let connection = accept(descriptor, nil, nil)
        guard connection >= 0 else { return false }
        accepted.withLock { $0.append(connection) }
        return true
    }

    func close() {
        for connection in accepted.withLock({ $0 }) { Glibc.close(connection) }
        Glibc.close(descriptor)
    }
}
