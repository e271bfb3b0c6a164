//! Variables (`Assign`) and their scopes: a Parallel branch or a Map iteration sees the
//! variables of the scopes around it, and what it assigns stays inside it.

use serde_json::{Map, Value};
use std::rc::Rc;

/// The variables visible at one point of an execution: a chain of scopes, innermost last.
/// Scopes are shared with the inner scopes made from them, so a Map iteration does not copy
/// the variables around it.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vars {
    frames: Vec<Rc<Map<String, Value>>>,
}

impl Vars {
    /// The value of `$name`, looked up from the innermost scope out.
    pub(crate) fn get(&self, name: &str) -> Option<&Value> {
        self.frames.iter().rev().find_map(|f| f.get(name))
    }

    /// Sets a variable of the innermost scope.
    pub(crate) fn set(&mut self, name: String, value: Value) {
        if self.frames.is_empty() {
            self.frames.push(Rc::default());
        }
        if let Some(f) = self.frames.last_mut() {
            // Copies the scope only while an inner scope made from it is alive, which does
            // not happen: a Parallel or Map state assigns once its branches are done.
            Rc::make_mut(f).insert(name, value);
        }
    }

    /// A new inner scope (of a Parallel branch or a Map iteration) that sees these variables.
    pub(crate) fn child(&self) -> Vars {
        let mut frames = Vec::with_capacity(self.frames.len() + 1);
        frames.extend(self.frames.iter().cloned());
        frames.push(Rc::default());
        Vars { frames }
    }

    /// Every visible variable, the inner ones hiding the outer ones (for JSONata bindings).
    pub(crate) fn visible(&self) -> Map<String, Value> {
        let mut all = Map::new();
        for f in &self.frames {
            for (k, v) in f.iter() {
                all.insert(k.clone(), v.clone());
            }
        }
        all
    }
}
