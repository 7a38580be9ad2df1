import NeuroAPI

@testable import NeuroSim

/// Drives a ``SimulatedConnection`` with explicit times, as the connection around it would.
struct SessionHarness {
    var session: SimulatedConnection
    var now: Duration = .zero
    var effects: [SimulatedConnectionEffect] = []

    init(
        _ configure: (inout NeuroSimConfiguration) -> Void = { _ in },
        connectionID: Int = 1,
        registry: CrossGameRegistry? = nil
    ) {
        var configuration = NeuroSimConfiguration()
        configuration.forceDelay = .milliseconds(500)
        configure(&configuration)
        session = SimulatedConnection(connectionID: connectionID, configuration: configuration, registry: registry)
    }

    /// Sends a raw text frame and returns the effects.
    @discardableResult
    mutating func sendRaw(_ text: String) -> [SimulatedConnectionEffect] {
        let new = session.receive(.text(text), at: now)
        effects += new
        return new
    }

    /// Sends a command of game `game` with optional raw data JSON.
    @discardableResult
    mutating func send(_ command: String, data: String? = nil, game: String = "Game") -> [SimulatedConnectionEffect] {
        sendRaw(Self.frame(command, data: data, game: game))
    }

    /// Moves time forward and returns the effects.
    @discardableResult
    mutating func advance(by duration: Duration) -> [SimulatedConnectionEffect] {
        now += duration
        let new = session.advance(to: now)
        effects += new
        return new
    }

    /// `startup`, then registers `jump` (with a schema) and `wait` (without).
    mutating func startAndRegister(game: String = "Game") {
        send("startup", game: game)
        send("actions/register", data: Self.jumpAndWait, game: game)
    }

    static let jumpAndWait = #"""
        {"actions":[{"name":"jump","description":"Jump.","schema":{"type":"object","properties":{"height":{"type":"integer","minimum":1,"maximum":3}},"required":["height"]}},{"name":"wait","description":"Wait."}]}
        """#

    static func frame(_ command: String, data: String? = nil, game: String = "Game") -> String {
        var text = #"{"command":"\#(command)","game":"\#(game)""#
        if let data { text += #","data":\#(data)"# }
        return text + "}"
    }

    static func force(_ names: [String], query: String = "Do it") -> String {
        let list = names.map { "\"\($0)\"" }.joined(separator: ",")
        return #"{"query":"\#(query)","action_names":[\#(list)]}"#
    }

    /// The rules of every violation (error or warning) so far.
    var rules: [ConformanceRule] { effects.violations.map(\.rule) }

    /// The rules of every diagnostic so far, notes included.
    var diagnosedRules: [ConformanceRule] { effects.diagnostics.map(\.rule) }
}

extension Array where Element == SimulatedConnectionEffect {
    /// Every diagnostic, notes included.
    var diagnostics: [NeuroSimDiagnostic] {
        compactMap { if case .diagnostic(let diagnostic) = $0 { diagnostic } else { nil } }
    }

    /// The diagnostics that are violations (errors and warnings).
    var violations: [NeuroSimDiagnostic] { diagnostics.filter(\.isViolation) }

    var actions: [NeuroAction] {
        compactMap { if case .actionSent(let action, _, _) = $0 { action } else { nil } }
    }

    var sentCommands: [NeuroCommand] {
        compactMap { if case .send(let command) = $0 { command } else { nil } }
    }
}
