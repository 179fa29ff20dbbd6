//! The YAML round trip Helm v4 puts around a post-renderer: documents are
//! read and written back with kustomize's kyaml (go-yaml v3 nodes), so the
//! stream the plugin sees, and the files Helm sorts afterwards, are
//! re-formatted: two-space indentation, sequences not indented under their
//! key, blank lines dropped, comments re-indented, multi-line plain scalars
//! folded, flow collections re-spaced, double-quoted escapes normalized.
//!
//! This is that formatting for the block YAML charts produce. Constructs
//! whose go-yaml v3 output chartrs does not reproduce (anchors, tags, folded
//! or multi-line quoted scalars, complex keys, `kind: List` unwrapping, ...)
//! are refused with [`KyamlError::Unsupported`] rather than formatted
//! differently.

use std::collections::BTreeMap;

/// The annotation Helm stores a document's file name in while post-rendering.
pub(super) const FILENAME_ANNOTATION: &str = "postrenderer.helm.sh/postrender-filename";

/// Why a stream could not be round-tripped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum KyamlError {
    /// A construct chartrs does not re-format like kyaml.
    Unsupported(String),
    /// Text that is not YAML kyaml would read.
    Syntax(String),
}

type Result<T> = std::result::Result<T, KyamlError>;

fn unsupported<T>(what: &str) -> Result<T> {
    Err(KyamlError::Unsupported(what.to_string()))
}

/// A YAML node in the subset handled here.
#[derive(Clone, Debug)]
enum Node {
    Map(Block<Entry>),
    Seq(Block<Item>),
    /// A single-line scalar, as it is written back.
    Scalar(String),
    /// A literal block scalar's value.
    Literal(String),
    /// A flow collection, re-spaced.
    Flow(Flow),
    /// An empty value (`key:`).
    Empty,
}

#[derive(Clone, Debug)]
struct Block<T> {
    items: Vec<T>,
    /// Comments after the last item that belong to this block.
    foot: Vec<String>,
}

#[derive(Clone, Debug)]
struct Entry {
    head: Vec<String>,
    key: String,
    /// The key's decoded text (to find `metadata`, `annotations`).
    key_value: String,
    line_comment: Option<String>,
    value: Node,
}

#[derive(Clone, Debug)]
struct Item {
    head: Vec<String>,
    line_comment: Option<String>,
    value: Node,
}

/// A flow collection: `{k: v, ...}` or `[a, ...]`.
#[derive(Clone, Debug)]
enum Flow {
    Map(Vec<(String, String, Flow)>),
    Seq(Vec<Flow>),
    /// A scalar inside a flow collection, as written back, and its value.
    Scalar(String, String),
}

#[derive(Clone, Debug)]
struct Doc {
    /// A comment block separated from the content by a blank line.
    head: Vec<String>,
    root: Block<Entry>,
}

/// One source line.
#[derive(Clone, Debug)]
struct Line<'a> {
    indent: usize,
    /// After the indentation, trailing blanks removed.
    text: &'a str,
    /// The whole line (for literal blocks).
    raw: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        self.text.is_empty()
    }

    fn is_comment(&self) -> bool {
        self.text.starts_with('#')
    }
}

fn split_lines(text: &str) -> Result<Vec<Line<'_>>> {
    let mut out = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let indent = raw.len() - raw.trim_start_matches(' ').len();
        let text = raw[indent..].trim_end_matches([' ', '\t']);
        out.push(Line { indent, text, raw });
    }
    Ok(out)
}

/// Splits a stream into documents like kyaml's `splitDocuments`: at lines
/// starting with `---`, where anything after the marker must be a comment
/// (kept as the next document's first line).
fn split_documents(text: &str) -> Result<Vec<String>> {
    let mut docs = Vec::new();
    let mut current = String::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let body = line.trim_end_matches(['\n', '\r']);
        if let Some(after) = body.strip_prefix("---") {
            let after = after.trim();
            if !after.is_empty() && !after.starts_with('#') {
                if i == 0 {
                    return unsupported("content after the first `---` marker");
                }
                return Err(KyamlError::Syntax(format!(
                    "invalid document separator: {}",
                    body.trim()
                )));
            }
            docs.push(std::mem::take(&mut current));
            if !after.is_empty() {
                current.push_str(after);
                current.push('\n');
            }
            continue;
        }
        if body.starts_with('%') || body == "..." {
            return unsupported("YAML directives and document end markers");
        }
        current.push_str(line);
    }
    docs.push(current);
    Ok(docs)
}

/// Reads every non-empty document of a stream (kyaml's `kio.ParseAll`).
fn parse_stream(text: &str) -> Result<Vec<Doc>> {
    let mut docs = Vec::new();
    for d in split_documents(text)? {
        let Some(doc) = parse_document(&d)? else {
            continue;
        };
        match list_items(&doc) {
            // kyaml reads the items of a `kind: List` as documents.
            Some(items) => {
                for item in items {
                    match item.value {
                        Node::Map(root) => docs.push(Doc {
                            head: item.head,
                            root,
                        }),
                        _ => return unsupported("`kind: List` items that are not mappings"),
                    }
                }
            }
            None => docs.push(doc),
        }
    }
    Ok(docs)
}

