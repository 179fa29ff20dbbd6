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
