//! Loading a chart from a `.tgz` archive with Helm's safety rules: no
//! absolute or parent-escaping paths, a cap on the decompressed size, links
//! read as empty files.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use super::load::load_files;
use super::{Chart, ChartFile, LoadError};

/// Helm's `MaxDecompressedChartSize`.
pub const MAX_DECOMPRESSED_CHART_SIZE: u64 = 100 * 1024 * 1024;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Loads a chart archive file, sniffing its content first as Helm does.
pub fn load_archive(path: &Path) -> Result<Chart, LoadError> {
    let data = std::fs::read(path).map_err(|e| LoadError::Io {
        context: format!("open {}", path.display()),
        source: e,
    })?;
    if !is_gzip(&data) {
        let name = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default();
        if ext == "yaml" || ext == "yml" {
            return Err(LoadError::msg(format!(
                "file '{}' seems to be a YAML file, but expected a gzipped archive",
                name.display()
            )));
        }
        return Err(LoadError::msg(format!(
            "file '{}' does not appear to be a gzipped archive; got '{}'",
            name.display(),
            sniff_content_type(&data)
        )));
    }
    load_archive_bytes(&data)
}

fn is_gzip(data: &[u8]) -> bool {
    data.starts_with(&[0x1f, 0x8b, 0x08])
}

/// The few answers of Go's `http.DetectContentType` that matter here.
fn sniff_content_type(data: &[u8]) -> &'static str {
    let head = &data[..data.len().min(512)];
    if head.is_empty() {
        return "text/plain; charset=utf-8";
    }
    if std::str::from_utf8(head).is_ok()
        && !head
            .iter()
            .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
    {
        return "text/plain; charset=utf-8";
    }
    "application/octet-stream"
}

/// Loads a chart from gzipped tar bytes.
pub fn load_archive_bytes(data: &[u8]) -> Result<Chart, LoadError> {
    load_files(archive_files(data)?)
}

/// The files of a chart archive, named relative to the chart root.
pub fn archive_files(data: &[u8]) -> Result<Vec<ChartFile>, LoadError> {
    if !is_gzip(data) {
        return Err(LoadError::msg("gzip: invalid header"));
    }
    let gz = flate2::read::GzDecoder::new(data);
    let mut tar = tar::Archive::new(gz);
    let mut files = Vec::new();
    let mut remaining = MAX_DECOMPRESSED_CHART_SIZE;
    let entries = tar
        .entries()
        .map_err(|e| LoadError::msg(format!("unable to load chart archive: {e}")))?;
    for entry in entries {
        let mut entry =
            entry.map_err(|e| LoadError::msg(format!("unable to load chart archive: {e}")))?;
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        let raw_name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let delim = if raw_name.contains('\\') { '\\' } else { '/' };
        let parts: Vec<&str> = raw_name.split(delim).collect();
        let joined = parts[1..].join("/");
        if joined.starts_with('/') {
            return Err(LoadError::msg("chart illegally contains absolute paths"));
        }
        let n = clean_path(&joined);
        if n == "." {
            return Err(LoadError::msg(format!(
                "chart illegally contains content outside the base directory: {}",
                gotemplate::strconv::quote(&raw_name)
            )));
        }
        if n.starts_with("..") {
            return Err(LoadError::msg(
                "chart illegally references parent directory",
            ));
        }
        let b = n.as_bytes();
        if b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':' {
            return Err(LoadError::msg("chart contains illegally named files"));
        }
        if parts[0] == "Chart.yaml" {
            return Err(LoadError::msg("chart yaml not in base directory"));
        }
        let size = entry.header().size().unwrap_or(0);
        let too_big = || {
            LoadError::msg(format!(
                "decompressed chart is larger than the maximum size {MAX_DECOMPRESSED_CHART_SIZE}"
            ))
        };
        if size > remaining {
            return Err(too_big());
        }
        // Links carry no data: Helm reads them as empty regular files.
        let mut buf = Vec::new();
        if !(kind.is_symlink() || kind.is_hard_link()) {
            (&mut entry)
                .take(remaining)
                .read_to_end(&mut buf)
                .map_err(|e| LoadError::msg(format!("unable to load chart archive: {e}")))?;
        }
        let written = buf.len() as u64;
        remaining -= written;
        if written < size || remaining == 0 {
            return Err(too_big());
        }
        let data = buf.strip_prefix(UTF8_BOM).unwrap_or(&buf);
        files.push(ChartFile {
            name: n,
            data: Arc::from(data),
        });
    }
    if files.is_empty() {
        return Err(LoadError::msg("no files in chart archive"));
    }
    Ok(files)
}

/// Go's `path.Clean`.
pub(crate) fn clean_path(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let rooted = p.starts_with('/');
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if out.last().is_some_and(|l| *l != "..") {
                    out.pop();
                } else if !rooted {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    let joined = out.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".into(),
        (false, false) => joined,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_path_matches_go() {
        let cases = [
            ("a/b/../c", "a/c"),
            ("../a", "../a"),
            ("a/../..", ".."),
            ("", "."),
            ("./a//b/", "a/b"),
            ("/../a", "/a"),
        ];
        for (input, want) in cases {
            assert_eq!(clean_path(input), want, "{input}");
        }
    }
}
