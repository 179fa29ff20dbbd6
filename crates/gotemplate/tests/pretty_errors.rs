//! Snapshots of the pretty error form: Go's message, then the source line
//! with a caret under the column.

use gotemplate::{CallContext, FuncError, FuncMap, Function, GoType, MissingKey, Templates, Value};

fn set() -> Templates {
    let mut funcs = FuncMap::new();
    // A host function that runs another template, as Helm's `include` does.
    funcs.insert(
        "include",
        Function::new(
            &[GoType::String, GoType::Any],
            |ctx: &mut dyn CallContext, args: Vec<Value>| {
                let name = args[0].as_str().unwrap_or_default().to_string();
                ctx.execute_template(&name, args[1].clone())
                    .map(Value::from)
                    .map_err(FuncError::from)
            },
        ),
    );
    let mut set = Templates::new("root", funcs);
    set.set_missing_key(MissingKey::Zero);
    set
}

fn parse_error(src: &str) -> String {
    set().parse("t.yaml", src).unwrap_err().pretty()
}

fn exec_error(files: &[(&str, &str)], data: Value) -> String {
    let mut set = set();
    for (name, src) in files {
        set.parse(name, src).expect("parses");
    }
    set.execute(files[0].0, &data).unwrap_err().pretty()
}

fn values(json: &[(&str, Value)]) -> Value {
    Value::map([("Values", Value::map(json.iter().cloned()))])
}

#[test]
fn parse_error_unknown_function() {
    insta::assert_snapshot!(parse_error("a: 1\nb: {{ nosuch .Values.x }}\n"));
}

#[test]
fn parse_error_unclosed_action_after_comment() {
    insta::assert_snapshot!(parse_error(
        "{{/* a\nmulti-line\ncomment */}}\nx: {{ .Values.x\n"
    ));
}

#[test]
fn parse_error_unexpected_end() {
    insta::assert_snapshot!(parse_error(
        "{{ if .Values.a }}\n  a\n{{ else }}\n  b\n{{ else }}\n"
    ));
}

#[test]
fn exec_error_nil_pointer() {
    insta::assert_snapshot!(exec_error(
        &[("t.yaml", "kind: x\nname: {{ .Values.a.b.c }}\n")],
        values(&[("a", Value::Nil)])
    ));
}

#[test]
fn exec_error_with_tabs_and_unicode() {
    insta::assert_snapshot!(exec_error(
        &[("t.yaml", "\tnäme: «{{ eq .Values.port 8080 }}»\n")],
        values(&[("port", Value::Float(8080.0))])
    ));
}

#[test]
fn exec_error_in_define_of_another_file() {
    insta::assert_snapshot!(exec_error(
        &[
            ("t.yaml", "{{ template \"helper\" .Values }}"),
            (
                "_helpers.tpl",
                "{{- define \"helper\" -}}\nport: {{ index .ports 3 }}\n{{- end }}"
            ),
        ],
        values(&[("ports", Value::list(vec![Value::Float(80.0)]))])
    ));
}

#[test]
fn exec_error_through_nested_execution() {
    insta::assert_snapshot!(exec_error(
        &[
            ("t.yaml", "x: {{ include \"inner\" .Values }}"),
            (
                "_helpers.tpl",
                "{{ define \"inner\" }}\n  {{ range .count }}{{ . }}{{ end }}\n{{ end }}"
            ),
        ],
        values(&[("count", Value::Float(3.0))])
    ));
}
