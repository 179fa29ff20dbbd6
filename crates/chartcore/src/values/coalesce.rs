//! Coalescing: merging user values over chart defaults, down through
//! subcharts, with globals copied into each subchart (Helm v4.3.1's
//! `pkg/chart/common/util/coalesce.go` behaviour, checked against the binary).
//!
//! Rules: maps merge, scalars and lists replace; a `null` from the user deletes
//! the chart default; `null`s inside chart defaults are dropped (v4).

use gotemplate::{Map, Value};

use crate::chart::Chart;

/// The key holding global values.
pub const GLOBAL_KEY: &str = "global";

/// Receives coalescing warnings (Helm logs them and carries on).
pub type Warn<'a> = &'a mut dyn FnMut(String);

fn concat_prefix(a: &str, b: &str) -> String {
    if a.is_empty() {
        b.to_string()
    } else {
        format!("{a}.{b}")
    }
}

/// Helm's `CoalesceValues`: the chart's defaults (and its subcharts')
/// under a deep copy of the user's values, nulls deleting.
pub fn coalesce_values(chart: &Chart, user: &Map, warn: Warn<'_>) -> Result<Map, String> {
    let dest = user.deep_copy();
    coalesce(warn, chart, &dest, "", false)?;
    Ok(dest)
}

/// Helm's `MergeValues`: like [`coalesce_values`] but keeping nulls.
pub fn merge_values(chart: &Chart, user: &Map, warn: Warn<'_>) -> Result<Map, String> {
    let dest = user.deep_copy();
    coalesce(warn, chart, &dest, "", true)?;
    Ok(dest)
}

fn coalesce(
    warn: Warn<'_>,
    chart: &Chart,
    dest: &Map,
    prefix: &str,
    merge: bool,
) -> Result<(), String> {
    coalesce_chart_values(warn, chart, dest, prefix, merge);
    coalesce_deps(warn, chart, dest, prefix, merge)
}

fn coalesce_deps(
    warn: Warn<'_>,
    chart: &Chart,
    dest: &Map,
    prefix: &str,
    merge: bool,
) -> Result<(), String> {
    for sub in &chart.dependencies {
        let sub_map = match dest.get(sub.name()) {
            None => {
                let m = Map::new();
                dest.insert(sub.name(), Value::Map(m.clone()));
                m
            }
            Some(Value::Map(m)) => m,
            Some(other) => {
                return Err(gotemplate::gofmt::sprintf(
                    "type mismatch on %s: %t",
                    &[Value::str(sub.name()), other],
                ));
            }
        };
        let sub_prefix = concat_prefix(prefix, chart.name());
        coalesce_globals(warn, &sub_map, dest, &sub_prefix);
        coalesce(warn, sub, &sub_map, &sub_prefix, merge)?;
    }
    Ok(())
}

/// Copies the globals of `src` into `dest`'s globals, `src` winning; maps merge top-down.
fn coalesce_globals(warn: Warn<'_>, dest: &Map, src: &Map, prefix: &str) {
    let dg = match dest.get(GLOBAL_KEY) {
        None => Map::new(),
        Some(Value::Map(m)) => m,
        Some(_) => {
            warn(format!(
                "warning: skipping globals because destination {GLOBAL_KEY} is not a table."
            ));
            return;
        }
    };
    let sg = match src.get(GLOBAL_KEY) {
        None => Map::new(),
        Some(Value::Map(m)) => m,
        Some(_) => {
            warn(format!(
                "warning: skipping globals because source {GLOBAL_KEY} is not a table."
            ));
            return;
        }
    };
    for (key, val) in sg.entries() {
        match &val {
            Value::Map(vm) => {
                let vv = vm.shallow_copy();
                match dg.get(&key) {
                    None => {
                        dg.insert(key, Value::Map(vv));
                    }
                    Some(Value::Map(destv)) => {
                        coalesce_tables(warn, &vv, &destv, &concat_prefix(prefix, &key), true);
                        dg.insert(key, Value::Map(vv));
                    }
                    Some(_) => warn(format!(
                        "Conflict: cannot merge map onto non-map for {}. Skipping.",
                        gotemplate::strconv::quote(&key)
                    )),
                }
            }
            _ => {
                if let Some(Value::Map(_)) = dg.get(&key) {
                    warn(format!("key {key} is table. Skipping"));
                } else {
                    dg.insert(key, val);
                }
            }
        }
    }
    dest.insert(GLOBAL_KEY, Value::Map(dg));
}

/// Merges a chart's default values (a deep copy) into `v`.
fn coalesce_chart_values(warn: Warn<'_>, chart: &Chart, v: &Map, prefix: &str, merge: bool) {
    let sub_prefix = concat_prefix(prefix, chart.name());
    let vc = chart.values.deep_copy();
    for (key, val) in vc.entries() {
        match v.get(&key) {
            Some(Value::Nil) if !merge => {
                // A user null removes the chart's key.
                v.remove(&key);
            }
            Some(Value::Map(dest)) => match &val {
                Value::Map(src) => {
                    let merge = merge || chart.dependencies.iter().any(|d| d.name() == &*key);
                    if !merge {
                        clean_nil_values(src);
                    }
                    coalesce_tables(warn, &dest, src, &concat_prefix(&sub_prefix, &key), merge);
                }
                Value::Nil => {}
                _ => warn(format!(
                    "warning: skipped value for {sub_prefix}.{key}: Not a table."
                )),
            },
            Some(_) => {}
            None => {
                if !merge {
                    match &val {
                        Value::Nil => continue,
                        Value::Map(m) => clean_nil_values(m),
                        _ => {}
                    }
                }
                v.insert(key, val);
            }
        }
    }
}

/// Helm's `CoalesceTables`: merges `src` into `dst`, `dst` winning; a null in
/// `dst` deletes the key unless `merge`.
pub fn coalesce_tables(warn: Warn<'_>, dst: &Map, src: &Map, prefix: &str, merge: bool) {
    let original_non_nil: std::collections::HashSet<gotemplate::Str> = src
        .read()
        .iter()
        .filter(|(_, v)| !v.is_nil())
        .map(|(k, _)| k.clone())
        .collect();
    for (key, val) in dst.entries() {
        if val.is_nil() {
            src.insert(key, Value::Nil);
        }
    }
    for (key, val) in src.entries() {
        let full = concat_prefix(prefix, &key);
        match dst.get(&key) {
            Some(Value::Nil) if !merge && original_non_nil.contains(&key) => {
                dst.remove(&key);
            }
            None => {
                dst.insert(key, val);
            }
            Some(dv) => match (&val, &dv) {
                (Value::Map(sv), Value::Map(dvm)) => coalesce_tables(warn, dvm, sv, &full, merge),
                (Value::Map(_), _) => warn(format!(
                    "warning: cannot overwrite table with non table for {full} ({})",
                    gotemplate::gofmt::format_value(&val)
                )),
                (_, Value::Map(_)) if !val.is_nil() => warn(format!(
                    "warning: destination for {full} is a table. Ignoring non-table value ({})",
                    gotemplate::gofmt::format_value(&val)
                )),
                _ => {}
            },
        }
    }
}

/// Removes nulls from a map, recursively, in place.
pub fn clean_nil_values(m: &Map) {
    for (key, val) in m.entries() {
        match val {
            Value::Nil => {
                m.remove(&key);
            }
            Value::Map(sub) => clean_nil_values(&sub),
            _ => {}
        }
    }
}
