//! `.Capabilities`: the Kubernetes version and API versions templates may test,
//! and the Helm build they run under (Helm v4.3.1's defaults).

use std::any::Any;
use std::sync::Arc;

use gotemplate::strconv::quote as go_quote;
use gotemplate::{GoType, List, Object, Signature, Value};

/// The Kubernetes version `helm template` assumes without `--kube-version`.
pub const DEFAULT_KUBE_VERSION: &str = "v1.37.0";

/// Helm v4.3.1's default API versions (client-go's scheme), in its order.
pub const DEFAULT_API_VERSIONS: &[&str] = &[
    "v1",
    "admissionregistration.k8s.io/v1",
    "admissionregistration.k8s.io/v1alpha1",
    "admissionregistration.k8s.io/v1beta1",
    "internal.apiserver.k8s.io/v1alpha1",
    "apps/v1",
    "apps/v1beta1",
    "apps/v1beta2",
    "authentication.k8s.io/v1",
    "authentication.k8s.io/v1alpha1",
    "authentication.k8s.io/v1beta1",
    "authorization.k8s.io/v1",
    "authorization.k8s.io/v1beta1",
    "autoscaling/v1",
    "autoscaling/v2",
    "batch/v1",
    "batch/v1beta1",
    "certificates.k8s.io/v1",
    "certificates.k8s.io/v1beta1",
    "certificates.k8s.io/v1alpha1",
    "coordination.k8s.io/v1alpha2",
    "coordination.k8s.io/v1beta1",
    "coordination.k8s.io/v1",
    "discovery.k8s.io/v1",
    "discovery.k8s.io/v1beta1",
    "events.k8s.io/v1",
    "events.k8s.io/v1beta1",
    "extensions/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1",
    "flowcontrol.apiserver.k8s.io/v1beta1",
    "flowcontrol.apiserver.k8s.io/v1beta2",
    "flowcontrol.apiserver.k8s.io/v1beta3",
    "lifecycle.k8s.io/v1alpha1",
    "networking.k8s.io/v1",
    "networking.k8s.io/v1beta1",
    "node.k8s.io/v1",
    "node.k8s.io/v1alpha1",
    "node.k8s.io/v1beta1",
    "policy/v1",
    "policy/v1beta1",
    "rbac.authorization.k8s.io/v1",
    "rbac.authorization.k8s.io/v1beta1",
    "rbac.authorization.k8s.io/v1alpha1",
    "resource.k8s.io/v1",
    "resource.k8s.io/v1beta2",
    "resource.k8s.io/v1beta1",
    "resource.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1alpha3",
    "scheduling.k8s.io/v1beta1",
    "scheduling.k8s.io/v1",
    "storage.k8s.io/v1beta1",
    "storage.k8s.io/v1",
    "storage.k8s.io/v1alpha1",
    "storagemigration.k8s.io/v1",
    "storagemigration.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1beta1",
    "apiextensions.k8s.io/v1",
];

/// Helm's build information (`.Capabilities.HelmVersion`).
pub const HELM_VERSION: &str = "v4.3.1";
pub const HELM_GIT_COMMIT: &str = "c0d08d0d6d9424d4a14febb5e8a3e51b0dd00dff";
pub const HELM_GO_VERSION: &str = "go1.27.2";
pub const HELM_KUBE_CLIENT_VERSION: &str = "v1.37";

/// A Kubernetes version as `--kube-version` gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KubeVersion {
    /// As given, with a `v` prefix (`v1.28.3-gke.1`).
    pub version: String,
    /// Without prerelease/build suffix (`v1.28.3`), used for `String()` and constraints.
    pub normalized: String,
    /// The major version (`1`).
    pub major: String,
    /// The minor version (`28`).
    pub minor: String,
}

