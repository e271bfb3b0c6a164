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
