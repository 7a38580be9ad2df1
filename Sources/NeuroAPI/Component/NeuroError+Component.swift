extension NeuroError.Code {
    /// ``NeuroComponent/run(url:)`` was called while the component already runs a connection.
    public static let componentAlreadyRunning = NeuroError.Code("componentAlreadyRunning")
}
