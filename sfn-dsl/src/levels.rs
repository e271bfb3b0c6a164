//! Lint levels: which findings fail a check, which only warn, and which are not reported.
//!
//! Every rule is either an **error** (AWS refuses the definition; it always fails and cannot be
//! allowed) or a **lint** (AWS accepts the definition, but it is probably a mistake) with a
//! default [`Level`]. [`Levels`] changes the level of lints, as `-D`/`-W`/`-A` do for rustc and
//! clippy; [`Levels::apply`] turns a validator's findings into what the user asked for.
//!
//! ```
//! use sfn::levels::{Level, Levels};
//! use sfn::Code;
//!
//! let mut levels = Levels::new();
//! levels.deny_warnings().allow(Code::MissingTaskToken)?;
//! assert_eq!(levels.level(Code::LiteralLooksLikePath), Level::Deny); // a warning, denied
//! assert_eq!(levels.level(Code::MissingTaskToken), Level::Allow);
//! // An error is what AWS refuses: it cannot be allowed.
//! let err = levels.allow(Code::UnknownTarget).unwrap_err();
//! assert!(err.to_string().contains("SFN011 is an error"));
//! # Ok::<(), sfn::levels::LevelError>(())
//! ```

use std::fmt;

use crate::diagnostic::{Diagnostic, Severity};
use crate::rules::Code;

/// The level of a lint, as rustc's lint levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not reported.
    Allow,
    /// Reported as a warning: the check still passes.
    Warn,
    /// Reported as an error: the check fails.
    Deny,
}

impl Level {
    /// `"allow"`, `"warn"` or `"deny"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Allow => "allow",
            Level::Warn => "warn",
            Level::Deny => "deny",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A level that cannot be set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LevelError {
    /// The code is an error (AWS refuses such a definition): it is always denied.
    NotALint(Code),
    /// No rule has this code.
    UnknownCode(String),
}

impl fmt::Display for LevelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LevelError::NotALint(code) => write!(
                f,
                "{code} is an error, not a lint: AWS refuses such a definition ({}), so its level cannot be changed",
                code.title()
            ),
            LevelError::UnknownCode(text) => write!(
                f,
                "unknown rule code {text:?}: codes look like SFN011 (see docs/rules.md), or use `warnings` for every warning"
            ),
        }
    }
}

impl std::error::Error for LevelError {}

/// The level of each lint: the defaults, changed by the user.
///
/// Specific settings ([`allow`](Levels::allow), [`warn`](Levels::warn),
/// [`deny`](Levels::deny) of one code) win over [`deny_warnings`](Levels::deny_warnings),
/// whatever the order they were made in; a later setting of the same code replaces an earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Levels {
    set: Vec<(Code, Level)>,
    deny_warnings: bool,
}

impl Levels {
    /// Every lint at its default level.
    pub fn new() -> Self {
        Levels::default()
    }

    /// Sets the level of a lint; an error code is a [`LevelError::NotALint`].
    pub fn set(&mut self, code: Code, level: Level) -> Result<&mut Self, LevelError> {
        if !code.is_lint() {
            return Err(LevelError::NotALint(code));
        }
        self.put(code, level);
        Ok(self)
    }

    /// Records a lint's level, replacing an earlier one.
    fn put(&mut self, code: Code, level: Level) {
        self.set.retain(|(c, _)| *c != code);
        self.set.push((code, level));
    }

    /// `--allow CODE`: the lint is not reported.
    pub fn allow(&mut self, code: Code) -> Result<&mut Self, LevelError> {
        self.set(code, Level::Allow)
    }

    /// `--warn CODE`: the lint is a warning.
    pub fn warn(&mut self, code: Code) -> Result<&mut Self, LevelError> {
        self.set(code, Level::Warn)
    }

    /// `--deny CODE`: the lint fails the check.
    pub fn deny(&mut self, code: Code) -> Result<&mut Self, LevelError> {
        self.set(code, Level::Deny)
    }

    /// `--deny warnings`: every lint that would warn fails the check instead (one set to a
    /// level of its own keeps it).
    pub fn deny_warnings(&mut self) -> &mut Self {
        self.deny_warnings = true;
        self
    }

    /// Adds `other`'s settings on top of these (its settings of a code win; its
    /// `deny_warnings` turns this one's on).
    pub fn merge(&mut self, other: &Levels) -> &mut Self {
        for &(code, level) in &other.set {
            self.put(code, level);
        }
        self.deny_warnings |= other.deny_warnings;
        self
    }

