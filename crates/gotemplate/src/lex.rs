//! The lexer: a state machine over the template text, as in Go's
//! `text/template/parse/lex.go`. It runs to completion up front and hands the
//! parser a token vector; error tokens end the stream.

use std::borrow::Cow;
use std::fmt;

use crate::unicode_tables::{DIGITS, LETTERS};

/// Byte offset into the template text. Parse trees store many of these, so
/// they are 32 bits: template texts are limited to 4 GiB.
pub type Pos = u32;

/// The kind of a token, Go's `itemType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// A lexing error; the value is the message and the stream ends here.
    Error,
    /// `true` or `false`.
    Bool,
    /// Any other printable ASCII character inside an action (e.g. `,`).
    Char,
    /// A character constant, `'a'`.
    CharConstant,
    /// `/* ... */`, emitted only with [`LexOptions::emit_comment`].
    Comment,
    /// A complex constant with a real part, `1+2i`.
    Complex,
    /// `=`
    Assign,
    /// `:=`
    Declare,
    /// End of input.
    Eof,
    /// `.Name`
    Field,
    /// A bare word that is not a keyword: a function name.
    Identifier,
    /// `{{` (a trim marker after it is consumed but not part of the token).
    LeftDelim,
    /// `(`
    LeftParen,
    /// A number constant (imaginary ones such as `1i` included).
    Number,
    /// `|`
    Pipe,
    /// A back-quoted string.
    RawString,
    /// `}}` (a trim marker before it is consumed but not part of the token).
    RightDelim,
    /// `)`
    RightParen,
    /// Space between tokens inside an action.
    Space,
    /// A double-quoted string, quotes and escapes as written.
    String,
    /// Text outside actions.
    Text,
    /// `$` or `$name`.
    Variable,
    // Keywords (Go's `item > itemKeyword`).
    /// `block`
    Block,
    /// `break` (a keyword only where [`LexOptions::break_ok`]).
    Break,
    /// `continue` (a keyword only where [`LexOptions::continue_ok`]).
    Continue,
    /// `.` on its own.
    Dot,
    /// `define`
    Define,
    /// `else`
    Else,
    /// `end`
    End,
    /// `if`
    If,
    /// `nil`
    Nil,
    /// `range`
    Range,
    /// `template`
    Template,
    /// `with`
    With,
}

impl TokenKind {
    fn is_keyword(self) -> bool {
        matches!(
            self,
            TokenKind::Block
                | TokenKind::Break
                | TokenKind::Continue
                | TokenKind::Dot
                | TokenKind::Define
                | TokenKind::Else
                | TokenKind::End
                | TokenKind::If
                | TokenKind::Nil
                | TokenKind::Range
                | TokenKind::Template
                | TokenKind::With
        )
    }

    fn keyword(word: &str) -> Option<TokenKind> {
        Some(match word {
            "." => TokenKind::Dot,
            "block" => TokenKind::Block,
            "break" => TokenKind::Break,
            "continue" => TokenKind::Continue,
            "define" => TokenKind::Define,
            "else" => TokenKind::Else,
            "end" => TokenKind::End,
            "if" => TokenKind::If,
            "range" => TokenKind::Range,
            "nil" => TokenKind::Nil,
            "template" => TokenKind::Template,
            "with" => TokenKind::With,
            _ => return None,
        })
    }
}

/// A lexed token: a slice of the input, or for errors the message.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    /// What the token is.
    pub kind: TokenKind,
    /// Byte offset of the token's start.
    pub pos: usize,
    /// The token's text, borrowed from the input (owned for error messages).
    pub val: Cow<'a, str>,
    /// 1-based line the token starts on.
    pub line: usize,
}

impl fmt::Display for Token<'_> {
    /// Go's `item.String`, used in parse error messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            TokenKind::Eof => f.write_str("EOF"),
            TokenKind::Error => f.write_str(&self.val),
            k if k.is_keyword() => write!(f, "<{}>", self.val),
            _ if self.val.chars().count() > 10 => {
                let head: String = self.val.chars().take(10).collect();
                write!(f, "{}...", crate::strconv::quote(&head))
            }
            _ => f.write_str(&crate::strconv::quote(&self.val)),
        }
    }
}

