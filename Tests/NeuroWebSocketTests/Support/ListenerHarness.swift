import Logging
import NeuroProtocol
import NeuroWebSocket

/// A logger that drops everything, for tests.
let silentLogger = Logger(label: "neuro.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// Runs `listener` while `body` runs with its bound port; stops it afterwards and waits for
/// `run` to return.
func withListener<Result: Sendable>(
    _ listener: WebSocketListener,
    handler: @escaping @Sendable (WebSocketTransport, WebSocketConnectionInfo) async -> Void,
    _ body: (Int) async throws -> Result
) async throws -> Result {
    let (ports, portContinuation) = AsyncStream<Int>.makeStream()
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            defer { portContinuation.finish() }
            try await listener.run(onListening: { portContinuation.yield($0) }, handler: handler)
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // `run` ended before listening: surface its error.
            try await group.waitForAll()
            throw CancellationError()
        }
        do {
            let result = try await body(port)
            listener.stop()
            try await group.waitForAll()
            return result
        } catch {
            listener.stop()
            group.cancelAll()
            throw error
        }
    }
}

/// Makes a client connector with short timeouts.
func makeConnector(_ configure: (inout WebSocketConfiguration) -> Void = { _ in }) -> WebSocketConnector {
    var configuration = WebSocketConfiguration(handshakeTimeout: .seconds(5), closeTimeout: .seconds(2))
    configure(&configuration)
    return WebSocketConnector(configuration: configuration, logger: silentLogger)
}

/// Runs `body` and returns the ``NeuroError`` it throws, or `nil`.
func neuroError(_ body: () async throws -> Void) async -> NeuroError? {
    do {
        try await body()
        return nil
    } catch let error as NeuroError {
        return error
    } catch {
        return nil
    }
}
