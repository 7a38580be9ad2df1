import NeuroAPI
import Testing

@testable import NeuroSim

@Suite struct PlayerTests {
    @Test func startupIsAcknowledgedWithTheConfiguredCharacter() throws {
        var harness = SessionHarness { $0.character = .evil }
        let effects = harness.send("startup")
        let command = try #require(effects.sentCommands.first)
        guard case .startupAcknowledgement(let session?) = command else {
            Issue.record("expected a startup acknowledgement, got \(command)")
            return
        }
        #expect(session.characterID == "evil")
        #expect(session.displayName == "Evil Neuro")
    }

    @Test func noAcknowledgementWithoutACharacter() {
        var harness = SessionHarness { $0.character = nil }
        #expect(harness.send("startup").sentCommands.isEmpty)
    }

    @Test func forceIsAnsweredAfterTheDelayWithAForcedAction() throws {
        var harness = SessionHarness()
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["jump"]))
        #expect(harness.effects.actions.isEmpty)
        #expect(harness.session.nextDeadline == .milliseconds(500))
        harness.advance(by: .milliseconds(499))
        #expect(harness.effects.actions.isEmpty)
        harness.advance(by: .milliseconds(1))
        let action = try #require(harness.effects.actions.first)
        #expect(action.name == "jump")
        let data = try #require(try action.parsedData())
        let height = try #require(data["height"]?.integerValue)
        #expect((1...3).contains(height))
        #expect(harness.session.statistics.forcedActionsSent == 1)
    }

    @Test func failedResultRetriesTheForce() throws {
        var harness = SessionHarness()
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["jump", "wait"]))
        harness.advance(by: .milliseconds(500))
        let first = try #require(harness.effects.actions.last)
        harness.send("action/result", data: #"{"id":"\#(first.id)","success":false,"message":"Not now"}"#)
        #expect(harness.effects.actions.count == 1)
        harness.advance(by: .milliseconds(500))
        let retry = try #require(harness.effects.actions.last)
        #expect(retry.id != first.id)
        #expect(["jump", "wait"].contains(retry.name))
        harness.send("action/result", data: #"{"id":"\#(retry.id)","success":true,"message":"Done."}"#)
        #expect(!harness.session.hasPendingForce)
        #expect(harness.session.statistics.forceRetries == 1)
        #expect(harness.session.statistics.failedResults == 1)
        #expect(harness.rules.isEmpty)
    }

    @Test func forcesArrivingWhileAResultIsPendingAreQueued() throws {
        var harness = SessionHarness { $0.unforcedActionRate = 10 }
        harness.startAndRegister()
        harness.advance(by: .milliseconds(100))
        let unforced = try #require(harness.effects.actions.first)
        harness.send("actions/force", data: SessionHarness.force(["wait"]))
        harness.advance(by: .seconds(5))
        #expect(harness.effects.actions.count == 1, "nothing is sent while a result is pending")
        harness.send("action/result", data: #"{"id":"\#(unforced.id)","success":true,"message":"Done."}"#)
        harness.advance(by: .milliseconds(500))
        let forced = try #require(harness.effects.actions.last)
        #expect(forced.name == "wait")
        #expect(harness.rules == [.forceWhileResultPending], "the game should have answered first")
    }

    @Test func unforcedActionsAtTheConfiguredRate() {
        var harness = SessionHarness { $0.unforcedActionRate = 2 }
        harness.startAndRegister()
        #expect(harness.session.nextDeadline == .milliseconds(500))
        for _ in 0..<4 {
            harness.advance(by: .milliseconds(500))
            if let action = harness.effects.actions.last {
                harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
            }
        }
        #expect(harness.effects.actions.count == 4)
        #expect(harness.session.statistics.forcedActionsSent == 0)
    }

    @Test func floodModeSendsTheNextActionAsSoonAsTheResultArrives() throws {
        var harness = SessionHarness { $0.isFlooding = true }
        harness.startAndRegister()
        for round in 1...50 {
            let action = try #require(harness.effects.actions.last)
            #expect(harness.effects.actions.count == round)
            harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        }
        #expect(harness.session.statistics.results == 50)
        #expect(harness.now == .zero, "no time had to pass")
    }

    @Test func aDataPoolReusesItsValuesUntilTheActionIsRegisteredAgain() throws {
        let register = #"""
            {"actions":[{"name":"pick","description":"Pick.","schema":{"type":"object","properties":{"n":{"type":"integer","minimum":0,"maximum":100000}},"required":["n"]}}]}
            """#
        let schema: JSONValue = [
            "type": "object", "properties": ["n": ["type": "integer", "minimum": 0, "maximum": 100000]], "required": ["n"],
        ]
        func play(_ harness: inout SessionHarness, rounds: Int) throws -> [String] {
            var seen: [String] = []
            for _ in 0..<rounds {
                let action = try #require(harness.effects.actions.last)
                #expect(action.name == "pick")
                _ = try action.validatedData(against: schema)
                seen.append(action.data ?? "")
                harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
            }
            return seen
        }
        var pooled = SessionHarness {
            $0.seed = 11
            $0.isFlooding = true
            $0.dataPoolSize = 4
        }
        pooled.send("startup")
        pooled.send("actions/register", data: register)
        let first = try play(&pooled, rounds: 60)
        #expect(Set(first).count <= 4)
        #expect(Set(first.dropFirst(4)).isSubset(of: Set(first.prefix(4))), "after 4 actions, only pooled values")
        // Registering again makes new values. (The action sent after the last result is
        // answered once the action is gone, so that no further one is sent from the old pool.)
        let outstanding = try #require(pooled.effects.actions.last)
        pooled.send("actions/unregister", data: #"{"action_names":["pick"]}"#)
        pooled.send("action/result", data: #"{"id":"\#(outstanding.id)","success":true,"message":"Done."}"#)
        #expect(pooled.effects.actions.last == outstanding, "nothing is sent while no action is registered")
        pooled.send("actions/register", data: register)
        let second = try play(&pooled, rounds: 60)
        #expect(Set(second).count <= 4)
        #expect(!Set(second).isSubset(of: Set(first)))

        var fresh = SessionHarness {
            $0.seed = 11
            $0.isFlooding = true
        }
        fresh.send("startup")
        fresh.send("actions/register", data: register)
        #expect(Set(try play(&fresh, rounds: 60)).count > 4, "without a pool, every action makes new data")
    }

    @Test func sameSeedPlaysTheSameGame() {
        func play(seed: UInt64) -> [NeuroAction] {
            var harness = SessionHarness {
                $0.seed = seed
                $0.isFlooding = true
                $0.badDataShare = 0.3
            }
            harness.startAndRegister()
            for _ in 0..<30 {
                guard let action = harness.effects.actions.last else { break }
                harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
            }
            return harness.effects.actions
        }
        #expect(play(seed: 7) == play(seed: 7))
        #expect(play(seed: 7) != play(seed: 8))
    }

    @Test func badDataIsSentAtTheConfiguredShare() throws {
        var harness = SessionHarness {
            $0.isFlooding = true
            $0.badDataShare = 1
        }
        harness.startAndRegister()
        var kinds: Set<String> = []
        for _ in 0..<60 {
            let action = try #require(harness.effects.actions.last)
            if !["jump", "wait"].contains(action.name) {
                kinds.insert("unknown name")
            } else if (try? action.parsedData()) == nil, action.data != nil {
                kinds.insert("invalid JSON")
            } else if action.name == "jump" {
                kinds.insert("off schema")
                let data = try #require(try action.parsedData())
                let height = data.objectValue?["height"]?.integerValue
                #expect(height.map { (1...3).contains($0) } != true, "off-schema data: \(data)")
            }
            harness.send("action/result", data: #"{"id":"\#(action.id)","success":false,"message":"Bad"}"#)
        }
        #expect(kinds == ["unknown name", "invalid JSON", "off schema"])
        #expect(harness.session.statistics.badActionsSent == harness.session.statistics.actionsSent)
        #expect(harness.session.statistics.badActionsAccepted == 0)
        #expect(harness.rules.isEmpty)
    }

    @Test func acceptedBadDataIsCounted() throws {
        var harness = SessionHarness {
            $0.isFlooding = true
            $0.badDataShare = 1
        }
        harness.startAndRegister()
        let action = try #require(harness.effects.actions.last)
        harness.send("action/result", data: #"{"id":"\#(action.id)","success":true,"message":"Done."}"#)
        #expect(harness.session.statistics.badActionsAccepted == 1)
    }

    @Test func dropsAfterTheConfiguredNumberOfMessages() {
        var harness = SessionHarness { $0.dropAfterMessages = 3 }
        harness.startAndRegister()
        #expect(!harness.effects.contains(.drop))
        harness.send("context", data: #"{"message":"hi","silent":true}"#)
        #expect(harness.effects.last == .drop)
        #expect(harness.session.isFinished)
    }

    @Test func dropsAtRandomWithTheConfiguredProbability() {
        var drops = 0
        for seed in UInt64(0)..<200 {
            var harness = SessionHarness {
                $0.seed = seed
                $0.dropProbability = 0.25
            }
            harness.send("startup")
            if harness.effects.contains(.drop) { drops += 1 }
        }
        #expect((25...75).contains(drops), "about a quarter of 200 connections drop on their first message")
    }

    @Test func inventedCommandsAreCountedUnderABoundedNumberOfKeys() {
        var harness = SessionHarness()
        harness.send("startup")
        for index in 0..<100 { harness.send("made/up/\(index)") }
        #expect(harness.session.statistics.messagesByCommand.count <= 33)
        #expect(harness.session.statistics.messages == 101)
    }

    @Test func reregisterAllOnConnectLikeRandy() {
        var harness = SessionHarness { $0.sendsReregisterAllOnConnect = true }
        #expect(harness.session.start(at: .zero) == [.send(.reregisterAllActions)])
    }

    @Test func startupClearsRegisteredActions() {
        var harness = SessionHarness()
        harness.startAndRegister()
        #expect(harness.session.registeredNames == ["jump", "wait"])
        harness.send("startup")
        #expect(harness.session.registeredNames.isEmpty)
        harness.send("actions/register", data: SessionHarness.jumpAndWait)
        #expect(harness.diagnosedRules == [.multipleStartups], "registering again after startup is no duplicate")
    }

    @Test func reregisterAllForgetsActionsAndForces() {
        var harness = SessionHarness()
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["jump"]))
        harness.session.noteSent(.reregisterAllActions, at: harness.now)
        #expect(harness.session.registeredNames.isEmpty)
        #expect(!harness.session.hasPendingForce)
        harness.send("actions/register", data: SessionHarness.jumpAndWait)
        harness.send("actions/force", data: SessionHarness.force(["jump"]))
        #expect(harness.rules.isEmpty)
    }

    @Test func forceWhoseActionsWereUnregisteredIsDropped() {
        var harness = SessionHarness()
        harness.startAndRegister()
        harness.send("actions/force", data: SessionHarness.force(["jump"]))
        harness.send("actions/unregister", data: #"{"action_names":["jump"]}"#)
        harness.advance(by: .seconds(1))
        #expect(harness.effects.actions.isEmpty)
        #expect(!harness.session.hasPendingForce)
    }
}
