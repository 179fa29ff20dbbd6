//! `helm template` as a library call: the checks Helm makes on a loaded
//! chart, values and dependency processing, rendering, post-rendering,
//! manifest sorting, and the text (or files) Helm produces.

mod kyaml;
mod origin;
mod output;
pub mod postrender;

use std::collections::BTreeMap;
use std::sync::Arc;

use gotemplate::{Map, Value};

use crate::chart::{Chart, Level, Log, LogLine};
use crate::engine::{Capabilities, Engine, KubeVersion, ReleaseInfo, RenderError};
use crate::manifest::{self, Hook, Manifest, ManifestError};
use crate::values;

pub use output::OutputDir;
pub use postrender::{PluginError, PluginPostRenderer, PostRenderer, plugin_dirs};

/// What to render and how, as `helm template`'s flags say.
#[derive(Clone, Debug)]
pub struct TemplateOptions {
    /// `.Release.Name`.
    pub release_name: String,
    /// `.Release.Namespace`.
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
    /// `--post-renderer`: a program the rendered manifests are piped through.
    pub post_renderer: Option<Arc<dyn PostRenderer>>,
    /// The process exits right after printing (a CLI run): memory the
    /// render no longer needs is left for the OS instead of being freed.
    pub one_shot: bool,
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
            post_renderer: None,
            one_shot: false,
        }
    }
}

/// A file of a chart's `crds/` directory, printed verbatim with `--include-crds`.
#[derive(Clone, Debug)]
pub struct Crd {
    /// `chart/crds/x.yaml` (`chart/charts/sub/crds/x.yaml` for subcharts).
    pub filename: String,
    /// The file's text, unrendered.
    pub content: String,
}

/// A rendered release.
#[derive(Clone, Debug, Default)]
pub struct Release {
    /// The CRDs, when `--include-crds` asked for them.
    pub crds: Vec<Crd>,
    /// Manifests in Helm's install order.
    pub manifests: Vec<Manifest>,
    /// Hooks in kind order.
    pub hooks: Vec<Hook>,
    /// The root chart's rendered `NOTES.txt`.
    pub notes: String,
}

/// Why `helm template` failed. `Display` is Helm's message.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    /// A check before rendering failed (release name, chart type,
    /// dependencies, values); the text is Helm's.
    #[error("{0}")]
    Invalid(String),
    /// Something chartrs does not do (it would need a cluster, a network or
    /// a runtime it does not have).
    #[error("not supported: {0}")]
    Unsupported(String),
    /// `values.schema.json` validation failed; the text is the report.
    #[error(
        "values don't meet the specifications of the schema(s) in the following chart(s):\n{0}"
    )]
    Schema(String),
    /// A template failed to parse or execute.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A rendered document is not valid YAML.
    #[error("{error}")]
    Manifest {
        /// Helm's error.
        error: Box<ManifestError>,
        /// The rendered files Helm dumps with `--debug`.
        dump: String,
        /// Where the failing line of the document came from, if found.
        origin: Option<String>,
    },
    /// A failure while producing the release after rendering (Kubernetes
    /// version constraint, post-renderer).
    #[error("{0}")]
    Rendering(String),
}

impl TemplateError {
    /// Whether Helm follows the message with "Use --debug flag to render out
    /// invalid YAML" (errors met while rendering the release).
    pub fn suggests_debug(&self) -> bool {
        matches!(
            self,
            TemplateError::Render(_) | TemplateError::Manifest { .. } | TemplateError::Rendering(_)
        )
    }

    /// What Helm prints on stdout for this error under `--debug`: the
    /// rendered files when a document was not valid YAML, else an empty line
    /// (for errors met while rendering); `None` when it prints nothing.
    pub fn debug_output(&self) -> Option<String> {
        match self {
            TemplateError::Manifest { dump, .. } => Some(format!(
                "{}\n",
                dump.trim_matches(crate::funcs::is_go_space)
            )),
            e if e.suggests_debug() => Some("\n".into()),
            _ => None,
        }
    }

    /// Detail chartrs adds after Helm's message: the template source behind
    /// an error, and the chain of `include`s that led there.
    pub fn detail(&self) -> Option<String> {
        match self {
            TemplateError::Render(error) => {
                crate::engine::errors::source_detail(error.template_error())
            }
            TemplateError::Manifest { origin, .. } => origin.clone(),
            _ => None,
        }
    }
}

/// The dependencies `Chart.yaml` lists that `charts/` does not hold.
pub fn missing_dependencies(chart: &Chart) -> Vec<&str> {
    chart
        .metadata
        .deps()
        .filter(|d| !chart.dependencies.iter().any(|c| c.name() == d.name))
        .map(|d| d.name.as_str())
        .collect()
}

