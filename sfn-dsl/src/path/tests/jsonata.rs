use super::err;
use crate::path::Jsonata;

fn accepts(expr: &str) {
    let s = format!("{{% {expr} %}}");
    if let Err(e) = Jsonata::parse(&s) {
        panic!("{s:?} should parse: {e}");
    }
}

#[test]
fn surround() {
    assert!(Jsonata::is_jsonata("{% 1 %}"));
    assert!(Jsonata::is_jsonata("{%1%}"));
    assert!(!Jsonata::is_jsonata(" {% 1 %}"));
    assert!(!Jsonata::is_jsonata("{% 1 %} "));
    assert!(!Jsonata::is_jsonata("{%}"));
    assert!(!Jsonata::is_jsonata("10 %}"));
    assert!(!Jsonata::is_jsonata("{% 10 %"));
    assert!(!Jsonata::is_jsonata("$.a"));
    let e = err(Jsonata::parse("10 %}"));
    assert_eq!(e.offset, 0);
    let e = err(Jsonata::parse("{% 10 %"));
    assert_eq!(e.offset, 7);
    assert_eq!(err(Jsonata::parse("{%}")).offset, 3);
    assert_eq!(err(Jsonata::parse(" {% 1 %}")).offset, 0);
    let e = err(Jsonata::parse("{%  %}"));
    assert_eq!(
        (e.offset, e.message.as_str()),
        (2, "empty JSONata expression")
    );
    assert_eq!(err(Jsonata::parse("{%%}")).offset, 2);
    // AWS accepts the expression without spaces and across lines (deployed samples do this)
    assert!(Jsonata::parse("{%10%}").is_ok());
    assert!(Jsonata::parse("{%$lowercase('a' & $uuid()) %}").is_ok());
    assert!(Jsonata::parse("{% \n10         %}").is_ok());
}

#[test]
fn accessors_and_traits() {
    let j = Jsonata::parse("{%  $states.input  %}").unwrap();
    assert_eq!(j.as_str(), "{%  $states.input  %}");
    assert_eq!(j.expression(), "$states.input");
    assert_eq!(j.to_string(), "{%  $states.input  %}");
    assert_eq!(
        serde_json::to_string(&j).unwrap(),
        r#""{%  $states.input  %}""#
    );
    let n = Jsonata::new("$x + 1").unwrap();
    assert_eq!(n.as_str(), "{% $x + 1 %}");
    assert_eq!(n.expression(), "$x + 1");
    assert_eq!("{% 1 %}".parse::<Jsonata>().unwrap().expression(), "1");
    assert!(Jsonata::new("").is_err());
    assert!(Jsonata::new("1 +").is_err());
}

