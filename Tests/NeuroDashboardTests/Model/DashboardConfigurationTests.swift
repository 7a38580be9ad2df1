import NeuroDashboard
import Testing

@Suite struct DashboardConfigurationTests {
    @Test(arguments: [
        ("8080", "127.0.0.1", 8080), ("0", "127.0.0.1", 0), ("0.0.0.0:9000", "0.0.0.0", 9000),
        ("[::1]:7000", "::1", 7000), ("localhost:1", "localhost", 1),
    ])
    func parsesHostAndPort(text: String, host: String, port: Int) throws {
        let parsed = try DashboardConfiguration.parse(address: text)
        #expect(parsed.host == host)
        #expect(parsed.port == port)
    }

    @Test(arguments: ["", "http", "1.2.3.4:", ":80", "70000", "host:port"])
    func refusesOtherAddresses(text: String) {
        #expect(throws: DashboardError.self) { try DashboardConfiguration.parse(address: text) }
    }

    @Test func anAddressOtherThanLoopbackNeedsAToken() throws {
        #expect(throws: DashboardError.self) { try DashboardConfiguration(host: "0.0.0.0").validate() }
        #expect(throws: DashboardError.self) { try DashboardConfiguration(host: "192.0.2.1", token: "").validate() }
        try DashboardConfiguration(host: "0.0.0.0", token: "secret").validate()
        try DashboardConfiguration(host: "127.0.0.1").validate()
        try DashboardConfiguration(host: "::1").validate()
        #expect(DashboardConfiguration(host: "127.1.2.3").isLoopback)
        #expect(!DashboardConfiguration(host: "10.0.0.1").isLoopback)
    }
}
