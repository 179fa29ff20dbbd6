//! Loading a chart as Helm v4's `loader.Load` does: peek at `Chart.yaml`'s
//! `apiVersion` to pick a loader, walk a directory (honouring `.helmignore`,
//! following symlinks as `sympath.Walk` does) or read an archive, then build
//! the chart from its files (`LoadFiles`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::file_data::without_bom;
use super::log::LogLine;
use super::{Chart, ChartFile, FileData, LoadError, Lock, Metadata};
use crate::ignore::Rules;
use crate::yaml;

/// How many files a chart directory may hold before loading stops: a
/// directory with two symlinks to itself would otherwise be walked along
/// exponentially many paths (Helm has no such limit and never finishes).
const MAX_FILES: usize = 100_000;

/// Where log lines of a load go.
pub type Log<'a> = &'a mut dyn FnMut(LogLine);

/// Loads a chart from a directory or a `.tgz` archive, dropping Helm's log lines.
pub fn load(path: &Path) -> Result<Chart, LoadError> {
    load_logged(path, &mut |_| {})
}

/// Loads a chart from a directory or a `.tgz` archive (Helm's `loader.Load`),
/// passing the lines Helm logs while loading (symlinks followed, deprecated
/// `requirements.yaml`) to `log`.
pub fn load_logged(path: &Path, log: Log<'_>) -> Result<Chart, LoadError> {
    let meta = fs::metadata(path).map_err(|e| LoadError::msg(go_io_error("stat", path, &e)))?;
    if meta.is_dir() {
        load_dir(path, log)
    } else {
        super::archive::load_archive(path, log)
    }
}

/// The chart loaders Helm v4 picks by `apiVersion`.
pub(crate) enum ApiVersion {
    /// `v1`, `v2` or none: `pkg/chart/v2`.
    V2,
    /// `v3`: loaded, but `helm template` refuses it.
    V3,
}

/// Helm's `chartBase` peek: the loader for a `Chart.yaml`.
pub(crate) fn peek_api_version(data: &[u8]) -> Result<ApiVersion, LoadError> {
    let v = yaml_value(data, "Chart.yaml")?;
    let api = Metadata::peek_api_version(&v)
        .map_err(|e| LoadError::msg(format!("cannot load Chart.yaml: {e}")))?;
    match api.as_str() {
        "" | "v1" | "v2" => Ok(ApiVersion::V2),
        "v3" => Ok(ApiVersion::V3),
        _ => Err(LoadError::msg("unsupported chart version")),
    }
}

/// Go's `filepath.Abs`: joined with the working directory and cleaned
/// lexically (`a/../b` is `b`; symlinks are not resolved).
pub fn absolute_path(path: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(path)?;
    Ok(PathBuf::from(super::archive::clean_path(
        &abs.to_string_lossy(),
    )))
}

