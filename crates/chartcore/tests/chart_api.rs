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

/// Chart files are Go bytes: text that is not UTF-8 fails where go-yaml
/// reads it and passes through templates untouched. Expectations printed
/// by the reference Helm v4.3.1 (`helm template x DIR`).
#[test]
fn bytes_that_are_not_utf8_behave_as_in_helm() {
    const CHART_YAML: &[u8] = b"apiVersion: v2\nname: c\nversion: 0.1.0\n";
    /// Files of a chart: path and bytes.
    type Files<'a> = Vec<(&'a str, &'a [u8])>;
    let cases: [(&str, Files, Result<&str, &str>); 4] = [
        (
            "Chart.yaml",
            vec![(
                "Chart.yaml",
                b"apiVersion: v2\nname: c\nversion: 0.1.0\ndescription: caf\xe9\n",
            )],
            Err(
                "cannot load Chart.yaml: error converting YAML to JSON: yaml: incomplete UTF-8 octet sequence",
            ),
        ),
        (
            "values.yaml",
            vec![("Chart.yaml", CHART_YAML), ("values.yaml", b"a: caf\xe9\n")],
            Err(
                "cannot load values.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: incomplete UTF-8 octet sequence",
            ),
        ),
        (
            "manifest",
            vec![
                ("Chart.yaml", CHART_YAML),
                ("templates/cm.yaml", b"a: \"caf\xe9\"\n"),
            ],
            Err(
                "YAML parse error on c/templates/cm.yaml: error converting YAML to JSON: yaml: invalid trailing UTF-8 octet",
            ),
        ),
        (
            "bytes through a template",
            vec![
                ("Chart.yaml", CHART_YAML),
                (
                    "templates/_h.tpl",
                    b"{{- define \"x\" }}caf\xe9{{ end -}}\n",
                ),
                ("templates/cm.yaml", b"a: {{ include \"x\" . | b64enc }}\n"),
            ],
            Ok("---\n# Source: c/templates/cm.yaml\na: Y2Fm6Q==\n"),
        ),
    ];
    for (name, files, want) in cases {
        let dir = std::env::temp_dir().join(format!("chartrs-bytes-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, data) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, data).unwrap();
        }
        let opts = TemplateOptions::default();
        let got = load_logged(&dir, &mut |_| {})
            .map_err(|e| e.to_string())
            .and_then(|chart| {
                render_release_logged(chart, &Map::new(), &opts, &mut |_| {})
                    .map_err(|e| e.to_string())
            })
            .and_then(|release| release.to_helm_output(&opts).map_err(|e| e.to_string()));
        std::fs::remove_dir_all(&dir).unwrap();
        match (got, want) {
            (Ok(out), Ok(want)) => assert_eq!(out, want, "{name}"),
            (Err(e), Err(want)) => assert_eq!(e, want, "{name}"),
            (got, want) => panic!("{name}: got {got:?}, Helm gives {want:?}"),
        }
    }
}
