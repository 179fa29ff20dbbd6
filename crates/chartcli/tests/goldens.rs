//! Runs `chartrs` on the cases in `testdata/goldens` and compares with what
//! Helm v4.3.1 printed (`helm4.out`/`.err`/`.rc`, produced by
//! `testdata/regen-goldens.sh`).
//!
//! A case has `args` (one argument per line) and optionally `stdin`. Where
//! chartrs prints more than Helm on stderr (the template source behind an
//! error), `chartrs.err` holds the whole expected stderr, which must begin
//! with Helm's. Cases run with `--output-dir out` also compare the written
//! files with `helm4.tree/`. The testdata path is written `@TESTDATA@`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .canonicalize()
        .unwrap()
}

/// The files under `dir` by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, rel: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries {
            let e = e.unwrap();
            let name = format!("{rel}{}", e.file_name().to_string_lossy());
            if e.file_type().unwrap().is_dir() {
                walk(&e.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, std::fs::read(e.path()).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, "", &mut out);
    out
}

/// Runs one case in a scratch copy (so written files land outside the
/// source tree); returns what differs.
fn run_case(dir: &Path, scratch: &Path) -> Vec<String> {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let data = testdata();
    let data_text = data.display().to_string();
    // The case runs at scratch/goldens/NAME, with ../../charts reaching the real charts.
    let work = scratch.join("goldens").join(&name);
    std::fs::create_dir_all(&work).unwrap();
    let args: Vec<String> = std::fs::read_to_string(dir.join("args"))
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    let stdin = match std::fs::File::open(dir.join("stdin")) {
        Ok(f) => Stdio::from(f),
        Err(_) => Stdio::null(),
    };
    let out = Command::new(env!("CARGO_BIN_EXE_chartrs"))
        .args(&args)
        .current_dir(&work)
        .stdin(stdin)
        .env_remove("HELM_NAMESPACE")
        .env("KUBECONFIG", "/nonexistent")
        .env("HELM_PLUGINS", data.join("plugins"))
        .output()
        .unwrap();
    // The scratch directory stands in for testdata (its `charts` links there).
    let scratch_text = scratch.display().to_string();
    let normalize = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .replace(&data_text, "@TESTDATA@")
            .replace(&scratch_text, "@TESTDATA@")
    };
    let want_out = std::fs::read(dir.join("helm4.out")).unwrap();
    let want_err = std::fs::read_to_string(dir.join("helm4.err")).unwrap();
    let want_rc: i32 = std::fs::read_to_string(dir.join("helm4.rc"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let rc = out.status.code().unwrap_or(-1);
    let stdout = normalize(&out.stdout);
    let stderr = normalize(&out.stderr);
    let mut failures = Vec::new();
    if (rc == 0) != (want_rc == 0) {
        failures.push(format!(
            "{name}: exit status {rc}, Helm {want_rc}; stderr: {stderr}"
        ));
    }
    if stdout.as_bytes() != want_out.as_slice() {
        failures.push(format!(
            "{name}: stdout differs\n want {:?}\n got  {stdout:?}",
            String::from_utf8_lossy(&want_out)
        ));
    }
    match std::fs::read_to_string(dir.join("chartrs.err")) {
        Ok(ours) => {
            if !ours.starts_with(&want_err) {
                failures.push(format!(
                    "{name}: chartrs.err does not begin with Helm's stderr"
                ));
            }
            if stderr != ours {
                failures.push(format!("{name}: stderr\n want {ours:?}\n got  {stderr:?}"));
            }
        }
        Err(_) if stderr != want_err => {
            failures.push(format!(
                "{name}: stderr\n want {want_err:?}\n got  {stderr:?}"
            ));
        }
        Err(_) => {}
    }
    let want_tree = tree(&dir.join("helm4.tree"));
    let got_tree = tree(&work.join("out"));
    if want_tree != got_tree {
        failures.push(format!(
            "{name}: written files differ\n want {:?}\n got  {:?}",
            want_tree.keys().collect::<Vec<_>>(),
            got_tree.keys().collect::<Vec<_>>()
        ));
        for (path, want) in &want_tree {
            if got_tree.get(path) != Some(want) {
                failures.push(format!("{name}: {path} differs"));
            }
        }
    }
    failures
}

#[test]
fn goldens_match_helm() {
    let data = testdata();
    let scratch = std::env::temp_dir().join(format!("chartrs-goldens-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&scratch);
    std::fs::create_dir_all(&scratch).unwrap();
    std::os::unix::fs::symlink(data.join("charts"), scratch.join("charts")).unwrap();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(data.join("goldens"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("args").exists())
        .collect();
    cases.sort();
    assert!(!cases.is_empty());
    let failures: Vec<String> = cases.iter().flat_map(|c| run_case(c, &scratch)).collect();
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
