//! Benchmarks of the functions charts call most: `include` and `tpl` through
//! a whole chart render, and `toYaml`, `nindent`, `default`, `dict`, `merge`
//! in a pre-parsed template (so the numbers are the call plus the engine's
//! per-call work, not parsing), and RSA key generation (`genCA`,
//! `genPrivateKey`).
//!
//! `cargo bench -p chartcore --bench funcs`

use chartcore::chart::{Chart, ChartFile, Metadata};
use chartcore::engine::{Capabilities, Engine, ReleaseInfo};
use chartcore::funcs;
use gotemplate::{Map, MissingKey, Templates, Value};

fn main() {
    divan::main();
}

/// Values shaped like a typical chart's: labels, an image, resources, a
/// multi-line config text and a list of ports.
fn values() -> Map {
    let labels: Map = (0..8)
        .map(|i| (format!("label{i}").into(), Value::str(format!("value-{i}"))))
        .collect();
    let ports = Value::list(
        (0..4)
            .map(|i| {
                Value::map([
                    ("name", Value::str(format!("port{i}"))),
                    ("containerPort", Value::Float(8080.0 + f64::from(i))),
                    ("protocol", Value::str("TCP")),
                ])
            })
            .collect(),
    );
    let config: String = (0..20).map(|i| format!("key{i} = value {i}\n")).collect();
    Value::map([
        ("name", Value::str("web")),
        ("labels", Value::Map(labels)),
        (
            "image",
            Value::map([
                ("repository", Value::str("nginx")),
                ("tag", Value::str("1.27")),
                ("pullPolicy", Value::str("IfNotPresent")),
            ]),
        ),
        (
            "resources",
            Value::map([
                (
                    "limits",
                    Value::map([("cpu", Value::str("500m")), ("memory", Value::str("128Mi"))]),
                ),
                (
                    "requests",
                    Value::map([("cpu", Value::str("250m")), ("memory", Value::str("64Mi"))]),
                ),
            ]),
        ),
        ("ports", ports),
        ("config", Value::str(config)),
        ("tpl", Value::str("{{ .Values.name }}-{{ .Release.Name }}")),
        (
            "extra",
            Value::map([
                ("a", Value::Float(1.0)),
                ("n", Value::map([("x", Value::Bool(true))])),
            ]),
        ),
    ])
    .as_map()
    .cloned()
    .unwrap_or_default()
}

fn chart(templates: &[(&str, &str)]) -> Chart {
    Chart {
        metadata: Metadata {
            name: "bench".into(),
            version: "0.1.0".into(),
            api_version: "v2".into(),
            ..Metadata::default()
        },
        templates: templates
            .iter()
            .map(|(name, text)| ChartFile {
                name: (*name).into(),
                data: text.as_bytes().into(),
            })
            .collect(),
        ..Chart::default()
    }
}

fn release() -> ReleaseInfo {
    ReleaseInfo {
        name: "bench".into(),
        namespace: "default".into(),
        is_upgrade: false,
        is_install: true,
        revision: 1,
    }
}

const HELPERS: &str = r#"{{- define "bench.labels" -}}
app.kubernetes.io/name: {{ .Values.name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- range $k, $v := .Values.labels }}
{{ $k }}: {{ $v | quote }}
{{- end }}
{{- end }}"#;

/// A render of one template with ten `include`s of a labels helper.
#[divan::bench]
fn include_render(bencher: divan::Bencher) {
    let body =
        "{{- range until 10 }}\nlabels:\n{{ include \"bench.labels\" $ | indent 2 }}\n{{- end }}\n";
    let c = chart(&[
        ("templates/_helpers.tpl", HELPERS),
        ("templates/t.yaml", body),
    ]);
    let (vals, rel, caps) = (values(), release(), Capabilities::default());
    bencher.bench_local(|| {
        Engine::default()
            .render(&c, &vals, &rel, &caps)
            .map(|o| o.len())
    });
}

/// A render of one template with ten `tpl` calls on a value.
#[divan::bench]
fn tpl_render(bencher: divan::Bencher) {
    let body = "{{- range until 10 }}\nname: {{ tpl $.Values.tpl $ }}\n{{- end }}\n";
    let c = chart(&[("templates/t.yaml", body)]);
    let (vals, rel, caps) = (values(), release(), Capabilities::default());
    bencher.bench_local(|| {
        Engine::default()
            .render(&c, &vals, &rel, &caps)
            .map(|o| o.len())
    });
}

/// The same chart without calls: what `include_render` and `tpl_render`
/// spend outside the two functions (chart setup, parsing, output).
#[divan::bench]
fn baseline_render(bencher: divan::Bencher) {
    let body = "{{- range until 10 }}\nname: {{ $.Values.name }}\n{{- end }}\n";
    let c = chart(&[
        ("templates/_helpers.tpl", HELPERS),
        ("templates/t.yaml", body),
    ]);
    let (vals, rel, caps) = (values(), release(), Capabilities::default());
    bencher.bench_local(|| {
        Engine::default()
            .render(&c, &vals, &rel, &caps)
            .map(|o| o.len())
    });
}

/// Executes a pre-parsed one-line template against the bench values.
fn exec_bench(bencher: divan::Bencher, template: &str) {
    let mut t = Templates::new("gotpl", funcs::function_map());
    t.set_missing_key(MissingKey::Zero);
    t.parse("t", template).expect("benchmark template parses");
    let data = Value::map([("Values", Value::Map(values()))]);
    bencher.bench_local(|| t.execute("t", &data).map(|s| s.len()));
}

#[divan::bench]
fn to_yaml(bencher: divan::Bencher) {
    exec_bench(bencher, "{{ toYaml .Values }}");
}

#[divan::bench]
fn to_yaml_small(bencher: divan::Bencher) {
    exec_bench(bencher, "{{ toYaml .Values.resources }}");
}

#[divan::bench]
fn nindent(bencher: divan::Bencher) {
    exec_bench(bencher, "{{ .Values.config | nindent 8 }}");
}

#[divan::bench]
fn default(bencher: divan::Bencher) {
    exec_bench(
        bencher,
        "{{ default \"x\" .Values.missing }}{{ default \"y\" .Values.name }}",
    );
}

#[divan::bench]
fn dict(bencher: divan::Bencher) {
    exec_bench(
        bencher,
        "{{ $d := dict \"name\" .Values.name \"image\" .Values.image \"port\" 80 \"tls\" true }}{{ len $d }}",
    );
}

#[divan::bench]
fn merge(bencher: divan::Bencher) {
    exec_bench(
        bencher,
        "{{ $m := merge (dict \"a\" 2 \"n\" (dict \"y\" 1)) .Values.extra .Values.resources }}{{ len $m }}",
    );
}

/// The engine's cost for a one-call template, to read the others against.
#[divan::bench]
fn baseline_exec(bencher: divan::Bencher) {
    exec_bench(bencher, "{{ .Values.name }}");
}

/// `genPrivateKey "rsa"`: a 4096-bit RSA key (prime search time is random,
/// so compare means over many samples).
#[divan::bench(sample_count = 40, sample_size = 1)]
fn gen_private_key_rsa4096(bencher: divan::Bencher) {
    exec_bench(bencher, "{{ genPrivateKey \"rsa\" }}");
}

/// `genCA`: a 2048-bit RSA key and a self-signed certificate.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn gen_ca_rsa2048(bencher: divan::Bencher) {
    exec_bench(bencher, "{{ (genCA \"bench\" 365).Cert }}");
}
