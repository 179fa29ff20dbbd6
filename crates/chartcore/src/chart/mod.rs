//! Charts as Helm loads them: metadata, default values, templates, other
//! files and subcharts.

use std::sync::Arc;

use gotemplate::Map;

mod archive;
mod load;
pub mod metadata;

pub use archive::{load_archive, load_archive_bytes};
pub use load::{load, load_dir};
pub use metadata::{Dependency, Lock, Maintainer, Metadata};

/// A file of a chart: its slash-separated path relative to the chart root.
#[derive(Clone, Debug)]
pub struct ChartFile {
    pub name: String,
    pub data: Arc<[u8]>,
}

/// A loaded chart.
#[derive(Clone, Debug, Default)]
pub struct Chart {
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
    pub fn name(&self) -> &str {
        &self.metadata.name
    }

    /// Whether the chart is a library chart (`type: library`).
    pub fn is_library(&self) -> bool {
        self.metadata.chart_type.eq_ignore_ascii_case("library")
    }
}

/// Errors loading a chart.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Message(String),
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

impl LoadError {
    pub(crate) fn msg(m: impl Into<String>) -> LoadError {
        LoadError::Message(m.into())
    }
}