/// Loads a chart directory, honouring its `.helmignore` (Helm's `LoadDir`).
pub fn load_dir(dir: &Path, log: Log<'_>) -> Result<Chart, LoadError> {
    let top = absolute_path(dir).map_err(|e| LoadError::msg(go_io_error("abs", dir, &e)))?;
    let chart_yaml = top.join("Chart.yaml");
    let data = read_whole(&chart_yaml).map_err(|e| {
        let op = if chart_yaml.is_dir() { "read" } else { "open" };
        LoadError::msg(format!(
            "unable to detect chart at {}: {}",
            chart_yaml.display(),
            go_io_error(op, &chart_yaml, &e)
        ))
    })?;
    peek_api_version(&data)?;
    let mut rules = Rules::empty();
    let ignore_file = top.join(crate::ignore::HELM_IGNORE);
    // Helm reads the file only if `stat` finds it; the read is tried first
    // and `stat` only asked when it fails (one syscall less per load).
    match read_whole(&ignore_file) {
        Ok(text) => {
            rules = Rules::parse(&String::from_utf8_lossy(&text))
                .map_err(|e| LoadError::msg(e.to_string()))?;
        }
        Err(_) if fs::metadata(&ignore_file).is_err() => {}
        Err(e) => {
            let op = if ignore_file.is_dir() { "read" } else { "open" };
            return Err(LoadError::msg(go_io_error(op, &ignore_file, &e)));
        }
    }
    rules.add_defaults();
    let mut walker = Walker {
        rules: &rules,
        found: Vec::new(),
        log,
    };
    let walked = walker.walk_dir(&top, "");
    // Files are read after the walk (in parallel for a chart with many); a
    // read error still wins over a walk error met after that file.
    // On the thread pool, the values files are read first and parsed by
    // the thread that read them, beside the other reads.
    let parallel = walker.found.len() >= PARALLEL_MIN_FILES;
    let mut order: Vec<usize> = (0..walker.found.len()).collect();
    if parallel {
        order.sort_by_key(|&i| !walker.found[i].values);
    }
    let read = crate::parallel::map_ordered_if(parallel, &order, |&i| {
        let f = &walker.found[i];
        if f.deferred {
            check_readable(&f.path, &f.rel).map(|()| (FileData::deferred(f.path.clone()), None))
        } else if f.rel == "Chart.yaml" {
            // Already read to find the chart.
            Ok((FileData::from(without_bom(&data)), None))
        } else {
            read_file(&f.path, &f.rel).map(|bytes| {
                let values = (parallel && f.values).then(|| parse_values_file(&bytes));
                (FileData::from(bytes), values)
            })
        }
    });
    let mut contents: Vec<_> = order.into_iter().zip(read).collect();
    contents.sort_unstable_by_key(|(i, _)| *i);
    let contents = contents.into_iter().map(|(_, read)| read);
    let mut files = Vec::with_capacity(walker.found.len());
    for (found, read) in walker.found.iter().zip(contents) {
        let (data, values) = read?;
        let file = ChartFile {
            name: found.rel.clone(),
            data,
        };
        files.push((file, values));
    }
    walked?;
    load_parsed(files, walker.log)
}

/// The values of a `values.yaml` parsed while it was read.
type Parsed = Option<Result<gotemplate::Map, LoadError>>;

/// Whether `rel` is the `values.yaml` of the chart or of a subchart
/// directory in `charts/`.
fn is_values_file(rel: &str) -> bool {
    let mut rest = rel;
    while let Some(sub) = rest.strip_prefix("charts/") {
        match sub.split_once('/') {
            Some((_, inner)) => rest = inner,
            None => return false,
        }
    }
    rest == "values.yaml"
}

/// A file the walk kept, to be read.
struct Found {
    path: PathBuf,
    rel: String,
    /// Loading does not need it: it is read when a render uses it.
    deferred: bool,
    /// The values.yaml of the chart or of a subchart directory.
    values: bool,
}

/// `sympath.Walk` with Helm's directory-loader callback; files are listed,
/// not read.
struct Walker<'r, 'l> {
    rules: &'r Rules,
    found: Vec<Found>,
    log: Log<'l>,
}

/// A chart with at least this many files has them read on the thread pool
/// (reading is mostly system calls: a small chart is not worth the pool).
const PARALLEL_MIN_FILES: usize = 64;

/// A chart file's content as Helm keeps it (a UTF-8 BOM dropped).
fn read_file(path: &Path, rel: &str) -> Result<Arc<[u8]>, LoadError> {
    let data = read_whole(path).map_err(|e| read_error(path, rel, &e))?;
    Ok(Arc::from(without_bom(&data)))
}

