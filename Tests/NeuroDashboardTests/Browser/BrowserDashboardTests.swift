import Foundation
import NeuroTestSupport
import Testing

/// The dashboard in a real browser: `Tests/Browser/dashboard_test.py` drives headless
/// Chromium with Selenium against `neuro-host --simulate --dashboard 127.0.0.1:0`.
///
/// Needs Debian's `chromium` and `chromium-driver` and PyPI (for selenium), so it runs only
/// when `NEURO_BROWSER=1` (`.ci/run` sets it); otherwise it is reported as skipped.
@Suite(.timeLimit(.minutes(5)))
struct BrowserDashboardTests {
    static let isEnabled = ProcessInfo.processInfo.environment["NEURO_BROWSER"] == "1"

    @Test(
        .enabled(
            if: isEnabled,
            "set NEURO_BROWSER=1 to drive the dashboard in headless Chromium (needs chromium, chromium-driver and PyPI)")
    )
    func theDashboardWorksInHeadlessChromium() async throws {
        let binary = InteropScript.binary("neuro-host", overriddenBy: "NEURO_HOST_BINARY")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "neuro-host is not built at \(binary)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            NeuroHostProcess.repositoryRoot.appendingPathComponent("Tests/Browser/run_browser_test.sh").path, binary,
        ]
        process.currentDirectoryURL = NeuroHostProcess.repositoryRoot
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        #expect(status == 0, "Tests/Browser/dashboard_test.py failed; its output above says why (screenshots in /tmp)")
    }
}
