//! The rule codes. Each code is stable: once published it keeps its number and meaning.
//!
//! Each rule is declared, next to the checks that decide it, in a file of
//! `sfn-dsl/src/validate/rules/`; the registry below collects the declarations into [`Code`].
//!
//! Every variant's documentation says what the rule catches, shows a failing fragment and the fix.
//! `sfn validate`, `build()` and the `workflow!` macro report the same codes.

use crate::fields::{Field, names as k};
use std::fmt;

/// Collects the rule declarations of every file of `validate/rules/` (each file's `decls!`
/// hands its declarations on to the next file's, the last to the arm that generates [`Code`]).
macro_rules! registry {
    ([$($acc:tt)*] $next:path, $($rest:tt)*) => {
        $next! { [$($acc)*] $($rest)* }
    };
    ([$( $name:ident = $num:literal, $kind:ident $(($cat:ident, $level:ident))?, $title:literal,
        aws: $aws:literal, span: $span:ident, reads: $($together:ident)? [$($field:ident),*],
        what: $what:literal, failing: $failing:literal, fix: $fix:literal; )*]) => {
        /// A stable rule code (`SFN001` …).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Code {
            $(
                #[doc = concat!("`SFN", $num, "`: ", $what)]
                #[doc = ""]
                #[doc = concat!("Failing: ", $failing)]
                #[doc = ""]
                #[doc = concat!("Fix: ", $fix)]
                $name = number($num),
            )*
        }

        impl Code {
            /// Every code, in numeric order.
            pub const ALL: &'static [Code] = &sorted([$(Code::$name),*]);

            /// The code as written in reports, e.g. `"SFN011"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$name => concat!("SFN", $num),)* }
            }

            /// A short title of the rule.
            pub fn title(self) -> &'static str {
                match self { $(Code::$name => $title,)* }
            }

            /// What the rule catches and why it matters.
            pub fn what(self) -> &'static str {
                match self { $(Code::$name => $what,)* }
            }

            /// A fragment that breaks the rule.
            pub fn failing_example(self) -> &'static str {
                match self { $(Code::$name => $failing,)* }
            }

            /// How to fix a finding.
            pub fn fix(self) -> &'static str {
                match self { $(Code::$name => $fix,)* }
            }

            /// Whether the rule is an error (AWS refuses the definition) or a lint, with its
            /// category and default level.
            pub fn kind(self) -> RuleKind {
                match self { $(Code::$name => kind!($kind $(($cat, $level))?),)* }
            }

            /// The code of AWS's own validator (`ValidateStateMachineDefinition`) for the same
            /// problem, e.g. `"MISSING_TRANSITION_TARGET"`, when AWS has one.
            pub fn aws_code(self) -> Option<&'static str> {
                match self { $(Code::$name => Some($aws).filter(|c: &&str| !c.is_empty()),)* }
            }

            /// Looks a code up by its text (`"SFN011"`).
            pub fn from_code(s: &str) -> Option<Code> {
                match s { $(concat!("SFN", $num) => Some(Code::$name),)* _ => None }
            }

            /// The fields whose values the rule reads (empty for the rules about the document or
            /// about any field, such as an unknown field).
            pub fn reads(self) -> &'static [Field] {
                match self { $(Code::$name => &[$(Field::$field),*],)* }
            }

            /// The fields of one state that a rule reads together, for the rules that look at
            /// several (their findings are placed at one of them). `workflow!` leaves such a
            /// finding to run time only when one of these fields holds an interpolated value;
            /// every other rule reads only the field at its finding's pointer.
            pub fn cross_fields(self) -> &'static [&'static str] {
                match self { $(Code::$name => together!($($together)? [$($field),*]),)* }
            }

            /// True when the rule's findings are about a field's name or presence rather than
            /// its value (an unknown or misplaced field, a name, an unreachable state): reports
            /// underline the key (`sfn validate`) or the key's token (`workflow!`), not the value.
            /// (A finding about a whole object or array, such as a state, underlines its key
            /// whatever the rule.)
            pub fn about_key(self) -> bool {
                match self { $(Code::$name => span!($span),)* }
            }
        }
    };
}
pub(crate) use registry;

/// A declaration's kind.
macro_rules! kind {
    (error) => {
        RuleKind::Error
    };
    (lint($category:ident, $level:ident)) => {
        RuleKind::Lint {
            category: Category::$category,
            default: Level::$level,
        }
    };
}

/// A declaration's `reads` when the rule reads its fields together.
macro_rules! together {
    (together [$($field:ident),*]) => {
        &[$(k::$field),*]
    };
    ([$($field:ident),*]) => {
        &[]
    };
}

/// A declaration's `span`: true for the key.
macro_rules! span {
    (key) => {
        true
    };
    (value) => {
        false
    };
}

use crate::validate::rules as r;

registry! {
    []
    r::json::decls, r::schema::decls, r::graph::decls, r::names::decls, r::transitions::decls,
    r::choice::decls, r::error_names::decls, r::range::decls, r::timestamp::decls,
    r::paths::decls, r::jsonata::decls, r::query_language::decls, r::variables::decls, r::task_token::decls,
    r::payload::decls, r::distributed::decls, r::express::decls, r::lengths::decls, r::resource::decls,
}

