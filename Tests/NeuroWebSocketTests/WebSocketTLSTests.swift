import NIOCore
import NIOWebSocket
import NeuroWebSocket
import Testing

/// `wss://`: frames are encoded whole and written nearer the socket than NIO's frame encoder,
/// so these check that they still go through TLS, masked, in every length form.
@Suite(.timeLimit(.minutes(1)))
struct WebSocketTLSTests {
    @Test(arguments: [5, 70_000])
    func framesCrossTLSBothWays(length: Int) async throws {
        // Non-ASCII, so the UTF-8 check on the way in is exercised too.
        let text = String(repeating: "é", count: length)
        try await RawFrameServer.withServer(tls: try TestCertificate.serverContext()) { inbound, outbound in
            guard let frame = try await inbound.next(.text) else { return }
            #expect(frame.maskKey != nil, "a client frame must be masked (RFC 6455 §5.3)")
            let received = String(buffer: frame.unmaskedData)
            try await outbound.write(RawFrameServer.frame(.text, Array(("echo:" + received).utf8)))
            _ = try await RawFrameServer.awaitClose(inbound)
        } _: { port in
            let configuration = WebSocketConfiguration(tlsConfiguration: try TestCertificate.clientConfiguration())
            let connector = WebSocketConnector(configuration: configuration, logger: silentLogger)
            try await connector.withConnection(to: "wss://127.0.0.1:\(port)/") { transport async throws in
                try await transport.send(text)
                #expect(try await transport.receive() == .text("echo:" + text))
            }
        }
    }
}
