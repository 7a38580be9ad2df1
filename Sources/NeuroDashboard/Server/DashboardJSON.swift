import Foundation

/// Small JSON answers of the dashboard's routes.
enum DashboardJSON {
    /// A flat object of strings, keys sorted.
    static func object(_ fields: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(fields) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }
}