#[test]
fn accepts_valid_jsonata() {
    for e in [
        "1",
        "-1.5e3",
        "0.5",
        "\"double\"",
        "'single'",
        "'esc \\\" \\\\ \\n \\u00e9'",
        "true and false or null",
        "$",
        "$$",
        "$states",
        "$states.input.items[0]",
        "$states.context.Execution.Id",
        "$$.Map.Item.Index = 0",
        "Account.Order[0].Product.`Product Name`",
        "Account.Order.Product[Price > 30].SKU",
        "Phone[type='mobile'].number",
        "Phone[-1]",
        "Phone[]",
        "Address.(Street & ', ' & City)",
        "$sum(Account.Order.Product.(Price * Quantity))",
        "$count($states.result[$ = 1])",
        "$map($states.result, function($v) { $v = 1 ? 'pass' : 'failed' })",
        "function($x, $y)<nn:n>{ $x + $y }",
        "λ($x){ $x * 2 }(3)",
        "($a := 1; $b := $a + 2; $a * $b)",
        "($f := function($n) { $n <= 1 ? 1 : $n * $f($n - 1) }; $f(5))",
        "()",
        "(1;)",
        "{}",
        "{'a': 1, \"b\": [1, 2, 3], 'c': {'d': null}}",
        "Account.Order{OrderID: $sum(Product.Price)}",
        "[]",
        "[1..5]",
        "[1, 2..4, $x]",
        "[1, 2, 3][$ > 1]",
        "Account.Order^(>Product.Price, <OrderID)",
        "Account.Order#$i[$i < 2]",
        "library.loans@$l.books@$b[$l.isbn=$b.isbn]",
        "**.Price",
        "*.Price",
        "Account.Order.Product.%.OrderID",
        "$string(5) ~> $uppercase()",
        "$x ? 'yes'",
        "'a' in ['a', 'b']",
        "1 != 2 and 1 <= 2 and 2 >= 1 and 1 < 2 and 2 > 1",
        "10 % 3 + 4 / 2 - -1",
        "$match($s, /^[a-zA-Z0-9._%+-]+@[a-z.-]+\\.[a-z]{2,}$/i)",
        "$split('a/b', '/')",
        "$replace($x, /a(b|c)/m, 'x')",
        "4 / 2 / 1",
        "$contains('abc', /b/)",
        "/* a comment */ $x /* another */ + 1",
        "$ ~> | Account | {'x': 1} |",
        "$ ~> | Account | {}, ['a', 'b'] |",
        "$f(?, 2)",
        "$states.input.cost < 10",
        "$not(null in $each($x, function($v) { $length($trim($v)) > 0 ? $v : null }))",
        "$inputPayload.data.interests[category = 'home']{'customer': $n, category: {type: yearBuilt}}",
        "'tmp/'&$taskId&'/'&'part-'&$millis()&'.json'",
        "$states.result.ResponseBody.count+$number($offset)",
        "$round($random() * 10)",
        "and.or.in",
        "a.b.c.d.e.f",
        "$x := $y := 3",
        "a.'quoted step'.b",
        "a[0].b@$x",
        "a^(b)#$i[0]",
        "a{'k': 1}[0]",
        "a[0]{'k': 1}",
        "1[0]",
        "$x[] := 1",
        "$match(x, /a{2,3}?(?:b|c)*[^x\\]]+(?<n>x)(?=y)$/)",
        "$match(x, /a{,}/)",
        "function($x)<s-:s>{ $x }",
    ] {
        accepts(e);
    }
}

#[test]
fn rejects_malformed_jsonata() {
    let cases: &[(&str, usize)] = &[
        ("{% 1 + %}", 7),
        ("{% 10 + * 2 %}", 10),
        ("{% 420. %}", 8),
        ("{% $sum($states.input.items.numbers %}", 36),
        ("{% $.store.book[?(@.price < 10)].title %}", 16),
        ("{% (1 %}", 6),
        ("{% 1) %}", 4),
        ("{% [1, 2 %}", 9),
        ("{% {'a': 1 %}", 11),
        ("{% {'a' 1} %}", 8),
        ("{% 'abc %}", 3),
        ("{% \"a\\q\" %}", 5),
        ("{% `abc %}", 3),
        ("{% /* open %}", 3),
        ("{% $match(x, /abc) %}", 13),
        ("{% $match(x, //) %}", 13),
        ("{% 1 2 %}", 5),
        ("{% * 2 %}", 5),
        ("{% a..b %}", 4),
        ("{% = 1 %}", 3),
        ("{% 1 ! 2 %}", 5),
        ("{% 1 := 2 %}", 5),
        ("{% a @ b %}", 7),
        ("{% a # 1 %}", 7),
        ("{% function(x) { 1 } %}", 12),
        ("{% function($x) 1 %}", 16),
        ("{% function($x)<n { 1 } %}", 15),
        ("{% $x ? %}", 8),
        ("{% 1e999 %}", 3),
        ("{% , %}", 3),
        ("{% a.(b %}", 8),
        ("{% | a | b %}", 11),
        ("{% a^(b %}", 8),
        ("{% 1 + %} %}", 8),
        ("{% $x ?: 'default' %}", 6),
        ("{% $x ?? 'default' %}", 6),
        ("{% (/re/) %}", 4),
        ("{% a.1 %}", 5),
        ("{% 1.a %}", 3),
        ("{% a.true %}", 5),
        ("{% a.-2 %}", 6),
        ("{% a{'k': 1}{'k': 2} %}", 12),
        ("{% {'k': 1}{'k': 2}[0] %}", 19),
        ("{% a[0]@$x %}", 7),
        ("{% a^(b)@$x %}", 8),
        ("{% $x[0] := 1 %}", 9),
        ("{% 1 ! 2 %}", 5),
        ("{% 1 ~ 2 %}", 5),
        ("{% $match(x, /a**/) %}", 16),
        ("{% $match(x, /+a/) %}", 14),
        ("{% $match(x, /(a/) %}", 13),
        ("{% $match(x, /a)/) %}", 13),
        ("{% $match(x, /(a]/) %}", 14),
        ("{% $match(x, /[a/) %}", 13),
    ];
    for &(s, offset) in cases {
        let e = err(Jsonata::parse(s));
        assert_eq!(e.offset, offset, "{s}: {e}");
    }
}