/// `fs::read` without its `stat` for a size hint: chart files are small,
/// and one system call less per file shows on a chart of hundreds.
pub(crate) fn read_whole(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    let mut buf = Vec::new();
    let mut filled = 0;
    loop {
        if filled == buf.len() {
            buf.resize((buf.len() * 2).max(16 * 1024), 0);
        }
        match file.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    buf.truncate(filled);
    Ok(buf)
}

/// Whether a file can be read later: the check fails now as reading it
/// would (Helm reads every file while loading).
fn check_readable(path: &Path, rel: &str) -> Result<(), LoadError> {
    readable(path).map_err(|e| read_error(path, rel, &e))
}

/// Asks the kernel whether the process may read the file: one `faccessat`
/// (real ids, which are the effective ones `open` uses unless chartrs runs
/// set-id). If it says no, opening the file decides, so that a file system
/// or sandbox that answers `faccessat` oddly never fails a load that
/// reading would not.
#[cfg(unix)]
fn readable(path: &Path) -> std::io::Result<()> {
    use rustix::fs::{Access, AtFlags, CWD};
    match rustix::fs::accessat(CWD, path, Access::READ_OK, AtFlags::empty()) {
        Ok(()) => Ok(()),
        Err(_) => fs::File::open(path).map(drop),
    }
}

/// Opens the file, as reading it would.
#[cfg(not(unix))]
fn readable(path: &Path) -> std::io::Result<()> {
    fs::File::open(path).map(drop)
}

fn read_error(path: &Path, rel: &str, e: &std::io::Error) -> LoadError {
    LoadError::msg(format!(
        "error reading {rel}: {}",
        go_io_error("read", path, e)
    ))
}

/// Whether loading reads the file at `rel` (a path from the top chart's
/// root): the files `LoadFiles` decodes and the templates, of the chart
/// or of a subchart in `charts/`, and subchart archives. The others are
/// only read when a render uses them.
fn needed_to_load(rel: &str) -> bool {
    let mut rest = rel;
    loop {
        match rest.split_once('/') {
            Some(("templates", _)) => return true,
            Some(("charts", sub)) => match sub.split_once('/') {
                Some((_, inner)) => rest = inner,
                // `charts/x.tgz`, or another file directly in `charts/`.
                None => return true,
            },
            Some(_) => return false,
            None => {
                return matches!(
                    rest,
                    "Chart.yaml"
                        | "Chart.lock"
                        | "values.yaml"
                        | "values.schema.json"
                        | "requirements.yaml"
                        | "requirements.lock"
                );
            }
        }
    }
}

impl Walker<'_, '_> {
    /// Visits the entries of a directory in lexical order.
    fn walk_dir(&mut self, dir: &Path, rel: &str) -> Result<(), LoadError> {
        let entries =
            fs::read_dir(dir).map_err(|e| LoadError::msg(go_io_error("open", dir, &e)))?;
        // The entry types come with the listing (no `lstat` per entry).
        let mut listed: Vec<(String, std::io::Result<fs::FileType>)> = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| LoadError::msg(go_io_error("readdirent", dir, &e)))?;
            listed.push((
                entry.file_name().to_string_lossy().into_owned(),
                entry.file_type(),
            ));
        }
        listed.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, file_type) in listed {
            let path = dir.join(&name);
            let rel_name = if rel.is_empty() {
                name
            } else {
                format!("{rel}/{name}")
            };
            let file_type =
                file_type.map_err(|e| LoadError::msg(go_io_error("lstat", &path, &e)))?;
            self.visit(&path, &rel_name, file_type)?;
        }
        Ok(())
    }

    /// `symwalk`: a symlink is resolved (and logged) before the ignore rules
    /// see it, so even an ignored dangling link fails the load.
    fn visit(&mut self, path: &Path, rel: &str, file_type: fs::FileType) -> Result<(), LoadError> {
        let file_type = if file_type.is_symlink() {
            let resolved = eval_symlinks(path).map_err(|e| {
                LoadError::msg(format!("error evaluating symlink {}: {e}", path.display()))
            })?;
            (self.log)(
                LogLine::info(
                    "found symbolic link in path. Contents of linked file included and used",
                )
                .with("path", path.display().to_string())
                .with("resolved", resolved.display().to_string()),
            );
            fs::symlink_metadata(&resolved)
                .map_err(|e| LoadError::msg(go_io_error("lstat", &resolved, &e)))?
                .file_type()
        } else {
            file_type
        };
        if file_type.is_dir() {
            if self.rules.ignore(rel, true) {
                return Ok(());
            }
            return self.walk_dir(path, rel);
        }
        if self.rules.ignore(rel, false) {
            return Ok(());
        }
        if !file_type.is_file() {
            return Err(LoadError::msg(format!(
                "cannot load irregular file {} as it has file mode type bits set",
                path.display()
            )));
        }
        if self.found.len() >= MAX_FILES {
            return Err(LoadError::msg(format!(
                "chart has more than {MAX_FILES} files (symlink loop?)"
            )));
        }
        self.found.push(Found {
            path: path.to_path_buf(),
            rel: rel.to_string(),
            deferred: !needed_to_load(rel),
            values: is_values_file(rel),
        });
        Ok(())
    }
}

