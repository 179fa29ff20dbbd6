//! `chartcore::ignore` against what the reference helm loads
//! (testdata/ignore/*.tsv, see scripts/gen_ignore_expectations.py).

mod common;

use std::collections::BTreeMap;

use chartcore::ignore::{Rules, go_match};

#[test]
fn go_match_matches_helm() {
    let rows = common::read_table("ignore/match.tsv");
    assert!(rows.len() > 100);
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let (pattern, name, want) = (&f[0], &f[1], &f[2]);
        // What helm did: the rule `d/P` against the file `d/N`.
        let via_rules = match Rules::parse(&format!("d/{pattern}\n")) {
            Ok(rules) => rules.ignore(&format!("d/{name}"), false).to_string(),
            Err(e) => format!("error: {e}"),
        };
        // go_match itself: helm cannot tell a match-time pattern error from
        // a mismatch, and reports syntax errors from Match(rule, "abc").
        let direct = match go_match(&format!("d/{pattern}"), "abc") {
            Err(e) => format!("error: {e}"),
            Ok(_) => match go_match(pattern, name) {
                Ok(m) => m.to_string(),
                Err(_) => "false".to_string(),
            },
        };
        if via_rules != *want || direct != *want {
            failures.push(format!(
                "line {line}: Match({pattern:?}, {name:?}): rules {via_rules}, direct {direct}, helm {want}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A directory tree: file names map to `None`, directories to their entries.
#[derive(Default)]
struct Dir(BTreeMap<String, Option<Dir>>);

impl Dir {
    fn add(&mut self, path: &str) {
        match path.split_once('/') {
            Some((dir, rest)) => self
                .0
                .entry(dir.to_string())
                .or_insert_with(|| Some(Dir::default()))
                .as_mut()
                .expect("file and directory of the same name")
                .add(rest),
            None => {
                self.0.insert(path.to_string(), None);
            }
        }
    }
}

/// Helm's directory walk: entries in byte order, an ignored directory's
/// subtree skipped.
fn walk(dir: &Dir, prefix: &str, rules: &Rules, out: &mut Vec<String>) {
    for (name, entry) in &dir.0 {
        let path = format!("{prefix}{name}");
        match entry {
            Some(sub) => {
                if !rules.ignore(&path, true) {
                    walk(sub, &format!("{path}/"), rules, out);
                }
            }
            None => {
                if !rules.ignore(&path, false) {
                    out.push(path);
                }
            }
        }
    }
}

/// What the generator observed for a chart with these files.
fn observe(helmignore: &str, files: &[&str]) -> String {
    let mut rules = match Rules::parse(helmignore) {
        Ok(r) => r,
        Err(e) => return format!("error: {e}"),
    };
    rules.add_defaults();
    let mut root = Dir::default();
    for f in ["Chart.yaml", ".helmignore", "templates/list.yaml"]
        .iter()
        .chain(files)
    {
        root.add(f);
    }
    let mut loaded = Vec::new();
    walk(&root, "", &rules, &mut loaded);
    loaded.sort();
    if !loaded.iter().any(|f| f == "Chart.yaml") {
        return "error: Chart.yaml file is missing".to_string();
    }
    loaded.retain(|f| f != "Chart.yaml" && f != "values.yaml");
    if !loaded.iter().any(|f| f == "templates/list.yaml") {
        loaded.retain(|f| f.starts_with("templates/"));
        loaded.insert(0, "!nolist".to_string());
    }
    loaded.join("\n")
}

#[test]
fn chart_loading_matches_helm() {
    let rows = common::read_table("ignore/load.tsv");
    assert!(rows.len() > 70);
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let files: Vec<&str> = f[1].split('\n').filter(|s| !s.is_empty()).collect();
        let got = observe(&f[0], &files);
        if got != f[2] {
            failures.push(format!(
                "line {line}: .helmignore {:?}:\n  got  {got:?}\n  helm {:?}",
                f[0], f[2]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn default_rules_hide_only_top_level_template_dotfiles() {
    let rules = Rules::default_rules();
    assert!(rules.ignore("templates/.hidden.yaml", false));
    assert!(rules.ignore("templates/.x", true));
    assert!(!rules.ignore("templates/.", false));
    assert!(!rules.ignore("templates/sub/.hidden.yaml", false));
    assert!(!rules.ignore(".helmignore", false));
    assert!(!rules.ignore("", true));
    assert!(!Rules::parse("*\n").unwrap().ignore(".", true));
}
