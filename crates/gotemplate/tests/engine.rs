//! Behaviour the Helm-generated case table cannot reach: Go's own `slice`
//! (Helm replaces it with Sprig's), `break`/`continue` shadowed by functions,
//! the `default` and `error` missingkey modes, budgets, host functions and
//! objects. Expectations follow Go's `text/template` source (exec.go,
//! funcs.go) and its exec_test.go cases.

use std::any::Any;

use gotemplate::{
    CallContext, FuncError, FuncMap, Function, GoType, Limits, MissingKey, Object, Signature,
    Templates, Value,
};

fn data() -> Value {
    Value::map([
        (
            "l",
            Value::list(vec![
                Value::Float(3.0),
                Value::Float(4.0),
                Value::Float(5.0),
            ]),
        ),
        ("s", Value::str("xyz")),
        ("n", Value::Float(1.0)),
        ("m", Value::map([("a", Value::Float(1.0))])),
        ("obj", Value::object(Files)),
    ])
}

fn run_with(set: &mut Templates, src: &str) -> Result<String, String> {
    set.parse("t", src).map_err(|e| e.to_string())?;
    set.execute("t", &data()).map_err(|e| e.to_string())
}

fn run(src: &str) -> Result<String, String> {
    run_with(&mut Templates::new("t", host_funcs()), src)
}

fn ok(src: &str) -> String {
    run(src).unwrap_or_else(|e| panic!("{src}: {e}"))
}

fn err(src: &str) -> String {
    match run(src) {
        Ok(out) => panic!("{src}: expected an error, got {out:?}"),
        Err(e) => e,
    }
}

#[test]
fn go_slice_builtin() {
    assert_eq!(ok("{{ slice .l }}"), "[3 4 5]");
    assert_eq!(ok("{{ slice .l 1 }}"), "[4 5]");
    assert_eq!(ok("{{ slice .l 1 2 }}"), "[4]");
    assert_eq!(ok("{{ slice .l 1 2 3 }}"), "[4]");
    assert_eq!(ok("{{ slice .l 3 }}"), "[]");
    assert_eq!(ok("{{ slice .l 1 | len }}"), "2");
    assert_eq!(ok("{{ printf \"%T\" (slice .l 1) }}"), "[]interface {}");
    assert_eq!(ok("{{ slice .s }}"), "xyz");
    assert_eq!(ok("{{ slice .s 0 1 }}"), "x");
    assert_eq!(ok("{{ slice .s 1 }}"), "yz");
    assert_eq!(ok("{{ slice .s 1 2 }}"), "y");
    let cases = [
        ("{{ slice .l -1 }}", "index out of range: -1"),
        ("{{ slice .l 1 -2 }}", "index out of range: -2"),
        ("{{ slice .l 1 2 -1 }}", "index out of range: -1"),
        ("{{ slice .l 2 1 }}", "invalid slice index: 2 > 1"),
        ("{{ slice .l 2 2 1 }}", "invalid slice index: 2 > 1"),
        ("{{ slice .l 4 5 }}", "index out of range: 4"),
        ("{{ slice .l 2 2 5 }}", "index out of range: 5"),
        ("{{ slice .l 1 2 3 4 }}", "too many slice indexes: 4"),
        (
            "{{ slice .l \"a\" }}",
            "cannot index slice/array with type string",
        ),
        ("{{ slice .l nil }}", "cannot index slice/array with nil"),
        ("{{ slice .s 1 5 }}", "index out of range: 5"),
        ("{{ slice .s 1 2 2 }}", "cannot 3-index slice a string"),
        ("{{ slice nil }}", "slice of untyped nil"),
        ("{{ slice .n 1 }}", "can't slice item of type float64"),
    ];
    for (src, cause) in cases {
        let want = format!(
            "template: t:1:3: executing \"t\" at <{}>: error calling slice: {cause}",
            &src[3..src.len() - 3]
        );
        assert_eq!(err(src), want, "{src}");
    }
    assert_eq!(
        err("{{ slice }}"),
        "template: t:1:3: executing \"t\" at <slice>: wrong number of args for slice: want at least 1 got 0"
    );
}