/// Helm's checks on a loaded chart before installing it: the apiVersion
/// (`v3` charts are refused), the type (`library` charts are refused), a
/// warning for deprecated charts, and every dependency present in
/// `charts/` (`dependency_update` asks to fetch missing ones, which
/// chartrs cannot do).
pub fn check_installable(
    chart: &Chart,
    dependency_update: bool,
    log: Log<'_>,
) -> Result<(), TemplateError> {
    if chart.metadata.api_version == "v3" {
        return Err(TemplateError::Invalid("invalid chart apiVersion".into()));
    }
    let t = chart.metadata.chart_type.as_str();
    if !(t.is_empty() || t == "application") {
        return Err(TemplateError::Invalid(format!(
            "{t} charts are not installable"
        )));
    }
    if chart.metadata.deprecated {
        log(LogLine::new(Level::Warn, "this chart is deprecated"));
    }
    let missing = missing_dependencies(chart);
    if missing.is_empty() {
        return Ok(());
    }
    if dependency_update {
        return Err(TemplateError::Unsupported(format!(
            "--dependency-update (chartrs does not download charts; missing in charts/: {})",
            missing.join(", ")
        )));
    }
    Err(TemplateError::Invalid(format!(
        "an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: {}",
        missing.join(", ")
    )))
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
        "release name check failed: {}",
        release_name_problem(name)
    )))
}

fn release_name_problem(name: &str) -> String {
    format!(
        "release name {}: invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53",
        gotemplate::strconv::quote(name)
    )
}

fn collect_crds(chart: &Chart, full_path: &str, out: &mut Vec<Crd>) {
    for f in chart.crd_files() {
        out.push(Crd {
            filename: format!("{full_path}/{}", f.name),
            content: gotemplate::gostr::from_go_bytes(&f.data).into_owned(),
        });
    }
    for dep in &chart.dependencies {
        collect_crds(dep, &format!("{full_path}/charts/{}", dep.name()), out);
    }
}

/// The debug lines Helm's schema validation logs, in its order.
fn log_schema_walk(chart: &Chart, values: &Map, log: Log<'_>) {
    if let Some(schema) = &chart.schema {
        log(LogLine::new(Level::Debug, "chart name").with("chart-name", chart.name()));
        log(LogLine::new(Level::Debug, "unmarshalled JSON schema")
            .with("schema", String::from_utf8_lossy(schema)));
    }
    log(
        LogLine::new(Level::Debug, "number of dependencies in the chart")
            .with("chart", chart.name())
            .with("dependencies", chart.dependencies.len().to_string()),
    );
    for sub in &chart.dependencies {
        if let Some(Value::Map(m)) = values.get(sub.name()) {
            log_schema_walk(sub, &m, log);
        }
    }
}

/// How the warnings of values processing are logged by Helm.
fn values_log_line(w: String) -> LogLine {
    // The values layer reports "message key=value ..." strings; Helm logs
    // these through slog with attributes and at WARN.
    for (prefix, message, keys) in [
        (
            "tag has non-bool value ",
            "returned non-bool value",
            &["tag", "chart"][..],
        ),
        (
            "returned non-bool value ",
            "returned non-bool value",
            &["path", "chart"][..],
        ),
        (
            "ImportValues missing table from chart ",
            "ImportValues missing table from chart",
            &["chart"][..],
        ),
    ] {
        if let Some(rest) = w.strip_prefix(prefix)
            && let Some(attrs) = split_attrs(rest, keys)
        {
            let mut line = LogLine::new(Level::Warn, message);
            for (k, v) in attrs {
                line = line.with(k, v);
            }
            return line;
        }
    }
    if w == "ImportValues missing table" {
        return LogLine::new(Level::Warn, w);
    }
    LogLine::info(w)
}

/// Splits `k1=v1 k2=v2` for the given keys (the last value may hold spaces).
fn split_attrs<'a>(text: &'a str, keys: &[&'a str]) -> Option<Vec<(&'a str, &'a str)>> {
    let mut out = Vec::new();
    let mut rest = text;
    for (i, key) in keys.iter().enumerate() {
        rest = rest.strip_prefix(key)?.strip_prefix('=')?;
        let value = match keys.get(i + 1) {
            Some(next) => {
                let at = rest.find(&format!(" {next}="))?;
                let v = &rest[..at];
                rest = &rest[at + 1..];
                v
            }
            None => rest,
        };
        out.push((*key, value));
    }
    Some(out)
}

/// Renders `chart` with the user's `values` as `helm template` does,
/// dropping Helm's log lines.
pub fn render_release(
    chart: Chart,
    user_values: &Map,
    opts: &TemplateOptions,
) -> Result<Release, TemplateError> {
    render_release_logged(chart, user_values, opts, &mut |_| {})
}

