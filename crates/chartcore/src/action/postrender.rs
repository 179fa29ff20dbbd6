//! `--post-renderer` as Helm v4 does it: the flag names a `postrenderer/v1`
//! plugin installed under `$HELM_PLUGINS`; every rendered document is
//! annotated with its file name, the stream is piped through the plugin's
//! command, and the output is split back into files by that annotation.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::TemplateError;
use super::kyaml::{self, KyamlError};
use crate::chart::{Level, LogLine};

/// A program the rendered manifests are piped through.
pub trait PostRenderer: Send + Sync + std::fmt::Debug {
    /// The name Helm's messages use (the plugin's name).
    fn name(&self) -> &str;

    /// Runs over the merged manifests and returns the replacement, or the
    /// text of Helm's `failed to invoke post-renderer plugin` cause.
    fn run(&self, manifests: &[u8], log: &mut dyn FnMut(LogLine)) -> Result<Vec<u8>, String>;
}

/// A `postrenderer/v1` plugin with the subprocess runtime.
#[derive(Clone, Debug)]
pub struct PluginPostRenderer {
    name: String,
    dir: PathBuf,
    /// The command line from `platformCommand` (command split at spaces, then args).
    command: Vec<String>,
    /// `--post-renderer-args`, appended unexpanded.
    extra_args: Vec<String>,
}

/// Why a plugin could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PluginError {
    /// No plugin of that name and type (Helm's text).
    #[error("plugin: {{Name:{0} Type:postrenderer/v1}} not found")]
    NotFound(String),
    /// Two plugins in one directory claim the same name (Helm's text).
    #[error("two plugins claim the name {name:?} at {first:?} and {second:?}")]
    Duplicate {
        /// The plugin name.
        name: String,
        /// The first plugin's directory.
        first: String,
        /// The second plugin's directory.
        second: String,
    },
    /// The plugin uses a runtime chartrs cannot run.
    #[error(
        "not supported: post-renderer plugin {name:?} uses the {runtime:?} runtime (chartrs runs subprocess plugins only)"
    )]
    Runtime {
        /// The plugin name.
        name: String,
        /// Its runtime.
        runtime: String,
    },
}

/// The plugin directories Helm searches: `$HELM_PLUGINS` (a `:` list), or
/// `$XDG_DATA_HOME/helm/plugins`, or `~/.local/share/helm/plugins`.
pub fn plugin_dirs() -> Vec<PathBuf> {
    if let Ok(v) = std::env::var("HELM_PLUGINS")
        && !v.is_empty()
    {
        return std::env::split_paths(&v).collect();
    }
    let data = match std::env::var("XDG_DATA_HOME") {
        Ok(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".local/share"),
    };
    vec![data.join("helm/plugins")]
}

/// One `plugin.yaml`, as far as finding a post-renderer needs it.
struct Found {
    dir: PathBuf,
    name: String,
    kind: String,
    runtime: String,
    command: Option<Vec<String>>,
}

impl PluginPostRenderer {
    /// Helm's `FindPlugin` for `{Name: name, Type: postrenderer/v1}` in
    /// `dirs`; plugins that do not load are skipped as Helm skips them.
    pub fn find(
        dirs: &[PathBuf],
        name: &str,
        extra_args: Vec<String>,
    ) -> Result<PluginPostRenderer, PluginError> {
        for dir in dirs {
            let plugins = load_all(dir)?;
            if let Some(p) = plugins
                .into_iter()
                .find(|p| p.name == name && p.kind == "postrenderer/v1")
            {
                if p.runtime != "subprocess" {
                    return Err(PluginError::Runtime {
                        name: p.name,
                        runtime: p.runtime,
                    });
                }
                let Some(command) = p.command else {
                    continue;
                };
                return Ok(PluginPostRenderer {
                    name: p.name,
                    dir: p.dir,
                    command,
                    extra_args,
                });
            }
        }
        Err(PluginError::NotFound(name.to_string()))
    }
}

/// `<dir>/*/plugin.yaml`, loaded; Helm fails on a duplicated name.
fn load_all(dir: &Path) -> Result<Vec<Found>, PluginError> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut subdirs: Vec<PathBuf> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.join("plugin.yaml").is_file())
        .collect();
    subdirs.sort();
    let mut found: Vec<Found> = Vec::new();
    for sub in subdirs {
        let Some(p) = load_plugin(&sub) else {
            continue;
        };
        if let Some(first) = found.iter().find(|f| f.name == p.name) {
            return Err(PluginError::Duplicate {
                name: p.name.clone(),
                first: first.dir.display().to_string(),
                second: p.dir.display().to_string(),
            });
        }
        found.push(p);
    }
    Ok(found)
}