#[test]
fn break_and_continue_are_identifiers_when_functions_have_those_names() {
    let mut funcs = FuncMap::new();
    funcs.insert("break", Function::new(&[], |_, _| Ok(Value::str("B"))));
    funcs.insert("continue", Function::new(&[], |_, _| Ok(Value::str("C"))));
    let mut set = Templates::new("t", funcs);
    assert_eq!(
        run_with(&mut set, "{{ range .l }}{{ break }}{{ continue }}{{ end }}"),
        Ok("BCBCBC".to_string())
    );
    let mut set = Templates::new("t", FuncMap::new());
    assert_eq!(
        run_with(&mut set, "{{ break }}"),
        Err("template: t:1: {{break}} outside {{range}}".to_string())
    );
}

#[test]
fn missingkey_default_prints_no_value() {
    let mut set = Templates::new("t", FuncMap::new());
    assert_eq!(
        run_with(
            &mut set,
            "{{ .missing }}|{{ .missing.x.y }}|{{ .m.zz }}|{{ index .m \"zz\" }}"
        ),
        Ok("<no value>|<no value>|<no value>|<no value>".to_string())
    );
}

#[test]
fn missingkey_zero_yields_nil_interfaces() {
    let mut set = Templates::new("t", FuncMap::new());
    set.set_missing_key(MissingKey::Zero);
    assert_eq!(
        run_with(&mut set, "{{ .missing }}|{{ printf \"%v\" .missing }}"),
        Ok("<no value>|<nil>".to_string())
    );
    assert_eq!(
        run_with(&mut set, "{{ .missing.x }}"),
        Err("template: t:1:11: executing \"t\" at <.missing.x>: nil pointer evaluating interface {}.x".to_string())
    );
}

#[test]
fn missingkey_error_fails_on_missing_keys_and_nil_data() {
    let mut set = Templates::new("t", FuncMap::new());
    set.set_missing_key(MissingKey::Error);
    assert_eq!(
        run_with(&mut set, "{{ .m.a }}{{ .missing }}"),
        Err(
            "template: t:1:13: executing \"t\" at <.missing>: map has no entry for key \"missing\""
                .to_string()
        )
    );
    let mut set = Templates::new("t", FuncMap::new());
    set.set_missing_key(MissingKey::Error);
    assert_eq!(
        run_with(
            &mut set,
            "{{ template \"x\" }}{{ define \"x\" }}{{ .a }}{{ end }}"
        ),
        Err(
            "template: t:1:37: executing \"x\" at <.a>: nil data; no entry for key \"a\""
                .to_string()
        )
    );
    // `index` does not look at the option.
    let mut set = Templates::new("t", FuncMap::new());
    set.set_missing_key(MissingKey::Error);
    assert_eq!(
        run_with(&mut set, "{{ index .m \"zz\" }}"),
        Ok("<no value>".to_string())
    );
}

#[test]
fn step_and_output_budgets() {
    let mut set = Templates::new("t", FuncMap::new());
    set.set_limits(Limits {
        max_steps: Some(50),
        max_output: None,
    });
    let e = run_with(&mut set, "{{ range 1000 }}{{ . }}{{ end }}").unwrap_err();
    assert!(e.ends_with("execution step limit (50) exceeded"), "{e}");
    assert_eq!(
        run_with(&mut set, "{{ range 3 }}{{ . }}{{ end }}"),
        Ok("012".to_string())
    );
    let mut set = Templates::new("t", FuncMap::new());
    set.set_limits(Limits {
        max_steps: None,
        max_output: Some(5),
    });
    let e = run_with(&mut set, "abc{{ \"defgh\" }}").unwrap_err();
    assert_eq!(
        e,
        "template: t:1:6: executing \"t\" at <{{\"defgh\"}}>: output size limit (5 bytes) exceeded"
    );
}

/// A host object like Helm's `.Files`.
struct Files;

