//! The library API against Helm's goldens (testdata/goldens, produced by the
//! reference Helm): what `helm template` prints is what `chartcore` returns.

use std::path::{Path, PathBuf};

use chartcore::action::{TemplateOptions, render_release_logged};
use chartcore::chart::{Level, LogLine, load_logged};
use gotemplate::Map;

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .canonicalize()
        .unwrap()
}

fn golden(case: &str, file: &str) -> String {
    std::fs::read_to_string(testdata().join("goldens").join(case).join(file)).unwrap()
}

/// The lines Helm prints without `--debug`.
fn lines(log: &[LogLine]) -> String {
    log.iter()
        .filter(|l| l.level != Level::Debug)
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace(&testdata().display().to_string(), "@TESTDATA@")
}

#[test]
fn loading_logs_followed_symlinks_like_helm() {
    let mut log = Vec::new();
    let chart = load_logged(&testdata().join("charts/links"), &mut |l| log.push(l)).unwrap();
    assert_eq!(lines(&log), golden("symlinks", "helm4.err"));
    let names: Vec<&str> = chart.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "files/config-link.txt",
            "files/shared-link/config.txt",
            "shared/config.txt"
        ]
    );
}

#[test]
fn renders_hooks_and_crds_like_helm() {
    let chart = load_logged(&testdata().join("charts/hooks-crds"), &mut |_| {}).unwrap();
    let opts = TemplateOptions {
        include_crds: true,
        ..Default::default()
    };
    let mut log = Vec::new();
    let release = render_release_logged(chart, &Map::new(), &opts, &mut |l| log.push(l)).unwrap();
    assert_eq!(
        release.to_helm_output(&opts).unwrap(),
        golden("hooks-and-crds", "helm4.out")
    );
    assert_eq!(lines(&log), golden("hooks-and-crds", "helm4.err"));
    assert_eq!(release.crds.len(), 2);
    assert_eq!(release.hooks.len(), 4);
}

#[test]
fn subchart_archive_errors_are_helms() {
    for case in [
        "chart-yaml-at-root",
        "drive-letter",
        "empty",
        "not-gzip",
        "too-large",
        "truncated-gzip",
    ] {
        let dir = testdata().join("charts/bad-subcharts").join(case);
        let err = load_logged(&dir, &mut |_| {}).unwrap_err().to_string();
        let want = golden(&format!("subchart-archive-{case}"), "helm4.err");
        assert_eq!(format!("Error: {err}\n"), want, "{case}");
    }
}
