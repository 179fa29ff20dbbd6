//! The glob syntax of `.Files.Glob` (gobwas/glob with `/` as separator):
//! `*` stays within a path segment, `**` crosses segments, `?` is one
//! non-separator character, `[a-z]`/`[!a-z]` classes, `{a,b}` alternatives,
//! `\` escapes.

const SEP: char = '/';

#[derive(Debug, Clone)]
enum Node {
    Char(char),
    /// `*`
    Any,
    /// `**`
    Super,
    /// `?`
    Single,
    Class {
        negated: bool,
        items: Vec<(char, char)>,
    },
    Alt(Vec<Vec<Node>>),
}

/// A compiled pattern.
#[derive(Debug, Clone)]
pub struct Glob(Vec<Node>);

/// The pattern does not compile (an unclosed `[` or `{`, a trailing `\`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BadGlob;

impl Glob {
    pub fn compile(pattern: &str) -> Result<Glob, BadGlob> {
        let chars: Vec<char> = pattern.chars().collect();
        let mut pos = 0;
        let seq = parse_seq(&chars, &mut pos, false)?;
        if pos != chars.len() {
            return Err(BadGlob);
        }
        Ok(Glob(seq))
    }

    pub fn matches(&self, s: &str) -> bool {
        let chars: Vec<char> = s.chars().collect();
        match_seq(&self.0, &chars, &mut |rest: &[char]| rest.is_empty())
    }
}

fn parse_seq(p: &[char], pos: &mut usize, in_alt: bool) -> Result<Vec<Node>, BadGlob> {
    let mut out = Vec::new();
    while *pos < p.len() {
        let c = p[*pos];
        match c {
            ',' | '}' if in_alt => return Ok(out),
            '*' => {
                if p.get(*pos + 1) == Some(&'*') {
                    *pos += 2;
                    out.push(Node::Super);
                } else {
                    *pos += 1;
                    out.push(Node::Any);
                }
            }
            '?' => {
                *pos += 1;
                out.push(Node::Single);
            }
            '\\' => {
                let e = *p.get(*pos + 1).ok_or(BadGlob)?;
                *pos += 2;
                out.push(Node::Char(e));
            }
            '[' => {
                *pos += 1;
                let negated = p.get(*pos) == Some(&'!');
                if negated {
                    *pos += 1;
                }
                let mut items = Vec::new();
                loop {
                    let c = *p.get(*pos).ok_or(BadGlob)?;
                    if c == ']' {
                        *pos += 1;
                        break;
                    }
                    let lo = if c == '\\' {
                        *pos += 1;
                        *p.get(*pos).ok_or(BadGlob)?
                    } else {
                        c
                    };
                    *pos += 1;
                    if p.get(*pos) == Some(&'-') && p.get(*pos + 1).is_some_and(|c| *c != ']') {
                        let hi = p[*pos + 1];
                        *pos += 2;
                        items.push((lo, hi));
                    } else {
                        items.push((lo, lo));
                    }
                }
                out.push(Node::Class { negated, items });
            }
            '{' => {
                *pos += 1;
                let mut alts = Vec::new();
                loop {
                    alts.push(parse_seq(p, pos, true)?);
                    match p.get(*pos) {
                        Some(',') => *pos += 1,
                        Some('}') => {
                            *pos += 1;
                            break;
                        }
                        _ => return Err(BadGlob),
                    }
                }
                out.push(Node::Alt(alts));
            }
            c => {
                *pos += 1;
                out.push(Node::Char(c));
            }
        }
    }
    Ok(out)
}

/// Matches `nodes` at the start of `s` and calls `k` with each possible rest.
fn match_seq(nodes: &[Node], s: &[char], k: &mut dyn FnMut(&[char]) -> bool) -> bool {
    let Some((first, rest)) = nodes.split_first() else {
        return k(s);
    };
    match first {
        Node::Char(c) => s.first() == Some(c) && match_seq(rest, &s[1..], k),
        Node::Single => s.first().is_some_and(|c| *c != SEP) && match_seq(rest, &s[1..], k),
        Node::Class { negated, items } => {
            let Some(c) = s.first() else { return false };
            let inside = items.iter().any(|(lo, hi)| lo <= c && c <= hi);
            inside != *negated && match_seq(rest, &s[1..], k)
        }
        Node::Any | Node::Super => {
            let limit = if matches!(first, Node::Any) {
                s.iter().position(|c| *c == SEP).unwrap_or(s.len())
            } else {
                s.len()
            };
            (0..=limit).any(|n| match_seq(rest, &s[n..], k))
        }
        Node::Alt(alts) => alts
            .iter()
            .any(|alt| match_seq(alt, s, &mut |after: &[char]| match_seq(rest, after, k))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_like_gobwas() {
        let cases = [
            ("*.yaml", "a.yaml", true),
            ("*.yaml", "d/a.yaml", false),
            ("**.yaml", "d/a.yaml", true),
            ("files/*", "files/a", true),
            ("files/*", "files/a/b", false),
            ("files/**", "files/a/b", true),
            ("{a,b}/*.txt", "b/x.txt", true),
            ("[!a]*", "bcd", true),
            ("[a-c]?", "b1", true),
            ("a\\*", "a*", true),
            ("?", "/", false),
        ];
        for (p, s, want) in cases {
            assert_eq!(Glob::compile(p).unwrap().matches(s), want, "{p} ~ {s}");
        }
        assert!(Glob::compile("[").is_err());
    }
}