impl Object for Files {
    fn type_name(&self) -> &str {
        "engine.Files"
    }
    fn field(&self, name: &str) -> Option<Value> {
        (name == "Name").then(|| Value::str("files"))
    }
    fn method(&self, name: &str) -> Option<Signature> {
        match name {
            "Get" => Some(Signature::new(&[GoType::String])),
            "Join" => Some(Signature::variadic(&[GoType::String], GoType::String)),
            "Fail" => Some(Signature::new(&[])),
            _ => None,
        }
    }
    fn call_method(&self, name: &str, args: Vec<Value>) -> Result<Value, String> {
        let s = |v: &Value| v.as_str().unwrap_or_default().to_string();
        match name {
            "Get" => Ok(Value::str(format!("<{}>", s(&args[0])))),
            "Join" => Ok(Value::str(
                args[1..]
                    .iter()
                    .map(s)
                    .collect::<Vec<_>>()
                    .join(&s(&args[0])),
            )),
            _ => Err("boom".to_string()),
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn host_funcs() -> FuncMap {
    let mut funcs = FuncMap::new();
    funcs.insert(
        "add",
        Function::new(&[GoType::Int, GoType::Int], |_, a| {
            Ok(Value::Int(a[0].as_int().unwrap() + a[1].as_int().unwrap()))
        }),
    );
    funcs.insert(
        "fail",
        Function::new(&[GoType::String], |_, a| {
            Err(FuncError::msg(
                a[0].as_str().unwrap_or_default().to_string(),
            ))
        }),
    );
    funcs.insert(
        "tpl",
        Function::new(
            &[GoType::String, GoType::Any],
            |ctx: &mut dyn CallContext, a: Vec<Value>| {
                let src = a[0].as_str().unwrap_or_default().to_string();
                ctx.execute_source("tpl", &src, a[1].clone())
                    .map(Value::from)
                    .map_err(FuncError::from)
            },
        ),
    );
    funcs
}

#[test]
fn host_methods_take_arguments() {
    assert_eq!(ok("{{ .obj.Get \"a\" }}"), "<a>");
    assert_eq!(ok("{{ \"b\" | .obj.Get }}"), "<b>");
    assert_eq!(ok("{{ .obj.Join \"-\" \"a\" \"b\" }}"), "a-b");
    assert_eq!(ok("{{ .obj.Join \",\" }}"), "");
    assert_eq!(ok("{{ .obj.Name }}"), "files");
    let cases = [
        (
            "{{ .obj.Get }}",
            "template: t:1:7: executing \"t\" at <.obj.Get>: wrong number of args for Get: want 1 got 0",
        ),
        (
            "{{ .obj.Get 1 }}",
            "template: t:1:12: executing \"t\" at <1>: expected string; found 1",
        ),
        (
            "{{ .obj.Get .n }}",
            "template: t:1:12: executing \"t\" at <.n>: wrong type for value; expected string; got float64",
        ),
        (
            "{{ .obj.Join }}",
            "template: t:1:7: executing \"t\" at <.obj.Join>: wrong number of args for Join: want at least 1 got 0",
        ),
        (
            "{{ .obj.Name 1 }}",
            "template: t:1:7: executing \"t\" at <.obj.Name>: Name has arguments but cannot be invoked as function",
        ),
        (
            "{{ .obj.Fail }}",
            "template: t:1:7: executing \"t\" at <.obj.Fail>: error calling Fail: boom",
        ),
        (
            "{{ .obj.Nope }}",
            "template: t:1:7: executing \"t\" at <.obj.Nope>: can't evaluate field Nope in type interface {}",
        ),
        (
            "{{ .m.a 1 }}",
            "template: t:1:5: executing \"t\" at <.m.a>: a is not a method but has arguments",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(err(src), want, "{src}");
    }
}

#[test]
fn host_functions_convert_arguments_like_go() {
    assert_eq!(ok("{{ add 1 2 }}"), "3");
    assert_eq!(ok("{{ 2 | add 1 }}"), "3");
    assert_eq!(ok("{{ add 'a' 0x10 }}"), "113");
    let cases = [
        // Go reports a wrong count at the function name.
        (
            "{{ add 1 }}",
            "template: t:1:3: executing \"t\" at <add>: wrong number of args for add: want 2 got 1",
        ),
        (
            "{{ add 1 \"a\" }}",
            "template: t:1:9: executing \"t\" at <\"a\">: expected integer; found \"a\"",
        ),
        (
            "{{ add 1 1.5 }}",
            "template: t:1:9: executing \"t\" at <1.5>: expected integer; found 1.5",
        ),
        (
            "{{ add 1 .n }}",
            "template: t:1:9: executing \"t\" at <.n>: wrong type for value; expected int; got float64",
        ),
        (
            "{{ add 1 nil }}",
            "template: t:1:9: executing \"t\" at <nil>: cannot assign nil to int",
        ),
        (
            "{{ add 1 .missing }}",
            "template: t:1:9: executing \"t\" at <.missing>: invalid value; expected int",
        ),
        (
            "{{ fail \"no\" }}",
            "template: t:1:3: executing \"t\" at <fail \"no\">: error calling fail: no",
        ),
    ];
    for (src, want) in cases {
        assert_eq!(err(src), want, "{src}");
    }
}

#[test]
fn nested_sources_see_the_set_and_keep_their_defines() {
    let mut set = Templates::new("t", host_funcs());
    set.parse("h", "{{ define \"h\" }}H{{ . }}{{ end }}")
        .unwrap();
    set.parse(
        "t",
        "{{ tpl \"{{ define \\\"x\\\" }}X{{ end }}{{ template \\\"x\\\" }}{{ template \\\"h\\\" 1 }}\" . }}",
    )
    .unwrap();
    assert_eq!(set.execute("t", &data()).unwrap(), "XH1");
    // The nested source's define did not join the set.
    assert!(set.lookup("x").is_none());
}

#[test]
fn int64_values_compare_and_range_like_go_ints() {
    // Helm's `--set` integers are int64; Go compares all signed integer kinds.
    let mut set = Templates::new("t", FuncMap::new());
    set.parse(
        "t",
        "{{ eq .i 3 }} {{ lt .i 4 }} {{ printf \"%T\" .i }} {{ range .i }}{{ printf \"%T\" . }}{{ end }} {{ index .l .i }}",
    )
    .unwrap();
    let data = Value::map([
        ("i", Value::Int64(3)),
        (
            "l",
            Value::list((0..4).map(|n| Value::Float(n as f64)).collect()),
        ),
    ]);
    assert_eq!(
        set.execute("t", &data).unwrap(),
        "true true int64 int64int64int64 3"
    );
    let mut set = Templates::new("t", FuncMap::new());
    set.parse("t", "{{ eq .i 3.0 }}").unwrap();
    assert_eq!(
        set.execute("t", &data).unwrap_err().to_string(),
        "template: t:1:3: executing \"t\" at <eq .i 3.0>: error calling eq: incompatible types for comparison: int64 and float64"
    );
}

/// Go nests control clauses without limit and parentheses up to 10000; a
/// small thread stack must survive both (parse, execute, error context, drop).
#[test]
fn deep_nesting_runs_on_a_small_stack() {
    let run = || {
        let n = 5_000;
        let ifs = format!("{}x{}", "{{if 1}}".repeat(n), "{{end}}".repeat(n));
        let else_ifs = format!("{{{{if 0}}}}{}y{{{{end}}}}", "{{else if 0}}".repeat(n));
        let parens = format!("{{{{ {}1{} 2 }}}}", "(".repeat(9_999), ")".repeat(9_999));
        let too_deep = format!("{{{{ {}1{} }}}}", "(".repeat(10_001), ")".repeat(10_001));
        let mut set = Templates::new("t", FuncMap::new());
        set.parse("ifs", &ifs).unwrap();
        set.parse("else_ifs", &else_ifs).unwrap();
        set.parse("parens", &parens).unwrap();
        let data = Value::map([("a", Value::Nil)]);
        assert_eq!(set.execute("ifs", &data).unwrap(), "x");
        assert_eq!(set.execute("else_ifs", &data).unwrap(), "");
        let e = set.execute("parens", &data).unwrap_err().to_string();
        assert!(
            e.contains(">: can't give argument to non-function (((("),
            "{}",
            &e[..200]
        );
        let e = set.parse("too_deep", &too_deep).unwrap_err().to_string();
        assert_eq!(e, "template: too_deep:1: max expression depth exceeded");
    };
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}