/// The lexer's own token: 16 bytes, its text found by position in the input
/// (the parser reads hundreds of thousands of these per chart).
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawToken {
    /// What the token is.
    pub kind: TokenKind,
    /// Byte offset of the token's start.
    pub pos: Pos,
    /// Byte length of the token's text (0 for errors).
    pub len: u32,
    /// 1-based line the token starts on.
    pub line: u32,
}

impl RawToken {
    /// Byte offset of the token's start.
    pub fn start(self) -> usize {
        self.pos as usize
    }

    /// Byte offset just past the token's text.
    pub fn end(self) -> usize {
        self.pos as usize + self.len as usize
    }
}

/// The output of [`lex_raw`]: the tokens, and the message of the final
/// `Error` token if there is one.
pub(crate) struct Lexed {
    pub tokens: Vec<RawToken>,
    pub error: String,
}

/// Positions and lines are stored as `u32`; longer input is refused.
pub(crate) const MAX_INPUT: usize = u32::MAX as usize - 1;

/// Lexer options.
#[derive(Clone, Copy, Debug)]
pub struct LexOptions {
    /// Emit comment tokens (the parser keeps comments only in a special mode).
    pub emit_comment: bool,
    /// `break` is a keyword (false when a function named `break` exists).
    pub break_ok: bool,
    /// `continue` is a keyword.
    pub continue_ok: bool,
}

const LEFT_DELIM: &str = "{{";
const RIGHT_DELIM: &str = "}}";
const LEFT_COMMENT: &str = "/*";
const RIGHT_COMMENT: &str = "*/";
/// A trim marker plus the space before or after it.
const TRIM_MARKER_LEN: usize = 2;

/// The number of newlines in `s` (a byte count the compiler vectorizes).
pub(crate) fn count_newlines(s: &str) -> usize {
    s.bytes().filter(|&b| b == b'\n').count()
}

/// The offset of the first `{{` in `s`.
fn find_left_delim(s: &str) -> Option<usize> {
    let mut from = 0;
    // `find` on a char uses memchr; most braces in templates open a delimiter.
    while let Some(i) = s[from..].find('{') {
        let at = from + i;
        if s.as_bytes().get(at + 1) == Some(&b'{') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

fn is_space(c: Option<char>) -> bool {
    matches!(c, Some(' ' | '\t' | '\r' | '\n'))
}

/// Go's `isAlphaNumeric`: `_`, a letter (`unicode.IsLetter`) or a digit
/// (`unicode.IsDigit`).
fn is_alphanumeric(c: Option<char>) -> bool {
    match c {
        Some(c) if c.is_ascii() => c == '_' || c.is_ascii_alphanumeric(),
        Some(c) => in_table(LETTERS, c) || in_table(DIGITS, c),
        None => false,
    }
}

fn in_table(table: &[(u32, u32)], c: char) -> bool {
    let c = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn has_left_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b[0] == b'-' && matches!(b[1], b' ' | b'\t' | b'\r' | b'\n')
}

fn has_right_trim_marker(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && matches!(b[0], b' ' | b'\t' | b'\r' | b'\n') && b[1] == b'-'
}

fn right_trim_length(s: &str) -> usize {
    s.len() - s.trim_end_matches([' ', '\t', '\r', '\n']).len()
}

fn left_trim_length(s: &str) -> usize {
    s.len() - s.trim_start_matches([' ', '\t', '\r', '\n']).len()
}

#[derive(Clone, Copy)]
enum State {
    Text,
    LeftDelim,
    Comment,
    RightDelim,
    InsideAction,
    Space,
    Identifier,
    Field,
    Variable,
    Char,
    Number,
    Quote,
    RawQuote,
    Done,
}

struct Lexer<'a> {
    input: &'a str,
    opts: LexOptions,
    pos: usize,
    start: usize,
    /// Width of the last rune read, for `backup`.
    width: usize,
    line: usize,
    start_line: usize,
    paren_depth: usize,
    inside_action: bool,
    tokens: Vec<RawToken>,
    error: String,
}

/// Lexes the whole input. The last token is `Eof` or `Error`.
pub fn lex(input: &str, opts: LexOptions) -> Vec<Token<'_>> {
    let lexed = lex_raw(input, opts);
    lexed
        .tokens
        .iter()
        .map(|t| Token {
            kind: t.kind,
            pos: t.start(),
            val: if t.kind == TokenKind::Error {
                Cow::Owned(lexed.error.clone())
            } else {
                Cow::Borrowed(&input[t.start()..t.end()])
            },
            line: t.line as usize,
        })
        .collect()
}