/// The items of a `kind: List` document, which kyaml unwraps.
fn list_items(doc: &Doc) -> Option<Vec<Item>> {
    let kind = doc.root.items.iter().find(|e| e.key_value == "kind")?;
    if scalar_value(&kind.value).as_deref() != Some("List") {
        return None;
    }
    let items = doc.root.items.iter().find(|e| e.key_value == "items")?;
    match &items.value {
        Node::Seq(s) => Some(s.items.clone()),
        Node::Flow(Flow::Seq(s)) if s.is_empty() => Some(Vec::new()),
        _ => None,
    }
}

struct Parser<'a> {
    lines: Vec<Line<'a>>,
    pos: usize,
    /// Comments read but not yet given to a node: (indent, text).
    pending: Vec<(usize, String)>,
}

fn parse_document(text: &str) -> Result<Option<Doc>> {
    let lines = split_lines(text)?;
    let Some(first) = lines.iter().position(|l| !l.is_blank() && !l.is_comment()) else {
        // Only comments: kyaml drops the document.
        return Ok(None);
    };
    // Leading comments followed by a blank line are the document's own.
    let leading = &lines[..first];
    let last_blank = leading.iter().rposition(Line::is_blank);
    let mut head = Vec::new();
    let mut start = 0;
    if let Some(b) = last_blank {
        let comments: Vec<&Line> = leading[..b].iter().filter(|l| l.is_comment()).collect();
        if !comments.is_empty() {
            if leading[..b]
                .iter()
                .skip_while(|l| l.is_blank())
                .any(Line::is_blank)
            {
                return unsupported(
                    "comment blocks separated by blank lines at the top of a document",
                );
            }
            head = comments.iter().map(|l| l.text.to_string()).collect();
        }
        start = b + 1;
    }
    let mut p = Parser {
        lines,
        pos: start,
        pending: Vec::new(),
    };
    p.take_comments();
    let line = p.peek().expect("a content line exists");
    if line.indent != 0 {
        return unsupported("a document whose content is indented");
    }
    if line.text.starts_with("- ") || line.text == "-" {
        return unsupported("a document that is a sequence");
    }
    let root = p.parse_map(0)?;
    p.take_comments();
    if p.peek().is_some() {
        return Err(KyamlError::Syntax(format!(
            "unexpected content: {:?}",
            p.peek().map(|l| l.text).unwrap_or_default()
        )));
    }
    Ok(Some(Doc { head, root }))
}

