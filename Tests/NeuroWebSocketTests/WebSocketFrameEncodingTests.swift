import NIOCore
import NIOWebSocket
import Testing

@testable import NeuroWebSocket

/// The header bytes of RFC 6455 §5.2, byte for byte.
@Suite struct WebSocketFrameEncodingTests {
    private let key = WebSocketMaskingKey([0x01, 0x02, 0x03, 0x04])

    @Test(arguments: [
        (0, [0x81, 0x00] as [UInt8]),
        (125, [0x81, 0x7D]),
        (126, [0x81, 0x7E, 0x00, 0x7E]),
        (65_535, [0x81, 0x7E, 0xFF, 0xFF]),
        (65_536, [0x81, 0x7F, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00]),
    ])
    func unmaskedHeaderAndPayload(length: Int, header: [UInt8]) {
        let text = String(repeating: "a", count: length)
        let frame = WebSocketFrameEncoding.frame(text: text, maskKey: nil, allocator: ByteBufferAllocator())
        let bytes = Array(frame.readableBytesView)
        #expect(bytes.count == header.count + length)
        #expect(Array(bytes.prefix(header.count)) == header)
        #expect(bytes.dropFirst(header.count).allSatisfy { $0 == UInt8(ascii: "a") })
    }

    @Test func maskedFrameCarriesTheKeyAndAMaskedPayload() {
        let frame = WebSocketFrameEncoding.frame(text: "Hello", maskKey: key, allocator: ByteBufferAllocator())
        let bytes = Array(frame.readableBytesView)
        #expect(Array(bytes.prefix(6)) == [0x81, 0x85, 0x01, 0x02, 0x03, 0x04])
        let unmasked = bytes.dropFirst(6).enumerated().map { $1 ^ [0x01, 0x02, 0x03, 0x04][$0 % 4] }
        #expect(unmasked == Array("Hello".utf8))
    }

    @Test func controlFramesKeepTheirOpcodeAndPayload() {
        var payload = ByteBufferAllocator().buffer(capacity: 2)
        payload.writeInteger(UInt16(1000))
        let frame = WebSocketFrameEncoding.frame(
            payload: payload, opcode: .connectionClose, maskKey: nil, allocator: ByteBufferAllocator())
        #expect(Array(frame.readableBytesView) == [0x88, 0x02, 0x03, 0xE8])
        #expect(payload.readableBytes == 2)
    }
}
