import NeuroAPI
import Testing

@testable import NeuroHost

/// The general JSON reader, with no rules of `games.json`: paths, positions, typed reads,
/// unknown keys and repeated keys.
@Suite struct JSONReaderTests {
    static let text = """
        {
          "name": "box",
          "sizes": [1, "two", 3.5],
          "inner": {"flag": 1, "colour": "red"}
        }
        """

    /// Reads `text` with a tiny format of its own and returns the problems, located.
    static func read(_ text: String) -> [ConfigurationProblem] {
        let bytes = Array(text.utf8)
        var reader = JSONReader(file: "test.json")
        if let root = reader.parse(bytes), let object = reader.object(root, what: "the box") {
            reader.checkKeys(of: object, allowed: ["name", "sizes", "inner"], in: "the box")
            if let name = reader.required("name", in: object, fix: "name it") { _ = reader.string(name, expected: "a name") }
            if let sizes = object["sizes"], let elements = reader.array(sizes, expected: "a list", fix: "use [ … ]") {
                for element in elements { _ = reader.number(element, expected: "a number", fix: "write a number") }
            }
            if let innerNode = object["inner"], let inner = reader.object(innerNode, what: "the inner part") {
                reader.checkKeys(of: inner, allowed: ["flag", "color"], in: "the inner part")
                if let flag = inner["flag"] { _ = reader.bool(flag) }
            }
        }
        reader.locateProblems(in: bytes)
        return reader.problems
    }

    @Test func problemsNamePathLineAndColumn() {
        let problems = Self.read(Self.text)
        #expect(
            problems.map(\.description) == [
                "test.json:3:16: $.sizes[1]: expected a number, found string \"two\"",
                "test.json:4:13: $.inner.flag: expected true or false, found number 1",
                "test.json:4:24: $.inner.colour: unknown key \"colour\" in the inner part; known keys: flag, color",
            ])
        #expect(problems.map(\.code) == [.wrongType, .wrongType, .unknownKey])
        #expect(
            problems.map(\.fix) == ["write a number", "write true or false", "did you mean \"color\"? Keys are case-sensitive"])
    }

    @Test func nodesKnowTheirPaths() throws {
        var reader = JSONReader(file: "t.json")
        let parsed = reader.parse(Array(Self.text.utf8))
        let root = try #require(parsed)
        #expect(root.path.description == "$")
        #expect(root["inner"]?["colour"]?.path.description == "$.inner.colour")
        let sizes = try #require(root["sizes"])
        let read = reader.array(sizes, expected: "a list", fix: "")
        let elements = try #require(read)
        #expect(elements.map(\.path.description) == ["$.sizes[0]", "$.sizes[1]", "$.sizes[2]"])
        #expect(root["missing"] == nil)
        #expect(reader.problems.isEmpty)
    }

    @Test func unknownKeysWithoutALikelyMeaningAreToBeRemoved() {
        let problems = Self.read(#"{"name": "n", "weight": 3}"#)
        #expect(problems.map(\.message) == ["unknown key \"weight\" in the box; known keys: name, sizes, inner"])
        #expect(problems.map(\.fix) == ["remove it"])
    }

    @Test func missingKeysAreReportedAtTheObject() {
        let problems = Self.read("\n  {}")
        #expect(problems.map(\.description) == ["test.json:2:3: $.name: missing key \"name\""])
        #expect(problems.map(\.code) == [.missingKey])
    }

    @Test func wrongTypesDescribeTheValueFound() {
        #expect(Self.read("[1]").map(\.message) == ["expected an object for the box, found an array"])
        #expect(Self.read(#"{"name": null}"#).map(\.message) == ["expected a string (a name), found null"])
        #expect(Self.read(#"{"name": true}"#).map(\.message) == ["expected a string (a name), found boolean true"])
        #expect(Self.read(#"{"name": {}}"#).map(\.message) == ["expected a string (a name), found an object"])
        #expect(Self.read(#"{"name": 2.5}"#).map(\.message) == ["expected a string (a name), found number 2.5"])
    }

    @Test func invalidJSONIsReportedWhereTheParserStopped() {
        let problems = Self.read("{\n  \"name\": ,\n}")
        #expect(problems.map(\.code) == [.invalidJSON])
        #expect(problems.first?.line == 2)
        #expect(problems.first?.column != nil)
    }

    @Test func repeatedKeysAreReportedAtTheSecond() {
        let problems = Self.read(#"{"name": "a", "name": "b"}"#)
        #expect(problems.map(\.description) == [#"test.json:1:15: $.name: the key "name" appears more than once in this object"#])
        #expect(problems.map(\.code) == [.duplicateKey])
    }

    @Test func problemsBeyondTheLimitAreSummed() {
        var reader = JSONReader(file: "t.json", maximumProblemCount: 2)
        let bytes = Array(#"{"a": 1, "b": 2, "c": 3}"#.utf8)
        if let root = reader.parse(bytes), let object = reader.object(root, what: "it") {
            reader.checkKeys(of: object, allowed: [], in: "it")
        }
        reader.locateProblems(in: bytes)
        #expect(reader.problems.map(\.code) == [.unknownKey, .unknownKey, .tooManyErrors])
        #expect(reader.problems.last?.message == "more errors were found; only the first 2 are listed")
    }

    @Test func problemsAreSortedIntoDocumentOrder() {
        var reader = JSONReader(file: "t.json")
        let bytes = Array(#"{"a": 1, "b": 2}"#.utf8)
        if let root = reader.parse(bytes) {
            if let b = root["b"] { _ = reader.string(b, expected: "b") }
            if let a = root["a"] { _ = reader.string(a, expected: "a") }
        }
        reader.add(ConfigurationProblem(code: .invalidURL, file: "--url", path: nil, message: "m", fix: "f"))
        reader.locateProblems(in: bytes)
        #expect(reader.problems.map { $0.path?.description } == [nil, "$.a", "$.b"])
    }

    @Test func quotedKeysInPaths() {
        let problems = Self.read(#"{"my key": 1, "name": "n"}"#)
        #expect(
            problems.map(\.description) == [
                #"test.json:1:2: $["my key"]: unknown key "my key" in the box; known keys: name, sizes, inner"#
            ])
    }

    @Test(
        arguments: [
            ("plugn", ["plugin", "title"], "plugin"),
            ("TITLE", ["plugin", "title"], "title"),
            ("platform", ["plugin", "title"], nil),
            ("x", ["y"], "y"),
            ("ab", ["xyz"], nil),
        ] as [(String, [String], String?)])
    func suggestionsAreCloseMisspellings(text: String, candidates: [String], expected: String?) {
        #expect(SpellingSuggestion.closest(to: text, among: candidates) == expected)
    }

    @Test func editDistanceCountsEdits() {
        #expect(SpellingSuggestion.editDistance(Array("kitten"), Array("sitting")) == 3)
        #expect(SpellingSuggestion.editDistance([], Array("abc")) == 3)
        #expect(SpellingSuggestion.editDistance(Array("same"), Array("same")) == 0)
    }
}
