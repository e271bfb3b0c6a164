//! The two-space pretty printer behind [`crate::to_json_pretty`]: byte for byte the output of
//! `serde_json::to_string_pretty`, from a serializer of its own that writes straight into one
//! buffer:
//!
//! * a string that needs no escaping (the usual case) is found with a word-at-a-time scan and
//!   copied in one piece, where serde_json looks up every byte in its escape table and writes
//!   the quotes and the contents as three separate writes;
//! * a comma, a newline and the indentation are one copy from a constant (deeply nested
//!   Parallel/Map machines spent more time indenting than writing);
//! * `collect_str` (the `Key.$` keys of payload templates) escapes the formatted pieces as they
//!   come instead of formatting into a temporary `String` first.
//!
//! Numbers are written by serde_json itself, so that floats keep its exact text.

use serde::ser::{self, Impossible, Serialize};
use serde_json::Error;
use std::fmt::{self, Display};

/// The output and the nesting level.
struct Pretty {
    out: String,
    level: usize,
}

/// Two spaces per nesting level.
const INDENT: usize = 2;

/// A comma, a newline and the indentation of up to 64 levels, to write the start of a line
/// in one piece.
const LINE_START: &str = concat!(
    ",\n",
    "                                                                ",
    "                                                                "
);

impl Pretty {
    /// A newline and the indentation of the current level, after a comma unless `first`.
    fn newline(&mut self, first: bool) {
        let width = self.level * INDENT;
        let from = usize::from(first);
        match LINE_START.get(from..2 + width) {
            Some(line) => self.out.push_str(line),
            None => {
                self.out.push_str(&LINE_START[from..2]);
                self.out.extend(std::iter::repeat_n(' ', width));
            }
        }
    }

    /// Opens an array (`[`) or an object (`{`).
    fn open(&mut self, bracket: char) {
        self.level += 1;
        self.out.push(bracket);
    }

    /// Closes an array (`]`) or an object (`}`): on a line of its own after members, right
    /// after the opening bracket when empty.
    fn close(&mut self, bracket: char, empty: bool) {
        self.level -= 1;
        if !empty {
            self.newline(true);
        }
        self.out.push(bracket);
    }

    /// `s` as a JSON string.
    #[inline]
    fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        push_escaped(&mut self.out, s);
        self.out.push('"');
    }

    /// The text `value` displays as, as a JSON string.
    fn display_string<T: Display + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        use fmt::Write;
        self.out.push('"');
        write!(Escaper(&mut self.out), "{value}").map_err(ser::Error::custom)?;
        self.out.push('"');
        Ok(())
    }

    /// A number, written by serde_json (integers as `itoa` writes them, floats as `ryu` does,
    /// non-finite floats as `null`).
    fn number<T: Serialize>(&mut self, n: T) -> Result<(), Error> {
        // Long enough for any integer up to 128 bits and any float.
        let mut buf = [0; 48];
        let mut rest = &mut buf[..];
        serde_json::to_writer(&mut rest, &n)?;
        let len = 48 - rest.len();
        let text = buf.get(..len).map(std::str::from_utf8);
        self.out.push_str(
            text.and_then(Result::ok)
                .ok_or_else(|| ser::Error::custom("a number longer than 48 bytes"))?,
        );
        Ok(())
    }

    /// `{"variant": ` of an enum variant with data, as serde_json writes it.
    fn variant_key(&mut self, variant: &str) {
        self.open('{');
        self.newline(true);
        self.string(variant);
        self.out.push_str(": ");
    }

    /// A new array or object.
    fn compound(&mut self, bracket: char, variant: bool) -> Compound<'_> {
        self.open(bracket);
        Compound {
            ser: self,
            first: true,
            close: if bracket == '[' { ']' } else { '}' },
            variant,
        }
    }
}

/// True when a byte of `bytes` needs escaping in a JSON string: `"`, `\` or a control
/// character below U+0020 (serde_json escapes nothing else). Eight bytes at a time, with the
/// "has a byte less than n" and "has a zero byte" word tricks, which are exact as a yes/no.
#[inline]
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([1; 8]);
    const HIGH: u64 = ONES << 7;
    fn word(w: &[u8; 8]) -> bool {
        let w = u64::from_ne_bytes(*w);
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let control = w.wrapping_sub(ONES * 0x20) & !w;
        let quote = quote.wrapping_sub(ONES) & !quote;
        let backslash = backslash.wrapping_sub(ONES) & !backslash;
        (control | quote | backslash) & HIGH != 0
    }
    match bytes.last_chunk::<8>() {
        // The whole words, then the last eight bytes (overlapping them) for the tail.
        Some(last) => bytes.as_chunks::<8>().0.iter().any(word) || word(last),
        None => bytes.iter().any(|&b| ESCAPED[usize::from(b)]),
    }
}

