import Testing

@testable import NeuroProtocol

/// The writer must produce the bytes orjson (no options) produces; see the reference digest §2.1.
@Suite struct JSONWriterTests {
    @Test(arguments: [
        (JSONValue.null, "null"),
        (.bool(true), "true"),
        (.integer(-42), "-42"),
        (.number(1.0), "1.0"),
        (.number(0.1), "0.1"),
        (.number(1e20), "1e20"),
        (.number(1e-7), "1e-7"),
        (.number(-2.5e-300), "-2.5e-300"),
        (.number(.nan), "null"),
        (.number(.infinity), "null"),
        (.string("a/b"), "\"a/b\""),
        (.string("é😀"), "\"é😀\""),
        (.string("\"\\\u{8}\t\n\u{c}\r"), #""\"\\\b\t\n\f\r""#),
        (.string("\u{1}\u{1f}"), #""\u0001\u001f""#),
        (.string("\u{7f}\u{2028}"), "\"\u{7f}\u{2028}\""),
        (.string("a plain prefix, then \"quotes\" and a \\"), #""a plain prefix, then \"quotes\" and a \\""#),
        (.string("x"), "\"x\""),
        (.string(""), "\"\""),
        (.array([1, "x", nil]), "[1,\"x\",null]"),
        (JSONValue(["b": 1, "a": [true, false]]), "{\"b\":1,\"a\":[true,false]}"),
    ])
    func writesOrjsonBytes(value: JSONValue, expected: String) {
        #expect(JSONWriter.string(from: value) == expected)
    }

    @Test func roundTripsThroughTheParser() throws {
        let value: JSONValue = [
            "name": "play", "n": -3, "f": 2.75, "list": [1, 2.5, "s", nil, ["k": false]], "esc": "line\nnext\u{0}",
        ]
        let text = JSONWriter.string(from: value)
        #expect(try JSONParser().parse(text) == value)
    }
}

@Suite struct JSONValueTests {
    @Test func objectEqualityIgnoresKeyOrder() {
        let first: JSONValue = ["a": 1, "b": 2]
        let second: JSONValue = ["b": 2, "a": 1]
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        #expect(first != ["a": 1, "b": 3])
        #expect(first != ["a": 1])
    }

    @Test func integersEqualWholeNumbers() {
        #expect(JSONValue.integer(2) == .number(2.0))
        #expect(JSONValue.integer(2) != .number(2.5))
        #expect(JSONValue.integer(2).hashValue == JSONValue.number(2.0).hashValue)
    }

    @Test func accessorsAndTypeNames() {
        let value: JSONValue = ["s": "x", "i": 3, "d": 1.5, "b": true, "a": [1], "n": nil]
        #expect(value["s"]?.stringValue == "x")
        #expect(value["i"]?.integerValue == 3)
        #expect(value["d"]?.doubleValue == 1.5)
        #expect(value["d"]?.integerValue == nil)
        #expect(value["b"]?.boolValue == true)
        #expect(value["a"]?.arrayValue == [1])
        #expect(value["n"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(value["s"]?["nested"] == nil)
        let names = ["s", "i", "d", "b", "a", "n"].compactMap { value[$0]?.typeName }
        #expect(names == ["string", "integer", "number", "boolean", "array", "null"])
        #expect(value.typeName == "object")
    }
}
