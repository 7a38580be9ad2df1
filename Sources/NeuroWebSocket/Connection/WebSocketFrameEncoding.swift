import NIOCore
import NIOWebSocket

/// Encodes whole websocket frames (RFC 6455 §5.2) into one buffer each: the header, then the
/// payload, masked in place when there is a masking key.
///
/// NIO's `WebSocketFrameEncoder` writes a header buffer and the payload as two writes, and
/// copies the payload to mask it (the frame still holds the original); this makes one buffer
/// and one write per frame, which matters at tens of thousands of frames a second.
enum WebSocketFrameEncoding {
    /// The bytes of a frame header: 2, plus 2 or 8 for a longer length, plus 4 for a mask.
    static func headerLength(payloadLength: Int, isMasked: Bool) -> Int {
        let lengthBytes = payloadLength <= 125 ? 0 : payloadLength <= Int(UInt16.max) ? 2 : 8
        return 2 + lengthBytes + (isMasked ? 4 : 0)
    }

    /// One final frame carrying `text` as its payload.
    static func frame(
        text: String,
        opcode: WebSocketOpcode = .text,
        maskKey: WebSocketMaskingKey?,
        allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        frame(opcode: opcode, payloadLength: text.utf8.count, maskKey: maskKey, allocator: allocator) {
            $0.writeString(text)
        }
    }

    /// One final frame carrying `payload`.
    static func frame(
        payload: ByteBuffer,
        opcode: WebSocketOpcode,
        maskKey: WebSocketMaskingKey?,
        allocator: ByteBufferAllocator
    ) -> ByteBuffer {
        frame(opcode: opcode, payloadLength: payload.readableBytes, maskKey: maskKey, allocator: allocator) {
            $0.writeImmutableBuffer(payload)
        }
    }

    /// A final frame whose payload of `payloadLength` bytes `writePayload` writes.
    private static func frame(
        opcode: WebSocketOpcode,
        payloadLength: Int,
        maskKey: WebSocketMaskingKey?,
        allocator: ByteBufferAllocator,
        writePayload: (inout ByteBuffer) -> Void
    ) -> ByteBuffer {
        let header = headerLength(payloadLength: payloadLength, isMasked: maskKey != nil)
        var buffer = allocator.buffer(capacity: header + payloadLength)
        // The payload goes in first, after room for the header, so that masking it touches
        // only the payload; the header is then written into the room left for it.
        buffer.moveWriterIndex(to: header)
        buffer.moveReaderIndex(to: header)
        writePayload(&buffer)
        if let maskKey { buffer.webSocketMask(maskKey) }
        var index = 0
        index += buffer.setInteger(UInt8(0x80) | opcode.wireValue, at: index)  // FIN, no extensions
        let maskBit: UInt8 = maskKey == nil ? 0 : 0x80
        switch payloadLength {
        case ...125:
            index += buffer.setInteger(maskBit | UInt8(payloadLength), at: index)
        case ...Int(UInt16.max):
            index += buffer.setInteger(maskBit | 126, at: index)
            index += buffer.setInteger(UInt16(payloadLength), at: index)
        default:
            index += buffer.setInteger(maskBit | 127, at: index)
            index += buffer.setInteger(UInt64(payloadLength), at: index)
        }
        if let maskKey { index += buffer.setBytes(maskKey, at: index) }
        buffer.moveReaderIndex(to: 0)
        return buffer
    }
}

extension WebSocketOpcode {
    /// The opcode's four bits as sent on the wire.
    fileprivate var wireValue: UInt8 { UInt8(webSocketOpcode: self) }
}
