//! Parses and executes arbitrary templates against fixed data, under step and
//! output budgets: no panics, no hangs, no stack overflow.
#![no_main]

use gotemplate::{FuncMap, Limits, List, MissingKey, Templates, Value};
use libfuzzer_sys::fuzz_target;

fn data() -> Value {
    let values = Value::map([
        ("s", Value::str("str")),
        ("n", Value::Float(1.0)),
        ("f", Value::Float(-2.5)),
        ("t", Value::Bool(true)),
        ("nil", Value::Nil),
        (
            "l",
            Value::List(List::new(vec![
                Value::Float(1.0),
                Value::str("a"),
                Value::Nil,
                Value::map([("k", Value::str("v"))]),
            ])),
        ),
        (
            "m",
            Value::map([("a", Value::Float(1.0)), ("b", Value::list(vec![]))]),
        ),
    ]);
    Value::map([("Values", values)])
}

fuzz_target!(|input: &[u8]| {
    let Some((&mode, rest)) = input.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let mut set = Templates::new("fuzz", FuncMap::new());
    set.set_missing_key(match mode % 3 {
        0 => MissingKey::Default,
        1 => MissingKey::Zero,
        _ => MissingKey::Error,
    });
    set.set_limits(Limits {
        max_steps: Some(20_000),
        max_output: Some(1 << 20),
    });
    if set.parse("fuzz", text).is_err() {
        return;
    }
    if let Err(e) = set.execute("fuzz", &data()) {
        let _ = e.to_string();
    }
});
