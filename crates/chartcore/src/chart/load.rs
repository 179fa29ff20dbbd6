//! Loading a chart from a directory or from its files (Helm's `LoadDir` and
//! `LoadFiles`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;

use super::{Chart, ChartFile, LoadError, Lock, Metadata};
use crate::ignore::Rules;
use crate::yaml;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// How many files a chart directory may hold, and how deep it may nest, before
/// loading stops (symlink loops and hostile trees end here).
const MAX_FILES: usize = 100_000;
const MAX_DEPTH: usize = 64;

/// Loads a chart from a directory or a `.tgz` archive.
pub fn load(path: &Path) -> Result<Chart, LoadError> {
    let meta = fs::metadata(path).map_err(|e| LoadError::Io {
        context: format!("stat {}", path.display()),
        source: e,
    })?;
    if meta.is_dir() {
        load_dir(path)
    } else {
        super::load_archive(path)
    }
}

/// Loads a chart directory, honouring its `.helmignore`.
pub fn load_dir(dir: &Path) -> Result<Chart, LoadError> {
    let top = std::path::absolute(dir).map_err(|e| LoadError::Io {
        context: format!("abs {}", dir.display()),
        source: e,
    })?;
    if !top.join("Chart.yaml").exists() {
        let chart_yaml = top.join("Chart.yaml");
        return Err(LoadError::msg(format!(
            "unable to detect chart at {}: open {}: no such file or directory",
            chart_yaml.display(),
            chart_yaml.display()
        )));
    }
    let mut rules = Rules::empty();
    let ignore_file = top.join(".helmignore");
    if ignore_file.is_file() {
        let text = fs::read_to_string(&ignore_file).map_err(|e| LoadError::Io {
            context: format!("read {}", ignore_file.display()),
            source: e,
        })?;
        rules = Rules::parse(&text).map_err(|e| LoadError::msg(e.to_string()))?;
    }
    rules.add_defaults();
    let mut files = Vec::new();
    walk(&top, "", &rules, &mut files, 0)?;
    load_files(files)
}

/// Walks `dir` in lexical order, following symlinks like Helm's `sympath.Walk`.
fn walk(
    dir: &Path,
    rel: &str,
    rules: &Rules,
    out: &mut Vec<ChartFile>,
    depth: usize,
) -> Result<(), LoadError> {
    if depth > MAX_DEPTH {
        return Err(LoadError::msg(format!(
            "{}: directory nesting is deeper than {MAX_DEPTH} levels (symlink loop?)",
            dir.display()
        )));
    }
    let mut names: Vec<String> = fs::read_dir(dir)
        .map_err(|e| LoadError::Io {
            context: format!("open {}", dir.display()),
            source: e,
        })?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let rel_name = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        // Symlinks are followed, even out of the chart, as Helm does.
        let meta = fs::metadata(&path).map_err(|e| {
            LoadError::msg(format!(
                "error evaluating symlink {}: {}",
                path.display(),
                e
            ))
        })?;
        if meta.is_dir() {
            if rules.ignore(&rel_name, true) {
                continue;
            }
            walk(&path, &rel_name, rules, out, depth + 1)?;
            continue;
        }
        if rules.ignore(&rel_name, false) {
            continue;
        }
        if !meta.is_file() {
            return Err(LoadError::msg(format!(
                "cannot load irregular file {} as it has file mode type bits set",
                path.display()
            )));
        }
        if out.len() >= MAX_FILES {
            return Err(LoadError::msg(format!(
                "chart has more than {MAX_FILES} files"
            )));
        }
        let data = fs::read(&path).map_err(|e| LoadError::Io {
            context: format!("error reading {rel_name}"),
            source: e,
        })?;
        let data = data.strip_prefix(UTF8_BOM).unwrap_or(&data);
        out.push(ChartFile {
            name: rel_name,
            data: Arc::from(data),
        });
    }
    Ok(())
}

