//! The part of go-yaml's libyaml-derived emitter (`emitterc.go`) that its
//! encoder drives: block mappings and sequences, `{}`/`[]` for empty ones,
//! and scalars in plain, single-quoted, double-quoted or literal style, with
//! go-yaml's style fallbacks, escapes and line folding.

use super::sort::Flavor;

/// The style the encoder asks for; the emitter may fall back to another.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    DoubleQuoted,
    Literal,
}

/// A document to emit.
#[derive(Debug)]
pub(crate) enum Node {
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

/// Taken apart iteratively so that deep documents cannot overflow the stack.
impl Drop for Node {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        detach_children(self, &mut stack);
        while let Some(mut n) = stack.pop() {
            detach_children(&mut n, &mut stack);
        }
    }
}

fn detach_children(n: &mut Node, stack: &mut Vec<Node>) {
    match n {
        Node::Seq(items) => stack.append(items),
        Node::Map(entries) => {
            for (k, v) in entries.drain(..) {
                stack.push(k);
                stack.push(v);
            }
        }
        Node::Scalar(..) => {}
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    Plain,
    Single,
    Double,
    Literal,
}

/// The context flags go-yaml's `emit_node` receives.
#[derive(Clone, Copy, Default)]
struct Ctx {
    mapping: bool,
    simple_key: bool,
}

/// What `analyze_scalar` found out about a scalar (the flow-context
/// verdicts are not needed: only empty collections use flow style).
struct Analysis {
    multiline: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

const BEST_INDENT: i64 = 2;

pub(crate) struct Emitter {
    out: String,
    flavor: Flavor,
    best_width: i64,
    indent: i64,
    indents: Vec<i64>,
    column: i64,
    whitespace: bool,
    indention: bool,
}

/// Emits one implicit document holding `root`, as go-yaml's `Marshal` does.
pub(crate) fn emit_document(root: &Node, flavor: Flavor) -> String {
    let mut e = Emitter {
        out: String::new(),
        flavor,
        // v2 folds at libyaml's default of 80 columns; v3 never folds.
        best_width: match flavor {
            Flavor::V2 => 80,
            Flavor::V3 => i64::from(i32::MAX),
        },
        indent: -1,
        indents: Vec::new(),
        column: 0,
        whitespace: true,
        indention: true,
    };
    e.node(root, Ctx::default());
    // DOCUMENT-END (implicit): just finish the line.
    e.write_indent();
    e.out
}

impl Emitter {
    fn node(&mut self, node: &Node, ctx: Ctx) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match node {
            Node::Scalar(value, style) => self.scalar(value, *style, ctx),
            Node::Seq(items) if items.is_empty() => self.empty_flow(b'[', b']'),
            Node::Map(entries) if entries.is_empty() => self.empty_flow(b'{', b'}'),
            Node::Seq(items) => self.block_sequence(items, ctx),
            Node::Map(entries) => self.block_mapping(entries),
        })
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    /// An empty collection, which go-yaml writes in flow style.
    fn empty_flow(&mut self, open: u8, close: u8) {
        self.write_indicator(&[open], true, true, false);
        self.increase_indent(true, false);
        self.pop_indent();
        self.write_indicator(&[close], false, false, false);
    }

    fn block_sequence(&mut self, items: &[Node], ctx: Ctx) {
        // v2 writes a sequence that is a mapping value at the key's indent.
        let indentless = self.flavor == Flavor::V2 && ctx.mapping && !self.indention;
        self.increase_indent(false, indentless);
        for item in items {
            self.write_indent();
            self.write_indicator(b"-", true, false, true);
            self.node(item, Ctx::default());
        }
        self.pop_indent();
    }

    fn block_mapping(&mut self, entries: &[(Node, Node)]) {
        self.increase_indent(false, false);
        let in_map = Ctx {
            mapping: true,
            ..Ctx::default()
        };
        for (key, value) in entries {
            self.write_indent();
            if check_simple_key(key, self.flavor) {
                self.node(
                    key,
                    Ctx {
                        simple_key: true,
                        ..in_map
                    },
                );
                self.write_indicator(b":", false, false, false);
            } else {
                self.write_indicator(b"?", true, false, true);
                self.node(key, in_map);
                self.write_indent();
                self.write_indicator(b":", true, false, true);
            }
            self.node(value, in_map);
        }
        self.pop_indent();
    }

    fn scalar(&mut self, value: &str, style: Style, ctx: Ctx) {
        let a = analyze(value, self.flavor);
        let style = self.select_style(value, style, &a, ctx);
        self.increase_indent(true, false);
        let allow_breaks = !ctx.simple_key;
        match style {
            Written::Plain => self.write_plain(value, allow_breaks),
            Written::Single => self.write_single_quoted(value, allow_breaks),
            Written::Double => self.write_double_quoted(value, allow_breaks),
            Written::Literal => self.write_literal(value),
        }
        self.pop_indent();
    }

    fn select_style(&self, value: &str, requested: Style, a: &Analysis, ctx: Ctx) -> Written {
        let mut style = match requested {
            Style::Plain => Written::Plain,
            Style::DoubleQuoted => Written::Double,
            Style::Literal => Written::Literal,
        };
        if ctx.simple_key && a.multiline {
            style = Written::Double;
        }
        // Only empty collections use flow style, so the flow level is 0.
        if style == Written::Plain {
            if !a.block_plain_allowed {
                style = Written::Single;
            }
            if value.is_empty() && ctx.simple_key {
                style = Written::Single;
            }
        }
        if style == Written::Single && !a.single_quoted_allowed {
            style = Written::Double;
        }
        if style == Written::Literal && (!a.block_allowed || ctx.simple_key) {
            style = Written::Double;
        }
        style
    }

    // --- low-level writers -------------------------------------------------

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
        self.indention = true;
    }

    /// Copies one character from `value` at byte `i`; returns the next index.
    fn write(&mut self, value: &str, i: usize) -> usize {
        let c = char_at(value, i);
        self.out.push(c);
        self.column += 1;
        i + c.len_utf8()
    }

    /// Copies a line break (`\n` becomes the output break).
    fn write_break(&mut self, value: &str, i: usize) -> usize {
        if value.as_bytes()[i] == b'\n' {
            self.put_break();
            i + 1
        } else {
            let next = self.write(value, i);
            self.column = 0;
            self.indention = true;
            next
        }
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(
        &mut self,
        indicator: &[u8],
        need_whitespace: bool,
        is_whitespace: bool,
        is_indention: bool,
    ) {
        if need_whitespace && !self.whitespace {
            self.put(' ');
        }
        for &b in indicator {
            self.put(b as char);
        }
        self.whitespace = is_whitespace;
        self.indention = self.indention && is_indention;
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        if !self.whitespace && (self.flavor == Flavor::V2 || !value.is_empty()) {
            self.put(' ');
        }
        let b = value.as_bytes();
        let mut spaces = false;
        let mut breaks = false;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b' ' {
                if allow_breaks && !spaces && self.column > self.best_width && !is_space(b, i + 1) {
                    self.write_indent();
                    i += 1;
                } else {
                    i = self.write(value, i);
                }
                spaces = true;
            } else if is_break(b, i) {
                if !breaks && b[i] == b'\n' {
                    self.put_break();
                }
                i = self.write_break(value, i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                i = self.write(value, i);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single_quoted(&mut self, value: &str, allow_breaks: bool) {
        self.write_indicator(b"'", true, false, false);
        let b = value.as_bytes();
        let mut spaces = false;
        let mut breaks = false;
        let mut i = 0;
        while i < b.len() {
            if b[i] == b' ' {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && i > 0
                    && i < b.len() - 1
                    && !is_space(b, i + 1)
                {
                    self.write_indent();
                    i += 1;
                } else {
                    i = self.write(value, i);
                }
                spaces = true;
            } else if is_break(b, i) {
                if !breaks && b[i] == b'\n' {
                    self.put_break();
                }
                i = self.write_break(value, i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if b[i] == b'\'' {
                    self.put('\'');
                }
                i = self.write(value, i);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator(b"'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double_quoted(&mut self, value: &str, allow_breaks: bool) {
        let mut spaces = false;
        self.write_indicator(b"\"", true, false, false);
        let b = value.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if !is_printable(b, i) || is_bom(b) || is_break(b, i) || b[i] == b'"' || b[i] == b'\\' {
                let c = char_at(value, i);
                i += c.len_utf8();
                self.put('\\');
                match c as u32 {
                    0x00 => self.put('0'),
                    0x07 => self.put('a'),
                    0x08 => self.put('b'),
                    0x09 => self.put('t'),
                    0x0A => self.put('n'),
                    0x0B => self.put('v'),
                    0x0C => self.put('f'),
                    0x0D => self.put('r'),
                    0x1B => self.put('e'),
                    0x22 => self.put('"'),
                    0x5C => self.put('\\'),
                    0x85 => self.put('N'),
                    0xA0 => self.put('_'),
                    0x2028 => self.put('L'),
                    0x2029 => self.put('P'),
                    v => {
                        let (letter, width) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(letter);
                        for k in (0..width).rev() {
                            let digit = (v >> (k * 4)) & 0xF;
                            self.put(
                                char::from_digit(digit, 16)
                                    .unwrap_or('0')
                                    .to_ascii_uppercase(),
                            );
                        }
                    }
                }
                spaces = false;
            } else if b[i] == b' ' {
                if allow_breaks
                    && !spaces
                    && self.column > self.best_width
                    && i > 0
                    && i < b.len() - 1
                {
                    self.write_indent();
                    if is_space(b, i + 1) {
                        self.put('\\');
                    }
                    i += 1;
                } else {
                    i = self.write(value, i);
                }
                spaces = true;
            } else {
                i = self.write(value, i);
                spaces = false;
            }
        }
        self.write_indicator(b"\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_block_scalar_hints(&mut self, value: &str) {
        let b = value.as_bytes();
        if is_space(b, 0) || is_break(b, 0) {
            let hint = [b'0' + BEST_INDENT as u8];
            self.write_indicator(&hint, false, false, false);
        }
        let chomp = if b.is_empty() {
            Some(b'-')
        } else {
            let mut i = b.len() - 1;
            while i > 0 && b[i] & 0xC0 == 0x80 {
                i -= 1;
            }
            if !is_break(b, i) {
                Some(b'-')
            } else if i == 0 {
                Some(b'+')
            } else {
                i -= 1;
                while i > 0 && b[i] & 0xC0 == 0x80 {
                    i -= 1;
                }
                is_break(b, i).then_some(b'+')
            }
        };
        if let Some(c) = chomp {
            self.write_indicator(&[c], false, false, false);
        }
    }

    fn write_literal(&mut self, value: &str) {
        self.write_indicator(b"|", true, false, false);
        self.write_block_scalar_hints(value);
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let b = value.as_bytes();
        let mut breaks = true;
        let mut i = 0;
        while i < b.len() {
            if is_break(b, i) {
                i = self.write_break(value, i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                i = self.write(value, i);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

/// `yaml_emitter_check_simple_key` for the nodes the encoder produces.
fn check_simple_key(key: &Node, flavor: Flavor) -> bool {
    match key {
        Node::Scalar(value, _) => !analyze(value, flavor).multiline && value.len() <= 128,
        Node::Seq(items) => items.is_empty(),
        Node::Map(entries) => entries.is_empty(),
    }
}

/// `yaml_emitter_analyze_scalar` (with the emitter's `unicode` flag on).
fn analyze(value: &str, flavor: Flavor) -> Analysis {
    let b = value.as_bytes();
    if b.is_empty() {
        return Analysis {
            multiline: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut tab_characters = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;

    if value.starts_with("---") || value.starts_with("...") {
        block_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let mut i = 0;
    while i < b.len() {
        let w = width(b[i]).max(1);
        let followed_by_whitespace = i + w >= b.len() || is_blank(b, i + w);
        // Indicators that keep a scalar from being written plain.
        let indicator = if i == 0 {
            match b[i] {
                b'#' | b',' | b'[' | b']' | b'{' | b'}' | b'&' | b'*' | b'!' | b'|' | b'>'
                | b'\'' | b'"' | b'%' | b'@' | b'`' => true,
                b'?' | b':' | b'-' => followed_by_whitespace,
                _ => false,
            }
        } else {
            match b[i] {
                b':' => followed_by_whitespace,
                b'#' => preceded_by_whitespace,
                _ => false,
            }
        };
        block_indicators |= indicator;
        // go-yaml v3 lets tabs into literal blocks (but not plain or quoted).
        if b[i] == b'\t' && flavor == Flavor::V3 {
            tab_characters = true;
        } else if !is_printable(b, i) {
            special_characters = true;
        }
        if b[i] == b' ' {
            if i == 0 {
                leading_space = true;
            }
            if i + w == b.len() {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(b, i) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + w == b.len() {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(b, i);
        i += w;
    }

    let mut a = Analysis {
        multiline: line_breaks,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if tab_characters {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.block_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

fn char_at(value: &str, i: usize) -> char {
    value[i..].chars().next().unwrap_or('\u{FFFD}')
}

fn byte(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn width(c: u8) -> usize {
    if c & 0x80 == 0 {
        1
    } else if c & 0xE0 == 0xC0 {
        2
    } else if c & 0xF0 == 0xE0 {
        3
    } else if c & 0xF8 == 0xF0 {
        4
    } else {
        0
    }
}

fn is_space(b: &[u8], i: usize) -> bool {
    byte(b, i) == b' '
}

fn is_blank(b: &[u8], i: usize) -> bool {
    matches!(byte(b, i), b' ' | b'\t')
}

fn is_break(b: &[u8], i: usize) -> bool {
    match byte(b, i) {
        b'\r' | b'\n' => true,
        0xC2 => byte(b, i + 1) == 0x85,
        0xE2 => byte(b, i + 1) == 0x80 && matches!(byte(b, i + 2), 0xA8 | 0xA9),
        _ => false,
    }
}

/// Blank, break or the end of the text (go-yaml reads a NUL there).
fn is_blankz(b: &[u8], i: usize) -> bool {
    is_blank(b, i) || is_break(b, i) || byte(b, i) == 0
}

/// go-yaml's `is_bom` looks at the start of the value, not at `i`: a value
/// starting with U+FEFF has every character escaped.
fn is_bom(b: &[u8]) -> bool {
    b.starts_with(&[0xEF, 0xBB, 0xBF])
}

/// go-yaml's `is_printable`: no C0/C1 controls (but `\n`), no surrogates,
/// U+FEFF, U+FFFE, U+FFFF, and nothing outside the BMP.
fn is_printable(b: &[u8], i: usize) -> bool {
    let c = byte(b, i);
    let c1 = byte(b, i + 1);
    let c2 = byte(b, i + 2);
    c == 0x0A
        || (0x20..=0x7E).contains(&c)
        || (c == 0xC2 && c1 >= 0xA0)
        || (c > 0xC2 && c < 0xED)
        || (c == 0xED && c1 < 0xA0)
        || c == 0xEE
        || (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))
}
