//! Runs `testdata/funcs/render/*.cases`: calls rendered through the chart
//! engine (so `include`, `tpl`, `required` and `fail` are bound), compared
//! with the reference Helm's output and full error text. The chart and the
//! line format are described in `scripts/gen_render_cases.py`.

mod common;

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
    let cases = common::func_cases("funcs/render");
    let mut failures = Vec::new();
    for case in &cases {
        let values = match &case.values {
            Some(json) => match chartcore::json::from_json(json).unwrap() {
                Value::Map(m) => m,
                _ => panic!("{}: values must be an object", case.origin),
            },
            None => Map::new(),
        };
        let (got_kind, got) = render(&case.pipeline, &values);
        if got_kind != case.kind || got != case.want {
            failures.push(format!(
                "{}: {}\n    want {} {:?}\n    got  {got_kind} {got:?}",
                case.origin, case.pipeline, case.kind, case.want
            ));
        }
    }
    assert!(!cases.is_empty(), "no render cases found");
    assert!(
        failures.is_empty(),
        "{} of {} rendered cases differ from Helm:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}
