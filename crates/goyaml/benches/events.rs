//! Event throughput of goyaml and libyaml-safer on a generated ~1 MB
//! stream of Kubernetes-manifest-like documents.
//!
//! `cargo bench -p goyaml`

use std::fmt::Write;

fn main() {
    // Both parsers must see the same stream for the comparison to mean anything.
    let text = input();
    assert_eq!(goyaml_count(&text), libyaml_count(&text));
    divan::main();
}

/// A small deterministic generator (xorshift), so every run parses the
/// same text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn word(&mut self) -> &'static str {
        const WORDS: &[&str] = &[
            "prometheus",
            "grafana",
            "alertmanager",
            "operator",
            "node",
            "exporter",
            "kube",
            "state",
            "metrics",
            "server",
            "webhook",
            "config",
            "reloader",
            "thanos",
            "sidecar",
        ];
        WORDS[self.below(WORDS.len() as u64) as usize]
    }
}

/// One Deployment-, ConfigMap- or Service-like document.
fn document(rng: &mut Rng, out: &mut String, n: usize) {
    let name = format!("{}-{}-{n}", rng.word(), rng.word());
    let labels = |rng: &mut Rng, out: &mut String, indent: &str| {
        for key in [
            "app.kubernetes.io/name",
            "app.kubernetes.io/instance",
            "helm.sh/chart",
        ] {
            let _ = writeln!(out, "{indent}{key}: {}-{}", rng.word(), rng.below(100));
        }
        let _ = writeln!(out, "{indent}release: \"rel\"");
    };
    let _ = writeln!(out, "---\n# Source: chart/templates/{name}.yaml");
    match rng.below(3) {
        0 => {
            let _ = writeln!(
                out,
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n  namespace: default\n  labels:"
            );
            labels(rng, out, "    ");
            let _ = writeln!(out, "data:\n  config.yaml: |");
            for i in 0..rng.below(30) + 5 {
                let _ = writeln!(
                    out,
                    "    {}_{i}: {} # {}",
                    rng.word(),
                    rng.below(10_000),
                    rng.word()
                );
            }
            let _ = writeln!(
                out,
                "  rules.json: '{{\"groups\": [{{\"name\": \"{}\"}}]}}'",
                rng.word()
            );
        }
        1 => {
            let _ = writeln!(
                out,
                "apiVersion: v1\nkind: Service\nmetadata:\n  name: {name}\n  labels:"
            );
            labels(rng, out, "    ");
            let _ = writeln!(out, "spec:\n  type: ClusterIP\n  ports:");
            for _ in 0..rng.below(4) + 1 {
                let port = 8000 + rng.below(1000);
                let _ = writeln!(
                    out,
                    "    - name: http-{}\n      port: {port}\n      targetPort: {port}\n      protocol: TCP",
                    rng.word()
                );
            }
            let _ = writeln!(out, "  selector:");
            labels(rng, out, "    ");
        }
        _ => {
            let _ = writeln!(
                out,
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {name}\n  labels:"
            );
            labels(rng, out, "    ");
            let _ = writeln!(
                out,
                "  annotations:\n    checksum/config: {:016x}{:016x}",
                rng.next(),
                rng.next()
            );
            let _ = writeln!(
                out,
                "spec:\n  replicas: {}\n  template:\n    spec:\n      containers:",
                rng.below(5)
            );
            for _ in 0..rng.below(3) + 1 {
                let _ = writeln!(
                    out,
                    "        - name: {}\n          image: \"quay.io/{}/{}:v0.{}.{}\"\n          args:",
                    rng.word(),
                    rng.word(),
                    rng.word(),
                    rng.below(80),
                    rng.below(10)
                );
                for _ in 0..rng.below(6) {
                    let _ = writeln!(
                        out,
                        "            - --{}.{}={}",
                        rng.word(),
                        rng.word(),
                        rng.below(1000)
                    );
                }
                let _ = writeln!(
                    out,
                    "          resources:\n            limits: {{cpu: {}m, memory: {}Mi}}",
                    rng.below(1000),
                    rng.below(4096)
                );
                let _ = writeln!(
                    out,
                    "          securityContext:\n            runAsNonRoot: true\n            capabilities:\n              drop: [\"ALL\"]"
                );
            }
        }
    }
}

fn generate(bytes: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(bytes + 4096);
    let mut n = 0;
    while out.len() < bytes {
        document(&mut rng, &mut out, n);
        n += 1;
    }
    out
}

fn input() -> String {
    generate(1 << 20)
}

#[divan::bench]
fn goyaml_events(bencher: divan::Bencher) {
    let text = input();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| goyaml_count(divan::black_box(&text)));
}

#[divan::bench]
fn libyaml_safer_events(bencher: divan::Bencher) {
    let text = input();
    bencher
        .counter(divan::counter::BytesCount::new(text.len()))
        .bench(|| libyaml_count(divan::black_box(&text)));
}

fn goyaml_count(text: &str) -> usize {
    let mut events = 0;
    for event in goyaml::Parser::new(text) {
        event.expect("valid YAML");
        events += 1;
    }
    events
}

fn libyaml_count(text: &str) -> usize {
    let mut input = text.as_bytes();
    let mut parser = libyaml_safer::Parser::new();
    parser.set_input_string(&mut input);
    let mut events = 0;
    loop {
        let event = parser.parse().expect("valid YAML");
        events += 1;
        if matches!(event.data, libyaml_safer::EventData::StreamEnd) {
            return events;
        }
    }
}
