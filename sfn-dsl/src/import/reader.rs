//! The plumbing of the importer: JSON pointers built without allocation, the diagnostics
//! context and an object reader that reports unknown fields with "did you mean".

use crate::diagnostic::{Diagnostic, escape_pointer_token};
use crate::fields::names as k;
use crate::json::node::{Node, Object};
use crate::rules::Code;

/// One step of a JSON pointer.
#[derive(Clone, Copy)]
pub(crate) enum Tok<'a> {
    Key(&'a str),
    Idx(usize),
}

/// A JSON pointer as a linked list on the stack; it becomes a string only when reported.
#[derive(Clone, Copy)]
pub(crate) struct At<'a> {
    parent: Option<&'a At<'a>>,
    tok: Option<Tok<'a>>,
}

impl<'a> At<'a> {
    pub(crate) fn root() -> At<'static> {
        At {
            parent: None,
            tok: None,
        }
    }

    pub(crate) fn key<'b>(&'b self, k: &'b str) -> At<'b> {
        At {
            parent: Some(self),
            tok: Some(Tok::Key(k)),
        }
    }

    pub(crate) fn idx(&self, i: usize) -> At<'_> {
        At {
            parent: Some(self),
            tok: Some(Tok::Idx(i)),
        }
    }

    pub(crate) fn pointer(&self) -> String {
        let mut toks = Vec::new();
        let mut cur = Some(self);
        while let Some(at) = cur {
            if let Some(t) = at.tok {
                toks.push(t);
            }
            cur = at.parent;
        }
        let mut s = String::new();
        for t in toks.iter().rev() {
            s.push('/');
            match t {
                Tok::Key(k) => s.push_str(&escape_pointer_token(k)),
                Tok::Idx(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }
}

/// Collects the findings of one import.
#[derive(Default)]
pub(crate) struct Cx {
    pub(crate) diags: Vec<Diagnostic>,
    /// The machine's states, when the reader handed them over one by one.
    pub(crate) streamed: Option<super::Streamed>,
}

impl Cx {
    pub(crate) fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub(crate) fn err(
        &mut self,
        code: Code,
        at: &At<'_>,
        msg: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags.push(Diagnostic::new(code, at.pointer(), msg));
        self.diags.last_mut().expect("just pushed")
    }

    pub(crate) fn wrong_type(
        &mut self,
        at: &At<'_>,
        field: &str,
        expected: &str,
        found: &Node<'_>,
    ) {
        if let Node::Runtime = found {
            return self.not_at_run_time(at, field, expected);
        }
        // An entry of a list field is named with its index: `Branches[0]`, not `Branches`.
        let name = match at.tok {
            Some(Tok::Idx(i)) if !field.ends_with(']') => format!("{field}[{i}]"),
            _ => field.to_string(),
        };
        self.err(
            Code::WrongType,
            at,
            format!("`{name}` must be {expected}, found {}", describe(found)),
        )
        .help = Some(match found {
            Node::String(s)
                if s.parse::<f64>().is_ok()
                    && (expected.contains("number") || expected.contains("integer")) =>
            {
                "write the number without quotes".to_string()
            }
            _ => format!("write {expected} here"),
        });
    }
}

impl Cx {
    /// A value only known at run time (interpolated into `workflow!`) where the definition's
    /// shape needs the value itself: a transition, the `Type`, an enumeration, an object or an
    /// array the importer has to read (`expected`). Reported as [`Code::WrongType`] at the value.
    fn not_at_run_time(&mut self, at: &At<'_>, field: &str, expected: &str) {
        // The key as written (`Not`, a state's name), where messages of literals name the field.
        let field = match at.tok {
            Some(Tok::Key(key)) => key,
            _ => field,
        };
        let (message, help) = if matches!(at.tok, Some(Tok::Idx(_))) {
            (
                "this entry must be written out in `workflow!`, not interpolated".to_owned(),
                "write the entry as a JSON object; Rust expressions can be used for its values"
                    .to_owned(),
            )
        } else if expected == STATE {
            (
                format!("the state \"{field}\" must be written out in `workflow!`, not interpolated"),
                "write the state as a JSON object; Rust expressions can be used for its field values".to_owned(),
            )
        } else if matches!(field, k::Next | k::Default | k::StartAt) {
            (
                format!("`{field}` must be a string literal in `workflow!`: transitions are checked at compile time"),
                "name the state as a literal, e.g. `\"Next\": \"Wait\"`; for targets only known at run time, use `sfn::builder`".to_owned(),
            )
        } else if expected.starts_with("an object") || expected.starts_with("an array") {
            (
                format!("`{field}` must be written out in `workflow!`, not interpolated"),
                format!(
                    "write `\"{field}\"` as JSON; Rust expressions can be used for the values inside it"
                ),
            )
        } else {
            (
                format!(
                    "`{field}` must be written literally in `workflow!`: it decides how the definition is checked"
                ),
                format!(
                    "write `\"{field}\"` as a JSON value; Rust expressions can be used for paths, payloads, ARNs, numbers and texts"
                ),
            )
        };
        self.err(Code::WrongType, at, message).help = Some(help);
    }
}

/// What [`Obj::new`] expects of a state, so that a state only known at run time is named as such.
const STATE: &str = "a state object";

/// "a string", "the number 5", … for messages.
pub(crate) fn describe(v: &Node<'_>) -> String {
    match v {
        Node::Null => "null".into(),
        Node::Bool(b) => format!("the boolean {b}"),
        Node::Number(n) => format!("the number {n}"),
        Node::String(s) if s.chars().count() <= 40 => format!("the string \"{s}\""),
        Node::String(_) => "a string".into(),
        Node::Array(_) => "an array".into(),
        Node::Object(_) => "an object".into(),
        Node::Runtime => "a value only known at run time".into(),
    }
}

/// The closest candidate by edit distance, when it is close enough to be a typo.
pub(crate) fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lower = word.to_ascii_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::jaro_winkler(&lower, &c.to_ascii_lowercase());
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, c));
        }
    }
    best.map(|(_, c)| c)
}

