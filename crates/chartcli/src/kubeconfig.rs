//! The namespace of the current kubeconfig context, which Helm uses when
//! neither `--namespace` nor `HELM_NAMESPACE` is given.

use gotemplate::Value;

/// The namespace of `context` (or the current context) in the kubeconfig
/// files `$KUBECONFIG` lists (or `~/.kube/config`), if any says one.
pub fn context_namespace(explicit_file: Option<&str>, context: Option<&str>) -> Option<String> {
    let files: Vec<String> = match explicit_file {
        Some(f) => vec![f.to_string()],
        None => match std::env::var("KUBECONFIG") {
            Ok(v) if !v.is_empty() => v
                .split(':')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            _ => vec![format!("{}/.kube/config", std::env::var("HOME").ok()?)],
        },
    };
    let docs: Vec<Value> = files
        .iter()
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .filter_map(|text| chartcore::yaml::parse_document(&text).ok())
        .collect();
    let current = match context {
        Some(c) => c.to_string(),
        None => docs.iter().find_map(|d| {
            let c = d.as_map()?.get("current-context")?;
            c.as_str().filter(|s| !s.is_empty()).map(String::from)
        })?,
    };
    docs.iter().find_map(|d| {
        let contexts = d.as_map()?.get("contexts")?;
        contexts.as_list()?.iter().find_map(|c| {
            let c = c.as_map()?;
            if c.get("name")?.as_str()? != current {
                return None;
            }
            let ns = c.get("context")?.as_map()?.get("namespace")?;
            ns.as_str().filter(|s| !s.is_empty()).map(String::from)
        })
    })
}
