import NIOPosix
import NIOWebSocket

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The masking keys of the frames a client sends (RFC 6455 §5.3: from a strong source of
/// entropy), drawn from the operating system's random source 64 at a time.
///
/// `WebSocketMaskingKey.random()` makes one `getrandom` system call per frame; at tens of
/// thousands of frames a second that is one system call in three of the send path. Each
/// thread keeps its own buffer of 256 random bytes (no lock, and nothing per connection, so
/// idle connections cost no more), refilled with one read of `/dev/urandom` (the kernel's
/// random source, the same one `getrandom` reads) when it runs out.
///
/// `@unchecked Sendable`: an instance is reachable only through its thread's slot, so it is
/// never used by two threads.
final class MaskingKeySource: RandomNumberGenerator, @unchecked Sendable {
    private static let perThread = ThreadSpecificVariable<MaskingKeySource>()
    private static let bufferSize = 256

    private var buffer = [UInt64](repeating: 0, count: MaskingKeySource.bufferSize / 8)
    private var nextIndex = MaskingKeySource.bufferSize / 8
    /// `/dev/urandom`, opened on the first refill; -1 when it cannot be opened.
    private var device: Int32?

    deinit {
        if let device, device >= 0 { close(device) }
    }

    /// A masking key for the next frame this thread sends.
    static func next() -> WebSocketMaskingKey {
        let source: MaskingKeySource
        if let existing = perThread.currentValue {
            source = existing
        } else {
            source = MaskingKeySource()
            perThread.currentValue = source
        }
        return WebSocketMaskingKey.random(using: source)
    }

    private init() {}

    func next() -> UInt64 {
        if nextIndex == buffer.count { refill() }
        defer { nextIndex += 1 }
        return buffer[nextIndex]
    }

    /// One read fills the buffer. Should `/dev/urandom` be missing or a read come up short,
    /// the standard library's generator (the same source, a system call per value) fills it.
    private func refill() {
        if device == nil { device = open("/dev/urandom", O_RDONLY | O_CLOEXEC) }
        let filled = buffer.withUnsafeMutableBytes { bytes -> Bool in
            guard let device, device >= 0 else { return false }
            return read(device, bytes.baseAddress, bytes.count) == bytes.count
        }
        if !filled {
            var system = SystemRandomNumberGenerator()
            for index in buffer.indices { buffer[index] = system.next() }
        }
        nextIndex = 0
    }
}

extension WebSocketMaskingKey {
    /// A key from `source`, which is a class: `random(using:)` takes its generator `inout`.
    fileprivate static func random(using source: MaskingKeySource) -> WebSocketMaskingKey {
        var generator = source
        return .random(using: &generator)
    }
}