/// The bytes [`needs_escape`] looks for, as a table for short strings.
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// Appends `s` JSON-escaped, without its quotes: in one piece when nothing in it needs
/// escaping (the usual case).
#[inline]
fn push_escaped(out: &mut String, s: &str) {
    if needs_escape(s.as_bytes()) {
        escape_into(out, s);
    } else {
        out.push_str(s);
    }
}

/// Appends the contents of `s` JSON-escaped exactly as serde_json escapes them: `\"`, `\\`,
/// `\b`, `\f`, `\n`, `\r`, `\t`, and `\u00xx` (lowercase hex) for the other control
/// characters. The slow path of [`push_escaped`].
#[cold]
fn escape_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    // Only ASCII bytes are escaped, so every `start..i` lies on character boundaries.
    let mut start = 0;
    for (i, b) in s.bytes().enumerate() {
        let unicode;
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0C => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x00..=0x1F => {
                unicode = [
                    b'\\',
                    b'u',
                    b'0',
                    b'0',
                    HEX[usize::from(b >> 4)],
                    HEX[usize::from(b & 0xF)],
                ];
                std::str::from_utf8(&unicode).unwrap_or_default()
            }
            _ => continue,
        };
        out.push_str(s.get(start..i).unwrap_or_default());
        out.push_str(escape);
        start = i + 1;
    }
    out.push_str(s.get(start..).unwrap_or_default());
}

/// Escapes formatted text into the output as it is written.
struct Escaper<'a>(&'a mut String);

impl fmt::Write for Escaper<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        push_escaped(self.0, s);
        Ok(())
    }
}

/// An array or object being written; `variant` when it is the data of an enum variant,
/// inside `{"variant": …}`.
struct Compound<'a> {
    ser: &'a mut Pretty,
    first: bool,
    close: char,
    variant: bool,
}

impl Compound<'_> {
    /// Starts an element or a member.
    fn next(&mut self) {
        self.ser.newline(self.first);
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.next();
        value.serialize(&mut *self.ser)
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) -> Result<(), Error> {
        self.next();
        self.ser.string(key);
        self.ser.out.push_str(": ");
        value.serialize(&mut *self.ser)
    }

    fn finish(self) -> Result<(), Error> {
        self.ser.close(self.close, self.first);
        if self.variant {
            self.ser.close('}', false);
        }
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Pretty {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Compound<'a>;
    type SerializeTuple = Compound<'a>;
    type SerializeTupleStruct = Compound<'a>;
    type SerializeTupleVariant = Compound<'a>;
    type SerializeMap = Compound<'a>;
    type SerializeStruct = Compound<'a>;
    type SerializeStructVariant = Compound<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        self.number(v)
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.string(v);
        Ok(())
    }

    /// An array of numbers, as serde_json writes bytes.
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        let mut seq = self.compound('[', false);
        for b in v {
            seq.element(b)?;
        }
        seq.finish()
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.variant_key(variant);
        value.serialize(&mut *self)?;
        self.close('}', false);
        Ok(())
    }

    fn serialize_seq(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.compound('[', false))
    }

    fn serialize_tuple(self, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant_key(variant);
        Ok(self.compound('[', true))
    }

    fn serialize_map(self, _len: Option<usize>) -> Result<Compound<'a>, Error> {
        Ok(self.compound('{', false))
    }

    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Compound<'a>, Error> {
        self.serialize_map(Some(len))
    }

    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> Result<Compound<'a>, Error> {
        self.variant_key(variant);
        Ok(self.compound('{', true))
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.display_string(value)
    }
}

impl ser::SerializeSeq for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.element(value)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// `SerializeTuple`, `SerializeTupleStruct` and `SerializeTupleVariant`: elements of an array.
macro_rules! tuple_like {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
                self.element(value)
            }

            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

tuple_like!(
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

impl ser::SerializeMap for Compound<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        self.next();
        key.serialize(KeySerializer(&mut *self.ser))
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.ser.out.push_str(": ");
        value.serialize(&mut *self.ser)
    }

    fn end(self) -> Result<(), Error> {
        self.finish()
    }
}

/// `SerializeStruct` and `SerializeStructVariant`: members of an object.
macro_rules! struct_like {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Compound<'_> {
            type Ok = ();
            type Error = Error;

            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<(), Error> {
                self.field(key, value)
            }

            fn end(self) -> Result<(), Error> {
                self.finish()
            }
        }
    )*};
}

struct_like!(SerializeStruct, SerializeStructVariant);

/// Object keys, as serde_json accepts them: strings, and numbers, booleans and characters
/// written as strings; anything else is an error.
struct KeySerializer<'a>(&'a mut Pretty);

