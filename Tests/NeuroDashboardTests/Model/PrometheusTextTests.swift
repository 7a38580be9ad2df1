import Testing

/// The parser the metrics test relies on refuses what Prometheus refuses.
@Suite struct PrometheusTextTests {
    @Test func readsSamplesWithEscapedLabels() throws {
        let text = #"""
            # TYPE a_total counter
            a_total{game="x \"y\" \\ z"} 3
            h_bucket{le="+Inf"} 2
            g 1.5
            """#
        let parsed = try PrometheusText(parsing: text)
        #expect(parsed.types["a_total"] == "counter")
        #expect(parsed.value("a_total", ["game": #"x "y" \ z"#]) == 3)
        #expect(parsed.value("h_bucket", ["le": "+Inf"]) == 2)
        #expect(parsed.value("g") == 1.5)
    }

    @Test(arguments: ["9a 1", "a{b=c} 1", "a{b=\"c\"}", "a one", "a{b=\"c} 1", "# TYPE a thing"])
    func refusesBrokenLines(line: String) {
        #expect(throws: PrometheusText.Problem.self) { try PrometheusText(parsing: line) }
    }
}
