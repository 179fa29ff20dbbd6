//! The engine's error type. `Display` gives Go's exact message text; the
//! structured fields let callers point at the source.

use std::fmt;

use crate::func::FuncError;

/// A position in a template source: the name it was parsed under, 1-based line,
/// and Go's column (bytes from the start of the line, 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The template name the source was parsed under (for Helm, the file path).
    pub name: String,
    /// 1-based line number.
    pub line: usize,
    /// For parse errors Go reports no column; this is the column of the
    /// offending token, used only by [`Error::pretty`].
    pub col: usize,
    /// The text of the source line, for [`Error::pretty`].
    pub source_line: Option<String>,
}

impl Location {
    /// The location of a byte column on a line of `text`.
    pub(crate) fn in_text(name: &str, text: &str, line: usize, col: usize) -> Location {
        Location {
            name: name.to_string(),
            line,
            col,
            source_line: text
                .split('\n')
                .nth(line.wrapping_sub(1))
                .map(str::to_string),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.name, self.line, self.col)
    }
}

/// What went wrong while executing.
#[derive(Debug, Clone)]
pub enum ExecErrorKind {
    /// An error raised by the engine itself.
    Message(String),
    /// A function (or method) returned an error: `error calling NAME: CAUSE`.
    Call {
        /// The function or method name as the error shows it.
        func: String,
        /// What the function returned.
        cause: FuncError,
    },
}

/// An execution error: `template: LOCATION: executing "NAME" at <CONTEXT>: MESSAGE`.
#[derive(Debug, Clone)]
pub struct ExecError {
    /// Where the failing node is, if the engine was at a node.
    pub location: Option<Location>,
    /// The name of the template being executed.
    pub template: String,
    /// The failing node as Go prints it.
    pub context: String,
    /// The message part of the error.
    pub kind: ExecErrorKind,
}

impl ExecError {
    /// The message after `at <...>: `.
    pub fn message(&self) -> String {
        match &self.kind {
            ExecErrorKind::Message(m) => m.clone(),
            ExecErrorKind::Call { func, cause } => format!("error calling {func}: {cause}"),
        }
    }
}

impl fmt::Display for ExecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.location {
            Some(loc) => write!(
                f,
                "template: {loc}: executing {} at <{}>: ",
                go_quote(&self.template),
                self.context
            )?,
            None => write!(f, "template: {}: ", self.template)?,
        }
        match &self.kind {
            ExecErrorKind::Message(m) => f.write_str(m),
            ExecErrorKind::Call { func, cause } => write!(f, "error calling {func}: {cause}"),
        }
    }
}

/// A template error.
#[derive(Debug, Clone, thiserror::Error)]
pub enum Error {
    /// A syntax error: `template: NAME:LINE: MESSAGE`.
    #[error("template: {}:{}: {message}", .location.name, .location.line)]
    Parse {
        /// Where the parser stopped.
        location: Location,
        /// Go's message after the location.
        message: String,
    },
    /// An error while executing.
    #[error("{0}")]
    Exec(Box<ExecError>),
    /// `ExecuteTemplate` of a name the set does not have.
    #[error("template: no template {} associated with template {}", go_quote(.name), go_quote(.set))]
    NoTemplate {
        /// The name asked for.
        name: String,
        /// The name of the template set.
        set: String,
    },
}

impl Error {
    /// The source position, where known.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Parse { location, .. } => Some(location),
            Error::Exec(e) => e.location.as_ref(),
            Error::NoTemplate { .. } => None,
        }
    }
}

impl Error {
    /// The error as Go prints it, followed by the source line it points at
    /// with a caret under the column, and the same for the error a nested
    /// template execution (`include`, `tpl`) failed with:
    ///
    /// ```text
    /// template: t:2:9: executing "t" at <.a.b>: nil pointer evaluating interface {}.b
    ///   --> t:2:9
    ///    |
    ///  2 | x: {{ .a.b }}
    ///    |         ^
    /// ```
    pub fn pretty(&self) -> String {
        let mut out = String::new();
        self.write_pretty(&mut out);
        out
    }

    fn write_pretty(&self, out: &mut String) {
        out.push_str(&self.to_string());
        out.push('\n');
        let Some(loc) = self.location() else {
            return;
        };
        let is_exec = matches!(self, Error::Exec(_));
        if is_exec {
            out.push_str(&format!("  --> {}:{}:{}\n", loc.name, loc.line, loc.col));
        } else {
            out.push_str(&format!("  --> {}:{}\n", loc.name, loc.line));
        }
        if let Some(text) = &loc.source_line {
            let num = loc.line.to_string();
            let pad = " ".repeat(num.len());
            out.push_str(&format!(" {pad} |\n {num} | {text}\n"));
            // The caret goes under the column; tabs stay tabs so it lines up.
            let col = floor_char_boundary(text, loc.col);
            let indent: String = text[..col]
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            out.push_str(&format!(" {pad} | {indent}^\n"));
        }
        if let Error::Exec(e) = self
            && let ExecErrorKind::Call {
                cause: FuncError::Template(inner),
                ..
            } = &e.kind
        {
            out.push_str("caused by:\n");
            inner.write_pretty(out);
        }
    }
}

/// The largest char boundary of `s` at or before `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Go's `strconv.Quote`.
pub(crate) fn go_quote(s: &str) -> String {
    let mut out = Vec::with_capacity(s.len() + 2);
    crate::gofmt::quote::append_quoted(&mut out, s.as_bytes(), false);
    String::from_utf8(out).expect("quoting valid UTF-8 yields valid UTF-8")
}

/// Go's `strconv.IsPrint`.
pub(crate) fn is_go_printable(c: char) -> bool {
    crate::gofmt::isprint::is_print(c as u32)
}
