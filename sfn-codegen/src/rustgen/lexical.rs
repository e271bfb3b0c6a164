//! The lexical layer of generated Rust: string literals, number literals and identifiers.

use std::collections::HashSet;

/// Rust keywords (strict, reserved and edition-2024), which cannot be plain identifiers.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "static", "struct", "super", "trait", "true", "try", "type", "typeof",
    "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// The longest identifier made of several words.
const MAX_IDENT: usize = 40;

/// Names clippy rejects as placeholders (`disallowed_names`), treated like keywords.
const PLACEHOLDERS: &[&str] = &["foo", "baz", "quux"];

/// True for a Rust keyword (`type`, `match`, `gen`, …) or a name clippy rejects (`foo`).
pub(crate) fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s) || PLACEHOLDERS.contains(&s)
}

/// A character that must be escaped in a string literal: controls, and the invisible or
/// direction-changing characters that make source misleading (rustc rejects bidi controls in
/// literals).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
        )
}

/// A Rust string literal whose value is `s`.
///
/// Plain `"…"` when nothing needs escaping; a raw string `r"…"`/`r#"…"#` when the text holds
/// quotes or backslashes but no control characters (JSONata and regular expressions stay
/// readable); otherwise `"…"` with escapes. `{` and `}` are never escaped: generated code does
/// not pass strings through `format!`.
///
/// ```
/// use sfn::rustgen::string_literal;
///
/// assert_eq!(string_literal("Hello {}"), r#""Hello {}""#);
/// assert_eq!(string_literal(r#"{% $x = "a" %}"#), r##"r#"{% $x = "a" %}"#"##);
/// assert_eq!(string_literal("a\\d"), r#"r"a\d""#);
/// assert_eq!(string_literal("line\n\"two\""), r#""line\n\"two\"""#);
/// assert_eq!(string_literal("注文"), "\"注文\"");
/// ```
pub fn string_literal(s: &str) -> String {
    let special = s.contains(['"', '\\']);
    let control = s.chars().any(needs_escape);
    if !special && !control {
        return format!("\"{s}\"");
    }
    if !control {
        let mut hashes = 0;
        while s.contains(&format!("\"{}", "#".repeat(hashes))) {
            hashes += 1;
        }
        let h = "#".repeat(hashes);
        return format!("r{h}\"{s}\"{h}");
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The Rust literal for a JSON number, typed so that it converts into the intended value:
/// `3`, `3_000_000_000_i64`, `18446744073709551615_u64`, `2.5`, `1e21`.
///
/// Integers that fit in `i32` are plain (the type integer literals default to); larger ones
/// carry a suffix, because `Into<PayloadValue>` has several integer impls and an unsuffixed
/// literal would be an `i32` that overflows.
pub(crate) fn number_literal(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        if i32::try_from(i).is_ok() {
            int_literal(i)
        } else {
            format!("{}_i64", group_digits(i))
        }
    } else if let Some(u) = n.as_u64() {
        format!("{u}_u64")
    } else {
        float_literal(n.as_f64().unwrap_or(0.0))
    }
}

/// An integer literal, with `_` separators from six digits on (`86400`, `172_800`), as
/// clippy's `unreadable_literal` wants them.
pub(crate) fn int_literal(i: i64) -> String {
    if i.unsigned_abs() >= 100_000 {
        group_digits(i)
    } else {
        i.to_string()
    }
}

/// `1234567890` → `1_234_567_890`.
fn group_digits(i: i64) -> String {
    let digits = i.unsigned_abs().to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push('_');
        }
        out.push(c);
    }
    if i < 0 { format!("-{out}") } else { out }
}

/// An `f64` literal that reads back as the same value: `2.0`, `0.25`, `1e21`, `-1.5e-7`.
pub(crate) fn float_literal(f: f64) -> String {
    let s = format!("{f:?}");
    if s.contains(['.', 'e', 'E']) || !f.is_finite() {
        s
    } else {
        format!("{s}.0")
    }
}

/// Splits a name into lower-case ASCII words: on everything that is not a letter or digit,
/// and at camel-case boundaries (`getHTTPStatus2` → `get`, `http`, `status2`). Accented Latin
/// letters lose their accent (`Résumé` → `resume`); other characters separate words.
fn words(name: &str) -> Vec<String> {
    let mut chars: Vec<char> = Vec::with_capacity(name.len());
    for c in name.chars() {
        match fold_latin(c) {
            Some(s) => chars.extend(s.chars()),
            None if c.is_ascii_alphanumeric() => chars.push(c),
            None => chars.push(' '),
        }
    }
    let mut words = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next.is_some_and(|n| n.is_ascii_lowercase()))
            });
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c.to_ascii_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The ASCII spelling of an accented Latin letter (`é` → `e`, `ß` → `ss`), keeping its case.
fn fold_latin(c: char) -> Option<&'static str> {
    const TABLE: &[(&str, &str)] = &[
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐ", "D"),
        ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭįı", "i"),
        ("ŁĹĻĽ", "L"),
        ("łĺļľ", "l"),
        ("ÑŃŅŇ", "N"),
        ("ñńņň", "n"),
        ("ÒÓÔÕÖØŌŎŐ", "O"),
        ("òóôõöøōŏő", "o"),
        ("ŔŘ", "R"),
        ("ŕř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ŢŤ", "T"),
        ("ţť", "t"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("ÝŸ", "Y"),
        ("ýÿ", "y"),
        ("ŹŻŽ", "Z"),
        ("źżž", "z"),
        ("ß", "ss"),
        ("Æ", "AE"),
        ("æ", "ae"),
        ("Œ", "OE"),
        ("œ", "oe"),
    ];
    if c.is_ascii() {
        return None;
    }
    TABLE
        .iter()
        .find(|(from, _)| from.contains(c))
        .map(|&(_, to)| to)
}

