//! Numbers AWS bounds, and a heartbeat below the timeout.

use super::declare;

declare! {
    OutOfRange = "023", error, "number out of range", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: [IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, TimeoutSeconds, HeartbeatSeconds, Seconds, MaxConcurrency, ToleratedFailurePercentage, ToleratedFailureCount, MaxItems, MaxItemsPerBatch, MaxInputBytesPerBatch],
        what: "A number is outside what AWS accepts (e.g. `BackoffRate` < 1, `MaxAttempts` < 0, `TimeoutSeconds` < 1, `Seconds` > 99999999, `ToleratedFailurePercentage` > 100).",
        failing: "`\"BackoffRate\": 0.5`.",
        fix: "use a value in the range the message gives.";
    HeartbeatTimeout = "024", error, "HeartbeatSeconds not below TimeoutSeconds", aws: "SCHEMA_VALIDATION_FAILED",
        span: value, reads: together [TimeoutSeconds, HeartbeatSeconds, TimeoutSecondsPath, HeartbeatSecondsPath],
        what: "`HeartbeatSeconds` is not smaller than `TimeoutSeconds`.",
        failing: "`\"TimeoutSeconds\": 60, \"HeartbeatSeconds\": 60`.",
        fix: "a heartbeat below the timeout.";
}