/// The number of a declaration's code (`"011"` is 11): the discriminant, so that codes compare
/// in numeric order.
const fn number(digits: &str) -> isize {
    let b = digits.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        n = n * 10 + (b[i] - b'0') as isize;
        i += 1;
    }
    n
}

/// The codes in numeric order (the declarations are in file order).
const fn sorted<const N: usize>(mut codes: [Code; N]) -> [Code; N] {
    let mut i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && (codes[j - 1] as isize) > (codes[j] as isize) {
            codes.swap(j - 1, j);
            j -= 1;
        }
        i += 1;
    }
    codes
}

/// How the findings of a rule count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RuleKind {
    /// AWS refuses such a definition: always an error, whatever the levels say.
    Error,
    /// AWS accepts the definition, but it is probably a mistake: a lint, whose level the user
    /// controls ([`crate::levels::Levels`]).
    Lint {
        /// What kind of mistake it points at.
        category: Category,
        /// The level when the user sets none.
        default: Level,
    },
}

/// What kind of mistake a lint points at (as clippy's lint groups).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Category {
    /// The definition is accepted but cannot work as meant.
    Correctness,
    /// Probably a mistake, though it can be deliberate.
    Suspicious,
    /// A matter of style or readability.
    Style,
}

impl Category {
    /// The category's name in reports and docs.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Correctness => "correctness",
            Category::Suspicious => "suspicious",
            Category::Style => "style",
        }
    }
}

pub use crate::levels::Level;

impl Code {
    /// True for a lint (AWS accepts the definition), false for an error.
    pub fn is_lint(self) -> bool {
        matches!(self.kind(), RuleKind::Lint { .. })
    }

    /// The category of a lint; `None` for an error.
    pub fn category(self) -> Option<Category> {
        match self.kind() {
            RuleKind::Lint { category, .. } => Some(category),
            RuleKind::Error => None,
        }
    }

    /// The level a finding has when the user sets none: [`Level::Deny`] for errors.
    pub fn default_level(self) -> Level {
        match self.kind() {
            RuleKind::Lint { default, .. } => default,
            RuleKind::Error => Level::Deny,
        }
    }

    /// The severity findings of this rule have at its default level.
    pub fn default_severity(self) -> crate::Severity {
        match self.default_level() {
            Level::Warn | Level::Allow => crate::Severity::Warning,
            Level::Deny => crate::Severity::Error,
        }
    }

    /// The rule's level as written in reports and docs: `error`, or e.g. `lint (suspicious,
    /// warn by default)`.
    pub fn level_text(self) -> String {
        match self.kind() {
            RuleKind::Error => "error".to_owned(),
            RuleKind::Lint { category, default } => {
                format!(
                    "lint ({}, {} by default)",
                    category.as_str(),
                    default.as_str()
                )
            }
        }
    }
}

/// The rule reference in Markdown: the content of the repository's `docs/rules.md`.
pub fn reference_markdown() -> String {
    let mut s = String::from(
        "# sfn rules\n\nEvery finding of `sfn validate`, of `build()` and of the `workflow!` macro carries one of these\n\
         codes. A code keeps its number and meaning once published.\n\n\
         This file is generated from the rule declarations in `sfn-dsl/src/validate/rules/`; `cargo test`\n\
         fails when it is stale (regenerate with `SFN_BLESS=1 cargo test --test docs`).\n\n\
         An **error** is a definition AWS refuses: it cannot be allowed. A **lint** is a definition\n\
         AWS accepts that is probably a mistake; its level (`deny`, `warn`, `allow`) can be changed\n\
         with `sfn validate --deny CODE`, `--warn CODE`, `--allow CODE` and `--deny warnings`, with\n\
         `Generator::levels` and with the builder's `build_with`. The AWS column is the code of\n\
         AWS's own validator (`ValidateStateMachineDefinition`) for the same problem;\n\
         `sfn validate --format json` reports it as `aws_code`.\n\n\
         | code | level | AWS | title |\n|---|---|---|---|\n",
    );
    for c in Code::ALL {
        s.push_str(&format!(
            "| [{c}](#{}) | {} | {} | {} |\n",
            c.as_str().to_lowercase(),
            c.level_text(),
            c.aws_code().map_or("—".to_owned(), |a| format!("`{a}`")),
            c.title()
        ));
    }
    for c in Code::ALL {
        let aws = c
            .aws_code()
            .map_or(String::new(), |a| format!(", AWS: `{a}`"));
        s.push_str(&format!(
            "\n## {c}\n\n**{}** ({}{aws})\n\n{}\n\n- Failing: {}\n- Fix: {}\n",
            c.title(),
            c.level_text(),
            c.what(),
            c.failing_example(),
            c.fix()
        ));
        if let [first, rest @ ..] = c.reads() {
            s.push_str(&format!("- Reads: `{}`", first.name()));
            for f in rest {
                s.push_str(&format!(", `{}`", f.name()));
            }
            s.push_str(if c.cross_fields().is_empty() {
                "\n"
            } else {
                " (together)\n"
            });
        }
    }
    s
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for &c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate code {c}");
            assert_eq!(Code::from_code(c.as_str()), Some(c));
        }
        assert_eq!(Code::UnknownTarget.as_str(), "SFN011");
        assert_eq!(Code::from_code("SFN999"), None);
        assert!(
            Code::ALL
                .windows(2)
                .all(|w| w[0] < w[1] && w[0].as_str() < w[1].as_str())
        );
    }
}