impl KubeVersion {
    /// Parses `--kube-version` as Helm v4 does (k8s `ParseGeneric`): an
    /// optional `v`, at least `major.minor`, any suffix kept only in `version`.
    pub fn parse(s: &str) -> Result<KubeVersion, String> {
        let trimmed = s.trim_start();
        let body = trimmed.strip_prefix('v').unwrap_or(trimmed);
        let digits_end = body
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_ascii_digit()
                    || (c == '.' && body[i + 1..].starts_with(|d: char| d.is_ascii_digit())))
            })
            .map_or(body.len(), |(i, _)| i);
        let numbers = &body[..digits_end];
        if numbers.is_empty() || !numbers.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(format!("could not parse {} as version", go_quote(s)));
        }
        let components: Vec<&str> = numbers.split('.').collect();
        if components.len() < 2 {
            return Err(format!("illegal version string {}", go_quote(s)));
        }
        if components[0].len() > 1 && components[0].starts_with('0') {
            return Err(format!(
                "illegal zero-prefixed version component {} in {}",
                go_quote(components[0]),
                go_quote(s)
            ));
        }
        let mut parsed = Vec::with_capacity(components.len());
        for comp in &components {
            let n: u64 = comp.parse().map_err(|_| {
                format!(
                    "illegal non-numeric version component {} in {}: strconv.ParseUint: parsing {}: value out of range",
                    go_quote(comp),
                    go_quote(s),
                    go_quote(comp)
                )
            })?;
            parsed.push(n.to_string());
        }
        let version = if s.starts_with('v') {
            s.to_string()
        } else {
            format!("v{s}")
        };
        Ok(KubeVersion {
            normalized: format!("v{}", parsed.join(".")),
            version,
            major: parsed[0].clone(),
            minor: parsed[1].clone(),
        })
    }

    /// Helm's default, `v1.37.0`.
    pub fn default_version() -> KubeVersion {
        KubeVersion::parse(DEFAULT_KUBE_VERSION).expect("the default Kubernetes version parses")
    }
}

impl Object for KubeVersion {
    fn type_name(&self) -> &str {
        "common.KubeVersion"
    }

    fn field(&self, name: &str) -> Option<Value> {
        Some(Value::str(match name {
            "Version" => self.version.as_str(),
            "Major" => self.major.as_str(),
            "Minor" => self.minor.as_str(),
            _ => return None,
        }))
    }

    fn method(&self, name: &str) -> Option<Signature> {
        matches!(name, "String" | "GitVersion").then(|| Signature::new(&[]))
    }

    fn call_method(&self, name: &str, _args: Vec<Value>) -> Result<Value, String> {
        Ok(Value::str(match name {
            "GitVersion" => self.version.as_str(),
            _ => self.normalized.as_str(),
        }))
    }

    // `String()` has a pointer receiver: only `{{ .Capabilities.KubeVersion }}`
    // (a field reached through *Capabilities) uses it; printf and friends get
    // a copy and print the struct.
    fn to_go_string_addressable(&self) -> Option<String> {
        Some(self.normalized.clone())
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        format!(
            "{{{} {} {} {}}}",
            self.version, self.normalized, self.major, self.minor
        )
    }