/// The error of a key that cannot be a JSON object key.
fn key_must_be_a_string() -> Error {
    ser::Error::custom("key must be a string")
}

/// Key methods that write the value as a string of its display text.
macro_rules! display_keys {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<(), Error> {
            self.0.display_string(&v)
        }
    )*};
}

/// Key methods of types that cannot be keys.
macro_rules! no_keys {
    ($($method:ident($($arg:ty),*) -> $ok:ty),*) => {$(
        fn $method(self, $(_: $arg),*) -> Result<$ok, Error> {
            Err(key_must_be_a_string())
        }
    )*};
}

impl ser::Serializer for KeySerializer<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.string(v);
        Ok(())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.string(v.encode_utf8(&mut [0; 4]));
        Ok(())
    }

    display_keys!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_i128: i128,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_u128: u128
    );

    /// A finite float as serde_json writes it, quoted.
    fn serialize_f32(self, v: f32) -> Result<(), Error> {
        self.serialize_f64(f64::from(v))
    }

    fn serialize_f64(self, v: f64) -> Result<(), Error> {
        if !v.is_finite() {
            return Err(ser::Error::custom("float key must be finite"));
        }
        self.0.out.push('"');
        self.0.number(v)?;
        self.0.out.push('"');
        Ok(())
    }

    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn collect_str<T: Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.0.display_string(value)
    }

    no_keys!(
        serialize_bytes(&[u8]) -> (),
        serialize_none() -> (),
        serialize_unit() -> (),
        serialize_unit_struct(&'static str) -> (),
        serialize_seq(Option<usize>) -> Impossible<(), Error>,
        serialize_tuple(usize) -> Impossible<(), Error>,
        serialize_tuple_struct(&'static str, usize) -> Impossible<(), Error>,
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>,
        serialize_map(Option<usize>) -> Impossible<(), Error>,
        serialize_struct(&'static str, usize) -> Impossible<(), Error>,
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Impossible<(), Error>
    );

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), Error> {
        Err(key_must_be_a_string())
    }
}

/// `value` as two-space pretty JSON followed by a newline, written into a buffer of
/// `capacity` bytes to start with.
pub(crate) fn to_string_pretty<T: Serialize + ?Sized>(
    value: &T,
    capacity: usize,
) -> serde_json::Result<String> {
    let mut ser = Pretty {
        out: String::with_capacity(capacity),
        level: 0,
    };
    value.serialize(&mut ser)?;
    ser.out.push('\n');
    Ok(ser.out)
}

#[cfg(test)]
mod tests {
    use serde::Serialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn same<T: Serialize>(v: &T) {
        let mut expected = serde_json::to_string_pretty(v).unwrap();
        expected.push('\n');
        assert_eq!(super::to_string_pretty(v, 0).unwrap(), expected);
    }

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
            json!([
                0,
                -1,
                u64::MAX,
                i64::MIN,
                2.5,
                1e300,
                -0.0,
                1.0e-7,
                0.1,
                false
            ]),
            deep,
        ] {
            same(&v);
        }
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        let mut strings: Vec<String> = [
            "",
            "a",
            "\"",
            "\\",
            "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1f}\u{7f} ~",
            "é ü — 😀 \u{80}\u{9f}",
            "plain text of some length, no escapes at all",
        ]
        .map(String::from)
        .to_vec();
        // A special byte at every position of a longer string (word boundaries included).
        for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
            for at in 0..20 {
                let mut s = "abcdefghijklmnopqrst".to_string();
                s.replace_range(at..at + 1, &special.to_string());
                strings.push(s);
            }
        }
        for s in &strings {
            same(s);
            same(&json!({ s.clone(): [s] }));
        }
    }

    #[test]
    fn serde_shapes_as_serde_json_writes_them() {
        #[derive(Serialize)]
        enum E {
            Unit,
            Newtype(u8),
            Tuple(u8, &'static str),
            Struct { a: Option<u8>, b: () },
        }
        #[derive(Serialize)]
        struct S<'a> {
            e: Vec<E>,
            t: (char, f32),
            bytes: &'a [u8],
            keys: BTreeMap<i32, bool>,
            bools: BTreeMap<bool, ()>,
            chars: BTreeMap<char, u8>,
        }
        let v = S {
            e: vec![
                E::Unit,
                E::Newtype(1),
                E::Tuple(2, "x"),
                E::Struct { a: None, b: () },
            ],
            t: ('"', 1.5),
            bytes: b"\x00\xff",
            keys: [(-1, true), (2, false)].into(),
            bools: [(true, ())].into(),
            chars: [('\n', 0)].into(),
        };
        same(&v);
        assert!(super::to_string_pretty(&BTreeMap::from([((), 1)]), 0).is_err());
    }
}
