//! Runs `chartrs` on the cases in `testdata/goldens` (same layout as the
//! conformance corpus: `args`, and Helm v4.3.1's `helm4.out`/`.err`/`.rc`,
//! produced by `testdata/regen-goldens.sh`) and compares.

use std::path::{Path, PathBuf};
use std::process::Command;

fn goldens_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/goldens")
}

/// Error texts that depend on where the checkout is (absolute paths).
fn stderr_must_match(case: &str) -> bool {
    !matches!(case, "error-no-chart-yaml")
}

#[test]
fn goldens_match_helm() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(goldens_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("args").exists())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let mut failures = Vec::new();
    for dir in &cases {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let args: Vec<String> = std::fs::read_to_string(dir.join("args"))
            .unwrap()
            .lines()
            .map(String::from)
            .collect();
        let out = Command::new(env!("CARGO_BIN_EXE_chartrs"))
            .args(&args)
            .current_dir(dir)
            .env_remove("HELM_NAMESPACE")
            .env("KUBECONFIG", "/nonexistent")
            .output()
            .unwrap();
        let want_out = std::fs::read(dir.join("helm4.out")).unwrap();
        let want_err = std::fs::read_to_string(dir.join("helm4.err")).unwrap();
        let want_rc: i32 = std::fs::read_to_string(dir.join("helm4.rc"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        let rc = out.status.code().unwrap_or(-1);
        let err = String::from_utf8_lossy(&out.stderr);
        if want_rc == 0 {
            if rc != 0 || out.stdout != want_out {
                failures.push(format!(
                    "{name}: rc {rc}, stdout differs ({} vs {} bytes); stderr: {err}",
                    out.stdout.len(),
                    want_out.len()
                ));
            }
        } else if rc == 0 || !out.stdout.is_empty() || !err.starts_with("Error: ") {
            failures.push(format!("{name}: rc {rc}, stderr {err:?}"));
        } else if stderr_must_match(&name) && err != want_err {
            failures.push(format!("{name}: stderr\n want {want_err:?}\n got  {err:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
