//! `helm template` as a library call: values, dependency processing,
//! rendering, manifest sorting, and the text Helm prints.

use std::path::{Path, PathBuf};

use gotemplate::{Map, Value};

use crate::chart::Chart;
use crate::engine::{Capabilities, Engine, KubeVersion, ReleaseInfo, RenderError};
use crate::manifest::{self, Hook, HookEvent, Manifest, ManifestError};
use crate::values;

/// What to render and how, as `helm template`'s flags say.
#[derive(Clone, Debug)]
pub struct TemplateOptions {
    pub release_name: String,
    pub namespace: String,
    /// `--is-upgrade`: `.Release.IsUpgrade` instead of `IsInstall`.
    pub is_upgrade: bool,
    /// `--kube-version`; Helm's default otherwise.
    pub kube_version: Option<KubeVersion>,
    /// `--api-versions`, appended to the defaults.
    pub api_versions: Vec<String>,
    /// `--include-crds`: print the `crds/` files first.
    pub include_crds: bool,
    /// `--skip-tests`: leave out hooks with the `test` event.
    pub skip_tests: bool,
    /// `--no-hooks`: leave out all hooks.
    pub no_hooks: bool,
    /// `--skip-schema-validation`.
    pub skip_schema_validation: bool,
    /// `--show-only` patterns (relative to the chart, globs allowed).
    pub show_only: Vec<String>,
}

impl Default for TemplateOptions {
    fn default() -> Self {
        TemplateOptions {
            release_name: "release-name".into(),
            namespace: "default".into(),
            is_upgrade: false,
            kube_version: None,
            api_versions: Vec::new(),
            include_crds: false,
            skip_tests: false,
            no_hooks: false,
            skip_schema_validation: false,
            show_only: Vec::new(),
        }
    }
}

/// A file of a chart's `crds/` directory, printed verbatim with `--include-crds`.
#[derive(Clone, Debug)]
pub struct Crd {
    /// `chart/crds/x.yaml` (`chart/charts/sub/crds/x.yaml` for subcharts).
    pub filename: String,
    pub content: String,
}

/// A rendered release.
#[derive(Clone, Debug, Default)]
pub struct Release {
    pub crds: Vec<Crd>,
    /// Manifests in Helm's install order.
    pub manifests: Vec<Manifest>,
    /// Hooks in kind order.
    pub hooks: Vec<Hook>,
    /// The root chart's rendered `NOTES.txt`.
    pub notes: String,
    /// Warnings Helm would log (coalescing conflicts, unknown hooks, ...).
    pub warnings: Vec<String>,
}

/// Why `helm template` failed.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("{0}")]
    Invalid(String),
    #[error(
        "values don't meet the specifications of the schema(s) in the following chart(s):\n{0}"
    )]
    Schema(String),
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Manifest(#[from] ManifestError),
    #[error("{0}")]
    Rendering(String),
}

impl TemplateError {
    /// Whether Helm follows the message with "Use --debug flag to render out
    /// invalid YAML" (errors met while rendering the release).
    pub fn suggests_debug(&self) -> bool {
        matches!(
            self,
            TemplateError::Render(_) | TemplateError::Manifest(_) | TemplateError::Rendering(_)
        )
    }
}

/// Helm's `checkIfInstallable` and dependency presence check.
pub fn check_installable(chart: &Chart) -> Result<(), TemplateError> {
    let t = chart.metadata.chart_type.as_str();
    if !(t.is_empty() || t == "application") {
        return Err(TemplateError::Invalid(format!(
            "{t} charts are not installable"
        )));
    }
    let missing: Vec<&str> = chart
        .metadata
        .deps()
        .filter(|d| !chart.dependencies.iter().any(|c| c.name() == d.name))
        .map(|d| d.name.as_str())
        .collect();
    if !missing.is_empty() {
        return Err(TemplateError::Invalid(format!(
            "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: {}",
            missing.join(", ")
        )));
    }
    Ok(())
}

/// The release name rule Helm enforces.
pub fn validate_release_name(name: &str) -> Result<(), TemplateError> {
    let valid = !name.is_empty()
        && name.len() <= 53
        && name.split('.').all(|part| {
            let b = part.as_bytes();
            !b.is_empty()
                && b.iter()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
        });
    if valid {
        return Ok(());
    }
    Err(TemplateError::Invalid(format!(
        "release name check failed: release name {}: invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53",
        gotemplate::strconv::quote(name)
    )))
}

fn collect_crds(chart: &Chart, full_path: &str, out: &mut Vec<Crd>) {
    for f in &chart.files {
        let ext_ok = [".yaml", ".yml", ".json"]
            .iter()
            .any(|e| f.name.ends_with(e));
        if f.name.starts_with("crds/") && ext_ok {
            out.push(Crd {
                filename: format!("{full_path}/{}", f.name),
                content: gotemplate::gostr::from_go_bytes(&f.data).into_owned(),
            });
        }
    }
    for dep in &chart.dependencies {
        collect_crds(dep, &format!("{full_path}/charts/{}", dep.name()), out);
    }
}

