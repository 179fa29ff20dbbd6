//! Running the chart-tree expectation tables (scripts/chartcases.py):
//! each case is a chart with subcharts written to a temporary directory,
//! rendered as `helm template chart ARGS` would be, and compared with what
//! the reference Helm printed.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;
use chartcore::action::{self, TemplateOptions};
use chartcore::strvals::SetFlags;
use chartcore::values::ValueOptions;
use serde_json::Value as J;

/// The outcome of `helm template` for one case: stdout or the error message,
/// and the warnings.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    pub stdout: Option<String>,
    pub error: Option<String>,
    pub warnings: Vec<String>,
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
fn load_chart(case: &J) -> Result<chartcore::chart::Chart, String> {
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
    let chart = chartcore::chart::load(&dir).map_err(|e| e.to_string());
    std::fs::remove_dir_all(&dir).expect("cleanup");
    chart
}

/// What chartcore does for `helm template chart ARGS`.
pub fn run(case: &J) -> Outcome {
    let mut user_files: BTreeMap<String, Vec<u8>> = case["user_files"]
        .as_object()
        .expect("user_files")
        .iter()
        .map(|(k, v)| (k.clone(), v.as_str().expect("text").as_bytes().to_vec()))
        .collect();
    if let Some(encoded) = case["user_files_b64"].as_object() {
        for (k, v) in encoded {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(v.as_str().expect("base64"))
                .expect("valid base64");
            user_files.insert(k.clone(), bytes);
        }
    }
    let failed = |error: String, warnings: Vec<String>| Outcome {
        stdout: None,
        error: Some(error),
        warnings,
    };
    let opts = value_options(&strings(&case["args"]));
    let mut read = |name: &str| {
        user_files
            .get(name)
            .cloned()
            .ok_or_else(|| format!("open {name}: no such file or directory"))
    };
    let user = match opts.merge(&mut read) {
        Ok(v) => v,
        Err(e) => return failed(e, Vec::new()),
    };
    let chart = match load_chart(case) {
        Ok(c) => c,
        Err(e) => return failed(e, Vec::new()),
    };
    // The values layer's lines, as "message key=value ...": the tables
    // were recorded from Helm's messages before slog formatting.
    let mut warnings = Vec::new();
    let mut log = |line: chartcore::chart::LogLine| {
        if line.level == chartcore::chart::Level::Debug {
            return;
        }
        let mut text = line.message;
        for (k, v) in line.attrs {
            text.push_str(&format!(" {k}={v}"));
        }
        warnings.push(text);
    };
    if let Err(e) = action::check_installable(&chart, false, &mut log) {
        return failed(e.to_string(), Vec::new());
    }
    let topts = TemplateOptions::default();
    let result = action::render_release_logged(chart, &user, &topts, &mut log);
    warnings.sort();
    match result {
        Ok(release) => Outcome {
            stdout: Some(release.to_helm_output(&topts).expect("prints")),
            error: None,
            warnings,
        },
        Err(e) => failed(e.to_string(), Vec::new()),
    }
}

pub fn expected(case: &J) -> Outcome {
    Outcome {
        stdout: case["stdout"].as_str().map(str::to_string),
        error: case["error"].as_str().map(str::to_string),
        warnings: strings(&case["warnings"]),
    }
}

/// Schema reports list sibling errors in Go map order, which is random:
/// compares them with siblings (and additional-property names) sorted.
pub fn canonical_error(err: &str) -> String {
    let lines: Vec<&str> = err.split('\n').collect();
    let depth = |l: &str| -> Option<usize> {
        let trimmed = l.trim_start_matches(' ');
        let indent = l.len() - trimmed.len();
        (trimmed.starts_with("- ") && indent.is_multiple_of(2)).then_some(indent / 2)
    };
    fn names_sorted(line: &str) -> String {
        let Some(start) = line.find("additional properties ") else {
            return line.to_string();
        };
        let Some(list) = line.strip_suffix(" not allowed") else {
            return line.to_string();
        };
        let head = &list[..start + "additional properties ".len()];
        let mut names: Vec<&str> = list[head.len()..].split(", ").collect();
        names.sort();
        format!("{head}{} not allowed", names.join(", "))
    }
    fn block(
        lines: &[&str],
        i: &mut usize,
        d: usize,
        depth: &dyn Fn(&str) -> Option<usize>,
    ) -> Vec<String> {
        let mut items = Vec::new();
        while *i < lines.len() && depth(lines[*i]) == Some(d) {
            let mut text = names_sorted(lines[*i]);
            *i += 1;
            for kid in block(lines, i, d + 1, depth) {
                text.push('\n');
                text.push_str(&kid);
            }
            items.push(text);
        }
        items.sort();
        items
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if depth(lines[i]) == Some(0) {
            out.extend(block(&lines, &mut i, 0, &depth));
        } else {
            out.push(lines[i].to_string());
            i += 1;
        }
    }
    out.join("\n")
}

/// Runs every case of a table; fails once, listing every case that differs.
/// With `sorted_errors`, error reports are compared with sibling errors
/// sorted (see [`canonical_error`]): Helm's order is random wherever there
/// are several.
pub fn check_table(rel: &str, min_cases: usize, sorted_errors: bool) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{rel}: {e}"));
    let mut failures = Vec::new();
    let mut count = 0;
    for line in text.lines() {
        let case: J = serde_json::from_str(line).expect("json line");
        count += 1;
        let mut want = expected(&case);
        let mut got = run(&case);
        if sorted_errors {
            want.error = want.error.as_deref().map(canonical_error);
            got.error = got.error.as_deref().map(canonical_error);
        }
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
    assert!(count >= min_cases, "only {count} cases in {rel}");
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