/// Go's `filepath.EvalSymlinks` (`walkSymlinks`), with its error texts:
/// components are resolved one by one, at most 255 links.
fn eval_symlinks(path: &Path) -> Result<PathBuf, String> {
    let mut path: String = path.to_string_lossy().into_owned();
    let mut vol_len = usize::from(path.starts_with('/'));
    let mut vol = path[..vol_len].to_string();
    let mut dest = vol.clone();
    let mut links = 0;
    let mut start = vol_len;
    while start < path.len() {
        let b = path.as_bytes();
        while start < b.len() && b[start] == b'/' {
            start += 1;
        }
        let mut end = start;
        while end < b.len() && b[end] != b'/' {
            end += 1;
        }
        let part = path[start..end].to_string();
        let next = end;
        if part.is_empty() {
            break;
        }
        if part == "." {
            start = next;
            continue;
        }
        if part == ".." {
            // Back up to the previous component unless there is none or it
            // is a ".." that had to be kept.
            let r = dest[vol_len.min(dest.len())..]
                .rfind('/')
                .map(|i| i + vol_len);
            match r {
                Some(r) if &dest[r + 1..] != ".." => dest.truncate(r),
                _ => {
                    if dest.len() > vol_len {
                        dest.push('/');
                    }
                    dest.push_str("..");
                }
            }
            start = next;
            continue;
        }
        if !dest.is_empty() && !dest.ends_with('/') {
            dest.push('/');
        }
        dest.push_str(&part);
        let meta =
            fs::symlink_metadata(&dest).map_err(|e| go_io_error("lstat", Path::new(&dest), &e))?;
        if !meta.file_type().is_symlink() {
            if !meta.is_dir() && end < path.len() {
                return Err("not a directory".into());
            }
            start = next;
            continue;
        }
        links += 1;
        if links > 255 {
            return Err("EvalSymlinks: too many links".into());
        }
        let link = fs::read_link(&dest)
            .map_err(|e| go_io_error("readlink", Path::new(&dest), &e))?
            .to_string_lossy()
            .into_owned();
        path = format!("{link}{}", &path[end..]);
        if link.starts_with('/') {
            dest = "/".into();
            vol = "/".into();
            vol_len = 1;
            start = 1;
        } else {
            match dest[vol_len.min(dest.len())..].rfind('/') {
                Some(i) => dest.truncate(i + vol_len),
                None => dest = vol.clone(),
            }
            start = 0;
        }
    }
    Ok(PathBuf::from(super::archive::clean_path(&dest)))
}

/// An IO error as Go's `*PathError` prints it: `open PATH: no such file or directory`.
pub(crate) fn go_io_error(op: &str, path: &Path, e: &std::io::Error) -> String {
    format!("{op} {}: {}", path.display(), go_errno_text(e))
}

