extension ConformanceRule {
    /// What the diagnostic means, in one sentence (the documentation's table).
    public var summary: String {
        switch self {
        case .invalidJSON: "A text frame that is not valid JSON."
        case .notAnObject: "A JSON frame that is not an object."
        case .binaryFrame: "A binary frame; the protocol uses text frames only."
        case .unknownCommand: "A command that is not part of the game API."
        case .invalidFields: "A missing, extra or mistyped key in the envelope, a command's data or an action."
        case .messageBeforeStartup: "A message before the connection's first `startup`."
        case .gameChanged: "The `game` title changes on a connection."
        case .multipleStartups: "A second `startup` on one connection."
        case .lateStartup: "`startup` more than 500 ms (configurable) after connecting."
        case .duplicateGameClient: "A second connection with the title of a game still connected."
        case .invalidActionName: "An action name that is empty or outside `a-z 0-9 _ -`."
        case .invalidSchema: "A schema that is not an object schema or not a valid JSON schema; the action is dropped."
        case .discouragedSchemaKeyword: "A schema keyword on the official list of keywords Neuro handles badly."
        case .unsupportedSchemaKeyword: "Any other schema keyword outside what Neuro handles (`uniqueItems`, `contains`, …)."
        case .nullSchema: "`\"schema\": null` (the Python reference's habit; Neuro accepts it); leave the key out."
        case .emptySchema: "`\"schema\": {}`; leave the key out."
        case .emptyDescription: "An empty or blank action description."
        case .unsatisfiableSchema: "A schema no valid data could be generated for."
        case .duplicateRegistration: "A registered name registered again (before 2026-08-20)."
        case .identicalReregistration: "A registered action registered again unchanged (since 2026-08-20)."
        case .actionRegisteredByOtherGame: "An action name another connected game registered too."
        case .missingReregistration: "No `actions/register` within 5 s (configurable) of `actions/reregister_all`."
        case .emptyUnregister: "`actions/unregister` with no names."
        case .unregisterUnknown: "Unregistering a name never registered."
        case .unregisterInactive: "Unregistering a name already unregistered."
        case .emptyForce: "A force with no action names."
        case .forceUnregisteredAction: "A force naming actions that are not registered."
        case .forceWhilePending: "A force while one of the game's forces is pending."
        case .forceWhileResultPending: "A force while an action awaits the game's result."
        case .forceWhileOtherGamePending: "A force while another game's force is pending (one slot per character)."
        case .forceAfterShutdownReady: "A force after `shutdown/ready`."
        case .unknownResultID: "A result for an id never sent."
        case .duplicateResult: "A second result for one id."
        case .resultTimeout: "No result within 20 s (30 s before 2026-08-21; configurable); Neuro takes the action as failed."
        case .resultAfterTimeout: "A result after its timeout; Neuro discards it."
        case .lateResult: "A result more than 500 ms (configurable) after its action."
        case .failureWithoutMessage: "A failed result without a message."
        case .successWithoutMessage: "A successful result without a message saying what changed (since 2026-08-21)."
        case .mentionsUnregisteredAction:
            "A force `query`/`state` or a result message naming in backticks an action not registered."
        case .contextMentionsUnregisteredAction:
            "A context message naming in backticks an action still not registered when Neuro next acts."
        case .missingShutdownReady: "No `shutdown/ready` within 10 s (configurable) of a shutdown request."
        }
    }

    /// The names under which Tony 2.2.1 reports the same thing; empty when it does not.
    /// Tony's two errors have no name and are quoted in parentheses.
    public var tonyNames: [String] {
        switch self {
        case .invalidFields: ["ACTION_ADDITIONAL_PROPERTIES"]
        case .unknownCommand: ["UNKNOWN_COMMAND"]
        case .messageBeforeStartup: ["GAME_NAME_NOT_REGISTERED"]
        case .gameChanged: ["GAME_NAME_MISMATCH"]
        case .multipleStartups: ["MULTIPLE_STARTUPS"]
        case .duplicateGameClient: ["(error: another client is already registered as this game)"]
        case .invalidActionName: ["ACTION_NAME_INVALID"]
        case .invalidSchema: ["(error: invalid Draft-7 schema)"]
        case .discouragedSchemaKeyword, .unsupportedSchemaKeyword: ["ACTION_SCHEMA_UNSUPPORTED"]
        case .nullSchema: ["ACTION_SCHEMA_NULL"]
        case .unsatisfiableSchema: ["JSF_FAILED"]
        case .duplicateRegistration, .identicalReregistration, .actionRegisteredByOtherGame: ["ACTION_NAME_CONFLICT"]
        case .emptyUnregister: ["EMPTY_UNREGISTER"]
        case .forceUnregisteredAction: ["ACTIONS_FORCE_INVALID"]
        case .failureWithoutMessage: ["NO_ERROR_MESSAGE"]
        default: []
        }
    }

    /// The ids under which Gary reports the same thing; empty when it does not.
    public var garyNames: [String] {
        switch self {
        case .invalidJSON, .notAnObject, .binaryFrame, .invalidFields: ["prot/invalid_message"]
        case .messageBeforeStartup: ["prot/startup/missing"]
        case .gameChanged: ["prot/v1/game_renamed"]
        case .multipleStartups: ["prot/startup/multiple"]
        case .lateStartup: ["perf/late/startup"]
        case .invalidSchema: ["prot/schema/type_object"]
        case .discouragedSchemaKeyword: ["prot/schema/unsupported_keywords", "prot/schema/additionalProperties"]
        case .unsupportedSchemaKeyword: ["prot/schema/unsupported_keywords"]
        case .emptySchema: ["prot/schema/prefer_omit_to_empty"]
        case .emptyDescription: ["prot/action/no_desc"]
        case .duplicateRegistration: ["prot/v1/register/conflict", "perf/register/identical_duplicate"]
        case .identicalReregistration: ["perf/register/identical_duplicate"]
        case .unregisterUnknown: ["prot/unregister/unknown"]
        case .unregisterInactive: ["prot/unregister/inactive"]
        case .emptyForce: ["prot/force/empty"]
        case .forceUnregisteredAction: ["prot/force/some_invalid", "prot/force/all_invalid"]
        case .forceWhilePending: ["prot/force/multiple"]
        case .forceWhileResultPending: ["prot/force/while_pending_result"]
        case .unknownResultID, .duplicateResult, .resultAfterTimeout: ["prot/result/unexpected"]
        case .resultTimeout: ["perf/timeout/action_result"]
        case .lateResult: ["perf/late/action_result"]
        case .failureWithoutMessage: ["prot/result/error_nomessage"]
        default: []
        }
    }
}
