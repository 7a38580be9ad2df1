import Foundation
import NeuroTestSupport
import Testing

/// Plays `interop/python_game.py`, a game on the real `neuro-api` package from PyPI, against
/// the `neuro-sim` executable, through `interop/run_interop.sh`.
///
/// Needs Python 3 with `venv` and access to PyPI, so it runs only when `NEURO_INTEROP=1`;
/// otherwise it is reported as skipped. The binary is `NEURO_SIM_BINARY`, or
/// `.build/debug/neuro-sim` (build it first: `swift build --product neuro-sim`).
@Suite(.timeLimit(.minutes(10)))
struct PythonInteropTests {
    @Test(
        .enabled(
            if: InteropScript.isEnabled,
            "set NEURO_INTEROP=1 to play the PyPI neuro-api client against neuro-sim (needs python3 and PyPI)")
    )
    func pythonReferenceGamePlaysWithoutViolations() async throws {
        let binary = InteropScript.binary("neuro-sim", overriddenBy: "NEURO_SIM_BINARY")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "neuro-sim is not built at \(binary); run swift build --product neuro-sim or set NEURO_SIM_BINARY")
        let status = try await InteropScript.run("run_interop.sh", arguments: [binary, "5"])
        #expect(status == 0, "interop/run_interop.sh failed; its output above says why")
    }
}