/// The text Go's `syscall.Errno` gives: the C library's message, lower-cased.
pub(crate) fn go_errno_text(e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(i) if e.raw_os_error().is_some() => &text[..i],
        _ => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn yaml_value(data: &[u8], what: &str) -> Result<gotemplate::Value, LoadError> {
    yaml::parse_document_bytes(data).map_err(|e| LoadError::msg(format!("cannot load {what}: {e}")))
}

/// Builds a chart from its files (paths relative to the chart root), as
/// Helm's `LoadFiles`.
pub fn load_files(files: Vec<ChartFile>, log: Log<'_>) -> Result<Chart, LoadError> {
    load_parsed(files.into_iter().map(|f| (f, None)).collect(), log)
}

/// [`load_files`], with values files that may be parsed already.
fn load_parsed(files: Vec<(ChartFile, Parsed)>, log: Log<'_>) -> Result<Chart, LoadError> {
    let mut c = Chart::default();
    let mut have_metadata = false;
    for (f, _) in &files {
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
    let mut subcharts: BTreeMap<String, Vec<(ChartFile, Parsed)>> = BTreeMap::new();
    let mut values_file = None;
    for (f, parsed) in files {
        match f.name.as_str() {
            "Chart.yaml" => {}
            "Chart.lock" => {
                let v = yaml_value(&f.data, "Chart.lock")?;
                c.lock = Some(
                    Lock::from_value(&v)
                        .map_err(|e| LoadError::msg(format!("cannot load Chart.lock: {e}")))?,
                );
            }
            // Read below; it is the last file that can fail.
            "values.yaml" => values_file = Some((f.data, parsed)),
            "values.schema.json" => c.schema = Some(f.data.bytes().clone()),
            "requirements.yaml" => {
                if c.metadata.api_version != "v1" {
                    log(LogLine::info(
                        "Warning: Dependencies are handled in Chart.yaml since apiVersion \"v2\". We recommend migrating dependencies to Chart.yaml.",
                    ));
                }
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
                if c.metadata.api_version != "v1" {
                    log(LogLine::info(
                        "Warning: Dependency locking is handled in Chart.lock since apiVersion \"v2\". We recommend migrating to Chart.lock.",
                    ));
                }
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
                subcharts.entry(sub).or_default().push((inner, parsed));
            }
            _ => c.files.push(f),
        }
    }
    match values_file {
        Some((_, Some(values))) => {
            c.values = values?;
            add_subcharts(&mut c, subcharts, have_metadata, log)?;
        }
        // A large values.yaml is read beside the subcharts (a small one is
        // not worth starting the thread pool); its error still comes
        // first, and their log lines only after it was read.
        Some((data, None)) if data.len() >= crate::parallel::PARALLEL_MIN_BYTES => {
            let mut values = None;
            let mut sub_log = Vec::new();
            let rest = rayon::in_place_scope(|s| {
                s.spawn(|_| values = Some(parse_values_file(&data)));
                add_subcharts(&mut c, subcharts, have_metadata, &mut |line| {
                    sub_log.push(line)
                })
            });
            if let Some(v) = values {
                c.values = v?;
            }
            sub_log.into_iter().for_each(log);
            rest?;
        }
        Some((data, None)) => {
            c.values = parse_values_file(&data)?;
            add_subcharts(&mut c, subcharts, have_metadata, log)?;
        }
        None => add_subcharts(&mut c, subcharts, have_metadata, log)?,
    }
    Ok(c)
}

fn parse_values_file(data: &[u8]) -> Result<gotemplate::Map, LoadError> {
    yaml::parse_values_bytes(data)
        .map_err(|e| LoadError::msg(format!("cannot load values.yaml: {e}")))
}

/// The rest of `LoadFiles` once the chart's own files are read: the
/// metadata checks, then the subcharts.
fn add_subcharts(
    c: &mut Chart,
    subcharts: BTreeMap<String, Vec<(ChartFile, Parsed)>>,
    have_metadata: bool,
    log: Log<'_>,
) -> Result<(), LoadError> {
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
            let file = &files[0].0;
            if file.name != n {
                return Err(LoadError::msg(format!(
                    "error unpacking subchart tar in {}: expected {n}, got {}",
                    c.name(),
                    file.name
                )));
            }
            super::archive::archive_files(&file.data).and_then(|files| load_files(files, log))
        } else {
            let inner = files
                .into_iter()
                .filter_map(|(f, parsed)| {
                    let (_, rest) = f.name.split_once('/')?;
                    let file = ChartFile {
                        name: rest.to_string(),
                        data: f.data,
                    };
                    Some((file, parsed))
                })
                .collect();
            load_parsed(inner, log)
        };
        let sc = sc.map_err(|e| {
            LoadError::msg(format!("error unpacking subchart {n} in {}: {e}", c.name()))
        })?;
        c.dependencies.push(sc);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart with enough files to be read on the thread pool has its
    /// values (and its subchart's) parsed there, with the same result.
    #[test]
    fn values_parsed_while_reading_match_values_parsed_after() {
        let dir =
            std::env::temp_dir().join(format!("chartrs-parsed-values-{}", std::process::id()));
        let chart_yaml = "apiVersion: v2\nname: c\nversion: 1.0.0\n";
        for (values, sub_values) in [
            ("a: 1\nb: [x]\n", "s: 2\n"),
            ("a: [\n", "s: 2\n"),
            ("a: 1\n", "s: {\n"),
        ] {
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(dir.join("templates")).unwrap();
            fs::create_dir_all(dir.join("charts/sub")).unwrap();
            fs::write(dir.join("Chart.yaml"), chart_yaml).unwrap();
            fs::write(dir.join("values.yaml"), values).unwrap();
            fs::write(
                dir.join("charts/sub/Chart.yaml"),
                chart_yaml.replace("name: c", "name: sub"),
            )
            .unwrap();
            fs::write(dir.join("charts/sub/values.yaml"), sub_values).unwrap();
            for i in 0..PARALLEL_MIN_FILES {
                fs::write(dir.join(format!("templates/t{i}.yaml")), "x: 1\n").unwrap();
            }
            let parallel = load_dir(&dir, &mut |_| {});
            let files = [
                ("Chart.yaml", chart_yaml.to_string()),
                ("values.yaml", values.to_string()),
                (
                    "charts/sub/Chart.yaml",
                    chart_yaml.replace("name: c", "name: sub"),
                ),
                ("charts/sub/values.yaml", sub_values.to_string()),
            ]
            .map(|(name, text)| ChartFile {
                name: name.to_string(),
                data: FileData::from(text.as_bytes()),
            });
            let sequential = load_files(files.into(), &mut |_| {});
            match (parallel, sequential) {
                (Ok(p), Ok(s)) => {
                    assert_eq!(format!("{:?}", p.values), format!("{:?}", s.values));
                    let sub = |c: &Chart| format!("{:?}", c.dependencies[0].values);
                    assert_eq!(sub(&p), sub(&s));
                }
                (Err(p), Err(s)) => assert_eq!(p.to_string(), s.to_string()),
                (p, s) => panic!("{values:?} {sub_values:?}: {:?} vs {:?}", p.err(), s.err()),
            }
        }
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn values_files_of_the_chart_and_its_subchart_directories() {
        for (rel, values) in [
            ("values.yaml", true),
            ("charts/a/values.yaml", true),
            ("charts/a/charts/b/values.yaml", true),
            ("charts/values.yaml", false),
            ("charts/a/templates/values.yaml", false),
            ("files/values.yaml", false),
            ("values.yml", false),
        ] {
            assert_eq!(is_values_file(rel), values, "{rel}");
        }
    }

    #[test]
    fn files_read_whole_and_unreadable_ones_fail_like_go() {
        let dir = std::env::temp_dir().join(format!("chartrs-read-whole-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        for len in [0, 1, 16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 100_000] {
            let path = dir.join(format!("f{len}"));
            let data: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            fs::write(&path, &data).unwrap();
            assert_eq!(read_whole(&path).unwrap(), data, "{len} bytes");
            assert!(check_readable(&path, "f").is_ok());
        }
        let missing = dir.join("missing");
        assert_eq!(
            check_readable(&missing, "missing").unwrap_err().to_string(),
            format!(
                "error reading missing: read {}: no such file or directory",
                missing.display()
            )
        );
        let err = read_whole(&dir).unwrap_err();
        assert_eq!(go_errno_text(&err), "is a directory");
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn loading_reads_chart_files_and_templates_only() {
        for (rel, needed) in [
            ("Chart.yaml", true),
            ("values.yaml", true),
            ("values.schema.json", true),
            ("requirements.lock", true),
            ("templates/deployment.yaml", true),
            ("templates/sub/_helpers.tpl", true),
            ("charts/redis-1.0.0.tgz", true),
            ("charts/redis/Chart.yaml", true),
            ("charts/redis/charts/common/templates/_x.tpl", true),
            ("charts/redis/charts/common/values.yaml", true),
            ("README.md", false),
            ("crds/crd.yaml", false),
            ("files/config/templates/x.yaml", false),
            ("charts/redis/README.md", false),
            ("charts/redis/crds/crd.yaml", false),
            ("charts/redis/files/values.yaml", false),
        ] {
            assert_eq!(needed_to_load(rel), needed, "{rel}");
        }
    }

    #[test]
    fn errno_text_is_go_like() {
        let e = std::io::Error::from_raw_os_error(2);
        assert_eq!(
            go_io_error("open", Path::new("/x"), &e),
            "open /x: no such file or directory"
        );
        let e = std::io::Error::from_raw_os_error(40);
        assert_eq!(go_errno_text(&e), "too many levels of symbolic links");
    }
}
