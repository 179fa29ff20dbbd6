//! The engine's error type. `Display` gives Go's exact message text; the
//! structured fields let callers point at the source.

use std::fmt;

use crate::func::FuncError;

/// A position in a template source: the name it was parsed under, 1-based line,
/// and Go's column (bytes from the start of the line, 0-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub name: String,
    pub line: usize,
    pub col: usize,
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
    Call { func: String, cause: FuncError },
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
    Parse { location: Location, message: String },
    /// An error while executing.
    #[error("{0}")]
    Exec(Box<ExecError>),
    /// `ExecuteTemplate` of a name the set does not have.
    #[error("template: no template {} associated with template {}", go_quote(.name), go_quote(.set))]
    NoTemplate { name: String, set: String },
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
