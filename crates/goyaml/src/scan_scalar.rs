//! Scanning scalars: block (`|`, `>`), quoted and plain.
//!
//! Each follows go-yaml's loop, with fast paths that step over runs of
//! ordinary bytes at once where go-yaml's per-character steps could not
//! refill the buffer (see `Reader::fast_end`), so the result is the same.

use crate::error::Fallible;
use crate::event::ScalarStyle;
use crate::mark::Mark;
use crate::scanner::Scanner;
use crate::text::Text;
use crate::token::{Token, TokenKind};

/// A stretch of blanks read from the input (contiguous by construction).
#[derive(Default)]
struct Blanks(Option<(usize, usize)>);

impl Blanks {
    fn push(&mut self, start: usize, end: usize) {
        match &mut self.0 {
            Some((_, e)) => *e = end,
            None => self.0 = Some((start, end)),
        }
    }

    fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Append the blanks to `s` and forget them.
    fn flush(&mut self, text: &str, s: &mut Text) {
        if let Some((a, b)) = self.0.take() {
            s.push_input(text, a, b);
        }
    }
}

impl<'a> Scanner<'a> {
    /// Read one character into `s`.
    #[inline(always)]
    fn read_into(&mut self, s: &mut Text) {
        let begin = self.r.pos;
        self.r.skip();
        s.push_input(self.r.text, begin, self.r.pos);
    }

    /// `yaml_parser_scan_block_scalar`: a `|` or `>` scalar with its header.
    pub(crate) fn scan_block_scalar(&mut self, literal: bool) -> Fallible<Token<'a>> {
        let text = self.r.text;
        let start = self.r.mark;
        self.r.skip();
        self.r.cache(1)?;

        // The header: chomping indicator and indentation indicator, in
        // either order.
        let mut chomping = 0i8;
        let mut increment = 0usize;
        let chomping_of = |c: u8| if c == b'+' { 1 } else { -1 };
        if matches!(self.r.cur(), b'+' | b'-') {
            chomping = chomping_of(self.r.cur());
            self.r.skip();
            self.r.cache(1)?;
            if self.r.cur().is_ascii_digit() {
                increment = self.indentation_indicator(start)?;
            }
        } else if self.r.cur().is_ascii_digit() {
            increment = self.indentation_indicator(start)?;
            self.r.cache(1)?;
            if matches!(self.r.cur(), b'+' | b'-') {
                chomping = chomping_of(self.r.cur());
                self.r.skip();
            }
        }

        self.r.cache(1)?;
        while self.r.is_blank(0) {
            self.r.skip();
            self.r.cache(1)?;
        }
        if self.r.cur() == b'#' {
            self.skip_comment()?;
        }
        if !self.r.is_breakz(0) {
            return Err(self.error(
                "while scanning a block scalar",
                start,
                "did not find expected comment or line break",
            ));
        }
        if self.r.is_break(0) {
            self.r.cache(2)?;
            self.r.skip_line();
        }

        let mut end = self.r.mark;
        let mut indent = 0usize;
        if increment > 0 {
            indent = if self.indent >= 0 {
                self.indent as usize + increment
            } else {
                increment
            };
        }

