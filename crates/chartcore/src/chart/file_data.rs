//! A chart file's bytes. Loading reads what it needs (metadata, values,
//! templates, archives); the other files of a chart directory (`crds/`,
//! `files/`, READMEs) are read when a render first uses them, so a large
//! chart does not hold files its render never touches.

use std::fmt;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// The content of a [`ChartFile`](super::ChartFile), a leading UTF-8 BOM
/// removed.
#[derive(Clone)]
pub struct FileData(Repr);

#[derive(Clone)]
enum Repr {
    Loaded(Arc<[u8]>),
    Deferred(Arc<Deferred>),
}

/// A file of a chart directory that was checked to be readable when the
/// chart was loaded, and is read on first use.
struct Deferred {
    path: PathBuf,
    bytes: OnceLock<Arc<[u8]>>,
}

impl FileData {
    /// A file read on first use. If it cannot be read by then (deleted
    /// since the chart was loaded), it reads as empty.
    pub(crate) fn deferred(path: PathBuf) -> FileData {
        FileData(Repr::Deferred(Arc::new(Deferred {
            path,
            bytes: OnceLock::new(),
        })))
    }

    /// The content.
    pub fn bytes(&self) -> &Arc<[u8]> {
        match &self.0 {
            Repr::Loaded(bytes) => bytes,
            Repr::Deferred(d) => d.bytes.get_or_init(|| {
                let data = super::load::read_whole(&d.path).unwrap_or_default();
                Arc::from(without_bom(&data))
            }),
        }
    }
}

/// Helm drops a leading UTF-8 byte order mark from every chart file.
pub(crate) fn without_bom(data: &[u8]) -> &[u8] {
    data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data)
}

impl std::ops::Deref for FileData {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        self.bytes()
    }
}

impl From<Arc<[u8]>> for FileData {
    fn from(bytes: Arc<[u8]>) -> FileData {
        FileData(Repr::Loaded(bytes))
    }
}

impl From<&[u8]> for FileData {
    fn from(bytes: &[u8]) -> FileData {
        FileData(Repr::Loaded(Arc::from(bytes)))
    }
}

impl fmt::Debug for FileData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Loaded(bytes) => write!(f, "FileData({} bytes)", bytes.len()),
            Repr::Deferred(d) => match d.bytes.get() {
                Some(bytes) => write!(f, "FileData({} bytes)", bytes.len()),
                None => write!(f, "FileData(unread {})", d.path.display()),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deferred_files_are_read_once_on_use() {
        let dir = std::env::temp_dir().join(format!("chartrs-file-data-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f.txt");
        std::fs::write(&path, b"\xEF\xBB\xBFfirst").unwrap();
        let data = FileData::deferred(path.clone());
        std::fs::write(&path, b"\xEF\xBB\xBFsecond").unwrap();
        assert_eq!(&*data, b"second");
        std::fs::write(&path, b"third").unwrap();
        assert_eq!(&*data.clone(), b"second");
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(&*FileData::deferred(path), b"");
        assert_eq!(&*FileData::from(&b"x"[..]), b"x");
    }
}
