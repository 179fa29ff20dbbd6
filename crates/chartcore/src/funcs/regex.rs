//! Sprig's regular expression functions with Go's `regexp` semantics.
//!
//! Patterns are parsed by a port of Go's `regexp/syntax` (see [`syntax`]),
//! which rejects what Go rejects with Go's messages and translates the rest
//! for the `regex` crate. Matching iterates the way Go's `regexp` does, so
//! empty matches, `$1`/`${name}` expansion and `Split` behave like Go.
//! Compiled patterns are cached, since templates call these functions in
//! loops with the same few patterns.

mod syntax;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use gotemplate::{FuncError, FuncMap, GoType, List, Value};

use super::strings::gounicode;
use super::{def, i, s};
pub use syntax::SyntaxError;

use GoType::{Int, String as Str};

pub(super) fn register(m: &mut FuncMap) {
    def(m, "regexMatch", &[Str, Str], |a| {
        Ok(Value::Bool(
            compile(s(&a[0])).is_ok_and(|re| re.is_match(s(&a[1]))),
        ))
    });
    def(m, "mustRegexMatch", &[Str, Str], |a| {
        Ok(Value::Bool(checked(s(&a[0]))?.is_match(s(&a[1]))))
    });
    def(m, "regexFind", &[Str, Str], |a| {
        Ok(Value::str(must(s(&a[0]))?.find(s(&a[1]))))
    });
    def(m, "mustRegexFind", &[Str, Str], |a| {
        Ok(Value::str(checked(s(&a[0]))?.find(s(&a[1]))))
    });
    def(m, "regexFindAll", &[Str, Str, Int], |a| {
        Ok(strings(must(s(&a[0]))?.find_all(s(&a[1]), i(&a[2]))))
    });
    def(m, "mustRegexFindAll", &[Str, Str, Int], |a| {
        Ok(strings(checked(s(&a[0]))?.find_all(s(&a[1]), i(&a[2]))))
    });
    def(m, "regexReplaceAll", &[Str, Str, Str], |a| {
        Ok(Value::str(must(s(&a[0]))?.replace_all(
            s(&a[1]),
            s(&a[2]),
            true,
        )))
    });
    def(m, "mustRegexReplaceAll", &[Str, Str, Str], |a| {
        Ok(Value::str(checked(s(&a[0]))?.replace_all(
            s(&a[1]),
            s(&a[2]),
            true,
        )))
    });
    def(m, "regexReplaceAllLiteral", &[Str, Str, Str], |a| {
        Ok(Value::str(must(s(&a[0]))?.replace_all(
            s(&a[1]),
            s(&a[2]),
            false,
        )))
    });
    def(m, "mustRegexReplaceAllLiteral", &[Str, Str, Str], |a| {
        Ok(Value::str(checked(s(&a[0]))?.replace_all(
            s(&a[1]),
            s(&a[2]),
            false,
        )))
    });
    def(m, "regexSplit", &[Str, Str, Int], |a| {
        Ok(strings(must(s(&a[0]))?.split(s(&a[1]), i(&a[2]))))
    });
    def(m, "mustRegexSplit", &[Str, Str, Int], |a| {
        Ok(strings(checked(s(&a[0]))?.split(s(&a[1]), i(&a[2]))))
    });
    def(m, "regexQuoteMeta", &[Str], |a| {
        Ok(Value::str(quote_meta(s(&a[0]))))
    });
}

fn strings(items: Vec<&str>) -> Value {
    Value::List(List::strings(items))
}

/// `regexp.Compile`: the error is returned as the function's error.
fn checked(expr: &str) -> Result<Arc<GoRegex>, FuncError> {
    compile(expr).map_err(|e| FuncError::msg(e.to_string()))
}

/// `regexp.MustCompile`: the error is the text of its panic.
fn must(expr: &str) -> Result<Arc<GoRegex>, FuncError> {
    compile(expr).map_err(|e| FuncError::msg(format!("regexp: Compile({}): {e}", go_quote(expr))))
}

/// The `quote` of Go's `regexp` package: backquoted when possible.
fn go_quote(s: &str) -> String {
    let backquotable = s
        .chars()
        .all(|c| !((c < ' ' && c != '\t') || c == '`' || c == '\u{7f}' || c == '\u{feff}'));
    if backquotable {
        format!("`{s}`")
    } else {
        gotemplate::strconv::quote(s)
    }
}

