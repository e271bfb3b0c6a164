//! The objects of the model declared together with their fields: [`asl_object!`] makes the
//! struct, its `Serialize` in the field table's order, the importer's reader, its empty value
//! and the [`AslObject`] description the JSON Schema is made from. How each member reads,
//! writes, starts empty and shows in the schema follows from its Rust type ([`FieldType`]) and
//! its field in the table ([`crate::fields`]), so that a new field of such an object (a state
//! too) is one line of the table and one member here.
//!
//! What is special about a state is a type too: `Transition` reads and writes `Next` or `End`,
//! `WaitFor` a Wait's four fields, `Option<ItemSelector>` and `Processor` a Map's field or its
//! older name ([`Form::OneOf`]); a Parallel's branches and a Map's processor are read in the
//! query language around the state, a payload of one language in it ([`member_ql`]); a state
//! without `Next` reports `Next` and `End` ([`crate::import::before_members`]); `@head`,
//! `@first` and `@second` keep the order in which the importer reports its findings.

use super::ser::{Key, Num, W};
use super::{Dynamic, Nullable, QueryLanguage, States};
use crate::fields::{Field, Kind, Lang, Owner};
use crate::import::fields as read;
use crate::import::{Cx, Obj};
use crate::json::node::Node;
use crate::path::Path;
use crate::payload::{Literal, PayloadValue};
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
    /// One of the fields written at the member's place ([`Field::place`]): `Next` or `End`, a
    /// Wait state's `Seconds`, `Timestamp` or their `…Path` twins, a Map's `ItemSelector` or
    /// `Parameters`, its `ItemProcessor` or `Iterator`.
    OneOf,
}

/// How a member's Rust type reads, writes and shows in the schema.
pub(crate) trait FieldType: Sized {
    /// The form of the value.
    const FORM: Form;
    /// Whether an object without the field is reported.
    const REQUIRED: bool;
    /// Reads the field from `o`, reporting what is wrong. `ql` is the query language in force,
    /// which a `QueryLanguage` member sets for the members after it.
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self;
    /// Writes the field, when present.
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error>;
    /// The value of a new object (a builder's start), and of a required member after an
    /// error: `None`, empty, `End`.
    fn empty() -> Self;
}

