import Testing

@Suite struct VersionTests {
    @Test func helpListsExitCodes() throws {
        let r = try CLIRunner.run(["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Exit codes"))
    }

    @Test func unknownCommandIsUsageError() throws {
        let r = try CLIRunner.run(["no-such-command"])
        #expect(r.status == 64)
    }
}
