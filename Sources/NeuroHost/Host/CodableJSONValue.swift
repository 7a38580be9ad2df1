import NeuroAPI

/// A ``JSONValue`` through `Codable`, for a free-form member of a `Codable` type (the
/// ``HostSummary``'s NeuroSim report): each case as the matching JSON value.
struct CodableJSONValue: Codable, Hashable, Sendable {
    var value: JSONValue

    init(_ value: JSONValue) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        if var elements = try? decoder.unkeyedContainer() {
            var array: [JSONValue] = []
            while !elements.isAtEnd { array.append(try elements.decode(CodableJSONValue.self).value) }
            value = .array(array)
            return
        }
        if let members = try? decoder.container(keyedBy: JSONCodingKey.self) {
            var object: JSONObject = [:]
            for key in members.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
                object[key.stringValue] = try members.decode(CodableJSONValue.self, forKey: key).value
            }
            value = .object(object)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() {
            value = .null
        } else if let flag = try? single.decode(Bool.self) {
            value = .bool(flag)
        } else if let integer = try? single.decode(Int64.self) {
            value = .integer(integer)
        } else if let number = try? single.decode(Double.self) {
            value = .number(number)
        } else {
            value = .string(try single.decode(String.self))
        }
    }

    func encode(to encoder: any Encoder) throws {
        switch value {
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .integer(let integer):
            var single = encoder.singleValueContainer()
            try single.encode(integer)
        case .number(let number):
            var single = encoder.singleValueContainer()
            // JSON has no NaN or infinity; JSONWriter writes them as null too.
            if number.isFinite { try single.encode(number) } else { try single.encodeNil() }
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .array(let elements):
            var container = encoder.unkeyedContainer()
            for element in elements { try container.encode(CodableJSONValue(element)) }
        case .object(let members):
            var container = encoder.container(keyedBy: JSONCodingKey.self)
            for (key, member) in members {
                try container.encode(CodableJSONValue(member), forKey: JSONCodingKey(stringValue: key))
            }
        }
    }
}
