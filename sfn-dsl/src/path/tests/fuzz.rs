//! Feeds pseudo-random strings built from the grammars' characters to every parser: none may
//! panic, and whatever parses must round-trip.

use crate::path::{Expr, Intrinsic, Jsonata, Path, looks_like_expr, validate_variable_name};

/// xorshift64: tiny, deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "$",
    "$$",
    ".",
    "..",
    "[",
    "]",
    "(",
    ")",
    "'",
    "\"",
    "\\",
    ",",
    ":",
    "?",
    "@",
    "*",
    "-",
    "0",
    "1",
    "9",
    " ",
    "a",
    "b",
    "é",
    "名",
    "States.",
    "Format",
    "Array",
    "MathAdd",
    "UUID",
    "{",
    "}",
    "{}",
    "{%",
    "%}",
    "%",
    "/",
    "/*",
    "*/",
    "`",
    "#",
    "^",
    "|",
    ";",
    "=",
    "!",
    "~>",
    ":=",
    "&",
    "<",
    ">",
    "true",
    "null",
    "function",
    "$x",
    "e",
    "+",
    "\n",
    "length",
    "\u{0}",
    "\u{10FFFF}",
];

fn random_string(rng: &mut Rng, prefix: &str) -> String {
    let mut s = String::from(prefix);
    for _ in 0..rng.below(24) {
        s.push_str(PIECES[rng.below(PIECES.len())]);
    }
    s
}

#[test]
fn no_panics_on_random_input() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let prefixes = [
        "",
        "$",
        "$.",
        "States.Array(",
        "States.Format('",
        "{% ",
        "$[?(",
    ];
    for i in 0..6000 {
        let s = random_string(&mut rng, prefixes[i % prefixes.len()]);
        if let Ok(p) = Path::parse(&s) {
            assert_eq!(p.as_str(), s);
            assert_eq!(Path::parse(p.as_str()).unwrap(), p);
        }
        if let Ok(p) = Path::parse_reference(&s) {
            assert!(p.is_reference());
        }
        if let Ok(call) = Intrinsic::parse(&s) {
            assert_eq!(call.as_str(), s);
            let rebuilt = Intrinsic::new(call.function(), call.args().to_vec());
            if let Ok(rebuilt) = rebuilt {
                assert_eq!(
                    Intrinsic::parse(rebuilt.as_str()).unwrap().args(),
                    rebuilt.args()
                );
            }
        }
        if let Ok(e) = Expr::parse(&s) {
            assert_eq!(e.as_str(), s);
        }
        let _ = Jsonata::parse(&s);
        let _ = Jsonata::is_jsonata(&s);
        let _ = Jsonata::new(&s);
        let _ = looks_like_expr(&s);
        let _ = validate_variable_name(&s);
        for cut in [1, 2, 3] {
            if let Some(prefix) = s.get(..s.len().saturating_sub(cut)) {
                let _ = Path::parse(prefix);
                let _ = Intrinsic::parse(prefix);
                let _ = Jsonata::parse(prefix);
            }
        }
    }
}

#[test]
fn no_stack_overflow_on_deep_input() {
    for open in ["(", "[", "{", "$f(", "-", "$x := ", "a ? ", "| a | "] {
        let s = format!("{{% {} %}}", open.repeat(5000));
        assert!(Jsonata::parse(&s).is_err());
    }
    assert!(Intrinsic::parse(&"States.Array(".repeat(5000)).is_err());
    assert!(Path::parse(&format!("$[?({}", "(".repeat(5000))).is_err());
    assert!(Path::parse(&"[0]".repeat(5000)).is_err());
    assert!(Path::parse(&format!("${}", ".a[0]".repeat(5000))).is_ok());
}

/// Pieces of the plain-path test besides [`PIECES`]: digit runs around the scanner's
/// 18-digit bound and bytes it treats apart.
const PATH_EXTRAS: &[&str] = &[
    "7",
    "01",
    "123456789012345678",
    "1234567890123456789",
    "Ab_1",
    "\t",
    "length()",
    "\u{7F}",
    "[99999999999999999999]",
];

/// Whole plain steps, so that generated paths often take the scanner's shortcut.
const PLAIN_STEPS: &[&str] = &[
    ".a",
    "[0]",
    "['a b']",
    "[\"x\"]",
    "[*]",
    ".*",
    "[999999999999999999]",
];

/// A random piece of any of the three lists.
fn any_piece(rng: &mut Rng) -> &'static str {
    let k = rng.below(PIECES.len() + PATH_EXTRAS.len() + PLAIN_STEPS.len());
    let k = match k.checked_sub(PIECES.len()) {
        None => return PIECES[k],
        Some(k) => k,
    };
    match k.checked_sub(PATH_EXTRAS.len()) {
        None => PATH_EXTRAS[k],
        Some(k) => PLAIN_STEPS[k],
    }
}

