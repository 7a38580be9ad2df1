extension NeuroAction {
    /// Parses `data` and checks it against an action's schema, with a failure message that can
    /// be sent back to Neuro as it is.
    ///
    /// - Without a schema, returns the parsed data when it is present and valid JSON, and `nil`
    ///   otherwise: an action that takes no data is not failed for stray data.
    /// - With a schema, missing data (no `data`, or only whitespace) stands for `{}`; this
    ///   passes when the schema requires nothing and otherwise fails with
    ///   `the action needs data: missing required property "row"`.
    /// - Data that is not JSON fails with `the data is not valid JSON: …`.
    /// - Data off the schema fails with the violations joined by `"; "`:
    ///   `row: 5 is above the maximum 2; column: must be an integer, not string`.
    ///
    /// ```swift
    /// let data: JSONValue?
    /// do {
    ///     data = try action.validatedData(against: move.schema)
    /// } catch {
    ///     try await client.sendResult(.failure(id: action.id, message: error.message))
    ///     return
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - schema: the action's JSON schema, or `nil` for an action without data.
    ///   - parser: parses `data`.
    ///   - validator: checks the parsed data against `schema`.
    /// - Returns: the parsed, valid data; `nil` only when there is no schema and no usable data.
    /// - Throws: ``NeuroError`` with ``NeuroError/Code/invalidActionData``.
    public func validatedData(
        against schema: JSONValue?,
        parser: JSONParser = JSONParser(),
        validator: JSONSchemaValidator = JSONSchemaValidator()
    ) throws(NeuroError) -> JSONValue? {
        // No schema, or `{}` (no parameters): whatever data came, if it is JSON.
        guard let schema, schema != .object([:]) else {
            guard let data, !Self.isBlank(data) else { return nil }
            return try? parser.parse(data)
        }
        guard let data, !Self.isBlank(data) else {
            let empty: JSONValue = .object([:])
            let violations = validator.validate(empty, against: schema)
            guard violations.isEmpty else {
                let reasons = violations.map { $0.path == SchemaPath.rootName ? $0.message : $0.description }
                throw NeuroError(
                    code: .invalidActionData,
                    message: "the action needs data: " + Self.join(reasons)
                )
            }
            return empty
        }
        let value: JSONValue
        do {
            value = try parser.parse(data)
        } catch {
            throw NeuroError(code: .invalidActionData, message: "the data is not valid JSON: \(error)", cause: error)
        }
        let violations = validator.validate(value, against: schema)
        guard violations.isEmpty else {
            throw NeuroError(code: .invalidActionData, message: Self.join(violations.map(\.description)))
        }
        return value
    }

    /// The most violations named in a failure message; more are summed up as `and 3 more`.
    static let maximumReasonsInMessage = 5

    private static func join(_ reasons: [String]) -> String {
        var shown = reasons.prefix(maximumReasonsInMessage).joined(separator: "; ")
        if reasons.count > maximumReasonsInMessage {
            shown += "; and \(reasons.count - maximumReasonsInMessage) more"
        }
        return shown
    }

    private static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }
}
