import NeuroProtocol
import Testing

@Suite struct JSONValueDecoderTests {
    struct Primitives: Decodable, Equatable {
        var flag: Bool
        var text: String
        var int: Int
        var int8: Int8
        var int16: Int16
        var int32: Int32
        var int64: Int64
        var uint: UInt
        var uint8: UInt8
        var uint16: UInt16
        var uint32: UInt32
        var uint64: UInt64
        var double: Double
        var float: Float
    }

    struct Nested: Decodable, Equatable {
        struct Inner: Decodable, Equatable {
            var name: String
            var tags: [String]
        }
        var inner: Inner
        var grid: [[Int]]
        var table: [String: Int]
        var optional: Int?
    }

    struct Settings: Decodable, Equatable {
        var size: Int
        var label: String?

        enum CodingKeys: String, CodingKey {
            case size
            case label
        }

        init(size: Int, label: String?) {
            self.size = size
            self.label = label
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            size = try container.decodeIfPresent(Int.self, forKey: .size) ?? 3
            label = try container.decodeIfPresent(String.self, forKey: .label)
        }
    }

    enum Mode: String, Decodable {
        case fast
        case slow
    }

    let decoder = JSONValueDecoder()

    @Test func decodesEveryPrimitive() throws {
        let value: JSONValue = [
            "flag": true, "text": "hi", "int": -5, "int8": -8, "int16": 16, "int32": 32, "int64": 64,
            "uint": 1, "uint8": 255, "uint16": 2, "uint32": 3, "uint64": 4, "double": 1.5, "float": 2,
        ]
        let decoded = try decoder.decode(Primitives.self, from: value)
        #expect(
            decoded
                == Primitives(
                    flag: true, text: "hi", int: -5, int8: -8, int16: 16, int32: 32, int64: 64, uint: 1, uint8: 255,
                    uint16: 2, uint32: 3, uint64: 4, double: 1.5, float: 2))
    }

    @Test func decodesTopLevelValues() throws {
        #expect(try decoder.decode(Int.self, from: 7) == 7)
        #expect(try decoder.decode(Double.self, from: 7) == 7)
        #expect(try decoder.decode(Int.self, from: .number(3.0)) == 3)
        #expect(try decoder.decode(String?.self, from: nil) == nil)
        #expect(try decoder.decode([Int?].self, from: [1, nil, 3]) == [1, nil, 3])
        #expect(try decoder.decode(Mode.self, from: "slow") == .slow)
    }

    @Test func decodesNestedContainers() throws {
        let value: JSONValue = [
            "inner": ["name": "n", "tags": ["a", "b"]],
            "grid": [[1, 2], [3]],
            "table": ["x": 1, "y": 2],
            "optional": nil,
        ]
        let decoded = try decoder.decode(Nested.self, from: value)
        #expect(
            decoded
                == Nested(
                    inner: .init(name: "n", tags: ["a", "b"]), grid: [[1, 2], [3]], table: ["x": 1, "y": 2], optional: nil))
    }

    @Test func nullAndAbsenceMeanTheDefaultForOptionalReads() throws {
        #expect(try decoder.decode(Settings.self, from: ["size": nil, "label": nil]) == Settings(size: 3, label: nil))
        #expect(try decoder.decode(Settings.self, from: [:]) == Settings(size: 3, label: nil))
        #expect(try decoder.decode(Settings.self, from: ["size": 5, "label": "l"]) == Settings(size: 5, label: "l"))
    }

    @Test func reportsUnusedKeysWithTheKnownOnes() throws {
        let decoded = try decoder.decodeReportingUnusedKeys(Settings.self, from: ["siez": 4, "label": nil])
        #expect(decoded.value == Settings(size: 3, label: nil))
        #expect(
            decoded.unusedKeys == [JSONValueDecoder.UnusedKey(codingPath: [], key: "siez", knownKeys: ["label", "size"])])
    }

    @Test func dictionariesHaveNoUnusedKeys() throws {
        let decoded = try decoder.decodeReportingUnusedKeys([String: Int].self, from: ["a": 1, "b": 2])
        #expect(decoded.value == ["a": 1, "b": 2])
        #expect(decoded.unusedKeys.isEmpty)
    }

    @Test func nestedUnusedKeysCarryTheirPath() throws {
        let value: JSONValue = [
            "inner": ["name": "n", "tags": [], "extra": 1], "grid": [], "table": [:],
        ]
        let decoded = try decoder.decodeReportingUnusedKeys(Nested.self, from: value)
        #expect(decoded.unusedKeys.map(\.key) == ["extra"])
        #expect(decoded.unusedKeys.first?.codingPath == [JSONCodingKey(stringValue: "inner")])
    }

    @Test(arguments: [
        (JSONValue(["size": "big"]), "size", "typeMismatch"),
        (JSONValue(["size": 1.5]), "size", "dataCorrupted"),
        (JSONValue(["size": 30_000_000_000_000_000_000.0]), "size", "dataCorrupted"),
    ])
    func errorsNameTheCodingPath(value: JSONValue, path: String, kind: String) {
        do {
            _ = try decoder.decode(Settings.self, from: value)
            Issue.record("expected an error")
        } catch let error as DecodingError {
            let (found, codingPath) = Self.describe(error)
            #expect(found == kind)
            #expect(codingPath == path)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func errorsInsideArraysNameTheIndex() {
        let value: JSONValue = ["inner": ["name": "n", "tags": ["a", 2]], "grid": [], "table": [:]]
        do {
            _ = try decoder.decode(Nested.self, from: value)
            Issue.record("expected an error")
        } catch let error as DecodingError {
            #expect(Self.describe(error) == ("typeMismatch", "inner.tags.1"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func missingKeysAndNullsAreReported() {
        #expect(Self.kind { try decoder.decode(Nested.Inner.self, from: ["name": "n"]) } == "keyNotFound")
        #expect(Self.kind { try decoder.decode(Nested.Inner.self, from: ["name": nil, "tags": []]) } == "valueNotFound")
        #expect(Self.kind { try decoder.decode(Nested.Inner.self, from: ["name", "tags"]) } == "typeMismatch")
        #expect(Self.kind { try decoder.decode(UInt8.self, from: 256) } == "dataCorrupted")
        #expect(Self.kind { try decoder.decode(Mode.self, from: "medium") } == "dataCorrupted")
        #expect(Self.kind { try decoder.decode(Bool.self, from: 1) } == "typeMismatch")
    }

    private static func kind(_ body: () throws -> some Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as DecodingError {
            return describe(error).kind
        } catch {
            return "\(error)"
        }
    }

    private static func describe(_ error: DecodingError) -> (kind: String, path: String) {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let context): return ("typeMismatch", path(context))
        case .valueNotFound(_, let context): return ("valueNotFound", path(context))
        case .keyNotFound(_, let context): return ("keyNotFound", path(context))
        case .dataCorrupted(let context): return ("dataCorrupted", path(context))
        @unknown default: return ("unknown", "")
        }
    }
}