/// Renders `chart` with the user's `values` as `helm template` does,
/// passing the lines Helm logs (coalescing conflicts, unknown hooks, debug
/// lines) to `log`.
pub fn render_release_logged(
    mut chart: Chart,
    user_values: &Map,
    opts: &TemplateOptions,
    log: Log<'_>,
) -> Result<Release, TemplateError> {
    if let Err(e) = validate_release_name(&opts.release_name) {
        log(LogLine::new(Level::Error, "release name check failed")
            .with("error", release_name_problem(&opts.release_name)));
        return Err(e);
    }
    {
        let mut warn = |w: String| log(values_log_line(w));
        values::process_dependencies(&mut chart, user_values, &mut warn)
            .map_err(TemplateError::Invalid)?;
    }
    let mut caps = Capabilities::default();
    if let Some(kv) = &opts.kube_version {
        caps.kube_version = kv.clone();
    }
    caps.api_versions.extend(opts.api_versions.iter().cloned());
    let coalesced = {
        let mut warn = |w: String| log(values_log_line(w));
        values::coalesce_values(&chart, user_values, &mut warn).map_err(TemplateError::Invalid)?
    };
    let validation = if opts.skip_schema_validation {
        None
    } else {
        log_schema_walk(&chart, &coalesced, log);
        Some(crate::schema::Validation::new(&chart, &coalesced)).filter(|v| !v.is_empty())
    };
    std::thread::scope(|scope| {
        // Schemas are validated while the templates parse; a failure is
        // still reported before anything else, as Helm validates first.
        let validating = validation.map(|v| v.spawn(scope));
        let schema_check = || match validating.and_then(|v| v.report()) {
            None => Ok(()),
            Some(report) => Err(TemplateError::Schema(report)),
        };
        render_validated(chart, coalesced, opts, caps, log, schema_check)
    })
}

/// The rest of [`render_release_logged`] once values are coalesced;
/// `schema_check` reports the schema validation started before.
fn render_validated(
    chart: Chart,
    coalesced: Map,
    opts: &TemplateOptions,
    caps: Capabilities,
    log: Log<'_>,
    schema_check: impl FnOnce() -> Result<(), TemplateError>,
) -> Result<Release, TemplateError> {
    if !chart.metadata.kube_version.is_empty()
        && !values::is_compatible_range(&chart.metadata.kube_version, &caps.kube_version.normalized)
    {
        schema_check()?;
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
    let engine = Engine {
        one_shot: opts.one_shot,
        ..Engine::default()
    };
    // Without a post-renderer, the manifests' heads are read while later
    // templates still execute.
    let pending = opts
        .post_renderer
        .is_none()
        .then(manifest::PendingHeads::default);
    let on_rendered = |name: &str, out: &str| {
        if let Some(pending) = &pending
            && !name.ends_with("NOTES.txt")
        {
            pending.read(name, out);
        }
    };
    let mut files = engine.render_after(
        &chart,
        &coalesced,
        &release,
        &caps,
        schema_check,
        &on_rendered,
    )??;
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
    let rendered_by_engine = opts.post_renderer.is_none();
    if let Some(pr) = &opts.post_renderer {
        files = postrender::run(pr.as_ref(), &files, log)?;
    }
    let sorted = manifest::sort_manifests_read(files.iter(), pending).map_err(|error| {
        let origin = if rendered_by_engine {
            origin::yaml_error_origin(&engine, &chart, &coalesced, &release, &caps, &files, &error)
        } else {
            None
        };
        TemplateError::Manifest {
            dump: debug_dump(&files),
            error: Box::new(error),
            origin,
        }
    })?;
    for h in &sorted.skipped_hooks {
        log(LogLine::info("skipping unknown hooks").with("hookTypes", h.as_str()));
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
    })
}

/// The rendered files as `helm template --debug` shows them when a
/// document is not valid YAML (Helm's order is Go's random map order; ours
/// is the path order).
fn debug_dump(files: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    for (name, content) in files {
        if content.trim_matches(crate::funcs::is_go_space).is_empty() {
            continue;
        }
        out.push_str(&format!("---\n# Source: {name}\n{content}\n"));
    }
    out
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_warnings_become_helm_log_lines() {
        assert_eq!(
            values_log_line("tag has non-bool value tag=t1 chart=s1".into()).to_string(),
            "level=WARN msg=\"returned non-bool value\" tag=t1 chart=s1"
        );
        assert_eq!(
            values_log_line("returned non-bool value path=a.b chart=s2".into()).to_string(),
            "level=WARN msg=\"returned non-bool value\" path=a.b chart=s2"
        );
        assert_eq!(
            values_log_line("warning: skipped value for t.k: Not a table.".into()).to_string(),
            "level=INFO msg=\"warning: skipped value for t.k: Not a table.\""
        );
    }
}
