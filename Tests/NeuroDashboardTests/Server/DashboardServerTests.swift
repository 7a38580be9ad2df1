import Foundation
import NeuroAPI
import NeuroDashboard
import NeuroHost
import NeuroTestSupport
import Synchronization
import Testing

/// The dashboard over real loopback sockets: NeuroSim, two games and the dashboard, as
/// `neuro-host --simulate` runs them.
@Suite(.timeLimit(.minutes(2)))
struct DashboardServerTests {
    @Test func statusIsTheSummaryJSON() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            let reply = try await harness.get("/api/status")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"]?.hasPrefix("application/json") == true)
            let summary = try JSONDecoder().decode(HostSummary.self, from: Data(reply.body.utf8))
            #expect(summary.games.map(\.title) == ["Hangman", "Guess"])
            #expect(summary.url?.hasPrefix("ws://127.0.0.1:") == true)
            #expect(reply.headers["access-control-allow-origin"] == nil, "no CORS")
        }
    }

    @Test func statusCarriesNeuroSimsReportWithTheSimulator() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            try await eventually("both games have handled actions") {
                harness.statuses.allSatisfy { $0.actionsHandled >= 1 }
            }
            let reply = try await harness.get("/api/status")
            let status = try JSONParser().parse(reply.body)
            let neuroSim = try #require(status["neuroSim"], "\(reply.body)")
            // Two well-behaved games sharing one force slot: a clean verdict (a force read before
            // the result that handed the slot on is judged by that result, see CrossGameRegistry).
            #expect(neuroSim["violationCount"]?.integerValue == 0, "\(neuroSim["violations"] ?? nil)")
            #expect(neuroSim["violations"]?.arrayValue == [])
            #expect(neuroSim["diagnostics"]?.objectValue != nil)
            for title in ["Hangman", "Guess"] {
                #expect((neuroSim["games"]?[title]?["connections"]?.integerValue ?? 0) >= 1, "\(title)")
            }
            let summary = try JSONDecoder().decode(HostSummary.self, from: Data(reply.body.utf8))
            #expect(summary.neuroSim == neuroSim)
        }
    }

    @Test func statusHasNoNeuroSimWithoutTheSimulator() async throws {
        try await DashboardHarness.with(simulatorControls: false) { (harness: DashboardHarness) async throws in
            let status = try JSONParser().parse(try await harness.get("/api/status").body)
            #expect(status["games"] != nil)
            #expect(status["neuroSim"] == nil)
        }
    }

    @Test func thePageIsEmbeddedAndLocksScriptsDown() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            let page = try await harness.get("/")
            #expect(page.status == 200)
            #expect(page.body.contains("<script src=\"/dashboard.js\" defer></script>"))
            #expect(page.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            let script = try await harness.get("/dashboard.js")
            #expect(script.status == 200)
            #expect(!script.body.contains("innerHTML"), "data goes through textContent only")
            #expect(try await harness.get("/dashboard.css").status == 200)
        }
    }

    @Test func theLiveStreamSendsSnapshotsWithActionsAndContext() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            try await eventually("both games have handled actions") {
                harness.statuses.allSatisfy { $0.actionsHandled >= 2 }
            }
            let text = try await HTTPProbe.stream("/api/events", port: harness.port) { text in
                text.components(separatedBy: "event: update").count > 2
            }
            #expect(text.components(separatedBy: "event: snapshot").count == 2, "one full snapshot, then updates")
            #expect(text.contains("text/event-stream"))
            let data = try #require(
                text.components(separatedBy: "\ndata: ").dropFirst().first?.components(separatedBy: "\n").first)
            let snapshot = try JSONDecoder().decode(DashboardSnapshot.self, from: Data(data.utf8))
            #expect(snapshot.games.map(\.status.title) == ["Hangman", "Guess"])
            #expect(snapshot.hasSimulator)
            #expect(snapshot.totals.actions >= 4)
            let hangman = snapshot.games[0]
            #expect(!hangman.actions.isEmpty)
            #expect(!hangman.contexts.isEmpty)
            #expect(hangman.registeredActions.contains { $0.name.hasPrefix("hangman_") })
            #expect(snapshot.forceSlots.count == 1, "two games on one Neuro share a force slot")
        }
    }

    @Test func theLiveStreamSendsWhatChangedAfterTheFirstSnapshot() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            try await eventually("both games have handled actions") {
                harness.statuses.allSatisfy { $0.actionsHandled >= 1 }
            }
            let text = try await HTTPProbe.stream("/api/events", port: harness.port) { text in
                // An update every 100 ms, a chart point a second: 3.5 s of the stream.
                text.components(separatedBy: "event: update").count > 35
            }
            // "\r\n" (HTTP's line ends, around the chunk sizes) is one Character: made "\n" first.
            let lines = text.replacingOccurrences(of: "\r\n", with: "\n")
            let events = lines.components(separatedBy: "\nevent: ").dropFirst().map { event in
                (name: event.prefix { $0 != "\n" }, data: event.components(separatedBy: "data: ").dropFirst().first ?? "")
            }
            let snapshot = try JSONDecoder().decode(
                DashboardSnapshot.self, from: Data(try #require(events.first?.data.split(separator: "\n").first).utf8))
            #expect(events.first?.name == "snapshot")
            var seconds = snapshot.secondsRunning
            var pointTimes = snapshot.history.map(\.secondsRunning)
            for event in events.dropFirst().dropLast() {
                #expect(event.name == "update")
                let line = try #require(event.data.split(separator: "\n").first)
                let update = try JSONDecoder().decode(DashboardUpdate.self, from: Data(line.utf8))
                #expect(update.gameCount == 2)
                #expect(update.secondsRunning > seconds)
                seconds = update.secondsRunning
                #expect(update.games.allSatisfy { [0, 1].contains($0.index) })
                pointTimes += update.history.map(\.secondsRunning)
            }
            #expect(pointTimes == pointTimes.sorted() && Set(pointTimes).count == pointTimes.count, "no point twice")
            #expect(pointTimes.count >= 3, "a chart point a second: \(pointTimes)")
        }
    }

    @Test func statusCarriesEachGamesBoard() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            let reply = try await harness.get("/api/status")
            let summary = try JSONDecoder().decode(HostSummary.self, from: Data(reply.body.utf8))
            let hangman = try #require(summary.games.first?.board, "\(reply.body)")
            #expect(hangman.contains("lives ♥"), "Hangman draws its word and lives: \(hangman)")
            #expect(summary.games.allSatisfy { $0.board != nil })
        }
    }

    @Test func metricsParseAsPrometheusText() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            try await eventually("both games have handled actions") {
                harness.statuses.allSatisfy { $0.actionsHandled >= 2 }
            }
            let reply = try await harness.get("/metrics")
            #expect(reply.status == 200)
            #expect(reply.headers["content-type"]?.hasPrefix("text/plain") == true)
            let metrics = try PrometheusText(parsing: reply.body)
            #expect((metrics.value("neuro_actions_total", ["game": "Hangman"]) ?? 0) >= 2, "\(reply.body)")
            #expect(metrics.value("neuro_action_failures_total", ["game": "Guess"]) != nil)
            #expect(metrics.value("neuro_reconnects_total", ["game": "Hangman"]) == 0)
            #expect((metrics.value("neuro_session_uptime_seconds", ["game": "Hangman"]) ?? 0) > 0)
            #expect(metrics.types["neuro_action_result_latency_seconds"] == "histogram")
            #expect((metrics.value("neuro_action_result_latency_seconds_count", ["game": "Hangman"]) ?? 0) >= 2)
            #expect(metrics.types["neuro_force_slot_wait_seconds"] == "histogram")
            #expect((metrics.value("neuro_force_slot_wait_seconds_count") ?? 0) >= 1)
        }
    }

    @Test func dropConnectionMakesTheGameReconnect() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            let reply = try await harness.post("/api/games/0/drop")
            #expect(reply.status == 200, "\(reply.body)")
            try await eventually("Hangman reconnected") {
                let status = harness.statuses[0]
                return status.reconnects == 1 && status.state.isPlaying
            }
            #expect(harness.statuses[0].lastError?.contains("dropped from the dashboard") == true)
            #expect(harness.statuses[1].reconnects == 0)
        }
    }

    @Test func closeConnectionClosesCleanlyAndReconnects() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            #expect(try await harness.post("/api/games/1/close").status == 200)
            try await eventually("Guess reconnected") {
                harness.statuses[1].reconnects == 1 && harness.statuses[1].state.isPlaying
            }
            #expect(harness.statuses[1].lastError?.contains("closed from the dashboard") == true)
        }
    }

    @Test func restartReconnectsAtOnceAndCounts() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            #expect(try await harness.post("/api/games/0/restart").status == 200)
            try await eventually("Hangman restarted") {
                let game = harness.games.host?.supervisors[0].snapshot
                return game?.restarts == 1 && game?.status.state.isPlaying == true && game?.status.reconnects == 1
            }
        }
    }

    @Test func pauseDisconnectsUntilResumed() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            #expect(try await harness.post("/api/games/0/pause").status == 200)
            try await eventually("Hangman paused") { harness.statuses[0].state == .paused }
            let again = try await harness.post("/api/games/0/pause")
            #expect(again.status == 409)
            #expect(again.body.contains("already paused"))
            // Still paused a snapshot later: it does not reconnect by itself.
            let snapshot = try await harness.get("/api/snapshot")
            let paused = try JSONDecoder().decode(DashboardSnapshot.self, from: Data(snapshot.body.utf8))
            #expect(paused.games[0].isPaused && paused.games[0].status.state == .paused)
            #expect(try await harness.post("/api/games/0/resume").status == 200)
            try await eventually("Hangman connected again") {
                harness.statuses[0].state.isPlaying && harness.statuses[0].reconnects == 1
            }
            #expect(try await harness.post("/api/games/0/resume").status == 409)
        }
    }

    @Test func controlsOnUnknownGamesAre404() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            #expect(try await harness.post("/api/games/7/drop").status == 404)
            #expect(try await harness.post("/api/games/x/drop").status == 404)
        }
    }

    @Test func getOnAControlIs405AndAPostWithoutThePageHeaderIs403() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            for path in GameControlRequest.allCases.map({ "/api/games/0/\($0.rawValue)" }) + [
                "/api/simulator/faults/drop-all", "/api/simulator/actions",
            ] {
                let reply = try await harness.get(path)
                #expect(reply.status == 405, "\(path)")
                #expect(reply.headers["allow"] == "POST", "\(path)")
            }
            #expect(try await harness.post("/api/games/0/drop", headers: [:]).status == 403)
            #expect(harness.statuses[0].reconnects == 0)
        }
    }

    @Test(arguments: SimulatorFault.allCases)
    func everySimulatorFaultIsInjected(fault: SimulatorFault) async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            let reply = try await harness.post("/api/simulator/faults/\(fault.rawValue)")
            #expect(reply.status == 200, "\(reply.body)")
            switch fault {
            case .dropAll, .restartServer:
                try await eventually("every game reconnected") {
                    harness.statuses.allSatisfy { $0.reconnects >= 1 && $0.state.isPlaying }
                }
            case .reregisterAll, .gracefulShutdownRequest, .immediateShutdownRequest:
                break
            }
        }
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            #expect(try await harness.post("/api/simulator/faults/flood").status == 404)
        }
    }

    @Test func theManualActionIsCheckedAgainstTheSchemaThenSent() async throws {
        try await DashboardHarness.with { (harness: DashboardHarness) async throws in
            let host = try #require(harness.games.host)
            let found = Mutex<(Int, Action)?>(nil)
            try await eventually("a game has an action with a schema registered") {
                for (index, supervisor) in host.supervisors.enumerated() {
                    if let action = supervisor.game.view.registeredActions.first(where: { $0.schema != nil }) {
                        found.withLock { $0 = (index, action) }
                        return true
                    }
                }
                return false
            }
            let (index, action) = try #require(found.withLock { $0 })
            let game = host.supervisors[index].game
            let example = try await harness.get("/api/games/\(index)/actions/\(action.name)/example")
            #expect(example.status == 200)
            let fields = try #require(try JSONSerialization.jsonObject(with: Data(example.body.utf8)) as? [String: String])
            let data = try #require(fields["data"])
            let bad = try await harness.post(
                "/api/simulator/actions", body: #"{"game": \#(index), "action": "\#(action.name)", "data": "{\"nope\": true}"}"#)
            #expect(bad.status == 422)
            #expect(bad.body.contains("does not match the schema"), "\(bad.body)")
            let notJSON = try await harness.post(
                "/api/simulator/actions", body: #"{"game": \#(index), "action": "\#(action.name)", "data": "{"}"#)
            #expect(notJSON.status == 422)
            #expect(notJSON.body.contains("not JSON"))
            let unknown = try await harness.post(
                "/api/simulator/actions", body: #"{"game": \#(index), "action": "fly", "data": "{}"}"#)
            #expect(unknown.status == 404)
            let escaped = data.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            let sent = try await harness.post(
                "/api/simulator/actions", body: #"{"game": \#(index), "action": "\#(action.name)", "data": "\#(escaped)"}"#)
            #expect(sent.status == 200, "\(sent.body)")
            let answer = try #require(try JSONSerialization.jsonObject(with: Data(sent.body.utf8)) as? [String: String])
            let id = try #require(answer["id"])
            try await eventually("the game answered the manual action") {
                game.activity?.snapshot.actions.contains { $0.id == id } == true
            }
        }
    }

    @Test func withoutTheSimulatorItsControlsAre404() async throws {
        try await DashboardHarness.with(simulatorControls: false) { (harness: DashboardHarness) async throws in
            let reply = try await harness.post("/api/simulator/faults/drop-all")
            #expect(reply.status == 404)
            #expect(reply.body.contains("--simulate"))
        }
    }

    @Test func aTokenIsCheckedOnEveryRequestButThePage() async throws {
        // The configuration a non-loopback address requires, bound to loopback for the test.
        try await DashboardHarness.with(token: "s3cret") { (harness: DashboardHarness) async throws in
            for path in ["/api/status", "/api/snapshot", "/api/events", "/metrics", "/api/games/0/actions/x/example"] {
                let reply = try await harness.get(path)
                #expect(reply.status == 401, "\(path)")
                #expect(reply.headers["www-authenticate"] == "Bearer")
                #expect(try await harness.get(path, headers: ["Authorization": "Bearer wrong"]).status == 401)
            }
            for control in GameControlRequest.allCases {
                #expect(try await harness.post("/api/games/0/\(control.rawValue)").status == 401)
            }
            #expect(try await harness.post("/api/simulator/faults/drop-all").status == 401)
            #expect(try await harness.post("/api/simulator/actions", body: "{}").status == 401)
            #expect(harness.statuses.allSatisfy { $0.reconnects == 0 })
            #expect(try await harness.get("/api/status", headers: ["Authorization": "Bearer s3cret"]).status == 200)
            #expect(try await harness.get("/metrics", headers: ["X-Neuro-Dashboard-Token": "s3cret"]).status == 200)
            let stream = try await HTTPProbe.stream("/api/events?token=s3cret", port: harness.port) {
                $0.contains("event: snapshot")
            }
            #expect(stream.hasPrefix("HTTP/1.1 200"))
            #expect(try await harness.get("/").status == 200, "the page holds no data")
        }
    }
}
