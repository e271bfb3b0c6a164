use super::err;
use crate::path::{Path, Root, Segment};

fn segs(s: &str) -> Vec<Segment> {
    let p = Path::parse(s).unwrap_or_else(|e| panic!("{s:?} should parse: {e}"));
    assert_eq!(p.as_str(), s, "round trip");
    p.segments().to_vec()
}

fn field(s: &str) -> Segment {
    Segment::Field(s.to_string())
}

#[test]
fn roots() {
    assert_eq!(Path::parse("$").unwrap().root(), &Root::Input);
    assert_eq!(Path::parse("$$").unwrap().root(), &Root::Context);
    let v = Path::parse("$order.items[0]").unwrap();
    assert_eq!(v.root(), &Root::Variable("order".into()));
    assert_eq!(v.variable(), Some("order"));
    assert_eq!(v.segments(), &[field("items"), Segment::Index(0)]);
    assert!(Path::parse("$$.Task.Token").unwrap().is_context());
    assert!(!Path::parse("$.Task").unwrap().is_context());
    assert_eq!(Path::parse("$.a").unwrap().variable(), None);
    assert_eq!(Path::parse("$größe").unwrap().variable(), Some("größe"));
    assert_eq!(Path::parse("$_x1").unwrap().variable(), Some("_x1"));
}

#[test]
fn context_paths() {
    for s in [
        "$$.Execution.Id",
        "$$.Execution.Input.name",
        "$$.Task.Token",
        "$$.Map.Item.Value",
        "$$.Map.Item.Index",
        "$$.State.EnteredTime",
        "$$.State.RetryCount",
        "$$.StateMachine.Name",
    ] {
        let p = Path::parse(s).unwrap();
        assert!(p.is_context() && p.is_reference(), "{s}");
    }
}

#[test]
fn dot_fields() {
    assert_eq!(segs("$.a.b"), vec![field("a"), field("b")]);
    assert_eq!(segs("$.detail-type"), vec![field("detail-type")]);
    assert_eq!(
        segs("$.Payload.SHAH_HASH"),
        vec![field("Payload"), field("SHAH_HASH")]
    );
    assert_eq!(segs("$.a:b"), vec![field("a:b")]);
    assert_eq!(segs("$.größe.名前"), vec![field("größe"), field("名前")]);
    assert_eq!(segs("$.0"), vec![field("0")]);
    assert_eq!(segs("$.${Placeholder}"), vec![field("${Placeholder}")]);
}

#[test]
fn bracket_names() {
    assert_eq!(segs("$['a b']"), vec![field("a b")]);
    assert_eq!(segs("$[\"a b\"]"), vec![field("a b")]);
    assert_eq!(segs("$[ 'a' ]"), vec![field("a")]);
    assert_eq!(segs(r"$['it\'s']"), vec![field("it's")]);
    assert_eq!(segs(r"$['a\\b']"), vec![field(r"a\b")]);
    assert_eq!(segs(r"$['\u00e9\n']"), vec![field("é\n")]);
    assert_eq!(segs("$['']"), vec![field("")]);
    assert_eq!(segs("$.['a']"), vec![field("a")]);
}

