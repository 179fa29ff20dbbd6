//! Rendered templates to manifests and hooks, as Helm v4's
//! `releaseutil.SortManifests`: split each file into YAML documents, read
//! each document's head (kind, name, annotations), sort manifests by kind.

use std::collections::HashMap;
use std::sync::{Arc, Condvar, Mutex};

use crate::chart::decode::{Decoder, Path};
use crate::yaml;

/// A manifest: one YAML document of a rendered template.
#[derive(Clone, Debug)]
pub struct Manifest {
    /// The template path (`chart/templates/x.yaml`).
    pub source: String,
    /// The document text, left-trimmed, trailing white space kept.
    pub content: String,
    /// The document's `kind`.
    pub kind: String,
    /// The document's `metadata.name`.
    pub name: String,
}

/// A hook: a manifest with a `helm.sh/hook` annotation of known events.
#[derive(Clone, Debug)]
pub struct Hook {
    /// The hook document.
    pub manifest: Manifest,
    /// The events it runs on.
    pub events: Vec<HookEvent>,
    /// `helm.sh/hook-weight` (0 when absent or not a number).
    pub weight: i64,
}

/// Hook events Helm knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookEvent {
    /// `pre-install`.
    PreInstall,
    /// `post-install`.
    PostInstall,
    /// `pre-delete`.
    PreDelete,
    /// `post-delete`.
    PostDelete,
    /// `pre-upgrade`.
    PreUpgrade,
    /// `post-upgrade`.
    PostUpgrade,
    /// `pre-rollback`.
    PreRollback,
    /// `post-rollback`.
    PostRollback,
    /// `test` (also written `test-success`).
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

/// Why a document's head could not be read: the message and, for YAML
/// syntax errors, the 1-based line and column in the document.
struct HeadError {
    message: String,
    line: Option<usize>,
    column: Option<usize>,
}

impl From<String> for HeadError {
    fn from(message: String) -> HeadError {
        HeadError {
            message,
            line: None,
            column: None,
        }
    }
}

/// Go's type of `SimpleHead.Metadata`, as encoding/json names it.
const METADATA_TYPE: &str = "struct { Name string \"json:\\\"name\\\"\"; Annotations map[string]string \"json:\\\"annotations\\\"\" }";