/// Lexes the whole input into compact tokens. The last token is `Eof` or
/// `Error`.
pub(crate) fn lex_raw(input: &str, opts: LexOptions) -> Lexed {
    if input.len() > MAX_INPUT {
        return Lexed {
            tokens: vec![RawToken {
                kind: TokenKind::Error,
                pos: 0,
                len: 0,
                line: 1,
            }],
            error: format!("template text too large ({} bytes)", input.len()),
        };
    }
    let mut l = Lexer {
        input,
        opts,
        pos: 0,
        start: 0,
        width: 0,
        line: 1,
        start_line: 1,
        paren_depth: 0,
        inside_action: false,
        // Chart templates run about one token per 6 bytes.
        tokens: Vec::with_capacity(input.len() / 6 + 4),
        error: String::new(),
    };
    let mut state = State::Text;
    loop {
        state = match state {
            State::Text => l.lex_text(),
            State::LeftDelim => l.lex_left_delim(),
            State::Comment => l.lex_comment(),
            State::RightDelim => l.lex_right_delim(),
            State::InsideAction => l.lex_inside_action(),
            State::Space => l.lex_space(),
            State::Identifier => l.lex_identifier(),
            State::Field => l.lex_field_or_variable(TokenKind::Field),
            State::Variable => l.lex_variable(),
            State::Char => l.lex_char(),
            State::Number => l.lex_number(),
            State::Quote => l.lex_quote(),
            State::RawQuote => l.lex_raw_quote(),
            State::Done => break,
        };
    }
    Lexed {
        tokens: l.tokens,
        error: l.error,
    }
}

