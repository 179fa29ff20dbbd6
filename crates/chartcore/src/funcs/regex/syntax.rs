//! Go's `regexp/syntax` parser (Perl flags, as `regexp.Compile` uses it),
//! ported so that patterns are accepted or rejected exactly as Go does, with
//! Go's error texts, and translated into the `regex` crate's syntax.
//!
//! The translation spells out what differs between the two engines: Go's
//! `\d`, `\s`, `\w`, `\b` and POSIX classes are ASCII-only, `\Q…\E` quotes,
//! `$` without `(?m)` is `\z`, `(?U)` swaps greediness per operator, and
//! Unicode class names are looked up the way Go looks them up. Capture groups
//! are emitted unnamed (Go allows duplicate names); their names are returned
//! separately for `$name` expansion.

use std::fmt;

/// A pattern Go rejects: `error parsing regexp: <code>: `<expr>``.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    code: &'static str,
    expr: String,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error parsing regexp: {}: `{}`", self.code, self.expr)
    }
}

impl std::error::Error for SyntaxError {}

impl SyntaxError {
    fn new(code: &'static str, expr: &str) -> SyntaxError {
        SyntaxError {
            code,
            expr: expr.to_string(),
        }
    }

    /// A failure of the translation itself, which Go's parser would have
    /// reported as an internal error.
    pub fn internal(expr: &str) -> SyntaxError {
        SyntaxError::new("regexp/syntax: internal error", expr)
    }
}

const INVALID_CHAR_RANGE: &str = "invalid character class range";
const INVALID_ESCAPE: &str = "invalid escape sequence";
const INVALID_NAMED_CAPTURE: &str = "invalid named capture";
const INVALID_PERL_OP: &str = "invalid or unsupported Perl syntax";
const INVALID_REPEAT_OP: &str = "invalid nested repetition operator";
const INVALID_REPEAT_SIZE: &str = "invalid repeat count";
const MISSING_BRACKET: &str = "missing closing ]";
const MISSING_PAREN: &str = "missing closing )";
const MISSING_REPEAT_ARGUMENT: &str = "missing argument to repetition operator";
const TRAILING_BACKSLASH: &str = "trailing backslash at end of expression";
const UNEXPECTED_PAREN: &str = "unexpected )";
const NESTING_DEPTH: &str = "expression nests too deeply";
const LARGE: &str = "expression too large";

/// Go's limits: repetition counts, parse tree height, compiled size.
const MAX_REPEAT: i64 = 1000;
const MAX_HEIGHT: u32 = 1000;
const MAX_SIZE: i64 = (128 << 20) / 40;

/// A pattern translated to the `regex` crate's syntax.
#[derive(Debug, Clone)]
pub struct Translated {
    /// The equivalent `regex` crate pattern.
    pub pattern: String,
    /// The name of each capture group, index 0 being the whole match
    /// (Go's `SubexpNames`, `""` for unnamed groups).
    pub names: Vec<String>,
}