/// Whether the plain scanner takes `s`; when it does, the full parser must accept `s` with the
/// same root, reference flag and segments (which the scanner left unparsed).
fn scanner_agrees(s: &str) -> bool {
    use crate::path::jsonpath::plain_reference;
    use crate::path::jsonpath_parser::Parser;

    if plain_reference(s).is_none() {
        return false;
    }
    let p = Path::parse(s).unwrap();
    let full = Parser::new(s).parse();
    let Ok((root, segments, non_reference)) = &full else {
        panic!("{s:?}: the scanner accepts what the parser rejects: {full:?}");
    };
    assert!(!p.segments_made(), "{s:?}");
    assert_eq!(p.root(), root, "{s:?}");
    assert_eq!(p.is_reference(), non_reference.is_none(), "{s:?}");
    assert_eq!(p.segments(), segments.as_slice(), "{s:?}");
    true
}

/// `Path::parse` takes the plain scanner's shortcut only for text the full parser reads the
/// same way: same root, same reference-ness, same segments once they are parsed; and
/// `parse_reference` accepts exactly what the full parser calls a reference path.
#[test]
fn plain_scanner_agrees_with_the_parser() {
    use crate::path::jsonpath_parser::Parser;

    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    let mut plain = 0;
    for i in 0..40_000 {
        let mut s = String::from(["$", "$$", "$.", "$["][i % 4]);
        // Every other string is mostly plain steps, with a stray piece now and then.
        for _ in 0..rng.below(10) {
            let piece = if i % 2 == 1 && rng.below(8) > 0 {
                PLAIN_STEPS[rng.below(PLAIN_STEPS.len())]
            } else {
                any_piece(&mut rng)
            };
            s.push_str(piece);
        }
        plain += usize::from(scanner_agrees(&s));
        let full = Parser::new(&s).parse();
        match (&full, Path::parse(&s)) {
            (Ok((root, segments, non_reference)), Ok(p)) => {
                assert_eq!(p.as_str(), s);
                assert_eq!(p.root(), root, "{s:?}");
                assert_eq!(p.segments(), segments.as_slice(), "{s:?}");
                assert_eq!(p.is_reference(), non_reference.is_none(), "{s:?}");
            }
            (Err(a), Err(b)) => assert_eq!(a, &b, "{s:?}"),
            (a, b) => panic!("{s:?}: parser {a:?}, Path::parse {b:?}"),
        }
        let reference = matches!(&full, Ok((_, _, None)));
        assert_eq!(Path::parse_reference(&s).is_ok(), reference, "{s:?}");
    }
    // The generator reaches the shortcut often enough for the comparison to mean something.
    assert!(plain > 4_000, "only {plain} plain paths");
}

/// Every string of up to five characters from the bytes the plain scanner decides on, after
/// `$` and `$$`: the scanner's shortcut never disagrees with the full parser.
#[test]
fn plain_scanner_agrees_on_every_short_path() {
    const ALPHABET: [char; 12] = ['.', '[', ']', '\'', '"', '\\', '*', '0', 'a', '(', ' ', 'é'];
    let mut stack = vec![String::from("$"), String::from("$$")];
    let mut plain = 0;
    while let Some(s) = stack.pop() {
        plain += usize::from(scanner_agrees(&s));
        if s.trim_start_matches('$').chars().count() < 5 {
            stack.extend(ALPHABET.iter().map(|c| format!("{s}{c}")));
        }
    }
    assert!(plain > 100, "only {plain} plain paths");
}

#[test]
fn builder_steps_on_plain_paths() {
    let p = Path::parse("$.a['b c']").unwrap();
    assert!(!p.segments_made());
    let p = p.field("d").index(-1).field("it's");
    assert_eq!(p.as_str(), "$.a['b c'].d[-1]['it\\'s']");
    assert_eq!(p, Path::parse(p.as_str()).unwrap());
    assert_eq!(p.segments(), Path::parse(p.as_str()).unwrap().segments());
    assert!(p.is_reference());
    let q = Path::parse("$.items[*]").unwrap().field("id");
    assert!(!q.is_reference());
    assert_eq!(q.segments().len(), 3);
}

/// A definition holds many paths, and many more empty `Option`s of them: `Path` stays two
/// words plus its lazily made parts, and `Expr` (a path or a boxed intrinsic call) no larger.
#[test]
fn paths_stay_small() {
    assert_eq!(size_of::<Path>(), 32);
    assert_eq!(size_of::<Option<Path>>(), 32);
    assert_eq!(size_of::<crate::path::Expr>(), 32);
}
