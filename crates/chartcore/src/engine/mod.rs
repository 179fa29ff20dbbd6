//! Rendering a chart's templates the way Helm's `pkg/engine` does: every
//! template of the chart and its subcharts in one template set, parsed in
//! Helm's order (so `define` precedence matches), each non-partial executed
//! with its chart's context, `<no value>` removed from the output.

mod capabilities;
pub mod errors;
mod files;
mod glob;
mod trace;

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use gotemplate::{
    CallContext, FuncError, FuncMap, Function, GoType, Map, MissingKey, Templates, Value,
};

pub(crate) use capabilities::CapabilitiesObject;
pub use capabilities::{
    Capabilities, DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, HELM_VERSION, KubeVersion,
};
pub use files::Files;
pub use trace::{Origin, Traced};

use crate::chart::Chart;
use crate::funcs;

/// How many nested `include`s of one name Helm allows (`recursionMaxNums`).
const RECURSION_MAX_NUMS: usize = 1000;

/// The name of the root template; `tpl` sources are parsed under it.
const ROOT_TEMPLATE: &str = "gotpl";

/// Release information, `.Release` in templates.
#[derive(Clone, Debug)]
pub struct ReleaseInfo {
    /// `.Release.Name`.
    pub name: String,
    /// `.Release.Namespace`.
    pub namespace: String,
    /// `.Release.IsUpgrade`.
    pub is_upgrade: bool,
    /// `.Release.IsInstall`.
    pub is_install: bool,
    /// `.Release.Revision` (1 for `helm template`).
    pub revision: i64,
}

impl ReleaseInfo {
    fn to_value(&self) -> Value {
        Value::map([
            ("IsInstall", Value::Bool(self.is_install)),
            ("IsUpgrade", Value::Bool(self.is_upgrade)),
            ("Name", Value::str(self.name.as_str())),
            ("Namespace", Value::str(self.namespace.as_str())),
            ("Revision", Value::Int(self.revision)),
            ("Service", Value::str("Helm")),
        ])
    }
}

/// Engine settings.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    /// `missingkey=error` instead of Helm's `zero`.
    pub strict: bool,
    /// `required` and `fail` log instead of failing (`helm lint`).
    pub lint_mode: bool,
    /// Budgets for embedders rendering untrusted charts.
    pub limits: gotemplate::Limits,
    /// The process exits right after this render (a CLI run): the parsed
    /// templates are left for the OS to reclaim instead of being freed.
    pub one_shot: bool,
}

/// A rendering failure, with Helm's message.
#[derive(Debug, Clone, thiserror::Error)]
pub enum RenderError {
    /// A template does not parse: `parse error at (chart/templates/x.yaml:3): ...`.
    #[error("{message}")]
    Parse {
        /// The template that failed to parse.
        file: String,
        /// Helm's message.
        message: String,
        /// The engine's error, with positions.
        error: Box<gotemplate::Error>,
    },
    /// A template failed while executing.
    #[error("{message}")]
    Exec {
        /// The template that was executing.
        file: String,
        /// Helm's message.
        message: String,
        /// The engine's error, with positions and the `include` chain.
        error: Box<gotemplate::Error>,
    },
}

impl RenderError {
    /// The underlying engine error, with its source positions.
    pub fn template_error(&self) -> &gotemplate::Error {
        match self {
            RenderError::Parse { error, .. } | RenderError::Exec { error, .. } => error,
        }
    }
}

struct Renderable {
    source: Arc<[u8]>,
    vals: Map,
    base_path: String,
}

/// Collects the templates of `c` and its subcharts with their contexts
/// (Helm's `recAllTpls`); returns this chart's context map.
fn collect(
    c: &Chart,
    full_path: &str,
    parent: &Map,
    is_root: bool,
    shared: &SharedContext,
    out: &mut BTreeMap<String, Renderable>,
) -> Map {
    let sub_charts = Map::new();
    let next = Map::new();
    next.insert("Chart", c.metadata.to_template_value(is_root));
    next.insert("Files", Value::object(Files::new(&c.files)));
    next.insert("Release", shared.release.clone());
    next.insert("Capabilities", shared.capabilities.clone());
    next.insert("Subcharts", Value::Map(sub_charts.clone()));
    let values = if is_root {
        parent
            .get("Values")
            .unwrap_or_else(|| Value::Map(Map::new()))
    } else {
        match parent.get("Values") {
            Some(Value::Map(pv)) => match pv.get(c.name()) {
                Some(Value::Map(m)) => Value::Map(m),
                _ => Value::Map(Map::new()),
            },
            _ => Value::Map(Map::new()),
        }
    };
    next.insert("Values", values);
    for child in &c.dependencies {
        let child_path = format!("{full_path}/charts/{}", child.name());
        let child_ctx = collect(child, &child_path, &next, false, shared, out);
        sub_charts.insert(child.name(), Value::Map(child_ctx));
    }
    let library = c.is_library();
    for t in &c.templates {
        let base = t.name.rsplit('/').next().unwrap_or(&t.name);
        if library && !base.starts_with('_') {
            continue;
        }
        out.insert(
            format!("{full_path}/{}", t.name),
            Renderable {
                source: t.data.bytes().clone(),
                vals: next.clone(),
                base_path: format!("{full_path}/templates"),
            },
        );
    }
    next
}