#[test]
fn nesting_limit() {
    let ok = format!("{{% {}1{} %}}", "(".repeat(64), ")".repeat(64));
    assert!(Jsonata::parse(&ok).is_ok());
    let deep = format!("{{% {}1{} %}}", "(".repeat(65), ")".repeat(65));
    assert!(
        err(Jsonata::parse(&deep))
            .message
            .contains("nested more than 64")
    );
    let minus = format!("{{% {}1 %}}", "-".repeat(200));
    assert!(err(Jsonata::parse(&minus)).message.contains("nested"));
    let deep_array = format!("{{% {}{} %}}", "[".repeat(1000), "]".repeat(1000));
    assert!(Jsonata::parse(&deep_array).is_err());
}

/// The names `reads` finds in `expr`, each checked to be at its offset.
fn names(expr: &str, reads: fn(&Jsonata) -> Vec<(usize, &str)>) -> Vec<String> {
    let j = Jsonata::new(expr).unwrap_or_else(|e| panic!("{expr:?} should parse: {e}"));
    reads(&j)
        .into_iter()
        .map(|(at, name)| {
            assert_eq!(&j.as_str()[at..at + name.len()], name, "offset of {name}");
            name.to_owned()
        })
        .collect()
}

/// The names `expr` reads from the top-level context.
fn top_level(expr: &str) -> Vec<String> {
    names(expr, Jsonata::top_level_references)
}

#[test]
fn top_level_references_as_aws_measures_them() {
    // The first step of a path, `$` and `$$` read the top-level context, which Step Functions
    // does not have.
    assert_eq!(top_level("phone"), ["phone"]);
    assert_eq!(top_level("phone.number[0]"), ["phone"]);
    assert_eq!(top_level("`first name` & last"), ["`first name`", "last"]);
    assert_eq!(top_level("$ + $$.x"), ["$", "$$"]);
    // Everywhere that context flows: operands, arguments, constructors (keys too),
    // conditions, blocks, bindings and lambda bodies.
    assert_eq!(top_level("$count(items)"), ["items"]);
    assert_eq!(top_level("[a, {b: c, \"d\": 1}]"), ["a", "b", "c"]);
    assert_eq!(top_level("x ? y : -z"), ["x", "y", "z"]);
    assert_eq!(top_level("($v := w; $v)"), ["w"]);
    assert_eq!(
        top_level("$map($states.input.a, function($x) { b })"),
        ["b"]
    );
    // Later steps, predicates, groups, sorts and transforms read the value before them.
    for expr in [
        "$states.input.phone",
        "$states.input.items[price > 10 and $ != null].name",
        "$states.input.(a + b)",
        "$states.input{type: $sum(n)}",
        "$states.input^(>price, name)",
        "$states.input ~> |a|{'b': c}|",
        "$x.$map(y, function($v) { $v })",
        "$states.input.**.*.%",
        "$myVar & 'text' & 1 & true & /re/",
        "$states.context.Task.Token",
    ] {
        assert_eq!(top_level(expr), Vec::<String>::new(), "{expr}");
    }
}

#[test]
fn states_fields_are_the_names_after_states() {
    let fields = |expr: &str| names(expr, Jsonata::states_fields);
    assert_eq!(
        fields("$states.input.a & $states.`result`.b & $f($states.errorOutput)"),
        ["input", "result", "errorOutput"]
    );
    assert_eq!(
        fields("$states.input.items[$states.context.x]"),
        ["input", "context"]
    );
    // Only right after `$states`: a field of another value or variable is not one.
    for expr in ["$states", "$x.result", "result.errorOutput"] {
        assert_eq!(fields(expr), Vec::<String>::new(), "{expr}");
    }
    assert_eq!(fields("$states.input.result"), ["input"]);
}
