//! `chartrs template`: Helm's `helm template` flags and output.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use std::sync::Arc;

use chartcore::action::{
    self, OutputDir, PluginPostRenderer, PostRenderer, TemplateError, TemplateOptions, postrender,
};
use chartcore::chart::{Level, LogLine};
use chartcore::engine::KubeVersion;
use chartcore::strvals::SetFlags;
use chartcore::values::ValueOptions;

use crate::flags::{self, Kind, Spec, flag};
use crate::kubeconfig;

const DEBUG_HINT: &str = "\n\nUse --debug flag to render out invalid YAML";

/// `helm template`'s flags. Flags that only matter when talking to a
/// cluster or a repository are accepted; those whose effect chartrs cannot
/// provide are refused with a clear message when they would change the result.
const SPECS: &[Spec] = &[
    flag("api-versions", Some('a'), Kind::StringSlice),
    flag("ca-file", None, Kind::String),
    flag("cert-file", None, Kind::String),
    flag("create-namespace", None, Kind::Bool),
    flag("dependency-update", None, Kind::Bool),
    flag("description", None, Kind::String),
    flag("devel", None, Kind::Bool),
    flag("disable-openapi-validation", None, Kind::Bool),
    flag("dry-run", None, Kind::OptionalString("unset")),
    flag("enable-dns", None, Kind::Bool),
    flag("force-conflicts", None, Kind::Bool),
    flag("force-replace", None, Kind::Bool),
    flag("generate-name", Some('g'), Kind::Bool),
    flag("help", Some('h'), Kind::Bool),
    flag("include-crds", None, Kind::Bool),
    flag("insecure-skip-tls-verify", None, Kind::Bool),
    flag("is-upgrade", None, Kind::Bool),
    flag("key-file", None, Kind::String),
    flag("keyring", None, Kind::String),
    flag("kube-version", None, Kind::String),
    flag("labels", Some('l'), Kind::StringSlice),
    flag("name-template", None, Kind::String),
    flag("no-hooks", None, Kind::Bool),
    flag("output-dir", None, Kind::String),
    flag("pass-credentials", None, Kind::Bool),
    flag("password", None, Kind::String),
    flag("plain-http", None, Kind::Bool),
    flag("post-renderer", None, Kind::String),
    flag("post-renderer-args", None, Kind::StringArray),
    flag("release-name", None, Kind::Bool),
    flag("replace", None, Kind::Bool),
    flag("repo", None, Kind::String),
    flag("rollback-on-failure", None, Kind::Bool),
    flag("server-side", None, Kind::Bool),
    flag("set", None, Kind::StringArray),
    flag("set-file", None, Kind::StringArray),
    flag("set-json", None, Kind::StringArray),
    flag("set-literal", None, Kind::StringArray),
    flag("set-string", None, Kind::StringArray),
    flag("show-only", Some('s'), Kind::StringArray),
    flag("skip-crds", None, Kind::Bool),
    flag("skip-schema-validation", None, Kind::Bool),
    flag("skip-tests", None, Kind::Bool),
    flag("take-ownership", None, Kind::Bool),
    flag("timeout", None, Kind::String),
    flag("username", None, Kind::String),
    flag("validate", None, Kind::Bool),
    flag("values", Some('f'), Kind::StringSlice),
    flag("verify", None, Kind::Bool),
    flag("version", None, Kind::String),
    flag("wait", None, Kind::OptionalString("watcher")),
    flag("wait-for-jobs", None, Kind::Bool),
    // Global flags.
    flag("burst-limit", None, Kind::String),
    flag("color", None, Kind::String),
    flag("colour", None, Kind::String),
    flag("content-cache", None, Kind::String),
    flag("debug", None, Kind::Bool),
    flag("kube-apiserver", None, Kind::String),
    flag("kube-as-group", None, Kind::StringArray),
    flag("kube-as-user", None, Kind::String),
    flag("kube-ca-file", None, Kind::String),
    flag("kube-context", None, Kind::String),
    flag("kube-insecure-skip-tls-verify", None, Kind::Bool),
    flag("kube-tls-server-name", None, Kind::String),
    flag("kube-token", None, Kind::String),
    flag("kubeconfig", None, Kind::String),
    flag("namespace", Some('n'), Kind::String),
    flag("qps", None, Kind::String),
    flag("registry-config", None, Kind::String),
    flag("repository-cache", None, Kind::String),
    flag("repository-config", None, Kind::String),
];

