//! Pointing a YAML error in rendered output back at the template source:
//! Helm only names the line of the rendered document; chartrs renders the
//! template again with its pieces traced and shows the source line that
//! wrote the failing line.

use std::collections::BTreeMap;

use gotemplate::Map;

use crate::chart::Chart;
use crate::engine::errors::push_source_line;
use crate::engine::{Capabilities, Engine, ReleaseInfo};
use crate::manifest::ManifestError;

/// The explanation printed after Helm's message, or `None` when the
/// failing line cannot be traced.
pub(super) fn yaml_error_origin(
    engine: &Engine,
    chart: &Chart,
    values: &Map,
    release: &ReleaseInfo,
    caps: &Capabilities,
    files: &BTreeMap<String, String>,
    error: &ManifestError,
) -> Option<String> {
    let rendered = files.get(&error.source_path)?;
    // The line go-yaml names in Helm's message, else where the parser stopped;
    // past the end or on a blank line the problem is the line before.
    let mut doc_line = shown_line(&error.message).or(error.line)?;
    let doc_lines: Vec<&str> = error.document.split('\n').collect();
    while doc_line > 1
        && doc_lines
            .get(doc_line - 1)
            .is_none_or(|l| l.trim().is_empty())
    {
        doc_line -= 1;
    }
    // The failing line in the whole rendered file.
    let line = rendered.get(..error.offset)?.matches('\n').count() + doc_line;
    let traced = engine.trace(chart, values, release, caps, &error.source_path)?;
    let line_start = nth_line_start(&traced.text, line)?;
    let line_text = traced.text[line_start..]
        .split('\n')
        .next()
        .unwrap_or_default();
    // The first non-blank byte says best which piece wrote the line.
    let indent = line_text.len() - line_text.trim_start_matches([' ', '\t']).len();
    let at = if indent < line_text.len() {
        line_start + indent
    } else {
        line_start
    };
    let (src_line, src_col, action) = traced.origin_at(at)?;
    let source_text = traced.source.split('\n').nth(src_line - 1)?;
    let mut out = String::new();
    out.push_str(&format!(
        "The YAML error is on line {doc_line} of the document, line {line} of the rendered template:\n"
    ));
    push_source_line(&mut out, line, line_text, None);
    match action {
        Some(action) => out.push_str(&format!(
            "That line was written by {action} in the template:\n"
        )),
        None => out.push_str("That line comes from the template source:\n"),
    }
    out.push_str(&format!(
        "  --> {}:{src_line}:{src_col}\n",
        error.source_path
    ));
    push_source_line(&mut out, src_line, source_text, Some((src_col, "")));
    Some(out)
}

/// The `N` of `yaml: line N:` in a go-yaml message.
fn shown_line(message: &str) -> Option<usize> {
    let rest = &message[message.find("yaml: line ")? + "yaml: line ".len()..];
    rest[..rest.find(':')?].parse().ok()
}

/// The byte offset where 1-based line `n` of `text` starts.
fn nth_line_start(text: &str, n: usize) -> Option<usize> {
    if n == 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(n - 2).map(|(i, _)| i + 1)
}