impl<'a> Parser<'a> {
    /// The next content line, comments and blanks skipped (not consumed).
    fn peek(&self) -> Option<&Line<'a>> {
        self.lines[self.pos..]
            .iter()
            .find(|l| !l.is_blank() && !l.is_comment())
    }

    /// Moves comments and blank lines before the next content line to `pending`.
    fn take_comments(&mut self) {
        while let Some(l) = self.lines.get(self.pos) {
            if l.is_blank() {
                self.pos += 1;
            } else if l.is_comment() {
                self.pending.push((l.indent, l.text.to_string()));
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    /// The pending comments a block that ends keeps as its foot (go-yaml
    /// v3's attribution): every run of equally indented comment lines but
    /// the last goes to the innermost block; the last run is the next
    /// node's head when indented like it, and at the end of the document
    /// belongs to the innermost block not indented more than it.
    fn take_foot(&mut self, indent: usize) -> Vec<String> {
        let Some(&(last_indent, _)) = self.pending.last() else {
            return Vec::new();
        };
        let last_run = self
            .pending
            .iter()
            .rev()
            .take_while(|(i, _)| *i == last_indent)
            .count();
        let claim_last = match self.peek() {
            Some(next) => next.indent != last_indent,
            None => last_indent >= indent,
        };
        let n = if claim_last {
            self.pending.len()
        } else {
            self.pending.len() - last_run
        };
        self.pending.drain(..n).map(|(_, t)| t).collect()
    }

    fn take_head(&mut self) -> Vec<String> {
        self.pending.drain(..).map(|(_, t)| t).collect()
    }

    fn parse_map(&mut self, indent: usize) -> Result<Block<Entry>> {
        let mut items = Vec::new();
        loop {
            self.take_comments();
            let Some(line) = self.peek().cloned() else {
                break;
            };
            if line.text.starts_with('\t') {
                return unsupported("tab indentation");
            }
            if line.indent < indent || line.text.starts_with("- ") || line.text == "-" {
                break;
            }
            if line.indent > indent {
                return Err(KyamlError::Syntax(format!(
                    "unexpected indentation: {:?}",
                    line.text
                )));
            }
            let head = self.take_head();
            self.pos += 1;
            let (key, key_value, rest) = split_key(line.text)?;
            let (value, line_comment) = self.parse_value(rest, indent, true)?;
            items.push(Entry {
                head,
                key,
                key_value,
                line_comment,
                value,
            });
        }
        let foot = self.take_foot(indent);
        Ok(Block { items, foot })
    }

    fn parse_seq(&mut self, indent: usize) -> Result<Block<Item>> {
        let mut items = Vec::new();
        loop {
            self.take_comments();
            let Some(line) = self.peek().cloned() else {
                break;
            };
            if line.indent != indent || !(line.text.starts_with("- ") || line.text == "-") {
                if line.indent > indent {
                    return Err(KyamlError::Syntax(format!(
                        "unexpected indentation: {:?}",
                        line.text
                    )));
                }
                break;
            }
            let head = self.take_head();
            let rest = line.text[1..].trim_start_matches(' ');
            let col = indent + (line.text.len() - rest.len());
            let (value, line_comment) = if rest.starts_with("- ") || rest == "-" {
                // A sequence starting on the item's line.
                self.lines[self.pos] = Line {
                    indent: col,
                    text: rest,
                    raw: line.raw,
                };
                (Node::Seq(self.parse_seq(col)?), None)
            } else if !rest.is_empty() && !rest.starts_with('#') && is_map_line(rest) {
                // A mapping starting on the item's line.
                self.lines[self.pos] = Line {
                    indent: col,
                    text: rest,
                    raw: line.raw,
                };
                (Node::Map(self.parse_map(col)?), None)
            } else {
                self.pos += 1;
                self.parse_value(rest, indent, false)?
            };
            items.push(Item {
                head,
                line_comment,
                value,
            });
        }
        let foot = self.take_foot(indent);
        Ok(Block { items, foot })
    }

    /// The value after `key:` or `- ` on a line already consumed; nested
    /// blocks are read from the following lines.
    fn parse_value(
        &mut self,
        text: &str,
        indent: usize,
        in_map: bool,
    ) -> Result<(Node, Option<String>)> {
        if text.is_empty() || text.starts_with('#') {
            let comment = (!text.is_empty()).then(|| text.to_string());
            let save = self.pos;
            let pending = self.pending.len();
            self.take_comments();
            let nested = match self.peek().cloned() {
                Some(l) if l.indent > indent => {
                    if l.text.starts_with("- ") || l.text == "-" {
                        Some(Node::Seq(self.parse_seq(l.indent)?))
                    } else if is_map_line(l.text) {
                        Some(Node::Map(self.parse_map(l.indent)?))
                    } else {
                        // A scalar or flow value on the next line joins the key's line.
                        if self.pending.len() != pending || comment.is_some() {
                            return unsupported("comments before a value on its own line");
                        }
                        self.pos += 1;
                        let (node, line_comment) = self.parse_value(l.text, indent, in_map)?;
                        return Ok((node, line_comment));
                    }
                }
                Some(l)
                    if in_map
                        && l.indent == indent
                        && (l.text.starts_with("- ") || l.text == "-") =>
                {
                    Some(Node::Seq(self.parse_seq(indent)?))
                }
                _ => None,
            };
            return match nested {
                Some(node) => Ok((node, comment)),
                None => {
                    // No block: the comments read belong to what follows.
                    self.pos = save;
                    self.pending.truncate(pending);
                    Ok((Node::Empty, comment))
                }
            };
        }
        let first = text.as_bytes()[0];
        match first {
            b'&' | b'*' | b'!' | b'%' | b'@' | b'`' | b'?' => {
                unsupported("anchors, aliases, tags and complex keys")
            }
            b'>' => unsupported("folded block scalars"),
            b'|' => {
                let (header, comment) = split_comment(text);
                let value = self.parse_literal(header, indent)?;
                Ok((Node::Literal(value), comment))
            }
            b'"' | b'\'' => {
                let (scalar, _, rest) = quoted_scalar(text)?;
                let (rest, comment) = split_comment(rest);
                if !rest.is_empty() {
                    return Err(KyamlError::Syntax(format!(
                        "text after a quoted scalar: {text:?}"
                    )));
                }
                Ok((Node::Scalar(scalar), comment))
            }
            b'{' | b'[' => {
                let (flow, rest) = parse_flow(text)?;
                let (rest, comment) = split_comment(rest);
                if !rest.is_empty() {
                    return Err(KyamlError::Syntax(format!(
                        "text after a flow collection: {text:?}"
                    )));
                }
                Ok((Node::Flow(flow), comment))
            }
            _ => {
                let (value, comment) = split_comment(text);
                if comment.is_some() {
                    return Ok((Node::Scalar(plain(value)?), comment));
                }
                // A plain scalar may go on over more indented lines.
                let mut folded = value.to_string();
                while let Some(l) = self.lines.get(self.pos) {
                    if l.is_blank() || l.is_comment() || l.indent <= indent {
                        break;
                    }
                    if l.text.contains(" #") {
                        return unsupported("comments after multi-line plain scalars");
                    }
                    folded.push(' ');
                    folded.push_str(l.text);
                    self.pos += 1;
                }
                if folded.len() != value.len()
                    && self.lines.get(self.pos).is_some_and(|l| l.is_blank())
                    && self.lines[self.pos..]
                        .iter()
                        .find(|l| !l.is_blank())
                        .is_some_and(|l| l.indent > indent && !l.is_comment())
                {
                    return unsupported("multi-line plain scalars with blank lines");
                }
                Ok((Node::Scalar(plain(&folded)?), None))
            }
        }
    }

    /// A literal block scalar's value (`|`, `|-`, `|+`, `|2`, ...).
    fn parse_literal(&mut self, header: &str, indent: usize) -> Result<String> {
        let mut chomp = ' ';
        let mut explicit: Option<usize> = None;
        for c in header[1..].chars() {
            match c {
                '-' | '+' => chomp = c,
                '1'..='9' => explicit = Some(c as usize - '0' as usize),
                _ => {
                    return Err(KyamlError::Syntax(format!(
                        "bad block scalar header {header:?}"
                    )));
                }
            }
        }
        let start = self.pos;
        let block_indent = match explicit {
            Some(n) => indent + n,
            None => self.lines[start..]
                .iter()
                .find(|l| !l.raw.trim().is_empty())
                .map_or(indent + 1, |l| l.indent),
        };
        let mut lines: Vec<&str> = Vec::new();
        while let Some(l) = self.lines.get(self.pos) {
            let blank = l.raw.trim_matches(' ').is_empty();
            if !blank && (l.indent < block_indent || l.indent <= indent) {
                break;
            }
            lines.push(if blank && l.raw.len() <= block_indent {
                ""
            } else {
                &l.raw[block_indent.min(l.raw.len())..]
            });
            self.pos += 1;
        }
        // Trailing blank lines belong to the chomping, not the content.
        let content_end = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        let trailing = lines.len() - content_end;
        let mut value = lines[..content_end].join("\n");
        match chomp {
            '-' => {}
            '+' => {
                value.push('\n');
                for _ in 0..trailing {
                    value.push('\n');
                }
            }
            _ if content_end > 0 => value.push('\n'),
            _ => {}
        }
        // Blank lines after the block are not the block's in the source.
        let back = if chomp == '+' { 0 } else { trailing };
        self.pos -= back;
        Ok(value)
    }
}

/// Whether the item text `a: b` / `a:` starts a mapping.
fn is_map_line(text: &str) -> bool {
    split_key(text).is_ok()
}

/// Splits `key: rest` into the key as written back, its value and `rest`.
fn split_key(text: &str) -> Result<(String, String, &str)> {
    let (key, key_value, after) = match text.as_bytes()[0] {
        b'"' | b'\'' => {
            let (k, v, rest) = quoted_scalar(text)?;
            (k, v, rest)
        }
        b'[' | b'{' | b'?' | b'&' | b'*' | b'!' => {
            return unsupported("complex keys, anchors and tags");
        }
        _ => {
            let colon = text
                .match_indices(':')
                .map(|(i, _)| i)
                .find(|&i| text[i + 1..].is_empty() || text[i + 1..].starts_with(' '))
                .ok_or_else(|| KyamlError::Syntax(format!("not a mapping entry: {text:?}")))?;
            let k = &text[..colon];
            if k.contains(" #") {
                return Err(KyamlError::Syntax(format!("not a mapping entry: {text:?}")));
            }
            (k.to_string(), k.to_string(), &text[colon..])
        }
    };
    let Some(rest) = after.strip_prefix(':') else {
        return Err(KyamlError::Syntax(format!("not a mapping entry: {text:?}")));
    };
    if !(rest.is_empty() || rest.starts_with(' ')) {
        return Err(KyamlError::Syntax(format!("not a mapping entry: {text:?}")));
    }
    if key.chars().count() > 128 {
        return unsupported("keys longer than 128 characters");
    }
    Ok((key, key_value, rest.trim_start_matches(' ')))
}

/// Splits a trailing ` # comment` off a value.
fn split_comment(text: &str) -> (&str, Option<String>) {
    if text.starts_with('#') {
        return ("", Some(text.to_string()));
    }
    match text.find(" #") {
        Some(i) => (text[..i].trim_end(), Some(text[i + 1..].to_string())),
        None => (text, None),
    }
}

/// A plain scalar as go-yaml v3 writes it back (plain when still allowed).
fn plain(value: &str) -> Result<String> {
    if value.ends_with(':') || value.contains(": ") || value.contains(" #") {
        return unsupported("plain scalars go-yaml would quote");
    }
    Ok(value.to_string())
}

/// A quoted scalar at the start of `text`: how it is written back, its
/// value, and the text after it.
fn quoted_scalar(text: &str) -> Result<(String, String, &str)> {
    let quote = text.as_bytes()[0];
    let mut value = String::new();
    let mut chars = text[1..].char_indices();
    while let Some((i, c)) = chars.next() {
        if c == quote as char {
            if quote == b'\'' && text[1 + i + 1..].starts_with('\'') {
                chars.next();
                value.push('\'');
                continue;
            }
            let rest = &text[1 + i + 1..];
            let written = if quote == b'"' {
                double_quoted(&value)?
            } else {
                if value.chars().any(|c| !is_printable(c) || c == '\n') {
                    return unsupported("single-quoted scalars with special characters");
                }
                text[..i + 2].to_string()
            };
            return Ok((written, value, rest));
        }
        if quote == b'"' && c == '\\' {
            let (_, e) = chars
                .next()
                .ok_or_else(|| KyamlError::Syntax("unterminated escape".into()))?;
            let decoded = match e {
                '0' => '\0',
                'a' => '\u{7}',
                'b' => '\u{8}',
                't' | '\t' => '\t',
                'n' => '\n',
                'v' => '\u{b}',
                'f' => '\u{c}',
                'r' => '\r',
                'e' => '\u{1b}',
                ' ' => ' ',
                '"' => '"',
                '/' => '/',
                '\\' => '\\',
                'N' => '\u{85}',
                '_' => '\u{a0}',
                'L' => '\u{2028}',
                'P' => '\u{2029}',
                'x' | 'u' | 'U' => {
                    let n = match e {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let mut code = 0u32;
                    for _ in 0..n {
                        let (_, h) = chars
                            .next()
                            .ok_or_else(|| KyamlError::Syntax("short escape".into()))?;
                        code = code * 16
                            + h.to_digit(16)
                                .ok_or_else(|| KyamlError::Syntax("bad escape".into()))?;
                    }
                    char::from_u32(code).ok_or_else(|| KyamlError::Syntax("bad escape".into()))?
                }
                _ => return Err(KyamlError::Syntax(format!("unknown escape \\{e}"))),
            };
            value.push(decoded);
            continue;
        }
        value.push(c);
    }
    unsupported("quoted scalars over several lines")
}

/// libyaml's `is_printable`.
fn is_printable(c: char) -> bool {
    matches!(c as u32,
        0x0A | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        && c != '\u{FEFF}'
}

/// go-yaml v3's double-quoted writer (kyaml sets no line width, so no folding).
fn double_quoted(value: &str) -> Result<String> {
    let mut out = String::from("\"");
    for c in value.chars() {
        let breaks = matches!(c, '\r' | '\n' | '\u{85}' | '\u{2028}' | '\u{2029}');
        if !is_printable(c) || c == '\u{FEFF}' || breaks || c == '"' || c == '\\' {
            out.push('\\');
            match c {
                '\0' => out.push('0'),
                '\u{7}' => out.push('a'),
                '\u{8}' => out.push('b'),
                '\t' => out.push('t'),
                '\n' => out.push('n'),
                '\u{b}' => out.push('v'),
                '\u{c}' => out.push('f'),
                '\r' => out.push('r'),
                '\u{1b}' => out.push('e'),
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                '\u{85}' => out.push('N'),
                '\u{a0}' => out.push('_'),
                '\u{2028}' => out.push('L'),
                '\u{2029}' => out.push('P'),
                c if (c as u32) <= 0xFF => out.push_str(&format!("x{:02X}", c as u32)),
                c if (c as u32) <= 0xFFFF => out.push_str(&format!("u{:04X}", c as u32)),
                c => out.push_str(&format!("U{:08X}", c as u32)),
            }
        } else {
            out.push(c);
        }
    }
    out.push('"');
    Ok(out)
}

/// A flow collection at the start of `text`, and the text after it.
fn parse_flow(text: &str) -> Result<(Flow, &str)> {
    let mut p = FlowParser { text, pos: 0 };
    let flow = p.collection()?;
    Ok((flow, &text[p.pos..]))
}

struct FlowParser<'a> {
    text: &'a str,
    pos: usize,
}

impl FlowParser<'_> {
    fn skip_spaces(&mut self) {
        while self.text[self.pos..].starts_with(' ') {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.text[self.pos..].chars().next()
    }

    fn expect(&mut self, c: char) -> Result<()> {
        self.skip_spaces();
        if self.peek() == Some(c) {
            self.pos += 1;
            Ok(())
        } else {
            Err(KyamlError::Syntax(format!(
                "expected {c:?} in flow collection {:?}",
                self.text
            )))
        }
    }

    fn collection(&mut self) -> Result<Flow> {
        self.skip_spaces();
        match self.peek() {
            Some('{') => {
                self.pos += 1;
                let mut entries = Vec::new();
                loop {
                    self.skip_spaces();
                    if self.peek() == Some('}') {
                        self.pos += 1;
                        return Ok(Flow::Map(entries));
                    }
                    let key = self.node()?;
                    let Flow::Scalar(key_text, key_value) = key else {
                        return unsupported("flow mappings with collection keys");
                    };
                    self.expect(':')?;
                    let value = self.node()?;
                    entries.push((key_text, key_value, value));
                    self.skip_spaces();
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some('}') => {}
                        _ => return unsupported("this flow mapping"),
                    }
                }
            }
            Some('[') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_spaces();
                    if self.peek() == Some(']') {
                        self.pos += 1;
                        return Ok(Flow::Seq(items));
                    }
                    items.push(self.node()?);
                    self.skip_spaces();
                    match self.peek() {
                        Some(',') => self.pos += 1,
                        Some(']') => {}
                        _ => return unsupported("this flow sequence"),
                    }
                }
            }
            _ => unsupported("this flow collection"),
        }
    }

    fn node(&mut self) -> Result<Flow> {
        self.skip_spaces();
        match self.peek() {
            Some('{' | '[') => self.collection(),
            Some('"' | '\'') => {
                let (written, value, rest) = quoted_scalar(&self.text[self.pos..])?;
                self.pos = self.text.len() - rest.len();
                Ok(Flow::Scalar(written, value))
            }
            Some('&' | '*' | '!' | '?') => unsupported("anchors, aliases and tags"),
            Some(_) => {
                let rest = &self.text[self.pos..];
                let end = rest
                    .char_indices()
                    .find(|&(i, c)| {
                        matches!(c, ',' | '[' | ']' | '{' | '}')
                            || (c == ':' && rest[i + 1..].starts_with([' ', ',', '}', ']']))
                            || (c == ' ' && rest[i + 1..].starts_with('#'))
                    })
                    .map_or(rest.len(), |(i, _)| i);
                let value = rest[..end].trim_end();
                if value.is_empty() {
                    return unsupported("empty values in flow collections");
                }
                self.pos += end;
                Ok(Flow::Scalar(value.to_string(), value.to_string()))
            }
            None => Err(KyamlError::Syntax("unterminated flow collection".into())),
        }
    }
}

