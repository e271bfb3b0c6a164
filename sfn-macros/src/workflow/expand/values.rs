//! Field values: strings, paths, expressions, payload templates, JSON, `X`/`XPath` fields.

use super::*;
use sfn_dsl::path::{Expr, Path};
use sfn_dsl::payload::{Literal, PayloadValue};

impl Gen<'_, '_> {
    pub(super) fn opt_string(&self, ptr: &str, v: &Option<String>) -> Option<TokenStream> {
        let v = self.string(ptr, v.as_ref()?);
        Some(quote!(::core::option::Option::Some(#v)))
    }

    /// A string: the literal, or the interpolated value at `ptr` converted at run time.
    pub(super) fn string(&self, ptr: &str, s: &str) -> TokenStream {
        self.string_by(ptr, s, "string")
    }

    /// A string: the literal, or the interpolated value at `ptr` converted by `__sfn_w::conv`.
    fn string_by(&self, ptr: &str, s: &str, conv: &str) -> TokenStream {
        let conv = ident(conv);
        match self.dynamic(ptr) {
            Some(e) => quote!(__sfn_w::#conv(#e)),
            None => {
                let s = lit(s);
                quote!(__sfn_w::s(#s))
            }
        }
    }

    /// A list of strings (`ErrorEquals`, `CSVHeaders`) at `ptr`, each written as by `string`.
    pub(super) fn strings(&self, ptr: &str, list: &[String]) -> TokenStream {
        let items =
            (list.iter().enumerate()).map(|(i, s)| self.string(&push(ptr, &i.to_string()), s));
        quote!(::std::vec![#(#items),*])
    }

    pub(super) fn path(&self, ptr: &str, p: &Path) -> TokenStream {
        self.text(ptr, p.as_str(), "path")
    }

    pub(super) fn expr(&self, ptr: &str, x: &Expr) -> TokenStream {
        self.text(ptr, x.as_str(), "expr")
    }

    /// A path or an expression (`conv`: `path`, `expr`): its text, or the interpolated value at
    /// `ptr` converted and checked at run time.
    fn text(&self, ptr: &str, text: &str, conv: &str) -> TokenStream {
        let conv = ident(conv);
        match self.dynamic(ptr) {
            Some(e) => {
                let cx = cx();
                quote!(#cx.#conv(#ptr, #e))
            }
            None => {
                let t = lit(text);
                quote!(__sfn_w::#conv(#t))
            }
        }
    }

    pub(super) fn nullable(&self, ptr: &str, v: &Option<Nullable<Path>>) -> Option<TokenStream> {
        Some(match v.as_ref()? {
            Nullable::Null => quote!(__sfn_w::null_path()),
            Nullable::Value(p) => match self.dynamic(ptr) {
                Some(_) => {
                    let p = self.path(ptr, p);
                    quote!(::core::option::Option::Some(__sfn_w::model::Nullable::Value(#p)))
                }
                None => {
                    let t = lit(p.as_str());
                    quote!(__sfn_w::npath(#t))
                }
            },
        })
    }

    pub(super) fn opt_payload(&self, ptr: &str, v: &Option<PayloadValue>) -> Option<TokenStream> {
        let p = self.payload(ptr, v.as_ref()?);
        Some(quote!(::core::option::Option::Some(#p)))
    }

    pub(super) fn payload(&self, ptr: &str, v: &PayloadValue) -> TokenStream {
        if let Some(e) = self.dynamic(ptr) {
            return if ptr.ends_with(".$") {
                let cx = cx();
                quote!(__sfn_w::P::Expr(#cx.expr(#ptr, #e)))
            } else {
                quote!(__sfn_w::payload(#e))
            };
        }
        match v {
            PayloadValue::Literal(j) => {
                let j = self.json(ptr, j);
                quote!(__sfn_w::P::Literal(#j))
            }
            PayloadValue::Object(members) => {
                let items = members.iter().map(|(k, v)| {
                    let key = if matches!(v, PayloadValue::Expr(_)) {
                        format!("{k}.$")
                    } else {
                        k.clone()
                    };
                    let v = self.payload(&push(ptr, &key), v);
                    let k = lit(k);
                    quote!((#k, #v))
                });
                quote!(__sfn_w::p_obj(::std::vec![#(#items),*]))
            }
            PayloadValue::Array(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.payload(&push(ptr, &i.to_string()), v));
                quote!(__sfn_w::P::Array(::std::vec![#(#items),*]))
            }
            PayloadValue::Expr(x) => {
                let t = lit(x.as_str());
                quote!(__sfn_w::P::Expr(__sfn_w::expr(#t)))
            }
            PayloadValue::Jsonata(j) => {
                let j = jsonata(j);
                quote!(__sfn_w::P::Jsonata(#j))
            }
        }
    }

    pub(super) fn json(&self, ptr: &str, v: &Literal) -> TokenStream {
        if let Some(e) = self.dynamic(ptr) {
            return quote!(__sfn_w::json(#e));
        }
        match v {
            Literal::Null => quote!(__sfn_w::Literal::Null),
            Literal::Bool(b) => quote!(__sfn_w::Literal::Bool(#b)),
            Literal::Number(n) => number_call(n, ["j_i64", "j_u64", "j_f64"]),
            Literal::String(s) => {
                let s = lit(s);
                quote!(__sfn_w::j_str(#s))
            }
            Literal::Array(items) => {
                let items = items
                    .iter()
                    .enumerate()
                    .map(|(i, v)| self.json(&push(ptr, &i.to_string()), v));
                quote!(__sfn_w::j_arr(::std::vec![#(#items),*]))
            }
            Literal::Object(members) => {
                let items = members.iter().map(|(k, v)| {
                    let v = self.json(&push(ptr, k), v);
                    let k = lit(k);
                    quote!((#k, #v))
                });
                quote!(__sfn_w::j_obj(::std::vec![#(#items),*]))
            }
        }
    }

    /// A `X` / `XPath` field.
    pub(super) fn dynamic_field<T: 'static>(
        &self,
        at: &str,
        key: &str,
        v: &Option<Dynamic<T>>,
        value: impl Fn(&T) -> TokenStream,
    ) -> Option<TokenStream> {
        let d = self.dynamic_value(at, key, v.as_ref()?, value);
        Some(quote!(::core::option::Option::Some(#d)))
    }

    /// The `Dynamic` value of a `X` / `XPath` field; `T` is `i64`, `f64` or `String`.
    pub(super) fn dynamic_value<T: 'static>(
        &self,
        at: &str,
        key: &str,
        v: &Dynamic<T>,
        value: impl Fn(&T) -> TokenStream,
    ) -> TokenStream {
        let conv = {
            let t = std::any::TypeId::of::<T>();
            let name = if t == std::any::TypeId::of::<i64>() {
                "dyn_int"
            } else if t == std::any::TypeId::of::<f64>() {
                "dyn_float"
            } else {
                "dyn_string"
            };
            ident(name)
        };
        let literal = match v {
            Dynamic::Value(x) => {
                let x = value(x);
                quote!(__sfn_w::model::Dynamic::Value(#x))
            }
            Dynamic::Path(x) => {
                let x = self.expr(&push(at, &format!("{key}Path")), x);
                return quote!(__sfn_w::model::Dynamic::Path(#x));
            }
            Dynamic::Jsonata(j) => {
                let j = jsonata(j);
                quote!(__sfn_w::model::Dynamic::Jsonata(#j))
            }
        };
        match self.dynamic(&push(at, key)) {
            Some(e) => quote!(__sfn_w::#conv(#e)),
            None => literal,
        }
    }

    pub(super) fn transition(&self, f: &mut Vec<Field>, t: &Transition) {
        if let Transition::Next(n) = t {
            let n = lit(n);
            f.push(fld("transition", quote!(__sfn_w::next(#n))));
        }
    }

    pub(super) fn resource(&self, ptr: &str, r: &str) -> TokenStream {
        self.string_by(ptr, r, "resource")
    }
}
