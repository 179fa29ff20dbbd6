//! Where go-yaml v2 and libyaml (the `libyaml-safer` port the parser
//! uses) disagree, and how the composer bridges it: a rough lexer finds the
//! spots in the source, which are then rewritten for libyaml (and mapped
//! back in the values), or turned into the error go-yaml would report.
//!
//! The differences handled here (each pinned by the Helm-generated tables):
//! - go-yaml v2 knows `\'` but not `\/` in double-quoted scalars;
//! - go-yaml keeps `:` before `,?[]{}` in a flow plain scalar, and ends the
//!   scalar at `?` there (then fails on the stray key indicator);
//! - go-yaml reads `,`, `[` and `]` as part of a tag;
//! - go-yaml only skips a BOM at the very start, libyaml at every line start;
//! - go-yaml's reader checks characters 512 bytes at a time, ahead of the
//!   scanner;
//! - libyaml-safer panics when a block scalar ends the input without a line
//!   break, so one is added and its effects are undone (`Padding`).

use libyaml_safer::Mark;

use super::error::SyntaxError;

/// The first error go-yaml v2 would raise where libyaml reads on, with the
/// byte offset it is raised at: a `\/` escape (YAML 1.2 only), a `\` that
/// ends the input inside a double-quoted scalar, and a `?` that ends a plain
/// scalar in a flow collection.
pub(super) fn go_only_error(src: &str, padding: Option<Padding>) -> Option<(u64, SyntaxError)> {
    let mut found: Vec<(u64, SyntaxError)> = Vec::new();
    // go-yaml's reader checks characters a 512-byte chunk at a time, ahead
    // of the scanner; libyaml checks each one when the scanner gets there.
    if let Some((at, _)) = src.char_indices().find(|(_, c)| !yaml_readable(*c)) {
        found.push((
            (at as u64 / 512) * 512,
            SyntaxError::plain("control characters are not allowed"),
        ));
    }
    if !src.contains('\\') && !src.contains('?') {
        return found.into_iter().next();
    }
    let lexed = lex(src);
    for (mark, escaped) in lexed.escapes {
        let at_end = padding.is_some_and(|p| mark.index + 1 == p.original_end.index);
        if escaped == b'/' || at_end {
            found.push((
                mark.index,
                SyntaxError::scanner("found unknown escape character", mark),
            ));
        }
    }
    for (mark, bracket, open) in lexed.flow_questions {
        let problem = if bracket == b'[' {
            "did not find expected ',' or ']'"
        } else {
            "did not find expected ',' or '}'"
        };
        found.push((
            mark.index,
            SyntaxError::from_marks(problem.to_string(), false, mark, open),
        ));
    }
    found.into_iter().min_by_key(|(at, _)| *at)
}

/// What a rough lexer (comments, quoted scalars, flow brackets) finds in
/// the source where go-yaml v2 and libyaml disagree.
#[derive(Default)]
struct Lexed {
    /// Escapes (`\` and the next byte) inside double-quoted scalars, at the
    /// position of the backslash.
    escapes: Vec<(Mark, u8)>,
    /// Byte offsets of `:` inside a plain scalar in a flow collection, right
    /// before one of `,?[]{}`: part of the scalar to go-yaml v2, an error
    /// ("found unexpected ':'") to libyaml.
    flow_colons: Vec<usize>,
    /// Byte offsets of `,`, `[` or `]` inside a tag: go-yaml v2 reads them
    /// as part of the tag, libyaml ends the tag there.
    tag_flow_chars: Vec<usize>,
    /// `?` right after a plain scalar in a flow collection: go-yaml v2 ends
    /// the scalar there and fails on the unexpected key indicator; libyaml
    /// keeps the `?` in the scalar. With the position of the collection's
    /// opening bracket.
    flow_questions: Vec<(Mark, u8, Mark)>,
    /// Byte offsets of U+FEFF at the start of a line (not of the text):
    /// libyaml skips those, go-yaml v2 only skips one at the very start.
    line_boms: Vec<usize>,
}