/// Go's `regexp.QuoteMeta`.
pub fn quote_meta(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

const CACHE_LIMIT: usize = 1024;

type Compiled = Result<Arc<GoRegex>, SyntaxError>;

/// Compiles a Go pattern, from the cache when it was seen before.
pub fn compile(expr: &str) -> Result<Arc<GoRegex>, SyntaxError> {
    static CACHE: OnceLock<Mutex<HashMap<String, Compiled>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    if let Some(hit) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(expr) {
        return hit.clone();
    }
    let compiled = GoRegex::new(expr).map(Arc::new);
    let mut map = cache.lock().unwrap_or_else(|e| e.into_inner());
    if map.len() >= CACHE_LIMIT {
        map.clear();
    }
    map.insert(expr.to_string(), compiled.clone());
    compiled
}

/// A compiled pattern with Go's matching operations.
#[derive(Debug)]
pub struct GoRegex {
    re: regex::Regex,
    /// Capture group names, index 0 being the whole match.
    names: Vec<String>,
    /// Whether the Go pattern text is empty (`Split` special-cases it).
    empty_expr: bool,
}

/// A match: the span of the whole match and of every group.
type Groups = Vec<Option<(usize, usize)>>;

impl GoRegex {
    fn new(expr: &str) -> Result<GoRegex, SyntaxError> {
        let translated = syntax::translate(expr)?;
        let re = regex::RegexBuilder::new(&translated.pattern)
            .size_limit(1 << 28)
            .nest_limit(10_000)
            .build()
            .map_err(|_| SyntaxError::internal(expr))?;
        if re.captures_len() != translated.names.len() {
            return Err(SyntaxError::internal(expr));
        }
        Ok(GoRegex {
            re,
            names: translated.names,
            empty_expr: expr.is_empty(),
        })
    }

    /// `MatchString`.
    pub fn is_match(&self, s: &str) -> bool {
        self.re.is_match(s)
    }

    /// `FindString`: the leftmost match, "" if none.
    pub fn find<'s>(&self, s: &'s str) -> &'s str {
        self.re.find(s).map_or("", |m| m.as_str())
    }

    /// Go's `allMatches`: successive non-overlapping matches, at most `n`
    /// (all if `n < 0`); an empty match right after a match is skipped.
    fn all_matches(&self, s: &str, n: i64) -> Vec<(usize, usize)> {
        let limit = if n < 0 { s.len() as u64 + 1 } else { n as u64 };
        let mut out = Vec::new();
        let mut pos = 0;
        let mut prev_end: Option<usize> = None;
        while (out.len() as u64) < limit && pos <= s.len() {
            let Some(m) = self.re.find_at(s, pos) else {
                break;
            };
            let mut accept = true;
            if m.end() == pos {
                if prev_end == Some(m.start()) {
                    accept = false;
                }
                match rune_width(s, pos) {
                    0 => pos = s.len() + 1,
                    w => pos += w,
                }
            } else {
                pos = m.end();
            }
            prev_end = Some(m.end());
            if accept {
                out.push((m.start(), m.end()));
            }
        }
        out
    }

    /// `FindAllString`.
    pub fn find_all<'s>(&self, s: &'s str, n: i64) -> Vec<&'s str> {
        self.all_matches(s, n)
            .into_iter()
            .map(|(a, b)| &s[a..b])
            .collect()
    }

    /// `Split`.
    pub fn split<'s>(&self, s: &'s str, n: i64) -> Vec<&'s str> {
        if n == 0 {
            return Vec::new();
        }
        if !self.empty_expr && s.is_empty() {
            return vec![""];
        }
        let mut parts = Vec::new();
        let (mut beg, mut end) = (0, 0);
        for (start, stop) in self.all_matches(s, n) {
            if n > 0 && parts.len() as i64 == n - 1 {
                break;
            }
            end = start;
            if stop != 0 {
                parts.push(&s[beg..end]);
            }
            beg = stop;
        }
        if end != s.len() {
            parts.push(&s[beg..]);
        }
        parts
    }

    /// `ReplaceAllString` (`expand`) or `ReplaceAllLiteralString`.
    pub fn replace_all(&self, src: &str, repl: &str, expand: bool) -> String {
        let expand = expand && repl.contains('$');
        let mut out = String::with_capacity(src.len());
        let mut last_end = 0;
        let mut pos = 0;
        while pos <= src.len() {
            let groups: Groups = if expand {
                match self.re.captures_at(src, pos) {
                    Some(c) => c.iter().map(|g| g.map(|m| (m.start(), m.end()))).collect(),
                    None => break,
                }
            } else {
                match self.re.find_at(src, pos) {
                    Some(m) => vec![Some((m.start(), m.end()))],
                    None => break,
                }
            };
            let (start, end) = groups[0].unwrap_or_default();
            out.push_str(&src[last_end..start]);
            // No replacement for an empty match right after a match.
            if end > last_end || start == 0 {
                if expand {
                    self.expand(&mut out, repl, src, &groups);
                } else {
                    out.push_str(repl);
                }
            }
            last_end = end;
            // Advance past this match, always by at least one rune.
            let width = rune_width(src, pos);
            if pos + width > end {
                pos += width;
            } else if pos + 1 > end {
                pos += 1;
            } else {
                pos = end;
            }
        }
        out.push_str(&src[last_end..]);
        out
    }

    /// Go's `expand`: `$n`, `${n}`, `$name`, `${name}` and `$$` in `template`.
    fn expand(&self, out: &mut String, template: &str, src: &str, groups: &Groups) {
        let mut rest = template;
        while let Some(dollar) = rest.find('$') {
            out.push_str(&rest[..dollar]);
            rest = &rest[dollar + 1..];
            if let Some(after) = rest.strip_prefix('$') {
                out.push('$');
                rest = after;
                continue;
            }
            let Some((name, num, after)) = extract(rest) else {
                // Malformed: the `$` is literal.
                out.push('$');
                continue;
            };
            rest = after;
            let span = match num {
                Some(n) => groups.get(n).copied().flatten(),
                None => self
                    .names
                    .iter()
                    .enumerate()
                    .filter(|(_, g)| g.as_str() == name)
                    .find_map(|(n, _)| groups.get(n).copied().flatten()),
            };
            if let Some((a, b)) = span {
                out.push_str(&src[a..b]);
            }
        }
        out.push_str(rest);
    }
}

