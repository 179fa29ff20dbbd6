//! Coalescing across chart trees, against Helm v4.3.1: every case of
//! testdata/values/merge.jsonl (scripts/gen_merge_cases.py) is a chart with
//! subcharts printing `{{ toJson .Values }}`, rendered with `-f` files and
//! `--set` flags. The output, the error and the logged warnings must match.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use chartcore::action::{self, TemplateOptions};
use chartcore::strvals::SetFlags;
use chartcore::values::ValueOptions;
use serde_json::Value as J;

/// The outcome of `helm template` for one case: stdout or the error message,
/// and the warnings.
#[derive(Debug, PartialEq)]
struct Outcome {
    stdout: Option<String>,
    error: Option<String>,
    warnings: Vec<String>,
}

fn strings(v: &J) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().expect("string").to_string())
        .collect()
}

fn value_options(args: &[String]) -> ValueOptions {
    let mut opts = ValueOptions {
        value_files: Vec::new(),
        set: SetFlags::default(),
    };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let arg = it.next().expect("flag argument").clone();
        match flag.as_str() {
            "-f" => opts.value_files.push(arg),
            "--set" => opts.set.set.push(arg),
            "--set-string" => opts.set.string.push(arg),
            "--set-json" => opts.set.json.push(arg),
            "--set-file" => opts.set.file.push(arg),
            "--set-literal" => opts.set.literal.push(arg),
            other => panic!("unknown flag {other}"),
        }
    }
    opts
}

/// Writes the case's chart to a fresh directory and loads it.
fn load_chart(case: &J) -> chartcore::chart::Chart {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "chartcore-merge-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    ));
    for (name, text) in case["files"].as_object().expect("files") {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, text.as_str().expect("file text")).expect("write");
    }
    let chart = chartcore::chart::load(&dir).expect("chart loads");
    std::fs::remove_dir_all(&dir).expect("cleanup");
    chart
}

/// What chartcore does for `helm template chart ARGS`.
fn run(case: &J) -> Outcome {
    let user_files: BTreeMap<String, String> = case["user_files"]
        .as_object()
        .expect("user_files")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("text").to_string()))
        .collect();
    let failed = |error: String, warnings: Vec<String>| Outcome {
        stdout: None,
        error: Some(error),
        warnings,
    };
    let opts = value_options(&strings(&case["args"]));
    let mut read = |name: &str| {
        user_files
            .get(name)
            .map(|t| t.as_bytes().to_vec())
            .ok_or_else(|| format!("open {name}: no such file or directory"))
    };
    let user = match opts.merge(&mut read) {
        Ok(v) => v,
        Err(e) => return failed(e, Vec::new()),
    };
    let chart = load_chart(case);
    if let Err(e) = action::check_installable(&chart) {
        return failed(e.to_string(), Vec::new());
    }
    let topts = TemplateOptions::default();
    match action::render_release(chart, &user, &topts) {
        Ok(release) => {
            let mut warnings = release.warnings.clone();
            warnings.sort();
            Outcome {
                stdout: Some(release.to_helm_output(&topts).expect("prints")),
                error: None,
                warnings,
            }
        }
        Err(e) => failed(e.to_string(), Vec::new()),
    }
}

fn expected(case: &J) -> Outcome {
    Outcome {
        stdout: case["stdout"].as_str().map(str::to_string),
        error: case["error"].as_str().map(str::to_string),
        warnings: strings(&case["warnings"]),
    }
}

#[test]
fn merge_table_matches_helm() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/values/merge.jsonl");
    let text = std::fs::read_to_string(&path).expect("merge.jsonl");
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines() {
        let case: J = serde_json::from_str(line).expect("json line");
        count += 1;
        let want = expected(&case);
        let got = run(&case);
        // A failed run logs what it logged before failing; Helm's failing
        // cases are compared on the message only.
        let same = if want.error.is_some() {
            got.error == want.error && got.stdout.is_none()
        } else {
            got == want
        };
        if !same {
            failures.push(format!(
                "{}:\n  want {want:?}\n  got  {got:?}",
                case["name"].as_str().unwrap_or("?")
            ));
        }
    }
    assert!(count >= 150, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
