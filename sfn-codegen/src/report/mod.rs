//! Locating findings in a definition file and reporting them like rustc.
//!
//! [`render_human`] prints findings with source snippets (using `annotate-snippets`, rustc's own
//! renderer) and [`render_json`] prints one JSON object per finding for tools. Both show each
//! finding at its [`Span`](sfn_dsl::Span): the one the reader gave it, or else the place its
//! pointer names ([`sfn_dsl::json::spans`]).
//!
//! ```
//! use sfn::report::render_human;
//! use sfn::{Diagnostic, rules::Code};
//!
//! let text = "{\n  \"StartAt\": \"Frist\",\n  \"States\": {}\n}\n";
//! let diag = Diagnostic::new(Code::StartAtMissing, "/StartAt", "`StartAt` names no state: \"Frist\"")
//!     .with_help("did you mean \"First\"?");
//! let expected = r#"error[SFN010]: `StartAt` names no state: "Frist"
//!  --> machine.asl.json:2:14
//!   |
//! 2 |   "StartAt": "Frist",
//!   |              ^^^^^^^ /StartAt
//!   |
//!   = help: did you mean "First"?
//! "#;
//! assert_eq!(render_human("machine.asl.json", text, &[diag], false), expected);
//! ```

use std::ops::Range;

use annotate_snippets::renderer::{AnsiColor, Effects, Style};
use annotate_snippets::{Level, Message, Renderer, Snippet};
use sfn_dsl::payload::Literal;
use sfn_dsl::{Diagnostic, Severity};

/// Start offsets of lines, for offset → (line, column) and back.
struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines { text, starts }
    }

    /// 0-based line index of a byte offset.
    fn index_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte range of a line (0-based), without its line break.
    fn line(&self, index: usize) -> Range<usize> {
        let start = self.starts[index];
        let end = self
            .starts
            .get(index + 1)
            .map_or(self.text.len(), |&next| next - 1);
        // Without the `\r` of a CRLF line break.
        let cr = end > start && self.text.as_bytes()[end - 1] == b'\r';
        start..end - usize::from(cr)
    }

    /// 1-based (line, column) of a byte offset, the column counted in characters.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        let index = self.index_of(offset);
        let start = self.starts[index];
        let column = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (index + 1, column + 1)
    }
}

/// The order findings are shown in: by place in the file, unplaced ones last; findings at the
/// same place keep the order they were found in.
fn document_order(marks: &[Option<Mark>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&i| marks[i].as_ref().map_or(usize::MAX, |m| m.span.start));
    order
}

/// What a finding underlines, and the label under it.
struct Mark {
    span: Range<usize>,
    label: String,
}

/// Works out what to underline for each finding, in `text` after a byte order mark of `bom`
/// bytes: its span, snapped to characters, and as label its pointer, or what is missing where.
fn marks(original: &str, text: &str, bom: usize, diags: &[Diagnostic]) -> Vec<Option<Mark>> {
    sfn_dsl::json::spans(original, diags)
        .into_iter()
        .zip(diags)
        .map(|(span, diag)| {
            let span = span?;
            let start = text.floor_char_boundary(span.bytes.start.saturating_sub(bom));
            let end = text.ceil_char_boundary(span.bytes.end.saturating_sub(bom).max(start));
            let pointer = diag.pointer.as_str();
            let label = match pointer.get(span.found..).filter(|rest| !rest.is_empty()) {
                Some(rest) => {
                    let missing = rest
                        .trim_start_matches('/')
                        .split('/')
                        .next()
                        .unwrap_or_default()
                        .replace("~1", "/")
                        .replace("~0", "~");
                    match &pointer[..span.found] {
                        "" => format!("the document has no `{missing}`"),
                        ancestor => format!("{ancestor} has no `{missing}`"),
                    }
                }
                None => pointer.to_owned(),
            };
            Some(Mark {
                span: start..end,
                label,
            })
        })
        .collect()
}

/// What both renderers start from: the text without a leading byte order mark, its lines, and
/// the mark of each finding. `None` when there is nothing to show (the lines of a valid file are
/// not indexed).
fn place<'t>(
    text: &'t str,
    diags: &[Diagnostic],
) -> Option<(&'t str, Lines<'t>, Vec<Option<Mark>>)> {
    if diags.is_empty() {
        return None;
    }
    let original = text;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let marks = marks(original, text, original.len() - text.len(), diags);
    Some((text, Lines::new(text), marks))
}

