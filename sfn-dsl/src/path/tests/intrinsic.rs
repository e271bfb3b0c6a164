use super::err;
use crate::path::{Arg, Intrinsic, IntrinsicFn, Path};

fn ok(s: &str) -> Intrinsic {
    let i = Intrinsic::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"));
    assert_eq!(i.as_str(), s, "round trip");
    i
}

fn num(n: i64) -> Arg {
    Arg::Number(n.into())
}

fn path(s: &str) -> Arg {
    Arg::Path(Path::parse(s).unwrap())
}

#[test]
fn names_and_arity_table() {
    assert_eq!(IntrinsicFn::ALL.len(), 18);
    for &f in IntrinsicFn::ALL {
        assert_eq!(IntrinsicFn::from_name(f.name()), Some(f));
        assert!(f.name().starts_with("States."));
        assert_eq!(f.to_string(), f.name());
    }
    assert_eq!(IntrinsicFn::from_name("States.format"), None);
    assert_eq!(IntrinsicFn::from_name("States.Uuid"), None);
    assert_eq!(IntrinsicFn::Uuid.name(), "States.UUID");
    let expected = [
        (IntrinsicFn::Format, (1, None)),
        (IntrinsicFn::Array, (0, None)),
        (IntrinsicFn::ArrayPartition, (2, Some(2))),
        (IntrinsicFn::ArrayContains, (2, Some(2))),
        (IntrinsicFn::ArrayRange, (3, Some(3))),
        (IntrinsicFn::ArrayGetItem, (2, Some(2))),
        (IntrinsicFn::ArrayLength, (1, Some(1))),
        (IntrinsicFn::ArrayUnique, (1, Some(1))),
        (IntrinsicFn::Base64Encode, (1, Some(1))),
        (IntrinsicFn::Base64Decode, (1, Some(1))),
        (IntrinsicFn::Hash, (2, Some(2))),
        (IntrinsicFn::JsonMerge, (3, Some(3))),
        (IntrinsicFn::MathRandom, (2, Some(3))),
        (IntrinsicFn::MathAdd, (2, Some(2))),
        (IntrinsicFn::StringSplit, (2, Some(2))),
        (IntrinsicFn::StringToJson, (1, Some(1))),
        (IntrinsicFn::JsonToString, (1, Some(1))),
        (IntrinsicFn::Uuid, (0, Some(0))),
    ];
    for (f, arity) in expected {
        assert_eq!(f.arity(), arity, "{f}");
    }
}

#[test]
fn every_function_parses() {
    let cases = [
        (
            "States.Format('Hello {} and {}', $.name, $.n)",
            IntrinsicFn::Format,
            3,
        ),
        ("States.Format('no placeholders')", IntrinsicFn::Format, 1),
        (
            "States.Format($.template, $.a, $.b)",
            IntrinsicFn::Format,
            3,
        ),
        ("States.StringToJson($.js)", IntrinsicFn::StringToJson, 1),
        (
            "States.StringToJson('{\"a\": 1}')",
            IntrinsicFn::StringToJson,
            1,
        ),
        ("States.JsonToString($.o1)", IntrinsicFn::JsonToString, 1),
        (
            "States.Array($.n, 'x', true, false, null, 2.5, -1)",
            IntrinsicFn::Array,
            7,
        ),
        ("States.Array()", IntrinsicFn::Array, 0),
        (
            "States.ArrayPartition($.list, 2)",
            IntrinsicFn::ArrayPartition,
            2,
        ),
        (
            "States.ArrayContains($.list, 3)",
            IntrinsicFn::ArrayContains,
            2,
        ),
        ("States.ArrayRange(1, 9, 2)", IntrinsicFn::ArrayRange, 3),
        ("States.ArrayRange(10, 1, -3)", IntrinsicFn::ArrayRange, 3),
        (
            "States.ArrayGetItem($.list, 1)",
            IntrinsicFn::ArrayGetItem,
            2,
        ),
        ("States.ArrayLength($.list)", IntrinsicFn::ArrayLength, 1),
        ("States.ArrayUnique($.dups)", IntrinsicFn::ArrayUnique, 1),
        ("States.Base64Encode($.name)", IntrinsicFn::Base64Encode, 1),
        (
            "States.Base64Decode('aGVsbG8=')",
            IntrinsicFn::Base64Decode,
            1,
        ),
        ("States.Hash($.name, 'SHA-1')", IntrinsicFn::Hash, 2),
        ("States.Hash('x', 'MD5')", IntrinsicFn::Hash, 2),
        (
            "States.JsonMerge($.o1, $.o2, false)",
            IntrinsicFn::JsonMerge,
            3,
        ),
        ("States.MathRandom(1, 999)", IntrinsicFn::MathRandom, 2),
        (
            "States.MathRandom(1, 999, 1234)",
            IntrinsicFn::MathRandom,
            3,
        ),
        ("States.MathAdd($.n, -3)", IntrinsicFn::MathAdd, 2),
        (
            "States.StringSplit($.csv, ',')",
            IntrinsicFn::StringSplit,
            2,
        ),
        ("States.UUID()", IntrinsicFn::Uuid, 0),
    ];
    for (s, f, n) in cases {
        let i = ok(s);
        assert_eq!(i.function(), f, "{s}");
        assert_eq!(i.args().len(), n, "{s}");
    }
}

