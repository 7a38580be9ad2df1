import NeuroProtocol
import Synchronization

/// A transport that connects two ends in memory: for tests, and for playing a game against
/// an in-process Neuro without a socket.
///
/// ```swift
/// let (game, neuro) = InMemoryTransport.makePair()
/// try await game.send(#"{"command":"startup","game":"Chess"}"#)
/// let frame = try await neuro.receive()  // .text(…)
/// ```
public final class InMemoryTransport: NeuroTransport {
    private struct State {
        var isClosed = false
        var closeFrame: TransportMessage?
        var sent: [String] = []
    }

    private let inbox: AsyncStream<TransportMessage>
    private let peerInbox: AsyncStream<TransportMessage>.Continuation
    private let ownInbox: AsyncStream<TransportMessage>.Continuation
    private let state = Mutex(State())

    private init(
        inbox: AsyncStream<TransportMessage>,
        ownInbox: AsyncStream<TransportMessage>.Continuation,
        peerInbox: AsyncStream<TransportMessage>.Continuation
    ) {
        self.inbox = inbox
        self.ownInbox = ownInbox
        self.peerInbox = peerInbox
    }

    /// Makes two connected ends.
    public static func makePair() -> (InMemoryTransport, InMemoryTransport) {
        let (firstStream, firstContinuation) = AsyncStream<TransportMessage>.makeStream()
        let (secondStream, secondContinuation) = AsyncStream<TransportMessage>.makeStream()
        let first = InMemoryTransport(inbox: firstStream, ownInbox: firstContinuation, peerInbox: secondContinuation)
        let second = InMemoryTransport(inbox: secondStream, ownInbox: secondContinuation, peerInbox: firstContinuation)
        return (first, second)
    }

    /// Every text frame this end has sent, in order.
    public var sentFrames: [String] { state.withLock { $0.sent } }

    public func send(_ text: String) async throws {
        let isClosed = state.withLock { state in
            if !state.isClosed { state.sent.append(text) }
            return state.isClosed
        }
        guard !isClosed else {
            throw NeuroError(code: .connectionClosed, message: "the in-memory connection is closed")
        }
        peerInbox.yield(.text(text))
    }

    /// Sends a binary frame to the peer (to test how a peer handles one).
    public func sendBinary(_ bytes: [UInt8]) {
        peerInbox.yield(.binary(bytes))
    }

    public func receive() async throws -> TransportMessage {
        if let closeFrame = state.withLock({ $0.closeFrame }) { return closeFrame }
        // Iterators of one AsyncStream share its buffer, so a fresh one per call is fine as
        // long as one task receives at a time (the protocol's contract).
        var iterator = inbox.makeAsyncIterator()
        let next = await iterator.next()
        guard let next else {
            if Task.isCancelled { throw CancellationError() }
            throw NeuroError(code: .connectionClosed, message: "the in-memory connection dropped without a close frame")
        }
        if case .closed = next {
            state.withLock { state in
                state.closeFrame = next
                state.isClosed = true
            }
        }
        return next
    }

    public func close(code: WebSocketCloseCode, reason: String?) async {
        let wasClosed = state.withLock { state in
            defer { state.isClosed = true }
            return state.isClosed
        }
        guard !wasClosed else { return }
        peerInbox.yield(.closed(code, reason: reason))
        peerInbox.finish()
        ownInbox.yield(.closed(code, reason: reason))
    }

    /// Ends the connection without a close frame, as a dropped TCP connection does.
    public func drop() {
        state.withLock { $0.isClosed = true }
        peerInbox.finish()
        ownInbox.finish()
    }
}
