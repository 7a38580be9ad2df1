import Foundation
import NeuroProtocol

/// Where to find Neuro: the URL rules every official SDK follows.
public enum NeuroURL {
    /// The URL used when nothing else is given.
    public static let defaultURL = "ws://localhost:8000"
    /// The environment variable the official SDKs read.
    public static let environmentVariable = "NEURO_SDK_WS_URL"

    /// The explicit URL when given, else `NEURO_SDK_WS_URL` when set and not empty, else
    /// `ws://localhost:8000`.
    public static func resolve(
        _ explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let explicit, !explicit.isEmpty { return explicit }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty { return fromEnvironment }
        return defaultURL
    }

    /// Checks that a URL is a `ws://` or `wss://` URL with a host.
    /// - Throws: `NeuroError` with `NeuroError/Code/invalidURL` saying what is wrong.
    public static func validate(_ url: String) throws(NeuroError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased() else {
            throw NeuroError(code: .invalidURL, message: "\"\(url)\" is not a URL; expected ws://host:port or wss://host:port")
        }
        guard scheme == "ws" || scheme == "wss" else {
            throw NeuroError(
                code: .invalidURL,
                message: "\"\(url)\" uses the scheme \"\(scheme)\"; Neuro is reached with ws:// or wss://"
            )
        }
        guard let host = components.host, !host.isEmpty else {
            throw NeuroError(code: .invalidURL, message: "\"\(url)\" has no host; expected ws://host:port")
        }
    }
}