/// `Type: form, required, |cx, o, field, ql| read, |w, key, value| write;`: the [`FieldType`]
/// of each type.
macro_rules! field_types {
    ($($(#[$doc:meta])* $ty:ty: $form:expr, $required:literal,
        |$cx:tt, $o:tt, $field:tt, $ql:tt| $read:expr, |$w:tt, $key:tt, $v:tt| $write:expr;)*) => {$(
        $(#[$doc])*
        impl $crate::model::object::FieldType for $ty {
            const FORM: $crate::model::object::Form = $form;
            const REQUIRED: bool = $required;
            #[inline]
            fn read(
                $cx: &mut $crate::import::Cx,
                $o: &mut $crate::import::Obj<'_, '_>,
                $field: $crate::model::ser::Key,
                $ql: &mut $crate::model::QueryLanguage,
            ) -> Self {
                $read
            }
            fn write<M: serde::ser::SerializeMap>(
                &self,
                $w: &mut $crate::model::ser::W<M>,
                $key: $crate::model::ser::Key,
            ) -> Result<(), M::Error> {
                let $v = self;
                $write
            }
            fn empty() -> Self {
                Self::default()
            }
        }
    )*};
}

/// Whether a string field is read only as written (a state's name, the version: the shape of the
/// definition depends on it), and so cannot be a value only known at run time.
const fn fixed(field: Field) -> bool {
    matches!(
        field,
        Field::StartAt | Field::Next | Field::Default | Field::Version
    )
}

/// The path kind of a path field.
fn path_kind(field: Field) -> read::PathKind {
    match field.kind() {
        Kind::ReferencePath => read::PathKind::Reference,
        _ => read::PathKind::Path,
    }
}

field_types! {
    Option<String>: Form::Text, false,
        |cx, o, f, _| read::string_of(cx, o, f.name, !fixed(f.field)), |w, k, v| w.opt(k, v);
    String: Form::Text, true,
        |cx, o, f, _| read::present(cx, o, f.name)
            .then(|| read::string_of(cx, o, f.name, !fixed(f.field)))
            .flatten()
            .unwrap_or_default(),
        |w, k, v| w.f(k, v);
    Vec<String>: Form::Kind, true,
        |cx, o, f, _| read::present(cx, o, f.name)
            .then(|| read::string_list(cx, o, f.name))
            .flatten()
            .unwrap_or_default(),
        |w, k, v| w.f(k, v);
    Option<Vec<String>>: Form::Kind, false,
        |cx, o, f, _| read::string_list(cx, o, f.name), |w, k, v| w.opt(k, v);
    Option<i64>: Form::Integer, false,
        |cx, o, f, _| read::int(cx, o, f.name), |w, k, v| w.opt(k, v);
    Option<f64>: Form::Number, false,
        |cx, o, f, _| read::number(cx, o, f.name), |w, k, v| w.opt(k, &v.as_ref().map(Num));
    Option<Nullable<Path>>: Form::Kind, false,
        |cx, o, f, _| read::path_field(cx, o, f.name, path_kind(f.field)), |w, k, v| w.opt(k, v);
    /// A path that cannot be `null` (`ItemsPath`).
    Option<Path>: Form::Text, false,
        |cx, o, f, _| read::plain_path(cx, o, f.name, path_kind(f.field)),
        |w, k, v| w.opt(k, &v.as_ref().map(Path::as_str));
    /// A literal JSON value, taken as written (`Result`).
    Option<Literal>: Form::Kind, false,
        |_cx, o, f, _| o.get(f.name).map(Node::to_literal), |w, k, v| w.opt(k, v);
    Option<PayloadValue>: Form::Kind, false,
        |cx, o, f, ql| read::payload(cx, o, f.name, *ql, f.field.payload_shape()),
        |w, k, v| w.opt(k, v);
    /// A field with a `…Path` twin: a literal, a JSONata expression or a path.
    Option<Dynamic<i64>>: Form::Integer, false,
        |cx, o, f, _| read::dynamic(cx, o, f.name, f.twin, |cx, at, v| read::int_value(cx, at, f.name, v)),
        |w, k, v| w.dynamic(k, v.as_ref());
    Option<Dynamic<f64>>: Form::Number, false,
        |cx, o, f, _| read::dynamic(cx, o, f.name, f.twin, |cx, at, v| read::number_value(cx, at, f.name, v)),
        |w, k, v| w.dynamic(k, v.as_ref());
    Option<Dynamic<String>>: Form::Text, false,
        |cx, o, f, _| read::dynamic(cx, o, f.name, f.twin, |cx, at, v| read::text_value(cx, at, f.name, v)),
        |w, k, v| w.dynamic(k, v.as_ref());
    /// The states of a scope, read in the query language in force there.
    States: Form::Kind, true,
        |cx, o, _, ql| crate::import::scope_states(cx, o, *ql), |w, k, v| w.f(k, v);
    /// `QueryLanguage`, which sets the query language in force for the members after it.
    Option<QueryLanguage>: Form::Names(&["JSONPath", "JSONata"]), false,
        |cx, o, f, ql| {
            let all = [QueryLanguage::JsonPath, QueryLanguage::Jsonata];
            let own = read::enum_field(cx, o, f.name, &all, QueryLanguage::as_str);
            *ql = own.unwrap_or(*ql);
            own
        },
        |w, k, v| w.name(k, *v, QueryLanguage::as_str);
}

/// An object member.
impl<T: ReadObject + serde::Serialize> FieldType for Option<T> {
    const FORM: Form = Form::Kind;
    const REQUIRED: bool = false;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        let mut ql = *ql;
        read::member(cx, o, key.name, T::WHAT, |cx, o| T::read(cx, o, &mut ql))
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
    fn empty() -> Self {
        None
    }
}

/// A list of objects.
impl<T: ReadObject + serde::Serialize> FieldType for Option<Vec<T>> {
    const FORM: Form = Form::Kind;
    const REQUIRED: bool = false;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        let (key, ql) = (key.name, *ql);
        read::list(cx, o, key, |cx, v, at| {
            read::read_obj(cx, v, at, key, T::WHAT, |cx, o| T::read(cx, o, &mut { ql }))
        })
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.opt(key, self)
    }
    fn empty() -> Self {
        None
    }
}

/// A list of objects the object needs (`Branches`).
impl<T: ReadObject + serde::Serialize> FieldType for Vec<T> {
    const FORM: Form = Form::Kind;
    const REQUIRED: bool = true;
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, key: Key, ql: &mut QueryLanguage) -> Self {
        read::present(cx, o, key.name)
            .then(|| Option::<Vec<T>>::read(cx, o, key, ql))
            .flatten()
            .unwrap_or_default()
    }
    fn write<M: SerializeMap>(&self, w: &mut W<M>, key: Key) -> Result<(), M::Error> {
        w.f(key, self)
    }
    fn empty() -> Self {
        Vec::new()
    }
}

