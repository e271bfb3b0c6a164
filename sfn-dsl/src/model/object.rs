//! The objects of the model declared together with their fields: [`asl_object!`] makes the
//! struct, its `Serialize` in the field table's order, the importer's reader and the
//! [`AslObject`] description the JSON Schema is made from. How each member reads, writes and
//! shows in the schema follows from its Rust type ([`FieldType`]) and its field in the table
//! ([`crate::fields`]), so that a new field of such an object is one line of the table and one
//! member here.

use super::ser::{Key, Num, W};
use super::{Dynamic, Nullable, QueryLanguage, States};
use crate::fields::{Field, Kind, Owner};
use crate::import::fields as read;
use crate::import::{Cx, Obj};
use crate::path::Path;
use crate::payload::PayloadValue;
use serde::ser::SerializeMap;

/// An object of the model declared with the fields of its members.
pub trait AslObject {
    /// The object in the field table.
    const OWNER: Owner;
    /// Its members, in the order they are declared (and read).
    const MEMBERS: &'static [Member];
}

/// A member of an [`AslObject`]: its field and what its Rust type adds to the field's [`Kind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Member {
    /// The field.
    pub field: Field,
    /// The form of its value.
    pub form: Form,
    /// Whether an object without it is reported.
    pub required: bool,
}

/// The form of a member's value where its field's [`Kind`] leaves it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A string.
    Text,
    /// An integer (a [`Kind::Number`] held as `i64`).
    Integer,
    /// A number (a [`Kind::Number`] held as `f64`).
    Number,
    /// One of a fixed set of strings.
    Names(&'static [&'static str]),
    /// What the field's [`Kind`] says (a path, a payload, an object, a list, the states).
    Kind,
}

/// An ASL enumeration: its values and their names.
pub(crate) trait Named: Copy + 'static {
    /// Every value.
    const VALUES: &'static [Self];
    /// The names of [`Named::VALUES`], in the same order.
    const NAMES: &'static [&'static str];
    /// The value as written in ASL.
    fn name(self) -> &'static str;
    /// What reading the value sets for the members read after it: the query language in force,
    /// for a `QueryLanguage`.
    fn read_into(self, _ql: &mut QueryLanguage) {}
}

/// How a member's Rust type reads, writes and shows in the schema.
pub(crate) trait FieldType: Sized {
    /// The form of the value.
    const FORM: Form;
    /// Whether an object without the field is reported.
    const REQUIRED: bool = false;
    /// Reads the field from `o`, reporting what is wrong. `ql` is the query language in force,
    /// which a `QueryLanguage` member sets for the members after it.
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, ql: &mut QueryLanguage) -> Self;
    /// Writes the field, when present.
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error>;
}

/// Whether a string field is read only as written (a state's name, the version: the shape of the
/// definition depends on it), and so cannot be a value only known at run time.
const fn fixed(field: Field) -> bool {
    matches!(
        field,
        Field::StartAt | Field::Next | Field::Default | Field::Version
    )
}

impl FieldType for Option<String> {
    const FORM: Form = Form::Text;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        read::string_of(cx, o, field.name(), !fixed(field))
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
}

impl FieldType for String {
    const FORM: Form = Form::Text;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        read::required(cx, o, field.name(), !fixed(field)).unwrap_or_default()
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.f(key, self)
    }
}

impl FieldType for Vec<String> {
    const FORM: Form = Form::Kind;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        let key = field.name();
        if !o.map.contains_key(key) {
            o.allow(&[key]);
            read::missing(cx, &o.at, key, o.what);
            return Vec::new();
        }
        read::string_list(cx, o, key).unwrap_or_default()
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.f(key, self)
    }
}

impl FieldType for Option<Vec<String>> {
    const FORM: Form = Form::Kind;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        read::string_list(cx, o, field.name())
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
}

impl FieldType for Option<i64> {
    const FORM: Form = Form::Integer;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        read::int(cx, o, field.name())
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
}

