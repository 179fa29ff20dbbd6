//! Runs the template-function case tables in `testdata/funcs/*.cases`, whose
//! expectations were produced by the reference Helm (see
//! `scripts/gen_func_cases.py` for the format).

mod common;

use chartcore::funcs;
use gotemplate::{Error, Map, MissingKey, Templates, Value};

/// What a case produced: `("=>", output)` or `("=!", message)`.
fn render(pipeline: &str, values: Value) -> (&'static str, String) {
    let mut t = Templates::new("gotpl", funcs::function_map());
    t.set_missing_key(MissingKey::Zero);
    let name = "t/templates/case.yaml";
    let data = Value::Map(Map::new());
    data.as_map().unwrap().insert("Values", values);
    let result = t
        .parse(name, &format!("{{{{ {pipeline} }}}}"))
        .and_then(|_| t.execute(name, &data));
    match result {
        // The expectations hold Helm's bytes decoded with U+FFFD for invalid UTF-8.
        Ok(out) => (
            "=>",
            String::from_utf8_lossy(&gotemplate::gostr::to_go_bytes(&out))
                .replace("<no value>", ""),
        ),
        Err(Error::Exec(e)) => ("=!", e.message()),
        Err(e) => ("=!", e.to_string()),
    }
}

#[test]
fn function_cases_match_helm() {
    let cases = common::func_cases("funcs");
    let mut failures = Vec::new();
    for case in &cases {
        let values = match &case.values {
            Some(json) => chartcore::json::from_json(json).unwrap(),
            None => Value::Map(Map::new()),
        };
        let (got_kind, got) = render(&case.pipeline, values);
        if got_kind != case.kind || got != case.want {
            failures.push(format!(
                "{}: {}\n    want {} {:?}\n    got  {got_kind} {got:?}",
                case.origin, case.pipeline, case.kind, case.want
            ));
        }
    }
    assert!(!cases.is_empty(), "no function cases found");
    assert!(
        failures.is_empty(),
        "{} of {} function cases differ from Helm:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
