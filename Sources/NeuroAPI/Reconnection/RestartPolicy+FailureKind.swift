extension RestartPolicy {
    /// Why a game session ended, as far as the backoff cares.
    public enum FailureKind: Sendable, Hashable, CaseIterable {
        /// Nothing listened at the address (TCP connection refused, DNS failure, unreachable).
        case connectionRefused
        /// A server answered the websocket handshake with an HTTP error status; backs off
        /// ``RestartPolicy/httpErrorFactor`` times harder.
        case httpError
        /// An open connection closed or broke.
        case dropped
        /// The server stopped answering pings.
        case pingTimeout
        /// The game plugin failed.
        case pluginError
        /// Anything else.
        case other

        /// How many times the policy's waits are multiplied for this kind.
        public var severity: Double {
            switch self {
            case .httpError: RestartPolicy.httpErrorFactor
            case .connectionRefused, .dropped, .pingTimeout, .pluginError, .other: 1
            }
        }
    }
}

extension RestartPolicy.FailureKind {
    /// How an error ended a connection, for the backoff: a refused connect or handshake
    /// timeout, an HTTP error from the handshake, a drop (a closed connection, an oversized
    /// message), a ping timeout, a failed handler, or anything else.
    public init(error: any Error) {
        guard let error = error as? NeuroError else {
            self = .other
            return
        }
        switch error.code {
        case .handshakeFailed:
            switch (error.cause as? HandshakeFailure)?.kind {
            case .httpStatus?: self = .httpError
            case .connectionRefused?, .dnsFailure?: self = .connectionRefused
            default: self = .other
            }
        case .handshakeTimedOut: self = .connectionRefused
        case .connectionClosed, .messageTooLarge: self = .dropped
        case .pingTimedOut: self = .pingTimeout
        case .handlerFailed: self = .pluginError
        default: self = .other
        }
    }
}
