import Logging

extension LoggingSystem {
    /// Sends every log to standard error at `level`: how `neuro-host`, `neuro-sim` and
    /// `neuro-sim replay` log. swift-log allows one bootstrap per process, so only an
    /// executable's entry point calls this.
    package static func bootstrapStandardError(level: Logger.Level) {
        bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
