//! The TOML lexer of BurntSushi/toml v1.6.0 (TOML 1.1 enabled), state for
//! state, because Helm's `fromToml` reports its errors verbatim: which error a
//! malformed document yields, and on which line, depends on the exact order in
//! which the lexer looks at characters and on its lazy, item-at-a-time pace
//! (the parser may fail on an earlier item before the lexer reaches a later
//! lexical error).

use std::collections::VecDeque;

use gotemplate::{Value, gofmt};
use unicode_general_category::{GeneralCategory, get_general_category};

/// What the lexer found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ItemType {
    Error,
    Eof,
    Text,
    String,
    RawString,
    MultilineString,
    RawMultilineString,
    Bool,
    Integer,
    Float,
    Datetime,
    Array,
    ArrayEnd,
    TableStart,
    TableEnd,
    ArrayTableStart,
    ArrayTableEnd,
    KeyStart,
    KeyEnd,
    CommentStart,
    InlineTableStart,
    InlineTableEnd,
}

impl ItemType {
    /// The name Go's `itemType.String` gives (in parser bug messages).
    pub(super) fn name(self) -> &'static str {
        match self {
            ItemType::Error => "Error",
            ItemType::Eof => "EOF",
            ItemType::Text => "Text",
            ItemType::String
            | ItemType::RawString
            | ItemType::MultilineString
            | ItemType::RawMultilineString => "String",
            ItemType::Bool => "Bool",
            ItemType::Integer => "Integer",
            ItemType::Float => "Float",
            ItemType::Datetime => "DateTime",
            ItemType::Array => "Array",
            ItemType::ArrayEnd => "ArrayEnd",
            ItemType::TableStart => "TableStart",
            ItemType::TableEnd => "TableEnd",
            ItemType::ArrayTableStart => "ArrayTableStart",
            ItemType::ArrayTableEnd => "ArrayTableEnd",
            ItemType::KeyStart => "KeyStart",
            ItemType::KeyEnd => "KeyEnd",
            ItemType::CommentStart => "CommentStart",
            ItemType::InlineTableStart => "InlineTableStart",
            ItemType::InlineTableEnd => "InlineTableEnd",
        }
    }
}

/// One lexed item: its type, its source bytes (or the error message) and
/// the line it ends on.
#[derive(Clone, Debug)]
pub(super) struct Item {
    pub typ: ItemType,
    pub val: Vec<u8>,
    pub line: usize,
}

/// The lexer's states (Go's `stateFn`s).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Top,
    TopEnd,
    TableStart,
    TableEnd,
    ArrayTableEnd,
    TableNameStart,
    TableNameEnd,
    BareName,
    QuotedName,
    KeyStart,
    KeyNameStart,
    KeyEnd,
    Value,
    ArrayValue,
    ArrayValueEnd,
    ArrayEnd,
    InlineTableValue,
    InlineTableValueEnd,
    InlineTableEnd,
    String,
    MultilineString,
    RawString,
    MultilineRawString,
    MultilineStringEscape,
    StringEscape,
    HexEscape,
    ShortUnicodeEscape,
    LongUnicodeEscape,
    NumberOrDateStart,
    NumberOrDate,
    Datetime,
    HexInteger,
    OctalInteger,
    BinaryInteger,
    DecimalNumber,
    DecimalNumberStart,
    BaseNumberOrDate,
    Float,
    Bool,
    CommentStart,
    Comment,
}

/// Go's `eof` rune.
const EOF: u32 = 0;
/// `utf8.RuneError`.
const RUNE_ERROR: u32 = 0xFFFD;