/// A snake_case Rust identifier derived from a name, for a variable or a function.
///
/// Words are split at non-alphanumeric characters and camel-case boundaries, accents are
/// dropped, other non-ASCII characters separate words; words after the 40th character are
/// left out. A name that starts with a digit gets
/// `prefix_` in front, a name with no ASCII letter or digit at all becomes `prefix`, and a
/// keyword (or a placeholder name clippy rejects, `foo`) gets a trailing `_` (`type` →
/// `type_`).
pub(crate) fn snake_identifier(name: &str, prefix: &str) -> String {
    let mut ident = String::new();
    for word in words(name) {
        // Long names keep their first words (up to 40 characters, at least one word).
        if !ident.is_empty() && ident.len() + 1 + word.len() > MAX_IDENT {
            break;
        }
        if !ident.is_empty() {
            ident.push('_');
        }
        ident.push_str(&word);
    }
    if ident.is_empty() {
        return prefix.to_string();
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident = format!("{prefix}_{ident}");
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// The variable name `sfn import` gives a state: snake_case, ASCII, at most 40 characters
/// unless its first word is longer, never a keyword.
///
/// ```
/// use sfn::rustgen::identifier;
///
/// assert_eq!(identifier("Submit Job"), "submit_job");
/// assert_eq!(identifier("Job Complete?"), "job_complete");
/// assert_eq!(identifier("StartPipelineExecution"), "start_pipeline_execution");
/// assert_eq!(identifier("type"), "type_");
/// assert_eq!(identifier("1st step"), "state_1st_step");
/// assert_eq!(identifier("Résumé"), "resume");
/// assert_eq!(identifier("注文"), "state");
/// ```
pub fn identifier(name: &str) -> String {
    snake_identifier(name, "state")
}

/// Gives out distinct identifiers within one Rust scope.
///
/// ```
/// use sfn::rustgen::Identifiers;
///
/// let mut ids = Identifiers::new(["m"]);
/// assert_eq!(ids.fresh("Submit Job"), "submit_job");
/// assert_eq!(ids.fresh("submit-job"), "submit_job_2");
/// assert_eq!(ids.fresh("M"), "m_2");
/// assert_eq!(ids.fresh("処理"), "state");
/// assert_eq!(ids.fresh("確認"), "state_2");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Identifiers {
    used: HashSet<String>,
}

impl Identifiers {
    /// A scope in which the `reserved` names are already taken.
    pub fn new<'a>(reserved: impl IntoIterator<Item = &'a str>) -> Self {
        Identifiers {
            used: reserved.into_iter().map(str::to_string).collect(),
        }
    }

    /// A new identifier for `name` ([`identifier`]), with `_2`, `_3`, … appended when that
    /// one is taken.
    pub fn fresh(&mut self, name: &str) -> String {
        self.unique(identifier(name))
    }

    /// `base`, or `base` with `_2`, `_3`, … appended when that one is taken.
    pub fn unique(&mut self, base: String) -> String {
        let mut candidate = base.clone();
        let mut n = 2;
        while !self.used.insert(candidate.clone()) {
            candidate = format!("{base}_{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn camel_and_acronyms() {
        assert_eq!(identifier("getHTTPStatus2"), "get_http_status2");
        assert_eq!(identifier("Step1Done"), "step1_done");
        assert_eq!(identifier("ABC"), "abc");
        assert_eq!(identifier("  --  "), "state");
        assert_eq!(identifier("Wait 10 Seconds"), "wait_10_seconds");
        assert_eq!(
            identifier("Store Event and Product Entity state changes in the Event Store"),
            "store_event_and_product_entity_state"
        );
    }

    #[test]
    fn numbers() {
        let n = |s: &str| number_literal(&serde_json::from_str(s).unwrap());
        assert_eq!(n("3"), "3");
        assert_eq!(n("86400"), "86400");
        assert_eq!(n("172800"), "172_800");
        assert_eq!(n("-2147483648"), "-2_147_483_648");
        assert_eq!(n("3000000000"), "3_000_000_000_i64");
        assert_eq!(n("-3000000000"), "-3_000_000_000_i64");
        assert_eq!(n("18446744073709551615"), "18446744073709551615_u64");
        assert_eq!(n("2.0"), "2.0");
        assert_eq!(n("0.25"), "0.25");
        assert_eq!(n("1e21"), "1e21");
    }

    #[test]
    fn escapes() {
        assert_eq!(string_literal("tab\there"), "\"tab\\there\"");
        assert_eq!(string_literal("\u{202E}x"), "\"\\u{202e}x\"");
        assert_eq!(string_literal("a\"#b"), "r##\"a\"#b\"##");
    }
}