/// Renders `chart` with the user's `values` as `helm template` does.
pub fn render_release(
    mut chart: Chart,
    user_values: &Map,
    opts: &TemplateOptions,
) -> Result<Release, TemplateError> {
    let mut warnings = Vec::new();
    validate_release_name(&opts.release_name)?;
    {
        let mut warn = |w: String| warnings.push(w);
        values::process_dependencies(&mut chart, user_values, &mut warn)
            .map_err(TemplateError::Invalid)?;
    }
    let mut caps = Capabilities::default();
    if let Some(kv) = &opts.kube_version {
        caps.kube_version = kv.clone();
    }
    caps.api_versions.extend(opts.api_versions.iter().cloned());
    let coalesced = {
        let mut warn = |w: String| warnings.push(w);
        values::coalesce_values(&chart, user_values, &mut warn).map_err(TemplateError::Invalid)?
    };
    if !opts.skip_schema_validation
        && let Some(report) = crate::schema::validate_chart(&chart, &coalesced)
    {
        return Err(TemplateError::Schema(report));
    }
    if !chart.metadata.kube_version.is_empty()
        && !values::is_compatible_range(&chart.metadata.kube_version, &caps.kube_version.normalized)
    {
        return Err(TemplateError::Rendering(format!(
            "chart requires kubeVersion: {} which is incompatible with Kubernetes {}",
            chart.metadata.kube_version, caps.kube_version.normalized
        )));
    }
    let release = ReleaseInfo {
        name: opts.release_name.clone(),
        namespace: opts.namespace.clone(),
        is_upgrade: opts.is_upgrade,
        is_install: !opts.is_upgrade,
        revision: 1,
    };
    let mut files = Engine::default().render(&chart, &coalesced, &release, &caps)?;
    let notes_key = format!("{}/templates/NOTES.txt", chart.name());
    let mut notes = String::new();
    files.retain(|k, v| {
        if !k.ends_with("NOTES.txt") {
            return true;
        }
        if *k == notes_key {
            notes = std::mem::take(v);
        }
        false
    });
    let sorted = manifest::sort_manifests(files.iter())?;
    for h in &sorted.skipped_hooks {
        warnings.push(format!("skipping unknown hooks hookTypes={h}"));
    }
    let mut crds = Vec::new();
    if opts.include_crds {
        collect_crds(&chart, chart.name(), &mut crds);
    }
    Ok(Release {
        crds,
        manifests: sorted.manifests,
        hooks: sorted.hooks,
        notes,
        warnings,
    })
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
        let mut body = String::new();
        for crd in &self.crds {
            body.push_str(&format!(
                "---\n# Source: {}\n{}\n",
                crd.filename, crd.content
            ));
        }
        for m in &self.manifests {
            body.push_str(&format!("---\n# Source: {}\n{}\n", m.source, m.content));
        }
        let mut out = String::with_capacity(body.len() + 64);
        out.push_str(body.trim_matches(crate::funcs::is_go_space));
        out.push('\n');
        for h in self.printed_hooks(opts) {
            out.push_str(&format!(
                "---\n# Source: {}\n{}\n",
                h.manifest.source, h.manifest.content
            ));
        }
        if opts.show_only.is_empty() {
            return Ok(out);
        }
        show_only(&out, &opts.show_only)
    }

    /// Writes manifests, hooks and CRDs under `dir` as `helm template
    /// --output-dir` does; returns the `wrote PATH` lines Helm prints.
    pub fn write_to_dir(
        &self,
        dir: &Path,
        opts: &TemplateOptions,
        use_release_name: bool,
    ) -> Result<Vec<String>, TemplateError> {
        let mut lines = Vec::new();
        let mut written = std::collections::HashSet::new();
        let base = if use_release_name {
            dir.join(&opts.release_name)
        } else {
            dir.to_path_buf()
        };
        for crd in &self.crds {
            let append = !written.insert(crd.filename.clone());
            lines.push(write_doc(dir, &crd.filename, &crd.content, append)?);
        }
        for m in &self.manifests {
            let append = !written.insert(m.source.clone());
            lines.push(write_doc(&base, &m.source, &m.content, append)?);
        }
        let mut hook_written = std::collections::HashSet::new();
        for h in self.printed_hooks(opts) {
            let path = base.join(&h.manifest.source);
            let append = path.exists() && !hook_written.insert(h.manifest.source.clone())
                || path.exists() && written.contains(&h.manifest.source);
            hook_written.insert(h.manifest.source.clone());
            lines.push(write_doc(
                &base,
                &h.manifest.source,
                &h.manifest.content,
                append,
            )?);
        }
        Ok(lines)
    }
}

fn write_doc(dir: &Path, name: &str, content: &str, append: bool) -> Result<String, TemplateError> {
    use std::io::Write;
    let path: PathBuf = dir.join(name);
    let io_err = |e: std::io::Error| TemplateError::Invalid(format!("{}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_err)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .write(true)
        .append(append)
        .truncate(!append)
        .open(&path)
        .map_err(io_err)?;
    let doc = format!("---\n# Source: {name}\n{content}\n");
    f.write_all(&gotemplate::gostr::to_go_bytes(&doc))
        .map_err(io_err)?;
    Ok(format!("wrote {}/{}", dir.display(), name))
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

/// Values for `helm template`'s name template (`--name-template`): rendered
/// with Sprig functions and no data.
pub fn render_name_template(template: &str) -> Result<String, TemplateError> {
    let mut set = gotemplate::Templates::new("name-template", crate::funcs::sprig_functions());
    set.parse("name-template", template)
        .map_err(|e| TemplateError::Invalid(e.to_string()))?;
    set.execute("name-template", &Value::Nil)
        .map_err(|e| TemplateError::Invalid(e.to_string()))
}