impl FieldType for Option<f64> {
    const FORM: Form = Form::Number;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        read::number(cx, o, field.name())
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, &self.as_ref().map(Num))
    }
}

impl<E: Named> FieldType for Option<E> {
    const FORM: Form = Form::Names(E::NAMES);
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, ql: &mut QueryLanguage) -> Self {
        let value = read::enum_field(cx, o, field.name(), E::VALUES, E::name);
        if let Some(v) = value {
            v.read_into(ql);
        }
        value
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.name(key, *self, E::name)
    }
}

impl FieldType for Option<Nullable<Path>> {
    const FORM: Form = Form::Kind;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        let kind = match field.kind() {
            Kind::ReferencePath => read::PathKind::Reference,
            _ => read::PathKind::Path,
        };
        read::path_field(cx, o, field.name(), kind)
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
}

/// A payload: always JSONata for a JSONata field, else in the query language in force.
impl FieldType for Option<PayloadValue> {
    const FORM: Form = Form::Kind;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, ql: &mut QueryLanguage) -> Self {
        let ql = match field.lang() {
            crate::fields::Lang::Jsonata => QueryLanguage::Jsonata,
            _ => *ql,
        };
        read::payload(cx, o, field.name(), ql, field.payload_shape())
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
}

/// A field with a `…Path` twin: a literal integer, a JSONata expression or a path.
impl FieldType for Option<Dynamic<i64>> {
    const FORM: Form = Form::Integer;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, field: Field, _: &mut QueryLanguage) -> Self {
        let twin = field.path_twin().unwrap_or(field);
        read::dynamic_int(cx, o, field.name(), twin.name())
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.dynamic(key, self.as_ref())
    }
}

/// The states of a scope, read in the query language in force there.
impl FieldType for States {
    const FORM: Form = Form::Kind;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, _: Field, ql: &mut QueryLanguage) -> Self {
        crate::import::scope_states(cx, o, *ql)
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.f(key, self)
    }
}

/// Where `field` goes among `members` in the table's order.
pub(crate) const fn table_rank(members: &[Field], field: Field) -> usize {
    let mut rank = 0;
    let mut i = 0;
    while i < members.len() {
        if (members[i] as usize) < (field as usize) {
            rank += 1;
        }
        i += 1;
    }
    rank
}

