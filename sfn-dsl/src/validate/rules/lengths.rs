//! Lists that must not be empty, strings AWS bounds, and a Map `Label`'s characters and
//! uniqueness.

use super::prelude::*;

declare! {
    EmptyCollection = "037", error, "empty list", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Branches],
        what: "A Parallel state has no branches, or a field that must not be empty is empty.",
        failing: "`\"Branches\": []`.",
        fix: "add a branch.";
    StringLength = "038", error, "string too long or empty", aws: "SCHEMA_VALIDATION_FAILED", span: value, reads: [Label, Resource],
        what: "A string field is longer or shorter than AWS allows (e.g. `Label` over 40 characters).",
        failing: "a 50-character `Label`.",
        fix: "shorten it.";
    InvalidCharacter = "039", error, "character not allowed in a name", aws: "INVALID_LABEL_NAME", span: value, reads: [Label],
        what: "A Map `Label` contains a character AWS does not allow in names: whitespace, brackets (`<>{}[]`), wildcards (`?*`), the special characters `\"#%\\^|~$&,;:/` and the backtick, or a control character. AWS rejects the definition (the label becomes part of the child executions' names).",
        failing: "`\"Label\": \"batch {1}\"`.",
        fix: "`\"Label\": \"batch-1\"`.";
    DuplicateLabel = "044", error, "Label used by two Map states", aws: "DUPLICATE_LABEL_NAME", span: value, reads: [Label],
        what: "Two Map states of the machine have the same `Label`. AWS requires labels to be unique (its validator's `DUPLICATE_LABEL_NAME`): the label names the Map Runs and the child executions of a Distributed Map.",
        failing: "`\"Label\": \"batch\"` on two Distributed Maps.",
        fix: "give each Map its own label.";
}

impl<'m> Validator<'m> {
    /// A Map `Label`: 1 to 40 characters AWS allows in names (`at` makes its pointer).
    pub(crate) fn label(&mut self, at: &dyn Fn() -> Pointer, label: &str) {
        let n = label.chars().count();
        if n == 0 {
            self.report(
                Code::StringLength,
                at().as_str(),
                "`Label` is empty",
                "give the label 1 to 40 characters, or remove `Label`",
            );
        } else if let Some((offset, c)) = label.char_indices().find(|&(_, c)| !label_char(c)) {
            self.push(
                Diagnostic::new(
                    Code::InvalidCharacter,
                    at().as_str(),
                    format!("`Label` \"{label}\" contains {}, which AWS does not allow in a label", describe_char(c)),
                )
                .with_help("use letters, digits, `-`, `_` and `.`; AWS forbids whitespace, brackets, wildcards, the characters \" # % \\ ^ | ~ ` $ & , ; : / and control characters")
                .at_offset(offset),
            );
        }
        if n > 0 {
            let here = at();
            match self.labels.get(label) {
                Some(first) => self.report(
                    Code::DuplicateLabel,
                    here.as_str(),
                    format!("`Label` \"{label}\" is also the label of the Map state at {first}"),
                    "AWS requires each Map's label to be unique: rename one of them",
                ),
                None => {
                    self.labels
                        .insert(label.to_owned(), here.as_str().to_owned());
                }
            }
        }
        if n > 40 {
            self.report(
                Code::StringLength,
                at().as_str(),
                format!("`Label` is {n} characters long; AWS allows at most 40"),
                "shorten the label; it prefixes the names of the child executions",
            );
        }
    }

    /// A Task's `Resource`: not empty.
    pub(crate) fn empty_resource(&mut self, at: &dyn Fn() -> Pointer, resource: &str) {
        if resource.is_empty() {
            self.report(Code::StringLength, at().push(k::Resource).as_str(), "`Resource` is empty", "name a Lambda function ARN, an activity ARN or an integration such as \"arn:aws:states:::lambda:invoke\"");
        }
    }

    /// A Parallel state's `Branches`: at least one.
    pub(crate) fn empty_branches(&mut self, at: &dyn Fn() -> Pointer, branches: &[Branch]) {
        if branches.is_empty() {
            self.report(
                Code::EmptyCollection,
                at().push(k::Branches).as_str(),
                "`Branches` is empty",
                "a Parallel state needs at least one branch",
            );
        }
    }
}

/// True for a character AWS allows in a Map `Label` (the rules of execution names:
/// <https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html>).
fn label_char(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(c))
}

/// "the character `{`", "a space", "the control character U+0007" for messages.
fn describe_char(c: char) -> String {
    match c {
        ' ' => "a space".into(),
        c if c.is_whitespace() => format!("the whitespace character U+{:04X}", c as u32),
        c if c.is_control() || ('\u{7f}'..='\u{9f}').contains(&c) => {
            format!("the control character U+{:04X}", c as u32)
        }
        c => format!("the character `{c}`"),
    }
}

/// A Map `Label` checked as [`validate`](super::super::validate) checks it (`SFN038`,
/// `SFN039`), the findings at `/Label` (relative to the state): for code that makes a Map from
/// settings of its own and reports their mistakes before it builds anything, such as the
/// Distributed Map template of `sfn-codegen`.
///
/// ```
/// let findings = sfn::validate::map_label("batch {1}");
/// assert_eq!(findings[0].code, sfn::Code::InvalidCharacter);
/// assert_eq!(findings[0].pointer, "/Label");
/// ```
pub fn map_label(label: &str) -> Vec<Diagnostic> {
    let mut v = Validator::default();
    v.label(&|| Pointer::root().push(k::Label), label);
    v.diags
}
