//! The graph rules of a scope: `StartAt`, transition targets, reachability, a way out, states.

use super::declare;

declare! {
    StartAtMissing = "010", error, "StartAt names no state", aws: "MISSING_TRANSITION_TARGET",
        span: value, reads: [StartAt],
        what: "`StartAt` names no state of its `States`.",
        failing: "`{\"StartAt\": \"Frist\", \"States\": {\"First\": …}}`.",
        fix: "name an existing state.";
    UnknownTarget = "011", error, "transition to a state that does not exist", aws: "MISSING_TRANSITION_TARGET",
        span: value, reads: [Next, Default, Choices, Catch],
        what: "`Next`, `Default` or a Catch's `Next` names a state that does not exist in the same scope. Parallel branches and Map processors are scopes of their own: no transition crosses them.",
        failing: "`\"Next\": \"Wiat\"` when the state is `\"Wait\"`.",
        fix: "name a state of the same scope.";
    Unreachable = "012", error, "unreachable state", aws: "MISSING_TRANSITION_TARGET",
        span: key, reads: [StartAt, Next, Default, Choices, Catch],
        what: "A state that no path from `StartAt` reaches. AWS rejects such definitions.",
        failing: "a state no `Next`, `Default`, Choice rule or Catch points to.",
        fix: "link or delete it.";
    NoTerminal = "013", error, "no reachable terminal state", aws: "MISSING_END_STATE",
        span: value, reads: [StartAt, Next, End, Type],
        what: "No terminal state (`End: true`, Succeed, Fail) is reachable, so every execution loops forever.",
        failing: "`A → B → A`.",
        fix: "give the loop an exit.";
    EmptyStates = "036", error, "no states", aws: "MISSING_TRANSITION_TARGET",
        span: value, reads: [States],
        what: "A `States` object has no states.",
        failing: "`\"States\": {}`.",
        fix: "add at least one state.";
}