/// Renders findings of one file like rustc, in the order of their place in the file:
///
/// ```text
/// error[SFN011]: `Next` names a state that does not exist: "Wiat"
///   --> definitions/poller.asl.json:12:15
///    |
/// 12 |       "Next": "Wiat",
///    |               ^^^^^^ /States/Submit/Next
///    |
///    = help: did you mean "Wait"?
/// ```
///
/// The underline is the value, or the key for findings about a field's presence (unknown,
/// mutually exclusive or duplicate fields, `Next`/`End` where they do not belong, fields of the
/// other query language). With [`Diagnostic::offset_in_value`] set on a string value, it starts
/// at that character inside the string. A pointer that names nothing (a missing field) shows its
/// nearest existing ancestor; an object or array spanning several lines shows its key. Findings
/// are separated by a blank line; with `color`, ANSI colors as rustc uses them. The text is
/// scanned once for all findings, and a leading byte order mark is ignored.
///
/// ```
/// use sfn::report::render_human;
/// use sfn::{Diagnostic, rules::Code};
///
/// let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true, "Next": "A"}}}"#;
/// let diag = Diagnostic::new(Code::ConflictingTransition, "/States/A/Next", "both `Next` and `End`")
///     .with_help("keep one");
/// let report = render_human("a.json", text, &[diag], false);
/// assert!(report.contains("^^^^^^ /States/A/Next"));
/// assert!(report.ends_with("= help: keep one\n"));
/// ```
pub fn render_human(file_name: &str, text: &str, diags: &[Diagnostic], color: bool) -> String {
    let Some((text, lines, marks)) = place(text, diags) else {
        return String::new();
    };
    let mut out = String::new();
    for (i, &k) in document_order(&marks).iter().enumerate() {
        let (diag, mark) = (&diags[k], &marks[k]);
        if i > 0 {
            out.push('\n');
        }
        let renderer = match (color, diag.severity) {
            (false, _) => Renderer::plain(),
            (true, Severity::Error) => Renderer::styled(),
            // The underline is drawn at the error level (see below): color it like the title.
            (true, Severity::Warning) => Renderer::styled().error(WARNING),
        };
        let level = match diag.severity {
            Severity::Error => Level::Error,
            Severity::Warning => Level::Warning,
        };
        let mut message: Message<'_> = level.title(&diag.message).id(diag.code.as_str());
        let Some(mark) = mark else {
            out.push_str(&renderer.render(message).to_string());
            out.push_str(&unlocated_tail(file_name, diag.help.as_deref(), color));
            continue;
        };
        let index = lines.index_of(mark.span.start);
        let line = lines.line(index);
        // The span is on one line; clamp it to the line in case it ends on the line break.
        let start = mark.span.start.min(line.end);
        let end = mark.span.end.clamp(start, line.end);
        // Tabs and other control characters would shift the underline: show them as spaces
        // (one byte for one byte, so offsets and columns stay the same).
        let source = text[line.clone()].replace(|c: char| c.is_ascii_control(), " ");
        // Underline with `^` for warnings too, as rustc does: the span is always the primary one.
        let mut annotation = Level::Error.span(start - line.start..end - line.start);
        if !mark.label.is_empty() {
            annotation = annotation.label(&mark.label);
        }
        message = message.snippet(
            Snippet::source(&source)
                .line_start(index + 1)
                .origin(file_name)
                .annotation(annotation),
        );
        if let Some(help) = &diag.help {
            message = message.footer(Level::Help.title(help));
        }
        out.push_str(&renderer.render(message).to_string());
        out.push('\n');
    }
    out
}

/// The style of warnings in [`Renderer::styled`].
const WARNING: Style = AnsiColor::Yellow.on_default().effects(Effects::BOLD);
/// The style of the gutter (`-->`, `|`, `=`) in [`Renderer::styled`].
const GUTTER: Style = AnsiColor::BrightBlue.on_default().effects(Effects::BOLD);
/// The style of `help` in [`Renderer::styled`].
const HELP: Style = AnsiColor::BrightCyan.on_default().effects(Effects::BOLD);

