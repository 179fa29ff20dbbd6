//! Rendered templates to manifests and hooks, as Helm v4's
//! `releaseutil.SortManifests`: split each file into YAML documents, read
//! each document's head (kind, name, annotations), sort manifests by kind.

use gotemplate::Value;

use crate::yaml;

/// A manifest: one YAML document of a rendered template.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// The template path (`chart/templates/x.yaml`).
    pub source: String,
    /// The document text, left-trimmed, trailing white space kept.
    pub content: String,
    pub kind: String,
    pub name: String,
}

/// A hook: a manifest with a `helm.sh/hook` annotation of known events.
#[derive(Clone, Debug)]
pub struct Hook {
    pub manifest: Manifest,
    pub events: Vec<HookEvent>,
    pub weight: i64,
}

/// Hook events Helm knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookEvent {
    PreInstall,
    PostInstall,
    PreDelete,
    PostDelete,
    PreUpgrade,
    PostUpgrade,
    PreRollback,
    PostRollback,
    Test,
}

impl HookEvent {
    fn parse(s: &str) -> Option<HookEvent> {
        Some(match s {
            "pre-install" => HookEvent::PreInstall,
            "post-install" => HookEvent::PostInstall,
            "pre-delete" => HookEvent::PreDelete,
            "post-delete" => HookEvent::PostDelete,
            "pre-upgrade" => HookEvent::PreUpgrade,
            "post-upgrade" => HookEvent::PostUpgrade,
            "pre-rollback" => HookEvent::PreRollback,
            "post-rollback" => HookEvent::PostRollback,
            "test" | "test-success" => HookEvent::Test,
            _ => return None,
        })
    }
}

/// The annotation that makes a manifest a hook.
pub const HOOK_ANNOTATION: &str = "helm.sh/hook";
const HOOK_WEIGHT_ANNOTATION: &str = "helm.sh/hook-weight";

/// Helm v4's install order of kinds.
pub const INSTALL_ORDER: &[&str] = &[
    "PriorityClass",
    "Namespace",
    "NetworkPolicy",
    "ResourceQuota",
    "LimitRange",
    "PodSecurityPolicy",
    "PodDisruptionBudget",
    "ServiceAccount",
    "Secret",
    "SecretList",
    "ConfigMap",
    "StorageClass",
    "PersistentVolume",
    "PersistentVolumeClaim",
    "CustomResourceDefinition",
    "ClusterRole",
    "ClusterRoleList",
    "ClusterRoleBinding",
    "ClusterRoleBindingList",
    "Role",
    "RoleList",
    "RoleBinding",
    "RoleBindingList",
    "Service",
    "DaemonSet",
    "Pod",
    "ReplicationController",
    "ReplicaSet",
    "Deployment",
    "HorizontalPodAutoscaler",
    "StatefulSet",
    "Job",
    "CronJob",
    "IngressClass",
    "Ingress",
    "APIService",
    "MutatingWebhookConfiguration",
    "ValidatingWebhookConfiguration",
];

/// Helm v4's `SplitManifests`: documents separated by lines starting with
/// `---`; each document left-trimmed, white-space-only documents dropped.
pub fn split_manifests(text: &str) -> Vec<&str> {
    let text = text.trim_start_matches(is_go_space);
    let mut docs = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let bytes = text.as_bytes();
    while line_start <= text.len() {
        if text[line_start..].starts_with("---") {
            docs.push(&text[start..line_start]);
            let mut end = line_start + 3;
            while end < bytes.len() && (bytes[end] == b' ' || bytes[end] == b'\t') {
                end += 1;
            }
            start = end;
        }
        match text[line_start..].find('\n') {
            Some(i) => line_start += i + 1,
            None => break,
        }
    }
    docs.push(&text[start..]);
    docs.into_iter()
        .filter(|d| !d.trim_matches(is_go_space).is_empty())
        .map(|d| d.trim_start_matches(is_go_space))
        .collect()
}

fn is_go_space(c: char) -> bool {
    crate::funcs::is_go_space(c)
}

/// The parts of a document Helm reads: kind, name, annotations.
struct Head {
    kind: String,
    name: String,
    annotations: Vec<(String, String)>,
}

fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Float(f) => Some(gotemplate::strconv::format_float(*f, b'g', -1, 32)),
        Value::Int(i) | Value::Int64(i) => Some(i.to_string()),
        Value::Nil => Some(String::new()),
        _ => None,
    }
}

fn unmarshal_error(what: &str, into: &str) -> String {
    format!(
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {what} into {into}"
    )
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::Float(_) | Value::Int(_) | Value::Int64(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "array",
        _ => "object",
    }
}