const HELP: &str = "Render chart templates locally and display the output.

Any values that would normally be looked up or retrieved in-cluster will be
faked locally. Additionally, none of the server-side testing of chart validity
(e.g. whether an API is supported) is done.

Usage:
  chartrs template [NAME] [CHART] [flags]

Flags (as helm template's):
  -a, --api-versions strings     Kubernetes api versions used for Capabilities.APIVersions
  -g, --generate-name            generate the name (and omit the NAME parameter)
      --include-crds             include CRDs in the templated output
      --is-upgrade               set .Release.IsUpgrade instead of .Release.IsInstall
      --kube-version string      Kubernetes version used for Capabilities.KubeVersion
      --name-template string     specify template used to name the release
      --no-hooks                 prevent hooks from running during install
      --output-dir string        writes the executed templates to files in output-dir instead of stdout
      --release-name             use release name in the output-dir path
      --set stringArray          set values on the command line
      --set-file stringArray     set values from respective files specified via the command line
      --set-json stringArray     set JSON values on the command line
      --set-literal stringArray  set a literal STRING value on the command line
      --set-string stringArray   set STRING values on the command line
  -s, --show-only stringArray    only show manifests rendered from the given templates
      --skip-schema-validation   if set, disables JSON schema validation
      --skip-tests               skip tests from templated output
  -f, --values strings           specify values in a YAML file (can specify multiple)
  -n, --namespace string         namespace scope for this request
";

/// A failed command: Helm's message (printed after `Error: `) and the
/// detail chartrs adds after it.
pub struct Failure {
    pub message: String,
    pub detail: Option<String>,
}

impl From<String> for Failure {
    fn from(message: String) -> Failure {
        Failure {
            message,
            detail: None,
        }
    }
}

impl From<TemplateError> for Failure {
    fn from(e: TemplateError) -> Failure {
        Failure::from_template(e, false)
    }
}

impl Failure {
    /// Helm's message for a failed render: it suggests `--debug` unless
    /// that is already on.
    fn from_template(e: TemplateError, debug: bool) -> Failure {
        let detail = e.detail();
        let message = if e.suggests_debug() && !debug {
            format!("{e}{DEBUG_HINT}")
        } else {
            e.to_string()
        };
        Failure { message, detail }
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path.trim() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| format!("read stdin: {e}"))?;
        return Ok(buf);
    }
    if path.contains("://") {
        return Err(format!("not supported: values from a URL ({path})"));
    }
    std::fs::read(path).map_err(|e| format!("open {path}: {}", io_reason(&e)))
}

/// Go's wording for the common IO errors.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// Helm's `LocateChart` for local charts; remote ones are refused.
fn locate_chart(name: &str, p: &flags::Parsed) -> Result<PathBuf, String> {
    let name = name.trim();
    if p.string("repo").is_some_and(|r| !r.is_empty()) {
        return Err(
            "not supported: --repo (chartrs does not download charts; render a local chart)".into(),
        );
    }
    let path = Path::new(name);
    if path.exists() {
        if p.bool("verify") {
            if path.is_dir() {
                return Err("unpacked charts cannot be verified".into());
            }
            return Err("not supported: --verify (chartrs does not check provenance files)".into());
        }
        return chartcore::chart::absolute_path(path).map_err(|e| e.to_string());
    }
    if path.is_absolute() || name.starts_with('.') {
        return Err(format!(
            "path {} not found",
            gotemplate::strconv::quote(name)
        ));
    }
    if name.contains("://") {
        return Err(format!(
            "not supported: remote chart {name} (chartrs renders local chart directories and archives)"
        ));
    }
    if let Some((repo, _)) = name.split_once('/') {
        return Err(format!(
            "not supported: repository chart {name} (chartrs has no repository {repo}; render a local chart)"
        ));
    }
    Err(format!(
        "non-absolute URLs should be in form of repo_name/path_to_chart, got: {name}"
    ))
}

/// Flag values checked as pflag sets them: the post-renderer plugin is
/// looked up at once, `--wait` must be a known strategy.
#[derive(Default)]
struct FlagChecks {
    post_renderer: Option<PluginPostRenderer>,
    post_renderer_name: String,
    post_renderer_args: Vec<String>,
    log: Vec<LogLine>,
}

