//! Hostile `values.schema.json` files fail cleanly, in bounded time: long
//! `$ref` chains, deep nesting, deep values under a recursive schema.

use std::time::{Duration, Instant};

use chartcore::schema::validate_single;
use gotemplate::{Map, Value};

fn values() -> Map {
    let m = Map::new();
    m.insert("x", Value::Int64(1));
    m
}

fn quickly<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "{what} took {:?}",
        start.elapsed()
    );
    out
}

fn ref_chain(n: usize) -> Vec<u8> {
    let mut defs = serde_json::Map::new();
    for i in 0..n {
        defs.insert(
            format!("a{i}"),
            serde_json::json!({ "$ref": format!("#/$defs/a{}", i + 1) }),
        );
    }
    defs.insert(format!("a{n}"), serde_json::json!({ "type": "string" }));
    let schema = serde_json::json!({
        "$defs": defs,
        "properties": { "x": { "$ref": "#/$defs/a0" } }
    });
    serde_json::to_vec(&schema).unwrap()
}

#[test]
fn long_ref_chain_is_followed() {
    let err = quickly("ref chain", || {
        validate_single(&values(), &ref_chain(2_000))
    })
    .unwrap_err();
    assert_eq!(err, "- at '/x': got number, want string\n");
}

#[test]
fn overlong_ref_chain_is_refused() {
    let err = quickly("ref chain", || {
        validate_single(&values(), &ref_chain(20_000))
    })
    .unwrap_err();
    assert!(err.starts_with("schema not supported: it chains"), "{err}");
}

#[test]
fn deep_nesting_is_refused() {
    let depth = 100_000;
    let text = format!("{}{}", r#"{"not":"#.repeat(depth), "}".repeat(depth + 1));
    let result = quickly("deep schema", || {
        validate_single(&values(), text.as_bytes())
    });
    assert!(result.is_err());
}

#[test]
fn deep_values_under_a_recursive_schema() {
    // Building and dropping such values needs a deep stack of its own.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(deep_values)
        .unwrap()
        .join()
        .unwrap();
}

fn deep_values() {
    // Deep values (the YAML loader allows up to 10000 levels).
    let depth = 3_000;
    let text = format!("{}1{}", "{a: ".repeat(depth), "}".repeat(depth));
    let values = chartcore::yaml::parse_values(&format!("a: {text}")).unwrap();
    let schema = br##"{"type": "object", "properties": {"a": {"$ref": "#"}}}"##;
    let err = quickly("deep values", || validate_single(&values, schema)).unwrap_err();
    assert!(
        err.ends_with("/a': got number, want object\n"),
        "{err:.200}"
    );
}

#[test]
fn shallow_recursive_schema() {
    let values = chartcore::yaml::parse_values("a: {a: {a: 1}}").unwrap();
    let schema = br##"{"type": "object", "properties": {"a": {"$ref": "#"}}}"##;
    assert_eq!(
        validate_single(&values, schema),
        Err("- at '/a/a/a': got number, want object\n".into())
    );
}
