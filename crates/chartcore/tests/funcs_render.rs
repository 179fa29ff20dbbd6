//! Runs `testdata/funcs/render/*.cases`: calls rendered through the chart
//! engine (so `include`, `tpl`, `required` and `fail` are bound), compared
//! with the reference Helm's output and full error text. The chart and the
//! line format are described in `scripts/gen_render_cases.py`.

use std::path::Path;

use base64::Engine as _;
use chartcore::chart::{Chart, ChartFile, Metadata};
use chartcore::engine::{Capabilities, Engine, ReleaseInfo};
use chartcore::values::coalesce_values;
use gotemplate::{Map, Value};

/// Keep in sync with HELPERS in scripts/gen_render_cases.py.
const HELPERS: &str = r#"{{- define "h.echo" }}[{{ . }}]{{ end }}
{{- define "h.type" }}{{ typeOf . }}{{ end }}
{{- define "h.fail" }}{{ fail "boom" }}{{ end }}
{{- define "h.missing" }}{{ .a.b }}{{ end }}
{{- define "h.self" }}{{ include "h.self" . }}{{ end }}
{{- define "h.tpl" }}{{ tpl "{{ .x }}" . }}{{ end }}
"#;

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

fn file(name: &str, text: &str) -> ChartFile {
    ChartFile {
        name: name.into(),
        data: text.as_bytes().into(),
    }
}

/// What a case produced: `("=>", output)` or `("=!", error text)`. The
/// values are the chart's `values.yaml`, coalesced as Helm does (null keys
/// removed).
fn render(pipeline: &str, values: &Map) -> (&'static str, String) {
    let case = format!(
        "{{{{- define \"c\" }}}}{{{{ {pipeline} }}}}{{{{ end -}}}}\nc: {{{{ include \"c\" . | b64enc | quote }}}}\n"
    );
    let chart = Chart {
        metadata: Metadata {
            name: "t".into(),
            version: "0.1.0".into(),
            api_version: "v2".into(),
            ..Metadata::default()
        },
        templates: vec![
            file("templates/_helpers.tpl", HELPERS),
            file("templates/case.yaml", &case),
        ],
        values: values.clone(),
        ..Chart::default()
    };
    let values = coalesce_values(&chart, &Map::new(), &mut |_| {}).expect("values coalesce");
    let release = ReleaseInfo {
        name: "t".into(),
        namespace: "default".into(),
        is_upgrade: false,
        is_install: true,
        revision: 1,
    };
    match Engine::default().render(&chart, &values, &release, &Capabilities::default()) {
        Ok(out) => {
            let text = &out["t/templates/case.yaml"];
            let b64 = text
                .trim_end()
                .strip_prefix("c: \"")
                .and_then(|t| t.strip_suffix('"'))
                .unwrap_or_else(|| panic!("unexpected output {text:?}"));
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(b64)
                .expect("base64 output");
            ("=>", String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(e) => ("=!", e.to_string()),
    }
}

#[test]
fn rendered_calls_match_helm() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/funcs/render");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "cases"))
        .collect();
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (head, kind, want) = if let Some((h, w)) = line.rsplit_once("\t=> ") {
                (h, "=>", w)
            } else if let Some((h, w)) = line.rsplit_once("\t=! ") {
                (h, "=!", w)
            } else {
                panic!("{}:{}: case without expectation", path.display(), n + 1);
            };
            let want: String = serde_json::from_str(want).unwrap();
            let (values, pipeline) = match head.strip_prefix("@values ") {
                Some(rest) => {
                    let (v, p) = rest.split_once('\t').unwrap();
                    match json_to_value(&serde_json::from_str(v).unwrap()) {
                        Value::Map(m) => (m, p),
                        _ => panic!("{}:{}: values must be an object", path.display(), n + 1),
                    }
                }
                None => (Map::new(), head),
            };
            total += 1;
            let (got_kind, got) = render(pipeline, &values);
            if got_kind != kind || got != want {
                failures.push(format!(
                    "{}:{}: {pipeline}\n    want {kind} {want:?}\n    got  {got_kind} {got:?}",
                    path.file_name().unwrap().to_string_lossy(),
                    n + 1
                ));
            }
        }
    }
    assert!(total > 0, "no render cases found");
    assert!(
        failures.is_empty(),
        "{} of {total} rendered cases differ from Helm:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
