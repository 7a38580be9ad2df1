import ServiceLifecycle
import Synchronization

/// The games service for games whose Neuro URL is known only once the process runs
/// (`neuro-host --simulate`, where NeuroSim picks its port as it starts): waits for the URL,
/// creates the ``GameHost`` pointed at it, and runs it.
///
/// In a `ServiceGroup` it comes after the service that reports the URL, so a graceful
/// shutdown stops the games before that service:
///
/// ```swift
/// let (urls, continuation) = AsyncStream<String>.makeStream(bufferingPolicy: .bufferingNewest(1))
/// let server = NeuroSimServer(simulator: simulator, port: 0, logger: logger) { port in
///     continuation.yield("ws://127.0.0.1:\(port)")
/// }
/// let games = DeferredGameHost(urls: urls) { url in try GameHost(/* every game pointed at url */) }
/// try await ServiceGroup(services: [server, games], logger: logger).run()
/// ```
package final class DeferredGameHost: Service, Sendable {
    private struct Live {
        var host: GameHost<ContinuousClock>?
        var url: String?
    }

    private let urls: AsyncStream<String>
    private let makeHost: @Sendable (String) throws -> GameHost<ContinuousClock>
    private let live = Mutex(Live())

    /// Creates the service; nothing is created before ``run()`` has a URL.
    /// - Parameters:
    ///   - urls: the URL to play against; only its first element is used.
    ///   - makeHost: creates the games, every one pointed at the URL.
    package init(
        urls: AsyncStream<String>,
        makeHost: @escaping @Sendable (String) throws -> GameHost<ContinuousClock>
    ) {
        self.urls = urls
        self.makeHost = makeHost
    }

    /// The games, once created.
    package var host: GameHost<ContinuousClock>? { live.withLock { $0.host } }
    /// The URL every game plays against, once known.
    package var url: String? { live.withLock { $0.url } }
    /// Every game's status; empty before the games are created.
    package var statuses: [GameStatus] { host?.statuses ?? [] }

    /// Waits for the URL, then plays every game as ``GameHost/run()`` does. Returns at once
    /// when the process shuts down before the URL is known.
    /// - Throws: what `makeHost` throws (``InvalidConfiguration`` for refused settings).
    package func run() async throws {
        var iterator = urls.cancelOnGracefulShutdown().makeAsyncIterator()
        guard let url = await iterator.next() else { return }
        let host = try makeHost(url)
        live.withLock { $0 = Live(host: host, url: url) }
        await host.run()
    }
}