/// Parses a Go regular expression and translates it.
pub fn translate(expr: &str) -> Result<Translated, SyntaxError> {
    let mut p = Parser {
        flags: Flags::PERL,
        stack: Vec::new(),
        names: vec![String::new()],
        whole: expr,
        nodes: 0,
    };
    let tree = p.parse()?;
    let mut pattern = String::with_capacity(expr.len() * 2);
    tree.emit(&mut pattern);
    Ok(Translated {
        pattern,
        names: p.names,
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Flags {
    fold_case: bool,
    /// `^`/`$` match only at the text's ends (cleared by `(?m)`).
    one_line: bool,
    dot_nl: bool,
    non_greedy: bool,
}

impl Flags {
    const PERL: Flags = Flags {
        fold_case: false,
        one_line: true,
        dot_nl: false,
        non_greedy: false,
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RepeatOp {
    Star,
    Plus,
    Quest,
    /// `{min,max}`; `max == -1` is unbounded.
    Counted,
}

#[derive(Debug)]
enum Node {
    Empty,
    Literal {
        text: String,
        fold: bool,
    },
    /// A bracketed class in the `regex` crate's syntax (without brackets).
    Class {
        body: String,
        negated: bool,
        fold: bool,
    },
    AnyNotNl,
    AnyChar,
    BeginLine,
    EndLine,
    BeginText,
    EndText,
    WordBoundary,
    NoWordBoundary,
    Capture(Box<Tree>),
    Repeat {
        op: RepeatOp,
        min: i64,
        max: i64,
        non_greedy: bool,
        sub: Box<Tree>,
    },
    Concat(Vec<Tree>),
    Alternate(Vec<Tree>),
}

/// A parse tree node with Go's size and height measures.
#[derive(Debug)]
struct Tree {
    node: Node,
    size: i64,
    height: u32,
}

impl Tree {
    fn subs(&self) -> &[Tree] {
        match &self.node {
            Node::Capture(sub) | Node::Repeat { sub, .. } => std::slice::from_ref(sub),
            Node::Concat(subs) | Node::Alternate(subs) => subs,
            _ => &[],
        }
    }

    /// Go's `repeatIsValid`: nested counted repetitions may not multiply
    /// beyond `n` copies.
    fn repeat_is_valid(&self, mut n: i64) -> bool {
        if let Node::Repeat {
            op: RepeatOp::Counted,
            min,
            max,
            ..
        } = self.node
        {
            let mut m = max;
            if m == 0 {
                return true;
            }
            if m < 0 {
                m = min;
            }
            if m > n {
                return false;
            }
            if m > 0 {
                n /= m;
            }
        }
        self.subs().iter().all(|s| s.repeat_is_valid(n))
    }

    /// Writes the tree in the `regex` crate's syntax.
    fn emit(&self, out: &mut String) {
        match &self.node {
            Node::Empty => out.push_str("(?:)"),
            Node::Literal { text, fold } => {
                if *fold {
                    out.push_str("(?i:");
                }
                for c in text.chars() {
                    push_literal(out, c);
                }
                if *fold {
                    out.push(')');
                }
            }
            Node::Class {
                body,
                negated,
                fold,
            } => {
                out.push_str(if *fold { "(?i:[" } else { "[" });
                if *negated {
                    out.push('^');
                }
                out.push_str(body);
                out.push_str(if *fold { "])" } else { "]" });
            }
            Node::AnyNotNl => out.push_str("[^\\n]"),
            Node::AnyChar => out.push_str("(?s:.)"),
            Node::BeginLine => out.push_str("(?m:^)"),
            Node::EndLine => out.push_str("(?m:$)"),
            Node::BeginText => out.push_str("\\A"),
            Node::EndText => out.push_str("\\z"),
            Node::WordBoundary => out.push_str("(?-u:\\b)"),
            Node::NoWordBoundary => out.push_str("(?-u:\\B)"),
            Node::Capture(sub) => {
                out.push('(');
                sub.emit(out);
                out.push(')');
            }
            Node::Repeat {
                op,
                min,
                max,
                non_greedy,
                sub,
            } => {
                if *op == RepeatOp::Counted && *max == 0 {
                    // `x{0}` matches nothing of x; the regex crate would drop
                    // x's groups, which Go still counts, so keep them behind
                    // a class that never matches.
                    out.push_str("(?:[^\\x{0}-\\x{10FFFF}](?:");
                    sub.emit(out);
                    out.push_str("))?");
                    return;
                }
                out.push_str("(?:");
                sub.emit(out);
                out.push(')');
                match op {
                    RepeatOp::Star => out.push('*'),
                    RepeatOp::Plus => out.push('+'),
                    RepeatOp::Quest => out.push('?'),
                    RepeatOp::Counted if max < &0 => out.push_str(&format!("{{{min},}}")),
                    RepeatOp::Counted if min == max => out.push_str(&format!("{{{min}}}")),
                    RepeatOp::Counted => out.push_str(&format!("{{{min},{max}}}")),
                }
                if *non_greedy {
                    out.push('?');
                }
            }
            Node::Concat(subs) => subs.iter().for_each(|s| s.emit(out)),
            Node::Alternate(subs) => {
                out.push_str("(?:");
                for (n, s) in subs.iter().enumerate() {
                    if n > 0 {
                        out.push('|');
                    }
                    s.emit(out);
                }
                out.push(')');
            }
        }
    }
}

/// A literal rune in the `regex` crate's syntax: ASCII punctuation and
/// controls as hex escapes so that no rune can be read as syntax.
fn push_literal(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_whitespace()) {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:X}}}", c as u32));
    }
}

/// An item of the parse stack: a finished tree or a pseudo-operator.
#[derive(Debug)]
enum Item {
    Tree(Tree),
    /// `(`: the group's capture index (0 if none) and the flags to restore.
    LeftParen {
        cap: usize,
        flags: Flags,
    },
    VerticalBar,
}

struct Parser<'a> {
    flags: Flags,
    stack: Vec<Item>,
    names: Vec<String>,
    whole: &'a str,
    /// Nodes created so far; Go only measures heights past 1000 nodes.
    nodes: usize,
}

/// The first rune of `s` and the rest; Go's `nextRune` on a valid string.
fn next_rune(s: &str) -> (Option<char>, &str) {
    let mut chars = s.chars();
    let c = chars.next();
    (c, chars.as_str())
}

/// `s` up to where `rest` begins (`rest` is a suffix of `s`).
fn consumed<'a>(s: &'a str, rest: &str) -> &'a str {
    &s[..s.len() - rest.len()]
}

impl<'a> Parser<'a> {
    fn parse(&mut self) -> Result<Tree, SyntaxError> {
        let mut t: &'a str = self.whole;
        let mut last_repeat: &'a str = "";
        while let Some(&b) = t.as_bytes().first() {
            let mut repeat: &'a str = "";
            match b {
                b'(' => {
                    if t.as_bytes().get(1) == Some(&b'?') {
                        t = self.parse_perl_flags(t)?;
                    } else {
                        self.names.push(String::new());
                        let cap = self.names.len() - 1;
                        self.stack.push(Item::LeftParen {
                            cap,
                            flags: self.flags,
                        });
                        t = &t[1..];
                    }
                }
                b'|' => {
                    self.parse_vertical_bar()?;
                    t = &t[1..];
                }
                b')' => {
                    self.parse_right_paren()?;
                    t = &t[1..];
                }
                b'^' => {
                    let node = if self.flags.one_line {
                        Node::BeginText
                    } else {
                        Node::BeginLine
                    };
                    self.push_leaf(node)?;
                    t = &t[1..];
                }
                b'$' => {
                    let node = if self.flags.one_line {
                        Node::EndText
                    } else {
                        Node::EndLine
                    };
                    self.push_leaf(node)?;
                    t = &t[1..];
                }
                b'.' => {
                    let node = if self.flags.dot_nl {
                        Node::AnyChar
                    } else {
                        Node::AnyNotNl
                    };
                    self.push_leaf(node)?;
                    t = &t[1..];
                }
                b'[' => t = self.parse_class(t)?,
                b'*' | b'+' | b'?' => {
                    let op = match b {
                        b'*' => RepeatOp::Star,
                        b'+' => RepeatOp::Plus,
                        _ => RepeatOp::Quest,
                    };
                    let before = t;
                    t = self.repeat(op, 0, 0, before, &before[1..], last_repeat)?;
                    repeat = before;
                }
                b'{' => match parse_repeat(t) {
                    None => {
                        // Not a repetition: `{` is a literal.
                        self.literal('{')?;
                        t = &t[1..];
                    }
                    Some((min, max, after)) => {
                        if !(0..=MAX_REPEAT).contains(&min)
                            || max > MAX_REPEAT
                            || (max >= 0 && min > max)
                        {
                            return Err(SyntaxError::new(INVALID_REPEAT_SIZE, consumed(t, after)));
                        }
                        let before = t;
                        t = self.repeat(RepeatOp::Counted, min, max, before, after, last_repeat)?;
                        repeat = before;
                    }
                },
                b'\\' => t = self.parse_backslash(t)?,
                _ => {
                    let (c, rest) = next_rune(t);
                    if let Some(c) = c {
                        self.literal(c)?;
                    }
                    t = rest;
                }
            }
            last_repeat = repeat;
        }
        self.concat()?;
        if self.swap_vertical_bar() {
            self.stack.pop();
        }
        self.alternate()?;
        match (self.stack.pop(), self.stack.is_empty()) {
            (Some(Item::Tree(tree)), true) => Ok(tree),
            _ => Err(SyntaxError::new(MISSING_PAREN, self.whole)),
        }
    }

