//! Loading a chart from a `.tgz` archive with Helm's safety rules: the
//! content is sniffed first, no absolute or parent-escaping paths, a cap on
//! the decompressed size, links read as empty files. Error texts are Go's
//! (`compress/gzip`, `archive/tar`) where Helm shows them.

use std::io::Read;
use std::path::Path;

use super::file_data::without_bom;
use super::load::{ApiVersion, Log, load_files, peek_api_version};
use super::{Chart, ChartFile, FileData, LoadError};

/// Helm's `MaxDecompressedChartSize`: the total size of an archive's files.
pub const MAX_DECOMPRESSED_CHART_SIZE: u64 = 100 * 1024 * 1024;

/// Go's `gzip.ErrHeader` text.
const GZIP_ERR_HEADER: &str = "gzip: invalid header";

/// Loads a chart archive file as Helm v4's `loader.LoadFile` does: sniff the
/// content, read the files (any failure but a bad gzip header is the bare
/// "unable to load chart archive"), peek at `Chart.yaml`'s `apiVersion`.
pub fn load_archive(path: &Path, log: Log<'_>) -> Result<Chart, LoadError> {
    let name = super::load::absolute_path(path).unwrap_or_else(|_| path.to_path_buf());
    let data = std::fs::read(path).map_err(|e| {
        LoadError::msg(format!(
            "file '{}' cannot be read: {}",
            name.display(),
            super::load::go_errno_text(&e)
        ))
    })?;
    ensure_archive(&name, &data)?;
    let files = archive_files(&data).map_err(|e| match e.to_string().as_str() {
        GZIP_ERR_HEADER => LoadError::msg(format!(
            "file '{}' does not appear to be a valid chart file (details: {GZIP_ERR_HEADER})",
            name.display()
        )),
        _ => LoadError::msg("unable to load chart archive"),
    })?;
    let Some(chart_yaml) = files.iter().find(|f| f.name == "Chart.yaml") else {
        return Err(LoadError::msg(
            "unable to detect chart version, no Chart.yaml found",
        ));
    };
    match peek_api_version(&chart_yaml.data)? {
        ApiVersion::V2 | ApiVersion::V3 => load_files(files, log),
    }
}

/// Loads a chart from gzipped tar bytes (Helm's `loader.LoadArchive`, for
/// embedders: errors keep their detail).
pub fn load_archive_bytes(data: &[u8]) -> Result<Chart, LoadError> {
    let files = archive_files(data).map_err(|e| match e.to_string().as_str() {
        GZIP_ERR_HEADER => LoadError::msg(format!(
            "stream does not appear to be a valid chart file (details: {GZIP_ERR_HEADER})"
        )),
        other => LoadError::msg(format!("unable to load chart archive: {other}")),
    })?;
    load_files(files, &mut |_| {})
}

/// Helm's `EnsureArchive`: the first 512 bytes (zero-padded) must sniff as gzip.
fn ensure_archive(name: &Path, data: &[u8]) -> Result<(), LoadError> {
    let mut head = [0u8; 512];
    let n = data.len().min(512);
    head[..n].copy_from_slice(&data[..n]);
    if head.starts_with(b"\x1F\x8B\x08") {
        return Ok(());
    }
    let name = name.display().to_string();
    if name.ends_with(".yml") || name.ends_with(".yaml") {
        return Err(LoadError::msg(format!(
            "file '{name}' seems to be a YAML file, but expected a gzipped archive"
        )));
    }
    Err(LoadError::msg(format!(
        "file '{name}' does not appear to be a gzipped archive; got '{}'",
        super::sniff::detect_content_type(&head)
    )))
}