/// [`describe`] for a [`Literal`](crate::payload::Literal).
pub(crate) fn describe_value(v: &crate::payload::Literal) -> String {
    match v {
        crate::payload::Literal::Array(_) => "an array".into(),
        crate::payload::Literal::Object(_) => "an object".into(),
        scalar => describe(&Node::from_literal(scalar)),
    }
}

/// Reads the fields of one JSON object, remembering which names the caller asked for so that
/// every other key is reported as unknown.
pub(crate) struct Obj<'v, 'p> {
    pub(crate) map: &'v Object<'v>,
    pub(crate) at: At<'p>,
    known: Known,
    /// Bit `i` is set when member `i` was asked for (objects of up to [`SEEN_BITS`] members):
    /// lets [`finish`](Self::finish) see that nothing is unknown without comparing keys.
    seen: u64,
    /// One bit per (first byte, length) class of the member names (see [`signature`]): a name
    /// whose bit is clear is not a member, which most names asked for are not.
    signature: u64,
    /// Names accepted all at once by [`allow_matching`](Self::allow_matching) (Choice rule
    /// operators), offered with the asked names in "did you mean".
    also: &'static [&'static str],
    /// "a Task state", "a Retry entry", … for messages.
    pub(crate) what: &'static str,
}

/// The bit of a name in [`Obj`]'s signature.
#[inline]
fn signature(name: &str) -> u64 {
    let first = name.as_bytes().first().map_or(0, |&b| usize::from(b));
    1 << ((first * 7 + name.len()) % 64)
}

/// Objects with more members than this are checked for unknown keys by comparing names.
const SEEN_BITS: usize = 64;

/// How many asked-for names [`Known`] keeps without allocating (a Map state asks for the most).
const KNOWN_INLINE: usize = 32;

/// The names an object reader was asked for, in order: inline, on the heap only past
/// [`KNOWN_INLINE`] (one allocation less per JSON object read).
struct Known {
    len: usize,
    inline: [&'static str; KNOWN_INLINE],
    spill: Vec<&'static str>,
}

impl Known {
    fn new() -> Self {
        Known {
            len: 0,
            inline: [""; KNOWN_INLINE],
            spill: Vec::new(),
        }
    }

