//! What `helm template` prints, or writes with `--output-dir`.

use std::path::Path;

use super::{Release, TemplateError, TemplateOptions};
use crate::manifest::{self, Hook, HookEvent};

/// `--output-dir` (with `--release-name`): where `helm template` writes files.
#[derive(Clone, Debug)]
pub struct OutputDir {
    /// The directory as given.
    pub path: String,
    /// `--release-name`: manifests and hooks go under `DIR/RELEASE`.
    pub use_release_name: bool,
}

impl Release {
    /// The hooks `helm template` prints under these options.
    fn printed_hooks<'a>(&'a self, opts: &'a TemplateOptions) -> impl Iterator<Item = &'a Hook> {
        self.hooks.iter().filter(move |h| {
            !(opts.no_hooks || opts.skip_tests && h.events.contains(&HookEvent::Test))
        })
    }

    /// Exactly what `helm template` prints on stdout (without `--output-dir`).
    pub fn to_helm_output(&self, opts: &TemplateOptions) -> Result<String, TemplateError> {
        self.stdout_text(opts, false)
    }

    /// Helm's printing: the trimmed manifest (CRDs, then manifests) plus
    /// hooks (only the manifest, then empty, when files were written),
    /// filtered by `--show-only`.
    fn stdout_text(
        &self,
        opts: &TemplateOptions,
        wrote_files: bool,
    ) -> Result<String, TemplateError> {
        let mut out = String::new();
        if !wrote_files {
            let docs = self
                .crds
                .iter()
                .map(|c| (&c.filename, &c.content))
                .chain(self.manifests.iter().map(|m| (&m.source, &m.content)));
            let hooks = || {
                self.printed_hooks(opts)
                    .map(|h| (&h.manifest.source, &h.manifest.content))
            };
            out.reserve(
                docs.clone()
                    .chain(hooks())
                    .map(|(source, content)| source.len() + content.len() + 16)
                    .sum(),
            );
            for (source, content) in docs {
                push_document(&mut out, source, content);
            }
            // The release manifest is printed trimmed.
            let end = out.trim_end_matches(crate::funcs::is_go_space).len();
            out.truncate(end);
            let start = out.len() - out.trim_start_matches(crate::funcs::is_go_space).len();
            out.drain(..start);
            out.push('\n');
            for (source, content) in hooks() {
                push_document(&mut out, source, content);
            }
        } else {
            out.push('\n');
        }
        if opts.show_only.is_empty() {
            return Ok(out);
        }
        show_only(&out, &opts.show_only)
    }

    /// Writes CRDs, manifests and hooks under `dir` as `helm template
    /// --output-dir` does, passing each `wrote PATH` line to `wrote` as the
    /// file is written; returns what Helm prints on stdout afterwards.
    pub fn write_to_dir(
        &self,
        dir: &OutputDir,
        opts: &TemplateOptions,
        wrote: &mut dyn FnMut(String),
    ) -> Result<String, TemplateError> {
        let mut written = std::collections::HashSet::new();
        for crd in &self.crds {
            let append = !written.insert(crd.filename.clone());
            wrote(write_doc(&dir.path, &crd.filename, &crd.content, append)?);
        }
        let base = if dir.use_release_name {
            go_join(&dir.path, &opts.release_name)
        } else {
            dir.path.clone()
        };
        for m in &self.manifests {
            let append = !written.insert(m.source.clone());
            wrote(write_doc(&base, &m.source, &m.content, append)?);
        }
        for h in self.printed_hooks(opts) {
            // Hooks append to whatever file is already there.
            let append = Path::new(&go_join(&base, &h.manifest.source)).exists();
            wrote(write_doc(
                &base,
                &h.manifest.source,
                &h.manifest.content,
                append,
            )?);
        }
        self.stdout_text(opts, true)
    }
}

/// `---\n# Source: SOURCE\nCONTENT\n`
fn push_document(out: &mut String, source: &str, content: &str) {
    out.push_str("---\n# Source: ");
    out.push_str(source);
    out.push('\n');
    out.push_str(content);
    out.push('\n');
}

/// Go's `filepath.Join` of two parts.
fn go_join(a: &str, b: &str) -> String {
    let joined = match (a.is_empty(), b.is_empty()) {
        (true, _) => b.to_string(),
        (_, true) => a.to_string(),
        _ => format!("{a}/{b}"),
    };
    if joined.is_empty() {
        return String::new();
    }
    crate::chart::clean_path(&joined)
}

/// Helm's `writeToFile`: `---\n# Source: NAME\nDATA\n` into `DIR/NAME`.
fn write_doc(dir: &str, name: &str, content: &str, append: bool) -> Result<String, TemplateError> {
    use std::io::Write;
    let path = format!("{dir}/{name}");
    let io_err = |op: &str, p: &Path, e: std::io::Error| {
        TemplateError::Invalid(crate::chart::go_io_error(op, p, &e))
    };
    let file = Path::new(&path);
    if let Some(parent) = file.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent).map_err(|e| io_err("mkdir", parent, e))?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(!append)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(file)
        .map_err(|e| io_err("open", file, e))?;
    let doc = format!("---\n# Source: {name}\n{content}\n");
    f.write_all(&gotemplate::gostr::to_go_bytes(&doc))
        .map_err(|e| io_err("write", file, e))?;
    Ok(format!("wrote {path}"))
}

/// `--show-only`: the documents whose `# Source:` path (without the chart
/// name) matches each pattern, in pattern order.
fn show_only(full: &str, patterns: &[String]) -> Result<String, TemplateError> {
    let docs = manifest::split_manifests(full);
    let mut out = String::new();
    for pattern in patterns {
        let mut found = false;
        for doc in &docs {
            let Some(path) = source_path(doc) else {
                continue;
            };
            if crate::ignore::go_match(pattern, path).unwrap_or(false) {
                out.push_str("---\n");
                out.push_str(doc);
                out.push('\n');
                found = true;
            }
        }
        if !found {
            return Err(TemplateError::Invalid(format!(
                "could not find template {pattern} in chart"
            )));
        }
    }
    Ok(out)
}

/// The path after `# Source: CHART/` in a document (Go regex `# Source: [^/]+/(.+)`).
fn source_path(doc: &str) -> Option<&str> {
    let at = doc.find("# Source: ")?;
    let rest = &doc[at + "# Source: ".len()..];
    let slash = rest.find('/')?;
    if rest[..slash].contains('\n') || slash == 0 {
        return None;
    }
    let path = &rest[slash + 1..];
    let end = path.find('\n').unwrap_or(path.len());
    let path = &path[..end];
    (!path.is_empty()).then_some(path)
}
