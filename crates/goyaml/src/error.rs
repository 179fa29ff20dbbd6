//! Parse failures as go-yaml v2 records them (`parser.error`, `problem`,
//! `context` and their marks), and the message its `parser.fail` prints.

use std::borrow::Cow;

use crate::mark::Mark;

/// Results inside the scanner and parser: the error is boxed so that the
/// many `?`-checked steps pass a pointer, not the whole error.
pub(crate) type Fallible<T> = Result<T, Box<Error>>;

/// Which stage of go-yaml failed (`yaml_READER_ERROR`, ...).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// The reader met a character YAML does not allow.
    Reader,
    /// The scanner could not make a token.
    Scanner,
    /// The parser met a token the grammar does not allow there.
    Parser,
}

/// A go-yaml v2 parse failure. `Display` prints it as `yaml.Unmarshal`
/// reports it: `yaml: line 3: mapping values are not allowed in this context`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("yaml: {}", self.message())]
pub struct Error {
    /// The failing stage.
    pub kind: ErrorKind,
    /// What went wrong (`did not find expected key`).
    pub problem: Cow<'static, str>,
    /// Where it went wrong (scanner errors: where the scanner stood).
    pub problem_mark: Mark,
    /// What was being read (`while parsing a block mapping`), or empty.
    pub context: &'static str,
    /// Where the construct named by `context` starts.
    pub context_mark: Mark,
    /// Reader errors: the byte offset of the offending character.
    pub problem_offset: usize,
    /// Reader errors: the offending character's code point.
    pub problem_value: Option<u32>,
}

impl Error {
    pub(crate) fn reader(problem: &'static str, offset: usize, value: u32) -> Box<Error> {
        Box::new(Error {
            kind: ErrorKind::Reader,
            problem: Cow::Borrowed(problem),
            problem_mark: Mark::default(),
            context: "",
            context_mark: Mark::default(),
            problem_offset: offset,
            problem_value: Some(value),
        })
    }

    pub(crate) fn scanner(
        context: &'static str,
        context_mark: Mark,
        problem: impl Into<Cow<'static, str>>,
        problem_mark: Mark,
    ) -> Box<Error> {
        Box::new(Error {
            kind: ErrorKind::Scanner,
            problem: problem.into(),
            problem_mark,
            context,
            context_mark,
            problem_offset: 0,
            problem_value: None,
        })
    }

    pub(crate) fn parser(
        context: &'static str,
        context_mark: Mark,
        problem: &'static str,
        problem_mark: Mark,
    ) -> Box<Error> {
        Box::new(Error {
            kind: ErrorKind::Parser,
            problem: Cow::Borrowed(problem),
            problem_mark,
            context,
            context_mark,
            problem_offset: 0,
            problem_value: None,
        })
    }

    /// The 1-based line go-yaml's `parser.fail` shows, with its quirks: the
    /// problem line (plus one for scanner errors, whose marks are not
    /// advanced past the line yet) unless it is line 0, else the context
    /// line unless it is 0, else none.
    pub fn line(&self) -> Option<usize> {
        if self.problem_mark.line != 0 {
            Some(self.problem_mark.line + usize::from(self.kind == ErrorKind::Scanner))
        } else if self.context_mark.line != 0 {
            Some(self.context_mark.line)
        } else {
            None
        }
    }

    /// The message without go-yaml's `yaml: ` prefix: `line 3: did not
    /// find expected key`, or just the problem when no line is shown.
    pub fn message(&self) -> String {
        match self.line() {
            Some(line) => format!("line {line}: {}", self.problem),
            None => self.problem.to_string(),
        }
    }
}