#[test]
fn arguments() {
    let i =
        ok("States.Array('it\\'s \\{x\\} \\\\', 1.5e3, -0, true, null, $$.Task.Token, $v.x[0])");
    assert_eq!(i.args()[0], Arg::String("it's {x} \\".into()));
    assert_eq!(
        i.args()[1],
        Arg::Number(serde_json::Number::from_f64(1500.0).unwrap())
    );
    assert_eq!(i.args()[3], Arg::Bool(true));
    assert_eq!(i.args()[4], Arg::Null);
    assert_eq!(i.args()[5], path("$$.Task.Token"));
    assert_eq!(i.args()[6], path("$v.x[0]"));
    // whitespace around arguments, none after a comma, paths with brackets and quotes
    ok("States.Array( $.a ,$['x, y)'] , $.b[?(@.c == ')')] )");
    ok("States.ArrayPartition($.inputArray,4)");
    ok("States.StringSplit('Hello\nWorld', '\n')");
    ok("States.JsonToString($)");
    ok("States.ArrayLength($.a.length())");
    let nested = ok(
        "States.ArrayGetItem(States.StringSplit($$.Execution.Id, ':'), States.MathAdd(States.ArrayLength($.a), -1))",
    );
    let Arg::Intrinsic(inner) = &nested.args()[0] else {
        panic!("nested call expected")
    };
    assert_eq!(inner.as_str(), "States.StringSplit($$.Execution.Id, ':')");
    assert_eq!(inner.function(), IntrinsicFn::StringSplit);
}

#[test]
fn seed_and_corpus_intrinsics() {
    for s in [
        "States.Format('it\\'s \\{literal\\} {}', $.name)",
        "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
        "States.Format('{}', States.MathAdd($$.Execution.Input.a, $$.Execution.Input.b))",
        "States.Format('{} xyz {}', 1, 'def')",
        "States.JsonMerge(States.StringToJson($.Body), States.StringToJson('{\"NewField\": \"MyValue\" }'), false)",
        "States.ArrayGetItem($.R[?(@.OutputKey == FizzBuzz)].OutputValue, 0)",
        "States.MathAdd(States.MathAdd(States.MathAdd($y, $x), $z), $bias)",
        "States.Format('<a href=\"x\">{}</a>',$.body.message)",
    ] {
        ok(s);
    }
}