/// Helm drops every `<no value>` Go printed for a missing value.
fn without_no_value(out: String) -> String {
    if out.contains("<no value>") {
        out.replace("<no value>", "")
    } else {
        out
    }
}

struct SharedContext {
    release: Value,
    capabilities: Value,
}

/// Helm's parse order: deepest paths first, reverse-lexical within a depth,
/// so that for a duplicated `define` the shallowest, alphabetically first
/// file is parsed last and wins.
fn sort_templates(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut keys: Vec<String> = names.collect();
    keys.sort_by(|a, b| {
        let (ca, cb) = (a.matches('/').count(), b.matches('/').count());
        ca.cmp(&cb).then_with(|| a.cmp(b)).reverse()
    });
    keys
}

/// Per-execution state of `include`: active nesting per template name.
#[derive(Default)]
struct IncludeDepth(HashMap<String, usize>);

fn include_function() -> Function {
    Function::new(&[GoType::String, GoType::Any], |ctx, args| {
        let name = args[0].as_str().unwrap_or_default().to_string();
        {
            let depth = ctx.extensions().get_or_default::<IncludeDepth>();
            let n = depth.0.entry(name.clone()).or_insert(0);
            if *n > RECURSION_MAX_NUMS {
                return Err(FuncError::msg(format!(
                    "rendering template has a nested reference name: {name}: unable to execute template"
                )));
            }
            *n += 1;
        }
        let result = ctx.execute_template(&name, args[1].clone());
        if let Some(n) = ctx
            .extensions()
            .get_or_default::<IncludeDepth>()
            .0
            .get_mut(&name)
        {
            *n -= 1;
        }
        result.map(Value::str).map_err(FuncError::from)
    })
}

fn tpl_function() -> Function {
    Function::new(
        &[GoType::String, GoType::Any],
        |ctx: &mut dyn CallContext, args| {
            let src = args[0].as_str().unwrap_or_default().to_string();
            match ctx.execute_source(ROOT_TEMPLATE, &src, args[1].clone()) {
                Ok(out) => Ok(Value::str(without_no_value(out))),
                Err(e @ gotemplate::Error::Parse { .. }) => Err(FuncError::msg(format!(
                    "cannot parse template {}: {e}",
                    gotemplate::strconv::quote(&src)
                ))),
                Err(e) => Err(FuncError::msg(format!(
                    "error during tpl function execution for {}: {e}",
                    gotemplate::strconv::quote(&src)
                ))),
            }
        },
    )
}

impl Engine {
    /// The function map of a render: Sprig and Helm functions plus the
    /// render-bound ones.
    fn functions(&self) -> FuncMap {
        let mut m = funcs::function_map();
        m.insert("include", include_function());
        m.insert("tpl", tpl_function());
        let lint = self.lint_mode;
        m.insert(
            "required",
            Function::new(&[GoType::String, GoType::Any], move |_, args| {
                let empty = match &args[1] {
                    Value::Nil => true,
                    Value::String(s) => s.is_empty(),
                    _ => false,
                };
                if !empty {
                    return Ok(args[1].clone());
                }
                if lint {
                    return Ok(Value::str(""));
                }
                Err(FuncError::msg(errors::warn_wrap(
                    args[0].as_str().unwrap_or_default(),
                )))
            }),
        );
        m.insert(
            "fail",
            Function::new(&[GoType::String], move |_, args| {
                if lint {
                    return Ok(Value::str(""));
                }
                Err(FuncError::msg(errors::warn_wrap(
                    args[0].as_str().unwrap_or_default(),
                )))
            }),
        );
        m
    }

    /// Parses every template of `chart` and its subcharts into one set, in
    /// Helm's order, with the context each template executes with.
    fn prepare(
        &self,
        chart: &Chart,
        values: &Map,
        release: &ReleaseInfo,
        caps: &Capabilities,
    ) -> Result<Prepared, RenderError> {
        let shared = SharedContext {
            release: release.to_value(),
            capabilities: Value::object(CapabilitiesObject::new(caps)),
        };
        let top = Map::new();
        top.insert("Values", Value::Map(values.clone()));
        let mut tpls = BTreeMap::new();
        collect(chart, chart.name(), &top, true, &shared, &mut tpls);

        let mut set = Templates::new(ROOT_TEMPLATE, self.functions());
        set.set_missing_key(if self.strict {
            MissingKey::Error
        } else {
            MissingKey::Zero
        });
        set.set_limits(self.limits);
        let keys = sort_templates(tpls.keys().cloned());
        // Parse every template in parallel, then add them in Helm's order so
        // that define precedence and the first reported error are Helm's.
        let bytes = tpls.values().map(|r| r.source.len()).sum();
        let parsed = crate::parallel::map_ordered(&keys, bytes, |name| {
            // Go templates are bytes: text that is not UTF-8 is carried
            // through to the output (and to Helm's YAML errors) as is.
            let text = gotemplate::gostr::from_go_bytes(&tpls[name].source);
            set.parse_trees(name, &text)
        });
        for (name, trees) in keys.iter().zip(parsed) {
            let trees = trees.map_err(|e| RenderError::Parse {
                file: name.clone(),
                message: errors::parse_error_message(name, &e),
                error: Box::new(e),
            })?;
            set.add_trees(trees);
        }
        Ok(Prepared {
            set,
            tpls,
            keys,
            source_bytes: bytes,
        })
    }