impl<'a> Lexer<'a> {
    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self.input.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => {
                self.width = 1;
                self.pos += 1;
                if b == b'\n' {
                    self.line += 1;
                }
                Some(b as char)
            }
            Some(_) => {
                let c = self.rest().chars().next()?;
                self.width = c.len_utf8();
                self.pos += self.width;
                Some(c)
            }
            None => {
                self.width = 0;
                None
            }
        }
    }

    #[inline]
    fn peek(&self) -> Option<char> {
        match self.input.as_bytes().get(self.pos) {
            Some(&b) if b.is_ascii() => Some(b as char),
            Some(_) => self.rest().chars().next(),
            None => None,
        }
    }

    /// Steps back one rune; only once per `next`.
    fn backup(&mut self) {
        if self.width > 0 {
            self.pos -= self.width;
            if self.input.as_bytes()[self.pos] == b'\n' {
                self.line -= 1;
            }
        }
    }

    /// Skips a run of ASCII identifier bytes (`_`, letters, digits) without
    /// the rune-at-a-time bookkeeping; they hold no newline.
    fn skip_ascii_word(&mut self) {
        let bytes = self.input.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if b == b'_' || b.is_ascii_alphanumeric() {
                self.pos += 1;
            } else {
                break;
            }
        }
    }

    fn raw_token(&self, kind: TokenKind, start: usize, end: usize, line: usize) -> RawToken {
        // The input is at most `MAX_INPUT` bytes, so offsets and lines fit.
        RawToken {
            kind,
            pos: start as u32,
            len: (end - start) as u32,
            line: line as u32,
        }
    }

    fn this_token(&mut self, kind: TokenKind) -> RawToken {
        let t = self.raw_token(kind, self.start, self.pos, self.start_line);
        self.start = self.pos;
        self.start_line = self.line;
        t
    }

    fn emit(&mut self, kind: TokenKind) -> State {
        let t = self.this_token(kind);
        self.tokens.push(t);
        if kind == TokenKind::Eof {
            State::Done
        } else {
            self.after_emit()
        }
    }

    /// The state after an emitted token: text outside actions, action otherwise.
    fn after_emit(&self) -> State {
        if self.inside_action {
            State::InsideAction
        } else {
            State::Text
        }
    }

    fn ignore(&mut self) {
        self.line += count_newlines(&self.input[self.start..self.pos]);
        self.start = self.pos;
        self.start_line = self.line;
    }

    fn accept(&mut self, valid: &str) -> bool {
        if let Some(c) = self.next() {
            if valid.contains(c) {
                return true;
            }
            self.backup();
        }
        false
    }

    fn accept_run(&mut self, valid: &str) {
        while let Some(c) = self.next() {
            if !valid.contains(c) {
                self.backup();
                return;
            }
        }
    }

    fn errorf(&mut self, msg: String) -> State {
        let t = self.raw_token(TokenKind::Error, self.start, self.start, self.start_line);
        self.tokens.push(t);
        self.error = msg;
        State::Done
    }

    fn at_right_delim(&self) -> (bool, bool) {
        let rest = self.rest();
        if has_right_trim_marker(rest) && rest[TRIM_MARKER_LEN..].starts_with(RIGHT_DELIM) {
            return (true, true);
        }
        (rest.starts_with(RIGHT_DELIM), false)
    }

    fn at_terminator(&self) -> bool {
        let r = self.peek();
        if is_space(r) {
            return true;
        }
        match r {
            None | Some('.' | ',' | '|' | ':' | ')' | '(') => true,
            _ => self.rest().starts_with(RIGHT_DELIM),
        }
    }

    fn lex_text(&mut self) -> State {
        if let Some(x) = find_left_delim(self.rest()) {
            if x > 0 {
                self.pos += x;
                let delim_end = self.pos + LEFT_DELIM.len();
                let trim = if has_left_trim_marker(&self.input[delim_end..]) {
                    right_trim_length(&self.input[self.start..self.pos])
                } else {
                    0
                };
                self.pos -= trim;
                self.line += count_newlines(&self.input[self.start..self.pos]);
                let t = self.this_token(TokenKind::Text);
                self.pos += trim;
                self.ignore();
                if t.len > 0 {
                    self.tokens.push(t);
                }
            }
            return State::LeftDelim;
        }
        self.pos = self.input.len();
        if self.pos > self.start {
            self.line += count_newlines(&self.input[self.start..self.pos]);
            self.emit(TokenKind::Text);
        }
        self.emit(TokenKind::Eof)
    }

    fn lex_left_delim(&mut self) -> State {
        self.pos += LEFT_DELIM.len();
        let trim = has_left_trim_marker(self.rest());
        let after_marker = if trim { TRIM_MARKER_LEN } else { 0 };
        if self.input[self.pos + after_marker..].starts_with(LEFT_COMMENT) {
            self.pos += after_marker;
            self.ignore();
            return State::Comment;
        }
        let t = self.this_token(TokenKind::LeftDelim);
        self.tokens.push(t);
        self.inside_action = true;
        self.pos += after_marker;
        self.ignore();
        self.paren_depth = 0;
        State::InsideAction
    }

    fn lex_comment(&mut self) -> State {
        self.pos += LEFT_COMMENT.len();
        let Some(x) = self.rest().find(RIGHT_COMMENT) else {
            return self.errorf("unclosed comment".into());
        };
        // Count the comment's newlines as the lexer passes over them.
        let end = self.pos + x + RIGHT_COMMENT.len();
        self.line += count_newlines(&self.input[self.pos..end]);
        self.pos = end;
        let (delim, trim) = self.at_right_delim();
        if !delim {
            return self.errorf("comment ends before closing delimiter".into());
        }
        // `this_token` would recount lines; build the token by hand.
        let t = self.raw_token(TokenKind::Comment, self.start, self.pos, self.start_line);
        if trim {
            self.pos += TRIM_MARKER_LEN;
        }
        self.pos += RIGHT_DELIM.len();
        if trim {
            self.pos += left_trim_length(self.rest());
        }
        // Lines of the comment were counted above; count only what follows.
        let counted_to = t.end();
        self.line += count_newlines(&self.input[counted_to..self.pos]);
        self.start = self.pos;
        self.start_line = self.line;
        if self.opts.emit_comment {
            self.tokens.push(t);
        }
        State::Text
    }

    fn lex_right_delim(&mut self) -> State {
        let (_, trim) = self.at_right_delim();
        if trim {
            self.pos += TRIM_MARKER_LEN;
            self.ignore();
        }
        self.pos += RIGHT_DELIM.len();
        let t = self.this_token(TokenKind::RightDelim);
        self.tokens.push(t);
        if trim {
            self.pos += left_trim_length(self.rest());
            self.ignore();
        }
        self.inside_action = false;
        State::Text
    }

    fn lex_inside_action(&mut self) -> State {
        let (delim, _) = self.at_right_delim();
        if delim {
            if self.paren_depth == 0 {
                return State::RightDelim;
            }
            return self.errorf("unclosed left paren".into());
        }
        let r = self.next();
        match r {
            None => self.errorf("unclosed action".into()),
            Some(c) if is_space(Some(c)) => {
                self.backup();
                State::Space
            }
            Some('=') => self.emit(TokenKind::Assign),
            Some(':') => {
                if self.next() != Some('=') {
                    return self.errorf("expected :=".into());
                }
                self.emit(TokenKind::Declare)
            }
            Some('|') => self.emit(TokenKind::Pipe),
            Some('"') => State::Quote,
            Some('`') => State::RawQuote,
            Some('$') => State::Variable,
            Some('\'') => State::Char,
            Some('.') => {
                // Special look-ahead for ".field" so we don't break l.backup().
                if let Some(c) = self.peek()
                    && !c.is_ascii_digit()
                {
                    return State::Field;
                }
                self.backup();
                State::Number
            }
            Some('+' | '-' | '0'..='9') => {
                self.backup();
                State::Number
            }
            Some(c) if is_alphanumeric(Some(c)) => {
                self.backup();
                State::Identifier
            }
            Some('(') => {
                self.paren_depth += 1;
                self.emit(TokenKind::LeftParen)
            }
            Some(')') => {
                if self.paren_depth == 0 {
                    return self.errorf("unexpected right paren".into());
                }
                self.paren_depth -= 1;
                self.emit(TokenKind::RightParen)
            }
            Some(c) if c.is_ascii() && !c.is_ascii_control() => self.emit(TokenKind::Char),
            Some(c) => self.errorf(format!(
                "unrecognized character in action: {}",
                go_sharp_u(c)
            )),
        }
    }

    fn lex_space(&mut self) -> State {
        let mut num_spaces = 0;
        while is_space(self.peek()) {
            self.next();
            num_spaces += 1;
        }
        // A trim-marked closing delimiter has a minus after a space; leave it
        // for the right-delimiter state.
        if has_right_trim_marker(&self.input[self.pos - 1..])
            && self.input[self.pos - 1 + TRIM_MARKER_LEN..].starts_with(RIGHT_DELIM)
        {
            self.backup();
            if num_spaces == 1 {
                return State::InsideAction;
            }
        }
        self.emit(TokenKind::Space)
    }

    fn lex_identifier(&mut self) -> State {
        self.skip_ascii_word();
        loop {
            let r = self.next();
            if is_alphanumeric(r) {
                continue;
            }
            self.backup();
            let word = &self.input[self.start..self.pos];
            if !self.at_terminator() {
                return self.errorf(format!("bad character {}", go_sharp_u_opt(r)));
            }
            let kind = match TokenKind::keyword(word) {
                Some(TokenKind::Break) if !self.opts.break_ok => TokenKind::Identifier,
                Some(TokenKind::Continue) if !self.opts.continue_ok => TokenKind::Identifier,
                Some(k) => k,
                None if word.starts_with('.') => TokenKind::Field,
                None if word == "true" || word == "false" => TokenKind::Bool,
                None => TokenKind::Identifier,
            };
            return self.emit(kind);
        }
    }

    fn lex_variable(&mut self) -> State {
        if self.at_terminator() {
            return self.emit(TokenKind::Variable);
        }
        self.lex_field_or_variable(TokenKind::Variable)
    }

    fn lex_field_or_variable(&mut self, kind: TokenKind) -> State {
        if self.at_terminator() {
            return self.emit(if kind == TokenKind::Variable {
                TokenKind::Variable
            } else {
                TokenKind::Dot
            });
        }
        self.skip_ascii_word();
        let mut r;
        loop {
            r = self.next();
            if !is_alphanumeric(r) {
                self.backup();
                break;
            }
        }
        if !self.at_terminator() {
            return self.errorf(format!("bad character {}", go_sharp_u_opt(r)));
        }
        self.emit(kind)
    }

    fn lex_char(&mut self) -> State {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    None | Some('\n') => {
                        return self.errorf("unterminated character constant".into());
                    }
                    Some(_) => {}
                },
                None | Some('\n') => return self.errorf("unterminated character constant".into()),
                Some('\'') => break,
                Some(_) => {}
            }
        }
        self.emit(TokenKind::CharConstant)
    }

    fn lex_number(&mut self) -> State {
        if !self.scan_number() {
            let text = self.input[self.start..self.pos].to_string();
            return self.errorf(format!(
                "bad number syntax: {}",
                crate::strconv::quote(&text)
            ));
        }
        if let Some('+' | '-') = self.peek() {
            // Complex: 1+2i. No spaces, must end in 'i'.
            if !self.scan_number() || !self.input[..self.pos].ends_with('i') {
                let text = self.input[self.start..self.pos].to_string();
                return self.errorf(format!(
                    "bad number syntax: {}",
                    crate::strconv::quote(&text)
                ));
            }
            return self.emit(TokenKind::Complex);
        }
        self.emit(TokenKind::Number)
    }

    fn scan_number(&mut self) -> bool {
        self.accept("+-");
        let mut digits = "0123456789_";
        if self.accept("0") {
            // A leading 0 does not mean octal in floats.
            if self.accept("xX") {
                digits = "0123456789abcdefABCDEF_";
            } else if self.accept("oO") {
                digits = "01234567_";
            } else if self.accept("bB") {
                digits = "01_";
            }
        }
        self.accept_run(digits);
        if self.accept(".") {
            self.accept_run(digits);
        }
        if digits.len() == 11 && self.accept("eE") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        if digits.len() == 23 && self.accept("pP") {
            self.accept("+-");
            self.accept_run("0123456789_");
        }
        // Is it imaginary?
        self.accept("i");
        // The next thing mustn't be alphanumeric.
        if is_alphanumeric(self.peek()) {
            self.next();
            return false;
        }
        true
    }

    fn lex_quote(&mut self) -> State {
        loop {
            match self.next() {
                Some('\\') => match self.next() {
                    None | Some('\n') => return self.errorf("unterminated quoted string".into()),
                    Some(_) => {}
                },
                None | Some('\n') => return self.errorf("unterminated quoted string".into()),
                Some('"') => break,
                Some(_) => {}
            }
        }
        self.emit(TokenKind::String)
    }

    fn lex_raw_quote(&mut self) -> State {
        loop {
            match self.next() {
                None => return self.errorf("unterminated raw quoted string".into()),
                Some('`') => break,
                Some(_) => {}
            }
        }
        self.emit(TokenKind::RawString)
    }
}

