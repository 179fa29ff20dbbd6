//! Template errors in the words Helm v4.3.1 prints them: parse errors
//! shortened by `cleanupParseError`, `fail`/`required` messages as
//! `execution error at (...)`, other execution errors as a readable chain
//! (one block per nested `include`) when every link is a template error, and
//! Go's raw message otherwise.

use gotemplate::{Error, ExecErrorKind, FuncError};

/// Marks the message of `fail` and `required` inside an error chain.
pub(crate) const WARN_START: &str = "HELM_ERR_START";
pub(crate) const WARN_END: &str = "HELM_ERR_END";

pub(crate) fn warn_wrap(msg: &str) -> String {
    format!("{WARN_START}{msg}{WARN_END}")
}

/// Helm's `cleanupParseError`: `parse error at (LOCATION): LAST-PART`.
pub fn parse_error_message(filename: &str, err: &Error) -> String {
    let text = err.to_string();
    let tokens: Vec<&str> = text.split(": ").collect();
    if tokens.len() == 1 {
        return format!("parse error in ({filename}): {text}");
    }
    format!(
        "parse error at ({}): {}",
        tokens[1],
        tokens[tokens.len() - 1]
    )
}

/// Helm v4's `reformatExecErrorMsg`.
pub fn exec_error_message(err: &Error) -> String {
    let text = err.to_string();
    let tokens: Vec<&str> = text.splitn(3, ": ").collect();
    if tokens.len() == 3
        && let Some(start) = tokens[2].find(WARN_START)
        && let Some(end) = tokens[2].rfind(WARN_END)
        && end >= start + WARN_START.len()
    {
        let msg = &tokens[2][start + WARN_START.len()..end];
        return format!("execution error at ({}): {msg}", tokens[1]);
    }
    let mut blocks = Vec::new();
    if chain_blocks(err, &mut blocks) {
        blocks.join("").trim().to_string()
    } else {
        text
    }
}

/// Appends one block per link of the chain; false if a link is not a
/// template error (Helm then prints Go's message unchanged).
fn chain_blocks(err: &Error, out: &mut Vec<String>) -> bool {
    match err {
        Error::Exec(e) => {
            let Some(loc) = &e.location else {
                return false;
            };
            let head = format!(
                "{loc}\n  executing {} at <{}>:\n    ",
                gotemplate::strconv::quote(&e.template),
                e.context
            );
            match &e.kind {
                ExecErrorKind::Message(m) => {
                    out.push(format!("{head}{m}\n"));
                    true
                }
                ExecErrorKind::Call { func, cause } => match cause {
                    FuncError::Template(inner) => {
                        out.push(format!("{head}error calling {func}:\n"));
                        chain_blocks(inner, out)
                    }
                    FuncError::Message(_) => false,
                },
            }
        }
        // Messages of Go's template package without a position.
        Error::NoTemplate { .. } => {
            out.push(format!("{err}\n"));
            true
        }
        Error::Parse { .. } => false,
    }
}

/// Where a template error happened, shown in the template source: one
/// snippet per step of the `include`/`template` chain, outermost first.
///
/// ```text
///   --> mychart/templates/cm.yaml:3:9
///    |
///  3 |   name: {{ include "x" . }}
///    |         ^ calling include
///   --> mychart/templates/_helpers.tpl:2:5 (in "x")
///    |
///  2 | {{- .Values.missing.name }}
///    |     ^
/// ```
pub fn source_detail(err: &Error) -> Option<String> {
    let mut out = String::new();
    push_source_steps(err, &mut out, 0);
    (!out.is_empty()).then_some(out)
}

fn push_source_steps(err: &Error, out: &mut String, depth: usize) {
    // Deeply recursive includes would print thousands of snippets.
    const MAX_STEPS: usize = 20;
    if depth == MAX_STEPS {
        out.push_str("  ... (more nested calls)\n");
        return;
    }
    let Some(loc) = err.location() else {
        return;
    };
    let (label, next) = match err {
        Error::Exec(e) => {
            let label = if e.template != loc.name {
                format!(" (in {})", gotemplate::strconv::quote(&e.template))
            } else {
                String::new()
            };
            let next = match &e.kind {
                ExecErrorKind::Call {
                    func,
                    cause: FuncError::Template(inner),
                } => Some((func.clone(), inner.as_ref())),
                _ => None,
            };
            (label, next)
        }
        _ => (String::new(), None),
    };
    if matches!(err, Error::Parse { .. }) {
        out.push_str(&format!("  --> {}:{}\n", loc.name, loc.line));
    } else {
        out.push_str(&format!(
            "  --> {}:{}:{}{label}\n",
            loc.name, loc.line, loc.col
        ));
    }
    if let Some(text) = &loc.source_line {
        let note = match &next {
            Some((func, _)) => format!(" calling {func}"),
            None => String::new(),
        };
        push_source_line(out, loc.line, text, Some((loc.col, &note)));
    }
    if let Some((_, inner)) = next {
        push_source_steps(inner, out, depth + 1);
    }
}

/// A numbered source line; with `caret`, a `^` under its byte column,
/// followed by the note.
pub(crate) fn push_source_line(
    out: &mut String,
    line: usize,
    text: &str,
    caret: Option<(usize, &str)>,
) {
    let num = line.to_string();
    let pad = " ".repeat(num.len());
    out.push_str(&format!(" {pad} |\n {num} | {text}\n"));
    if let Some((col, note)) = caret {
        let mut col = col.min(text.len());
        while !text.is_char_boundary(col) {
            col -= 1;
        }
        // Tabs stay tabs so that the caret lines up under them.
        let indent: String = text[..col]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!(" {pad} | {indent}^{note}\n"));
    }
}
