//! `Chart.yaml` and `Chart.lock` as Helm reads them: sigs.k8s.io/yaml into
//! Go structs, so keys match case-insensitively and numbers or booleans in
//! string fields become strings (floats through float32, `1.10` → `"1.1"`).

use gotemplate::{List, Map, Value};

use super::decode::{Decoder, Path};

use crate::semver::Version;

/// A chart maintainer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Maintainer {
    /// The maintainer's name.
    pub name: String,
    /// Their e-mail address.
    pub email: String,
    /// Their URL.
    pub url: String,
}

/// A dependency entry of `Chart.yaml` (or `requirements.yaml`).
#[derive(Clone, Debug, Default)]
pub struct Dependency {
    /// The subchart's chart name.
    pub name: String,
    /// A version or SemVer constraint the subchart must satisfy.
    pub version: String,
    /// Where the chart comes from (`""` for one already in `charts/`).
    pub repository: String,
    /// Comma-separated value paths; the first that holds a bool enables or disables the subchart.
    pub condition: String,
    /// Tags (`tags.NAME` in values) that enable or disable the subchart.
    pub tags: Vec<String>,
    /// Whether dependency processing kept the subchart.
    pub enabled: bool,
    /// `import-values`: strings or `{child, parent}` maps, as written.
    pub import_values: Vec<Value>,
    /// The name the subchart is used under instead of its own.
    pub alias: String,
}

/// `Chart.yaml`.
#[derive(Clone, Debug, Default)]
pub struct Metadata {
    /// The chart name.
    pub name: String,
    /// The project's home page.
    pub home: String,
    /// Source code URLs.
    pub sources: Vec<String>,
    /// The chart version (SemVer).
    pub version: String,
    /// A one-line description.
    pub description: String,
    /// Search keywords.
    pub keywords: Vec<String>,
    /// `None` entries are `null` list items (rejected by validation).
    pub maintainers: Vec<Option<Maintainer>>,
    /// An icon URL.
    pub icon: String,
    /// `v1` (Helm 2 style, also when absent), `v2` or `v3`.
    pub api_version: String,
    /// Unused by Helm 3+ (kept for `.Chart.Condition`).
    pub condition: String,
    /// Unused by Helm 3+ (kept for `.Chart.Tags`).
    pub tags: String,
    /// The version of the packaged application (free text).
    pub app_version: String,
    /// Whether the chart is deprecated (Helm warns).
    pub deprecated: bool,
    /// Annotations in key order; `None` when Chart.yaml has none (a nil
    /// Go map, `null` in `toYaml .Chart`).
    pub annotations: Option<Vec<(String, String)>>,
    /// A SemVer constraint on the Kubernetes version.
    pub kube_version: String,
    /// `None` entries are `null` list items (rejected by validation).
    pub dependencies: Vec<Option<Dependency>>,
    /// `application` (or empty) or `library`.
    pub chart_type: String,
}

/// `Chart.lock`.
#[derive(Clone, Debug, Default)]
pub struct Lock {
    /// When the lock was written (RFC 3339).
    pub generated: String,
    /// The digest of the dependencies it locks.
    pub digest: String,
    /// The locked dependencies.
    pub dependencies: Vec<Dependency>,
}

impl Maintainer {
    fn decode(d: &mut Decoder, fields: &[(String, Value)], path: &Path) -> Maintainer {
        let mut m = Maintainer::default();
        for (k, v) in fields {
            let p = path.key(k);
            match k.to_ascii_lowercase().as_str() {
                "name" => m.name = d.string(v, &p),
                "email" => m.email = d.string(v, &p),
                "url" => m.url = d.string(v, &p),
                _ => {}
            }
        }
        m
    }
}

