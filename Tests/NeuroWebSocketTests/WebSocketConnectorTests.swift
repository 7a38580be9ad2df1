import NIOCore
import NIOPosix
import NeuroWebSocket
import Testing

@Suite(.timeLimit(.minutes(1)))
struct WebSocketConnectorTests {
    @Test func refusedConnectionIsHandshakeFailedWithKindConnectionRefused() async throws {
        // Bound and held, never listening: nothing can listen there while the test runs.
        let refusing = try RefusingPort()
        let port = refusing.port

        let error = await neuroError {
            try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { _ in }
        }
        #expect(error?.code == .handshakeFailed)
        #expect(error?.message == "could not open ws://127.0.0.1:\(port): connection refused")
        let failure = try #require(error?.cause as? HandshakeFailure)
        #expect(failure.kind == .connectionRefused)
        #expect(failure.httpStatus == nil)
        _ = consume refusing
    }

    @Test func unknownHostIsHandshakeFailedWithKindDNSFailure() async throws {
        // `.invalid` never resolves (RFC 2606).
        let error = await neuroError {
            try await makeConnector().withConnection(to: "ws://nonexistent.invalid:8000") { _ in }
        }
        #expect(error?.code == .handshakeFailed)
        #expect(
            error?.message.hasPrefix(
                #"could not open ws://nonexistent.invalid:8000: the host "nonexistent.invalid" was not found"#) == true)
        let failure = try #require(error?.cause as? HandshakeFailure)
        #expect(failure.kind == .dnsFailure)
    }

    @Test func httpErrorIsHandshakeFailedWithTheStatus() async throws {
        let response = "HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\nConnection: close\r\n\r\nnot found"
        try await RawTCPServer.withServer(connection: RawTCPServer.answers(response)) { port in
            let url = "ws://127.0.0.1:\(port)/missing"
            let error = await neuroError {
                try await makeConnector().withConnection(to: url) { _ in }
            }
            #expect(error?.code == .handshakeFailed)
            #expect(error?.message == "could not open \(url): the server answered HTTP 404 Not Found")
            let failure = try #require(error?.cause as? HandshakeFailure)
            #expect(failure.kind == .httpStatus)
            #expect(failure.httpStatus == 404)
            #expect(failure.url == url)
        }
    }

    @Test func silentServerTimesOutTheHandshake() async throws {
        try await RawTCPServer.withServer(connection: RawTCPServer.neverAnswers) { port in
            let connector = makeConnector { $0.handshakeTimeout = .milliseconds(300) }
            let clock = ContinuousClock()
            let started = clock.now
            let error = await neuroError {
                try await connector.withConnection(to: "ws://127.0.0.1:\(port)") { _ in }
            }
            #expect(error?.code == .handshakeTimedOut)
            #expect(clock.now - started < .seconds(20))  // far below a hang; room for a loaded machine
        }
    }

    @Test func cancellationDuringAHungHandshakeReturnsPromptly() async throws {
        let (accepted, acceptedContinuation) = AsyncStream<Void>.makeStream()
        try await RawTCPServer.withServer { inbound, outbound in
            acceptedContinuation.yield()
            try await RawTCPServer.neverAnswers(inbound, outbound)
        } _: { port in
            let connector = makeConnector { $0.handshakeTimeout = .seconds(50) }
            let attempt = Task {
                // An unstructured task: the test needs a handle to cancel one specific call.
                try await connector.withConnection(to: "ws://127.0.0.1:\(port)") { _ in }
            }
            var iterator = accepted.makeAsyncIterator()
            await iterator.next()
            let clock = ContinuousClock()
            let started = clock.now
            attempt.cancel()
            let result = await attempt.result
            #expect(clock.now - started < .seconds(20))  // far below the 50 s handshake timeout
            #expect(throws: CancellationError.self) { try result.get() }
        }
    }

    @Test func secureURLAgainstPlainServerIsATLSFailure() async throws {
        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        try await withListener(listener) { _, _ in
        } _: { port in
            let error = await neuroError {
                try await makeConnector().withConnection(to: "wss://127.0.0.1:\(port)") { _ in }
            }
            #expect(error?.code == .handshakeFailed)
            let failure = try #require(error?.cause as? HandshakeFailure)
            #expect(failure.kind == .tlsFailure)
        }
    }

    @Test(arguments: ["http://localhost:8000", "localhost:8000", "ftp://localhost", "ws://", "not a url"])
    func invalidURLsAreRejected(url: String) async {
        let error = await neuroError {
            try await makeConnector().withConnection(to: url) { _ in }
        }
        #expect(error?.code == .invalidURL)
    }

    @Test func bodyErrorClosesWithInternalError() async throws {
        struct GameFailed: Error {}
        let (closes, closeContinuation) = AsyncStream<TransportMessage>.makeStream()
        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        _ = try await withListener(listener) { transport, _ in
            defer { closeContinuation.finish() }
            if let message = try? await transport.receive() { closeContinuation.yield(message) }
        } _: { port in
            await #expect(throws: GameFailed.self) {
                try await makeConnector().withConnection(to: "ws://127.0.0.1:\(port)") { _ in throw GameFailed() }
            }
        }
        var iterator = closes.makeAsyncIterator()
        #expect(await iterator.next() == .closed(.internalError, reason: nil))
    }

    struct ResolveCase: Sendable, CustomTestStringConvertible {
        var explicit: String?
        var environment: [String: String]
        var expected: String
        var testDescription: String { "explicit \(explicit ?? "nil"), environment \(environment)" }
    }

    @Test(arguments: [
        ResolveCase(explicit: "ws://a:1", environment: ["NEURO_SDK_WS_URL": "ws://b:2"], expected: "ws://a:1"),
        ResolveCase(explicit: nil, environment: ["NEURO_SDK_WS_URL": "ws://b:2"], expected: "ws://b:2"),
        ResolveCase(explicit: "", environment: ["NEURO_SDK_WS_URL": "ws://b:2"], expected: "ws://b:2"),
        ResolveCase(explicit: nil, environment: ["NEURO_SDK_WS_URL": ""], expected: "ws://localhost:8000"),
        ResolveCase(explicit: nil, environment: [:], expected: "ws://localhost:8000"),
    ])
    func resolvePrefersExplicitThenEnvironmentThenDefault(_ resolveCase: ResolveCase) {
        #expect(NeuroURL.resolve(resolveCase.explicit, environment: resolveCase.environment) == resolveCase.expected)
    }
}
