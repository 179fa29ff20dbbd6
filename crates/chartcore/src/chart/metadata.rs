//! `Chart.yaml` and `Chart.lock` as Helm reads them: sigs.k8s.io/yaml into
//! Go structs, so keys match case-insensitively and numbers or booleans in
//! string fields become strings (floats through float32, `1.10` → `"1.1"`).

use gotemplate::strconv::format_float;
use gotemplate::{List, Map, Value};

use crate::semver::Version;

/// A chart maintainer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Maintainer {
    pub name: String,
    pub email: String,
    pub url: String,
}

/// A dependency entry of `Chart.yaml` (or `requirements.yaml`).
#[derive(Clone, Debug, Default)]
pub struct Dependency {
    pub name: String,
    pub version: String,
    pub repository: String,
    pub condition: String,
    pub tags: Vec<String>,
    pub enabled: bool,
    /// `import-values`: strings or `{child, parent}` maps, as written.
    pub import_values: Vec<Value>,
    pub alias: String,
}

/// `Chart.yaml`.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    pub name: String,
    pub home: String,
    pub sources: Vec<String>,
    pub version: String,
    pub description: String,
    pub keywords: Vec<String>,
    /// `None` entries are `null` list items (rejected by validation).
    pub maintainers: Vec<Option<Maintainer>>,
    pub icon: String,
    pub api_version: String,
    pub condition: String,
    pub tags: String,
    pub app_version: String,
    pub deprecated: bool,
    /// Annotations in key order.
    pub annotations: Vec<(String, String)>,
    pub kube_version: String,
    /// `None` entries are `null` list items (rejected by validation).
    pub dependencies: Vec<Option<Dependency>>,
    pub chart_type: String,
}

/// `Chart.lock`.
#[derive(Clone, Debug, Default)]
pub struct Lock {
    pub generated: String,
    pub digest: String,
    pub dependencies: Vec<Dependency>,
}

/// A struct decoding error in encoding/json's words.
fn type_error(value: &Value, field: &str, go_type: &str) -> String {
    let what = match value {
        Value::Bool(_) => "bool",
        Value::Float(_) | Value::Int(_) | Value::Int64(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) => "object",
        _ => "value",
    };
    format!(
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {what} into Go struct field {field} of type {go_type}"
    )
}

/// A scalar converted the way sigs.k8s.io/yaml fills a Go `string` field.
fn as_string(v: &Value, field: &str) -> Result<String, String> {
    Ok(match v {
        Value::Nil => String::new(),
        Value::String(s) => s.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Float(f) => format_float(*f, b'g', -1, 32),
        Value::Int(i) | Value::Int64(i) => i.to_string(),
        other => return Err(type_error(other, field, "string")),
    })
}

fn as_strings(v: &Value, field: &str) -> Result<Vec<String>, String> {
    match v {
        Value::Nil => Ok(Vec::new()),
        Value::List(l) => l.iter().map(|x| as_string(x, field)).collect(),
        other => Err(type_error(other, field, "[]string")),
    }
}

fn as_bool(v: &Value, field: &str) -> Result<bool, String> {
    match v {
        Value::Nil => Ok(false),
        Value::Bool(b) => Ok(*b),
        other => Err(type_error(other, field, "bool")),
    }
}

/// The entries of a mapping in the order encoding/json applies them (sorted
/// keys; a later case-insensitive duplicate overrides an earlier one).
fn fields(v: &Value, what: &str) -> Result<Vec<(String, Value)>, String> {
    match v {
        Value::Nil => Ok(Vec::new()),
        Value::Map(m) => Ok(m
            .entries()
            .into_iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), v))
            .collect()),
        other => Err(type_error(other, what, what)),
    }
}

