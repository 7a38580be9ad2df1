import Foundation
import NeuroAPI
import Synchronization
import Testing

/// A throughput and latency sanity check, run by hand (it is skipped unless asked for):
///
/// ```
/// NEURO_WS_THROUGHPUT=1 swift test -c release -Xswiftc -enable-testing --filter WebSocketThroughputCheck
/// ```
///
/// 100 clients ping-pong text frames with one listener for a few seconds; prints messages per
/// second and round-trip percentiles. `NEURO_WS_CLIENTS=1000` changes the number of clients;
/// `NEURO_WS_PACE_MS=50` makes each client send one frame every 50 ms instead of as fast as it
/// can, which measures latency at a given load rather than under saturation.
@Suite(
    .enabled(if: ProcessInfo.processInfo.environment["NEURO_WS_THROUGHPUT"] != nil),
    .timeLimit(.minutes(1))
)
struct WebSocketThroughputCheck {
    @Test func hundredClientsPingPong() async throws {
        let environment = ProcessInfo.processInfo.environment
        let clients = Int(environment["NEURO_WS_CLIENTS"] ?? "") ?? 100
        let pace = Int(environment["NEURO_WS_PACE_MS"] ?? "").map { Duration.milliseconds($0) }
        let duration = Duration.seconds(Int(environment["NEURO_WS_SECONDS"] ?? "") ?? 3)
        let listener = WebSocketListener(port: 0, configuration: .init(), logger: silentLogger)
        let frame = #"{"command":"action","data":{"id":"a1b2c3","name":"play","data":"{\"x\":3}"}}"#
        let roundTrips = try await withListener(listener) { transport, _ in
            while case .text(let text)? = try? await transport.receive() {
                try? await transport.send(text)
            }
        } _: { port in
            try await withThrowingTaskGroup(of: [Duration].self) { group in
                for _ in 0..<clients {
                    group.addTask {
                        try await makeConnector { $0.handshakeTimeout = .seconds(30) }.withConnection(
                            to: "ws://127.0.0.1:\(port)"
                        ) { transport async throws in
                            var samples: [Duration] = []
                            samples.reserveCapacity(100_000)
                            let clock = ContinuousClock()
                            if let pace {
                                // Spread the clients over the period, as independent games would be.
                                let offset = Int.random(
                                    in:
                                        0..<Int(
                                            pace.components.attoseconds / 1_000_000_000_000_000 + pace.components.seconds * 1_000)
                                )
                                try await Task.sleep(for: .milliseconds(offset))
                            }
                            let end = clock.now + duration
                            while clock.now < end {
                                let sent = clock.now
                                try await transport.send(frame)
                                guard case .text = try await transport.receive() else { break }
                                samples.append(clock.now - sent)
                                // Pacing, not synchronisation: a benchmark's load generator.
                                if let pace { try await Task.sleep(until: sent + pace) }
                            }
                            return samples
                        }
                    }
                }
                var all: [Duration] = []
                for try await samples in group { all += samples }
                return all
            }
        }
        #expect(!roundTrips.isEmpty)
        let sorted = roundTrips.sorted()
        func percentile(_ fraction: Double) -> Duration { sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))] }
        let seconds = Double(duration.components.seconds)
        print(
            """
            websocket throughput: \(clients) clients, pace \(pace.map { "\($0)" } ?? "none"), \(sorted.count) round trips in \(seconds) s \
            = \(Int(Double(sorted.count * 2) / seconds)) messages/s; round trip \
            p50 \(percentile(0.5)), p99 \(percentile(0.99)), max \(sorted.last ?? .zero)
            """
        )
    }
}
