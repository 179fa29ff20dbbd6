//! Dependency processing before rendering (Helm's `ProcessDependencies`):
//! aliases, `tags` and `condition` enabling, and `import-values`.

use gotemplate::{Map, Value};

use super::coalesce::{Warn, coalesce_tables, coalesce_values, merge_values};
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

/// Helm's `ProcessDependencies` as its install action runs it: enables,
/// aliases and prunes dependencies, then imports values from children into
/// parents (children first). `vals` are the user's values. An error reads
/// as Helm prints it (`chart dependencies processing failed: ...`).
pub fn process_dependencies(chart: &mut Chart, vals: &Map, warn: Warn<'_>) -> Result<(), String> {
    process_enabled(chart, vals, "", warn)
        .and_then(|()| process_import_values(chart, warn))
        .map_err(|e| format!("chart dependencies processing failed: {e}"))
}

/// `Values.PathValue`: the non-map value at a dotted path.
fn path_value(v: &Map, path: &str) -> Option<Value> {
    let (tables, key) = match path.rsplit_once('.') {
        Some((tables, key)) => (Some(tables), key),
        None => (None, path),
    };
    let t = match tables {
        Some(tables) => table(v, tables).ok()?,
        None => v.clone(),
    };
    match t.get(key) {
        Some(Value::Map(_)) | None => None,
        Some(other) => Some(other),
    }
}

/// Helm's `ErrNoTable`: the path segment that is missing or not a map.
struct NoTable(String);

impl std::fmt::Display for NoTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is not a table", gotemplate::strconv::quote(&self.0))
    }
}

/// `Values.Table`: the map at a dotted path.
fn table(v: &Map, path: &str) -> Result<Map, NoTable> {
    let mut t = v.clone();
    for p in path.split('.') {
        t = match t.get(p) {
            Some(Value::Map(m)) => m,
            _ => return Err(NoTable(p.to_string())),
        };
    }
    Ok(t)
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
    let tags = table(&cvals, "tags").ok();
    for req in c.metadata.dependencies.iter_mut().flatten() {
        if let Some(tags) = &tags {
            let (mut has_true, mut has_false) = (false, false);
            for k in &req.tags {
                match tags.get(k) {
                    Some(Value::Bool(true)) => has_true = true,
                    Some(Value::Bool(false)) => has_false = true,
                    Some(_) => warn(format!(
                        "returned non-bool value{}{}",
                        slog_attr("tag", k),
                        slog_attr("chart", &req.name)
                    )),
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
                    "returned non-bool value{}{}",
                    slog_attr("path", cond),
                    slog_attr("chart", &req.name)
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

/// Helm's `processImportValues` in merge mode (v4's `ProcessDependencies`):
/// the chart's values become its merged values (nulls kept) with the
/// imported tables underneath them.
fn process_import_values(c: &mut Chart, warn: Warn<'_>) -> Result<(), String> {
    for d in &mut c.dependencies {
        process_import_values(d, warn)?;
    }
    if c.metadata.dependencies.is_empty() {
        return Ok(());
    }
    let cvals = merge_values(c, &Map::new(), warn)?;
    // `b` shares maps with `cvals`, as Helm's does.
    let b = Map::new();
    for req in c.metadata.dependencies.iter_mut().flatten() {
        let mut out = Vec::new();
        for iv in &req.import_values {
            match iv {
                Value::Map(m) => {
                    let child = go_sprint(&m.get("child").unwrap_or(Value::Nil));
                    let parent = go_sprint(&m.get("parent").unwrap_or(Value::Nil));
                    out.push(Value::map([
                        ("child", Value::str(child.as_str())),
                        ("parent", Value::str(parent.as_str())),
                    ]));
                    match table(&cvals, &format!("{}.{child}", req.name)) {
                        Ok(vv) => coalesce_tables(warn, &b, &path_to_map(&parent, vv), "", true),
                        Err(missing) => warn(format!(
                            "ImportValues missing table from chart{}{}",
                            slog_attr("chart", &req.name),
                            slog_attr("error", &missing.to_string())
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
                        Ok(vm) => coalesce_tables(warn, &b, &vm, "", true),
                        Err(missing) => warn(format!(
                            "ImportValues missing table{}",
                            slog_attr("error", &missing.to_string())
                        )),
                    }
                }
                _ => {}
            }
        }
        req.import_values = out;
    }
    // Imported values rank below the chart's own.
    let values = cvals.deep_copy();
    coalesce_tables(warn, &values, &b, "", true);
    c.values = values;
    Ok(())
}

/// Go's `fmt.Sprintf("%v", v)`.
fn go_sprint(v: &Value) -> String {
    gotemplate::gofmt::format_value(v)
}

/// One attribute as Go's `slog` text handler prints it: ` key=value`, the
/// value quoted when it is empty or holds spaces, `=`, `"` or control or
/// unprintable characters.
fn slog_attr(key: &str, value: &str) -> String {
    let needs_quoting = value.is_empty()
        || value.chars().any(|c| {
            if c.is_ascii() {
                c == ' ' || c == '=' || c == '"' || c.is_ascii_control() && c != '\u{7f}'
            } else {
                c.is_whitespace() || !gotemplate::strconv::is_print(c)
            }
        });
    if needs_quoting {
        format!(" {key}={}", gotemplate::strconv::quote(value))
    } else {
        format!(" {key}={value}")
    }
}

/// Helm's `pathToMap`: `a.b` → `{a: {b: data}}`; `.` → data itself.
fn path_to_map(path: &str, data: Map) -> Map {
    if path == "." {
        return data;
    }
    let mut cur = data;
    for p in path.split('.').rev() {
        let m = Map::new();
        m.insert(p, Value::Map(cur));
        cur = m;
    }
    cur
}