/// A backslash before the quote that does not delimit the name is kept, as AWS keeps it (the
/// execution `scenarios__test_escape_sequence_parsing__ESCAPE_SEQUENCES_JSONPATH__0` recorded on
/// AWS reads the key `Test\""Name"` with `$['Test\""Name"']`); before the delimiting quote it
/// escapes it.
#[test]
fn a_backslash_before_the_other_quote_is_kept() {
    assert_eq!(segs(r#"$['Test\""Name"']"#), vec![field(r#"Test\""Name""#)]);
    assert_eq!(segs(r#"$["it\'s"]"#), vec![field(r"it\'s")]);
    assert_eq!(segs(r#"$["say \"hi\""]"#), vec![field(r#"say "hi""#)]);
    assert_eq!(segs(r"$['it\'s']"), vec![field("it's")]);
    // A name the builder writes reads back as the same name.
    let p = Path::parse("$").unwrap().field(r#"a\"b'c"#);
    assert_eq!(p.segments(), [field(r#"a\"b'c"#)]);
}

#[test]
fn indexes_and_wildcards() {
    assert_eq!(segs("$[0]"), vec![Segment::Index(0)]);
    assert_eq!(segs("$.a[-1]"), vec![field("a"), Segment::Index(-1)]);
    assert_eq!(segs("$.a[ 3 ]"), vec![field("a"), Segment::Index(3)]);
    assert_eq!(segs("$.[0]"), vec![Segment::Index(0)]);
    assert_eq!(
        segs("$.Snapshots.[0].State"),
        vec![field("Snapshots"), Segment::Index(0), field("State")]
    );
    assert_eq!(segs("$.*"), vec![Segment::Wildcard]);
    assert_eq!(segs("$[*][*]"), vec![Segment::Wildcard, Segment::Wildcard]);
    assert_eq!(
        segs("$.a[ * ].b"),
        vec![field("a"), Segment::Wildcard, field("b")]
    );
}

#[test]
fn slices() {
    let slice = |start, end, step| Segment::Slice { start, end, step };
    assert_eq!(segs("$[1:3]"), vec![slice(Some(1), Some(3), None)]);
    assert_eq!(segs("$[:2]"), vec![slice(None, Some(2), None)]);
    assert_eq!(segs("$[-1:]"), vec![slice(Some(-1), None, None)]);
    assert_eq!(segs("$[1:]"), vec![slice(Some(1), None, None)]);
    assert_eq!(segs("$[0:10:2]"), vec![slice(Some(0), Some(10), Some(2))]);
    assert_eq!(segs("$[::2]"), vec![slice(None, None, Some(2))]);
    assert_eq!(segs("$[ 1 : 3 ]"), vec![slice(Some(1), Some(3), None)]);
    assert_eq!(err(Path::parse("$[::0]")).offset, 4);
}

#[test]
fn unions() {
    assert_eq!(
        segs("$[0,1]"),
        vec![Segment::Union(vec![Segment::Index(0), Segment::Index(1)])]
    );
    assert_eq!(segs("$[0, -1 ,2]").len(), 1);
    assert_eq!(
        segs("$['a','b']"),
        vec![Segment::Union(vec![field("a"), field("b")])]
    );
    assert_eq!(
        segs("$.[*].['bucket', 'key']"),
        vec![
            Segment::Wildcard,
            Segment::Union(vec![field("bucket"), field("key")])
        ]
    );
    assert_eq!(err(Path::parse("$[0,'a']")).offset, 4);
    assert_eq!(err(Path::parse("$['a',0]")).offset, 6);
    assert_eq!(err(Path::parse("$[0,]")).offset, 4);
}

#[test]
fn filters() {
    assert_eq!(
        segs("$.objs[?(@.v > 1)].k"),
        vec![field("objs"), Segment::Filter("@.v > 1".into()), field("k")]
    );
    assert_eq!(
        segs("$[?(@.name == 'x' && @.n < 2)]"),
        vec![Segment::Filter("@.name == 'x' && @.n < 2".into())]
    );
    assert_eq!(
        segs("$[?(@.a == ')]')]"),
        vec![Segment::Filter("@.a == ')]'".into())]
    );
    assert_eq!(segs("$[?((@.a > 1) || (@.b[0] == 2))]").len(), 1);
    assert_eq!(
        segs("$[?(@.s =~ /a(b/i)]"),
        vec![Segment::Filter("@.s =~ /a(b/i".into())]
    );
    assert_eq!(segs("$[ ?( @.x ) ]"), vec![Segment::Filter(" @.x ".into())]);
    assert_eq!(segs("$.a[?(@.Type.Text==AMOUNT_PAID)].b").len(), 3);
    assert_eq!(
        segs("$.approaches[?(@.workerId == $.agent_id)].approach").len(),
        3
    );
    assert_eq!(
        segs("$.[?(@.year <= 1999)]"),
        vec![Segment::Filter("@.year <= 1999".into())]
    );
}

#[test]
fn filter_errors() {
    let e = err(Path::parse("$[?(@.a > 1]"));
    assert_eq!(e.offset, 11, "{e}");
    assert_eq!(err(Path::parse("$[?(@.a == 'x)]")).offset, 11);
    assert_eq!(err(Path::parse("$[?(@.a > 1)")).offset, 1);
    assert_eq!(err(Path::parse("$[?()]")).offset, 4);
    assert_eq!(err(Path::parse("$[?@.a]")).offset, 3);
    assert_eq!(err(Path::parse("$[?(@.a) && (@.b)]")).offset, 9);
    let deep = format!("$[?({}1{})]", "(".repeat(70), ")".repeat(70));
    assert!(err(Path::parse(&deep)).message.contains("nested"));
}

#[test]
fn recursive_descent() {
    let rd = |s: Segment| Segment::RecursiveDescent(Box::new(s));
    assert_eq!(segs("$..name"), vec![rd(field("name"))]);
    assert_eq!(segs("$..*"), vec![rd(Segment::Wildcard)]);
    assert_eq!(segs("$..[0]"), vec![rd(Segment::Index(0))]);
    assert_eq!(segs("$..['x']"), vec![rd(field("x"))]);
    assert_eq!(
        segs("$.a..b.c"),
        vec![field("a"), rd(field("b")), field("c")]
    );
    assert_eq!(err(Path::parse("$..")).offset, 3);
    let e = err(Path::parse("$..."));
    assert_eq!(e.offset, 3);
}

#[test]
fn functions() {
    assert_eq!(
        segs("$.list.length()"),
        vec![field("list"), Segment::Function("length()".into())]
    );
    for f in [
        "min", "max", "avg", "stddev", "sum", "keys", "first", "last",
    ] {
        let s = format!("$.a.{f}()");
        assert_eq!(segs(&s)[1], Segment::Function(format!("{f}()")));
    }
    assert_eq!(
        segs("$.a.concat('-', @.b)")[1],
        Segment::Function("concat('-', @.b)".into())
    );
    let e = err(Path::parse("$.a.lenght()"));
    assert_eq!(e.offset, 4);
    assert!(e.message.contains("did you mean `length()`"), "{e}");
    assert_eq!(err(Path::parse("$.a.length().b")).offset, 12);
    assert_eq!(err(Path::parse("$.a.length(")).offset, 10);
    assert!(!Path::parse("$.a.length()").unwrap().is_reference());
}

#[test]
fn errors_point_at_the_bad_byte() {
    let e = err(Path::parse(""));
    assert_eq!((e.offset, e.expected.as_str()), (0, "`$`"));
    let e = err(Path::parse("$."));
    assert_eq!(e.offset, 2);
    assert_eq!(e.message, "expected a field name after `.`");
    assert_eq!(e.expected, "a field name, `*` or `[`");
    let e = err(Path::parse("$.a[0"));
    assert_eq!((e.offset, e.message.as_str()), (3, "unclosed `[`"));
    assert_eq!(err(Path::parse("$.a['b'")).offset, 3);
    assert_eq!(err(Path::parse("$.a['b")).offset, 4);
    assert_eq!(err(Path::parse("$.a b")).offset, 3);
    assert_eq!(err(Path::parse("$.a ")).offset, 3);
    assert_eq!(err(Path::parse(" $.a")).offset, 0);
    assert_eq!(err(Path::parse("$ .a")).offset, 1);
    assert_eq!(err(Path::parse("$.a]")).offset, 3);
    assert_eq!(err(Path::parse("$.a)")).offset, 3);
    assert_eq!(err(Path::parse("$.a.")).offset, 4);
    assert_eq!(err(Path::parse("$[]")).offset, 2);
    assert_eq!(err(Path::parse("$[x]")).offset, 2);
    assert_eq!(err(Path::parse("$[1x]")).offset, 3);
    assert_eq!(err(Path::parse("$[-]")).offset, 3);
    assert_eq!(err(Path::parse("$[99999999999999999999]")).offset, 2);
    assert_eq!(err(Path::parse(r"$['a\q']")).offset, 4);
    assert_eq!(err(Path::parse(r"$['\u12']")).offset, 3);
    assert_eq!(err(Path::parse("$5")).offset, 1);
    assert_eq!(err(Path::parse("$a-b")).offset, 2);
    assert_eq!(err(Path::parse("$$x")).offset, 2);
    assert_eq!(err(Path::parse("a.b")).offset, 0);
    assert_eq!(err(Path::parse(".guid")).offset, 0);
    assert_eq!(err(Path::parse("$.a[0]x")).offset, 6);
    let e = err(Path::parse("$[(@.length-1)]"));
    assert_eq!(e.offset, 2);
    assert!(e.message.contains("script"));
    let e = err(Path::parse("$states.x"));
    assert!(e.message.contains("reserved"), "{e}");
    assert_eq!(e.offset, 1);
    let long = format!("${}", "v".repeat(81));
    assert_eq!(err(Path::parse(&long)).offset, 81);
}

#[test]
fn reference_paths() {
    for s in [
        "$",
        "$$",
        "$.a",
        "$.a[0].b",
        "$['a b'][-1]",
        "$$.Map.Item.Value",
        "$var.x",
        "$.[0]",
    ] {
        let p = Path::parse_reference(s).unwrap();
        assert!(p.is_reference());
        assert_eq!(p.as_str(), s);
    }
    let cases = [
        ("$.a[*]", 3, "wildcard"),
        ("$.a.*", 3, "wildcard"),
        ("$..a", 1, "recursive descent"),
        ("$.a[1:2]", 3, "slice"),
        ("$.a[0,1]", 3, "union"),
        ("$.a['x','y']", 3, "union"),
        ("$.a[?(@.b)]", 3, "filter"),
        ("$.a.length()", 3, "function"),
    ];
    for (s, offset, what) in cases {
        let e = err(Path::parse_reference(s));
        assert_eq!(e.offset, offset, "{s}");
        assert!(
            e.message.contains(what) && e.message.contains("reference path"),
            "{s}: {e}"
        );
        assert!(!Path::parse(s).unwrap().is_reference());
    }
    assert_eq!(err(Path::parse_reference("$.a[")).message, "unclosed `[`");
}

#[test]
fn constructors_render_canonical_text() {
    assert_eq!(Path::input().as_str(), "$");
    assert_eq!(Path::context().as_str(), "$$");
    assert_eq!(Path::input().field("a b").index(0).as_str(), "$['a b'][0]");
    assert_eq!(
        Path::context().field("Task").field("Token").as_str(),
        "$$.Task.Token"
    );
    assert_eq!(
        Path::input().field("detail-type").as_str(),
        "$['detail-type']"
    );
    assert_eq!(
        Path::input().field(r"it's a\b").as_str(),
        r"$['it\'s a\\b']"
    );
    assert_eq!(Path::input().field("").as_str(), "$['']");
    assert_eq!(Path::input().field("9lives").as_str(), "$['9lives']");
    assert_eq!(
        Path::input().field("größe").index(-2).as_str(),
        "$.größe[-2]"
    );
    let v = Path::variable_root("order").unwrap().field("id");
    assert_eq!(v.as_str(), "$order.id");
    assert_eq!(err(Path::variable_root("1x")).offset, 0);
    assert!(Path::variable_root("states").is_err());
    for built in [
        Path::input().field("a b").index(0),
        Path::input().field(r"q'\").field("x").index(i64::MIN),
        Path::context().field("Map").field("Item").field("Value"),
        Path::variable_root("v").unwrap().field("[weird]").index(3),
    ] {
        let parsed = Path::parse(built.as_str()).unwrap();
        assert_eq!(parsed, built);
        assert!(Path::parse_reference(built.as_str()).is_ok());
    }
}

#[test]
fn display_fromstr_serialize() {
    let p: Path = "$.a['b c']".parse().unwrap();
    assert_eq!(p.to_string(), "$.a['b c']");
    assert_eq!(serde_json::to_string(&p).unwrap(), r#""$.a['b c']""#);
    assert!("$.".parse::<Path>().is_err());
}
