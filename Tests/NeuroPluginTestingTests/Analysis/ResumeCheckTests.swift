import NeuroAPI
import Testing

@testable import NeuroPluginTesting

/// The resume check on frames written by hand: a session always resumes, so these are the
/// only way to see the check fail.
@Suite struct ResumeCheckTests {
    static let call = Action(name: "call", description: "Call the coin.")
    static let peek = Action(name: "peek", description: "Peek at the coin.")
    static let check = ResumeCheck(actionNames: ["call", "peek"], forceActionNames: ["call"])

    static func recording(_ commands: [GameCommand]) -> ConnectionRecording {
        ConnectionRecording(stage: .reconnect, sent: commands.map { $0.encoded(game: "Coin") }, received: [])
    }

    static let force = GameCommand.forceActions(ActionForce(query: "Call it.", actionNames: ["call"]))
    static let result = GameCommand.actionResult(ActionResult(id: "sim-1", isSuccess: true, message: "ok"))

    @Test func aCompleteResumePasses() {
        let frames: [GameCommand] = [.startup, .registerActions([Self.call, Self.peek]), Self.force, Self.result]
        #expect(Self.check.problems(in: Self.recording(frames)).isEmpty)
    }

    @Test func startupMustComeFirst() {
        let frames: [GameCommand] = [.registerActions([Self.call, Self.peek]), .startup, Self.force]
        #expect(
            Self.check.problems(in: Self.recording(frames)) == [
                "the first frame after reconnecting was \"actions/register\", not \"startup\""
            ])
    }

    @Test func everyOfferedActionMustBeRegisteredBeforeTheFirstAnswer() {
        let frames: [GameCommand] = [
            .startup, .registerActions([Self.call]), Self.force, Self.result, .registerActions([Self.peek]),
        ]
        #expect(Self.check.problems(in: Self.recording(frames)) == ["after reconnecting, the game did not register `peek` again"])
    }

    @Test func theForceMustBeSentAgain() {
        let frames: [GameCommand] = [.startup, .registerActions([Self.call, Self.peek]), Self.result]
        #expect(
            Self.check.problems(in: Self.recording(frames)) == [
                "after reconnecting, the game did not send its force (`call`) again"
            ])
        let other = GameCommand.forceActions(ActionForce(query: "Peek.", actionNames: ["peek"]))
        let wrong: [GameCommand] = [.startup, .registerActions([Self.call, Self.peek]), other]
        #expect(
            Self.check.problems(in: Self.recording(wrong)) == [
                "after reconnecting, the game forced `peek`, not its force (`call`)"
            ])
    }

    @Test func nothingSentIsAProblem() {
        #expect(Self.check.problems(in: Self.recording([])) == ["the game sent nothing on the connection after the drop"])
    }

    @Test func aGameWithoutAForceNeedsNone() {
        let check = ResumeCheck(actionNames: ["call"], forceActionNames: nil)
        #expect(check.problems(in: Self.recording([.startup, .registerActions([Self.call])])).isEmpty)
    }
}

extension ResumeCheckTests {
    /// Blackjack's resume: the first answer unregisters the actions it used up just before it.
    @Test func actionsUsedUpByTheFirstAnswerWereStillRegisteredAgain() {
        let frames: [GameCommand] = [
            .startup, .registerActions([Self.call, Self.peek]), Self.force, .unregisterActions(["call", "peek"]), Self.result,
        ]
        #expect(Self.check.problems(in: Self.recording(frames)).isEmpty)
    }
}
