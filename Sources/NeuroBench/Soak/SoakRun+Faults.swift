import NeuroAPI
import NeuroSim

extension SoakRun {
    /// Injects a fault chosen at random every ``SoakOptions/faultInterval`` until `deadline`,
    /// each checked before the next; `tick` runs between faults (the progress line).
    func injectFaults(
        until deadline: ContinuousClock.Instant, relay: StallingRelay, random: inout SeededRandomNumberGenerator,
        tick: () -> Void
    ) async throws {
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: min(.seconds(options.faultInterval), deadline - .now))
            tick()
            guard ContinuousClock.now < deadline else { break }
            let fault = options.faults[Int.random(in: 0..<options.faults.count, using: &random)]
            await inject(fault, relay: relay, random: &random)
        }
    }

    /// Injects one fault on a game chosen at random and checks that the game recovers.
    private func inject(_ fault: SoakFault, relay: StallingRelay, random: inout SeededRandomNumberGenerator) async {
        let start = ContinuousClock.now
        if fault == .restart {
            let neuro = neuros[Int.random(in: 0..<neuros.count, using: &random)]
            count(.restart)
            neuro.server.restart()
            let titles = self.titles(on: neuro)
            await expect("every game to reconnect after the \(neuro.name) NeuroSim restarted", within: Self.recoveryTimeout) {
                titles.allSatisfy { comesBack($0, after: start) }
            }
            return
        }
        let candidates = neuros.flatMap { neuro in
            neuro.simulator.connections.filter { connection in
                connection.hasStartedUp && !connection.registeredActions.isEmpty
                    && (fault != .stalledHandshake || Self.isFaulty(connection.game))
            }
            .map { (neuro.simulator, $0) }
        }
        guard !candidates.isEmpty else { return }
        let (simulator, target) = candidates[Int.random(in: 0..<candidates.count, using: &random)]
        guard let title = target.game else { return }
        do {
            switch fault {
            case .drop:
                count(.drop)
                try simulator.drop(connection: target.id)
                await expect("\(title) to reconnect after a drop", within: Self.recoveryTimeout) {
                    comesBack(title, after: start)
                }
            case .reregisterAll:
                count(.reregisterAll)
                try await simulator.send(.reregisterAllActions, toConnection: target.id)
                await expect("\(title) to register again after actions/reregister_all", within: .seconds(10)) {
                    ledger.events(of: title).lastRegistrationAt.map { $0 > start } ?? false
                }
            case .gracefulShutdown:
                count(.gracefulShutdown)
                try await simulator.send(.gracefulShutdownRequest(wantsShutdown: true), toConnection: target.id)
                guard
                    await expect(
                        "\(title) to answer shutdown/graceful with shutdown/ready", within: .seconds(10),
                        {
                            ledger.events(of: title).lastShutdownReadyAt.map { $0 > start } ?? false
                        })
                else { return }
                // A moment at the menu, then Neuro closes the game, as she would end its process
                // (NeuroSim takes a force after `shutdown/ready` as an error even once the
                // request is cancelled, so the game comes back on a new connection).
                try await Task.sleep(for: .milliseconds(500))
                try await simulator.close(connection: target.id, code: .normalClosure, reason: "Neuro closed the game")
                await expect("\(title) to reconnect after shutdown/graceful", within: Self.recoveryTimeout) {
                    comesBack(title, after: start)
                }
            case .immediateShutdown:
                count(.immediateShutdown)
                try await simulator.send(.immediateShutdownRequest, toConnection: target.id)
                guard
                    await expect(
                        "\(title) to answer shutdown/immediate with shutdown/ready", within: .seconds(10),
                        {
                            ledger.events(of: title).lastShutdownReadyAt.map { $0 > start } ?? false
                        })
                else { return }
                // Neuro then closes the game, as she would end its process.
                try await simulator.close(connection: target.id, code: .normalClosure, reason: "Neuro closed the game")
                await expect("\(title) to reconnect after shutdown/immediate", within: Self.recoveryTimeout) {
                    comesBack(title, after: start)
                }
            case .oversizedFrame:
                count(.oversizedFrame)
                try await simulator.send(Self.oversizedCommand, toConnection: target.id)
                await expect("\(title) to close its connection on a frame above its limit", within: .seconds(10)) {
                    ledger.events(of: title).lastEndedAt.map { $0 > start } ?? false
                }
                await expect("\(title) to reconnect after an oversized frame", within: Self.recoveryTimeout) {
                    comesBack(title, after: start)
                }
            case .stalledHandshake:
                // Counted by the relay when a connection takes the stall. The game must time
                // out and come back; the end of the soak checks how long each stall lasted.
                relay.stallNextConnection()
                try simulator.drop(connection: target.id)
                await expect("a reconnecting game to take the stalled handshake", within: Self.recoveryTimeout) {
                    relay.stallsWaiting == 0
                }
            case .restart, .pluginThrow, .abandonedForce:
                break
            }
        } catch is CancellationError {
            return
        } catch {
            // The target left between the choice and the fault (a plugin throw restarted it).
            if (error as? NeuroError)?.code != .notConnected { record("\(fault.rawValue) on \(title): \(error)") }
        }
    }

    /// A command well above the game's 1 MiB message limit (`WebSocketConfiguration`'s default).
    static let oversizedCommand = NeuroCommand.unknown(
        command: "soak/oversized", data: ["padding": .string(String(repeating: "x", count: 2 * 1_048_576))])

    /// Whether `title` identified itself on a connection after `instant` and is connected.
    func comesBack(_ title: String, after instant: ContinuousClock.Instant) -> Bool {
        let events = ledger.events(of: title)
        return events.liveConnections >= 1 && (events.lastIdentifiedAt.map { $0 > instant } ?? false)
    }

    /// Waits until `condition` holds, at most `timeout`; records a failure naming `what` if it
    /// never does. Returns whether it held.
    @discardableResult
    func expect(_ what: String, within timeout: Duration, _ condition: () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline, !Task.isCancelled else {
                record("timed out after \(timeout) waiting for \(what)")
                return false
            }
            // Polling the ledger the connections write: the checks need no finer timing.
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }
}
