import GamePlugins
import GameSessions
import NeuroAPI
import NeuroHost
import NeuroSim
import NeuroTestSupport
import Testing

/// Randy's habit, `neuro-sim --reregister-on-connect`: `actions/reregister_all` right at
/// connect. The sample games re-register and re-send their force; NeuroSim must take that as
/// re-synchronising, not as duplicates or a second force.
@Suite(.timeLimit(.minutes(2)))
struct ReregisterOnConnectTests {
    @Test func theSampleGamesGetNoDiagnosticFromReregisterAllAtConnect() async throws {
        let neuro = SimulatedNeuro { $0.sendsReregisterAllOnConnect = true }
        try await neuro.withServer { url in
            let host = try SampleGames.host(url: url)
            try await SampleGames.withGames(of: host) { _ in
                try await eventually("every game is connected and has handled two actions") {
                    host.statuses.allSatisfy { $0.isConnected && $0.actionsHandled >= 2 }
                }
            }
        }
        let report = neuro.simulator.report()
        #expect(report.violations.isEmpty, "\(report.violations)")
        // Performance notes only (a loaded machine may answer late); no duplicate, no second force.
        let seen = Set(report.diagnosticsByRule.keys)
        #expect(seen.isSubset(of: [.lateStartup, .lateResult]), "\(report.notes)")
        #expect(report.totals.messagesByCommand["actions/register"] ?? 0 > 0)
    }
}
