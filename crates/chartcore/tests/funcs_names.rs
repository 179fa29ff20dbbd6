//! The function names a chart can call are exactly Helm v4.3.1's: every name
//! the reference Helm accepts (`testdata/funcs/helm_functions.txt`, probed by
//! `scripts/probe_func_names.py`) parses in a rendered chart, no name outside
//! that list is registered, and names Helm rejects are rejected.

use std::collections::BTreeSet;

use chartcore::chart::{Chart, ChartFile, Metadata};
use chartcore::engine::{Capabilities, Engine, ReleaseInfo};
use chartcore::funcs;
use gotemplate::Map;

/// Go `text/template`'s builtin functions (`funcs.go` `builtins`).
const GO_BUILTINS: &[&str] = &[
    "and", "call", "eq", "ge", "gt", "html", "index", "js", "le", "len", "lt", "ne", "not", "or",
    "print", "printf", "println", "slice", "urlquery",
];

/// Functions the engine binds per render (`include`, `tpl`, `required`,
/// `fail`), outside `funcs::function_map`.
const RENDER_BOUND: &[&str] = &["include", "tpl", "required", "fail"];

fn names(file: &str) -> BTreeSet<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/funcs")
        .join(file);
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// Renders a one-template chart; the error text if rendering fails.
fn render(template: &str) -> Result<(), String> {
    let chart = Chart {
        metadata: Metadata {
            name: "names".into(),
            version: "0.1.0".into(),
            api_version: "v2".into(),
            ..Metadata::default()
        },
        templates: vec![ChartFile {
            name: "templates/t.yaml".into(),
            data: template.as_bytes().into(),
        }],
        ..Chart::default()
    };
    let release = ReleaseInfo {
        name: "r".into(),
        namespace: "default".into(),
        is_upgrade: false,
        is_install: true,
        revision: 1,
    };
    Engine::default()
        .render(&chart, &Map::new(), &release, &Capabilities::default())
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// A call in a branch that never runs: parsing alone decides.
fn probe(name: &str) -> Result<(), String> {
    render(&format!("{{{{ if false }}}}{{{{ {name} }}}}{{{{ end }}}}"))
}

/// Helm v4.3.1 accepts 251 names: the 249 `helm-internals.md` lists plus
/// Sprig's `push` and `mustPush` (aliases of `append` and `mustAppend`).
#[test]
fn the_list_has_helms_251_names() {
    let all = names("helm_functions.txt");
    assert_eq!(all.len(), 251);
    assert!(all.contains("push") && all.contains("mustPush"));
}

#[test]
fn registered_names_are_exactly_helms() {
    let helm = names("helm_functions.txt");
    let ours: BTreeSet<String> = funcs::function_map()
        .names()
        .chain(GO_BUILTINS.iter().copied())
        .chain(RENDER_BOUND.iter().copied())
        .map(String::from)
        .collect();
    let missing: Vec<_> = helm.difference(&ours).collect();
    let extra: Vec<_> = ours.difference(&helm).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:?}\nextra: {extra:?}"
    );
}

#[test]
fn every_helm_name_parses_in_a_chart() {
    let failures: Vec<String> = names("helm_functions.txt")
        .iter()
        .filter_map(|n| probe(n).err().map(|e| format!("{n}: {e}")))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn names_helm_rejects_are_not_defined() {
    let accepted: Vec<String> = names("helm_non_functions.txt")
        .into_iter()
        .filter(|n| match probe(n) {
            Ok(()) => true,
            Err(e) => !e.contains(&format!("function \"{n}\" not defined")),
        })
        .collect();
    assert!(accepted.is_empty(), "defined but not in Helm: {accepted:?}");
}
