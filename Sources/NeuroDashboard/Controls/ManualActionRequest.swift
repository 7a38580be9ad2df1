import Foundation
import NeuroAPI

/// The body of `POST /api/simulator/actions`: an action to send to a game as Neuro would.
public struct ManualActionRequest: Sendable, Hashable, Codable {
    /// The game's index (``DashboardSnapshot/Game/index``).
    public var game: Int
    /// The registered action's wire name.
    public var action: String
    /// The action's data as JSON text; `nil` or empty for none.
    public var data: String?

    /// Creates a request.
    public init(game: Int, action: String, data: String?) {
        self.game = game
        self.action = action
        self.data = data
    }

    /// Checks the data against the registered action's schema, as the game will.
    /// - Parameter registered: the actions registered on the game's connection now.
    /// - Returns: the data to send (`nil` for none).
    /// - Throws: ``DashboardError``: ``DashboardError/Code/notFound`` for an action that is not
    ///   registered, ``DashboardError/Code/invalidData`` for data that is not JSON or fails the
    ///   schema (every violation listed).
    public func validatedData(against registered: [Action]) throws(DashboardError) -> String? {
        guard let action = registered.first(where: { $0.name == self.action }) else {
            throw DashboardError(
                code: .notFound, message: "\"\(self.action)\" is not registered on this game's connection now",
                status: .notFound)
        }
        let text = data?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard let schema = action.schema else {
            guard text.isEmpty else {
                throw DashboardError(
                    code: .invalidData, message: "\"\(action.name)\" takes no data; leave the editor empty",
                    status: .unprocessableContent)
            }
            return nil
        }
        let value: JSONValue
        do {
            value = try JSONParser().parse(text)
        } catch {
            throw DashboardError(
                code: .invalidData, message: "the data is not JSON: \(error)", status: .unprocessableContent)
        }
        let violations = JSONSchemaValidator().validate(value, against: schema)
        guard violations.isEmpty else {
            throw DashboardError(
                code: .invalidData,
                message: "the data does not match the schema of \"\(action.name)\": "
                    + violations.map(\.description).joined(separator: "; "),
                status: .unprocessableContent)
        }
        return text
    }
}
