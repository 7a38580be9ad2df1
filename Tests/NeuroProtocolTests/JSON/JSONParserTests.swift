import Testing

@testable import NeuroProtocol

@Suite struct JSONParserTests {
    let parser = JSONParser()

    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .integer(0)),
        ("-12", .integer(-12)),
        ("9223372036854775807", .integer(Int64.max)),
        ("9223372036854775808", .number(9_223_372_036_854_775_808)),
        ("-9223372036854775808", .integer(Int64.min)),
        ("999999999999999999", .integer(999_999_999_999_999_999)),
        ("-999999999999999999", .integer(-999_999_999_999_999_999)),
        ("-0", .integer(0)),
        ("1000000000000000000", .integer(1_000_000_000_000_000_000)),
        ("1.5", .number(1.5)),
        ("-0.25e2", .number(-25)),
        ("1E3", .number(1000)),
        ("\"\"", .string("")),
        ("\"a\\\"b\\\\c\\/d\"", .string("a\"b\\c/d")),
        ("\"\\b\\f\\n\\r\\t\"", .string("\u{8}\u{c}\n\r\t")),
        ("\"\\u00e9\\u20AC\"", .string("é€")),
        ("\"\\ud83d\\ude00\"", .string("😀")),
        ("\"ünï😀\"", .string("ünï😀")),
        ("\"ab\\ncd\\tef\"", .string("ab\ncd\tef")),
        ("\"é\\n😀\\u00e9x\"", .string("é\n😀éx")),
        ("\"\\\"\"", .string("\"")),
        ("[]", .array([])),
        (" [1, \"x\", null] ", .array([.integer(1), .string("x"), .null])),
        ("{}", .object([:])),
        ("{\"a\": {\"b\": [true]}}", JSONValue(["a": ["b": [true]]])),
    ])
    func parsesValidJSON(text: String, expected: JSONValue) throws {
        #expect(try parser.parse(text) == expected)
    }

    @Test func keepsObjectKeyOrder() throws {
        let value = try parser.parse(#"{"z":1,"a":2,"m":3}"#)
        #expect(value.objectValue.map { Array($0.keys) } == ["z", "a", "m"])
    }

    @Test func repeatedKeyKeepsTheLastValueLikeOrjson() throws {
        #expect(try parser.parse(#"{"a":1,"a":2}"#) == ["a": 2])
    }

    @Test(arguments: [
        (#"{"a":1,"b":2,"a":3}"#, ["a", "b"]),
        // More keys than the pairwise check covers: the hashed check finds the repeat.
        (#"{"k1":1,"k2":2,"k3":3,"k4":4,"k5":5,"k6":6,"k7":7,"k8":8,"k9":9,"a":1,"k3":3}"#, nil),
    ])
    func repeatedKeyKeepsItsFirstPlace(text: String, keys: [String]?) throws {
        let object = try #require(try parser.parse(text).objectValue)
        let expectedKeys = keys ?? ["k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "a"]
        #expect(Array(object.keys) == expectedKeys)
        #expect(object[expectedKeys[0]] != nil)
        if keys != nil { #expect(object["a"] == 3) }
    }

    @Test func escapedStringsStillRejectInvalidUTF8AndControlCharacters() {
        #expect(throws: JSONParseError.self) { try parser.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22] as [UInt8]) }
        #expect(throws: JSONParseError.self) { try parser.parse("\"\\n\u{1}\"") }
        #expect(throws: JSONParseError.self) { try parser.parse("\"a\\n") }
    }

    @Test(arguments: [
        ("", "expected a value but found the end of the text", 1, 1),
        ("{", "expected a string key but found the end of the text", 1, 2),
        ("[1,]", "expected a value but found ']'", 1, 4),
        ("{\"a\":1,}", "expected a string key but found '}'", 1, 8),
        ("{\"a\" 1}", "expected ':' after an object key but found '1'", 1, 6),
        ("[1 2]", "expected ',' or ']' after an array element but found '2'", 1, 4),
        ("[1", "expected ',' or ']' but found the end of the text", 1, 3),
        ("{\"a\":1 2}", "expected ',' or '}' after an object member but found '2'", 1, 8),
        ("{\"a\":1", "expected ',' or '}' but found the end of the text", 1, 7),
        ("01", "a number may not have a leading zero", 1, 1),
        ("1.", "expected a digit after the decimal point", 1, 3),
        ("1e", "expected a digit in the exponent", 1, 3),
        ("NaN", "expected a value but found 'N'", 1, 1),
        ("tru", "invalid literal; expected true", 1, 1),
        ("\"abc", "unterminated string", 1, 1),
        ("\"a\u{1}b\"", "a control character must be escaped in a string", 1, 3),
        ("\"\\x\"", "invalid escape in a string", 1, 2),
        ("\"\\ud800\"", "a lone surrogate in a \\u escape", 1, 2),
        ("\"\\u12G4\"", "invalid hex digit in a \\u escape", 1, 6),
        ("1e999", "the number 1e999 is out of range", 1, 1),
        ("{}\n x", "unexpected text after the JSON value", 2, 2),
        ("// comment\n{}", "expected a value but found '/'", 1, 1),
        ("\u{FEFF}{}", "a byte-order mark is not allowed", 1, 1),
    ])
    func rejectsInvalidJSONWithItsPosition(text: String, reason: String, line: Int, column: Int) {
        #expect(throws: JSONParseError.self) { try parser.parse(text) }
        do {
            _ = try parser.parse(text)
        } catch {
            #expect(error.reason == reason)
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test func rejectsInvalidUTF8() {
        let bytes: [UInt8] = [0x22, 0xFF, 0xFE, 0x22]
        #expect(throws: JSONParseError.self) { try parser.parse(bytes) }
    }

    @Test func nestingBeyondTheLimitIsAnErrorNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        do {
            _ = try parser.parse(deep)
            Issue.record("expected a depth error")
        } catch {
            #expect(error.reason == "nesting is deeper than the limit of 512")
        }
        let allowed = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parser.parse(allowed) }
        let limited = JSONParser(maximumDepth: 2)
        #expect(throws: JSONParseError.self) { try limited.parse("[[[1]]]") }
        #expect(throws: Never.self) { try limited.parse("[[1]]") }
    }

    @Test func errorDescriptionNamesLineAndColumn() {
        let error = JSONParseError(reason: "unterminated string", offset: 10, line: 3, column: 4)
        #expect(error.description == "unterminated string at line 3, column 4")
    }
}