/// Where `field` is among `members`, in their order.
pub(crate) const fn index_of(members: &[Field], field: Field) -> usize {
    let mut i = 0;
    while i < members.len() && members[i] as usize != field as usize {
        i += 1;
    }
    i
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
/// order the importer reads them, except that the members marked `@head`, then those marked
/// `@first`, then those marked `@second` are read before the others (so that their findings
/// come first); a state's checks of its own ([`crate::import::before_members`]) come after the
/// `@head`. Makes the struct, its `Serialize` in the field table's order (asserted at compile
/// time to give every field of the owner a place; a state writes its `Type` first), its reader
/// ([`ReadObject`]) and its [`AslObject`] description.
macro_rules! asl_object {
    (
        $(#[$attr:meta])*
        pub struct $name:ident : $owner:ident, $what:literal {
            $( $(#[doc = $doc:literal])* $(#[cfg($cfg:meta)])?
                pub $member:ident : $ty:ty = $field:ident $(@$pass:ident)? ),* $(,)?
        }
    ) => {
        $(#[$attr])*
        pub struct $name {
            $( $(#[doc = $doc])* $(#[cfg($cfg)])? pub $member: $ty, )*
        }

        impl $crate::model::object::AslObject for $name {
            const OWNER: $crate::fields::Owner = $crate::fields::Owner::$owner;
            const MEMBERS: &'static [$crate::model::object::Member] = &[$(
                $(#[cfg($cfg)])?
                $crate::model::object::Member {
                    field: $crate::fields::Field::$field,
                    form: <$ty as $crate::model::object::FieldType>::FORM,
                    required: <$ty as $crate::model::object::FieldType>::REQUIRED,
                },
            )*];
        }

        impl $crate::model::object::ReadObject for $name {
            const WHAT: &'static str = $what;

            fn read(
                cx: &mut $crate::import::Cx,
                o: &mut $crate::import::Obj<'_, '_>,
                ql: &mut $crate::model::QueryLanguage,
            ) -> Self {
                let outer = *ql;
                $( $(#[cfg($cfg)])? let $member: $ty; )*
                $( $(#[cfg($cfg)])? asl_object!(@read head [$($pass)?] $owner cx o ql outer $member $ty = $field); )*
                $crate::import::before_members(cx, o, $crate::fields::Owner::$owner);
                $( $(#[cfg($cfg)])? asl_object!(@read first [$($pass)?] $owner cx o ql outer $member $ty = $field); )*
                $( $(#[cfg($cfg)])? asl_object!(@read second [$($pass)?] $owner cx o ql outer $member $ty = $field); )*
                $( $(#[cfg($cfg)])? asl_object!(@read rest [$($pass)?] $owner cx o ql outer $member $ty = $field); )*
                $name { $( $(#[cfg($cfg)])? $member ),* }
            }

            fn empty() -> Self {
                $name { $( $(#[cfg($cfg)])? $member: $crate::model::object::FieldType::empty() ),* }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use $crate::fields::{Field as F, Owner};
                use $crate::model::object::FieldType;
                use $crate::model::ser::Key;
                use serde::ser::SerializeMap;
                const FIELDS: &[F] = &[$( $(#[cfg($cfg)])? F::$field ),*];
                const _: () = assert!(
                    $crate::fields::covers_table(Owner::$owner, FIELDS),
                    concat!("the members of ", stringify!($name), " do not follow the field table"),
                );
                let mut w = $crate::model::ser::W(s.serialize_map(None)?);
                if const { Owner::$owner.is_state() } {
                    w.f(const { Key::of(F::Type) }, Owner::$owner.name())?;
                }
                asl_object!(@write self w FIELDS
                    [$( $(#[cfg($cfg)])? $member $field ),*]
                    [$( $(#[cfg($cfg)])? $member $field ),*]);
                w.0.end()
            }
        }
    };
    // The members written in the table's order: at the place of each member in the list, the
    // member of that rank (decided at compile time).
    (@write $x:ident $w:ident $fields:ident
        [$( $(#[cfg($cfg:meta)])? $at:ident $at_field:ident ),*] $members:tt) => {
        $( $(#[cfg($cfg)])? asl_object!(@write_at $x $w $fields $at_field $members); )*
    };
    (@write_at $x:ident $w:ident $fields:ident $at:ident
        [$( $(#[cfg($cfg:meta)])? $member:ident $field:ident ),*]) => {
        $(
            $(#[cfg($cfg)])?
            if const {
                $crate::model::object::table_rank($fields, F::$field)
                    == $crate::model::object::index_of($fields, F::$at)
            } {
                $x.$member.write(&mut $w, const { Key::of(F::$field) })?;
            }
        )*
    };
    (@read head [head] $($member:tt)*) => { asl_object!(@get $($member)*); };
    (@read first [first] $($member:tt)*) => { asl_object!(@get $($member)*); };
    (@read second [second] $($member:tt)*) => { asl_object!(@get $($member)*); };
    (@read rest [] $($member:tt)*) => { asl_object!(@get $($member)*); };
    (@read $($other_pass:tt)*) => {};
    (@get $owner:ident $cx:ident $o:ident $ql:ident $outer:ident $member:ident $ty:ty = $field:ident) => {
        let mut ql = $crate::model::object::member_ql(
            $crate::fields::Owner::$owner, $crate::fields::Field::$field, $outer, *$ql,
        );
        $member = <$ty as $crate::model::object::FieldType>::read(
            $cx, $o, const { $crate::model::ser::Key::of($crate::fields::Field::$field) }, &mut ql,
        );
        if matches!($crate::fields::Field::$field, $crate::fields::Field::QueryLanguage) {
            *$ql = ql;
        }
    };
}

/// The query language a member of `owner` is read in: a scope inside it (a Parallel branch, a
/// Map's processor) inherits the language around `owner`; a payload of one language is read in
/// it (always, in a state); the others in the language in force (`ql`), which a
/// `QueryLanguage` member sets.
#[inline]
pub(crate) const fn member_ql(
    owner: Owner,
    field: Field,
    outer: QueryLanguage,
    ql: QueryLanguage,
) -> QueryLanguage {
    match (field.kind(), field.lang()) {
        (Kind::Object(o) | Kind::List(o), _) if Field::StartAt.owners().contains(o) => outer,
        (Kind::Payload, Lang::Jsonata) => QueryLanguage::Jsonata,
        (Kind::Payload, Lang::JsonPath) if owner.is_state() => QueryLanguage::JsonPath,
        _ => ql,
    }
}

/// An object declared with [`asl_object!`], as the importer reads it.
pub(crate) trait ReadObject: Sized {
    /// "a Retry entry", … for messages.
    const WHAT: &'static str;
    /// Reads the members (`asl_object!`'s `read`).
    fn read(cx: &mut Cx, o: &mut Obj<'_, '_>, ql: &mut QueryLanguage) -> Self;
    /// The object with every member [`FieldType::empty`].
    fn empty() -> Self;
}

#[cfg(test)]
mod tests {
    use super::{AslObject, Form};
    use crate::fields::Field;
    use crate::json::Limits;
    use crate::model::{State, StateMachine, Task, WriterConfig};
    use crate::rules::Code;

    /// `TestSeconds`, a field only the tests have, is one line of the table and one member of
    /// `WriterConfig`: the importer reads it, the validator takes it, the writer writes it in the
    /// table's order and the schema has its member.
    #[test]
    fn a_field_is_a_line_of_the_table_and_a_member() {
        let text = r#"{"StartAt": "M", "States": {"M": {"Type": "Map", "End": true,
            "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
                "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}},
            "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject",
                "Parameters": {"Bucket": "b", "Prefix": "p"},
                "WriterConfig": {"TestSeconds": 5, "OutputType": "JSON", "Transformation": "NONE"}}}}}"#;
        let (diags, machine) = crate::validate::check_json(text.as_bytes(), &Limits::default());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let Some(State::Map(map)) = machine.as_ref().and_then(|m| m.states.get("M")) else {
            panic!("a Map state");
        };
        let config = map
            .result_writer
            .as_ref()
            .and_then(|w| w.writer_config.as_ref());
        let config = config.expect("a WriterConfig");
        assert_eq!(config.test_seconds, Some(5));
        assert_eq!(
            serde_json::to_string(config).unwrap(),
            r#"{"OutputType":"JSON","Transformation":"NONE","TestSeconds":5}"#
        );

        let wrong = text.replace("\"TestSeconds\": 5", "\"TestSeconds\": \"5\"");
        let err = StateMachine::from_json(&wrong).unwrap_err();
        assert_eq!(err.codes(), [Code::WrongType]);
        assert!(
            err.to_string().contains("`TestSeconds` must be an integer"),
            "{err}"
        );

        let member = WriterConfig::MEMBERS
            .iter()
            .find(|m| m.field == Field::TestSeconds);
        assert_eq!(
            member.map(|m| (m.form, m.required)),
            Some((Form::Integer, false))
        );
    }

    /// `TestCount`, a field of the tests in a Task state, is one line of the table and one
    /// member of `Task`: the importer reads it, the validator takes it, the writer writes it in
    /// the table's order (after `HeartbeatSeconds`, before `Retry`), the builders' empty Task
    /// has it and the schema has its member.
    #[test]
    fn a_field_of_a_state_is_a_line_of_the_table_and_a_member() {
        let text = r#"{"StartAt": "T", "States": {"T": {"Type": "Task", "End": true,
            "Retry": [{"ErrorEquals": ["States.ALL"]}], "TestCount": 3,
            "Resource": "arn:aws:states:::lambda:invoke", "HeartbeatSeconds": 5,
            "TimeoutSeconds": 10}}}"#;
        let (diags, machine) = crate::validate::check_json(text.as_bytes(), &Limits::default());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let Some(State::Task(task)) = machine.as_ref().and_then(|m| m.states.get("T")) else {
            panic!("a Task state");
        };
        assert_eq!(task.test_count, Some(3));
        assert_eq!(
            serde_json::to_string(&State::Task(task.clone())).unwrap(),
            r#"{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","TimeoutSeconds":10,"HeartbeatSeconds":5,"TestCount":3,"Retry":[{"ErrorEquals":["States.ALL"]}],"End":true}"#
        );
        assert_eq!(crate::builder::empty::task(String::new()).test_count, None);

        let wrong = text.replace("\"TestCount\": 3", "\"TestCount\": \"3\"");
        let err = StateMachine::from_json(&wrong).unwrap_err();
        assert_eq!(err.codes(), [Code::WrongType]);
        assert!(
            err.to_string().contains("`TestCount` must be an integer"),
            "{err}"
        );

        let member = Task::MEMBERS.iter().find(|m| m.field == Field::TestCount);
        assert_eq!(
            member.map(|m| (m.form, m.required)),
            Some((Form::Integer, false))
        );
    }
}