/// Go's `extract`: the name of a `$name` or `${name}` reference (letters,
/// digits and `_`), its number if purely numeric, and the rest.
fn extract(s: &str) -> Option<(&str, Option<usize>, &str)> {
    let (brace, body) = match s.strip_prefix('{') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let len: usize = body
        .chars()
        .take_while(|&c| gounicode::is_letter(c) || gounicode::is_digit(c) || c == '_')
        .map(char::len_utf8)
        .sum();
    if len == 0 {
        return None;
    }
    let name = &body[..len];
    let rest = if brace {
        body[len..].strip_prefix('}')?
    } else {
        &body[len..]
    };
    let mut num: Option<usize> = Some(0);
    for c in name.bytes() {
        num = match num {
            Some(n) if c.is_ascii_digit() && n < 100_000_000 => {
                Some(n * 10 + usize::from(c - b'0'))
            }
            _ => None,
        };
    }
    // Leading zeros make it a name.
    if name.len() > 1 && name.starts_with('0') {
        num = None;
    }
    Some((name, num, rest))
}

/// The byte width of the rune at `pos`, 0 at the end.
fn rune_width(s: &str, pos: usize) -> usize {
    s[pos..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_matches_follow_go() {
        let re = compile("a*").unwrap();
        assert_eq!(re.find_all("baaab", -1), vec!["", "aaa", ""]);
        assert_eq!(re.replace_all("baaac", "X", true), "XbXcX");
        let re = compile("").unwrap();
        assert_eq!(re.split("abc", -1), vec!["a", "b", "c"]);
        assert_eq!(re.split("", -1), Vec::<&str>::new());
    }

    #[test]
    fn expansion_follows_go() {
        let re = compile("a(x*)b").unwrap();
        assert_eq!(re.replace_all("-ab-axxb-", "${1}W", true), "-W-xxW-");
        assert_eq!(re.replace_all("-ab-axxb-", "$1W", true), "---");
        assert_eq!(re.replace_all("-ab-axxb-", "$$1", true), "-$1-$1-");
        assert_eq!(re.replace_all("-ab-axxb-", "${1", true), "-${1-${1-");
        let re = compile("(?P<n>a)|(?P<n>b)").unwrap();
        assert_eq!(re.replace_all("ab", "[$n]", true), "[a][b]");
    }

    #[test]
    fn go_classes_are_ascii() {
        assert!(!compile("^\\d+$").unwrap().is_match("١٢٣"));
        assert!(!compile("\\s").unwrap().is_match("\u{a0}"));
        assert!(compile("\\bfoo\\b").unwrap().is_match("éfooé"));
    }

    #[test]
    fn must_compile_errors_quote_the_pattern() {
        let err = must("(").unwrap_err().to_string();
        assert_eq!(
            err,
            "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`"
        );
        let err = must("(\n").unwrap_err().to_string();
        assert!(err.starts_with("regexp: Compile(\"(\\n\"): "), "{err}");
    }

    #[test]
    fn quote_meta_escapes_go_metacharacters() {
        assert_eq!(quote_meta("1.5-2.0?"), "1\\.5-2\\.0\\?");
        assert_eq!(quote_meta("é#&~ -"), "é#&~ -");
    }
}
