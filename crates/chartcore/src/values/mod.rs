//! Values: what the user supplies (`-f` files, the `--set` family), how
//! they combine with chart defaults (coalescing), and how dependencies are
//! enabled and import values.

pub mod coalesce;
mod dependencies;

use gotemplate::Map;

pub use coalesce::{GLOBAL_KEY, clean_nil_values, coalesce_tables, coalesce_values, merge_values};
pub use dependencies::{is_compatible_range, process_dependencies};

use crate::strvals::{SetFlags, merge_maps};
use crate::yaml;

/// The value sources of one command, as Helm's `values.Options`.
#[derive(Clone, Debug, Default)]
pub struct ValueOptions {
    /// `-f`/`--values`, in order (`-` is standard input).
    pub value_files: Vec<String>,
    /// The `--set` family.
    pub set: SetFlags,
}

impl ValueOptions {
    /// Helm's `MergeValues`: every `-f` file deep-merged in order, then the
    /// `--set` flags. `read` returns a file's bytes (or stdin's for `-`).
    pub fn merge(
        &self,
        read: &mut dyn FnMut(&str) -> Result<Vec<u8>, String>,
    ) -> Result<Map, String> {
        let base = Map::new();
        for path in &self.value_files {
            let raw = read(path)?;
            let current = yaml::parse_values_bytes(&raw)
                .map_err(|e| format!("failed to parse {path}: {e}"))?;
            merge_maps(&base, &current);
        }
        let mut read_text = |path: &str| -> Result<String, String> {
            read(path).map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        self.set.apply(&base, &mut read_text)?;
        Ok(base)
    }
}
