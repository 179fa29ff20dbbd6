//! Dependency processing before rendering (Helm's `ProcessDependencies`):
//! aliases, `tags` and `condition` enabling, and `import-values`.

use gotemplate::{Map, Value};

use super::coalesce::{Warn, coalesce_tables, coalesce_values};
use crate::chart::Chart;
use crate::semver::{Constraints, Version};

/// Helm's `IsCompatibleRange`: whether `version` satisfies `constraint`
/// (false when either does not parse).
pub fn is_compatible_range(constraint: &str, version: &str) -> bool {
    let Ok(v) = Version::parse(version) else {
        return false;
    };
    let Ok(c) = Constraints::parse(constraint) else {
        return false;
    };
    c.check(&v)
}

/// Enables, aliases and prunes dependencies, then imports values from
/// children into parents. `vals` are the user's values.
pub fn process_dependencies(chart: &mut Chart, vals: &Map, warn: Warn<'_>) -> Result<(), String> {
    process_enabled(chart, vals, "", warn)?;
    process_import_values(chart, warn)
}

/// `Values.PathValue`: the scalar (non-map) at a dotted path.
fn path_value(v: &Map, path: &str) -> Option<Value> {
    let parts: Vec<&str> = path.split('.').collect();
    let (key, tables) = parts.split_last()?;
    let mut t = v.clone();
    for p in tables {
        t = match t.get(p) {
            Some(Value::Map(m)) => m,
            _ => return None,
        };
    }
    match t.get(key) {
        Some(Value::Map(_)) | None => None,
        Some(other) => Some(other),
    }
}

/// `Values.Table`: the map at a dotted path.
fn table(v: &Map, path: &str) -> Option<Map> {
    let mut t = v.clone();
    for p in path.split('.') {
        t = match t.get(p) {
            Some(Value::Map(m)) => m,
            _ => return None,
        };
    }
    Some(t)
}

fn process_enabled(c: &mut Chart, v: &Map, path: &str, warn: Warn<'_>) -> Result<(), String> {
    if c.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let loaded = std::mem::take(&mut c.dependencies);
    // Loaded charts that no Chart.yaml entry claims stay, first.
    let mut deps: Vec<Chart> = loaded
        .iter()
        .filter(|existing| {
            !c.metadata.deps().any(|req| {
                existing.name() == req.name
                    && is_compatible_range(&req.version, &existing.metadata.version)
            })
        })
        .cloned()
        .collect();
    for req in c.metadata.dependencies.iter_mut().flatten() {
        if let Some(found) = loaded.iter().find(|ch| {
            ch.name() == req.name && is_compatible_range(&req.version, &ch.metadata.version)
        }) {
            let mut copy = found.clone();
            if !req.alias.is_empty() {
                copy.metadata.name = req.alias.clone();
            }
            deps.push(copy);
        }
        if !req.alias.is_empty() {
            req.name = req.alias.clone();
        }
    }
    c.dependencies = deps;
    for req in c.metadata.dependencies.iter_mut().flatten() {
        req.enabled = true;
    }
    let cvals = coalesce_values(c, v, warn)?;
    // Tags, then conditions (a resolvable condition overrides tags).
    let tags = table(&cvals, "tags");
    for req in c.metadata.dependencies.iter_mut().flatten() {
        if let Some(tags) = &tags {
            let (mut has_true, mut has_false) = (false, false);
            for k in &req.tags {
                match tags.get(k) {
                    Some(Value::Bool(true)) => has_true = true,
                    Some(Value::Bool(false)) => has_false = true,
                    Some(_) => warn(format!("tag has non-bool value tag={k} chart={}", req.name)),
                    None => {}
                }
            }
            req.enabled = has_true || !has_false;
        }
        for cond in req.condition.trim().split(',') {
            if cond.is_empty() {
                continue;
            }
            match path_value(&cvals, &format!("{path}{cond}")) {
                Some(Value::Bool(b)) => {
                    req.enabled = b;
                    break;
                }
                Some(_) => warn(format!(
                    "returned non-bool value path={cond} chart={}",
                    req.name
                )),
                None => {}
            }
        }
    }
    let disabled: Vec<String> = c
        .metadata
        .deps()
        .filter(|r| !r.enabled)
        .map(|r| r.name.clone())
        .collect();
    c.dependencies
        .retain(|d| !disabled.iter().any(|n| n == d.name()));
    c.metadata
        .dependencies
        .retain(|d| d.as_ref().is_some_and(|d| !disabled.contains(&d.name)));
    for dep in &mut c.dependencies {
        let sub_path = format!("{path}{}.", dep.name());
        process_enabled(dep, &cvals, &sub_path, warn)?;
    }
    Ok(())
}

fn process_import_values(c: &mut Chart, warn: Warn<'_>) -> Result<(), String> {
    for d in &mut c.dependencies {
        process_import_values(d, warn)?;
    }
    if c.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let cvals = coalesce_values(c, &Map::new(), warn)?;
    let b = Map::new();
    for req in c.metadata.dependencies.iter_mut().flatten() {
        let mut out = Vec::new();
        for iv in &req.import_values {
            match iv {
                Value::Map(m) => {
                    let child =
                        gotemplate::gofmt::format_value(&m.get("child").unwrap_or(Value::Nil));
                    let parent =
                        gotemplate::gofmt::format_value(&m.get("parent").unwrap_or(Value::Nil));
                    out.push(Value::map([
                        ("child", Value::str(child.as_str())),
                        ("parent", Value::str(parent.as_str())),
                    ]));
                    match table(&cvals, &format!("{}.{child}", req.name)) {
                        Some(vv) => coalesce_tables(warn, &b, &path_to_map(&parent, vv), "", false),
                        None => warn(format!(
                            "ImportValues missing table from chart chart={}",
                            req.name
                        )),
                    }
                }
                Value::String(s) => {
                    let child = format!("exports.{s}");
                    out.push(Value::map([
                        ("child", Value::str(child.as_str())),
                        ("parent", Value::str(".")),
                    ]));
                    match table(&cvals, &format!("{}.{child}", req.name)) {
                        Some(vm) => coalesce_tables(warn, &b, &vm, "", false),
                        None => warn("ImportValues missing table".to_string()),
                    }
                }
                _ => {}
            }
        }
        req.import_values = out;
    }
    let trimmed = trim_nil_values(&cvals);
    coalesce_tables(warn, &trimmed, &b, "", true);
    c.values = trimmed;
    Ok(())
}

/// Helm's `pathToMap`: `a.b` → `{a: {b: data}}`; `.` → data itself.
fn path_to_map(path: &str, data: Map) -> Map {
    if path == "." {
        return data;
    }
    let parts: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
    let mut cur = data;
    for p in parts.iter().rev() {
        let m = Map::new();
        m.insert(*p, Value::Map(cur));
        cur = m;
    }
    cur
}

/// A deep copy without null values (Helm's `trimNilValues`).
fn trim_nil_values(m: &Map) -> Map {
    let out = Map::new();
    for (k, v) in m.entries() {
        match v {
            Value::Nil => {}
            Value::Map(sub) => {
                out.insert(k, Value::Map(trim_nil_values(&sub)));
            }
            other => {
                out.insert(k, other.deep_copy());
            }
        }
    }
    out
}
