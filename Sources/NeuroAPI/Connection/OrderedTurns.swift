/// Turns taken in ticket order: the helper behind ``NeuroClient/update(_:)``, kept inside the
/// client's lock.
///
/// A task takes a ticket under the lock in which it decides what to send, so tickets follow
/// the order of the decisions; it then waits for its turn, carries out its steps and finishes
/// the turn. Every ticket taken must be finished, or later turns wait forever.
struct OrderedTurns {
    private var nextTicket = 0
    private var currentTicket = 0
    /// The tasks waiting for their turn, by ticket (``NeuroClient`` parks them).
    var waiters = Waiters<Int, Void>()

    /// A new ticket, after every ticket taken before.
    mutating func take() -> Int {
        defer { nextTicket += 1 }
        return nextTicket
    }

    /// Whether it is `ticket`'s turn now.
    func isTurn(of ticket: Int) -> Bool { currentTicket == ticket }

    /// Ends `ticket`'s turn; returns the waiter of the next turn, to resume outside the lock.
    mutating func finish(_ ticket: Int) -> Waiters<Int, Void>.Waiter? {
        currentTicket = ticket + 1
        return waiters.take(ticket + 1)
    }
}
