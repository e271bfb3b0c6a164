//! The two-space pretty printer behind [`crate::to_json_pretty`]: byte for byte the output of
//! `serde_json::to_string_pretty`, but each indentation is written in one piece instead of one
//! write per level (deeply nested Parallel/Map machines spent more time indenting than
//! writing).

use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Two spaces per level, written from a buffer of spaces.
#[derive(Default)]
struct Pretty {
    level: usize,
    has_value: bool,
}

const SPACES: &[u8; 128] = &[b' '; 128];

impl Pretty {
    /// A newline (after a comma when not `first`) and the indentation of the current level.
    fn newline<W: ?Sized + Write>(&self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.level)
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, level: usize) -> io::Result<()> {
    let mut left = level * 2;
    while left > 0 {
        let n = left.min(SPACES.len());
        w.write_all(&SPACES[..n])?;
        left -= n;
    }
    Ok(())
}

impl Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.newline(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// `value` as two-space pretty JSON followed by a newline.
pub(crate) fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::with_capacity(1024);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        Pretty::default(),
    ))?;
    out.push(b'\n');
    // serde_json writes UTF-8 only; the check cannot fail.
    String::from_utf8(out).map_err(|e| serde::ser::Error::custom(e.to_string()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn same_bytes_as_serde_json() {
        let deep = (0..100).fold(
            json!({"leaf": [1, {"a": []}, {}]}),
            |v, i| json!({ "level": i, "children": [v, [], {}], "empty": {} }),
        );
        for v in [
            json!(null),
            json!([]),
            json!({}),
            json!([[]]),
            json!({"a": {}}),
            json!({"a": [1, 2, {"b": [null, true, "x\n\"y"]}], "c": {"d": {}}}),
            deep,
        ] {
            let mut expected = serde_json::to_string_pretty(&v).unwrap();
            expected.push('\n');
            assert_eq!(super::to_string_pretty(&v).unwrap(), expected);
        }
    }
}
