import Foundation
import NIOPosix

#if canImport(Glibc)
    import Glibc
#endif

/// A minimal HTTP/1.1 client over a blocking loopback socket (on NIO's pool for blocking work,
/// never Swift's cooperative pool), bounded by a receive timeout: enough for status codes,
/// headers, bodies and the first events of a server-sent stream.
enum HTTPProbe {
    struct Reply: Sendable {
        var status: Int
        /// Lower-cased names.
        var headers: [String: String]
        var body: String
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// One request with `Connection: close`; reads the whole answer.
    static func request(
        _ method: String, _ path: String, port: Int, headers: [String: String] = [:], body: String? = nil
    ) async throws -> Reply {
        let text = try await exchange(method, path, port: port, headers: headers, body: body) { _ in false }
        return try parse(text)
    }

    /// Reads a streamed answer until `isEnough` holds for what arrived (or 15 s pass).
    static func stream(
        _ path: String, port: Int, headers: [String: String] = [:], until isEnough: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        try await exchange("GET", path, port: port, headers: headers, body: nil, until: isEnough)
    }

    private static func exchange(
        _ method: String, _ path: String, port: Int, headers: [String: String], body: String?,
        until isEnough: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw Failure(description: "socket failed") }
            defer { close(fd) }
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            guard connected == 0 else { throw Failure(description: "connect to \(port) failed") }
            var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
            for (name, value) in headers { request += "\(name): \(value)\r\n" }
            let bodyBytes = Array((body ?? "").utf8)
            if body != nil || method == "POST" { request += "Content-Length: \(bodyBytes.count)\r\n" }
            request += "\r\n"
            let bytes = Array(request.utf8) + bodyBytes
            var sent = 0
            while sent < bytes.count {
                let count = bytes[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw Failure(description: "send failed") }
                sent += count
            }
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 65536)
            // Bounded: each read waits at most the receive timeout, and the answer ends (EOF)
            // or satisfies `isEnough`.
            for _ in 0..<100_000 {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += buffer[0..<count]
                if isEnough(String(decoding: received, as: UTF8.self)) { break }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    private static func parse(_ text: String) throws -> Reply {
        guard let split = text.range(of: "\r\n\r\n") else { throw Failure(description: "no HTTP answer: \(text)") }
        let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = head.first?.split(separator: " ") ?? []
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw Failure(description: "bad status line: \(head.first ?? "")")
        }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = String(text[split.upperBound...])
        if headers["transfer-encoding"] == "chunked" { body = dechunk(body) }
        return Reply(status: status, headers: headers, body: body)
    }

    private static func dechunk(_ text: String) -> String {
        var bytes = Substring(text).utf8[...]
        var result: [UInt8] = []
        while let lineEnd = bytes.firstRange(of: "\r\n".utf8) {
            let size = Int(String(decoding: bytes[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            let end = bytes.index(start, offsetBy: size, limitedBy: bytes.endIndex) ?? bytes.endIndex
            result += bytes[start..<end]
            bytes = bytes[end...].dropFirst(2)
        }
        return String(decoding: result, as: UTF8.self)
    }
}