/// Reads a `plugin.yaml`; `None` when Helm would fail to load it.
fn load_plugin(dir: &Path) -> Option<Found> {
    let text = std::fs::read_to_string(dir.join("plugin.yaml")).ok()?;
    let doc = crate::yaml::parse_document(&text).ok()?;
    let m = doc.as_map()?;
    let get = |k: &str| m.get(k).and_then(|v| v.as_str().map(str::to_string));
    let name = get("name")?;
    let valid_name = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if !valid_name {
        return None;
    }
    match get("apiVersion").as_deref() {
        // Legacy plugins are CLI or getter plugins, never post-renderers.
        None | Some("") => {
            return Some(Found {
                dir: dir.to_path_buf(),
                name,
                kind: "cli/v1".into(),
                runtime: "subprocess".into(),
                command: None,
            });
        }
        Some("v1") => {}
        Some(_) => return None,
    }
    let known = [
        "apiVersion",
        "name",
        "type",
        "runtime",
        "version",
        "sourceURL",
        "config",
        "runtimeConfig",
    ];
    if m.keys().iter().any(|k| !known.contains(&k.as_ref())) {
        return None;
    }
    let version = get("version")?;
    if crate::semver::Version::parse_strict(&version).is_err() {
        return None;
    }
    let kind = get("type").filter(|t| !t.is_empty())?;
    let runtime = get("runtime").filter(|r| !r.is_empty())?;
    let command = if runtime == "subprocess" {
        Some(platform_command(m.get("runtimeConfig"))?)
    } else {
        None
    };
    Some(Found {
        dir: dir.to_path_buf(),
        name,
        kind,
        runtime,
        command,
    })
}

/// Helm's `getPlatformCommand`: an exact OS/arch match wins, then an OS
/// match without arch, then the first entry with neither.
fn platform_command(runtime_config: Option<gotemplate::Value>) -> Option<Vec<String>> {
    let rc = runtime_config?;
    let cmds = rc.as_map()?.get("platformCommand")?;
    let os = std::env::consts::OS;
    let arch = match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        "x86" => "386",
        other => other,
    };
    let mut chosen: Option<Vec<String>> = None;
    let mut found_os = false;
    for c in cmds.as_list()?.iter() {
        let c = c.as_map()?;
        let field = |k: &str| {
            c.get(k)
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        let (c_os, c_arch) = (field("os"), field("arch"));
        let mut line: Vec<String> = field("command").split(' ').map(str::to_string).collect();
        if let Some(args) = c.get("args").and_then(|a| a.as_list().cloned()) {
            line.extend(
                args.iter()
                    .map(|a| a.as_str().map(str::to_string).unwrap_or_default()),
            );
        }
        if c_os.eq_ignore_ascii_case(os) && c_arch.eq_ignore_ascii_case(arch) {
            return Some(line).filter(|l| !l[0].is_empty());
        }
        if (!c_os.is_empty() && !c_os.eq_ignore_ascii_case(os)) || !c_arch.is_empty() {
            continue;
        }
        if !found_os && !c_os.is_empty() {
            chosen = Some(line);
            found_os = true;
        } else if chosen.is_none() {
            chosen = Some(line);
        }
    }
    chosen.filter(|l| !l[0].is_empty())
}

