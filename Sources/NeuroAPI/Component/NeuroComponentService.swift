import ServiceLifecycle

/// Runs a ``NeuroComponent`` as a swift-service-lifecycle `Service`, so that several
/// components (and anything else) run and shut down together under one `ServiceGroup`: the
/// Swift counterpart of adding components to libcomponent's `ExternalRaiseManager` and
/// raising `Event("connect", url)`.
///
/// `run()` connects with ``NeuroComponent/run(url:)``. When the process shuts down
/// gracefully (SIGTERM, or the group's `triggerGracefulShutdown()`), the component is
/// stopped with close code 1001 ("going away") and
/// ``NeuroComponentConfiguration/gracefulShutdownCloseReason``, so Neuro sees a clean close.
/// Cancellation also closes with 1001. A failed connect or a dropped connection is thrown,
/// so the group's failure behaviour applies; a clean close returns.
///
/// ```swift
/// let group = ServiceGroup(
///     services: [NeuroComponentService(component: chess, url: url), NeuroComponentService(component: go, url: url)],
///     gracefulShutdownSignals: [.sigterm, .sigint],
///     logger: logger
/// )
/// try await group.run()
/// ```
public struct NeuroComponentService: Service {
    /// The component this service runs.
    public let component: NeuroComponent
    /// Where it connects.
    public let url: String

    /// Creates a service.
    /// - Parameters:
    ///   - component: the component to run.
    ///   - url: where to connect; by default `NEURO_SDK_WS_URL` or `ws://localhost:8000`.
    public init(component: NeuroComponent, url: String = NeuroURL.resolve()) {
        self.component = component
        self.url = url
    }

    /// Runs the component until its connection ends or the process shuts down gracefully.
    /// - Throws: what ``NeuroComponent/run(url:)`` throws.
    public func run() async throws {
        let component = component
        let url = url
        // Begun here, before the watcher exists: a `stop` that comes before the run has
        // started then still ends the run (it would do nothing on an idle component).
        let connector = try component.requireConnector(for: url)
        try component.beginRun()
        let ended: Result<Void, any Error> = await withGoodbyeOnGracefulShutdown {
            do {
                try await component.runBegun(url: url, connector: connector)
                return .success(())
            } catch {
                return .failure(error)
            }
        } goodbye: {
            await component.stop(code: .goingAway, reason: component.configuration.gracefulShutdownCloseReason)
            return .runEndsByItself
        }
        try ended.get()
    }
}