    fn to_data(&self) -> Value {
        Value::map([
            ("Major", Value::str(self.major.as_str())),
            ("Minor", Value::str(self.minor.as_str())),
            ("Version", Value::str(self.version.as_str())),
        ])
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `.Capabilities.APIVersions`: a list of `group/version` strings with `Has`.
#[derive(Clone, Debug)]
pub struct VersionSet(pub Vec<String>);

impl Object for VersionSet {
    fn type_name(&self) -> &str {
        "common.VersionSet"
    }

    fn kind(&self) -> gotemplate::Kind {
        gotemplate::Kind::Slice
    }

    fn method(&self, name: &str) -> Option<Signature> {
        (name == "Has").then(|| Signature::new(&[GoType::String]))
    }

    fn call_method(&self, _name: &str, args: Vec<Value>) -> Result<Value, String> {
        let want = args[0].as_str().unwrap_or_default();
        Ok(Value::Bool(self.0.iter().any(|v| v == want)))
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        format!("[{}]", self.0.join(" "))
    }

    fn to_data(&self) -> Value {
        Value::List(List::strings(self.0.iter().map(String::as_str)))
    }

    fn is_truthy(&self) -> bool {
        !self.0.is_empty()
    }

    fn length(&self) -> Option<usize> {
        Some(self.0.len())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// `.Capabilities`.
#[derive(Clone, Debug)]
pub struct Capabilities {
    /// `.Capabilities.KubeVersion`.
    pub kube_version: KubeVersion,
    /// `.Capabilities.APIVersions`, in order.
    pub api_versions: Vec<String>,
}

impl Default for Capabilities {
    fn default() -> Self {
        Capabilities {
            kube_version: KubeVersion::default_version(),
            api_versions: DEFAULT_API_VERSIONS.iter().map(|s| s.to_string()).collect(),
        }
    }
}

/// The build info struct Helm exposes as `.Capabilities.HelmVersion`.
#[derive(Clone, Debug)]
struct BuildInfo;

impl Object for BuildInfo {
    fn type_name(&self) -> &str {
        "version.BuildInfo"
    }

    fn field(&self, name: &str) -> Option<Value> {
        Some(Value::str(match name {
            "Version" => HELM_VERSION,
            "GitCommit" => HELM_GIT_COMMIT,
            "GitTreeState" => "clean",
            "GoVersion" => HELM_GO_VERSION,
            "KubeClientVersion" => HELM_KUBE_CLIENT_VERSION,
            _ => return None,
        }))
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        format!(
            "{{{HELM_VERSION} {HELM_GIT_COMMIT} clean {HELM_GO_VERSION} {HELM_KUBE_CLIENT_VERSION}}}"
        )
    }

    fn to_data(&self) -> Value {
        Value::map([
            ("git_commit", Value::str(HELM_GIT_COMMIT)),
            ("git_tree_state", Value::str("clean")),
            ("go_version", Value::str(HELM_GO_VERSION)),
            ("kube_client_version", Value::str(HELM_KUBE_CLIENT_VERSION)),
            ("version", Value::str(HELM_VERSION)),
        ])
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The template object for a [`Capabilities`].
#[derive(Clone, Debug)]
pub(crate) struct CapabilitiesObject {
    kube_version: Value,
    api_versions: Value,
    helm_version: Value,
}

impl CapabilitiesObject {
    pub(crate) fn new(caps: &Capabilities) -> CapabilitiesObject {
        CapabilitiesObject {
            kube_version: Value::Object(Arc::new(caps.kube_version.clone())),
            api_versions: Value::Object(Arc::new(VersionSet(caps.api_versions.clone()))),
            helm_version: Value::Object(Arc::new(BuildInfo)),
        }
    }
}

impl Object for CapabilitiesObject {
    fn type_name(&self) -> &str {
        "*common.Capabilities"
    }

    fn kind(&self) -> gotemplate::Kind {
        gotemplate::Kind::Ptr
    }

    fn field(&self, name: &str) -> Option<Value> {
        Some(match name {
            "KubeVersion" => self.kube_version.clone(),
            "APIVersions" => self.api_versions.clone(),
            "HelmVersion" => self.helm_version.clone(),
            _ => return None,
        })
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        let f = |v: &Value| match v {
            Value::Object(o) => o.fmt_struct(false),
            _ => String::new(),
        };
        format!(
            "&{{{} {} {}}}",
            f(&self.kube_version),
            f(&self.api_versions),
            f(&self.helm_version)
        )
    }

    fn to_data(&self) -> Value {
        let d = |v: &Value| match v {
            Value::Object(o) => o.to_data(),
            _ => Value::Nil,
        };
        Value::map([
            ("APIVersions", d(&self.api_versions)),
            ("HelmVersion", d(&self.helm_version)),
            ("KubeVersion", d(&self.kube_version)),
        ])
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