fn write_flow(f: &Flow, out: &mut String) {
    match f {
        Flow::Scalar(s, _) => out.push_str(s),
        Flow::Seq(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_flow(item, out);
            }
            out.push(']');
        }
        Flow::Map(entries) => {
            out.push('{');
            for (i, (k, _, v)) in entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(k);
                out.push_str(": ");
                write_flow(v, out);
            }
            out.push('}');
        }
    }
}

// --- writing ---------------------------------------------------------------

fn push_comments(out: &mut String, comments: &[String], indent: usize) {
    for c in comments {
        out.push_str(&" ".repeat(indent));
        out.push_str(c);
        out.push('\n');
    }
}

fn line_comment(out: &mut String, comment: &Option<String>) {
    if let Some(c) = comment {
        out.push(' ');
        out.push_str(c);
    }
}

/// Whether go-yaml v3 keeps a literal block scalar as one (else it writes
/// it double-quoted): no space before a line break, no trailing space, only
/// printable characters.
fn literal_allowed(value: &str) -> bool {
    !(value.is_empty()
        || value.contains(" \n")
        || value.ends_with(' ')
        || value.chars().any(|c| !is_printable(c)))
}

/// go-yaml v3's literal block header (`|`, `|-`, `|+`, with `2` when the
/// value starts with a space or a line break).
fn literal_header(value: &str) -> Result<String> {
    let mut h = String::from("|");
    if value.starts_with([' ', '\n']) {
        h.push('2');
    }
    if !value.ends_with('\n') {
        h.push('-');
    } else if value == "\n" || value.ends_with("\n\n") {
        h.push('+');
    }
    Ok(h)
}

