//! Errors of the YAML layer, worded as go-yaml, sigs.k8s.io/yaml and Helm
//! word them, without any file name (callers prefix their own context).

use libyaml_safer::Mark;

/// What stage failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    /// The text is not YAML (`yaml: line 7: mapping values are not allowed in this context`).
    Syntax,
    /// YAML that go-yaml cannot turn into Go values (`yaml: unknown anchor 'x' referenced`,
    /// bad merges, tags that do not fit, excessive aliasing).
    Decode,
    /// Go values that JSON cannot hold (`unsupported map key ...`, `json: unsupported value: NaN`).
    Convert,
    /// JSON of the wrong shape for the target (`cannot unmarshal array into ... map`).
    Unmarshal,
    /// Helm's multi-document splitter rejected a `---` line.
    DocumentSeparator,
    /// A value could not be marshalled (`toYaml` of NaN).
    Marshal,
}

/// A YAML read or write failure. `message` is the exact text Helm shows
/// after its own prefix (e.g. after `cannot load values.yaml: `).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// What went wrong.
    pub kind: YamlErrorKind,
    /// Helm's message.
    pub message: String,
    /// 1-based line in the whole input where the problem was found, if known.
    pub line: Option<usize>,
    /// 1-based column in the whole input where the problem was found, if known.
    pub column: Option<usize>,
}

impl YamlError {
    pub(crate) fn new(kind: YamlErrorKind, message: impl Into<String>) -> YamlError {
        YamlError {
            kind,
            message: message.into(),
            line: None,
            column: None,
        }
    }

    /// The same error with `prefix` put before the message (Go's `%w` wrapping).
    pub(crate) fn wrap(mut self, prefix: &str) -> YamlError {
        self.message = format!("{prefix}{}", self.message);
        self
    }
}

/// A go-yaml parse failure inside one document chunk.
#[derive(Clone, Debug)]
pub(crate) struct SyntaxError {
    pub problem: String,
    /// The line go-yaml prints (its 0/1-based quirks included).
    pub shown_line: Option<u64>,
    /// Where the problem is, 0-based within the chunk.
    pub mark: Option<(u64, u64)>,
}

impl SyntaxError {
    /// go-yaml's `parser.fail`: the problem line (plus one for scanner
    /// errors, which do not advance the line first) unless it is line 0,
    /// else the context line, else no line at all.
    pub fn from_marks(
        problem: String,
        scanner: bool,
        problem_mark: Mark,
        context_mark: Mark,
    ) -> Self {
        let shown_line = if problem_mark.line != 0 {
            Some(problem_mark.line + u64::from(scanner))
        } else if context_mark.line != 0 {
            Some(context_mark.line)
        } else {
            None
        };
        SyntaxError {
            problem,
            shown_line,
            mark: Some((problem_mark.line, problem_mark.column)),
        }
    }

    pub fn scanner(problem: impl Into<String>, mark: Mark) -> Self {
        Self::from_marks(problem.into(), true, mark, Mark::default())
    }

    pub fn parser(problem: impl Into<String>, mark: Mark) -> Self {
        Self::from_marks(problem.into(), false, mark, Mark::default())
    }

    /// A failure go-yaml reports without a position.
    pub fn plain(problem: impl Into<String>) -> Self {
        SyntaxError {
            problem: problem.into(),
            shown_line: None,
            mark: None,
        }
    }

    /// As a public error, positions shifted by the chunk's first line.
    pub fn into_error(self, kind: YamlErrorKind, first_line: usize) -> YamlError {
        let message = match self.shown_line {
            Some(line) => format!("yaml: line {line}: {}", self.problem),
            None => format!("yaml: {}", self.problem),
        };
        YamlError {
            kind,
            message,
            line: self.mark.map(|(l, _)| l as usize + first_line + 1),
            column: self.mark.map(|(_, c)| c as usize + 1),
        }
    }
}