fn yaml_value(data: &[u8], what: &str) -> Result<gotemplate::Value, LoadError> {
    let text = String::from_utf8_lossy(data);
    yaml::parse_document(&text).map_err(|e| LoadError::msg(format!("cannot load {what}: {e}")))
}

/// Builds a chart from its files (paths relative to the chart root), as
/// Helm's `LoadFiles`.
pub fn load_files(files: Vec<ChartFile>) -> Result<Chart, LoadError> {
    let mut c = Chart::default();
    let mut have_metadata = false;
    for f in &files {
        if f.name == "Chart.yaml" {
            let v = yaml_value(&f.data, "Chart.yaml")?;
            c.metadata = Metadata::from_value(&v)
                .map_err(|e| LoadError::msg(format!("cannot load Chart.yaml: {e}")))?;
            if c.metadata.api_version.is_empty() {
                c.metadata.api_version = "v1".into();
            }
            have_metadata = true;
        }
    }
    let mut subcharts: BTreeMap<String, Vec<ChartFile>> = BTreeMap::new();
    for f in files {
        match f.name.as_str() {
            "Chart.yaml" => {}
            "Chart.lock" => {
                let v = yaml_value(&f.data, "Chart.lock")?;
                c.lock = Some(
                    Lock::from_value(&v)
                        .map_err(|e| LoadError::msg(format!("cannot load Chart.lock: {e}")))?,
                );
            }
            "values.yaml" => {
                let text = String::from_utf8_lossy(&f.data);
                c.values = yaml::parse_values(&text)
                    .map_err(|e| LoadError::msg(format!("cannot load values.yaml: {e}")))?;
            }
            "values.schema.json" => c.schema = Some(f.data.clone()),
            "requirements.yaml" => {
                let v = yaml_value(&f.data, "requirements.yaml")?;
                c.metadata
                    .apply(&v)
                    .map_err(|e| LoadError::msg(format!("cannot load requirements.yaml: {e}")))?;
                if c.metadata.api_version == "v1" {
                    c.files.push(f);
                }
            }
            "requirements.lock" => {
                let v = yaml_value(&f.data, "requirements.lock")?;
                c.lock =
                    Some(Lock::from_value(&v).map_err(|e| {
                        LoadError::msg(format!("cannot load requirements.lock: {e}"))
                    })?);
                if c.metadata.api_version == "v1" {
                    c.files.push(f);
                }
            }
            name if name.starts_with("templates/") => c.templates.push(f),
            name if name.starts_with("charts/") => {
                if name.ends_with(".prov") {
                    c.files.push(f);
                    continue;
                }
                let rest = &name["charts/".len()..];
                let sub = rest.split('/').next().unwrap_or_default().to_string();
                let inner = ChartFile {
                    name: rest.to_string(),
                    data: f.data,
                };
                subcharts.entry(sub).or_default().push(inner);
            }
            _ => c.files.push(f),
        }
    }
    if !have_metadata {
        return Err(LoadError::msg("Chart.yaml file is missing"));
    }
    c.metadata
        .validate()
        .map_err(|e| LoadError::msg(format!("validation: {e}")))?;
    for (n, files) in subcharts {
        if n.starts_with('_') || n.starts_with('.') {
            continue;
        }
        let sc = if n.ends_with(".tgz") {
            let file = &files[0];
            if file.name != n {
                return Err(LoadError::msg(format!(
                    "error unpacking subchart tar in {}: expected {n}, got {}",
                    c.name(),
                    file.name
                )));
            }
            super::load_archive_bytes(&file.data)
        } else {
            let inner: Vec<ChartFile> = files
                .into_iter()
                .filter_map(|f| {
                    let (_, rest) = f.name.split_once('/')?;
                    Some(ChartFile {
                        name: rest.to_string(),
                        data: f.data,
                    })
                })
                .collect();
            load_files(inner)
        };
        let sc = sc.map_err(|e| {
            LoadError::msg(format!("error unpacking subchart {n} in {}: {e}", c.name()))
        })?;
        c.dependencies.push(sc);
    }
    Ok(c)
}