fn write_literal(out: &mut String, value: &str, indent: usize) {
    let body = value.strip_suffix('\n').unwrap_or(value);
    for line in body.split('\n') {
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
        }
        out.push('\n');
    }
}

/// Writes the value part after `key:` / `-` (the rest of the line and any
/// following lines); `indent` is the entry's indentation.
fn write_value(
    out: &mut String,
    value: &Node,
    comment: &Option<String>,
    indent: usize,
    in_seq: bool,
) -> Result<()> {
    match value {
        Node::Scalar(s) => {
            out.push(' ');
            out.push_str(s);
            line_comment(out, comment);
            out.push('\n');
        }
        Node::Flow(f) => {
            out.push(' ');
            write_flow(f, out);
            line_comment(out, comment);
            out.push('\n');
        }
        Node::Empty => {
            if in_seq {
                return unsupported("empty sequence items");
            }
            line_comment(out, comment);
            out.push('\n');
        }
        Node::Literal(v) if !literal_allowed(v) => {
            out.push(' ');
            out.push_str(&double_quoted(v)?);
            line_comment(out, comment);
            out.push('\n');
        }
        Node::Literal(v) => {
            out.push(' ');
            out.push_str(&literal_header(v)?);
            line_comment(out, comment);
            out.push('\n');
            write_literal(out, v, indent + 2);
        }
        Node::Map(m) => {
            if m.items.is_empty() {
                return unsupported("empty block mappings");
            }
            line_comment(out, comment);
            out.push('\n');
            write_map(out, m, indent + 2)?;
        }
        Node::Seq(s) => {
            if s.items.is_empty() {
                return unsupported("empty block sequences");
            }
            line_comment(out, comment);
            out.push('\n');
            // Sequences are not indented under their key.
            write_seq(out, s, if in_seq { indent + 2 } else { indent })?;
        }
    }
    Ok(())
}

