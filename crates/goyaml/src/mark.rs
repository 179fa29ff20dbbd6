//! Positions in the input, counted the way go-yaml v2 counts them.

/// A position in the input: go-yaml's `yaml_mark_t`.
///
/// `index` and `column` count characters (not bytes), `line` and `column`
/// are 0-based. A byte order mark skipped by the reader at the very start
/// is not counted; one skipped by the scanner later is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Mark {
    /// Characters before this position.
    pub index: usize,
    /// 0-based line.
    pub line: usize,
    /// 0-based column, in characters.
    pub column: usize,
}