#[test]
fn arity_errors() {
    let cases = [
        (
            "States.Format()",
            "States.Format takes at least 1 argument, found 0",
            14,
        ),
        (
            "States.StringToJson()",
            "States.StringToJson takes 1 argument, found 0",
            20,
        ),
        (
            "States.StringToJson($.a, $.b)",
            "States.StringToJson takes 1 argument, found 2",
            25,
        ),
        (
            "States.JsonToString($.a, $.b)",
            "States.JsonToString takes 1 argument, found 2",
            25,
        ),
        (
            "States.ArrayPartition($.a)",
            "States.ArrayPartition takes 2 arguments, found 1",
            25,
        ),
        (
            "States.ArrayContains($.a)",
            "States.ArrayContains takes 2 arguments, found 1",
            24,
        ),
        (
            "States.ArrayRange(1, 2)",
            "States.ArrayRange takes 3 arguments, found 2",
            22,
        ),
        (
            "States.ArrayRange(1, 2, 1, 4)",
            "States.ArrayRange takes 3 arguments, found 4",
            27,
        ),
        (
            "States.ArrayGetItem($.a)",
            "States.ArrayGetItem takes 2 arguments, found 1",
            23,
        ),
        (
            "States.ArrayLength()",
            "States.ArrayLength takes 1 argument, found 0",
            19,
        ),
        (
            "States.ArrayUnique($.a, $.b)",
            "States.ArrayUnique takes 1 argument, found 2",
            24,
        ),
        (
            "States.Base64Encode()",
            "States.Base64Encode takes 1 argument, found 0",
            20,
        ),
        (
            "States.Base64Decode($.a, $.b)",
            "States.Base64Decode takes 1 argument, found 2",
            25,
        ),
        (
            "States.Hash($.a)",
            "States.Hash takes 2 arguments, found 1",
            15,
        ),
        (
            "States.JsonMerge($.a, $.b)",
            "States.JsonMerge takes 3 arguments, found 2",
            25,
        ),
        (
            "States.MathRandom(1)",
            "States.MathRandom takes 2 or 3 arguments, found 1",
            19,
        ),
        (
            "States.MathRandom(1, 2, 3, 4)",
            "States.MathRandom takes 2 or 3 arguments, found 4",
            27,
        ),
        (
            "States.MathAdd($.n)",
            "States.MathAdd takes 2 arguments, found 1",
            18,
        ),
        (
            "States.MathAdd(1, 2, 3)",
            "States.MathAdd takes 2 arguments, found 3",
            21,
        ),
        (
            "States.StringSplit($.a)",
            "States.StringSplit takes 2 arguments, found 1",
            22,
        ),
        (
            "States.UUID($.a)",
            "States.UUID takes no arguments, found 1",
            12,
        ),
    ];
    for (s, msg, offset) in cases {
        let e = err(Intrinsic::parse(s));
        assert_eq!((e.message.as_str(), e.offset), (msg, offset), "{s}");
    }
}

#[test]
fn type_errors() {
    let cases = [
        (
            "States.MathAdd(1,'-1')",
            17,
            "argument 2 of States.MathAdd must be an integer, found a string",
        ),
        (
            "States.MathAdd(1.5, 1)",
            15,
            "argument 1 of States.MathAdd must be an integer, found a decimal number",
        ),
        (
            "States.MathRandom(1, true)",
            21,
            "argument 2 of States.MathRandom must be an integer, found `true`",
        ),
        (
            "States.ArrayRange(1, '9', 1)",
            21,
            "argument 2 of States.ArrayRange must be an integer, found a string",
        ),
        (
            "States.ArrayGetItem($.a, -1)",
            25,
            "argument 2 of States.ArrayGetItem must be a non-negative integer, found -1",
        ),
        (
            "States.ArrayGetItem('abc', 1)",
            20,
            "argument 1 of States.ArrayGetItem must be an array (pass a path or an intrinsic function), found a string",
        ),
        (
            "States.ArrayPartition($.a, 0)",
            27,
            "argument 2 of States.ArrayPartition must be a positive integer, found 0",
        ),
        (
            "States.ArrayLength(3)",
            19,
            "argument 1 of States.ArrayLength must be an array (pass a path or an intrinsic function), found a number",
        ),
        (
            "States.Hash($.a, 'SHA-2')",
            17,
            "argument 2 of States.Hash must be one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', found 'SHA-2'",
        ),
        (
            "States.JsonMerge($.a, $.b, true)",
            27,
            "argument 3 of States.JsonMerge must be `false` (AWS supports only a shallow merge), found `true`",
        ),
        (
            "States.JsonMerge('{}', $.b, false)",
            17,
            "argument 1 of States.JsonMerge must be a JSON object (pass a path or an intrinsic function), found a string",
        ),
        (
            "States.Format(1, $.a)",
            14,
            "argument 1 of States.Format must be a string, found a number",
        ),
        (
            "States.StringToJson(null)",
            20,
            "argument 1 of States.StringToJson must be a string, found `null`",
        ),
        (
            "States.StringSplit($.a, 1)",
            24,
            "argument 2 of States.StringSplit must be a string, found a number",
        ),
        (
            "States.Base64Encode(12)",
            20,
            "argument 1 of States.Base64Encode must be a string, found a number",
        ),
    ];
    for (s, offset, msg) in cases {
        let e = err(Intrinsic::parse(s));
        assert_eq!((e.message.as_str(), e.offset), (msg, offset), "{s}");
    }
    // paths and nested calls are accepted in every position
    ok("States.JsonMerge($.a, States.StringToJson($.b), $.deep)");
    ok("States.MathAdd($.a, States.ArrayLength($.b))");
    ok("States.Hash($.data, $.algorithm)");
    for alg in ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"] {
        ok(&format!("States.Hash($.d, '{alg}')"));
    }
}

