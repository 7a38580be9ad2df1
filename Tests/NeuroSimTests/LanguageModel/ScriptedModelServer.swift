import NIOCore
import NIOHTTP1
import NIOPosix
import NeuroAPI
import Synchronization

/// A scripted OpenAI-compatible chat-completions server on 127.0.0.1 (port 0): it records every
/// request and answers each from a script, so the language-model player is tested without a
/// network or a model.
final class ScriptedModelServer: Sendable {
    /// One answer of the script.
    enum Reply: Sendable {
        /// A response with this status, JSON body and extra headers.
        case respond(status: Int, body: String, headers: [String: String])
        /// No answer at all: the client's timeout must end the request.
        case stall

        /// A 200 with a tool call.
        static func toolCall(_ name: String, arguments: String, promptTokens: Int = 100, completionTokens: Int = 10) -> Reply {
            let call: JSONValue = [
                "id": "call_1", "type": "function", "function": ["name": .string(name), "arguments": .string(arguments)],
            ]
            return completion(
                message: ["role": "assistant", "content": .null, "tool_calls": [call]], promptTokens, completionTokens)
        }

        /// A 200 with a plain text answer and no tool call.
        static func text(_ content: String) -> Reply {
            completion(message: ["role": "assistant", "content": .string(content)], 50, 5)
        }

        /// An error status with a small JSON body.
        static func status(_ status: Int, headers: [String: String] = [:]) -> Reply {
            .respond(status: status, body: #"{"error":{"message":"scripted \#(status)"}}"#, headers: headers)
        }

        private static func completion(message: JSONValue, _ promptTokens: Int, _ completionTokens: Int) -> Reply {
            let body: JSONValue = [
                "id": "chatcmpl-1", "object": "chat.completion", "model": "scripted",
                "choices": [["index": 0, "message": message, "finish_reason": "tool_calls"]],
                "usage": [
                    "prompt_tokens": .integer(Int64(promptTokens)), "completion_tokens": .integer(Int64(completionTokens)),
                ],
            ]
            return .respond(status: 200, body: JSONWriter.string(from: body), headers: [:])
        }
    }

    /// A request as the server read it.
    struct Request: Sendable {
        var method: String
        var uri: String
        /// Header values by lower-cased name.
        var headers: [String: String]
        var body: String

        /// The body as JSON.
        var json: JSONValue? { try? JSONParser().parse(body) }
        /// `messages` of the body.
        var messages: [JSONValue] { json?["messages"]?.arrayValue ?? [] }
        /// The names of the offered tools.
        var toolNames: [String] {
            (json?["tools"]?.arrayValue ?? []).compactMap { $0["function"]?["name"]?.stringValue }
        }
    }

    private struct State {
        var requests: [Request] = []
        var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
    }

    private let state = Mutex(State())
    private let respond: @Sendable (Int, Request) -> Reply
    /// The server's port, once listening.
    let port: Int

    private init(port: Int, respond: @escaping @Sendable (Int, Request) -> Reply) {
        self.port = port
        self.respond = respond
    }

    /// The base URL to give the player (`http://127.0.0.1:PORT/v1`).
    var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// Every request so far.
    var requests: [Request] { state.withLock { $0.requests } }

    /// Runs a server that answers request `n` (from 0) with `script[n]`, and with `otherwise`
    /// after the script, for the duration of `body`.
    static func withServer<Result: Sendable>(
        script: [Reply], otherwise: Reply = .text("I wait."), _ body: (ScriptedModelServer) async throws -> Result
    ) async throws -> Result {
        try await withServer(respond: { index, _ in index < script.count ? script[index] : otherwise }, body)
    }

    /// Runs a server that answers each request with `respond(index, request)`, for the
    /// duration of `body`.
    static func withServer<Result: Sendable>(
        respond: @escaping @Sendable (Int, Request) -> Reply, _ body: (ScriptedModelServer) async throws -> Result
    ) async throws -> Result {
        typealias Child = NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try Child(wrappingChannelSynchronously: channel)
                }
            }
        let server = ScriptedModelServer(port: listener.channel.localAddress?.port ?? 0, respond: respond)
        return try await withThrowingDiscardingTaskGroup { group in
            group.addTask {
                try? await listener.executeThenClose { inbound in
                    try await withThrowingDiscardingTaskGroup { connections in
                        for try await child in inbound {
                            connections.addTask { try? await server.serve(child) }
                        }
                    }
                }
            }
            defer {
                listener.channel.close(promise: nil)
                group.cancelAll()
            }
            return try await body(server)
        }
    }

    /// Returns once at least `count` requests have arrived (or the task is cancelled by the
    /// suite's time limit).
    func waitForRequests(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let isDone = state.withLock { state in
                if state.requests.count >= count { return true }
                state.waiters.append((count, continuation))
                return false
            }
            if isDone { continuation.resume() }
        }
    }

    private func serve(
        _ child: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>
    ) async throws {
        try await child.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body = ByteBuffer()
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body.clear()
                case .body(var chunk):
                    body.writeBuffer(&chunk)
                case .end:
                    guard let head else { continue }
                    var headers: [String: String] = [:]
                    for (name, value) in head.headers { headers[name.lowercased()] = value }
                    let request = Request(method: "\(head.method)", uri: head.uri, headers: headers, body: String(buffer: body))
                    let (index, ready) = record(request)
                    for continuation in ready { continuation.resume() }
                    switch respond(index, request) {
                    case .stall:
                        continue  // never answered; the client times out and hangs up
                    case .respond(let status, let text, let extra):
                        var responseHeaders = HTTPHeaders([("Content-Type", "application/json")])
                        for (name, value) in extra { responseHeaders.add(name: name, value: value) }
                        responseHeaders.add(name: "Content-Length", value: "\(text.utf8.count)")
                        try await outbound.write(
                            .head(
                                HTTPResponseHead(
                                    version: .http1_1, status: HTTPResponseStatus(statusCode: status), headers: responseHeaders)))
                        try await outbound.write(.body(.byteBuffer(ByteBuffer(string: text))))
                        try await outbound.write(.end(nil))
                    }
                }
            }
        }
    }

    private func record(_ request: Request) -> (Int, [CheckedContinuation<Void, Never>]) {
        state.withLock { state in
            state.requests.append(request)
            let count = state.requests.count
            let ready = state.waiters.filter { $0.count <= count }.map(\.continuation)
            state.waiters.removeAll { $0.count <= count }
            return (count - 1, ready)
        }
    }
}
