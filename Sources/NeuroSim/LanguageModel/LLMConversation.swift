/// What the language model has been told on one connection, kept within a token budget.
///
/// A pure value. Context, forces, the model's tool calls and the actions' results are appended
/// as they happen; ``trim(toTokens:reserving:)`` drops the oldest messages that are not
/// pinned (the current force's messages are), a tool call together with its result, until the
/// whole fits. ``messages(system:)`` says how many were dropped, so the model knows that it
/// forgot.
struct LLMConversation: Sendable, Hashable {
    private struct Entry: Sendable, Hashable {
        var message: LLMMessage
        var isPinned: Bool
        /// The message's estimate, counted once.
        var tokens: Int

        func isCall(_ id: String) -> Bool {
            if case .toolCall(id, _, _) = message { return true }
            return false
        }
    }

    private var entries: [Entry] = []
    /// The sum of the entries' estimates.
    private var storedTokens = 0
    /// How many messages were dropped to fit the budget so far.
    private(set) var droppedCount = 0

    /// The stored messages, oldest first.
    var storedMessages: [LLMMessage] { entries.map(\.message) }

    /// Appends a message; a pinned one is never dropped until ``unpinAll()``. A tool result
    /// whose call was dropped becomes a plain user message (a `tool` message must answer a call).
    mutating func append(_ message: LLMMessage, isPinned: Bool = false) {
        var message = message
        if case .toolResult(let id, let content) = message, !entries.contains(where: { $0.isCall(id) }) {
            message = .user("[game] result of an earlier action: \(content)")
        }
        let entry = Entry(message: message, isPinned: isPinned, tokens: message.estimatedTokens)
        entries.append(entry)
        storedTokens += entry.tokens
    }

    /// Ends the current force: its messages may be dropped from now on.
    mutating func unpinAll() {
        for index in entries.indices { entries[index].isPinned = false }
    }

    /// The note that stands for the dropped messages, if any were.
    var droppedNote: LLMMessage? {
        droppedCount > 0
            ? .user("[game] (\(droppedCount) earlier messages were left out to fit the context window.)") : nil
    }

    /// The estimated tokens of the stored messages and the dropped note.
    var estimatedTokens: Int {
        storedTokens + (droppedNote?.estimatedTokens ?? 0)
    }

    /// Drops the oldest unpinned messages until the conversation and `reserved` tokens (the
    /// system prompt, the tools, the turn's own messages) fit in `budget`, or nothing
    /// unpinned is left. A tool call and its result go together.
    mutating func trim(toTokens budget: Int, reserving reserved: Int) {
        // Entries are dropped oldest first, so each pass removes from the front; the loop
        // ends when it fits or nothing unpinned remains (bounded by the entry count).
        var total = reserved + estimatedTokens
        while total > budget, let index = entries.firstIndex(where: { !$0.isPinned }) {
            let removed = entries.remove(at: index)
            storedTokens -= removed.tokens
            droppedCount += 1
            if case .toolCall(let id, _, _) = removed.message,
                let result = entries.firstIndex(where: { $0.message.toolCallID == id })
            {
                storedTokens -= entries.remove(at: result).tokens
                droppedCount += 1
            }
            total = reserved + estimatedTokens
        }
    }

    /// The conversation as sent: the system prompt, the dropped note, the stored messages.
    func messages(system: String) -> [LLMMessage] {
        [.system(system)] + (droppedNote.map { [$0] } ?? []) + storedMessages
    }
}