#[test]
fn format_placeholders() {
    ok("States.Format('{}{}', $.a, $.b)");
    ok("States.Format('\\{\\}')");
    ok("States.Format('{{}}', $.a)");
    ok("States.Format('{ }')");
    let e = err(Intrinsic::parse("States.Format('{} {}', $.a)"));
    assert_eq!(e.offset, 14);
    assert_eq!(
        e.message,
        "the States.Format template has 2 `{}` placeholders but 1 argument follows"
    );
    let e = err(Intrinsic::parse("States.Format('\\{}', $.a)"));
    assert_eq!(
        e.message,
        "the States.Format template has 0 `{}` placeholders but 1 argument follows"
    );
    let e = err(Intrinsic::parse("States.Format('{}')"));
    assert_eq!(
        e.message,
        "the States.Format template has 1 `{}` placeholder but 0 arguments follow"
    );
}

#[test]
fn syntax_errors() {
    let cases: &[(&str, usize, &str)] = &[
        (
            "States.Fromat('x')",
            0,
            "unknown intrinsic function `States.Fromat`; did you mean `States.Format`?",
        ),
        (
            "States.format('x')",
            0,
            "unknown intrinsic function `States.format`; did you mean `States.Format`?",
        ),
        (
            "States.Uuid()",
            0,
            "unknown intrinsic function `States.Uuid`; did you mean `States.UUID`?",
        ),
        (
            "States.Xyz($.result)",
            0,
            "unknown intrinsic function `States.Xyz`",
        ),
        ("States.()", 7, "unexpected `(`"),
        ("States.UUID", 11, "unexpected end of input"),
        ("States.UUID ()", 11, "unexpected whitespace ' '"),
        (" States.UUID()", 0, "unexpected whitespace ' '"),
        (
            "States.UUID() ",
            13,
            "unexpected whitespace ' ' after the closing `)`",
        ),
        ("States.UUID()x", 13, "unexpected `x` after the closing `)`"),
        ("States.Array($.a", 12, "unclosed `(`"),
        ("States.Array($.a,", 12, "unclosed `(`"),
        ("States.Array($.a,)", 17, "missing argument"),
        ("States.Array(,$.a)", 13, "missing argument"),
        ("States.Array($.a $.b)", 17, "unexpected `$`"),
        ("States.Array('abc)", 13, "unterminated string literal"),
        (
            "States.Array('a\\nb')",
            15,
            "invalid escape `\\n` in a string literal",
        ),
        (
            "States.Array('a\\\"b')",
            15,
            "invalid escape `\\\"` in a string literal",
        ),
        (
            "States.Array(\"x\")",
            13,
            "string literals of intrinsic functions use single quotes",
        ),
        ("States.Array(tru)", 13, "unexpected `t`"),
        ("States.Array(truex)", 13, "unexpected `t`"),
        ("States.Array(01)", 13, "invalid number: leading zero"),
        (
            "States.Array(1.)",
            15,
            "invalid number: expected a digit after `.`",
        ),
        (
            "States.Array(1e)",
            15,
            "invalid number: expected a digit in the exponent",
        ),
        ("States.Array(-)", 14, "invalid number: expected a digit"),
        (
            "States.Array(12abc)",
            15,
            "invalid number: unexpected character after the number",
        ),
        ("States.Array(1e999)", 13, "number out of range"),
        ("States.Array($.a b)", 17, "unexpected `b`"),
        ("States.Array($.)", 15, "expected a field name after `.`"),
        ("States.Array($.a[0)", 18, "unexpected `)`"),
        ("States.Array(States.Array()", 12, "unclosed `(`"),
        ("States.Array(foo)", 13, "unexpected `f`"),
    ];
    for &(s, offset, msg) in cases {
        let e = err(Intrinsic::parse(s));
        assert_eq!((e.message.as_str(), e.offset), (msg, offset), "{s}");
    }
    let deep = format!("{}{}", "States.Array(".repeat(65), ")".repeat(65));
    assert!(
        err(Intrinsic::parse(&deep))
            .message
            .contains("nested more than 64")
    );
    let ok_deep = format!("{}{}", "States.Array(".repeat(64), ")".repeat(64));
    ok(&ok_deep);
}