impl Dependency {
    fn decode(d: &mut Decoder, fields: &[(String, Value)], path: &Path) -> Dependency {
        let mut dep = Dependency::default();
        for (k, v) in fields {
            let p = path.key(k);
            match k.to_ascii_lowercase().as_str() {
                "name" => dep.name = d.string(v, &p),
                "version" => dep.version = d.string(v, &p),
                "repository" => dep.repository = d.string(v, &p),
                "condition" => dep.condition = d.string(v, &p),
                "tags" => dep.tags = d.strings(v, &p),
                "enabled" => dep.enabled = d.bool(v, &p),
                "import-values" => {
                    dep.import_values = match v {
                        Value::Nil => Vec::new(),
                        Value::List(l) => l.items().to_vec(),
                        other => {
                            d.type_error(other, &p, "[]interface {}");
                            Vec::new()
                        }
                    }
                }
                "alias" => dep.alias = d.string(v, &p),
                _ => {}
            }
        }
        dep
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
    /// Decodes `Chart.yaml` from its parsed YAML (Go type `v2.Metadata`).
    /// Errors are in encoding/json's words.
    pub fn from_value(v: &Value) -> Result<Metadata, String> {
        let mut md = Metadata::default();
        md.apply(v)?;
        Ok(md)
    }

    /// Decodes fields of `v` into `self` (requirements.yaml adds to Chart.yaml this way).
    pub fn apply(&mut self, v: &Value) -> Result<(), String> {
        let mut d = Decoder::default();
        let root = Path::root();
        for (k, v) in d.object(v, &root, "v2.Metadata").unwrap_or_default() {
            let p = root.key(&k);
            match k.to_ascii_lowercase().as_str() {
                "name" => self.name = d.string(&v, &p),
                "home" => self.home = d.string(&v, &p),
                "sources" => self.sources = d.strings(&v, &p),
                "version" => self.version = d.string(&v, &p),
                "description" => self.description = d.string(&v, &p),
                "keywords" => self.keywords = d.strings(&v, &p),
                "maintainers" => {
                    self.maintainers = d.list(
                        &v,
                        &p,
                        "[]*v2.Maintainer",
                        "v2.Maintainer",
                        Maintainer::decode,
                    )
                }
                "icon" => self.icon = d.string(&v, &p),
                "apiversion" => self.api_version = d.string(&v, &p),
                "condition" => self.condition = d.string(&v, &p),
                "tags" => self.tags = d.string(&v, &p),
                "appversion" => self.app_version = d.string(&v, &p),
                "deprecated" => self.deprecated = d.bool(&v, &p),
                "annotations" => self.annotations = d.string_map(&v, &p),
                "kubeversion" => self.kube_version = d.string(&v, &p),
                "dependencies" => {
                    self.dependencies = d.list(
                        &v,
                        &p,
                        "[]*v2.Dependency",
                        "v2.Dependency",
                        Dependency::decode,
                    )
                }
                "type" => self.chart_type = d.string(&v, &p),
                _ => {}
            }
        }
        d.finish()
    }

    /// The `apiVersion` of a `Chart.yaml`, read the way Helm's loader peeks at
    /// it before choosing a loader (Go type `loader.chartBase`).
    pub fn peek_api_version(v: &Value) -> Result<String, String> {
        let mut d = Decoder::default();
        let root = Path::root();
        let mut api_version = String::new();
        for (k, v) in d.object(v, &root, "loader.chartBase").unwrap_or_default() {
            if k.eq_ignore_ascii_case("apiversion") {
                api_version = d.string(&v, &root.key(&k));
            }
        }
        d.finish().map(|()| api_version)
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
            match &self.annotations {
                None => Value::Object(std::sync::Arc::new(NilStringMap)),
                Some(a) => Value::map(a.iter().map(|(k, v)| (k.as_str(), Value::str(v.as_str())))),
            },
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
    /// Decodes `Chart.lock` (or `requirements.lock`) from its parsed YAML
    /// (Go type `v2.Lock`).
    pub fn from_value(v: &Value) -> Result<Lock, String> {
        let mut lock = Lock::default();
        let mut d = Decoder::default();
        let root = Path::root();
        for (k, v) in d.object(v, &root, "v2.Lock").unwrap_or_default() {
            let p = root.key(&k);
            match k.to_ascii_lowercase().as_str() {
                "generated" => lock.generated = d.time(&v, &p),
                "digest" => lock.digest = d.string(&v, &p),
                "dependencies" => {
                    lock.dependencies = d
                        .list(
                            &v,
                            &p,
                            "[]*v2.Dependency",
                            "v2.Dependency",
                            Dependency::decode,
                        )
                        .into_iter()
                        .flatten()
                        .collect()
                }
                _ => {}
            }
        }
        d.finish().map(|()| lock)
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

/// A nil `map[string]string` (`.Chart.Annotations` of a chart without
/// annotations): empty to templates, `null` to `toYaml`/`toJson`.
#[derive(Debug)]
struct NilStringMap;

impl gotemplate::Object for NilStringMap {
    fn type_name(&self) -> &str {
        "map[string]string"
    }

    fn kind(&self) -> gotemplate::Kind {
        gotemplate::Kind::Map
    }

    fn field(&self, _name: &str) -> Option<Value> {
        Some(Value::str(""))
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        "map[]".into()
    }

    fn to_data(&self) -> Value {
        Value::Nil
    }

    fn is_truthy(&self) -> bool {
        false
    }

    fn length(&self) -> Option<usize> {
        Some(0)
    }

    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