fn write_map(out: &mut String, m: &Block<Entry>, indent: usize) -> Result<()> {
    for e in &m.items {
        push_comments(out, &e.head, indent);
        out.push_str(&" ".repeat(indent));
        out.push_str(&e.key);
        out.push(':');
        write_value(out, &e.value, &e.line_comment, indent, false)?;
    }
    push_comments(out, &m.foot, indent);
    Ok(())
}

fn write_seq(out: &mut String, s: &Block<Item>, indent: usize) -> Result<()> {
    for item in &s.items {
        push_comments(out, &item.head, indent);
        out.push_str(&" ".repeat(indent));
        out.push('-');
        match &item.value {
            Node::Map(m) if !m.items.is_empty() => {
                // The first entry goes on the dash's line.
                let mut inner = String::new();
                write_map(&mut inner, m, indent + 2)?;
                if !m.items[0].head.is_empty() || item.line_comment.is_some() {
                    return unsupported("comments before a mapping in a sequence item");
                }
                out.push(' ');
                out.push_str(&inner[indent + 2..]);
            }
            Node::Seq(inner_seq) if !inner_seq.items.is_empty() => {
                let mut inner = String::new();
                write_seq(&mut inner, inner_seq, indent + 2)?;
                if item.line_comment.is_some() {
                    return unsupported("comments before a sequence in a sequence item");
                }
                out.push(' ');
                out.push_str(&inner[indent + 2..]);
            }
            other => write_value(out, other, &item.line_comment, indent, true)?,
        }
    }
    push_comments(out, &s.foot, indent);
    Ok(())
}

/// Writes documents as kyaml's `kio.StringAll` does.
fn write_stream(docs: &[Doc]) -> Result<String> {
    let mut out = String::new();
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push_str("---\n");
        }
        if !d.head.is_empty() {
            push_comments(&mut out, &d.head, 0);
            out.push('\n');
        }
        if d.root.items.is_empty() {
            return unsupported("empty documents");
        }
        write_map(&mut out, &d.root, 0)?;
    }
    Ok(out)
}

// --- annotations -----------------------------------------------------------

fn find<'a>(m: &'a mut Block<Entry>, key: &str) -> Option<&'a mut Entry> {
    m.items.iter_mut().find(|e| e.key_value == key)
}

fn new_entry(key: &str, value: Node) -> Entry {
    Entry {
        head: Vec::new(),
        key: key.to_string(),
        key_value: key.to_string(),
        line_comment: None,
        value,
    }
}

