/// One thing ``ReplayScript`` does or waits for on a connection.
enum ReplayStep: Sendable, Hashable {
    /// Wait for the game's next text frame and compare it with this one; `number` is its place
    /// among the game's frames on the connection, from 1.
    case expectFrame(String, number: Int)
    /// Wait for a binary frame of this length.
    case expectBinary(length: Int, number: Int)
    /// Wait for the game to close the connection (or cut it).
    case expectEnd(number: Int)
    /// Send Neuro's frame after `delay` (measured from the step before).
    case send(String, delay: Duration)
    /// Close the connection with `code` after `delay`.
    case close(code: Int?, delay: Duration)
    /// Drop the connection (no close frame) after `delay`.
    case drop(delay: Duration)

    /// What the step expects from the game, for a divergence's `expected`.
    var expectation: String? {
        switch self {
        case .expectFrame(let text, _): text
        case .expectBinary(let length, _): "<a binary frame of \(length) bytes>"
        case .expectEnd: "<the game closes the connection>"
        case .send, .close, .drop: nil
        }
    }
}