fn lex(src: &str) -> Lexed {
    let b = src.as_bytes();
    let mut found = Lexed::default();
    let mut mark = Mark::default();
    let mut i = 0;
    // Whether a quote here would start a quoted scalar.
    let mut token_start = true;
    let mut flow_depth = 0usize;
    // Open flow collections: bracket and position.
    let mut brackets: Vec<(u8, Mark)> = Vec::new();
    // Whether the last non-blank character belongs to a plain scalar.
    let mut after_plain = false;
    // Whether the last token was a quoted scalar (a `:` right after one is
    // a value indicator in flow context).
    let mut prev_quoted = false;
    while i < b.len() {
        let c = b[i];
        if c >= 0x80 {
            // A whole non-ASCII character: a line break, a BOM or text.
            let width = match c {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            if is_break_at(b, i) {
                token_start = true;
                after_plain = false;
            } else if c == 0xEF && b.get(i + 1..i + 3) == Some(&[0xBB, 0xBF]) && i == 0 {
                // libyaml and go-yaml both skip a BOM that starts the text.
            } else {
                if c == 0xEF
                    && b.get(i + 1..i + 3) == Some(&[0xBB, 0xBF])
                    && matches!(b[i - 1], b'\n' | b'\r')
                {
                    found.line_boms.push(i);
                }
                token_start = false;
                after_plain = true;
            }
            prev_quoted = false;
            for k in 0..width.min(b.len() - i) {
                step(&mut mark, b, i + k);
            }
            if is_break_at(b, i) {
                mark.line += 1;
                mark.column = 0;
            }
            i += width;
            continue;
        }
        match c {
            b'#' if token_start => {
                while i < b.len() && b[i] != b'\n' {
                    step(&mut mark, b, i);
                    i += 1;
                }
                continue;
            }
            b'"' | b'\'' if token_start && !after_plain => {
                step(&mut mark, b, i);
                i += 1;
                while i < b.len() {
                    let d = b[i];
                    if c == b'"' && d == b'\\' {
                        if let Some(&e) = b.get(i + 1) {
                            found.escapes.push((mark, e));
                        }
                        step(&mut mark, b, i);
                        i += 1;
                        if i < b.len() {
                            step(&mut mark, b, i);
                            i += 1;
                        }
                        continue;
                    }
                    step(&mut mark, b, i);
                    i += 1;
                    if d == c {
                        if c == b'\'' && b.get(i) == Some(&b'\'') {
                            step(&mut mark, b, i);
                            i += 1;
                            continue;
                        }
                        break;
                    }
                }
                token_start = true;
                after_plain = false;
                prev_quoted = true;
                continue;
            }
            b'!' if token_start && !after_plain && b.get(i + 1) != Some(&b'<') => {
                // A tag: go-yaml's URI characters up to a blank.
                step(&mut mark, b, i);
                i += 1;
                while let Some(&t) = b.get(i) {
                    let uri = t.is_ascii_alphanumeric() || b"_-;/?:@&=+$,.!~*'()[]%".contains(&t);
                    if !uri {
                        break;
                    }
                    if matches!(t, b',' | b'[' | b']') {
                        found.tag_flow_chars.push(i);
                    }
                    step(&mut mark, b, i);
                    i += 1;
                }
                token_start = false;
                after_plain = false;
                prev_quoted = false;
                continue;
            }
            b'&' | b'*' if token_start && !after_plain => {
                // An anchor or alias name runs to a blank or flow indicator.
                step(&mut mark, b, i);
                i += 1;
                while let Some(&t) = b.get(i) {
                    if matches!(t, b' ' | b'\t' | b',' | b'[' | b']' | b'{' | b'}')
                        || is_break_at(b, i)
                    {
                        break;
                    }
                    step(&mut mark, b, i);
                    i += 1;
                }
                token_start = false;
                after_plain = false;
                prev_quoted = false;
                continue;
            }
            b'|' | b'>' if token_start && !after_plain && flow_depth == 0 => {
                // A block scalar: its content is text, whatever it holds. It
                // runs over the following lines that are blank or indented
                // deeper than the line the indicator is on.
                let line_start = b[..i]
                    .iter()
                    .rposition(|&x| x == b'\n' || x == b'\r')
                    .map_or(0, |p| p + 1);
                let indent = b[line_start..].iter().take_while(|&&x| x == b' ').count();
                let mut end = i;
                while end < b.len() && b[end] != b'\n' {
                    end += 1;
                }
                loop {
                    let next = (end + 1).min(b.len());
                    let spaces = b[next..].iter().take_while(|&&x| x == b' ').count();
                    let rest = &b[next + spaces..];
                    let blank = rest.is_empty() || matches!(rest[0], b'\n' | b'\r');
                    if next >= b.len() || !(blank || spaces > indent) {
                        break;
                    }
                    end = next;
                    while end < b.len() && b[end] != b'\n' {
                        end += 1;
                    }
                }
                while i < end {
                    step(&mut mark, b, i);
                    i += 1;
                }
                token_start = true;
                after_plain = false;
                prev_quoted = false;
                continue;
            }
            b'[' | b'{' if token_start && !after_plain => {
                flow_depth += 1;
                brackets.push((c, mark));
            }
            b']' | b'}' if flow_depth > 0 => {
                flow_depth -= 1;
                brackets.pop();
            }
            b'?' if flow_depth > 0 && after_plain => {
                if let Some(&(kind, open)) = brackets.last() {
                    found.flow_questions.push((mark, kind, open));
                }
            }
            b':' if flow_depth > 0
                && after_plain
                && matches!(b.get(i + 1), Some(b',' | b'?' | b'[' | b']' | b'{' | b'}')) =>
            {
                found.flow_colons.push(i);
            }
            _ => {}
        }
        // `-`, `?` and `:` are indicators before a blank (in flow context
        // `:` and `?` also before a flow indicator); inside a plain scalar
        // they are text.
        let next = b.get(i + 1).copied();
        let next_blank = matches!(next, None | Some(b' ' | b'\t')) || is_break_at(b, i + 1);
        let next_flow = flow_depth > 0 && matches!(next, Some(b',' | b'[' | b']' | b'{' | b'}'));
        let indicator = match c {
            b'-' => token_start && next_blank,
            b'?' => token_start && (next_blank || flow_depth > 0),
            b':' => next_blank || next_flow || (flow_depth > 0 && (token_start || prev_quoted)),
            _ => false,
        };
        let separator = matches!(c, b' ' | b'\t')
            || is_break_at(b, i)
            || (flow_depth > 0 && matches!(c, b',' | b'[' | b']' | b'{' | b'}'))
            || (token_start && !after_plain && matches!(c, b'[' | b'{'));
        if !matches!(c, b' ' | b'\t') {
            after_plain = !indicator && !separator;
        }
        token_start = separator || indicator;
        if !matches!(c, b' ' | b'\t') {
            prev_quoted = false;
        }
        step(&mut mark, b, i);
        i += 1;
    }
    found
}

/// Moves `mark` past the byte at `i` (lines as libyaml counts them: `\n`,
/// `\r\n` once, and a lone `\r`).
fn step(mark: &mut Mark, b: &[u8], i: usize) {
    let c = b[i];
    if c == b'\n' || (c == b'\r' && b.get(i + 1) != Some(&b'\n')) {
        mark.line += 1;
        mark.column = 0;
    } else if c & 0xC0 != 0x80 {
        mark.column += 1;
    }
    mark.index += 1;
}

/// Characters standing in for others in the rewritten source.
#[derive(Clone, Copy)]
pub(super) struct Placeholders {
    pub colon: char,
    pub bom: char,
}

/// Characters go-yaml's reader accepts.
fn yaml_readable(c: char) -> bool {
    matches!(c as u32,
        0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// A line break (`\n`, `\r`, NEL, LS, PS) starts at byte `i`.
fn is_break_at(b: &[u8], i: usize) -> bool {
    match b.get(i) {
        Some(b'\n' | b'\r') => true,
        Some(0xC2) => b.get(i + 1) == Some(&0x85),
        Some(0xE2) => b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)),
        _ => false,
    }
}

/// The source with the spots where go-yaml v2 and libyaml disagree made
/// acceptable to libyaml: `\'` (go-yaml only) becomes `\x27`, a
/// plain-scalar `:` in flow context and a BOM starting a line become
/// placeholders, mapped back in scalar values.
pub(super) fn rewrite_for_libyaml(src: &str) -> Option<(String, Placeholders)> {
    let flow_colons = src.contains(':') && (src.contains('[') || src.contains('{'));
    let line_boms = src.char_indices().any(|(i, c)| i > 0 && c == '\u{FEFF}');
    if !src.contains("\\'") && !src.contains('!') && !flow_colons && !line_boms {
        return None;
    }
    let lexed = lex(src);
    let ph = placeholders(src);
    let mut edits: Vec<(usize, usize, String)> = lexed
        .escapes
        .iter()
        .filter(|(_, e)| *e == b'\'')
        .map(|(m, _)| (m.index as usize, 2, "\\x27".to_string()))
        .collect();
    edits.extend(
        lexed
            .flow_colons
            .iter()
            .map(|&at| (at, 1, ph.colon.to_string())),
    );
    edits.extend(
        lexed
            .line_boms
            .iter()
            .map(|&at| (at, 3, ph.bom.to_string())),
    );
    edits.extend(lexed.tag_flow_chars.iter().map(|&at| {
        let escaped = match src.as_bytes()[at] {
            b',' => "%2C",
            b'[' => "%5B",
            _ => "%5D",
        };
        (at, 1, escaped.to_string())
    }));
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| e.0);
    let mut out = String::with_capacity(src.len() + 4 * edits.len());
    let mut last = 0;
    for (at, len, text) in edits {
        out.push_str(&src[last..at]);
        out.push_str(&text);
        last = at + len;
    }
    out.push_str(&src[last..]);
    Some((out, ph))
}