pub(super) struct Lexer<'a> {
    input: &'a [u8],
    start: usize,
    pos: usize,
    line: usize,
    state: Option<State>,
    items: VecDeque<Item>,
    prev_widths: [usize; 4],
    nprev: usize,
    at_eof: bool,
    stack: Vec<State>,
    /// Set once an error item is queued: the parser stops at it, so the
    /// lexer only has to stay harmless until then.
    failed: bool,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(input: &'a [u8]) -> Lexer<'a> {
        Lexer {
            input,
            start: 0,
            pos: 0,
            line: 1,
            state: Some(State::Top),
            items: VecDeque::new(),
            prev_widths: [0; 4],
            nprev: 0,
            at_eof: false,
            stack: Vec::new(),
            failed: false,
        }
    }

    /// The next item, running states only until one is available.
    pub(super) fn next_item(&mut self) -> Item {
        loop {
            if let Some(item) = self.items.pop_front() {
                return item;
            }
            match self.state {
                Some(state) => self.state = self.step(state),
                None => {
                    // Go would call a nil state here; the parser never asks
                    // after an EOF or error item, so this is only a guard.
                    return Item {
                        typ: ItemType::Error,
                        val: b"BUG in lexer: no more states".to_vec(),
                        line: self.line,
                    };
                }
            }
        }
    }

    fn push(&mut self, s: State) {
        self.stack.push(s);
    }

    fn pop(&mut self) -> Option<State> {
        match self.stack.pop() {
            Some(s) => Some(s),
            None => self.errorf("BUG in lexer: no states to pop".into()),
        }
    }

    fn current(&self) -> &'a [u8] {
        &self.input[self.start.min(self.pos)..self.pos]
    }

    fn emit(&mut self, typ: ItemType) {
        let val = self.current().to_vec();
        self.items.push_back(Item {
            typ,
            val,
            line: self.line,
        });
        self.start = self.pos;
    }

    fn emit_trim(&mut self, typ: ItemType) {
        let cur = self.current();
        let val = trim_go_space(cur).to_vec();
        self.items.push_back(Item {
            typ,
            val,
            line: self.line,
        });
        self.start = self.pos;
    }

    /// Go's `next`: the next rune, `EOF` at the end; invalid UTF-8 and
    /// control characters queue an error.
    fn next(&mut self) -> u32 {
        if self.failed {
            return RUNE_ERROR;
        }
        if self.at_eof {
            // Go panics ("BUG in lexer: next called after EOF"); no state
            // reaches this, but stay total.
            return EOF;
        }
        if self.pos >= self.input.len() {
            self.at_eof = true;
            return EOF;
        }
        if self.input[self.pos] == b'\n' {
            self.line += 1;
        }
        self.prev_widths[3] = self.prev_widths[2];
        self.prev_widths[2] = self.prev_widths[1];
        self.prev_widths[1] = self.prev_widths[0];
        if self.nprev < 4 {
            self.nprev += 1;
        }
        let (r, w) = decode_rune(&self.input[self.pos..]);
        if r == RUNE_ERROR && w == 1 {
            let b = self.input[self.pos];
            self.error(format!("invalid UTF-8 byte: 0x{b:02x}"));
            return RUNE_ERROR;
        }
        let lone_cr = r == u32::from(b'\r')
            && (self.input.len() - 1 == self.pos || self.input[self.pos + 1] != b'\n');
        if is_control(r) || lone_cr {
            self.error_at_current(format!(
                "TOML files cannot contain control characters: '0x{r:02x}'"
            ));
            return RUNE_ERROR;
        }
        self.prev_widths[0] = w;
        self.pos += w;
        r
    }

    fn ignore(&mut self) {
        self.start = self.pos;
    }

    fn backup(&mut self) {
        if self.failed {
            return;
        }
        if self.at_eof {
            self.at_eof = false;
            return;
        }
        if self.nprev < 1 {
            return;
        }
        let w = self.prev_widths[0];
        self.prev_widths[0] = self.prev_widths[1];
        self.prev_widths[1] = self.prev_widths[2];
        self.prev_widths[2] = self.prev_widths[3];
        self.nprev -= 1;
        self.pos = self.pos.saturating_sub(w);
        if self.pos < self.input.len() && self.input[self.pos] == b'\n' {
            self.line -= 1;
        }
    }

    fn accept(&mut self, valid: u32) -> bool {
        if self.next() == valid {
            return true;
        }
        self.backup();
        false
    }

    fn peek(&mut self) -> u32 {
        let r = self.next();
        self.backup();
        r
    }

    fn skip(&mut self, pred: fn(u32) -> bool) {
        loop {
            let r = self.next();
            if pred(r) && !self.failed {
                continue;
            }
            self.backup();
            self.ignore();
            return;
        }
    }

    /// The line of an error at the end of the input: one right after a final
    /// newline belongs to the line that newline ends.
    fn eof_line(&self) -> usize {
        if self.pos >= 1 && self.input.get(self.pos - 1) == Some(&b'\n') {
            self.line - 1
        } else {
            self.line
        }
    }

    fn push_error(&mut self, message: String, line: usize) -> Option<State> {
        self.items.push_back(Item {
            typ: ItemType::Error,
            val: message.into_bytes(),
            line,
        });
        self.failed = true;
        None
    }

    fn error(&mut self, message: String) -> Option<State> {
        if self.at_eof {
            return self.error_prev_line(message);
        }
        let line = self.line;
        self.push_error(message, line)
    }

    /// An error reported on the line before the one just entered (Go
    /// decrements the line unconditionally, so a CR gets line - 1 too).
    fn error_prev_line(&mut self, message: String) -> Option<State> {
        let line = self.line.saturating_sub(1);
        self.push_error(message, line)
    }

    fn error_at_current(&mut self, message: String) -> Option<State> {
        let line = self.line;
        self.push_error(message, line)
    }

    fn errorf(&mut self, message: String) -> Option<State> {
        if self.at_eof {
            let line = self.eof_line();
            return self.push_error(message, line);
        }
        let line = self.line;
        self.push_error(message, line)
    }

    /// Runs one state; returns the next.
    fn step(&mut self, state: State) -> Option<State> {
        use State as S;
        match state {
            S::Top => self.lex_top(),
            S::TopEnd => self.lex_top_end(),
            S::TableStart => self.lex_table_start(),
            S::TableEnd => {
                self.emit(ItemType::TableEnd);
                Some(S::TopEnd)
            }
            S::ArrayTableEnd => {
                let r = self.next();
                if r != u32::from(b']') {
                    return self.errorf(format!(
                        "expected end of table array name delimiter ']', but got {} instead",
                        quote_rune(r)
                    ));
                }
                self.emit(ItemType::ArrayTableEnd);
                Some(S::TopEnd)
            }
            S::TableNameStart => self.lex_table_name_start(),
            S::TableNameEnd => self.lex_table_name_end(),
            S::BareName => {
                let r = self.next();
                if is_bare_key_char(r) {
                    return Some(S::BareName);
                }
                self.backup();
                self.emit(ItemType::Text);
                self.pop()
            }
            S::QuotedName => self.lex_quoted_name(),
            S::KeyStart => self.lex_key_start(),
            S::KeyNameStart => self.lex_key_name_start(),
            S::KeyEnd => self.lex_key_end(),
            S::Value => self.lex_value(),
            S::ArrayValue => self.lex_array_value(),
            S::ArrayValueEnd => self.lex_array_value_end(),
            S::ArrayEnd => {
                self.ignore();
                self.emit(ItemType::ArrayEnd);
                self.pop()
            }
            S::InlineTableValue => self.lex_inline_table_value(),
            S::InlineTableValueEnd => self.lex_inline_table_value_end(),
            S::InlineTableEnd => {
                self.ignore();
                self.emit(ItemType::InlineTableEnd);
                self.pop()
            }
            S::String => self.lex_string(),
            S::MultilineString => self.lex_multiline_string(),
            S::RawString => self.lex_raw_string(),
            S::MultilineRawString => self.lex_multiline_raw_string(),
            S::MultilineStringEscape => {
                if is_nl(self.next()) {
                    return Some(S::MultilineString);
                }
                self.backup();
                self.push(S::MultilineString);
                self.lex_string_escape()
            }
            S::StringEscape => self.lex_string_escape(),
            S::HexEscape => self.lex_hex_digits(2, "two", 'x'),
            S::ShortUnicodeEscape => self.lex_hex_digits(4, "four", 'u'),
            S::LongUnicodeEscape => self.lex_hex_digits(8, "eight", 'U'),
            S::NumberOrDateStart => {
                let r = self.next();
                if r == u32::from(b'0') {
                    return Some(S::BaseNumberOrDate);
                }
                if !is_digit(r) {
                    return self.errorf(format!("expected a digit but got {}", quote_rune(r)));
                }
                Some(S::NumberOrDate)
            }
            S::NumberOrDate => {
                let r = self.next();
                if is_digit(r) {
                    return Some(S::NumberOrDate);
                }
                match char::from_u32(r) {
                    Some('-' | ':') => Some(S::Datetime),
                    Some('_') => Some(S::DecimalNumber),
                    Some('.' | 'e' | 'E') => Some(S::Float),
                    _ => {
                        self.backup();
                        self.emit(ItemType::Integer);
                        self.pop()
                    }
                }
            }
            S::Datetime => {
                let r = self.next();
                if is_digit(r) {
                    return Some(S::Datetime);
                }
                if let Some('-' | ':' | 'T' | 't' | ' ' | '.' | 'Z' | 'z' | '+') = char::from_u32(r)
                {
                    return Some(S::Datetime);
                }
                self.backup();
                self.emit_trim(ItemType::Datetime);
                self.pop()
            }
            S::HexInteger => self.lex_prefixed_integer(S::HexInteger, is_hex),
            S::OctalInteger => self.lex_prefixed_integer(S::OctalInteger, is_octal),
            S::BinaryInteger => self.lex_prefixed_integer(S::BinaryInteger, is_binary),
            S::DecimalNumber => {
                let r = self.next();
                if is_digit(r) {
                    return Some(S::DecimalNumber);
                }
                match char::from_u32(r) {
                    Some('.' | 'e' | 'E') => Some(S::Float),
                    Some('_') => Some(S::DecimalNumber),
                    _ => {
                        self.backup();
                        self.emit(ItemType::Integer);
                        self.pop()
                    }
                }
            }
            S::DecimalNumberStart => self.lex_decimal_number_start(),
            S::BaseNumberOrDate => self.lex_base_number_or_date(),
            S::Float => {
                let r = self.next();
                if is_digit(r) {
                    return Some(S::Float);
                }
                if let Some('_' | '.' | '-' | '+' | 'e' | 'E') = char::from_u32(r) {
                    return Some(S::Float);
                }
                self.backup();
                self.emit(ItemType::Float);
                self.pop()
            }
            S::Bool => self.lex_bool(),
            S::CommentStart => {
                self.ignore();
                self.emit(ItemType::CommentStart);
                Some(S::Comment)
            }
            S::Comment => {
                let r = self.next();
                if is_nl(r) || r == EOF {
                    self.backup();
                    self.emit(ItemType::Text);
                    return self.pop();
                }
                Some(S::Comment)
            }
        }
    }

    fn skip_to(&mut self, next: State) -> Option<State> {
        self.ignore();
        Some(next)
    }

    fn lex_top(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) || is_nl(r) {
            return self.skip_to(State::Top);
        }
        match r {
            0x23 => {
                // '#'
                self.push(State::Top);
                return Some(State::CommentStart);
            }
            0x5b => return Some(State::TableStart), // '['
            EOF => {
                if self.pos > self.start {
                    return self.errorf("unexpected EOF".into());
                }
                self.emit(ItemType::Eof);
                return None;
            }
            _ => {}
        }
        self.backup();
        self.push(State::TopEnd);
        Some(State::KeyStart)
    }

    fn lex_top_end(&mut self) -> Option<State> {
        let r = self.next();
        if r == u32::from(b'#') {
            self.push(State::Top);
            return Some(State::CommentStart);
        }
        if is_whitespace(r) {
            return Some(State::TopEnd);
        }
        if is_nl(r) {
            self.ignore();
            return Some(State::Top);
        }
        if r == EOF {
            self.emit(ItemType::Eof);
            return None;
        }
        self.errorf(format!(
            "expected a top-level item to end with a newline, comment, or EOF, but got {} instead",
            quote_rune(r)
        ))
    }

    fn lex_table_start(&mut self) -> Option<State> {
        if self.peek() == u32::from(b'[') {
            self.next();
            self.emit(ItemType::ArrayTableStart);
            self.push(State::ArrayTableEnd);
        } else {
            self.emit(ItemType::TableStart);
            self.push(State::TableEnd);
        }
        Some(State::TableNameStart)
    }

    fn lex_table_name_start(&mut self) -> Option<State> {
        self.skip(is_whitespace);
        let r = self.peek();
        if r == u32::from(b']') || r == EOF {
            return self
                .errorf("unexpected end of table name (table names cannot be empty)".into());
        }
        if r == u32::from(b'.') {
            return self.errorf("unexpected table separator (table names cannot be empty)".into());
        }
        if r == u32::from(b'"') || r == u32::from(b'\'') {
            self.ignore();
            self.push(State::TableNameEnd);
            return Some(State::QuotedName);
        }
        self.push(State::TableNameEnd);
        Some(State::BareName)
    }

    fn lex_table_name_end(&mut self) -> Option<State> {
        self.skip(is_whitespace);
        let r = self.next();
        if is_whitespace(r) {
            return Some(State::TableNameEnd);
        }
        if r == u32::from(b'.') {
            self.ignore();
            return Some(State::TableNameStart);
        }
        if r == u32::from(b']') {
            return self.pop();
        }
        self.errorf(format!(
            "expected '.' or ']' to end table name, but got {} instead",
            quote_rune(r)
        ))
    }

    fn lex_quoted_name(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) {
            return self.skip_to(State::Value);
        }
        if r == u32::from(b'"') {
            self.ignore();
            return Some(State::String);
        }
        if r == u32::from(b'\'') {
            self.ignore();
            return Some(State::RawString);
        }
        if r == EOF {
            return self.errorf("unexpected EOF; expected value".into());
        }
        self.errorf(format!(
            "expected value but found {} instead",
            quote_rune(r)
        ))
    }

    fn lex_key_start(&mut self) -> Option<State> {
        self.skip(is_whitespace);
        let r = self.peek();
        if r == u32::from(b'=') || r == EOF {
            return self.errorf("unexpected '=': key name appears blank".into());
        }
        if r == u32::from(b'.') {
            return self.errorf("unexpected '.': keys cannot start with a '.'".into());
        }
        if r == u32::from(b'"') || r == u32::from(b'\'') {
            self.ignore();
        }
        self.emit(ItemType::KeyStart);
        Some(State::KeyNameStart)
    }

    fn lex_key_name_start(&mut self) -> Option<State> {
        self.skip(is_whitespace);
        let r = self.peek();
        if r == u32::from(b'=') || r == EOF {
            return self.errorf("unexpected '='".into());
        }
        if r == u32::from(b'.') {
            return self.errorf("unexpected '.'".into());
        }
        if r == u32::from(b'"') || r == u32::from(b'\'') {
            self.ignore();
            self.push(State::KeyEnd);
            return Some(State::QuotedName);
        }
        self.push(State::KeyEnd);
        Some(State::BareName)
    }

    fn lex_key_end(&mut self) -> Option<State> {
        self.skip(is_whitespace);
        let r = self.next();
        if is_whitespace(r) {
            return self.skip_to(State::KeyEnd);
        }
        if r == EOF {
            return self.errorf("unexpected EOF; expected key separator '='".into());
        }
        if r == u32::from(b'\n') {
            return self.error_prev_line("expected '.' or '=', but got '\\n' instead".into());
        }
        if r == u32::from(b'.') {
            self.ignore();
            return Some(State::KeyNameStart);
        }
        if r == u32::from(b'=') {
            self.emit(ItemType::KeyEnd);
            return self.skip_to(State::Value);
        }
        self.errorf(format!(
            "expected '.' or '=', but got {} instead",
            quote_rune(r)
        ))
    }

    fn lex_value(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) {
            return self.skip_to(State::Value);
        }
        if is_digit(r) {
            self.backup();
            return Some(State::NumberOrDateStart);
        }
        match char::from_u32(r) {
            Some('[') => {
                self.ignore();
                self.emit(ItemType::Array);
                return Some(State::ArrayValue);
            }
            Some('{') => {
                self.ignore();
                self.emit(ItemType::InlineTableStart);
                return Some(State::InlineTableValue);
            }
            Some('"') => {
                if self.accept(u32::from(b'"')) {
                    if self.accept(u32::from(b'"')) {
                        self.ignore();
                        return Some(State::MultilineString);
                    }
                    self.backup();
                }
                self.ignore();
                return Some(State::String);
            }
            Some('\'') => {
                if self.accept(u32::from(b'\'')) {
                    if self.accept(u32::from(b'\'')) {
                        self.ignore();
                        return Some(State::MultilineRawString);
                    }
                    self.backup();
                }
                self.ignore();
                return Some(State::RawString);
            }
            Some('.') => {
                return self.errorf("floats must start with a digit, not '.'".into());
            }
            Some('i' | 'n') if self.accept_inf_or_nan_tail() => {
                self.emit(ItemType::Float);
                return self.pop();
            }
            Some('-' | '+') => return Some(State::DecimalNumberStart),
            _ => {}
        }
        if is_letter(r) {
            self.backup();
            return Some(State::Bool);
        }
        if r == EOF {
            return self.errorf("unexpected EOF; expected value".into());
        }
        if r == u32::from(b'\n') {
            return self.error_prev_line("expected value but found '\\n' instead".into());
        }
        self.errorf(format!(
            "expected value but found {} instead",
            quote_rune(r)
        ))
    }

    /// After an `i` or `n`: Go's `(accept('n') && accept('f')) || (accept('a')
    /// && accept('n'))`, consuming what it accepts even when it fails.
    fn accept_inf_or_nan_tail(&mut self) -> bool {
        (self.accept(u32::from(b'n')) && self.accept(u32::from(b'f')))
            || (self.accept(u32::from(b'a')) && self.accept(u32::from(b'n')))
    }

    fn lex_array_value(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) || is_nl(r) {
            return self.skip_to(State::ArrayValue);
        }
        if r == u32::from(b'#') {
            self.push(State::ArrayValue);
            return Some(State::CommentStart);
        }
        if r == u32::from(b',') {
            return self.errorf("unexpected comma".into());
        }
        if r == u32::from(b']') {
            return Some(State::ArrayEnd);
        }
        self.backup();
        self.push(State::ArrayValueEnd);
        Some(State::Value)
    }

    fn lex_array_value_end(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) || is_nl(r) {
            return self.skip_to(State::ArrayValueEnd);
        }
        if r == u32::from(b'#') {
            self.push(State::ArrayValueEnd);
            return Some(State::CommentStart);
        }
        if r == u32::from(b',') {
            self.ignore();
            return Some(State::ArrayValue);
        }
        if r == u32::from(b']') {
            return Some(State::ArrayEnd);
        }
        self.errorf(format!(
            "expected a comma (',') or array terminator (']'), but got {}",
            rune_or_eof(r)
        ))
    }

    fn lex_inline_table_value(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) || is_nl(r) {
            return self.skip_to(State::InlineTableValue);
        }
        if r == u32::from(b'#') {
            self.push(State::InlineTableValue);
            return Some(State::CommentStart);
        }
        if r == u32::from(b',') {
            return self.errorf("unexpected comma".into());
        }
        if r == u32::from(b'}') {
            return Some(State::InlineTableEnd);
        }
        self.backup();
        self.push(State::InlineTableValueEnd);
        Some(State::KeyStart)
    }

    fn lex_inline_table_value_end(&mut self) -> Option<State> {
        let r = self.next();
        if is_whitespace(r) || is_nl(r) {
            return self.skip_to(State::InlineTableValueEnd);
        }
        if r == u32::from(b'#') {
            self.push(State::InlineTableValueEnd);
            return Some(State::CommentStart);
        }
        if r == u32::from(b',') {
            self.ignore();
            self.skip(is_whitespace);
            if self.peek() == u32::from(b'}') {
                // TOML 1.1 allows a trailing comma.
                return Some(State::InlineTableValueEnd);
            }
            return Some(State::InlineTableValue);
        }
        if r == u32::from(b'}') {
            return Some(State::InlineTableEnd);
        }
        self.errorf(format!(
            "expected a comma or an inline table terminator '}}', but got {} instead",
            rune_or_eof(r)
        ))
    }

    fn lex_string(&mut self) -> Option<State> {
        let r = self.next();
        if r == EOF {
            return self.errorf("unexpected EOF; expected '\"'".into());
        }
        if is_nl(r) {
            return self.error_prev_line("strings cannot contain newlines".into());
        }
        if r == u32::from(b'\\') {
            self.push(State::String);
            return Some(State::StringEscape);
        }
        if r == u32::from(b'"') {
            self.backup();
            self.emit(ItemType::String);
            self.next();
            self.ignore();
            return self.pop();
        }
        Some(State::String)
    }

    fn lex_multiline_string(&mut self) -> Option<State> {
        let r = self.next();
        if r == EOF {
            return self.errorf("unexpected EOF; expected '\"\"\"'".into());
        }
        if r == u32::from(b'\\') {
            return Some(State::MultilineStringEscape);
        }
        if r == u32::from(b'"') {
            if self.accept(u32::from(b'"')) {
                if self.accept(u32::from(b'"')) {
                    if self.peek() == u32::from(b'"') {
                        // Up to two extra quotes may close the string; a
                        // sixth one (not after an escaped quote) is an error.
                        let cur = self.current();
                        if cur.ends_with(b"\"\"\"\"\"") && !cur.ends_with(b"\\\"\"\"\"\"") {
                            return self.errorf("unexpected '\"\"\"\"\"\"'".into());
                        }
                        self.backup();
                        self.backup();
                        return Some(State::MultilineString);
                    }
                    self.backup();
                    self.backup();
                    self.backup();
                    self.emit(ItemType::MultilineString);
                    self.next();
                    self.next();
                    self.next();
                    self.ignore();
                    return self.pop();
                }
                self.backup();
            }
            return Some(State::MultilineString);
        }
        Some(State::MultilineString)
    }

    fn lex_raw_string(&mut self) -> Option<State> {
        let r = self.next();
        if r == EOF {
            return self.errorf("unexpected EOF; expected \"'\"".into());
        }
        if is_nl(r) {
            return self.error_prev_line("strings cannot contain newlines".into());
        }
        if r == u32::from(b'\'') {
            self.backup();
            self.emit(ItemType::RawString);
            self.next();
            self.ignore();
            return self.pop();
        }
        Some(State::RawString)
    }

    fn lex_multiline_raw_string(&mut self) -> Option<State> {
        let r = self.next();
        if r == EOF {
            return self.errorf("unexpected EOF; expected \"'''\"".into());
        }
        if r == u32::from(b'\'') {
            if self.accept(u32::from(b'\'')) {
                if self.accept(u32::from(b'\'')) {
                    if self.peek() == u32::from(b'\'') {
                        if self.current().ends_with(b"'''''") {
                            return self.errorf("unexpected \"''''''\"".into());
                        }
                        self.backup();
                        self.backup();
                        return Some(State::MultilineRawString);
                    }
                    self.backup();
                    self.backup();
                    self.backup();
                    self.emit(ItemType::RawMultilineString);
                    self.next();
                    self.next();
                    self.next();
                    self.ignore();
                    return self.pop();
                }
                self.backup();
            }
            return Some(State::MultilineRawString);
        }
        Some(State::MultilineRawString)
    }

    fn lex_string_escape(&mut self) -> Option<State> {
        let r = self.next();
        match char::from_u32(r) {
            Some('e' | 'b' | 't' | 'n' | 'f' | 'r' | '"' | ' ' | '\t' | '\\') => self.pop(),
            Some('x') => Some(State::HexEscape),
            Some('u') => Some(State::ShortUnicodeEscape),
            Some('U') => Some(State::LongUnicodeEscape),
            _ => {
                let c = gofmt::sprintf("%c", &[Value::Int(i64::from(r))]);
                self.error(format!("invalid escape in string '\\{c}'"))
            }
        }
    }

    fn lex_hex_digits(&mut self, n: usize, count: &str, escape: char) -> Option<State> {
        for _ in 0..n {
            let r = self.next();
            if !is_hex(r) {
                let cur = gotemplate::gostr::from_go_bytes(self.current()).into_owned();
                return self.errorf(format!(
                    "expected {count} hexadecimal digits after '\\{escape}', but got {} instead",
                    gotemplate::strconv::quote(&cur)
                ));
            }
        }
        self.pop()
    }

    fn lex_prefixed_integer(&mut self, again: State, digit: fn(u32) -> bool) -> Option<State> {
        let r = self.next();
        if digit(r) || r == u32::from(b'_') {
            return Some(again);
        }
        self.backup();
        self.emit(ItemType::Integer);
        self.pop()
    }

    fn lex_decimal_number_start(&mut self) -> Option<State> {
        let r = self.next();
        match char::from_u32(r) {
            Some('i') => {
                if !self.accept(u32::from(b'n')) || !self.accept(u32::from(b'f')) {
                    let cur = String::from_utf8_lossy(self.current()).into_owned();
                    return self.errorf(format!("invalid float: '{cur}'"));
                }
                self.emit(ItemType::Float);
                return self.pop();
            }
            Some('n') => {
                if !self.accept(u32::from(b'a')) || !self.accept(u32::from(b'n')) {
                    let cur = String::from_utf8_lossy(self.current()).into_owned();
                    return self.errorf(format!("invalid float: '{cur}'"));
                }
                self.emit(ItemType::Float);
                return self.pop();
            }
            Some('0') => {
                let p = self.peek();
                if let Some('b' | 'o' | 'x') = char::from_u32(p) {
                    let cur = String::from_utf8_lossy(self.current()).into_owned();
                    let c = gofmt::sprintf("%c", &[Value::Int(i64::from(p))]);
                    return self.errorf(format!(
                        "cannot use sign with non-decimal numbers: '{cur}{c}'"
                    ));
                }
            }
            Some('.') => {
                return self.errorf("floats must start with a digit, not '.'".into());
            }
            _ => {}
        }
        if is_digit(r) {
            return Some(State::DecimalNumber);
        }
        self.errorf(format!("expected a digit but got {}", quote_rune(r)))
    }

    fn lex_base_number_or_date(&mut self) -> Option<State> {
        let r = self.next();
        if is_digit(r) {
            return Some(State::NumberOrDate);
        }
        let (check, what, next): (fn(u32) -> bool, &str, State) = match char::from_u32(r) {
            Some('_') => return Some(State::DecimalNumber),
            Some('.' | 'e' | 'E') => return Some(State::Float),
            Some('b') => (is_binary, "a binary", State::BinaryInteger),
            Some('o') => (is_octal, "an octal", State::OctalInteger),
            Some('x') => (is_hex, "a hexadecimal", State::HexInteger),
            _ => {
                self.backup();
                self.emit(ItemType::Integer);
                return self.pop();
            }
        };
        let p = self.peek();
        if !check(p) {
            // Go discards errorf's result here: the error is queued and
            // lexing goes on, so the parser sees the error next.
            let cur = String::from_utf8_lossy(self.current()).into_owned();
            let c = gofmt::sprintf("%c", &[Value::Int(i64::from(p))]);
            self.errorf(format!("not {what} number: '{cur}{c}'"));
        }
        Some(next)
    }

    fn lex_bool(&mut self) -> Option<State> {
        let mut word = String::new();
        loop {
            let r = self.next();
            if !is_letter(r) || self.failed {
                self.backup();
                break;
            }
            word.push(char::from_u32(r).unwrap_or('\u{FFFD}'));
        }
        if word == "true" || word == "false" {
            self.emit(ItemType::Bool);
            return self.pop();
        }
        self.errorf(format!(
            "expected value but found {} instead",
            gotemplate::strconv::quote(&word)
        ))
    }
}

