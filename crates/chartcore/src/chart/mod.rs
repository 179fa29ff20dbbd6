//! Charts as Helm loads them: metadata, default values, templates, other
//! files and subcharts.

use std::sync::Arc;

use gotemplate::Map;

mod archive;
pub(crate) mod decode;
mod file_data;
mod load;
pub mod log;
pub mod metadata;
mod sniff;

pub(crate) use archive::clean_path;
pub use archive::{MAX_DECOMPRESSED_CHART_SIZE, archive_files, load_archive, load_archive_bytes};
pub use file_data::FileData;
pub use load::{Log, absolute_path, load, load_dir, load_files, load_logged};
pub(crate) use load::{go_errno_text, go_io_error};
pub use log::{Level, LogLine};
pub use metadata::{Dependency, Lock, Maintainer, Metadata};

/// A file of a chart: its slash-separated path relative to the chart root.
#[derive(Clone, Debug)]
pub struct ChartFile {
    /// The path relative to the chart root (`templates/x.yaml`).
    pub name: String,
    /// The content, a leading UTF-8 BOM removed.
    pub data: FileData,
}

/// A loaded chart.
#[derive(Clone, Debug, Default)]
pub struct Chart {
    /// `Chart.yaml` (plus `requirements.yaml` for apiVersion v1).
    pub metadata: Metadata,
    /// `Chart.lock` (or `requirements.lock` for apiVersion v1).
    pub lock: Option<Lock>,
    /// Files under `templates/`, in load order.
    pub templates: Vec<ChartFile>,
    /// The chart's default values (`values.yaml`).
    pub values: Map,
    /// `values.schema.json`, raw.
    pub schema: Option<Arc<[u8]>>,
    /// Everything else `.Files` exposes.
    pub files: Vec<ChartFile>,
    /// Subcharts found in `charts/`.
    pub dependencies: Vec<Chart>,
}

impl Chart {
    /// The chart's name from `Chart.yaml` (an alias once dependencies are processed).
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// Whether the chart is a library chart (`type: library`).
    pub fn is_library(&self) -> bool {
        self.metadata.chart_type.eq_ignore_ascii_case("library")
    }

    /// The files of `crds/` that Helm installs as CRDs (`.yaml`, `.yml`,
    /// `.json`), in load order.
    pub fn crd_files(&self) -> impl Iterator<Item = &ChartFile> {
        self.files.iter().filter(|f| {
            f.name.starts_with("crds/")
                && [".yaml", ".yml", ".json"]
                    .iter()
                    .any(|e| f.name.ends_with(e))
        })
    }
}

/// Errors loading a chart, with the text Helm prints.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A load failure; the text is Helm's.
    #[error("{0}")]
    Message(String),
}

impl LoadError {
    pub(crate) fn msg(m: impl Into<String>) -> LoadError {
        LoadError::Message(m.into())
    }
}