    /// Reads one command-line setting: `level` applied to `what`, a code (`SFN034`) or, for
    /// `deny`, `warnings`.
    pub fn set_text(&mut self, level: Level, what: &str) -> Result<&mut Self, LevelError> {
        if what == "warnings" && level == Level::Deny {
            return Ok(self.deny_warnings());
        }
        let code =
            Code::from_code(what.trim()).ok_or_else(|| LevelError::UnknownCode(what.to_owned()))?;
        self.set(code, level)
    }

    /// The level findings of `code` have.
    pub fn level(&self, code: Code) -> Level {
        if !code.is_lint() {
            return Level::Deny;
        }
        if let Some((_, level)) = self.set.iter().rev().find(|(c, _)| *c == code) {
            return *level;
        }
        match code.default_level() {
            Level::Warn if self.deny_warnings => Level::Deny,
            level => level,
        }
    }

    /// The levels set for single codes, in the order they were set.
    pub fn settings(&self) -> impl Iterator<Item = (Code, Level)> + '_ {
        self.set.iter().copied()
    }

    /// True after [`deny_warnings`](Levels::deny_warnings).
    pub fn denies_warnings(&self) -> bool {
        self.deny_warnings
    }

    /// True when every lint is at its default level.
    pub fn is_default(&self) -> bool {
        self.set.is_empty() && !self.deny_warnings
    }

    /// The findings at these levels: allowed ones dropped, the others with the severity of
    /// their level.
    pub fn apply(&self, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
        if self.is_default() {
            return diags;
        }
        diags
            .into_iter()
            .filter_map(|mut d| {
                d.severity = match self.level(d.code) {
                    Level::Allow => return None,
                    Level::Warn => Severity::Warning,
                    Level::Deny => Severity::Error,
                };
                Some(d)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_cannot_be_changed_and_lints_can() {
        let mut l = Levels::new();
        for &code in Code::ALL {
            assert_eq!(l.set(code, Level::Allow).is_ok(), code.is_lint(), "{code}");
        }
        assert_eq!(l.level(Code::UnknownTarget), Level::Deny);
        assert_eq!(l.level(Code::MissingTaskToken), Level::Allow);
    }

    #[test]
    fn specific_settings_win_over_deny_warnings() {
        let mut l = Levels::new();
        l.allow(Code::MissingTaskToken).unwrap();
        l.deny_warnings();
        assert_eq!(l.level(Code::MissingTaskToken), Level::Allow);
        assert_eq!(l.level(Code::LiteralLooksLikePath), Level::Deny);
        l.warn(Code::LiteralLooksLikePath).unwrap();
        assert_eq!(l.level(Code::LiteralLooksLikePath), Level::Warn);
    }

    #[test]
    fn text_settings() {
        let mut l = Levels::new();
        l.set_text(Level::Deny, "warnings").unwrap();
        l.set_text(Level::Allow, "SFN034").unwrap();
        assert_eq!(l.level(Code::LiteralLooksLikePath), Level::Allow);
        assert!(matches!(
            l.set_text(Level::Allow, "SFN999"),
            Err(LevelError::UnknownCode(_))
        ));
        assert!(matches!(
            l.set_text(Level::Allow, "warnings"),
            Err(LevelError::UnknownCode(_))
        ));
        assert_eq!(
            l.set_text(Level::Allow, "SFN011").unwrap_err(),
            LevelError::NotALint(Code::UnknownTarget)
        );
    }

    #[test]
    fn apply_drops_allowed_and_sets_severity() {
        let d = |code| Diagnostic::new(code, "/States/A", "m");
        let mut l = Levels::new();
        l.allow(Code::SuspiciousErrorName).unwrap();
        l.deny(Code::MissingTaskToken).unwrap();
        let out = l.apply(vec![
            d(Code::SuspiciousErrorName),
            d(Code::MissingTaskToken),
            d(Code::LiteralLooksLikePath),
            d(Code::UnknownTarget),
        ]);
        let got: Vec<_> = out.iter().map(|d| (d.code, d.severity)).collect();
        assert_eq!(
            got,
            [
                (Code::MissingTaskToken, Severity::Error),
                (Code::LiteralLooksLikePath, Severity::Warning),
                (Code::UnknownTarget, Severity::Error),
            ]
        );
    }
}