    fn push(&mut self, key: &'static str) {
        if self.len < KNOWN_INLINE {
            self.inline[self.len] = key;
            self.len += 1;
        } else {
            self.spill.push(key);
        }
    }

    fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.inline[..self.len].iter().chain(&self.spill).copied()
    }

    fn contains(&self, key: &str) -> bool {
        self.iter().any(|k| k == key)
    }
}

impl<'v, 'p> Obj<'v, 'p> {
    /// `None` (after reporting) when `v` is not an object.
    pub(crate) fn new(
        cx: &mut Cx,
        v: &'v Node<'v>,
        at: At<'p>,
        field: &str,
        what: &'static str,
    ) -> Option<Self> {
        match v {
            Node::Object(map) => Some(Obj {
                map,
                at,
                known: Known::new(),
                seen: 0,
                signature: map.keys().fold(0, |sig, k| sig | signature(k)),
                also: &[],
                what,
            }),
            other => {
                let expected = match other {
                    Node::Runtime if what == "a state" => STATE,
                    _ => "an object",
                };
                cx.wrong_type(&at, field, expected, other);
                None
            }
        }
    }

    /// The value of `key`, if present; marks the key as known. Inlined: most names asked for
    /// are not members, which the signature tells without a call.
    #[inline(always)]
    pub(crate) fn get(&mut self, key: &'static str) -> Option<&'v Node<'v>> {
        self.known.push(key);
        if self.signature & signature(key) == 0 {
            return None;
        }
        self.member(key)
    }

    /// The value of `key`, whose signature bit is set.
    #[inline(never)]
    fn member(&mut self, key: &'static str) -> Option<&'v Node<'v>> {
        if self.map.len() > SEEN_BITS {
            return self.map.get(key);
        }
        let (i, (_, v)) = self.map.iter().enumerate().find(|(_, (k, _))| *k == key)?;
        self.seen |= 1 << i;
        Some(v)
    }

    /// Marks keys as handled without reading them.
    pub(crate) fn allow(&mut self, keys: &[&'static str]) {
        for &key in keys {
            self.get(key);
        }
    }

    /// Marks every member for which `accepts` holds as known, without asking for each of
    /// `names` (the names `accepts` holds for) in turn; `names` still feed "did you mean".
    pub(crate) fn allow_matching(
        &mut self,
        names: &'static [&'static str],
        accepts: impl Fn(&str) -> bool,
    ) {
        self.also = names;
        for (i, k) in self.map.keys().enumerate().take(SEEN_BITS) {
            if accepts(k) {
                self.seen |= 1 << i;
            }
        }
    }

    /// True when `key` is present (marks it known).
    pub(crate) fn has(&mut self, key: &'static str) -> bool {
        self.get(key).is_some()
    }

    /// Reports every key that was never asked for.
    pub(crate) fn finish(self, cx: &mut Cx) {
        let known = |k: &str| self.known.contains(k) || self.also.contains(&k);
        let all_seen = if self.map.len() <= SEEN_BITS {
            self.seen.count_ones() as usize == self.map.len()
        } else {
            self.map.keys().all(known)
        };
        if all_seen {
            return;
        }
        for key in self.map.keys() {
            if known(key) {
                continue;
            }
            let at = self.at.key(key);
            let mut d = Diagnostic::new(
                Code::UnknownField,
                at.pointer(),
                format!("unknown field `{key}` in {}", self.what),
            );
            if let Some(s) = did_you_mean(key, self.known.iter().chain(self.also.iter().copied())) {
                d = d.with_help(format!("did you mean `{s}`?"));
            } else if let Some(owners) = crate::fields::Field::from_name(key).map(|f| f.owners()) {
                d = d.with_help(format!(
                    "`{key}` is only allowed in {owners}; remove it here"
                ));
            } else {
                let mut fields: Vec<&str> =
                    self.known.iter().chain(self.also.iter().copied()).collect();
                fields.sort_unstable();
                fields.dedup();
                d = d.with_help(format!(
                    "the fields of {} are: {}",
                    self.what,
                    fields.join(", ")
                ));
            }
            cx.push(d);
        }
    }
}