fn single_quoted(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// A null or empty mapping that kyaml fills in: it becomes a block mapping.
fn empty_to_block(value: &mut Node) {
    let empty = match value {
        Node::Empty => true,
        Node::Scalar(s) => matches!(s.as_str(), "null" | "~" | "Null" | "NULL"),
        Node::Flow(Flow::Map(m)) => m.is_empty(),
        _ => false,
    };
    if empty {
        *value = Node::Map(Block {
            items: Vec::new(),
            foot: Vec::new(),
        });
    }
}

/// kyaml's `SetAnnotation(FILENAME_ANNOTATION, file)`.
fn set_annotation(doc: &mut Doc, file: &str) -> Result<()> {
    let value = single_quoted(file);
    if find(&mut doc.root, "metadata").is_none() {
        doc.root.items.push(new_entry(
            "metadata",
            Node::Map(Block {
                items: Vec::new(),
                foot: Vec::new(),
            }),
        ));
    }
    let meta = find(&mut doc.root, "metadata").expect("metadata was added");
    empty_to_block(&mut meta.value);
    match &mut meta.value {
        Node::Map(m) => {
            if find(m, "annotations").is_none() {
                m.items.push(new_entry(
                    "annotations",
                    Node::Map(Block {
                        items: Vec::new(),
                        foot: Vec::new(),
                    }),
                ));
            }
            let ann = find(m, "annotations").expect("annotations was added");
            empty_to_block(&mut ann.value);
            match &mut ann.value {
                Node::Map(a) => {
                    a.items
                        .push(new_entry(FILENAME_ANNOTATION, Node::Scalar(value)));
                    Ok(())
                }
                Node::Flow(Flow::Map(entries)) => {
                    entries.push((
                        FILENAME_ANNOTATION.into(),
                        FILENAME_ANNOTATION.into(),
                        Flow::Scalar(value, file.into()),
                    ));
                    Ok(())
                }
                _ => unsupported("annotations that are not a mapping"),
            }
        }
        Node::Flow(Flow::Map(entries)) => {
            match entries.iter_mut().find(|(_, k, _)| k == "annotations") {
                Some((_, _, Flow::Map(a))) => a.push((
                    FILENAME_ANNOTATION.into(),
                    FILENAME_ANNOTATION.into(),
                    Flow::Scalar(value, file.into()),
                )),
                Some(_) => return unsupported("annotations that are not a mapping"),
                None => entries.push((
                    "annotations".into(),
                    "annotations".into(),
                    Flow::Map(vec![(
                        FILENAME_ANNOTATION.into(),
                        FILENAME_ANNOTATION.into(),
                        Flow::Scalar(value, file.into()),
                    )]),
                )),
            }
            Ok(())
        }
        _ => unsupported("metadata that is not a mapping"),
    }
}

/// kyaml's `ClearAnnotation(FILENAME_ANNOTATION)`, which also drops the
/// `annotations` and `metadata` mappings it leaves empty; returns the value.
fn take_annotation(doc: &mut Doc) -> Option<String> {
    let meta_index = doc
        .root
        .items
        .iter()
        .position(|e| e.key_value == "metadata")?;
    let meta = &mut doc.root.items[meta_index];
    let (found, meta_empty) = match &mut meta.value {
        Node::Map(m) => {
            let ann_index = m.items.iter().position(|e| e.key_value == "annotations")?;
            let (found, ann_empty) = match &mut m.items[ann_index].value {
                Node::Map(a) => {
                    let i = a
                        .items
                        .iter()
                        .position(|e| e.key_value == FILENAME_ANNOTATION)?;
                    let e = a.items.remove(i);
                    (scalar_value(&e.value), a.items.is_empty())
                }
                Node::Flow(Flow::Map(a)) => {
                    let i = a.iter().position(|(_, k, _)| k == FILENAME_ANNOTATION)?;
                    let (_, _, v) = a.remove(i);
                    (flow_value(&v), a.is_empty())
                }
                _ => return None,
            };
            if ann_empty {
                m.items.remove(ann_index);
            }
            (found, m.items.is_empty())
        }
        Node::Flow(Flow::Map(m)) => {
            let ann_index = m.iter().position(|(_, k, _)| k == "annotations")?;
            let Flow::Map(a) = &mut m[ann_index].2 else {
                return None;
            };
            let i = a.iter().position(|(_, k, _)| k == FILENAME_ANNOTATION)?;
            let (_, _, v) = a.remove(i);
            if a.is_empty() {
                m.remove(ann_index);
            }
            (flow_value(&v), m.is_empty())
        }
        _ => return None,
    };
    if meta_empty {
        doc.root.items.remove(meta_index);
    }
    found
}

fn scalar_value(n: &Node) -> Option<String> {
    match n {
        Node::Scalar(s) => Some(unquote(s)),
        _ => None,
    }
}

fn flow_value(f: &Flow) -> Option<String> {
    match f {
        Flow::Scalar(_, v) => Some(v.clone()),
        _ => None,
    }
}

fn unquote(s: &str) -> String {
    if s.starts_with(['"', '\'']) {
        quoted_scalar(s)
            .map(|(_, v, _)| v)
            .unwrap_or_else(|_| s.to_string())
    } else {
        s.to_string()
    }
}

/// Helm's `annotateAndMerge`: every document of every file (sorted by name,
/// partials and blank files skipped) annotated with its file name, as one stream.
pub(super) fn annotate_and_merge(
    files: &BTreeMap<String, String>,
) -> std::result::Result<String, (String, KyamlError)> {
    let mut docs = Vec::new();
    for (name, content) in files {
        let base = name.rsplit('/').next().unwrap_or(name);
        if base.starts_with('_') || content.trim().is_empty() {
            continue;
        }
        let parsed = parse_stream(content).map_err(|e| (name.clone(), e))?;
        for mut doc in parsed {
            set_annotation(&mut doc, name).map_err(|e| (name.clone(), e))?;
            docs.push(doc);
        }
    }
    write_stream(&docs).map_err(|e| (String::new(), e))
}

/// Helm's `splitAndDeannotate`: the post-rendered stream back into files
/// by annotation (`generated-by-postrender-N.yaml` without one).
pub(super) fn split_and_deannotate(text: &str) -> Result<BTreeMap<String, String>> {
    let docs = parse_stream(text)?;
    let mut by_file: Vec<(String, Vec<Doc>)> = Vec::new();
    for (i, mut doc) in docs.into_iter().enumerate() {
        let name = take_annotation(&mut doc)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| format!("generated-by-postrender-{i}.yaml"));
        match by_file.iter_mut().find(|(n, _)| *n == name) {
            Some((_, list)) => list.push(doc),
            None => by_file.push((name, vec![doc])),
        }
    }
    by_file
        .into_iter()
        .map(|(name, docs)| Ok((name, write_stream(&docs)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        write_stream(&parse_stream(text).unwrap()).unwrap()
    }

    #[test]
    fn reformats_block_yaml_like_kyaml() {
        // Expectations observed from Helm v4.3.1 with a pass-through plugin.
        let input = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web   # trailing comment\n\n    tier: front\nspec:\n  # head comment of replicas\n  replicas: 3\n  template:\n    spec:\n      containers:\n        - name: c\n          image: \"nginx:1.2\"\n          args:\n            - --a\n            - --b=c\n          env:\n          - name: X\n            value: 'y'\n      multi: first\n        second\n      lit: |-\n        keep\n          indented\n      empty: {}\n      emptylist: []\n      nul: null\n      tilde: ~\n# foot comment\n";
        let want = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app: web # trailing comment\n    tier: front\nspec:\n  # head comment of replicas\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - name: c\n        image: \"nginx:1.2\"\n        args:\n        - --a\n        - --b=c\n        env:\n        - name: X\n          value: 'y'\n      multi: first second\n      lit: |-\n        keep\n          indented\n      empty: {}\n      emptylist: []\n      nul: null\n      tilde: ~\n# foot comment\n";
        assert_eq!(round_trip(input), want);
    }

    #[test]
    fn places_comments_like_kyaml() {
        let input = "# doc head comment\n\napiVersion: v1\nkind: ConfigMap\ndata:\n  a:\n    b: 1\n    # foot of b-map\n  c: 2\n      # weird indent comment\n  d: 3\n\n  # after blank\n  e: 4\n  list:\n  - x   # on x\n  # between items\n  - y\n  # after last item\nf: \"q\"  \n# end\n";
        let want = "# doc head comment\n\napiVersion: v1\nkind: ConfigMap\ndata:\n  a:\n    b: 1\n    # foot of b-map\n  c: 2\n  # weird indent comment\n  d: 3\n  # after blank\n  e: 4\n  list:\n  - x # on x\n  # between items\n  - y\n  # after last item\nf: \"q\"\n# end\n";
        assert_eq!(round_trip(input), want);
    }

    #[test]
    fn annotates_and_restores_like_helm() {
        let mut files = BTreeMap::new();
        files.insert(
            "c/templates/a.yaml".to_string(),
            "kind: NoMeta\nspec: {}\n---\nkind: FlowMeta\nmetadata: {name: fm}\n---\nkind: FlowAnn\nmetadata:\n  name: fa\n  annotations: {x: \"1\"}\n---\n# only a comment\n".to_string(),
        );
        let merged = annotate_and_merge(&files).unwrap();
        assert_eq!(
            merged,
            "kind: NoMeta\nspec: {}\nmetadata:\n  annotations:\n    postrenderer.helm.sh/postrender-filename: 'c/templates/a.yaml'\n---\nkind: FlowMeta\nmetadata: {name: fm, annotations: {postrenderer.helm.sh/postrender-filename: 'c/templates/a.yaml'}}\n---\nkind: FlowAnn\nmetadata:\n  name: fa\n  annotations: {x: \"1\", postrenderer.helm.sh/postrender-filename: 'c/templates/a.yaml'}\n"
        );
        let back = split_and_deannotate(&merged).unwrap();
        assert_eq!(
            back["c/templates/a.yaml"],
            "kind: NoMeta\nspec: {}\n---\nkind: FlowMeta\nmetadata: {name: fm}\n---\nkind: FlowAnn\nmetadata:\n  name: fa\n  annotations: {x: \"1\"}\n"
        );
    }

    #[test]
    fn normalizes_flow_and_quotes() {
        assert_eq!(
            round_trip(
                "items: [\"a\",b , 'c']\nmap: { k: v,  k2: [1,2] }\ndq: \"caf\\u00e9 \\t tab\"\n"
            ),
            "items: [\"a\", b, 'c']\nmap: {k: v, k2: [1, 2]}\ndq: \"café \\t tab\"\n"
        );
    }

    #[test]
    fn refuses_what_it_cannot_reformat() {
        for text in [
            "a: &x 1\nb: *x\n",
            "a: >\n  folded\n",
            "a: \"multi\n  line\"\n",
            "? complex\n: key\n",
        ] {
            assert!(
                matches!(parse_stream(text), Err(KyamlError::Unsupported(_))),
                "{text}"
            );
        }
    }
}
