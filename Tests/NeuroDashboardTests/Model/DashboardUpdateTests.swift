import GameSessions
import NeuroAPI
import NeuroHost
import NeuroSim
import Testing

@testable import NeuroDashboard

/// What the live stream sends after its first snapshot, and NeuroSim's verdict read from its report.
@Suite struct DashboardUpdateTests {
    static func game(_ index: Int, actions: Int = 0, uptime: Double? = 1) -> DashboardSnapshot.Game {
        var status = GameStatus(title: "Game \(index)", plugin: "tic-tac-toe", state: .connected, actionsHandled: actions)
        status.secondsInCurrentSession = uptime
        status.secondsConnected = uptime ?? 0
        return DashboardSnapshot.Game(
            index: index, status: status, url: "ws://127.0.0.1:1", restarts: 0, isPaused: false,
            secondsUntilReconnect: nil, force: nil, contexts: [], actions: [], registeredActions: [])
    }

    static func snapshot(
        at seconds: Double, games: [DashboardSnapshot.Game], points: [Double] = [], verdict: DashboardSnapshot.Verdict? = nil
    ) -> DashboardSnapshot {
        DashboardSnapshot(
            secondsRunning: seconds, url: nil, hasSimulator: false, games: games, forceSlots: [],
            totals: .init(actions: 0, failures: 0, results: 0, reconnects: 0, resultsPerSecond: 0),
            history: points.map {
                .init(
                    secondsRunning: $0, resultsPerSecond: 0, latencyP50Milliseconds: nil, latencyP99Milliseconds: nil,
                    newFailures: 0, newReconnects: 0)
            },
            neuroSim: verdict)
    }

    @Test func onlyGamesThatChangedBeyondTheirClocksAreSent() {
        let before = Self.snapshot(at: 10, games: [Self.game(0), Self.game(1), Self.game(2)])
        let after = Self.snapshot(
            at: 11, games: [Self.game(0, uptime: 2), Self.game(1, actions: 1, uptime: 2), Self.game(2, uptime: nil)])
        let update = DashboardUpdate(from: before, to: after)
        #expect(update.games.map(\.index) == [1, 2], "game 0 only aged; 1 acted; 2 disconnected")
        #expect(update.gameCount == 3)
        #expect(update.secondsRunning == 11)
    }

    @Test func newGamesAreSentAndGoneOnesCounted() {
        let before = Self.snapshot(at: 1, games: [Self.game(0), Self.game(1)])
        #expect(DashboardUpdate(from: before, to: Self.snapshot(at: 2, games: [Self.game(0)])).gameCount == 1)
        let grown = DashboardUpdate(from: before, to: Self.snapshot(at: 2, games: [Self.game(0), Self.game(1), Self.game(2)]))
        #expect(grown.games.map(\.index) == [2])
    }

    @Test func onlyNewChartPointsAreSent() {
        let before = Self.snapshot(at: 3, games: [], points: [1, 2, 3])
        let after = Self.snapshot(at: 5, games: [], points: [2, 3, 4, 5])
        #expect(DashboardUpdate(from: before, to: after).history.map(\.secondsRunning) == [4, 5])
    }

    @Test func theVerdictIsSentOnlyWhenItChanged() throws {
        let verdict = try #require(DashboardSnapshot.Verdict(report: Self.report.jsonValue))
        let before = Self.snapshot(at: 1, games: [], verdict: verdict)
        #expect(DashboardUpdate(from: before, to: Self.snapshot(at: 2, games: [], verdict: verdict)).neuroSim == nil)
        var changed = verdict
        changed.violationCount += 1
        #expect(DashboardUpdate(from: before, to: Self.snapshot(at: 2, games: [], verdict: changed)).neuroSim == changed)
    }

    static let report = NeuroSimReport(
        games: [
            NeuroSimReport.Game(
                title: "Tic-Tac-Toe", connections: 2, reconnects: 1,
                statistics: {
                    var statistics = NeuroSimStatistics()
                    statistics.diagnosticsByRule = [.invalidJSON: 3, .lateResult: 1]
                    return statistics
                }()),
            NeuroSimReport.Game(title: "Clean", connections: 1, reconnects: 0, statistics: NeuroSimStatistics()),
        ],
        violations: (1...30).map {
            NeuroSimDiagnostic(
                rule: .invalidJSON, connectionID: 1, game: "Tic-Tac-Toe", command: nil, message: "bad frame \($0)")
        },
        notes: [NeuroSimDiagnostic(rule: .lateResult, connectionID: 1, game: "Tic-Tac-Toe", command: nil, message: "late")])

    @Test func theVerdictHasRulesByCountTheLatestMessagesAndEachGamesCounts() throws {
        let verdict = try #require(DashboardSnapshot.Verdict(report: Self.report.jsonValue))
        #expect(verdict.violationCount == 3)
        #expect(verdict.diagnosticCount == 4)
        #expect(verdict.rules.map(\.rule) == ["invalidJSON", "lateResult"])
        #expect(verdict.rules.map(\.count) == [3, 1])
        #expect(verdict.rules.first?.severity == "error")
        #expect(verdict.latest.count == DashboardSnapshot.Verdict.latestShown)
        #expect(verdict.latest.last?.message == "late", "the newest note is kept")
        #expect(verdict.latest.first?.message == "bad frame 12", "the newest violations fill the rest")
        #expect(verdict.games == ["Tic-Tac-Toe": ["invalidJSON": 3, "lateResult": 1]], "a clean game is left out")
    }

    @Test func aReportThatIsNotAnObjectHasNoVerdict() {
        #expect(DashboardSnapshot.Verdict(report: .array([])) == nil)
        let empty = DashboardSnapshot.Verdict(report: .object([:]))
        #expect(empty?.rules == [] && empty?.latest == [] && empty?.violationCount == 0)
    }
}
