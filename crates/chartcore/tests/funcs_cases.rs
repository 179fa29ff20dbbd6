//! Runs the template-function case tables in `testdata/funcs/*.cases`, whose
//! expectations were produced by the reference Helm (see
//! `scripts/gen_func_cases.py` for the format).

use std::path::Path;

use chartcore::funcs;
use gotemplate::{Error, Map, MissingKey, Templates, Value};

fn json_to_value(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or_default()),
        serde_json::Value::String(s) => Value::str(s.as_str()),
        serde_json::Value::Array(a) => Value::list(a.iter().map(json_to_value).collect()),
        serde_json::Value::Object(o) => Value::Map(
            o.iter()
                .map(|(k, v)| (k.as_str().into(), json_to_value(v)))
                .collect(),
        ),
    }
}

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
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/funcs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "cases"))
        .collect();
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, kind, want) = if let Some((h, w)) = line.rsplit_once("\t=> ") {
                (h, "=>", w)
            } else if let Some((h, w)) = line.rsplit_once("\t=! ") {
                (h, "=!", w)
            } else {
                panic!("{}:{}: case without expectation", file.display(), n + 1);
            };
            let want: String = serde_json::from_str(want).unwrap();
            let (values, pipeline) = match head.strip_prefix("@values ") {
                Some(rest) => {
                    let (v, p) = rest.split_once('\t').unwrap();
                    (json_to_value(&serde_json::from_str(v).unwrap()), p)
                }
                None => (Value::Map(Map::new()), head),
            };
            total += 1;
            let (got_kind, got) = render(pipeline, values);
            if got_kind != kind || got != want {
                failures.push(format!(
                    "{}:{}: {pipeline}\n    want {kind} {want:?}\n    got  {got_kind} {got:?}",
                    file.file_name().unwrap().to_string_lossy(),
                    n + 1
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {total} function cases differ from Helm:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