/// Go's `%#U`: `U+0041 'A'`.
fn go_sharp_u(c: char) -> String {
    if crate::error::is_go_printable(c) {
        format!("U+{:04X} '{}'", c as u32, c)
    } else {
        format!("U+{:04X}", c as u32)
    }
}

fn go_sharp_u_opt(c: Option<char>) -> String {
    match c {
        Some(c) => go_sharp_u(c),
        // Go's eof rune is -1.
        None => "U+FFFFFFFFFFFFFFFF".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<(TokenKind, String)> {
        let opts = LexOptions {
            emit_comment: false,
            break_ok: true,
            continue_ok: true,
        };
        lex(src, opts)
            .into_iter()
            .map(|t| (t.kind, t.val.into_owned()))
            .collect()
    }

    #[test]
    fn lexes_actions_and_trim_markers() {
        use TokenKind::*;
        let got = kinds("a  {{- .X.y | f 1 -}}  b");
        let want: Vec<(TokenKind, &str)> = vec![
            (Text, "a"),
            (LeftDelim, "{{"),
            (Field, ".X"),
            (Field, ".y"),
            (Space, " "),
            (Pipe, "|"),
            (Space, " "),
            (Identifier, "f"),
            (Space, " "),
            (Number, "1"),
            (RightDelim, "}}"),
            (Text, "b"),
            (Eof, ""),
        ];
        let got: Vec<(TokenKind, &str)> = got.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn lexes_comments_and_errors() {
        use TokenKind::*;
        assert_eq!(
            kinds("x {{- /* c */ -}} y"),
            vec![(Text, "x".into()), (Text, "y".into()), (Eof, "".into())]
        );
        assert_eq!(
            kinds("{{ \"abc }}").last().unwrap().1,
            "unterminated quoted string"
        );
        assert_eq!(
            kinds("{{ 3k }}").last().unwrap().1,
            "bad number syntax: \"3k\""
        );
        assert_eq!(kinds("{{ .x").last().unwrap().1, "unclosed action");
    }

    #[test]
    fn token_display_matches_go() {
        let t = Token {
            kind: TokenKind::Text,
            pos: 0,
            val: Cow::Borrowed("0123456789abc"),
            line: 1,
        };
        assert_eq!(t.to_string(), "\"0123456789\"...");
    }
}
