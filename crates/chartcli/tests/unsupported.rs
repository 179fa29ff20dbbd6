//! Flags that need a cluster or the network fail with a message naming the
//! flag (Helm would try to connect; chartrs never does).

use std::path::Path;
use std::process::Command;

fn chart() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/charts/v1-chart")
        .display()
        .to_string()
}

fn stderr_of(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chartrs"))
        .args(args)
        .env("KUBECONFIG", "/nonexistent")
        .env("HELM_PLUGINS", "/nonexistent")
        .output()
        .unwrap();
    assert!(
        out.status.success() || out.stdout.is_empty(),
        "{args:?} failed but printed on stdout"
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn cluster_and_network_flags_are_refused_by_name() {
    let chart = chart();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--dry-run=server"],
            "Error: not supported: --dry-run=server",
        ),
        (
            &["--validate"],
            "Flag --validate has been deprecated, use '--dry-run=server' instead\nError: not supported: --validate",
        ),
        (
            &["--repo", "https://charts.example.com"],
            "Error: not supported: --repo",
        ),
        (&["--dependency-update"], ""),
    ];
    for (flags, want) in cases {
        let mut args = vec!["template", chart.as_str()];
        args.extend_from_slice(flags);
        let (rc, err) = stderr_of(&args);
        if want.is_empty() {
            // Every dependency is present: nothing to download, Helm renders.
            assert_eq!(rc, 0, "{flags:?}: {err}");
        } else {
            assert_eq!(rc, 1, "{flags:?}");
            assert!(err.starts_with(want), "{flags:?}: {err}");
        }
    }
    let (rc, err) = stderr_of(&["template", "oci://registry.example.com/charts/x"]);
    assert_eq!(rc, 1);
    assert!(
        err.starts_with("Error: not supported: remote chart"),
        "{err}"
    );
}

#[test]
fn post_renderer_names_a_plugin() {
    let chart = chart();
    let (rc, err) = stderr_of(&["template", &chart, "--post-renderer", "/usr/bin/cat"]);
    assert_eq!(rc, 1);
    assert_eq!(
        err,
        "Error: invalid argument \"/usr/bin/cat\" for \"--post-renderer\" flag: plugin: {Name:/usr/bin/cat Type:postrenderer/v1} not found\n"
    );
}