impl Maintainer {
    fn from_value(v: &Value) -> Result<Option<Maintainer>, String> {
        if v.is_nil() {
            return Ok(None);
        }
        let mut m = Maintainer::default();
        for (k, v) in fields(v, "Metadata.maintainers")? {
            match k.as_str() {
                "name" => m.name = as_string(&v, "Maintainer.name")?,
                "email" => m.email = as_string(&v, "Maintainer.email")?,
                "url" => m.url = as_string(&v, "Maintainer.url")?,
                _ => {}
            }
        }
        Ok(Some(m))
    }
}

impl Dependency {
    fn from_value(v: &Value) -> Result<Option<Dependency>, String> {
        if v.is_nil() {
            return Ok(None);
        }
        let mut d = Dependency::default();
        for (k, v) in fields(v, "Metadata.dependencies")? {
            match k.as_str() {
                "name" => d.name = as_string(&v, "Dependency.name")?,
                "version" => d.version = as_string(&v, "Dependency.version")?,
                "repository" => d.repository = as_string(&v, "Dependency.repository")?,
                "condition" => d.condition = as_string(&v, "Dependency.condition")?,
                "tags" => d.tags = as_strings(&v, "Dependency.tags")?,
                "enabled" => d.enabled = as_bool(&v, "Dependency.enabled")?,
                "import-values" => {
                    d.import_values = match &v {
                        Value::Nil => Vec::new(),
                        Value::List(l) => l.items().to_vec(),
                        other => {
                            return Err(type_error(
                                other,
                                "Dependency.import-values",
                                "[]interface {}",
                            ));
                        }
                    }
                }
                "alias" => d.alias = as_string(&v, "Dependency.alias")?,
                _ => {}
            }
        }
        Ok(Some(d))
    }

    /// Helm's `Dependency.Validate`, after sanitizing the string fields.
    fn validate(&mut self) -> Result<(), String> {
        self.name = sanitize(&self.name);
        self.version = sanitize(&self.version);
        self.repository = sanitize(&self.repository);
        self.condition = sanitize(&self.condition);
        for t in &mut self.tags {
            *t = sanitize(t);
        }
        if !self.alias.is_empty()
            && !self
                .alias
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(format!(
                "dependency {} has disallowed characters in the alias",
                gotemplate::strconv::quote(&self.name)
            ));
        }
        Ok(())
    }

    /// The name the dependency is known by in its parent: alias or name.
    pub fn effective_name(&self) -> &str {
        if self.alias.is_empty() {
            &self.name
        } else {
            &self.alias
        }
    }
}

/// Helm's `sanitizeString`: white space becomes a space, unprintable runes go.
fn sanitize(s: &str) -> String {
    s.chars()
        .filter_map(|c| {
            if crate::funcs::is_go_space(c) {
                Some(' ')
            } else if gotemplate::strconv::is_print(c) {
                Some(c)
            } else {
                None
            }
        })
        .collect()
}

impl Metadata {
    /// Decodes `Chart.yaml` from its parsed YAML. Errors are in encoding/json's words.
    pub fn from_value(v: &Value) -> Result<Metadata, String> {
        let mut md = Metadata::default();
        md.apply(v)?;
        Ok(md)
    }