/// The files of a chart archive, named relative to the chart root (Helm's
/// `LoadArchiveFiles`); errors are the raw texts Helm wraps.
pub fn archive_files(data: &[u8]) -> Result<Vec<ChartFile>, LoadError> {
    let gz = GoGzip::new(data).map_err(|e| LoadError::msg(go_read_error(&e)))?;
    let mut tar = tar::Archive::new(gz);
    let mut files = Vec::new();
    let mut remaining = MAX_DECOMPRESSED_CHART_SIZE;
    let entries = tar
        .entries()
        .map_err(|e| LoadError::msg(go_read_error(&e)))?;
    for entry in entries {
        let mut entry = entry.map_err(|e| LoadError::msg(go_read_error(&e)))?;
        let kind = entry.header().entry_type();
        if kind.is_dir() || kind.is_pax_global_extensions() || kind.is_pax_local_extensions() {
            continue;
        }
        let raw_name = String::from_utf8_lossy(&entry.path_bytes()).into_owned();
        let name = archive_path(&raw_name)?;
        // Go's tar reader gives header-only entries (links, devices, FIFOs) no data.
        let header_only = kind.is_symlink()
            || kind.is_hard_link()
            || kind.is_character_special()
            || kind.is_block_special()
            || kind.is_fifo();
        let size = if header_only {
            0
        } else {
            entry.header().size().unwrap_or(0)
        };
        if size > remaining {
            return Err(too_big());
        }
        let mut buf = Vec::new();
        if size > 0 {
            (&mut entry)
                .take(remaining)
                .read_to_end(&mut buf)
                .map_err(|e| LoadError::msg(go_read_error(&e)))?;
        }
        if (buf.len() as u64) < size {
            // The archive ended inside the entry.
            return Err(LoadError::msg("unexpected EOF"));
        }
        remaining -= buf.len() as u64;
        files.push(ChartFile {
            name,
            data: FileData::from(without_bom(&buf)),
        });
    }
    if files.is_empty() {
        return Err(LoadError::msg("no files in chart archive"));
    }
    Ok(files)
}

fn too_big() -> LoadError {
    LoadError::msg(format!(
        "decompressed chart is larger than the maximum size {MAX_DECOMPRESSED_CHART_SIZE}"
    ))
}

/// An entry's name relative to the chart root, with Helm's path checks.
fn archive_path(raw_name: &str) -> Result<String, LoadError> {
    // Archives made on Windows may use `\`.
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
            gotemplate::strconv::quote(raw_name)
        )));
    }
    if n.starts_with("..") {
        return Err(LoadError::msg(
            "chart illegally references parent directory",
        ));
    }
    let b = n.as_bytes();
    if b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && b[2] == b'/' {
        return Err(LoadError::msg("chart contains illegally named files"));
    }
    if parts[0] == "Chart.yaml" {
        return Err(LoadError::msg("chart yaml not in base directory"));
    }
    Ok(n)
}

/// The text Go's gzip and tar readers give for a read failure.
fn go_read_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.as_str() {
        "failed to read entire block" => "unexpected EOF".into(),
        "archive header checksum mismatch" => "archive/tar: invalid tar header".into(),
        _ if e.kind() == std::io::ErrorKind::UnexpectedEof => "unexpected EOF".into(),
        "corrupt deflate stream" => "flate: corrupt input".into(),
        _ if text.starts_with("gzip: ") || text == "EOF" => text,
        _ => "archive/tar: invalid tar header".into(),
    }
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

/// A gzip reader with Go's `compress/gzip` behaviour: the header is read
/// at once, members follow one another, and errors carry Go's texts
/// (`EOF`, `unexpected EOF`, `gzip: invalid header`, `gzip: invalid checksum`).
struct GoGzip<'a> {
    state: GzState<'a>,
}

enum GzState<'a> {
    Body {
        inflate: flate2::bufread::DeflateDecoder<&'a [u8]>,
        crc: flate2::Crc,
    },
    Done,
}

fn gz_error(kind: std::io::ErrorKind, text: &str) -> std::io::Error {
    std::io::Error::new(kind, text.to_string())
}

fn unexpected_eof() -> std::io::Error {
    gz_error(std::io::ErrorKind::UnexpectedEof, "unexpected EOF")
}

