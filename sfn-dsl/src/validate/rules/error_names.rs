//! The error names of `Retry` and `Catch` (`ErrorEquals`).

use super::prelude::*;

const STATES_ALL: &str = "States.ALL";

declare! {
    StatesAllPosition = "021", error, "States.ALL not alone or not last", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: together [Retry, Catch],
        what: "`States.ALL` must be the only error name of its retrier or catcher and that entry must be last.",
        failing: "`\"ErrorEquals\": [\"States.ALL\", \"States.Timeout\"]`.",
        fix: "a separate, last entry.";
    EmptyErrorEquals = "022", error, "empty ErrorEquals", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [ErrorEquals],
        what: "`ErrorEquals` is empty or holds an empty name.",
        failing: "`\"ErrorEquals\": []`.",
        fix: "list at least one error name.";
    SuspiciousErrorName = "042", lint(Suspicious, Warn), "error name that cannot be right", aws: "", span: value, reads: [ErrorEquals],
        what: "An `ErrorEquals` name is one character long, or has leading or trailing whitespace. AWS accepts it, but no error is named like that, so the entry never matches; a list of one-character names is usually a name split into its characters (`\"States.ALL\".chars()`).",
        failing: "`\"ErrorEquals\": [\"S\", \"t\", \"a\", \"t\", \"e\", \"s\", \".\", \"A\", \"L\", \"L\"]`.",
        fix: "`\"ErrorEquals\": [\"States.ALL\"]` (in Rust: `Catch::on(errors::ALL)`).";
}

impl<'m> Validator<'m> {
    pub(crate) fn error_lists<'a>(
        &mut self,
        at: &dyn Fn() -> Pointer,
        field: &str,
        lists: impl ExactSizeIterator<Item = &'a Vec<String>>,
    ) {
        let n = lists.len();
        for (i, names) in lists.enumerate() {
            // Pointers only for findings.
            let ep = || at().push(field).push(i).push(k::ErrorEquals);
            if names.is_empty() {
                self.report(
                    Code::EmptyErrorEquals,
                    ep(),
                    "`ErrorEquals` is empty",
                    "list at least one error name, e.g. \"States.TaskFailed\" or \"States.ALL\"",
                );
                continue;
            }
            for (j, name) in names.iter().enumerate() {
                if name.is_empty() {
                    self.report(
                        Code::EmptyErrorEquals,
                        ep().push(j),
                        "an error name is empty",
                        "remove it or name an error",
                    );
                }
            }
            self.suspicious_error_names(&ep, names);
            if let Some(pos) = names.iter().position(|n| n == STATES_ALL) {
                if names.len() > 1 {
                    self.report(
                        Code::StatesAllPosition,
                        ep().push(pos),
                        "\"States.ALL\" must be the only error name of its entry",
                        format!(
                            "move \"States.ALL\" into a {field} entry of its own, after the others"
                        ),
                    );
                } else if i + 1 != n {
                    self.report(Code::StatesAllPosition, ep().push(pos), format!("the {field} entry with \"States.ALL\" must be the last one"), format!("move this entry to the end of `{field}`: entries after it are never used"));
                }
            }
        }
    }
    /// SFN042: names of one character (all of them: a name split into characters) or with
    /// whitespace around them.
    pub(crate) fn suspicious_error_names(&mut self, ep: &dyn Fn() -> Pointer, names: &[String]) {
        let one_char = |n: &String| n.chars().count() == 1;
        if names.len() > 1 && names.iter().all(one_char) {
            let joined: String = names.concat();
            self.report(Code::SuspiciousErrorName, ep(), format!("every error name is one character: this looks like \"{joined}\" split into its characters"), format!(
                    "write one name: [\"{joined}\"] (in Rust, `Catch::on(\"{joined}\")` or `Retry::on(\"{joined}\")`, not `.chars()`)"
                ));
            return;
        }
        for (j, name) in names.iter().enumerate() {
            let trimmed = name.trim();
            if one_char(name) {
                self.report(
                    Code::SuspiciousErrorName,
                    ep().push(j),
                    format!(
                        "the error name {name:?} is one character long; no error is named like that"
                    ),
                    "name the whole error, e.g. \"States.TaskFailed\"",
                );
            } else if trimmed.is_empty() && !name.is_empty() {
                self.report(
                    Code::SuspiciousErrorName,
                    ep().push(j),
                    format!(
                        "the error name {name:?} is only whitespace; no error is named like that"
                    ),
                    "name the whole error, e.g. \"States.TaskFailed\"",
                );
            } else if trimmed.len() != name.len() {
                self.report(
                    Code::SuspiciousErrorName,
                    ep().push(j),
                    format!(
                        "the error name {name:?} has whitespace around it, so it matches no error"
                    ),
                    format!("write {trimmed:?}"),
                );
            }
        }
    }
}
