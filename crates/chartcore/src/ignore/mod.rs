//! `.helmignore` rules as Helm v4.3.1 applies them when loading a chart
//! directory (`internal/ignore/rules.go`).
//!
//! Quirks kept on purpose:
//! - a pattern without `/` is matched against the base name only, at any depth;
//!   one with a `/` against the whole relative path; a leading `/` anchors it;
//! - a trailing `/` restricts the rule to directories;
//! - a `!pattern` rule is not gitignore's re-include: every path that does
//!   *not* match it is ignored on the spot, and a match only moves on to the
//!   next rule;
//! - rules are tried in file order and the first that ignores wins; the default
//!   rule `templates/.?*` goes after the file's rules.

mod glob;

pub use glob::{BadPattern, go_match};

/// The file name Helm reads rules from.
pub const HELM_IGNORE: &str = ".helmignore";

/// The rule Helm always adds: dot files directly inside `templates/`.
pub const DEFAULT_RULE: &str = "templates/.?*";

/// Go's `bufio.MaxScanTokenSize`: a longer line stops the scan.
const MAX_LINE_LEN: usize = 64 * 1024;

/// Why a `.helmignore` could not be parsed; texts as Helm prints them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IgnoreError {
    /// A `**` in a pattern (Helm rejects it).
    #[error("double-star (**) syntax is not supported")]
    DoubleStar,
    /// A pattern Go's `filepath.Match` rejects.
    #[error(transparent)]
    BadPattern(#[from] BadPattern),
    /// A line longer than Go's line scanner accepts.
    #[error("bufio.Scanner: token too long")]
    LineTooLong,
}

/// How a rule's pattern is matched.
#[derive(Debug, Clone, Copy)]
enum Target {
    /// Contains `/` (or started with one, which is stripped): the whole path.
    Path,
    /// No `/`: the base name.
    Base,
}

/// A rule's pattern, with shapes common in `.helmignore` files recognised
/// once so that matching them needs no glob walk (a chart has many files).
#[derive(Debug, Clone)]
enum Pattern {
    /// No metacharacter: `filepath.Match` is plain equality.
    Literal(String),
    /// `*` then a literal: any name without `/` that ends with it.
    Suffix(String),
    /// Anything else, matched by [`go_match`].
    Glob(String),
}

impl Pattern {
    fn new(pattern: &str) -> Pattern {
        let is_meta = |c: char| matches!(c, '*' | '?' | '[' | '\\');
        match pattern.strip_prefix('*') {
            _ if !pattern.contains(is_meta) => Pattern::Literal(pattern.to_string()),
            Some(rest) if !rest.contains(is_meta) => Pattern::Suffix(rest.to_string()),
            _ => Pattern::Glob(pattern.to_string()),
        }
    }

    /// Helm logs and treats a pattern error at match time as no match.
    fn matches(&self, name: &str) -> bool {
        match self {
            Pattern::Literal(p) => p == name,
            Pattern::Suffix(p) => name
                .strip_suffix(p.as_str())
                .is_some_and(|head| !head.contains('/')),
            Pattern::Glob(p) => go_match(p, name).unwrap_or(false),
        }
    }
}

#[derive(Debug, Clone)]
struct Rule {
    pattern: Pattern,
    target: Target,
    negate: bool,
    dirs_only: bool,
}

impl Rule {
    fn parse(line: &str) -> Result<Option<Rule>, IgnoreError> {
        let raw = line.trim();
        if raw.is_empty() || raw.starts_with('#') {
            return Ok(None);
        }
        if raw.contains("**") {
            return Err(IgnoreError::DoubleStar);
        }
        // Helm validates the raw rule (with any `!` and `/`) against "abc".
        go_match(raw, "abc")?;
        let (negate, rest) = match raw.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let (dirs_only, pattern) = match rest.strip_suffix('/') {
            Some(p) => (true, p),
            None => (false, rest),
        };
        // Exactly one leading slash anchors the rule (`//x` never matches).
        let (target, pattern) = match pattern.strip_prefix('/') {
            Some(anchored) => (Target::Path, anchored),
            None if pattern.contains('/') => (Target::Path, pattern),
            None => (Target::Base, pattern),
        };
        Ok(Some(Rule {
            pattern: Pattern::new(pattern),
            target,
            negate,
            dirs_only,
        }))
    }

