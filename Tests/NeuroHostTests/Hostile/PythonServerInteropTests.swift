import Foundation
import NeuroTestSupport
import Testing

/// Plays neuro-host's five games against `interop/python_server.py`, a Neuro stand-in on the
/// PyPI `neuro-api` package's own server module, through `interop/run_server_interop.sh`: every
/// game must connect, register, be forced and answer every action, and the library's own
/// validation must find nothing.
///
/// Needs Python 3 with `venv` and access to PyPI, so it runs only when `NEURO_INTEROP=1`;
/// otherwise it is reported as skipped. The binary is `NEURO_HOST_BINARY`, or
/// `.build/debug/neuro-host` (built by `swift build --build-tests`).
@Suite(.timeLimit(.minutes(10)))
struct PythonServerInteropTests {
    @Test(
        .enabled(
            if: InteropScript.isEnabled,
            "set NEURO_INTEROP=1 to play neuro-host against the PyPI neuro-api reference server (needs python3 and PyPI)")
    )
    func everyGamePlaysAgainstThePythonReferenceServer() async throws {
        let binary = InteropScript.binary("neuro-host", overriddenBy: "NEURO_HOST_BINARY")
        try #require(
            FileManager.default.isExecutableFile(atPath: binary),
            "neuro-host is not built at \(binary); run swift build --build-tests or set NEURO_HOST_BINARY")
        let status = try await InteropScript.run("run_server_interop.sh", arguments: [binary, "8"])
        #expect(status == 0, "interop/run_server_interop.sh failed; its output above says why")
    }
}