    /// Decodes fields of `v` into `self` (requirements.yaml adds to Chart.yaml this way).
    pub fn apply(&mut self, v: &Value) -> Result<(), String> {
        for (k, v) in fields(v, "Metadata")? {
            match k.as_str() {
                "name" => self.name = as_string(&v, "Metadata.name")?,
                "home" => self.home = as_string(&v, "Metadata.home")?,
                "sources" => self.sources = as_strings(&v, "Metadata.sources")?,
                "version" => self.version = as_string(&v, "Metadata.version")?,
                "description" => self.description = as_string(&v, "Metadata.description")?,
                "keywords" => self.keywords = as_strings(&v, "Metadata.keywords")?,
                "maintainers" => {
                    self.maintainers = match &v {
                        Value::Nil => Vec::new(),
                        Value::List(l) => l
                            .iter()
                            .map(Maintainer::from_value)
                            .collect::<Result<_, _>>()?,
                        other => {
                            return Err(type_error(
                                other,
                                "Metadata.maintainers",
                                "[]*v2.Maintainer",
                            ));
                        }
                    }
                }
                "icon" => self.icon = as_string(&v, "Metadata.icon")?,
                "apiversion" => self.api_version = as_string(&v, "Metadata.apiVersion")?,
                "condition" => self.condition = as_string(&v, "Metadata.condition")?,
                "tags" => self.tags = as_string(&v, "Metadata.tags")?,
                "appversion" => self.app_version = as_string(&v, "Metadata.appVersion")?,
                "deprecated" => self.deprecated = as_bool(&v, "Metadata.deprecated")?,
                "annotations" => {
                    self.annotations = match &v {
                        Value::Nil => Vec::new(),
                        Value::Map(m) => m
                            .entries()
                            .into_iter()
                            .map(|(k, v)| {
                                Ok((k.to_string(), as_string(&v, "Metadata.annotations")?))
                            })
                            .collect::<Result<_, String>>()?,
                        other => {
                            return Err(type_error(
                                other,
                                "Metadata.annotations",
                                "map[string]string",
                            ));
                        }
                    }
                }
                "kubeversion" => self.kube_version = as_string(&v, "Metadata.kubeVersion")?,
                "dependencies" => {
                    self.dependencies = match &v {
                        Value::Nil => Vec::new(),
                        Value::List(l) => l
                            .iter()
                            .map(Dependency::from_value)
                            .collect::<Result<_, _>>()?,
                        other => {
                            return Err(type_error(
                                other,
                                "Metadata.dependencies",
                                "[]*v2.Dependency",
                            ));
                        }
                    }
                }
                "type" => self.chart_type = as_string(&v, "Metadata.type")?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Helm's `Metadata.Validate` (messages without the `validation: ` prefix).
    pub fn validate(&mut self) -> Result<(), String> {
        self.name = sanitize(&self.name);
        self.description = sanitize(&self.description);
        self.home = sanitize(&self.home);
        self.icon = sanitize(&self.icon);
        self.condition = sanitize(&self.condition);
        self.tags = sanitize(&self.tags);
        self.app_version = sanitize(&self.app_version);
        self.kube_version = sanitize(&self.kube_version);
        for s in self.sources.iter_mut().chain(self.keywords.iter_mut()) {
            *s = sanitize(s);
        }
        if self.api_version.is_empty() {
            return Err("chart.metadata.apiVersion is required".into());
        }
        if self.name.is_empty() {
            return Err("chart.metadata.name is required".into());
        }
        if self.name == "." || self.name == ".." {
            return Err(format!(
                "chart.metadata.name {} is not allowed",
                gotemplate::strconv::quote(&self.name)
            ));
        }
        if self.name.contains('/') || self.name != go_base(&self.name) {
            return Err(format!(
                "chart.metadata.name {} is invalid",
                gotemplate::strconv::quote(&self.name)
            ));
        }
        if self.version.is_empty() {
            return Err("chart.metadata.version is required".into());
        }
        if Version::parse(&self.version).is_err() {
            return Err(format!(
                "chart.metadata.version {} is invalid",
                gotemplate::strconv::quote(&self.version)
            ));
        }
        if !matches!(self.chart_type.as_str(), "" | "application" | "library") {
            return Err("chart.metadata.type must be application or library".into());
        }
        for m in &mut self.maintainers {
            let Some(m) = m else {
                return Err("maintainers must not contain empty or null nodes".into());
            };
            m.name = sanitize(&m.name);
            m.email = sanitize(&m.email);
            m.url = sanitize(&m.url);
        }
        let mut seen = std::collections::HashSet::new();
        for d in &mut self.dependencies {
            let Some(d) = d else {
                return Err("dependencies must not contain empty or null nodes".into());
            };
            d.validate()?;
            if !seen.insert(d.effective_name().to_string()) {
                return Err(format!(
                    "more than one dependency with name or alias {}",
                    gotemplate::strconv::quote(d.effective_name())
                ));
            }
        }
        Ok(())
    }

    /// The dependencies that are not null.
    pub fn deps(&self) -> impl Iterator<Item = &Dependency> {
        self.dependencies.iter().flatten()
    }

    /// `.Chart` as Helm v4 exposes it: Go field names as keys, every field
    /// present, nested structs as maps.
    pub fn to_template_value(&self, is_root: bool) -> Value {
        let strings = |v: &[String]| {
            Value::List(List::new(
                v.iter().map(|s| Value::str(s.as_str())).collect(),
            ))
        };
        let m = Map::new();
        m.insert("APIVersion", Value::str(self.api_version.as_str()));
        m.insert(
            "Annotations",
            Value::map(
                self.annotations
                    .iter()
                    .map(|(k, v)| (k.as_str(), Value::str(v.as_str()))),
            ),
        );
        m.insert("AppVersion", Value::str(self.app_version.as_str()));
        m.insert("Condition", Value::str(self.condition.as_str()));
        m.insert(
            "Dependencies",
            Value::list(
                self.dependencies
                    .iter()
                    .map(|d| match d {
                        None => Value::Nil,
                        Some(d) => Value::map([
                            ("Alias", Value::str(d.alias.as_str())),
                            ("Condition", Value::str(d.condition.as_str())),
                            ("Enabled", Value::Bool(d.enabled)),
                            ("ImportValues", Value::list(d.import_values.clone())),
                            ("Name", Value::str(d.name.as_str())),
                            ("Repository", Value::str(d.repository.as_str())),
                            ("Tags", strings(&d.tags)),
                            ("Version", Value::str(d.version.as_str())),
                        ]),
                    })
                    .collect(),
            ),
        );
        m.insert("Deprecated", Value::Bool(self.deprecated));
        m.insert("Description", Value::str(self.description.as_str()));
        m.insert("Home", Value::str(self.home.as_str()));
        m.insert("Icon", Value::str(self.icon.as_str()));
        m.insert("IsRoot", Value::Bool(is_root));
        m.insert("Keywords", strings(&self.keywords));
        m.insert("KubeVersion", Value::str(self.kube_version.as_str()));
        m.insert(
            "Maintainers",
            Value::list(
                self.maintainers
                    .iter()
                    .map(|mt| match mt {
                        None => Value::Nil,
                        Some(mt) => Value::map([
                            ("Email", Value::str(mt.email.as_str())),
                            ("Name", Value::str(mt.name.as_str())),
                            ("URL", Value::str(mt.url.as_str())),
                        ]),
                    })
                    .collect(),
            ),
        );
        m.insert("Name", Value::str(self.name.as_str()));
        m.insert("Sources", strings(&self.sources));
        m.insert("Tags", Value::str(self.tags.as_str()));
        m.insert("Type", Value::str(self.chart_type.as_str()));
        m.insert("Version", Value::str(self.version.as_str()));
        Value::Map(m)
    }
}

impl Lock {
    /// Decodes `Chart.lock` from its parsed YAML.
    pub fn from_value(v: &Value) -> Result<Lock, String> {
        let mut lock = Lock::default();
        for (k, v) in fields(v, "Lock")? {
            match k.as_str() {
                "generated" => lock.generated = as_string(&v, "Lock.generated")?,
                "digest" => lock.digest = as_string(&v, "Lock.digest")?,
                "dependencies" => {
                    if let Value::List(l) = &v {
                        for d in l.iter() {
                            if let Some(d) = Dependency::from_value(d)? {
                                lock.dependencies.push(d);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        Ok(lock)
    }
}

/// Go's `filepath.Base` on a slash path.
fn go_base(p: &str) -> &str {
    let t = p.trim_end_matches('/');
    if t.is_empty() {
        return if p.is_empty() { "." } else { "/" };
    }
    match t.rfind('/') {
        Some(i) => &t[i + 1..],
        None => t,
    }
}