    fn matches(&self, path: &str) -> bool {
        let name = match self.target {
            Target::Path => path,
            Target::Base => base_name(path),
        };
        self.pattern.matches(name)
    }
}

/// Go's `filepath.Base` for `/`-separated paths.
fn base_name(path: &str) -> &str {
    if path.is_empty() {
        return ".";
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/";
    }
    match trimmed.rfind('/') {
        Some(i) => &trimmed[i + 1..],
        None => trimmed,
    }
}

/// A parsed set of ignore rules.
#[derive(Debug, Clone, Default)]
pub struct Rules {
    rules: Vec<Rule>,
}

impl Rules {
    /// No rules at all (Helm `ignore.Empty`).
    pub fn empty() -> Rules {
        Rules::default()
    }

    /// Only the default rule: what a chart without `.helmignore` gets.
    pub fn default_rules() -> Rules {
        let mut rules = Rules::empty();
        rules.add_defaults();
        rules
    }

    /// Parses `.helmignore` text: one pattern per line, trimmed, `#`
    /// comments, a UTF-8 BOM at the start ignored. The default rule is not
    /// included; loaders call [`Rules::add_defaults`] as Helm does.
    pub fn parse(text: &str) -> Result<Rules, IgnoreError> {
        let mut rules = Rules::empty();
        if text.is_empty() {
            return Ok(rules);
        }
        let body = text.strip_suffix('\n').unwrap_or(text);
        for (i, raw) in body.split('\n').enumerate() {
            // bufio.Scanner gives up on a line that fills its whole buffer.
            if raw.len() >= MAX_LINE_LEN {
                return Err(IgnoreError::LineTooLong);
            }
            let line = if i == 0 {
                raw.strip_prefix('\u{feff}').unwrap_or(raw)
            } else {
                raw
            };
            // bufio.ScanLines drops one trailing CR.
            let line = line.strip_suffix('\r').unwrap_or(line);
            if let Some(rule) = Rule::parse(line)? {
                rules.rules.push(rule);
            }
        }
        Ok(rules)
    }

    /// Appends the default rule `templates/.?*`.
    pub fn add_defaults(&mut self) {
        if let Ok(Some(rule)) = Rule::parse(DEFAULT_RULE) {
            self.rules.push(rule);
        }
    }

    /// Whether the entry at `rel_path` (relative to the chart root, `/`
    /// separated, no trailing slash) is ignored. A loader skips an ignored
    /// directory's whole subtree.
    pub fn ignore(&self, rel_path: &str, is_dir: bool) -> bool {
        if rel_path.is_empty() || rel_path == "." || rel_path == "./" {
            return false;
        }
        for rule in &self.rules {
            if rule.negate {
                if rule.dirs_only && !is_dir {
                    return true;
                }
                if !rule.matches(rel_path) {
                    return true;
                }
                continue;
            }
            if rule.dirs_only && !is_dir {
                continue;
            }
            if rule.matches(rel_path) {
                return true;
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_name_like_go() {
        assert_eq!(base_name("a/b.txt"), "b.txt");
        assert_eq!(base_name("b"), "b");
        assert_eq!(base_name("a/b/"), "b");
        assert_eq!(base_name(""), ".");
        assert_eq!(base_name("//"), "/");
    }

    #[test]
    fn recognised_patterns_match_as_go_match() {
        let patterns = [
            "", "a", "*", "*.swp", "*~", ".git", "a/b", "*/b", "*.t?p", "[ab]", "*\\*", "*.",
        ];
        let names = [
            "", "a", "b", "x.swp", ".swp", "swp", "a.swp.x", "d/x.swp", "x~", "~", ".git", ".gitx",
            "a/b", "c/b", "x.tmp", "*", "x*", "x.",
        ];
        for p in patterns {
            let compiled = Pattern::new(p);
            for n in names {
                assert_eq!(
                    compiled.matches(n),
                    go_match(p, n).unwrap_or(false),
                    "pattern {p:?} name {n:?} ({compiled:?})"
                );
            }
        }
    }

    #[test]
    fn scanner_line_limit() {
        let long = "a".repeat(MAX_LINE_LEN - 1);
        assert!(Rules::parse(&long).is_ok());
        assert_eq!(
            Rules::parse(&format!("{long}a\n")).unwrap_err(),
            IgnoreError::LineTooLong
        );
    }
}
