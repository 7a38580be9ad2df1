import Foundation

/// Small JSON answers of the dashboard's routes.
enum DashboardJSON {
    /// A flat object of strings, keys sorted.
    static func object(_ fields: [String: String]) -> String {
        encode(fields)
    }

    /// Any value as compact JSON, keys sorted; `{}` if it cannot be encoded.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