impl<'a> GoGzip<'a> {
    fn new(data: &'a [u8]) -> std::io::Result<GoGzip<'a>> {
        match read_member_header(data)? {
            Some(rest) => Ok(GoGzip {
                state: GzState::Body {
                    inflate: flate2::bufread::DeflateDecoder::new(rest),
                    crc: flate2::Crc::new(),
                },
            }),
            None => Err(gz_error(std::io::ErrorKind::Other, "EOF")),
        }
    }
}

/// Reads a member header; `None` at a clean end of input.
fn read_member_header(mut r: &[u8]) -> std::io::Result<Option<&[u8]>> {
    if r.is_empty() {
        return Ok(None);
    }
    if r.len() < 10 {
        return Err(unexpected_eof());
    }
    let head = &r[..10];
    if head[0] != 0x1f || head[1] != 0x8b || head[2] != 8 {
        return Err(gz_error(std::io::ErrorKind::InvalidData, GZIP_ERR_HEADER));
    }
    let flags = head[3];
    let mut crc = flate2::Crc::new();
    crc.update(head);
    r = &r[10..];
    let take = |r: &mut &[u8], n: usize, crc: &mut flate2::Crc| -> std::io::Result<()> {
        if r.len() < n {
            return Err(unexpected_eof());
        }
        crc.update(&r[..n]);
        *r = &r[n..];
        Ok(())
    };
    if flags & 0x04 != 0 {
        if r.len() < 2 {
            return Err(unexpected_eof());
        }
        let n = usize::from(u16::from_le_bytes([r[0], r[1]]));
        take(&mut r, 2 + n, &mut crc)?;
    }
    for flag in [0x08, 0x10] {
        if flags & flag != 0 {
            let Some(end) = r.iter().position(|&b| b == 0) else {
                return Err(unexpected_eof());
            };
            take(&mut r, end + 1, &mut crc)?;
        }
    }
    if flags & 0x02 != 0 {
        if r.len() < 2 {
            return Err(unexpected_eof());
        }
        let want = u16::from_le_bytes([r[0], r[1]]);
        if want != crc.sum() as u16 {
            return Err(gz_error(std::io::ErrorKind::InvalidData, GZIP_ERR_HEADER));
        }
        r = &r[2..];
    }
    Ok(Some(r))
}

impl Read for GoGzip<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            let GzState::Body { inflate, crc } = &mut self.state else {
                return Ok(0);
            };
            if buf.is_empty() {
                return Ok(0);
            }
            let n = inflate.read(buf)?;
            if n > 0 {
                crc.update(&buf[..n]);
                return Ok(n);
            }
            // End of a member: check its trailer, then go on with the next one.
            let mut rest: &[u8] = inflate.get_ref();
            if rest.len() < 8 {
                return Err(unexpected_eof());
            }
            let sum = u32::from_le_bytes([rest[0], rest[1], rest[2], rest[3]]);
            let size = u32::from_le_bytes([rest[4], rest[5], rest[6], rest[7]]);
            if sum != crc.sum() || size != crc.amount() {
                return Err(gz_error(
                    std::io::ErrorKind::InvalidData,
                    "gzip: invalid checksum",
                ));
            }
            rest = &rest[8..];
            self.state = match read_member_header(rest)? {
                Some(body) => GzState::Body {
                    inflate: flate2::bufread::DeflateDecoder::new(body),
                    crc: flate2::Crc::new(),
                },
                None => GzState::Done,
            };
        }
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

    #[test]
    fn gzip_errors_are_gos() {
        let err = |data: &[u8]| go_read_error(&GoGzip::new(data).err().unwrap());
        assert_eq!(err(b""), "EOF");
        assert_eq!(err(b"hello\n"), "unexpected EOF");
        assert_eq!(err(b"\x1f\x8b\x08garbage"), "unexpected EOF");
        assert_eq!(err(b"not a gzip header"), "gzip: invalid header");
    }
}