impl FlagChecks {
    fn on_set(&mut self, name: &str, value: &str) -> Result<(), String> {
        match name {
            "post-renderer" => {
                if value.is_empty() {
                    return Ok(());
                }
                if !self.post_renderer_name.is_empty() {
                    return Err("cannot specify --post-renderer flag more than once".into());
                }
                self.post_renderer_name = value.to_string();
                self.find_post_renderer()
            }
            "post-renderer-args" => {
                self.post_renderer_args.push(value.to_string());
                if self.post_renderer_name.is_empty() {
                    return Ok(());
                }
                self.find_post_renderer()
            }
            "wait" => match value {
                "watcher" | "hookOnly" | "legacy" => Ok(()),
                "true" => {
                    self.log.push(LogLine::new(
                        Level::Warn,
                        "--wait=true is deprecated (boolean value) and can be replaced with --wait=watcher",
                    ));
                    Ok(())
                }
                "false" => {
                    self.log.push(LogLine::new(
                        Level::Warn,
                        "--wait=false is deprecated (boolean value) and can be replaced with --wait=hookOnly",
                    ));
                    Ok(())
                }
                other => Err(format!(
                    "invalid wait input {}. Valid inputs are watcher, hookOnly, and legacy",
                    gotemplate::strconv::quote(other)
                )),
            },
            "validate" => {
                // pflag reports a deprecated flag as it is parsed.
                eprintln!("Flag --validate has been deprecated, use '--dry-run=server' instead");
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn find_post_renderer(&mut self) -> Result<(), String> {
        let pr = PluginPostRenderer::find(
            &postrender::plugin_dirs(),
            &self.post_renderer_name,
            self.post_renderer_args.clone(),
        )
        .map_err(|e| e.to_string())?;
        self.post_renderer = Some(pr);
        Ok(())
    }
}

/// Helm's `cmdGetDryRunFlagStrategy` for `template`: `client` unless
/// `--dry-run=server` (or `--validate`), which needs a cluster.
fn dry_run(p: &flags::Parsed, log: &mut dyn FnMut(LogLine)) -> Result<(), String> {
    if let Some(v) = p.string("dry-run") {
        match v {
            "unset" => log(LogLine::new(
                Level::Warn,
                "--dry-run is deprecated and should be replaced with '--dry-run=client'",
            )),
            "true" => log(LogLine::new(
                Level::Warn,
                "boolean '--dry-run=true' flag is deprecated and must be replaced with '--dry-run=client'",
            )),
            "client" => {}
            "server" => {
                return Err(
                    "not supported: --dry-run=server (chartrs does not talk to a cluster)".into(),
                );
            }
            "none" | "false" => {
                return Err(format!(
                    "invalid dry-run value ({}). Must be \"server\" or \"client\"",
                    gotemplate::strconv::quote(v)
                ));
            }
            other => {
                return Err(format!(
                    "invalid dry-run value ({}). Must be \"none\", \"server\", or \"client\"",
                    gotemplate::strconv::quote(other)
                ));
            }
        }
    }
    if p.bool("validate") {
        return Err(
            "not supported: --validate (it validates against a cluster; chartrs does not talk to one)"
                .into(),
        );
    }
    Ok(())
}

/// Prints a log line on stderr as Helm does (debug lines only with `--debug`).
fn print_log(line: &LogLine, debug: bool) {
    if line.level != Level::Debug || debug {
        eprintln!("{line}");
    }
}

pub fn run(argv: &[String]) -> Result<(), Failure> {
    let mut checks = FlagChecks::default();
    let p = flags::parse_with(SPECS, argv, &mut |name, value| checks.on_set(name, value))?;
    if p.bool("help") {
        print!("{HELP}");
        return Ok(());
    }
    let debug = p.bool("debug");
    let mut log = |line: LogLine| print_log(&line, debug);
    for line in std::mem::take(&mut checks.log) {
        log(line);
    }
    if p.args.is_empty() {
        return Err(
            "\"chartrs template\" requires at least 1 argument\n\nUsage:  chartrs template [NAME] [CHART] [flags]"
                .to_string()
                .into(),
        );
    }
    if p.is_set("validate") && p.is_set("dry-run") {
        return Err("if any flags in the group [validate dry-run] are set none of the others can be; [dry-run validate] were all set".to_string().into());
    }
    let mut opts = TemplateOptions::default();
    if let Some(kv) = p.string("kube-version").filter(|s| !s.is_empty()) {
        opts.kube_version =
            Some(KubeVersion::parse(kv).map_err(|e| format!("invalid kube version '{kv}': {e}"))?);
    }
    dry_run(&p, &mut log)?;
    let version = p.string("version").unwrap_or_default();
    log(LogLine::new(Level::Debug, "Original chart version").with("version", version));
    if version.is_empty() && p.bool("devel") {
        log(LogLine::new(Level::Debug, "setting version to >0.0.0-0"));
    }
    let (name, chart_ref) = name_and_chart(&p)?;
    opts.release_name = name;
    opts.namespace = namespace(&p);
    opts.is_upgrade = p.bool("is-upgrade");
    opts.api_versions = p.strings("api-versions");
    opts.include_crds = p.bool("include-crds");
    opts.skip_tests = p.bool("skip-tests");
    opts.no_hooks = p.bool("no-hooks");
    opts.skip_schema_validation = p.bool("skip-schema-validation");
    opts.show_only = p.strings("show-only");
    // chartrs exits after printing: nothing needs freeing.
    opts.one_shot = true;
    opts.post_renderer = checks
        .post_renderer
        .take()
        .map(|pr| Arc::new(pr) as Arc<dyn PostRenderer>);

    let chart_path = locate_chart(&chart_ref, &p)?;
    log(LogLine::new(Level::Debug, "Chart path").with("path", chart_path.display().to_string()));
    let value_opts = ValueOptions {
        value_files: p.strings("values"),
        set: SetFlags {
            json: p.strings("set-json"),
            set: p.strings("set"),
            string: p.strings("set-string"),
            file: p.strings("set-file"),
            literal: p.strings("set-literal"),
        },
    };
    let values = value_opts.merge(&mut |path| read_input(path))?;
    let chart = chartcore::chart::load_logged(&chart_path, &mut log).map_err(|e| e.to_string())?;
    action::check_installable(&chart, p.bool("dependency-update"), &mut log)?;
    let release = match action::render_release_logged(chart, &values, &opts, &mut log) {
        Ok(r) => r,
        Err(e) => {
            if debug && let Some(text) = e.debug_output() {
                let _ = std::io::stdout().write_all(&gotemplate::gostr::to_go_bytes(&text));
            }
            return Err(Failure::from_template(e, debug));
        }
    };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let text = match p.string("output-dir").filter(|d| !d.is_empty()) {
        Some(dir) => {
            let dir = OutputDir {
                path: dir.to_string(),
                use_release_name: p.bool("release-name"),
            };
            let mut wrote = |line: String| {
                let _ = writeln!(out, "{line}");
            };
            release.write_to_dir(&dir, &opts, &mut wrote)?
        }
        None => release.to_helm_output(&opts)?,
    };
    out.write_all(&gotemplate::gostr::to_go_bytes(&text))
        .map_err(|e| e.to_string())?;
    // The process exits next; freeing these deep trees would only delay it.
    std::mem::forget(release);
    std::mem::forget(values);
    Ok(())
}

/// Helm's `NameAndChart` for `template` (release name defaults to `release-name`).
fn name_and_chart(p: &flags::Parsed) -> Result<(String, String), String> {
    let args = &p.args;
    if args.len() > 2 {
        return Err(format!(
            "expected at most two arguments, unexpected arguments: {}",
            args[2..].join(", ")
        ));
    }
    let name_template = p.string("name-template").filter(|s| !s.is_empty());
    if args.len() == 2 {
        if p.bool("generate-name") {
            return Err("cannot set --generate-name and also specify a name".into());
        }
        if name_template.is_some() {
            return Err("cannot set --name-template and also specify a name".into());
        }
        return Ok((args[0].clone(), args[1].clone()));
    }
    if let Some(t) = name_template {
        let name = action::render_name_template(t).map_err(|e| e.to_string())?;
        return Ok((name, args[0].clone()));
    }
    Ok(("release-name".into(), args[0].clone()))
}

/// `--namespace`, else `HELM_NAMESPACE`, else the kubeconfig context's, else `default`.
fn namespace(p: &flags::Parsed) -> String {
    if let Some(ns) = p.string("namespace").filter(|s| !s.is_empty()) {
        return ns.to_string();
    }
    if let Ok(ns) = std::env::var("HELM_NAMESPACE")
        && !ns.is_empty()
    {
        return ns;
    }
    kubeconfig::context_namespace(p.string("kubeconfig"), p.string("kube-context"))
        .unwrap_or_else(|| "default".into())
}