/// The lines after the title of a finding that has no place in the text (an empty file):
/// the file name and the help, laid out like `annotate-snippets` lays out the others.
fn unlocated_tail(file_name: &str, help: Option<&str>, color: bool) -> String {
    let paint = |style: Style, s: &str| {
        if color {
            format!("{}{s}{}", style.render(), style.render_reset())
        } else {
            s.to_owned()
        }
    };
    let mut out = format!("\n {} {file_name}\n", paint(GUTTER, "-->"));
    if let Some(help) = help {
        out.push_str(&format!("  {}\n", paint(GUTTER, "|")));
        let first = format!("{}{}: ", paint(GUTTER, "= "), paint(HELP, "help"));
        // The lines after the first are indented as far as the first's text.
        for (i, line) in help.lines().enumerate() {
            let lead = if i == 0 { &first } else { "        " };
            out.push_str(&format!("  {lead}{line}\n"));
        }
    }
    out
}

/// One JSON object per finding, one per line:
/// `{"file","code","aws_code","severity","message","pointer","line","column","help"}`.
///
/// `aws_code` is the code of AWS's own validator for the same problem
/// ([`Code::aws_code`](sfn_dsl::rules::Code::aws_code)), or `null`.
///
/// `line` and `column` (1-based, the column in characters) are where the underline of
/// [`render_human`] starts, or `null` when the text holds no JSON value; `help` is `null` when
/// there is none.
///
/// ```
/// use sfn::report::render_json;
/// use sfn::{Diagnostic, rules::Code};
///
/// let text = "{\n  \"StartAt\": \"B\"\n}";
/// let diag = Diagnostic::new(Code::StartAtMissing, "/StartAt", "no state B");
/// assert_eq!(
///     render_json("m.json", text, &[diag]),
///     "{\"file\":\"m.json\",\"code\":\"SFN010\",\"aws_code\":\"MISSING_TRANSITION_TARGET\",\"severity\":\"error\",\"message\":\"no state B\",\
///      \"pointer\":\"/StartAt\",\"line\":2,\"column\":14,\"help\":null}\n"
/// );
/// ```
pub fn render_json(file_name: &str, text: &str, diags: &[Diagnostic]) -> String {
    let Some((_, lines, marks)) = place(text, diags) else {
        return String::new();
    };
    let mut out = String::new();
    for k in document_order(&marks) {
        let (diag, mark) = (&diags[k], &marks[k]);
        let (line, column) = mark.as_ref().map(|m| lines.line_col(m.span.start)).unzip();
        // A `Literal`, not `json!`: the members in this order without serde_json's
        // `preserve_order` feature.
        let record = Literal::object([
            ("file", file_name.into()),
            ("code", diag.code.as_str().into()),
            ("aws_code", diag.code.aws_code().into()),
            ("severity", diag.severity.to_string().into()),
            ("message", diag.message.as_str().into()),
            ("pointer", diag.pointer.as_str().into()),
            ("line", line.into()),
            ("column", column.into()),
            ("help", diag.help.as_deref().into()),
        ]);
        out.push_str(&record.to_string());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sfn_dsl::rules::Code;

    const POLLER: &str = r#"{
  "Comment": "poll a job",
  "StartAt": "Submit",
  "States": {
    "Submit": {
      "Type": "Task",
      "Resource": "arn:aws:states:::batch:submitJob",
      "Parameters": {
        "JobName.$": "$.name",
        "JobQueue": "States.Format('{}', $.queue)"
      },
      "Next": "Wiat",
      "End": false
    },
    "Wait": {
      "Type": "Wait",
      "Seconds": 30,
      "End": true
    }
  }
}
"#;

    #[test]
    fn renders_the_rustc_example() {
        let diag = Diagnostic::new(
            Code::UnknownTarget,
            "/States/Submit/Next",
            "`Next` names a state that does not exist: \"Wiat\"",
        )
        .with_help("did you mean \"Wait\"?");
        assert_eq!(
            render_human("definitions/poller.asl.json", POLLER, &[diag], false),
            r#"error[SFN011]: `Next` names a state that does not exist: "Wiat"
  --> definitions/poller.asl.json:12:15
   |
12 |       "Next": "Wiat",
   |               ^^^^^^ /States/Submit/Next
   |
   = help: did you mean "Wait"?
"#
        );
    }

    #[test]
    fn renders_keys_offsets_ancestors_and_warnings() {
        let diags = [
            Diagnostic::new(
                Code::ConflictingTransition,
                "/States/Submit/End",
                "a state with `Next` cannot have `End`",
            ),
            Diagnostic::new(
                Code::InvalidIntrinsic,
                "/States/Submit/Parameters/JobQueue",
                "`States.Format` expects a string",
            )
            .at_offset(14),
            Diagnostic::new(
                Code::MissingField,
                "/States/Wait/Comment",
                "missing field `Comment`",
            ),
            Diagnostic::new(
                Code::LiteralLooksLikePath,
                "/States/Wait/Seconds",
                "a warning",
            ),
            Diagnostic::new(Code::NoTerminal, "", "at the root"),
        ];
        let expected = r#"error[SFN013]: at the root
 --> poller.json:1:1
  |
1 | {
  | ^
  |

error[SFN028]: `States.Format` expects a string
  --> poller.json:10:36
   |
10 |         "JobQueue": "States.Format('{}', $.queue)"
   |                                    ^^^^^^^^^^^^^^ /States/Submit/Parameters/JobQueue
   |

error[SFN017]: a state with `Next` cannot have `End`
  --> poller.json:13:7
   |
13 |       "End": false
   |       ^^^^^ /States/Submit/End
   |

error[SFN004]: missing field `Comment`
  --> poller.json:15:5
   |
15 |     "Wait": {
   |     ^^^^^^ /States/Wait has no `Comment`
   |

warning[SFN034]: a warning
  --> poller.json:17:7
   |
17 |       "Seconds": 30,
   |       ^^^^^^^^^ /States/Wait/Seconds
   |
"#;
        assert_eq!(render_human("poller.json", POLLER, &diags, false), expected);
    }

    #[test]
    fn renders_invalid_json_at_its_line_and_column() {
        let text = "{\n  \"a\": 1 2\n}";
        let bytes = text.as_bytes();
        let diag = sfn_dsl::json::parse_document(bytes, &Default::default()).unwrap_err();
        assert_eq!(
            render_human("bad.json", text, std::slice::from_ref(&diag), false),
            "error[SFN001]: not valid JSON: expected `,` or `}` (line 2, column 10)
 --> bad.json:2:10
  |
2 |   \"a\": 1 2
  |          ^
  |
  = help: fix the JSON syntax at this place; definitions are plain JSON, without comments or \
trailing commas
"
        );
        assert_eq!(
            render_json("bad.json", text, &[diag]),
            "{\"file\":\"bad.json\",\"code\":\"SFN001\",\"aws_code\":\"INVALID_JSON_DESCRIPTION\",\"severity\":\"error\",\"message\":\"not \
             valid JSON: expected `,` or `}` (line 2, column 10)\",\"pointer\":\"\",\"line\":2,\
             \"column\":10,\"help\":\"fix the JSON syntax at this place; definitions are plain \
             JSON, without comments or trailing commas\"}\n"
        );

        let empty = sfn_dsl::json::parse_document(b"", &Default::default()).unwrap_err();
        let report = render_human("empty.json", "", std::slice::from_ref(&empty), false);
        assert!(
            report.starts_with("error[SFN001]: the file is empty\n"),
            "{report}"
        );
        assert!(report.contains("empty.json"), "{report}");
        assert_eq!(
            render_json("empty.json", "", &[empty]),
            "{\"file\":\"empty.json\",\"code\":\"SFN001\",\"aws_code\":\"INVALID_JSON_DESCRIPTION\",\"severity\":\"error\",\"message\":\"the \
             file is empty\",\"pointer\":\"\",\"line\":null,\"column\":null,\"help\":\"a state \
             machine definition is one JSON object, e.g. {\\\"StartAt\\\": \\\"First\\\", \
             \\\"States\\\": {…}}\"}\n"
        );
    }

    #[test]
    fn renders_duplicate_keys_at_the_second_occurrence() {
        let text = "{\n  \"A\": 1,\n  \"A\": 2,\n  \"A\": 3\n}";
        let diag = sfn_dsl::json::parse_document(text.as_bytes(), &Default::default()).unwrap_err();
        assert_eq!(
            render_human("d.json", text, std::slice::from_ref(&diag), false),
            r#"error[SFN002]: duplicate key "A" in the top-level object (line 3, column 3); the first one is ignored by most parsers but AWS rejects the definition
 --> d.json:3:3
  |
3 |   "A": 2,
  |   ^^^ /A
  |
  = help: remove one of the two "A" keys
"#
        );
        assert!(
            render_json("d.json", text, &[diag]).contains(r#""pointer":"/A","line":3,"column":3,"#)
        );
    }

    #[test]
    fn renders_json_lines() {
        let diags = [
            Diagnostic::new(
                Code::UnknownTarget,
                "/States/Submit/Next",
                "unknown \"Wiat\"",
            )
            .with_help("did you mean \"Wait\"?"),
            Diagnostic::new(Code::LiteralLooksLikePath, "/Nope/x", "w"),
        ];
        let text = format!("\u{feff}{POLLER}");
        assert_eq!(
            render_json("p.json", &text, &diags),
            r#"{"file":"p.json","code":"SFN034","aws_code":"NO_DOLLAR","severity":"warning","message":"w","pointer":"/Nope/x","line":1,"column":1,"help":null}
{"file":"p.json","code":"SFN011","aws_code":"MISSING_TRANSITION_TARGET","severity":"error","message":"unknown \"Wiat\"","pointer":"/States/Submit/Next","line":12,"column":15,"help":"did you mean \"Wait\"?"}
"#
        );
        assert_eq!(render_json("p.json", POLLER, &[]), "");
    }

    #[test]
    fn renders_unlocated_findings_and_tabs() {
        let empty = sfn_dsl::json::parse_document(b" \n", &Default::default()).unwrap_err();
        assert_eq!(
            render_human("empty.json", " \n", &[empty.clone(), empty], false),
            "error[SFN001]: the file is empty
 --> empty.json
  |
  = help: a state machine definition is one JSON object, e.g. {\"StartAt\": \"First\", \
             \"States\": {…}}

error[SFN001]: the file is empty
 --> empty.json
  |
  = help: a state machine definition is one JSON object, e.g. {\"StartAt\": \"First\", \
             \"States\": {…}}
"
        );
        let diag = Diagnostic::new(Code::UnknownField, "/a/b", "unknown field `b`")
            .with_help("two\nlines");
        assert_eq!(
            render_human(
                "t.json",
                "{\r\n\t\"a\":\t{\r\n\t\t\"b\" :\t1}}",
                std::slice::from_ref(&diag),
                false
            ),
            "error[SFN003]: unknown field `b`
 --> t.json:3:3
  |
3 |   \"b\" : 1}}
  |   ^^^ /a/b
  |
  = help: two
          lines
"
        );
        assert_eq!(
            unlocated_tail("f.json", Some("two\nlines"), false),
            "\n --> f.json\n  |\n  = help: two\n          lines\n"
        );
        assert_eq!(unlocated_tail("f.json", None, false), "\n --> f.json\n");
        // Very long lines are cut around the underline; the column is still the real one.
        let members: String = (0..100).map(|i| format!("\"x{i:03}\": 1, ")).collect();
        let long = format!("{{\"a\": {{{members}\"b\": 1}}}}");
        let report = render_human("l.json", &long, &[diag], false);
        assert!(report.contains(" --> l.json:1:1108\n"), "{report}");
        assert!(report.contains("1 | ...\": 1, \"x095\": 1, "), "{report}");
    }

    #[test]
    fn color_output_has_ansi_codes() {
        let diag = Diagnostic::new(Code::UnknownTarget, "/StartAt", "x");
        let colored = render_human("c.json", POLLER, std::slice::from_ref(&diag), true);
        assert!(colored.contains('\u{1b}'));
        let plain = render_human("c.json", POLLER, &[diag], false);
        assert!(!plain.contains('\u{1b}'));
    }
}
