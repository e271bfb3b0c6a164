//! The span tree → the [`Source`] the importer reads, and an index from JSON pointers back to
//! the tokens.
//!
//! An interpolated Rust expression becomes a value only known at run time
//! ([`Source::run_time`]): the importer takes it where a field's value may come from Rust and
//! reports it where the shape of the definition depends on it (`Type`, `Next`, `States`, …);
//! the rules that read it wait for run time (see [`super::check`]).

use super::parse::{Input, Interp, Node, Str};
use proc_macro2::Span;
use sfn_dsl::__workflow::Source;
use sfn_dsl::diagnostic::escape_pointer_token;
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

/// One key or value of the input, found by its JSON pointer.
pub struct Place<'t> {
    /// The key of the member, when the value is an object member.
    pub key: Option<&'t Str>,
    /// The value.
    pub node: &'t Node,
}

/// An interpolated expression and where it is.
pub struct Dyn<'t> {
    /// The expression.
    pub interp: &'t Interp,
    /// Set when the expansion has placed the expression.
    pub used: Cell<bool>,
}

/// The result of lowering.
pub struct Lowered<'t> {
    /// The definition as the importer reads it.
    pub source: Source,
    /// Every key and value by pointer.
    pub places: HashMap<String, Place<'t>>,
    /// Every interpolated value by pointer.
    pub dyns: BTreeMap<String, Dyn<'t>>,
    /// The span for findings about the whole definition.
    pub root_span: Span,
}

/// Lowers the parsed input.
pub fn lower(input: &Input) -> Lowered<'_> {
    let mut out = Lowered {
        source: Source::null(),
        places: HashMap::new(),
        dyns: BTreeMap::new(),
        root_span: input.span,
    };
    out.places.insert(
        String::new(),
        Place {
            key: None,
            node: &input.root,
        },
    );
    out.source = out.value(&input.root, "");
    out
}

impl<'t> Lowered<'t> {
    /// The source of `node` at `ptr`, recording its members, items and interpolations.
    fn value(&mut self, node: &'t Node, ptr: &str) -> Source {
        match node {
            Node::Object(o) => Source::object(
                o.members
                    .iter()
                    .map(|m| {
                        let child = format!("{ptr}/{}", escape_pointer_token(&m.key.value));
                        let v = self.child(Some(&m.key), &m.value, child);
                        (m.key.value.clone(), v)
                    })
                    .collect(),
            ),
            Node::Array(a) => Source::array(
                a.items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| self.child(None, item, format!("{ptr}/{i}")))
                    .collect(),
            ),
            Node::Str(s) => Source::string(s.value.clone()),
            Node::Scalar(s) => s.value.clone(),
            Node::Expr(e) => {
                let d = Dyn {
                    interp: e,
                    used: Cell::new(false),
                };
                self.dyns.insert(ptr.to_owned(), d);
                Source::run_time()
            }
            // Already reported; the importer sees a `null`.
            Node::Invalid => Source::null(),
        }
    }

    fn child(&mut self, key: Option<&'t Str>, node: &'t Node, ptr: String) -> Source {
        let v = self.value(node, &ptr);
        self.places.insert(ptr, Place { key, node });
        v
    }
}
