import ArgumentParser
import Foundation
import GamePlugins
import NeuroAPI
import NeuroHostCLI

extension NeuroBenchCommand {
    struct Soak: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "N games on NeuroSim for a given time under random faults: lost and duplicate results, leaks.",
            discussion: """
                The host runs as a child process (neuro-bench soak-host: neuro-host with the built-in games and a \
                game that throws), so its resident memory and descriptors are measured apart from NeuroSim's. \
                Exits 1 when an action was lost or answered twice, NeuroSim saw a violation, a game did not \
                recover from a fault, or the host's memory or descriptors grew beyond the tolerances.
                """)
        @Option(help: "Games on the host: every built-in kind and the faulty game, in turn.") var games = 50
        @Option(help: "Seconds of faults in all, the warm-up included.") var seconds = 120.0
        @Option(help: "Seconds of faults before the first reading of memory and descriptors (default: a quarter, at most 30).")
        var warmup: Double?
        @Option(help: "Write the result as JSON to this file.") var json: String?
        @Option(help: "The seed of the faults and of NeuroSim.") var seed: UInt64 = 1
        @Option(help: "Unforced actions per second per game.") var rate = 2.0
        @Option(help: "Seconds between two injected faults.") var faultInterval = 2.0
        @Option(help: "The faulty game throws on one action in this many.") var throwOneIn = 100
        @Option(help: "The faults to inject, comma-separated (default: all): \(SoakFault.injectedNames).")
        var faults: String?
        @OptionGroup var paths: PathOptions

        func validate() throws {
            guard (1...10_000).contains(games) else { throw ValidationError("--games must be 1 to 10000, not \(games)") }
            guard seconds >= 5, seconds <= 86_400 else { throw ValidationError("--seconds must be 5 to 86400") }
            if let warmup, !(warmup > 0 && warmup < seconds) {
                throw ValidationError("--warmup must be above 0 and below --seconds (\(seconds))")
            }
            guard rate > 0, rate <= 1000 else { throw ValidationError("--rate must be above 0 and at most 1000") }
            guard faultInterval >= 0.1 else { throw ValidationError("--fault-interval must be at least 0.1 seconds") }
            guard (2...1_000_000).contains(throwOneIn) else { throw ValidationError("--throw-one-in must be 2 to 1000000") }
            _ = try parsedFaults()
        }

        func parsedFaults() throws -> [SoakFault] {
            guard let faults else { return SoakFault.injected }
            let parsed = try faults.split(separator: ",").map { name in
                let name = name.trimmingCharacters(in: .whitespaces)
                guard let fault = SoakFault(rawValue: name), SoakFault.injected.contains(fault) else {
                    throw ValidationError("--faults: \"\(name)\" is not a fault the soak injects; use \(SoakFault.injectedNames)")
                }
                return fault
            }
            guard !parsed.isEmpty else { throw ValidationError("--faults needs at least one fault") }
            return parsed
        }

        func run() async throws {
            var options = SoakOptions()
            options.games = games
            options.seconds = seconds
            options.warmup = warmup ?? min(30, seconds / 4)
            options.seed = seed
            options.rate = rate
            options.faultInterval = faultInterval
            options.throwOneIn = throwOneIn
            options.faults = try parsedFaults()
            let result = try await SoakRun(options: options, environment: try paths.environment()).run()
            print(result.table)
            if let json {
                do {
                    try Data((JSONWriter.string(from: result.jsonValue) + "\n").utf8).write(to: URL(fileURLWithPath: json))
                } catch {
                    throw NeuroError(code: .benchFailed, message: "could not write --json \(json)", cause: error)
                }
            }
            if !result.problems.isEmpty { throw ExitCode.failure }
        }
    }

    /// `neuro-host` with the soak's faulty game in its catalog: what `soak` runs as its host.
    struct SoakHost: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "neuro-host with the built-in games and the soak's faulty game (for soak).", shouldDisplay: false)
        @Argument(parsing: .captureForPassthrough, help: "neuro-host's arguments.") var arguments: [String] = []

        func run() async throws {
            await NeuroHostMain.run(catalog: .builtIn.adding([FaultyGame.self]), arguments: arguments)
        }
    }
}