        let mut s = Text::default();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start, &mut end)?;
        self.r.cache(1)?;
        let mut leading_blank = false;
        while self.r.mark.column == indent && self.r.cur() != 0 {
            // A folded line break becomes a space unless a blank line or
            // a more indented line is involved.
            let trailing_blank = self.r.is_blank(0);
            if !literal && !leading_blank && !trailing_blank && leading_break.starts_with('\n') {
                if trailing_breaks.is_empty() {
                    s.push_char(text, ' ');
                }
            } else {
                s.push_str(text, &leading_break);
            }
            leading_break.clear();
            s.push_str(text, &trailing_breaks);
            trailing_breaks.clear();
            leading_blank = self.r.is_blank(0);

            self.read_line_content(&mut s)?;
            self.r.cache(2)?;
            self.r.read_line(&mut leading_break);
            self.scan_block_scalar_breaks(&mut indent, &mut trailing_breaks, start, &mut end)?;
        }

        if chomping != -1 {
            s.push_str(text, &leading_break);
        }
        if chomping == 1 {
            s.push_str(text, &trailing_breaks);
        }
        let style = if literal {
            ScalarStyle::Literal
        } else {
            ScalarStyle::Folded
        };
        Ok(Token {
            kind: TokenKind::Scalar {
                value: s.finish(text),
                style,
            },
            start,
            end,
        })
    }

    /// The indentation indicator digit of a block scalar header.
    fn indentation_indicator(&mut self, start: Mark) -> Fallible<usize> {
        if self.r.cur() == b'0' {
            return Err(self.error(
                "while scanning a block scalar",
                start,
                "found an indentation indicator equal to 0",
            ));
        }
        let value = usize::from(self.r.cur() - b'0');
        self.r.skip();
        Ok(value)
    }

    /// Read the rest of the line into `s` (go-yaml reads it a character at
    /// a time, asking for one more each step).
    fn read_line_content(&mut self, s: &mut Text) -> Fallible<()> {
        let text = self.r.text;
        while !self.r.is_breakz(0) {
            let fast_end = self.r.fast_end();
            if self.r.pos < fast_end {
                let run = self.r.bytes[self.r.pos..fast_end]
                    .iter()
                    .position(|&b| matches!(b, b'\r' | b'\n' | 0xC2 | 0xE2))
                    .unwrap_or(fast_end - self.r.pos);
                let end = self.r.boundary_before(self.r.pos + run);
                if end > self.r.pos {
                    let begin = self.r.pos;
                    self.r.skip_to(end);
                    s.push_input(text, begin, end);
                    self.r.cache(1)?;
                    continue;
                }
            }
            self.read_into(s);
            self.r.cache(1)?;
        }
        Ok(())
    }

    /// `yaml_parser_scan_block_scalar_breaks`: the indentation and empty
    /// lines before a block scalar's next content line; settles the
    /// indentation if it is not known yet.
    fn scan_block_scalar_breaks(
        &mut self,
        indent: &mut usize,
        breaks: &mut String,
        start: Mark,
        end: &mut Mark,
    ) -> Fallible<()> {
        *end = self.r.mark;
        let mut max_indent = 0;
        loop {
            self.r.cache(1)?;
            while (*indent == 0 || self.r.mark.column < *indent) && self.r.cur() == b' ' {
                let limit = if *indent == 0 {
                    usize::MAX
                } else {
                    *indent - self.r.mark.column
                };
                let fast_end = self.r.fast_end();
                let run = if self.r.pos < fast_end {
                    self.r.bytes[self.r.pos..fast_end]
                        .iter()
                        .take(limit)
                        .take_while(|&&b| b == b' ')
                        .count()
                } else {
                    0
                };
                self.r.skip_ascii(run.max(1));
                self.r.cache(1)?;
            }
            max_indent = max_indent.max(self.r.mark.column);
            if (*indent == 0 || self.r.mark.column < *indent) && self.r.cur() == b'\t' {
                return Err(self.error(
                    "while scanning a block scalar",
                    start,
                    "found a tab character where an indentation space is expected",
                ));
            }
            if !self.r.is_break(0) {
                break;
            }
            self.r.cache(2)?;
            self.r.read_line(breaks);
            *end = self.r.mark;
        }
        if *indent == 0 {
            *indent = max_indent.max((self.indent + 1).max(1) as usize);
        }
        Ok(())
    }

    /// `yaml_parser_scan_flow_scalar`: a single- or double-quoted scalar.
    pub(crate) fn scan_flow_scalar(&mut self, single: bool) -> Fallible<Token<'a>> {
        let text = self.r.text;
        let start = self.r.mark;
        self.r.skip();
        let mut s = Text::default();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = Blanks::default();
        let quote = if single { b'\'' } else { b'"' };
        loop {
            self.r.cache(4)?;
            if self.r.mark.column == 0
                && (self.at_document_indicator(b'-') || self.at_document_indicator(b'.'))
            {
                return Err(self.error(
                    "while scanning a quoted scalar",
                    start,
                    "found unexpected document indicator",
                ));
            }
            if self.r.cur() == 0 {
                return Err(self.error(
                    "while scanning a quoted scalar",
                    start,
                    "found unexpected end of stream",
                ));
            }

            let mut leading_blanks = false;
            while !self.r.is_blankz(0) {
                let c = self.r.cur();
                if single && c == b'\'' && self.r.at(1) == b'\'' {
                    s.push_char(text, '\'');
                    self.r.skip();
                    self.r.skip();
                } else if c == quote {
                    break;
                } else if !single && c == b'\\' && self.r.is_break(1) {
                    // An escaped line break: the break is dropped.
                    self.r.cache(3)?;
                    self.r.skip();
                    self.r.skip_line();
                    leading_blanks = true;
                    break;
                } else if !single && c == b'\\' {
                    self.scan_escape(start, &mut s)?;
                } else {
                    let run = quoted_run(self.r.bytes, self.r.pos, self.r.fast_end());
                    if run > 0 {
                        let begin = self.r.pos;
                        self.r.skip_ascii(run);
                        s.push_input(text, begin, self.r.pos);
                    } else {
                        self.read_into(&mut s);
                    }
                }
                self.r.cache(2)?;
            }

            self.r.cache(1)?;
            if self.r.cur() == quote {
                break;
            }

            // Blanks and line breaks inside the scalar.
            while self.r.is_blank(0) || self.r.is_break(0) {
                if self.r.is_blank(0) {
                    if !leading_blanks {
                        let begin = self.r.pos;
                        self.r.skip();
                        whitespaces.push(begin, self.r.pos);
                    } else {
                        let spaces = space_run(self.r.bytes, self.r.pos, self.r.fast_end());
                        self.r.skip_ascii(spaces.max(1));
                    }
                } else {
                    self.r.cache(2)?;
                    if !leading_blanks {
                        whitespaces = Blanks::default();
                        self.r.read_line(&mut leading_break);
                        leading_blanks = true;
                    } else {
                        self.r.read_line(&mut trailing_breaks);
                    }
                }
                self.r.cache(1)?;
            }

            if leading_blanks {
                fold_breaks(text, &mut s, &mut leading_break, &mut trailing_breaks);
            } else {
                whitespaces.flush(text, &mut s);
            }
        }

        // The closing quote.
        self.r.skip();
        let end = self.r.mark;
        let style = if single {
            ScalarStyle::SingleQuoted
        } else {
            ScalarStyle::DoubleQuoted
        };
        Ok(Token {
            kind: TokenKind::Scalar {
                value: s.finish(text),
                style,
            },
            start,
            end,
        })
    }

    /// A `\` escape in a double-quoted scalar (go-yaml v2 knows `\'` and
    /// not YAML 1.2's `\/`).
    fn scan_escape(&mut self, start: Mark, s: &mut Text) -> Fallible<()> {
        let text = self.r.text;
        let mut code_length = 0;
        let simple = match self.r.at(1) {
            b'0' => Some('\0'),
            b'a' => Some('\x07'),
            b'b' => Some('\x08'),
            b't' | b'\t' => Some('\t'),
            b'n' => Some('\n'),
            b'v' => Some('\x0B'),
            b'f' => Some('\x0C'),
            b'r' => Some('\r'),
            b'e' => Some('\x1B'),
            b' ' => Some(' '),
            b'"' => Some('"'),
            b'\'' => Some('\''),
            b'\\' => Some('\\'),
            b'N' => Some('\u{85}'),
            b'_' => Some('\u{A0}'),
            b'L' => Some('\u{2028}'),
            b'P' => Some('\u{2029}'),
            b'x' => {
                code_length = 2;
                None
            }
            b'u' => {
                code_length = 4;
                None
            }
            b'U' => {
                code_length = 8;
                None
            }
            _ => {
                return Err(self.error(
                    "while parsing a quoted scalar",
                    start,
                    "found unknown escape character",
                ));
            }
        };
        if let Some(c) = simple {
            s.push_char(text, c);
        }
        self.r.skip();
        self.r.skip();
        if code_length > 0 {
            self.r.cache(code_length)?;
            let mut value: u32 = 0;
            for k in 0..code_length {
                let Some(digit) = (self.r.at(k) as char).to_digit(16) else {
                    return Err(self.error(
                        "while parsing a quoted scalar",
                        start,
                        "did not find expected hexdecimal number",
                    ));
                };
                value = (value << 4) + digit;
            }
            let Some(c) = char::from_u32(value) else {
                return Err(self.error(
                    "while parsing a quoted scalar",
                    start,
                    "found invalid Unicode character escape code",
                ));
            };
            s.push_char(text, c);
            for _ in 0..code_length {
                self.r.skip();
            }
        }
        Ok(())
    }

    /// `yaml_parser_scan_plain_scalar`.
    pub(crate) fn scan_plain_scalar(&mut self) -> Fallible<Token<'a>> {
        let text = self.r.text;
        let mut s = Text::default();
        let mut leading_break = String::new();
        let mut trailing_breaks = String::new();
        let mut whitespaces = Blanks::default();
        let mut leading_blanks = false;
        let indent = self.indent + 1;
        let start = self.r.mark;
        let mut end = self.r.mark;
        let flow = self.flow_level > 0;
        loop {
            self.r.cache(4)?;
            if self.r.mark.column == 0
                && (self.at_document_indicator(b'-') || self.at_document_indicator(b'.'))
            {
                break;
            }
            if self.r.cur() == b'#' {
                break;
            }
            while !self.r.is_blankz(0) {
                let c = self.r.cur();
                if (c == b':' && self.r.is_blankz(1))
                    || (flow && matches!(c, b',' | b'?' | b'[' | b']' | b'{' | b'}'))
                {
                    break;
                }
                if leading_blanks || !whitespaces.is_empty() {
                    if leading_blanks {
                        fold_breaks(text, &mut s, &mut leading_break, &mut trailing_breaks);
                        leading_blanks = false;
                    } else {
                        whitespaces.flush(text, &mut s);
                    }
                }
                let run = plain_run(self.r.bytes, self.r.pos, self.r.fast_end(), flow);
                if run > 0 {
                    let begin = self.r.pos;
                    self.r.skip_ascii(run);
                    s.push_input(text, begin, self.r.pos);
                } else {
                    self.read_into(&mut s);
                }
                end = self.r.mark;
                self.r.cache(2)?;
            }

            if !(self.r.is_blank(0) || self.r.is_break(0)) {
                break;
            }
            self.r.cache(1)?;
            while self.r.is_blank(0) || self.r.is_break(0) {
                if self.r.is_blank(0) {
                    if leading_blanks
                        && (self.r.mark.column as isize) < indent
                        && self.r.cur() == b'\t'
                    {
                        return Err(self.error(
                            "while scanning a plain scalar",
                            start,
                            "found a tab character that violates indentation",
                        ));
                    }
                    if !leading_blanks {
                        let begin = self.r.pos;
                        self.r.skip();
                        whitespaces.push(begin, self.r.pos);
                    } else {
                        // Indentation: spaces cannot violate it.
                        let spaces = space_run(self.r.bytes, self.r.pos, self.r.fast_end());
                        self.r.skip_ascii(spaces.max(1));
                    }
                } else {
                    self.r.cache(2)?;
                    if !leading_blanks {
                        whitespaces = Blanks::default();
                        self.r.read_line(&mut leading_break);
                        leading_blanks = true;
                    } else {
                        self.r.read_line(&mut trailing_breaks);
                    }
                }
                self.r.cache(1)?;
            }
            if !flow && (self.r.mark.column as isize) < indent {
                break;
            }
        }

        if leading_blanks {
            self.simple_key_allowed = true;
        }
        Ok(Token {
            kind: TokenKind::Scalar {
                value: s.finish(text),
                style: ScalarStyle::Plain,
            },
            start,
            end,
        })
    }
}

