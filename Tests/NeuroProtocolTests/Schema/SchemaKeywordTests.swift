import Testing

@testable import NeuroProtocol

@Suite struct SchemaKeywordTests {
    @Test(arguments: SchemaKeyword.allCases)
    func everyKeywordIsRecognisedByItsName(_ keyword: SchemaKeyword) {
        #expect(SchemaKeyword(keyword.name) == keyword)
    }

    @Test(arguments: [
        "", "t", "types", "Type", "mininum", "maximun", "exclusiveMinimun", "exclusiveMaximun", "anyof", "allOF", "items ",
        "description", "title", "$ref", "format", "additionalItems", "minContains", "uniqueItemz", "propertyNames",
    ])
    func otherNamesAreNotKeywords(_ name: String) {
        #expect(SchemaKeyword(name) == nil)
    }
}