/// Go's `utf8.DecodeRuneInString`: invalid input is `RuneError` of width 1.
fn decode_rune(b: &[u8]) -> (u32, usize) {
    let len = match b[0] {
        0x00..=0x7f => return (u32::from(b[0]), 1),
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => return (RUNE_ERROR, 1),
    };
    match b.get(..len).and_then(|s| std::str::from_utf8(s).ok()) {
        Some(s) => (s.chars().next().map_or(RUNE_ERROR, u32::from), len),
        None => (RUNE_ERROR, 1),
    }
}

/// `strings.TrimSpace` on bytes (the lexer's datetimes are ASCII).
fn trim_go_space(b: &[u8]) -> &[u8] {
    let is_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let start = b.iter().position(|c| !is_space(c)).unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !is_space(c))
        .map_or(start, |i| i + 1);
    &b[start..end]
}

/// Go's `%q` of a rune.
fn quote_rune(r: u32) -> String {
    gofmt::sprintf("%q", &[Value::Int(i64::from(r))])
}

fn rune_or_eof(r: u32) -> String {
    if r == EOF {
        return "end of file".into();
    }
    format!("'{}'", char::from_u32(r).unwrap_or('\u{FFFD}'))
}

fn is_whitespace(r: u32) -> bool {
    r == u32::from(b'\t') || r == u32::from(b' ')
}