#[test]
fn typed_constructor() {
    let i = Intrinsic::new(
        IntrinsicFn::Format,
        vec![
            Arg::String("Hello {}, it's {x} \\ {}".into()),
            path("$.a"),
            path("$$.Execution.Id"),
        ],
    )
    .unwrap();
    assert_eq!(
        i.as_str(),
        "States.Format('Hello {}, it\\'s \\{x\\} \\\\ {}', $.a, $$.Execution.Id)"
    );
    assert_eq!(Intrinsic::parse(i.as_str()).unwrap(), i);
    let s = Intrinsic::new(
        IntrinsicFn::StringToJson,
        vec![Arg::String("{\"a\": '1'}".into())],
    )
    .unwrap();
    assert_eq!(s.as_str(), "States.StringToJson('\\{\"a\": \\'1\\'\\}')");
    assert_eq!(Intrinsic::parse(s.as_str()).unwrap(), s);
    let inner = Intrinsic::new(IntrinsicFn::ArrayLength, vec![path("$.items")]).unwrap();
    let outer = Intrinsic::new(
        IntrinsicFn::MathAdd,
        vec![Arg::Intrinsic(Box::new(inner)), num(-1)],
    )
    .unwrap();
    assert_eq!(
        outer.as_str(),
        "States.MathAdd(States.ArrayLength($.items), -1)"
    );
    assert_eq!(Intrinsic::parse(outer.as_str()).unwrap(), outer);
    let all = Intrinsic::new(
        IntrinsicFn::Array,
        vec![
            Arg::Bool(true),
            Arg::Bool(false),
            Arg::Null,
            Arg::Number(serde_json::Number::from_f64(2.5).unwrap()),
            path("$['a, b']"),
        ],
    )
    .unwrap();
    assert_eq!(
        all.as_str(),
        "States.Array(true, false, null, 2.5, $['a, b'])"
    );
    assert_eq!(Intrinsic::parse(all.as_str()).unwrap(), all);
    assert_eq!(
        Intrinsic::new(IntrinsicFn::Uuid, vec![]).unwrap().as_str(),
        "States.UUID()"
    );
    let e = err(Intrinsic::new(IntrinsicFn::MathAdd, vec![num(1)]));
    assert_eq!(e.message, "States.MathAdd takes 2 arguments, found 1");
    let e = err(Intrinsic::new(
        IntrinsicFn::Format,
        vec![Arg::String("{} {}".into()), num(1)],
    ));
    assert!(e.message.contains("2 `{}` placeholders"), "{e}");
    assert!(
        Intrinsic::new(
            IntrinsicFn::JsonMerge,
            vec![path("$.a"), path("$.b"), Arg::Bool(true)]
        )
        .is_err()
    );
}

#[test]
fn display_fromstr_serialize() {
    let i: Intrinsic = "States.UUID()".parse().unwrap();
    assert_eq!(i.to_string(), "States.UUID()");
    assert_eq!(
        serde_json::to_value(&i).unwrap(),
        serde_json::json!("States.UUID()")
    );
}

#[test]
fn array_range_limits() {
    ok("States.ArrayRange(1, 1000, 1)");
    let e = err(Intrinsic::parse("States.ArrayRange(1, 1001, 1)"));
    assert!(e.message.contains("1000"), "{e}");
    let e = err(Intrinsic::parse("States.ArrayRange(1, 5, 0)"));
    assert_eq!(e.offset, 24);
}