/// The length of the run of ordinary characters at `pos` (before
/// `fast_end`) that a plain scalar takes as it is: plain characters, and
/// single spaces between them (go-yaml reads such a space as whitespace and
/// appends it before the next character; a `#` after a space starts a
/// comment instead).
#[inline]
fn plain_run(bytes: &[u8], pos: usize, fast_end: usize, flow: bool) -> usize {
    let mut i = pos;
    while i < fast_end {
        let b = bytes[i];
        if plain_char(b, flow) {
            i += 1;
        } else if b == b' '
            && i + 1 < fast_end
            && bytes[i + 1] != b'#'
            && plain_char(bytes[i + 1], flow)
        {
            i += 2;
        } else {
            break;
        }
    }
    i.saturating_sub(pos)
}

/// The length of the run at `pos` (before `fast_end`) that a quoted scalar
/// takes as it is: anything but blanks, breaks, quotes, backslashes and
/// non-ASCII, with single spaces between such characters.
#[inline]
fn quoted_run(bytes: &[u8], pos: usize, fast_end: usize) -> usize {
    let ordinary =
        |b: u8| !matches!(b, b' ' | b'\t' | b'\r' | b'\n' | b'\'' | b'"' | b'\\') && b < 0x80;
    let mut i = pos;
    while i < fast_end {
        let b = bytes[i];
        if ordinary(b) {
            i += 1;
        } else if b == b' ' && i + 1 < fast_end && ordinary(bytes[i + 1]) {
            i += 2;
        } else {
            break;
        }
    }
    i.saturating_sub(pos)
}