fn is_nl(r: u32) -> bool {
    r == u32::from(b'\n') || r == u32::from(b'\r')
}

/// Control characters other than tab, CR and LF.
fn is_control(r: u32) -> bool {
    match r {
        0x09 | 0x0d | 0x0a => false,
        _ => r <= 0x1f || r == 0x7f,
    }
}

fn is_digit(r: u32) -> bool {
    (u32::from(b'0')..=u32::from(b'9')).contains(&r)
}

fn is_binary(r: u32) -> bool {
    r == u32::from(b'0') || r == u32::from(b'1')
}

fn is_octal(r: u32) -> bool {
    (u32::from(b'0')..=u32::from(b'7')).contains(&r)
}

pub(super) fn is_hex(r: u32) -> bool {
    is_digit(r) || (u32::from(b'a')..=u32::from(b'f')).contains(&(r | 0x20))
}

/// TOML's bare key characters (ASCII only; TOML 1.1 dropped the Unicode
/// ranges before release).
pub(super) fn is_bare_key_char(r: u32) -> bool {
    matches!(
        char::from_u32(r),
        Some('A'..='Z' | 'a'..='z' | '0'..='9' | '_' | '-')
    )
}

/// Go's `unicode.IsLetter`: general category L.
fn is_letter(r: u32) -> bool {
    let Some(c) = char::from_u32(r) else {
        return false;
    };
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        get_general_category(c),
        GeneralCategory::UppercaseLetter
            | GeneralCategory::LowercaseLetter
            | GeneralCategory::TitlecaseLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::OtherLetter
    )
}