    /// Renders every template of `chart` (and its subcharts). `values` are
    /// the coalesced values of the root chart. Returns template path →
    /// output, partials excluded, `NOTES.txt` included.
    pub fn render(
        &self,
        chart: &Chart,
        values: &Map,
        release: &ReleaseInfo,
        caps: &Capabilities,
    ) -> Result<BTreeMap<String, String>, RenderError> {
        let no_check = || Ok::<(), std::convert::Infallible>(());
        match self.render_after(chart, values, release, caps, no_check, &|_, _| {}) {
            Ok(rendered) => rendered,
            Err(never) => match never {},
        }
    }

    /// [`render`](Self::render), calling `before_exec` once the templates
    /// are parsed and before any executes (work that must fail first, such
    /// as schema validation, can overlap parsing): its error comes first,
    /// also before a parse error. Each template's output goes to
    /// `on_rendered` as soon as it is rendered, while the next ones execute,
    /// when the chart is large enough for the thread pool (only then is work
    /// to overlap worth it).
    pub fn render_after<E>(
        &self,
        chart: &Chart,
        values: &Map,
        release: &ReleaseInfo,
        caps: &Capabilities,
        before_exec: impl FnOnce() -> Result<(), E>,
        on_rendered: &dyn Fn(&str, &str),
    ) -> Result<Result<BTreeMap<String, String>, RenderError>, E> {
        let prepared = self.prepare(chart, values, release, caps);
        before_exec()?;
        Ok(prepared.and_then(|p| self.execute_all(p, on_rendered)))
    }

    fn execute_all(
        &self,
        p: Prepared,
        on_rendered: &dyn Fn(&str, &str),
    ) -> Result<BTreeMap<String, String>, RenderError> {
        let stream = p.source_bytes >= crate::parallel::PARALLEL_MIN_BYTES;
        let mut rendered = BTreeMap::new();
        for name in &p.keys {
            let base = name.rsplit('/').next().unwrap_or(name);
            if base.starts_with('_') {
                continue;
            }
            let out = p
                .set
                .execute(name, &p.context(name))
                .map_err(|e| RenderError::Exec {
                    file: name.clone(),
                    message: errors::exec_error_message(&e),
                    error: Box::new(e),
                })?;
            let out = without_no_value(out);
            if stream {
                on_rendered(name, &out);
            }
            rendered.insert(name.clone(), out);
        }
        // Freeing every parsed template of a large chart takes as long as
        // executing them: a process that exits next leaves it to the OS,
        // others free them off the caller's path.
        if self.one_shot {
            std::mem::forget(p);
        } else if p.source_bytes >= crate::parallel::PARALLEL_MIN_BYTES {
            rayon::spawn(move || drop(p));
        }
        Ok(rendered)
    }

    /// Renders one template again with every piece of its output tagged
    /// with the template source that wrote it (see [`Traced`]). `None` if
    /// the template is not in the chart or fails.
    pub fn trace(
        &self,
        chart: &Chart,
        values: &Map,
        release: &ReleaseInfo,
        caps: &Capabilities,
        name: &str,
    ) -> Option<Traced> {
        let p = self.prepare(chart, values, release, caps).ok()?;
        trace::trace(&p.set, name, &p.context(name))
    }
}

/// A parsed template set and the context of each template.
struct Prepared {
    set: Templates,
    tpls: BTreeMap<String, Renderable>,
    keys: Vec<String>,
    /// Total size of the template sources.
    source_bytes: usize,
}

impl Prepared {
    /// The data a template executes with (`.Template` set for it).
    fn context(&self, name: &str) -> Value {
        let r = &self.tpls[name];
        r.vals.insert(
            "Template",
            Value::map([
                ("BasePath", Value::str(r.base_path.as_str())),
                ("Name", Value::str(name)),
            ]),
        );
        Value::Map(r.vals.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_order_puts_shallow_first_names_last() {
        let keys = sort_templates(
            [
                "p/templates/_b.tpl",
                "p/charts/s/templates/_h.tpl",
                "p/templates/_a.tpl",
            ]
            .into_iter()
            .map(String::from),
        );
        assert_eq!(
            keys,
            [
                "p/charts/s/templates/_h.tpl",
                "p/templates/_b.tpl",
                "p/templates/_a.tpl"
            ]
        );
    }
}