fn parse_head(doc: &str) -> Result<Head, String> {
    let v = yaml::parse_document(doc).map_err(|e| e.to_string())?;
    let mut head = Head {
        kind: String::new(),
        name: String::new(),
        annotations: Vec::new(),
    };
    let m = match &v {
        Value::Nil => return Ok(head),
        Value::Map(m) => m.clone(),
        other => {
            return Err(unmarshal_error(
                json_kind(other),
                "Go value of type util.SimpleHead",
            ));
        }
    };
    if let Some(k) = m.get("kind") {
        head.kind = scalar_string(&k).ok_or_else(|| {
            unmarshal_error(
                json_kind(&k),
                "Go struct field SimpleHead.kind of type string",
            )
        })?;
    }
    match m.get("metadata") {
        None | Some(Value::Nil) => {}
        Some(Value::Map(md)) => {
            if let Some(n) = md.get("name") {
                head.name = scalar_string(&n).ok_or_else(|| {
                    unmarshal_error(
                        json_kind(&n),
                        "Go struct field .metadata.name of type string",
                    )
                })?;
            }
            match md.get("annotations") {
                None | Some(Value::Nil) => {}
                Some(Value::Map(a)) => {
                    for (k, v) in a.entries() {
                        let s = scalar_string(&v).ok_or_else(|| {
                            unmarshal_error(
                                json_kind(&v),
                                "Go struct field .metadata.annotations of type string",
                            )
                        })?;
                        head.annotations.push((k.to_string(), s));
                    }
                }
                Some(other) => {
                    return Err(unmarshal_error(
                        json_kind(&other),
                        "Go struct field .metadata.annotations of type map[string]string",
                    ));
                }
            }
        }
        Some(other) => {
            return Err(unmarshal_error(
                json_kind(&other),
                "Go struct field SimpleHead.metadata of type struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }",
            ));
        }
    }
    Ok(head)
}

/// The outcome of sorting rendered files.
#[derive(Debug, Default)]
pub struct Sorted {
    pub manifests: Vec<Manifest>,
    pub hooks: Vec<Hook>,
    /// Hook documents dropped for unknown events, with the annotation value.
    pub skipped_hooks: Vec<String>,
}

/// A document that is not valid YAML.
#[derive(Debug, Clone, thiserror::Error)]
#[error("YAML parse error on {source_path}: {message}")]
pub struct ManifestError {
    pub source_path: String,
    pub message: String,
    /// The document that failed, for pointing at the template line.
    pub document: String,
}

/// Helm's `SortManifests` over rendered files (path → text).
pub fn sort_manifests<'a>(
    files: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> Result<Sorted, ManifestError> {
    let mut files: Vec<(&String, &String)> = files.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Sorted::default();
    for (path, content) in files {
        let base = path.rsplit('/').next().unwrap_or(path);
        if base.starts_with('_') || content.trim_matches(is_go_space).is_empty() {
            continue;
        }
        for doc in split_manifests(content) {
            let head = parse_head(doc).map_err(|message| ManifestError {
                source_path: path.clone(),
                message,
                document: doc.to_string(),
            })?;
            let manifest = Manifest {
                source: path.clone(),
                content: doc.to_string(),
                kind: head.kind.clone(),
                name: head.name.clone(),
            };
            let hook = head
                .annotations
                .iter()
                .find(|(k, _)| k == HOOK_ANNOTATION)
                .map(|(_, v)| v.clone());
            let Some(hook_types) = hook else {
                out.manifests.push(manifest);
                continue;
            };
            let events: Option<Vec<HookEvent>> = hook_types
                .split(',')
                .map(|t| HookEvent::parse(&t.trim().to_lowercase()))
                .collect();
            let Some(events) = events else {
                out.skipped_hooks.push(hook_types);
                continue;
            };
            let weight = head
                .annotations
                .iter()
                .find(|(k, _)| k == HOOK_WEIGHT_ANNOTATION)
                .and_then(|(_, v)| v.trim().parse::<i64>().ok())
                .unwrap_or(0);
            out.hooks.push(Hook {
                manifest,
                events,
                weight,
            });
        }
    }
    sort_by_kind(&mut out.manifests, |m| &m.kind);
    sort_by_kind(&mut out.hooks, |h| &h.manifest.kind);
    Ok(out)
}

/// Stable sort by Helm's install order; unknown kinds last, by kind name.
pub fn sort_by_kind<T>(items: &mut [T], kind: impl Fn(&T) -> &str) {
    let rank = |k: &str| INSTALL_ORDER.iter().position(|x| *x == k);
    items.sort_by(|a, b| {
        let (ka, kb) = (kind(a), kind(b));
        match (rank(ka), rank(kb)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => ka.cmp(kb),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_like_helm_v4() {
        let cases: &[(&str, &[&str])] = &[
            ("a: 1\n---\nb: 2\n", &["a: 1\n", "b: 2\n"]),
            ("\n\n---\na: 1\n\n\n", &["a: 1\n\n\n"]),
            ("a: 1\n--- # c\nb: 2", &["a: 1\n", "# c\nb: 2"]),
            ("---apiVersion: v1", &["apiVersion: v1"]),
            ("a: 1\n---\n   \n---\nb", &["a: 1\n", "b"]),
        ];
        for (input, want) in cases {
            assert_eq!(split_manifests(input), *want, "{input:?}");
        }
    }

    #[test]
    fn sorts_unknown_kinds_last_by_name() {
        let mut kinds = vec!["Zebra", "Deployment", "", "Namespace", "Apple", "Service"];
        sort_by_kind(&mut kinds, |k| k);
        assert_eq!(
            kinds,
            ["Namespace", "Service", "Deployment", "", "Apple", "Zebra"]
        );
    }
}
