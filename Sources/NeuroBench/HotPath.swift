import GamePlugins
import NeuroAPI

/// The game side's own work per action, without a socket: decode NeuroSim's `action` frame,
/// run the session core (validate the data against the schema, perform, decide the effects),
/// encode the frames to send. The same functions `GameSession` calls, on one thread, so the
/// figure is free of the kernel's and the scheduler's noise: a before/after measure for
/// changes to the hot path.
struct HotPathResult: Sendable {
    var actions: Int
    var seconds: Double
    var bytesSent: Int
    var nanosecondsPerAction: Double { actions > 0 ? seconds * 1e9 / Double(actions) : 0 }
}

func runHotPath(actions count: Int) throws -> HotPathResult {
    // Frames as NeuroSim sends them: 64 different payloads, drawn from the schema.
    var random = SeededRandomNumberGenerator(seed: 1)
    let generator = SchemaDataGenerator()
    let frames = (0..<64).map { index in
        NeuroCommand.action(
            NeuroAction(
                id: "sim-\(index)", name: BenchGame.move.name, data: generator.generateData(for: BenchGame.move, using: &random))
        ).encoded()
    }
    var core = GameSessionState(plugin: BenchGame())
    _ = core.connected()
    let parser = JSONParser()
    var bytesSent = 0
    let clock = ContinuousClock()
    let start = clock.now
    for index in 0..<count {
        let command = try NeuroCommand.decode(WireEnvelope.decode(frames[index & 63], parser: parser))
        guard case .action(let action) = command else {
            throw NeuroError(code: .benchFailed, message: "hot path: frame \(index & 63) is not an action")
        }
        let (effects, error) = core.handle(action, at: clock.now)
        if let error { throw NeuroError(code: .benchFailed, message: "hot path: the game failed", cause: error) }
        for case .send(let command) in effects {
            bytesSent += command.encoded(game: "Bench").utf8.count
        }
    }
    let elapsed = clock.now - start
    guard core.statistics.actionsAccepted == count else {
        throw NeuroError(
            code: .benchFailed, message: "hot path: \(core.statistics.actionsAccepted) of \(count) actions accepted")
    }
    return HotPathResult(actions: count, seconds: seconds(elapsed), bytesSent: bytesSent)
}