/// Helm's `SimpleHead` read with sigs.k8s.io/yaml.
fn parse_head(doc: &str) -> Result<Head, HeadError> {
    // Only these fields are read; the rest of the document is checked.
    let v = yaml::parse_document_fields(doc, &["apiVersion", "kind", "metadata"]).map_err(|e| {
        HeadError {
            message: e.to_string(),
            line: e.line,
            column: e.column,
        }
    })?;
    let mut head = Head {
        kind: String::new(),
        name: String::new(),
        annotations: Vec::new(),
    };
    let mut d = Decoder::default();
    let root = Path::root();
    for (k, v) in d.object(&v, &root, "util.SimpleHead").unwrap_or_default() {
        let p = root.key(&k);
        match k.to_ascii_lowercase().as_str() {
            "apiversion" => {
                d.string(&v, &p);
            }
            "kind" => head.kind = d.string(&v, &p),
            "metadata" => {
                for (k, v) in d.object(&v, &p, METADATA_TYPE).unwrap_or_default() {
                    let p = p.key(&k);
                    match k.to_ascii_lowercase().as_str() {
                        "name" => head.name = d.string(&v, &p),
                        "annotations" => {
                            head.annotations = d.string_map(&v, &p).unwrap_or_default()
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    d.finish().map_err(HeadError::from)?;
    Ok(head)
}

/// The outcome of sorting rendered files.
#[derive(Debug, Default)]
pub struct Sorted {
    /// Manifests in install order.
    pub manifests: Vec<Manifest>,
    /// Hooks in install order of their kinds.
    pub hooks: Vec<Hook>,
    /// Hook documents dropped for unknown events, with the annotation value.
    pub skipped_hooks: Vec<String>,
}

/// A document that is not valid YAML.
#[derive(Debug, Clone, thiserror::Error)]
#[error("YAML parse error on {source_path}: {message}")]
pub struct ManifestError {
    /// The template the document came from (`chart/templates/x.yaml`).
    pub source_path: String,
    /// Helm's text after `YAML parse error on PATH: `.
    pub message: String,
    /// The document that failed, as split from the rendered file.
    pub document: String,
    /// Where the document starts in the rendered file (byte offset).
    pub offset: usize,
    /// The 1-based line of the problem within the document, when the YAML
    /// parser knows it.
    pub line: Option<usize>,
    /// The 1-based column of the problem, when known.
    pub column: Option<usize>,
}

/// Whether a rendered file holds manifests: not a partial, not blank.
fn holds_manifests(path: &str, content: &str) -> bool {
    let base = path.rsplit('/').next().unwrap_or(path);
    !base.starts_with('_') && !content.trim_matches(is_go_space).is_empty()
}

/// A document's head, or why it could not be read.
type HeadResult = Result<Head, HeadError>;

/// The heads of a file's documents, in order.
type FileHeads = Vec<HeadResult>;

/// Heads of rendered files read on the thread pool while later templates
/// still execute (Helm executes templates one after another).
#[derive(Default)]
pub(crate) struct PendingHeads(Arc<HeadsRead>);

#[derive(Default)]
struct HeadsRead {
    /// The heads read so far by file, and how many files are still being read.
    state: Mutex<(HashMap<String, FileHeads>, usize)>,
    done: Condvar,
}

/// Counts a file as read even if reading it panicked (its heads are then
/// read again in order).
struct ReadGuard(Arc<HeadsRead>);

impl Drop for ReadGuard {
    fn drop(&mut self) {
        if let Ok(mut state) = self.0.state.lock() {
            state.1 -= 1;
        }
        self.0.done.notify_all();
    }
}

impl PendingHeads {
    /// Starts reading the heads of the rendered file `path`.
    pub(crate) fn read(&self, path: &str, content: &str) {
        if !holds_manifests(path, content) {
            return;
        }
        match self.0.state.lock() {
            Ok(mut state) => state.1 += 1,
            Err(_) => return,
        }
        let guard = ReadGuard(self.0.clone());
        let (path, content) = (path.to_string(), content.to_string());
        rayon::spawn(move || {
            let heads: FileHeads = split_manifests(&content)
                .into_iter()
                .map(parse_head)
                .collect();
            if let Ok(mut state) = guard.0.state.lock() {
                state.0.insert(path, heads);
            }
            drop(guard);
        });
    }

    /// Waits for the reads started and returns their heads by file.
    fn finish(self) -> HashMap<String, FileHeads> {
        loop {
            let Ok(mut state) = self.0.state.lock() else {
                return HashMap::new();
            };
            if state.1 == 0 {
                return std::mem::take(&mut state.0);
            }
            if rayon::current_thread_index().is_some() {
                // A pool thread (an embedder rendering inside rayon) must
                // not block: the reads it waits for may be queued behind
                // it. It runs queued work instead.
                drop(state);
                if rayon::yield_now() != Some(rayon::Yield::Executed) {
                    std::thread::yield_now();
                }
                continue;
            }
            if self.0.done.wait(state).is_err() {
                return HashMap::new();
            }
        }
    }
}

/// Helm's `SortManifests` over rendered files (path → text).
pub fn sort_manifests<'a>(
    files: impl IntoIterator<Item = (&'a String, &'a String)>,
) -> Result<Sorted, ManifestError> {
    sort_manifests_read(files, None)
}

/// [`sort_manifests`], with the heads of some files already being read.
pub(crate) fn sort_manifests_read<'a>(
    files: impl IntoIterator<Item = (&'a String, &'a String)>,
    pending: Option<PendingHeads>,
) -> Result<Sorted, ManifestError> {
    let mut files: Vec<(&String, &String)> = files.into_iter().collect();
    files.sort_by(|a, b| a.0.cmp(b.0));
    let mut out = Sorted::default();
    let mut read = pending.map(PendingHeads::finish).unwrap_or_default();
    // Every document of every file, in Helm's order, with its head if it was
    // read while rendering; the others are read here, in parallel (the YAML
    // parse is the costly part). The first error in order wins.
    let mut docs: Vec<(&String, &String, &str, Option<HeadResult>)> = Vec::new();
    for (path, content) in files {
        if !holds_manifests(path, content) {
            continue;
        }
        let split = split_manifests(content);
        match read.remove(path.as_str()) {
            Some(heads) if heads.len() == split.len() => docs.extend(
                split
                    .into_iter()
                    .zip(heads)
                    .map(|(doc, head)| (path, content, doc, Some(head))),
            ),
            _ => docs.extend(split.into_iter().map(|doc| (path, content, doc, None))),
        }
    }
    let bytes = docs
        .iter()
        .filter(|d| d.3.is_none())
        .map(|(_, _, doc, _)| doc.len())
        .sum();
    let heads = crate::parallel::map_ordered(&docs, bytes, |(_, _, doc, head)| {
        head.is_none().then(|| parse_head(doc))
    });
    for ((path, content, doc, known), head) in docs.into_iter().zip(heads) {
        let Some(head) = known.or(head) else {
            continue;
        };
        let head = head.map_err(|e| ManifestError {
            source_path: path.clone(),
            message: e.message,
            document: doc.to_string(),
            offset: doc.as_ptr() as usize - content.as_ptr() as usize,
            line: e.line,
            column: e.column,
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

    /// Rendering inside a one-thread rayon pool (an embedder's) does not
    /// wait forever for reads queued behind itself.
    #[test]
    fn heads_read_inside_a_single_thread_pool_finish() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let files: std::collections::BTreeMap<String, String> = (0..20)
            .map(|i| (format!("c/templates/t{i}.yaml"), format!("kind: K{i}\n")))
            .collect();
        let sorted = pool.install(|| {
            let pending = PendingHeads::default();
            for (path, content) in &files {
                pending.read(path, content);
            }
            sort_manifests_read(files.iter(), Some(pending))
        });
        assert_eq!(sorted.unwrap().manifests.len(), 20);
    }

    /// Heads read while rendering give what reading them at the end gives:
    /// the same sorted manifests and hooks, the same first error.
    #[test]
    fn heads_read_while_rendering_sort_the_same() {
        let valid = [
            (
                "c/templates/a.yaml",
                "kind: Service\nmetadata:\n  name: a\n---\nkind: Pod\nmetadata: {name: b}\n",
            ),
            ("c/templates/_h.tpl", "kind: [\n"),
            ("c/templates/blank.yaml", "  \n"),
            (
                "c/templates/hook.yaml",
                "kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n",
            ),
            (
                "c/templates/z.yaml",
                "---\nkind: ConfigMap\n---\n# only a comment\n",
            ),
        ];
        let invalid = [
            ("c/templates/b.yaml", "kind: [\n"),
            ("c/templates/y.yaml", "a: b: c\n"),
        ];
        let tables = [valid.to_vec(), [valid.to_vec(), invalid.to_vec()].concat()];
        for (i, table) in tables.iter().enumerate() {
            let files: std::collections::BTreeMap<String, String> = table
                .iter()
                .map(|(p, c)| (p.to_string(), c.to_string()))
                .collect();
            for streamed in [0, 1, files.len()] {
                let pending = PendingHeads::default();
                for (path, content) in files.iter().take(streamed) {
                    pending.read(path, content);
                }
                let got = sort_manifests_read(files.iter(), Some(pending));
                let want = sort_manifests(files.iter());
                match (got, want) {
                    (Ok(g), Ok(w)) => assert_eq!(format!("{g:?}"), format!("{w:?}")),
                    (Err(g), Err(w)) => {
                        assert_eq!((g.source_path, g.message), (w.source_path, w.message))
                    }
                    (g, w) => panic!("table {i}, {streamed} streamed: {g:?} vs {w:?}"),
                }
            }
        }
    }

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
