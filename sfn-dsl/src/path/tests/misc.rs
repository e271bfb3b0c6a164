use super::err;
use crate::path::{Expr, PathError, looks_like_expr, validate_variable_name};

#[test]
fn error_display() {
    let e = PathError {
        offset: 3,
        message: "bad".into(),
        expected: String::new(),
    };
    assert_eq!(e.to_string(), "bad at byte 3");
    let e = PathError {
        offset: 0,
        message: "empty path".into(),
        expected: "`$`".into(),
    };
    assert_eq!(e.to_string(), "empty path at byte 0; expected `$`");
    let boxed: Box<dyn std::error::Error> = Box::new(e);
    assert!(boxed.to_string().contains("byte 0"));
}

#[test]
fn variable_names() {
    for ok in [
        "a",
        "_",
        "orderId",
        "x1_y2",
        "größe",
        "名前",
        "Ünïcödé_9",
        &"v".repeat(80),
    ] {
        assert!(validate_variable_name(ok).is_ok(), "{ok}");
    }
    let cases = [
        ("", 0, "empty variable name"),
        ("1abc", 0, "a variable name cannot start with `1`"),
        ("-a", 0, "a variable name cannot start with `-`"),
        ("$a", 0, "a variable name cannot start with `$`"),
        ("order-id", 5, "invalid character `-` in variable name"),
        ("a b", 1, "invalid character ` ` in variable name"),
        ("a.b", 1, "invalid character `.` in variable name"),
        ("ok€", 2, "invalid character `€` in variable name"),
        ("states", 0, "`states` is a reserved variable name"),
    ];
    for (name, offset, msg) in cases {
        let e = err(validate_variable_name(name));
        assert_eq!((e.offset, e.message.as_str()), (offset, msg), "{name:?}");
    }
    let long = format!("ä{}", "b".repeat(80));
    let e = err(validate_variable_name(&long));
    assert_eq!(e.offset, 81, "offset is in bytes of the 81st character");
    assert!(validate_variable_name("States").is_ok());
}

#[test]
fn expressions() {
    let cases = [
        "$",
        "$.a",
        "$$.Task.Token",
        "$var.x[0]",
        "States.UUID()",
        "States.Format('{}', $.a)",
    ];
    for s in cases {
        let e = Expr::parse(s).unwrap();
        assert_eq!(e.as_str(), s);
        assert_eq!(e.to_string(), s);
        assert_eq!(
            serde_json::to_string(&e).unwrap(),
            serde_json::to_string(s).unwrap()
        );
        assert_eq!(s.parse::<Expr>().unwrap(), e);
    }
    assert!(matches!(Expr::parse("$.a"), Ok(Expr::Path(_))));
    assert!(matches!(
        Expr::parse("States.UUID()"),
        Ok(Expr::Intrinsic(_))
    ));
    for bad in [
        "",
        "ipsum",
        "23",
        " $.a",
        " States.UUID()",
        "states.UUID()",
        "{% 1 %}",
    ] {
        let e = err(Expr::parse(bad));
        assert_eq!(e.offset, 0, "{bad:?}");
        assert_eq!(
            e.expected,
            "a path starting with `$` or an intrinsic function `States.…(…)`"
        );
    }
    assert_eq!(err(Expr::parse("$.a b")).offset, 3);
    assert_eq!(err(Expr::parse("States.MathAdd(1)")).offset, 16);
}

#[test]
fn looks_like_expressions() {
    for yes in [
        "$",
        "$$",
        "$.x",
        "$$.Task.Token",
        "$.a[0]",
        "$[0]",
        "$.PipelineExecutionArn",
        "$myVar",
        "$myVar.items[0]",
        "$_tmp",
        "$_1",
        "$名前",
        "States.Format('x')",
        "States.UUID()",
        "States.Fromat('x')",
        "States.MathAdd(1)",
    ] {
        assert!(
            looks_like_expr(yes),
            "{yes:?} should look like an expression"
        );
    }
    for no in [
        "",
        "hello",
        "$LATEST",
        "$USD",
        "$A1",
        "$MY_VAR",
        "$LATEST.x",
        "$5",
        "$5.00",
        "$.50",
        "$ 5",
        "$ab cd",
        "a $.x",
        " $.x",
        "arn:aws:lambda:us-east-1:123:function:f:$LATEST",
        "States.ALL",
        "States.Format",
        "States.TaskFailed",
        "{% $x %}",
        "$states",
    ] {
        assert!(!looks_like_expr(no), "{no:?} should look literal");
    }
}