/// Two private-use characters that do not occur in `src`.
fn placeholders(src: &str) -> Placeholders {
    let mut free = ('\u{E000}'..='\u{F8FF}').filter(|c| !src.contains(*c));
    let colon = free.next().unwrap_or('\u{F8FE}');
    let bom = free.next().unwrap_or('\u{F8FF}');
    Placeholders { colon, bom }
}

/// The line break added after input that does not end with one.
#[derive(Clone, Copy)]
pub(super) struct Padding {
    /// The end of the padded input.
    pub eof: Mark,
    /// Where the input ended before the break was added.
    pub original_end: Mark,
}

impl Padding {
    pub(super) fn new(padded: &str) -> Padding {
        let mut end = Mark::default();
        let body = &padded[..padded.len() - 1];
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            end.index += c.len_utf8() as u64;
            let is_break = match c {
                '\r' => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                        end.index += 1;
                    }
                    true
                }
                '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => true,
                _ => false,
            };
            if is_break {
                end.line += 1;
                end.column = 0;
            } else {
                end.column += 1;
            }
        }
        let mut eof = end;
        eof.index = padded.len() as u64;
        Padding {
            eof,
            original_end: end,
        }
    }

    /// The value a block scalar running to the end of the input has without
    /// the added line break: keep chomping (`+`) lost one break; clip
    /// chomping lost one if the last line held content.
    pub(super) fn unpad_block_scalar(self, src: &str, start: Mark, mut value: String) -> String {
        let header: String = src
            .get(start.index as usize + 1..)
            .unwrap_or("")
            .chars()
            .take_while(|c| matches!(c, '+' | '-' | '0'..='9'))
            .collect();
        let body = &src[start.index as usize..self.original_end.index as usize];
        let last_line = body.rsplit(['\n', '\r']).next().unwrap_or("");
        // The content indentation: that of the first line with text.
        let indent = body
            .split(['\n', '\r'])
            .skip(1)
            .find(|l| !l.trim().is_empty())
            .map_or(0, |l| l.len() - l.trim_start_matches(' ').len());
        let last_is_content = if last_line.trim().is_empty() {
            last_line.len() > indent
        } else {
            true
        };
        let drop_break = if header.contains('+') {
            true
        } else if header.contains('-') {
            false
        } else {
            last_is_content && body.contains(['\n', '\r'])
        };
        if drop_break && value.ends_with('\n') {
            value.pop();
        }
        value
    }
}