/// The length of the run of spaces at `pos` (before `fast_end`).
#[inline]
fn space_run(bytes: &[u8], pos: usize, fast_end: usize) -> usize {
    bytes
        .get(pos..fast_end)
        .map_or(0, |b| b.iter().take_while(|&&c| c == b' ').count())
}

/// ASCII bytes a plain scalar's run of ordinary characters may contain:
/// no blanks, breaks or NUL, no `:` (which may end it), and in a flow
/// context none of `,?[]{}`.
#[inline(always)]
fn plain_char(b: u8, flow: bool) -> bool {
    PLAIN_CHARS[usize::from(b)] & if flow { FLOW_OK } else { BLOCK_OK } != 0
}

const BLOCK_OK: u8 = 1;
const FLOW_OK: u8 = 2;

static PLAIN_CHARS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0x21;
    while b < 0x7F {
        table[b] = match b as u8 {
            b':' => 0,
            b',' | b'?' | b'[' | b']' | b'{' | b'}' => BLOCK_OK,
            _ => BLOCK_OK | FLOW_OK,
        };
        b += 1;
    }
    table
};

/// Fold the line breaks between two pieces of a flow or plain scalar: a
/// single LF becomes a space, more become the breaks after the first.
fn fold_breaks(text: &str, s: &mut Text, leading_break: &mut String, trailing_breaks: &mut String) {
    if leading_break.starts_with('\n') {
        if trailing_breaks.is_empty() {
            s.push_char(text, ' ');
        } else {
            s.push_str(text, trailing_breaks);
        }
    } else {
        s.push_str(text, leading_break);
        s.push_str(text, trailing_breaks);
    }
    leading_break.clear();
    trailing_breaks.clear();
}
