extension NeuroError.Code {
    /// ``NeuroComponent/run(url:)`` was called while the component already runs a connection.
    public static let componentAlreadyRunning = NeuroError.Code("componentAlreadyRunning")
    /// ``NeuroComponent/run(url:)`` was called on a component created without a connector,
    /// which only serves connections given to ``NeuroComponent/run(on:)``.
    public static let componentHasNoConnector = NeuroError.Code("componentHasNoConnector")
}