/// Declares a model object with the field of each member (`pub member: Type = Field`), in the
/// order the importer reads them; a member marked `@first` is read before the others, so that
/// its findings come first. Makes the struct, its `Serialize` in the field table's order
/// (asserted at compile time to give every field of the owner a place), its reader
/// ([`ReadObject`]) and its [`AslObject`] description.
macro_rules! asl_object {
    (
        $(#[$attr:meta])*
        pub struct $name:ident : $owner:ident, $what:literal {
            $( $(#[$mattr:meta])* pub $member:ident : $ty:ty = $field:ident $(@$first:ident)? ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $( $(#[$mattr])* pub $member: $ty, )*
        }

        impl $crate::model::object::AslObject for $name {
            const OWNER: $crate::fields::Owner = $crate::fields::Owner::$owner;
            const MEMBERS: &'static [$crate::model::object::Member] = &[$(
                $crate::model::object::Member {
                    field: $crate::fields::Field::$field,
                    form: <$ty as $crate::model::object::FieldType>::FORM,
                    required: <$ty as $crate::model::object::FieldType>::REQUIRED,
                },
            )*];
        }

        impl $crate::model::object::ReadObject for $name {
            const WHAT: &'static str = $what;

            #[allow(clippy::allow_attributes, unused_variables)]
            fn read(
                cx: &mut $crate::import::Cx,
                o: &mut $crate::import::Obj<'_, '_>,
                ql: &mut $crate::model::QueryLanguage,
            ) -> Self {
                $( let $member: $ty; )*
                $( asl_object!(@read first [$($first)?] cx o ql $member $ty = $field); )*
                $( asl_object!(@read rest [$($first)?] cx o ql $member $ty = $field); )*
                $name { $($member),* }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use $crate::fields::Field as F;
                use $crate::model::object::FieldType;
                use serde::ser::SerializeMap;
                const FIELDS: &[F] = &[$(F::$field),*];
                const _: () = assert!(
                    $crate::fields::covers_table($crate::fields::Owner::$owner, FIELDS),
                    concat!("the members of ", stringify!($name), " do not follow the field table"),
                );
                let mut w = $crate::model::ser::W(s.serialize_map(None)?);
                for at in 0..FIELDS.len() {
                    $(
                        if at == const { $crate::model::object::table_rank(FIELDS, F::$field) } {
                            self.$member.write(&mut w, const { $crate::model::ser::Key::of(F::$field) })?;
                        }
                    )*
                }
                w.0.end()
            }
        }

        impl $crate::model::object::FieldType for Option<$name> {
            const FORM: $crate::model::object::Form = $crate::model::object::Form::Kind;
            fn read(
                cx: &mut $crate::import::Cx,
                o: &mut $crate::import::Obj<'_, '_>,
                field: $crate::fields::Field,
                ql: &mut $crate::model::QueryLanguage,
            ) -> Self {
                $crate::model::object::read_member(cx, o, field, *ql)
            }
            fn write<M: serde::ser::SerializeMap>(
                &self,
                w: &mut $crate::model::ser::W<M>,
                key: $crate::model::ser::Key,
            ) -> Result<(), M::Error> {
                w.opt(key, self)
            }
        }

        impl $crate::model::object::FieldType for Option<Vec<$name>> {
            const FORM: $crate::model::object::Form = $crate::model::object::Form::Kind;
            fn read(
                cx: &mut $crate::import::Cx,
                o: &mut $crate::import::Obj<'_, '_>,
                field: $crate::fields::Field,
                ql: &mut $crate::model::QueryLanguage,
            ) -> Self {
                $crate::model::object::read_list(cx, o, field, *ql)
            }
            fn write<M: serde::ser::SerializeMap>(
                &self,
                w: &mut $crate::model::ser::W<M>,
                key: $crate::model::ser::Key,
            ) -> Result<(), M::Error> {
                w.opt(key, self)
            }
        }
    };
    (@read first [first] $cx:ident $o:ident $ql:ident $member:ident $ty:ty = $field:ident) => {
        $member = <$ty as $crate::model::object::FieldType>::read(
            $cx, $o, $crate::fields::Field::$field, $ql,
        );
    };
    (@read rest [] $cx:ident $o:ident $ql:ident $member:ident $ty:ty = $field:ident) => {
        $member = <$ty as $crate::model::object::FieldType>::read(
            $cx, $o, $crate::fields::Field::$field, $ql,
        );
    };
    (@read $pass:ident [$($first:ident)?] $($rest:tt)*) => {};
}

/// An object declared with [`asl_object!`], as the importer reads it.
pub(crate) trait ReadObject: Sized {
    /// "a Retry entry", … for messages.
    const WHAT: &'static str;
    /// Reads the members (`asl_object!`'s `read`).
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, ql: &mut QueryLanguage) -> Self;
}

/// The object member `field` of `o`, when present.
pub(crate) fn read_member<T: ReadObject>(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    field: Field,
    ql: QueryLanguage,
) -> Option<T> {
    let key = field.name();
    read::member(cx, o, key, T::WHAT, |cx, o| T::read(cx, o, &mut { ql }))
}

/// The list of objects `field` of `o`, when present.
pub(crate) fn read_list<T: ReadObject>(
    cx: &mut Cx,
    o: &mut Obj<'_, '_>,
    field: Field,
    ql: QueryLanguage,
) -> Option<Vec<T>> {
    let key = field.name();
    read::list(cx, o, key, |cx, v, at| {
        read::read_obj(cx, v, at, key, T::WHAT, |cx, o| T::read(cx, o, &mut { ql }))
    })
}
