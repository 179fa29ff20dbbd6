//! `chartcore::strvals` against `helm template --set...` output
//! (testdata/strvals/cases.tsv, see scripts/gen_strvals_expectations.py).

mod common;

use std::collections::BTreeMap;

use chartcore::strvals::{Mode, SetFlags, StrvalsError, parse, parse_into};
use gotemplate::strconv::format_float;
use gotemplate::{Map, Value};

/// Go's `json.Marshal` (as Helm's `toJson` uses it): sorted keys, HTML-safe
/// string escapes, float64 in `%f`-like form between 1e-6 and 1e21.
fn to_json(v: &Value, out: &mut String) {
    match v {
        Value::Nil => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) | Value::Int64(i) => out.push_str(&i.to_string()),
        Value::Float(f) => {
            let abs = f.abs();
            let exp = abs != 0.0 && !(1e-6..1e21).contains(&abs);
            let mut s = format_float(*f, if exp { b'e' } else { b'f' }, -1, 64);
            if exp && let Some(i) = s.find("e-0") {
                s.remove(i + 2);
            }
            out.push_str(&s);
        }
        Value::String(s) => json_string(s, out),
        Value::List(l) => {
            out.push('[');
            for (i, item) in l.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                to_json(item, out);
            }
            out.push(']');
        }
        Value::Map(m) => {
            out.push('{');
            for (i, (k, item)) in m.entries().iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_string(k, out);
                out.push(':');
                to_json(item, out);
            }
            out.push('}');
        }
        other => panic!("unexpected value {other:?}"),
    }
}

fn json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json(v: &Value) -> String {
    let mut out = String::new();
    to_json(v, &mut out);
    out
}

#[test]
fn json_printer_follows_go() {
    let cases = [
        (Value::Float(1e21), "1e+21"),
        (Value::Float(1e-7), "1e-7"),
        (Value::Float(1e20), "100000000000000000000"),
        (Value::Float(-0.0), "-0"),
        (Value::Float(0.000001), "0.000001"),
        (Value::str("<a&b>\u{1}"), r#""\u003ca\u0026b\u003e\u0001""#),
    ];
    for (v, want) in cases {
        assert_eq!(json(&v), want);
    }
}

#[test]
fn set_flags_match_helm() {
    let rows = common::read_table("strvals/cases.tsv");
    assert!(rows.len() > 250);
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let files: BTreeMap<String, String> = {
            let parts: Vec<&str> = f[1].split('\0').collect();
            parts
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| (c[0].to_string(), c[1].to_string()))
                .collect()
        };
        let mut flags = SetFlags::default();
        for pair in f[2..].chunks(2) {
            let list = match pair[0].as_str() {
                "--set" => &mut flags.set,
                "--set-string" => &mut flags.string,
                "--set-literal" => &mut flags.literal,
                "--set-json" => &mut flags.json,
                "--set-file" => &mut flags.file,
                other => panic!("line {line}: unknown flag {other}"),
            };
            list.push(pair[1].clone());
        }
        let mut read = |path: &str| {
            files
                .get(path)
                .cloned()
                .ok_or_else(|| format!("open {path}: no such file or directory"))
        };
        let values = Map::new();
        let got = match flags.apply(&values, &mut read) {
            Ok(()) => format!("ok: {}", json(&Value::Map(values))),
            Err(msg) => format!("error: {msg}"),
        };
        if got != f[0] {
            failures.push(format!(
                "line {line}: {:?}\n  got  {got}\n  helm {}",
                &f[2..],
                f[0]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn parse_into_overwrites_and_merges_into_existing_values() {
    let values = Map::new();
    values.insert(
        "image",
        Value::map([("repo", Value::str("nginx")), ("tag", Value::str("1"))]),
    );
    parse_into("image.tag=2,replicas=3", &values, Mode::Set).unwrap();
    assert_eq!(
        json(&Value::Map(values)),
        r#"{"image":{"repo":"nginx","tag":2},"replicas":3}"#
    );

    let parsed = parse("a=1", Mode::SetString).unwrap();
    assert_eq!(json(&Value::Map(parsed)), r#"{"a":"1"}"#);
    assert_eq!(Mode::SetLiteral.flag(), "--set-literal");

    let err = parse("x[0]b=1", Mode::Set).unwrap_err();
    assert_eq!(err, StrvalsError::DataAfterIndex("b".to_string()));
    assert_eq!(
        err.cli_message("--set", "x[0]b=1"),
        "failed parsing --set data: unexpected data at end of array index: ['b']"
    );
}

#[test]
fn set_file_reader_sees_each_path() {
    let mut seen = Vec::new();
    let mut read = |p: &str| {
        seen.push(p.to_string());
        Ok(format!("<{p}>"))
    };
    let v = parse("a={x,y},b[1]=z", Mode::SetFile(&mut read)).unwrap();
    assert_eq!(
        json(&Value::Map(v)),
        r#"{"a":["\u003cx\u003e","\u003cy\u003e"],"b":[null,"\u003cz\u003e"]}"#
    );
    assert_eq!(seen, ["x", "y", "z"]);
}

#[test]
fn deep_nesting_is_refused_before_the_stack_runs_out() {
    let ok = format!("a{}=1", "[0]".repeat(200));
    assert!(parse(&ok, Mode::Set).is_ok());
    for line in [
        format!("a{}=1", "[0]".repeat(100_000)),
        format!("{}=1", "a[0].".repeat(50_000)),
    ] {
        assert_eq!(
            parse(&line, Mode::Set).unwrap_err(),
            StrvalsError::RecursionTooDeep
        );
    }
    // JSON keeps Go's own limit of 10000 nested containers. Dropping a value
    // that deep recurses, so this part runs on a thread with a large stack.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let depth = 10000;
            let line = format!("a={}{}", "[".repeat(depth), "]".repeat(depth));
            assert!(parse(&line, Mode::SetJson).is_ok());
            let line = format!("a={}{}", "[".repeat(depth + 1), "]".repeat(depth + 1));
            assert!(parse(&line, Mode::SetJson).is_err());
        })
        .unwrap()
        .join()
        .unwrap();
}
