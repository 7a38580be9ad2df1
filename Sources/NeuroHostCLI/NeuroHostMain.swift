import ArgumentParser
import Foundation
import GamePlugins

/// The whole `neuro-host` command line as a library call, so a developer's own executable runs
/// their plugins with every flag of `neuro-host`: `--config`, `--simulate`, the dashboard,
/// `--list`, `--print-schema`, `--dry-run` and the rest.
///
/// ```swift
/// // Sources/MyHost/main.swift
/// import NeuroHostCLI
///
/// await NeuroHostMain.run(catalog: .builtIn.adding([CoinFlip.self]))
/// ```
///
/// The command behaves as `neuro-host` does: `--help` prints the help and exits 0; usage and
/// configuration errors are printed on standard error and exit with 2; SIGINT or SIGTERM stops
/// every game gracefully, and a second signal exits at once with 130. A catalog with
/// `GameCatalog.problems` (an id used twice, an id not in kebab case, an action declared
/// twice) is refused the same way, before anything runs.
public enum NeuroHostMain {
    /// Runs `neuro-host` with the process's arguments and the plugins of `catalog`, then exits
    /// with the command's exit code.
    /// - Parameter catalog: the plugins `games.json` may name (`GameCatalog.builtIn`, or it with
    ///   your own added).
    public static func run(catalog: GameCatalog) async -> Never {
        await run(catalog: catalog, arguments: Array(CommandLine.arguments.dropFirst()))
    }

    /// Runs `neuro-host` with these arguments and the plugins of `catalog`, then exits with the
    /// command's exit code.
    /// - Parameters:
    ///   - catalog: the plugins `games.json` may name.
    ///   - arguments: the arguments, without the executable's name (`["--simulate"]`).
    public static func run(catalog: GameCatalog, arguments: [String]) async -> Never {
        let code = await exitCode(catalog: catalog, arguments: arguments, bootstrapsLogging: true)
        exit(code)
    }

    /// Runs `neuro-host` with these arguments and the plugins of `catalog`, and returns the exit
    /// code instead of exiting: for tests of a host's command line (`--list`, `--dry-run`,
    /// `--print-schema`).
    ///
    /// What the command prints goes to this process's standard output and error. Logging is left
    /// as the process has it (``run(catalog:arguments:)`` sets it up: swift-log allows that once
    /// per process), and the second SIGINT of a running host still exits the process with 130.
    /// - Parameters:
    ///   - catalog: the plugins `games.json` may name.
    ///   - arguments: the arguments, without the executable's name.
    /// - Returns: 0 for success and `--help`, 2 for usage and configuration errors (a bad flag,
    ///   errors in `games.json`, a catalog with problems), another code for other failures.
    public static func exitCode(catalog: GameCatalog, arguments: [String]) async -> Int32 {
        await exitCode(catalog: catalog, arguments: arguments, bootstrapsLogging: false)
    }

    private static func exitCode(catalog: GameCatalog, arguments: [String], bootstrapsLogging: Bool) async -> Int32 {
        let command: NeuroHostCommand
        do {
            command = try NeuroHostCommand.parse(arguments)
        } catch {
            return report(error)
        }
        let problems = catalog.problems
        guard problems.isEmpty else {
            let lines = problems.map { "- \($0)" }.joined(separator: "\n")
            FileHandle.standardError.write(Data("neuro-host: the game catalog has problems:\n\(lines)\n".utf8))
            return usageExitCode
        }
        do {
            try await command.run(catalog: catalog, bootstrapsLogging: bootstrapsLogging)
            return ExitCode.success.rawValue
        } catch {
            return report(error)
        }
    }

    /// The exit code of usage and configuration errors.
    static let usageExitCode: Int32 = 2

    /// Prints what ArgumentParser says about `error` (the help on standard output, an error on
    /// standard error), as `ParsableCommand.exit(withError:)` does, and returns its exit code;
    /// a usage error is 2, like a configuration error.
    private static func report(_ error: any Error) -> Int32 {
        let code = NeuroHostCommand.exitCode(for: error)
        let message = NeuroHostCommand.fullMessage(for: error)
        if !message.isEmpty {
            if code == .success {
                print(message)
            } else {
                FileHandle.standardError.write(Data((message + "\n").utf8))
            }
        }
        // ArgumentParser's own code for usage errors is EX_USAGE (64); neuro-host documents 2.
        return code == .validationFailure ? usageExitCode : code.rawValue
    }
}