/// Go's `os.Expand` with an environment lookup.
fn expand(s: &str, env: &dyn Fn(&str) -> String) -> String {
    let b = s.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut last = 0;
    while i < b.len() {
        if b[i] == b'$' && i + 1 < b.len() {
            out.push_str(&s[last..i]);
            let (name, w) = shell_name(&s[i + 1..]);
            if name.is_empty() && w > 0 {
                // Bad syntax (`${}`): Go drops it.
            } else if name.is_empty() {
                out.push('$');
            } else {
                out.push_str(&env(name));
            }
            i += 1 + w;
            last = i;
        } else {
            i += 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

/// Go's `getShellName`: the variable name after `$` and how many bytes it takes.
fn shell_name(s: &str) -> (&str, usize) {
    let b = s.as_bytes();
    if b[0] == b'{' {
        if b.len() > 2 && is_shell_special(b[1]) && b[2] == b'}' {
            return (&s[1..2], 3);
        }
        for i in 1..b.len() {
            if b[i] == b'}' {
                if i == 1 {
                    return ("", 2);
                }
                return (&s[1..i], i + 1);
            }
        }
        return ("", 1);
    }
    if is_shell_special(b[0]) {
        return (&s[..1], 1);
    }
    let n = b
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
        .count();
    (&s[..n], n)
}

fn is_shell_special(c: u8) -> bool {
    matches!(c, b'*' | b'#' | b'$' | b'@' | b'!' | b'?' | b'-') || c.is_ascii_digit()
}

/// Go's `exec.LookPath` for a name without a slash.
fn look_path(name: &str) -> Result<PathBuf, String> {
    if name.contains('/') {
        return Ok(PathBuf::from(name));
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        let dir = if dir.as_os_str().is_empty() {
            PathBuf::from(".")
        } else {
            dir
        };
        let candidate = dir.join(name);
        if let Ok(meta) = std::fs::metadata(&candidate) {
            use std::os::unix::fs::PermissionsExt;
            if meta.is_file() && meta.permissions().mode() & 0o111 != 0 {
                return Ok(candidate);
            }
        }
    }
    Err(format!(
        "exec: {}: executable file not found in $PATH",
        gotemplate::strconv::quote(name)
    ))
}

impl PostRenderer for PluginPostRenderer {
    fn name(&self) -> &str {
        &self.name
    }

    fn run(&self, manifests: &[u8], log: &mut dyn FnMut(LogLine)) -> Result<Vec<u8>, String> {
        let dir = self.dir.display().to_string();
        let env = |k: &str| match k {
            "HELM_PLUGIN_NAME" => self.name.clone(),
            "HELM_PLUGIN_DIR" => dir.clone(),
            _ => std::env::var(k).unwrap_or_default(),
        };
        let main = expand(&self.command[0], &env);
        let mut args: Vec<String> = self.command[1..].iter().map(|a| expand(a, &env)).collect();
        args.extend(self.extra_args.iter().cloned());
        let program = look_path(&main)?;
        let shown = std::iter::once(program.display().to_string())
            .chain(args.iter().cloned())
            .collect::<Vec<_>>()
            .join(" ");
        log(LogLine::new(Level::Debug, "executing plugin command")
            .with("pluginName", self.name.as_str())
            .with("command", shown));
        let mut child = Command::new(&program)
            .args(&args)
            .env("HELM_PLUGIN_NAME", &self.name)
            .env("HELM_PLUGIN_DIR", &dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| {
                format!(
                    "fork/exec {}: {}",
                    program.display(),
                    crate::chart::go_errno_text(&e)
                )
            })?;
        let mut stdin = child.stdin.take().expect("stdin is piped");
        let input = manifests.to_vec();
        // Feed stdin from a thread so a plugin writing before it reads cannot deadlock.
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        let out = child
            .wait_with_output()
            .map_err(|e| crate::chart::go_errno_text(&e))?;
        let _ = feeder.join();
        if !out.status.success() {
            let code = out.status.code().unwrap_or(-1);
            log(LogLine::new(Level::Debug, "plugin execution failed")
                .with("pluginName", self.name.as_str())
                .with("error", exit_text(&out.status))
                .with("exitCode", code.to_string())
                .with("stderr", ""));
            return Err(format!(
                "plugin {} exited with error",
                gotemplate::strconv::quote(&self.name)
            ));
        }
        Ok(out.stdout)
    }
}

/// Go's `*exec.ExitError` text.
fn exit_text(status: &std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(c), _) => format!("exit status {c}"),
        (None, Some(s)) => format!("signal: {}", signal_name(s)),
        _ => "exit status -1".into(),
    }
}

fn signal_name(s: i32) -> String {
    match s {
        9 => "killed".into(),
        15 => "terminated".into(),
        2 => "interrupt".into(),
        13 => "broken pipe".into(),
        6 => "aborted".into(),
        11 => "segmentation fault".into(),
        other => format!("signal {other}"),
    }
}

/// Post-renders rendered files as Helm v4's `renderResources` does.
pub(super) fn run(
    pr: &dyn PostRenderer,
    files: &BTreeMap<String, String>,
    log: &mut dyn FnMut(LogLine),
) -> Result<BTreeMap<String, String>, TemplateError> {
    let merged = kyaml::annotate_and_merge(files).map_err(|(file, e)| match e {
        KyamlError::Unsupported(what) => TemplateError::Unsupported(format!(
            "--post-renderer: {file} has {what}, which chartrs cannot yet re-format the way Helm (kyaml) does before post-rendering"
        )),
        KyamlError::Syntax(m) => {
            TemplateError::Rendering(format!("error merging manifests: parsing {file}: {m}"))
        }
    })?;
    let out = pr.run(merged.as_bytes(), log).map_err(|e| {
        TemplateError::Rendering(format!(
            "error while running post render on files: failed to invoke post-renderer plugin {}: {e}",
            gotemplate::strconv::quote(pr.name())
        ))
    })?;
    let text = gotemplate::gostr::from_go_bytes(&out).into_owned();
    if text.trim_matches(crate::funcs::is_go_space).is_empty() {
        return Err(TemplateError::Rendering(format!(
            "error while running post render on files: post-renderer {} produced empty output",
            gotemplate::strconv::quote(pr.name())
        )));
    }
    kyaml::split_and_deannotate(&text).map_err(|e| match e {
        KyamlError::Unsupported(what) => TemplateError::Unsupported(format!(
            "--post-renderer: the output of {} has {what}, which chartrs cannot yet re-format the way Helm (kyaml) does",
            gotemplate::strconv::quote(pr.name())
        )),
        KyamlError::Syntax(m) => TemplateError::Rendering(format!(
            "error while parsing post rendered output: error parsing YAML: {m}"
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_like_go() {
        let env = |k: &str| match k {
            "HELM_PLUGIN_DIR" => "/p".to_string(),
            "X" => "x".to_string(),
            _ => String::new(),
        };
        assert_eq!(expand("${HELM_PLUGIN_DIR}/run.sh", &env), "/p/run.sh");
        assert_eq!(expand("$X-$Y.$", &env), "x-.$");
        assert_eq!(expand("a${}b", &env), "ab");
    }
}
