import Foundation
import ServiceLifecycle
import UnixSignals

extension ServiceGroup {
    /// Runs the group, whose first SIGINT or SIGTERM shuts it down gracefully; a second one (the
    /// user insisting) exits the process at once with 130. ServiceGroup cannot take the same
    /// signal for both, so the second is counted here, beside the group.
    /// - Parameter command: the command's name, for the line written to standard error.
    package func runExitingOnSecondSignal(command: String) async throws {
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                var count = 0
                for await _ in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                    count += 1
                    if count >= 2 {
                        FileHandle.standardError.write(Data("\(command): second signal; exiting now\n".utf8))
                        exit(130)
                    }
                }
            }
            try await run()
            tasks.cancelAll()
        }
    }
}