    /// Go's `repeat`: applies a repetition to the top of the stack. `before`
    /// starts at the operator, `after` follows it.
    fn repeat(
        &mut self,
        op: RepeatOp,
        min: i64,
        max: i64,
        before: &'a str,
        after: &'a str,
        last_repeat: &'a str,
    ) -> Result<&'a str, SyntaxError> {
        let mut after = after;
        let mut non_greedy = self.flags.non_greedy;
        if let Some(rest) = after.strip_prefix('?') {
            after = rest;
            non_greedy = !non_greedy;
        }
        if !last_repeat.is_empty() {
            // Perl does not allow stacked repetitions like `a**`.
            return Err(SyntaxError::new(
                INVALID_REPEAT_OP,
                consumed(last_repeat, after),
            ));
        }
        let sub = match self.stack.pop() {
            Some(Item::Tree(sub)) => sub,
            other => {
                self.stack.extend(other);
                return Err(SyntaxError::new(
                    MISSING_REPEAT_ARGUMENT,
                    consumed(before, after),
                ));
            }
        };
        let size = repeat_size(op, min, max, sub.size);
        let tree = self.tree(
            Node::Repeat {
                op,
                min,
                max,
                non_greedy,
                sub: Box::new(sub),
            },
            size,
        )?;
        let invalid =
            op == RepeatOp::Counted && (min >= 2 || max >= 2) && !tree.repeat_is_valid(MAX_REPEAT);
        self.stack.push(Item::Tree(tree));
        if invalid {
            return Err(SyntaxError::new(
                INVALID_REPEAT_SIZE,
                consumed(before, after),
            ));
        }
        Ok(after)
    }

    /// Builds a node, enforcing Go's size and height limits.
    fn tree(&mut self, node: Node, size: i64) -> Result<Tree, SyntaxError> {
        self.nodes += 1;
        let height = match &node {
            Node::Capture(sub) | Node::Repeat { sub, .. } => 1 + sub.height,
            Node::Concat(subs) | Node::Alternate(subs) => {
                1 + subs.iter().map(|s| s.height).max().unwrap_or(0)
            }
            _ => 1,
        };
        let size = size.max(1);
        if size > MAX_SIZE {
            return Err(SyntaxError::new(LARGE, self.whole));
        }
        if self.nodes >= MAX_HEIGHT as usize && height > MAX_HEIGHT {
            return Err(SyntaxError::new(NESTING_DEPTH, self.whole));
        }
        Ok(Tree { node, size, height })
    }

    fn push_leaf(&mut self, node: Node) -> Result<(), SyntaxError> {
        let tree = self.tree(node, 1)?;
        self.stack.push(Item::Tree(tree));
        Ok(())
    }

    fn literal(&mut self, c: char) -> Result<(), SyntaxError> {
        let fold = self.flags.fold_case;
        self.push_leaf(Node::Literal {
            text: c.to_string(),
            fold,
        })
    }

    fn push_class(&mut self, body: String, negated: bool) -> Result<(), SyntaxError> {
        let fold = self.flags.fold_case;
        self.push_leaf(Node::Class {
            body,
            negated,
            fold,
        })
    }

    /// Index of the topmost pseudo-operator (or 0).
    fn marker_index(&self, stop_at_bar: bool) -> usize {
        self.stack
            .iter()
            .rposition(|item| match item {
                Item::LeftParen { .. } => true,
                Item::VerticalBar => stop_at_bar,
                Item::Tree(_) => false,
            })
            .map_or(0, |i| i + 1)
    }

    fn drain_trees(&mut self, from: usize) -> Vec<Tree> {
        self.stack
            .drain(from..)
            .filter_map(|item| match item {
                Item::Tree(t) => Some(t),
                _ => None,
            })
            .collect()
    }

    /// Go's `concat`: replaces the trees above the topmost `|` or `(` with
    /// their concatenation, merging adjacent literals and nested concats.
    fn concat(&mut self) -> Result<(), SyntaxError> {
        let from = self.marker_index(true);
        let subs = self.drain_trees(from);
        let mut flat: Vec<Tree> = Vec::with_capacity(subs.len());
        for sub in subs {
            match sub.node {
                Node::Concat(inner) => flat.extend(inner),
                _ => flat.push(sub),
            }
        }
        let mut merged: Vec<Tree> = Vec::with_capacity(flat.len());
        for sub in flat {
            if let (
                Some(Tree {
                    node: Node::Literal { text, fold },
                    size,
                    ..
                }),
                Node::Literal {
                    text: next,
                    fold: next_fold,
                },
            ) = (merged.last_mut(), &sub.node)
                && fold == next_fold
            {
                text.push_str(next);
                *size += sub.size;
                continue;
            }
            merged.push(sub);
        }
        let tree = match merged.len() {
            0 => self.tree(Node::Empty, 1)?,
            1 => merged.pop().expect("one element"),
            _ => {
                let size = merged.iter().map(|s| s.size).sum();
                self.tree(Node::Concat(merged), size)?
            }
        };
        self.stack.push(Item::Tree(tree));
        Ok(())
    }

    /// Go's `alternate`: replaces the trees above the topmost `(` with
    /// their alternation.
    fn alternate(&mut self) -> Result<(), SyntaxError> {
        let from = self.marker_index(false);
        let subs = self.drain_trees(from);
        let mut flat: Vec<Tree> = Vec::with_capacity(subs.len());
        for sub in subs {
            match sub.node {
                Node::Alternate(inner) => flat.extend(inner),
                _ => flat.push(sub),
            }
        }
        let mut flat = self.merge_char_classes(flat);
        let tree = match flat.len() {
            // Go's OpNoMatch; unreachable since `concat` always leaves a tree.
            0 => self.tree(
                Node::Class {
                    body: "\\x{0}-\\x{10FFFF}".into(),
                    negated: true,
                    fold: false,
                },
                1,
            )?,
            1 => flat.pop().expect("one element"),
            n => {
                let size = flat.iter().map(|s| s.size).sum::<i64>() + n as i64 - 1;
                self.tree(Node::Alternate(flat), size)?
            }
        };
        self.stack.push(Item::Tree(tree));
        Ok(())
    }

    /// Go merges consecutive alternatives that match one rune (`a|b|[cd]`)
    /// into one character class. Matching is the same either way, but the
    /// merged class counts as a single node in Go's size and height limits.
    fn merge_char_classes(&mut self, subs: Vec<Tree>) -> Vec<Tree> {
        let is_char_class = |t: &Tree| match &t.node {
            Node::Literal { text, .. } => text.chars().count() == 1,
            Node::Class { .. } | Node::AnyNotNl | Node::AnyChar => true,
            _ => false,
        };
        let mut out: Vec<Tree> = Vec::with_capacity(subs.len());
        let mut run: Vec<Tree> = Vec::new();
        for sub in subs {
            if is_char_class(&sub) {
                run.push(sub);
                continue;
            }
            self.flush_class_run(&mut out, &mut run);
            out.push(sub);
        }
        self.flush_class_run(&mut out, &mut run);
        out
    }

    fn flush_class_run(&mut self, out: &mut Vec<Tree>, run: &mut Vec<Tree>) {
        if run.len() < 2 {
            out.append(run);
            return;
        }
        self.nodes += 1;
        out.push(Tree {
            node: Node::Alternate(std::mem::take(run)),
            size: 1,
            height: 1,
        });
    }

    /// Go's `swapVerticalBar`: moves a finished alternative below the `|`.
    fn swap_vertical_bar(&mut self) -> bool {
        let n = self.stack.len();
        if n >= 2 && matches!(self.stack[n - 2], Item::VerticalBar) {
            self.stack.swap(n - 1, n - 2);
            return true;
        }
        false
    }

    fn parse_vertical_bar(&mut self) -> Result<(), SyntaxError> {
        self.concat()?;
        if !self.swap_vertical_bar() {
            self.stack.push(Item::VerticalBar);
        }
        Ok(())
    }

    fn parse_right_paren(&mut self) -> Result<(), SyntaxError> {
        self.concat()?;
        if self.swap_vertical_bar() {
            self.stack.pop();
        }
        self.alternate()?;
        let unexpected = || SyntaxError::new(UNEXPECTED_PAREN, self.whole);
        if self.stack.len() < 2 {
            return Err(unexpected());
        }
        let Some(Item::Tree(sub)) = self.stack.pop() else {
            return Err(unexpected());
        };
        let Some(Item::LeftParen { cap, flags }) = self.stack.pop() else {
            return Err(unexpected());
        };
        self.flags = flags;
        let tree = if cap == 0 {
            sub
        } else {
            let size = 2 + sub.size;
            self.tree(Node::Capture(Box::new(sub)), size)?
        };
        self.stack.push(Item::Tree(tree));
        Ok(())
    }

    /// Go's `parsePerlFlags`: `(?flags)`, `(?flags:`, `(?P<name>`, `(?<name>`.
    fn parse_perl_flags(&mut self, s: &'a str) -> Result<&'a str, SyntaxError> {
        let b = s.as_bytes();
        let starts_with_p = b.len() > 4 && b[2] == b'P' && b[3] == b'<';
        let starts_with_name = b.len() > 3 && b[2] == b'<';
        if starts_with_p || starts_with_name {
            let name_start = if starts_with_p { 4 } else { 3 };
            let Some(end) = s.find('>') else {
                return Err(SyntaxError::new(INVALID_NAMED_CAPTURE, s));
            };
            let capture = &s[..end + 1];
            let name = &s[name_start..end];
            if name.is_empty() || !name.bytes().all(|c| c == b'_' || c.is_ascii_alphanumeric()) {
                return Err(SyntaxError::new(INVALID_NAMED_CAPTURE, capture));
            }
            self.names.push(name.to_string());
            let cap = self.names.len() - 1;
            self.stack.push(Item::LeftParen {
                cap,
                flags: self.flags,
            });
            return Ok(&s[end + 1..]);
        }

        let mut t = &s[2..];
        let mut flags = self.flags;
        let mut negate = false;
        let mut saw_flag = false;
        while let (Some(c), rest) = next_rune(t) {
            t = rest;
            match c {
                'i' => flags.fold_case = !negate,
                'm' => flags.one_line = negate,
                's' => flags.dot_nl = !negate,
                'U' => flags.non_greedy = !negate,
                '-' => {
                    if negate {
                        break;
                    }
                    negate = true;
                    saw_flag = false;
                    continue;
                }
                ':' | ')' => {
                    if negate && !saw_flag {
                        break;
                    }
                    if c == ':' {
                        // A non-capturing group restores the outer flags.
                        self.stack.push(Item::LeftParen {
                            cap: 0,
                            flags: self.flags,
                        });
                    }
                    self.flags = flags;
                    return Ok(t);
                }
                _ => break,
            }
            saw_flag = true;
        }
        Err(SyntaxError::new(INVALID_PERL_OP, consumed(s, t)))
    }

    /// A backslash outside a class: an assertion, `\Q…\E`, a class escape
    /// or a single escaped rune.
    fn parse_backslash(&mut self, t: &'a str) -> Result<&'a str, SyntaxError> {
        if let Some(&c) = t.as_bytes().get(1) {
            let assertion = match c {
                b'A' => Some(Node::BeginText),
                b'b' => Some(Node::WordBoundary),
                b'B' => Some(Node::NoWordBoundary),
                b'z' => Some(Node::EndText),
                _ => None,
            };
            if let Some(node) = assertion {
                self.push_leaf(node)?;
                return Ok(&t[2..]);
            }
            if c == b'C' {
                // Any byte: not supported.
                return Err(SyntaxError::new(INVALID_ESCAPE, &t[..2]));
            }
            if c == b'Q' {
                // `\Q…\E` quotes everything up to `\E` (or the end).
                let (lit, rest) = match t[2..].find("\\E") {
                    Some(i) => (&t[2..2 + i], &t[2 + i + 2..]),
                    None => (&t[2..], ""),
                };
                for c in lit.chars() {
                    self.literal(c)?;
                }
                return Ok(rest);
            }
            if c == b'p' || c == b'P' {
                let (item, rest) = parse_unicode_class(t)?;
                self.push_class(item, false)?;
                return Ok(rest);
            }
        }
        if let Some((item, rest)) = parse_perl_class_escape(t) {
            self.push_class(item, false)?;
            return Ok(rest);
        }
        let (c, rest) = parse_escape(t)?;
        self.literal(c)?;
        Ok(rest)
    }

    /// Go's `parseClass`: a bracketed class starting at `s`.
    fn parse_class(&mut self, s: &'a str) -> Result<&'a str, SyntaxError> {
        let mut t = &s[1..];
        let mut negated = false;
        if let Some(rest) = t.strip_prefix('^') {
            negated = true;
            t = rest;
        }
        let mut body = String::new();
        let mut first = true; // `]` is a literal as the first rune
        while t.is_empty() || !t.starts_with(']') || first {
            first = false;
            if t.len() > 2
                && t.starts_with("[:")
                && let Some((item, rest)) = parse_named_class(t)?
            {
                body.push_str(&item);
                t = rest;
                continue;
            }
            if t.len() >= 2 && (t.starts_with("\\p") || t.starts_with("\\P")) {
                let (item, rest) = parse_unicode_class(t)?;
                body.push_str(&item);
                t = rest;
                continue;
            }
            if let Some((item, rest)) = parse_perl_class_escape(t) {
                body.push_str(&item);
                t = rest;
                continue;
            }
            let range = t;
            let (lo, rest) = parse_class_char(t, s)?;
            t = rest;
            let mut hi = lo;
            // `[a-]` is `a` or `-`.
            if t.len() >= 2 && t.starts_with('-') && !t[1..].starts_with(']') {
                let (h, rest) = parse_class_char(&t[1..], s)?;
                t = rest;
                hi = h;
                if hi < lo {
                    return Err(SyntaxError::new(INVALID_CHAR_RANGE, consumed(range, t)));
                }
            }
            push_class_literal(&mut body, lo);
            if hi != lo {
                body.push('-');
                push_class_literal(&mut body, hi);
            }
        }
        self.push_class(body, negated)?;
        Ok(&t[1..])
    }
}

/// A rune inside a `regex` crate class, always as a hex escape so that it
/// cannot combine into class syntax (`-`, `&&`, `[`, ...).
fn push_class_literal(out: &mut String, c: char) {
    out.push_str(&format!("\\x{{{:X}}}", c as u32));
}

/// Go's `calcSize` of a repetition: how many instructions it compiles to.
fn repeat_size(op: RepeatOp, min: i64, max: i64, sub: i64) -> i64 {
    match op {
        RepeatOp::Star => 2 + sub,
        RepeatOp::Plus | RepeatOp::Quest => 1 + sub,
        RepeatOp::Counted if max == -1 && min == 0 => 2 + sub,
        RepeatOp::Counted if max == -1 => 1 + min * sub,
        RepeatOp::Counted => max * sub + (max - min),
    }
}

/// Go's `parseRepeat`: `{n}`, `{n,}` or `{n,m}` at the start of `s`, as
/// (min, max, rest); min is -1 when a number is too large.
fn parse_repeat(s: &str) -> Option<(i64, i64, &str)> {
    let s = s.strip_prefix('{')?;
    let (mut min, s) = parse_int(s)?;
    let (max, s) = match s.strip_prefix(',') {
        None => (min, s),
        Some(s) if s.starts_with('}') => (-1, s),
        Some(s) => {
            let (max, s) = parse_int(s)?;
            if max < 0 {
                min = -1;
            }
            (max, s)
        }
    };
    let rest = s.strip_prefix('}')?;
    Some((min, max, rest))
}

/// Go's `parseInt`: decimal digits without leading zeros; -1 past 10⁸.
fn parse_int(s: &str) -> Option<(i64, &str)> {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || (digits >= 2 && s.starts_with('0')) {
        return None;
    }
    let mut n: i64 = 0;
    for c in s[..digits].bytes() {
        if n >= 100_000_000 {
            n = -1;
            break;
        }
        n = n * 10 + i64::from(c - b'0');
    }
    Some((n, &s[digits..]))
}

/// Go's `parseEscape`: a single escaped rune at the start of `s`.
fn parse_escape(s: &str) -> Result<(char, &str), SyntaxError> {
    let t = &s[1..];
    let (Some(c), mut t) = next_rune(t) else {
        return Err(SyntaxError::new(TRAILING_BACKSLASH, ""));
    };
    let invalid = |t: &str| Err(SyntaxError::new(INVALID_ESCAPE, consumed(s, t)));
    match c {
        '1'..='7' if !t.starts_with(|d: char| ('0'..='7').contains(&d)) => {
            // A single non-zero digit would be a backreference.
            invalid(t)
        }
        '0'..='7' => {
            let mut r = c as u32 - '0' as u32;
            for _ in 1..3 {
                match t.as_bytes().first() {
                    Some(&d @ b'0'..=b'7') => {
                        r = r * 8 + u32::from(d - b'0');
                        t = &t[1..];
                    }
                    _ => break,
                }
            }
            Ok((char::from_u32(r).unwrap_or('\0'), t))
        }
        'x' => {
            let (Some(c), rest) = next_rune(t) else {
                return invalid(t);
            };
            t = rest;
            if c == '{' {
                let mut r: u32 = 0;
                let mut digits = 0;
                loop {
                    let (Some(c), rest) = next_rune(t) else {
                        return invalid(t);
                    };
                    t = rest;
                    if c == '}' {
                        break;
                    }
                    let Some(v) = c.to_digit(16) else {
                        return invalid(t);
                    };
                    r = r * 16 + v;
                    if r > 0x10FFFF {
                        return invalid(t);
                    }
                    digits += 1;
                }
                if digits == 0 {
                    return invalid(t);
                }
                // Go accepts surrogates here; they can never match a string.
                return Ok((char::from_u32(r).unwrap_or('\u{FFFD}'), t));
            }
            let (y, rest) = next_rune(t);
            t = rest;
            match (c.to_digit(16), y.and_then(|y| y.to_digit(16))) {
                (Some(x), Some(y)) => Ok((char::from_u32(x * 16 + y).unwrap_or('\0'), t)),
                _ => invalid(t),
            }
        }
        'a' => Ok(('\x07', t)),
        'f' => Ok(('\x0c', t)),
        'n' => Ok(('\n', t)),
        'r' => Ok(('\r', t)),
        't' => Ok(('\t', t)),
        'v' => Ok(('\x0b', t)),
        // Escaped ASCII punctuation stands for itself.
        c if c.is_ascii() && !c.is_ascii_alphanumeric() => Ok((c, t)),
        _ => invalid(t),
    }
}

/// Go's `parseClassChar`: a rune or escape inside a class; running out of
/// input means the class was never closed (`whole` starts at its `[`).
fn parse_class_char<'s>(s: &'s str, whole: &str) -> Result<(char, &'s str), SyntaxError> {
    if s.is_empty() {
        return Err(SyntaxError::new(MISSING_BRACKET, whole));
    }
    if s.starts_with('\\') {
        return parse_escape(s);
    }
    let (c, rest) = next_rune(s);
    Ok((c.unwrap_or('\0'), rest))
}

/// ASCII classes: Go's Perl (`\d`) and POSIX (`[:alpha:]`) groups, as class
/// bodies in the `regex` crate's syntax.
const DIGIT: &str = "0-9";
const SPACE: &str = "\\x{9}\\x{A}\\x{C}\\x{D}\\x{20}";
const WORD: &str = "0-9A-Za-z_";

/// Go's `parsePerlClassEscape`: `\d`, `\D`, `\s`, `\S`, `\w`, `\W` as a
/// nested class.
fn parse_perl_class_escape(s: &str) -> Option<(String, &str)> {
    let b = s.as_bytes();
    if b.len() < 2 || b[0] != b'\\' {
        return None;
    }
    let body = match b[1].to_ascii_lowercase() {
        b'd' => DIGIT,
        b's' => SPACE,
        b'w' => WORD,
        _ => return None,
    };
    let negated = b[1].is_ascii_uppercase();
    Some((nested_class(body, negated), &s[2..]))
}

fn nested_class(body: &str, negated: bool) -> String {
    format!("[{}{body}]", if negated { "^" } else { "" })
}

/// Go's `parseNamedClass`: `[:alpha:]` and `[:^alpha:]` inside a class.
fn parse_named_class(s: &str) -> Result<Option<(String, &str)>, SyntaxError> {
    let Some(i) = s[2..].find(":]") else {
        return Ok(None);
    };
    let (name, rest) = s.split_at(i + 4);
    let (negated, bare) = match name.strip_prefix("[:^") {
        Some(n) => (true, n),
        None => (false, &name[2..]),
    };
    let body = match bare.strip_suffix(":]") {
        Some("alnum") => "0-9A-Za-z",
        Some("alpha") => "A-Za-z",
        Some("ascii") => "\\x{0}-\\x{7F}",
        Some("blank") => "\\x{9}\\x{20}",
        Some("cntrl") => "\\x{0}-\\x{1F}\\x{7F}",
        Some("digit") => DIGIT,
        Some("graph") => "\\x{21}-\\x{7E}",
        Some("lower") => "a-z",
        Some("print") => "\\x{20}-\\x{7E}",
        Some("punct") => "\\x{21}-\\x{2F}\\x{3A}-\\x{40}\\x{5B}-\\x{60}\\x{7B}-\\x{7E}",
        Some("space") => "\\x{9}-\\x{D}\\x{20}",
        Some("upper") => "A-Z",
        Some("word") => WORD,
        Some("xdigit") => "0-9A-Fa-f",
        _ => return Err(SyntaxError::new(INVALID_CHAR_RANGE, name)),
    };
    Ok(Some((nested_class(body, negated), rest)))
}

/// Go's `parseUnicodeClass`: `\pL`, `\p{Greek}`, `\P{^Lu}`... at the start
/// of `s`, as a class item in the `regex` crate's syntax.
fn parse_unicode_class(s: &str) -> Result<(String, &str), SyntaxError> {
    let mut positive = s.as_bytes()[1] == b'p';
    let (c, t) = next_rune(&s[2..]);
    let (seq, mut name, rest) = if c == Some('{') {
        let Some(end) = s.find('}') else {
            return Err(SyntaxError::new(INVALID_CHAR_RANGE, s));
        };
        (&s[..end + 1], &s[3..end], &s[end + 1..])
    } else {
        let seq = consumed(s, t);
        (seq, &seq[2..], t)
    };
    if let Some(n) = name.strip_prefix('^') {
        positive = !positive;
        name = n;
    }
    let Some(table) = unicode_table(name) else {
        return Err(SyntaxError::new(INVALID_CHAR_RANGE, seq));
    };
    let item = match table {
        // Scripts newer than the `regex` crate's Unicode tables: no rune of
        // them is assigned there, so the class is empty.
        UnicodeTable::NewScript => if positive {
            "[^\\x{0}-\\x{10FFFF}]"
        } else {
            "\\p{Any}"
        }
        .to_string(),
        UnicodeTable::Named(property) => {
            format!("\\{}{{{property}}}", if positive { 'p' } else { 'P' })
        }
    };
    Ok((item, rest))
}

enum UnicodeTable {
    /// A property in the `regex` crate's `\p{...}` syntax.
    Named(String),
    NewScript,
}

/// Go's `unicodeTable`: names match ignoring case, spaces, `_` and `-`.
fn unicode_table(name: &str) -> Option<UnicodeTable> {
    let canon = canonical(name);
    match canon.as_str() {
        "any" => return Some(UnicodeTable::Named("Any".into())),
        "assigned" => return Some(UnicodeTable::Named("Assigned".into())),
        "ascii" => return Some(UnicodeTable::Named("ASCII".into())),
        _ => {}
    }
    if let Some(&(short, _)) = CATEGORIES.iter().find(|(short, long)| {
        canonical(short) == canon || long.iter().any(|l| canonical(l) == canon)
    }) {
        return Some(UnicodeTable::Named(format!("gc={short}")));
    }
    if let Some(script) = SCRIPTS.iter().find(|s| canonical(s) == canon) {
        return Some(UnicodeTable::Named(format!("sc={script}")));
    }
    if NEW_SCRIPTS.iter().any(|s| canonical(s) == canon) {
        return Some(UnicodeTable::NewScript);
    }
    None
}

fn canonical(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Go's `unicode.Categories` with the aliases of `unicode.CategoryAliases`.
const CATEGORIES: &[(&str, &[&str])] = &[
    ("C", &["Other"]),
    ("Cc", &["Control", "cntrl"]),
    ("Cf", &["Format"]),
    ("Cn", &["Unassigned"]),
    ("Co", &["Private_Use"]),
    ("Cs", &["Surrogate"]),
    ("L", &["Letter"]),
    ("LC", &["Cased_Letter"]),
    ("Ll", &["Lowercase_Letter"]),
    ("Lm", &["Modifier_Letter"]),
    ("Lo", &["Other_Letter"]),
    ("Lt", &["Titlecase_Letter"]),
    ("Lu", &["Uppercase_Letter"]),
    ("M", &["Mark", "Combining_Mark"]),
    ("Mc", &["Spacing_Mark"]),
    ("Me", &["Enclosing_Mark"]),
    ("Mn", &["Nonspacing_Mark"]),
    ("N", &["Number"]),
    ("Nd", &["Decimal_Number", "digit"]),
    ("Nl", &["Letter_Number"]),
    ("No", &["Other_Number"]),
    ("P", &["Punctuation", "punct"]),
    ("Pc", &["Connector_Punctuation"]),
    ("Pd", &["Dash_Punctuation"]),
    ("Pe", &["Close_Punctuation"]),
    ("Pf", &["Final_Punctuation"]),
    ("Pi", &["Initial_Punctuation"]),
    ("Po", &["Other_Punctuation"]),
    ("Ps", &["Open_Punctuation"]),
    ("S", &["Symbol"]),
    ("Sc", &["Currency_Symbol"]),
    ("Sk", &["Modifier_Symbol"]),
    ("Sm", &["Math_Symbol"]),
    ("So", &["Other_Symbol"]),
    ("Z", &["Separator"]),
    ("Zl", &["Line_Separator"]),
    ("Zp", &["Paragraph_Separator"]),
    ("Zs", &["Space_Separator"]),
];

/// Scripts of Go's `unicode.Scripts` (Unicode 17) that the `regex` crate
/// (Unicode 16) does not know.
const NEW_SCRIPTS: &[&str] = &["Beria_Erfe", "Sidetic", "Tai_Yo", "Tolong_Siki"];

/// Scripts of Go's `unicode.Scripts` known to both engines.
const SCRIPTS: &[&str] = &[
    "Adlam",
    "Ahom",
    "Anatolian_Hieroglyphs",
    "Arabic",
    "Armenian",
    "Avestan",
    "Balinese",
    "Bamum",
    "Bassa_Vah",
    "Batak",
    "Bengali",
    "Bhaiksuki",
    "Bopomofo",
    "Brahmi",
    "Braille",
    "Buginese",
    "Buhid",
    "Canadian_Aboriginal",
    "Carian",
    "Caucasian_Albanian",
    "Chakma",
    "Cham",
    "Cherokee",
    "Chorasmian",
    "Common",
    "Coptic",
    "Cuneiform",
    "Cypriot",
    "Cypro_Minoan",
    "Cyrillic",
    "Deseret",
    "Devanagari",
    "Dives_Akuru",
    "Dogra",
    "Duployan",
    "Egyptian_Hieroglyphs",
    "Elbasan",
    "Elymaic",
    "Ethiopic",
    "Garay",
    "Georgian",
    "Glagolitic",
    "Gothic",
    "Grantha",
    "Greek",
    "Gujarati",
    "Gunjala_Gondi",
    "Gurmukhi",
    "Gurung_Khema",
    "Han",
    "Hangul",
    "Hanifi_Rohingya",
    "Hanunoo",
    "Hatran",
    "Hebrew",
    "Hiragana",
    "Imperial_Aramaic",
    "Inherited",
    "Inscriptional_Pahlavi",
    "Inscriptional_Parthian",
    "Javanese",
    "Kaithi",
    "Kannada",
    "Katakana",
    "Kawi",
    "Kayah_Li",
    "Kharoshthi",
    "Khitan_Small_Script",
    "Khmer",
    "Khojki",
    "Khudawadi",
    "Kirat_Rai",
    "Lao",
    "Latin",
    "Lepcha",
    "Limbu",
    "Linear_A",
    "Linear_B",
    "Lisu",
    "Lycian",
    "Lydian",
    "Mahajani",
    "Makasar",
    "Malayalam",
    "Mandaic",
    "Manichaean",
    "Marchen",
    "Masaram_Gondi",
    "Medefaidrin",
    "Meetei_Mayek",
    "Mende_Kikakui",
    "Meroitic_Cursive",
    "Meroitic_Hieroglyphs",
    "Miao",
    "Modi",
    "Mongolian",
    "Mro",
    "Multani",
    "Myanmar",
    "Nabataean",
    "Nag_Mundari",
    "Nandinagari",
    "New_Tai_Lue",
    "Newa",
    "Nko",
    "Nushu",
    "Nyiakeng_Puachue_Hmong",
    "Ogham",
    "Ol_Chiki",
    "Ol_Onal",
    "Old_Hungarian",
    "Old_Italic",
    "Old_North_Arabian",
    "Old_Permic",
    "Old_Persian",
    "Old_Sogdian",
    "Old_South_Arabian",
    "Old_Turkic",
    "Old_Uyghur",
    "Oriya",
    "Osage",
    "Osmanya",
    "Pahawh_Hmong",
    "Palmyrene",
    "Pau_Cin_Hau",
    "Phags_Pa",
    "Phoenician",
    "Psalter_Pahlavi",
    "Rejang",
    "Runic",
    "Samaritan",
    "Saurashtra",
    "Sharada",
    "Shavian",
    "Siddham",
    "SignWriting",
    "Sinhala",
    "Sogdian",
    "Sora_Sompeng",
    "Soyombo",
    "Sundanese",
    "Sunuwar",
    "Syloti_Nagri",
    "Syriac",
    "Tagalog",
    "Tagbanwa",
    "Tai_Le",
    "Tai_Tham",
    "Tai_Viet",
    "Takri",
    "Tamil",
    "Tangsa",
    "Tangut",
    "Telugu",
    "Thaana",
    "Thai",
    "Tibetan",
    "Tifinagh",
    "Tirhuta",
    "Todhri",
    "Toto",
    "Tulu_Tigalari",
    "Ugaritic",
    "Vai",
    "Vithkuqi",
    "Wancho",
    "Warang_Citi",
    "Yezidi",
    "Yi",
    "Zanabazar_Square",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn err(expr: &str) -> String {
        translate(expr).unwrap_err().to_string()
    }

    #[test]
    fn errors_use_go_texts() {
        assert_eq!(err("("), "error parsing regexp: missing closing ): `(`");
        assert_eq!(err("a)"), "error parsing regexp: unexpected ): `a)`");
        assert_eq!(
            err("a**"),
            "error parsing regexp: invalid nested repetition operator: `**`"
        );
        assert_eq!(
            err("a{2}{3}"),
            "error parsing regexp: invalid nested repetition operator: `{2}{3}`"
        );
        assert_eq!(
            err("(a{100}){11}"),
            "error parsing regexp: invalid repeat count: `{11}`"
        );
        assert_eq!(
            err("[z-a]"),
            "error parsing regexp: invalid character class range: `z-a`"
        );
        assert_eq!(
            err("\\x{41"),
            "error parsing regexp: invalid escape sequence: `\\x{41`"
        );
        assert_eq!(
            err("(?--i)"),
            "error parsing regexp: invalid or unsupported Perl syntax: `(?--`"
        );
    }

    #[test]
    fn translation_makes_classes_ascii() {
        let t = translate("\\d\\w(?P<x>a)").unwrap();
        assert_eq!(t.pattern, "[[0-9]][[0-9A-Za-z_]](a)");
        assert_eq!(t.names, vec!["".to_string(), "x".to_string()]);
    }

    #[test]
    fn every_script_name_is_known_to_the_regex_crate() {
        for script in SCRIPTS {
            let pattern = format!("\\p{{sc={script}}}");
            assert!(regex::Regex::new(&pattern).is_ok(), "{script}");
        }
    }

    #[test]
    fn nesting_limit_counts_nodes_like_go() {
        // Heights probed with the reference Helm: 999 groups around a
        // one-rune alternation fit, around a two-rune one they do not.
        let nested = |n: usize, inner: &str| format!("{}{inner}{}", "(".repeat(n), ")".repeat(n));
        for (n, inner, ok) in [
            (999, "a", true),
            (999, "ab", true),
            (999, "[ab]", true),
            (999, "a|b", true),
            (999, "a*", false),
            (999, "ab|cd", false),
            (1000, "a", false),
        ] {
            assert_eq!(translate(&nested(n, inner)).is_ok(), ok, "{n} {inner}");
        }
    }

    #[test]
    fn size_limit_follows_go() {
        let large = format!("(?:{}){{1000}}", "ab".repeat(1700));
        assert!(err(&large).starts_with("error parsing regexp: expression too large: `(?:abab"));
        assert!(translate(&format!("(?:{}){{1000}}", "ab".repeat(1600))).is_ok());
    }

    #[test]
    fn deep_nesting_is_limited_like_go() {
        let deep = format!("{}a{}", "(".repeat(1100), ")".repeat(1100));
        assert_eq!(
            err(&deep).split(':').nth(1),
            Some(" expression nests too deeply")
        );
    }
}
