//! go-yaml v2's scanner (`scannerc.go`): characters → tokens.
//!
//! The structure follows go-yaml's closely, because its observable quirks
//! live in the details: when tokens are fetched ahead (which decides
//! whether a scanner error or a parser error is reported), how simple keys
//! are tracked (by token number, in a map whose stale entries matter), and
//! where the reader is asked for more input (which decides when its
//! errors surface). Scalars, anchors, tags and directives are scanned in
//! `scan_scalar.rs` and `scan_props.rs`.

use std::collections::VecDeque;

use crate::error::{Error, Fallible};
use crate::mark::Mark;
use crate::reader::Reader;
use crate::token::{Token, TokenKind};

/// go-yaml's `yaml_max_flow_level`.
const MAX_FLOW_LEVEL: usize = 10_000;
/// go-yaml's `max_indents`.
const MAX_INDENTS: usize = 10_000;

/// A place where a simple key (one without `?`) may start.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct SimpleKey {
    possible: bool,
    /// The key starts a block mapping line: it must be followed by `:`.
    required: bool,
    /// The number the key's token has (counted over the whole stream).
    token_number: usize,
    mark: Mark,
}

/// go-yaml's `simple_keys_by_tok` map: token number → index in the
/// simple key stack. Its stale entries are observable (a key the map still
/// names makes the scanner fetch ahead), so it is kept like go-yaml keeps
/// it; entries for tokens already handed out can never be looked up again
/// and are dropped, which keeps it to a handful of entries.
#[derive(Default)]
struct KeysByToken(Vec<(usize, usize)>);

impl KeysByToken {
    fn get(&self, token_number: usize) -> Option<usize> {
        self.0
            .iter()
            .rev()
            .find(|(t, _)| *t == token_number)
            .map(|&(_, at)| at)
    }

    fn insert(&mut self, token_number: usize, at: usize, tokens_parsed: usize) {
        self.0
            .retain(|&(t, _)| t >= tokens_parsed && t != token_number);
        self.0.push((token_number, at));
    }

    fn remove(&mut self, token_number: usize) {
        if let Some(i) = self.0.iter().rposition(|(t, _)| *t == token_number) {
            self.0.swap_remove(i);
        }
    }
}

/// The YAML scanner: yields go-yaml v2's tokens for a string.
///
/// After the first error every call returns that error again.
pub struct Scanner<'a> {
    pub(crate) r: Reader<'a>,
    tokens: VecDeque<Token<'a>>,
    /// Tokens handed out so far.
    tokens_parsed: usize,
    /// The head token may be handed out (no simple key may still precede it).
    token_available: bool,
    stream_start_produced: bool,
    stream_end_produced: bool,
    pub(crate) flow_level: usize,
    /// The current block indentation column (-1 outside any block).
    pub(crate) indent: isize,
    indents: Vec<isize>,
    pub(crate) simple_key_allowed: bool,
    /// One per flow level (plus the block level).
    simple_keys: Vec<SimpleKey>,
    simple_keys_by_tok: KeysByToken,
    failed: Option<Box<Error>>,
}

impl<'a> Scanner<'a> {
    /// A scanner over `input`. A BOM at its start is skipped.
    pub fn new(input: &'a str) -> Scanner<'a> {
        Scanner {
            r: Reader::new(input),
            tokens: VecDeque::new(),
            tokens_parsed: 0,
            token_available: false,
            stream_start_produced: false,
            stream_end_produced: false,
            flow_level: 0,
            indent: -1,
            indents: Vec::new(),
            simple_key_allowed: false,
            simple_keys: Vec::new(),
            simple_keys_by_tok: KeysByToken::default(),
            failed: None,
        }
    }

    /// The next token, scanning ahead as far as go-yaml does: until no
    /// simple key can still turn out to precede the head token.
    pub fn peek_token(&mut self) -> Result<&Token<'a>, Error> {
        self.peek().map_err(|e| *e)
    }

    pub(crate) fn peek(&mut self) -> Fallible<&Token<'a>> {
        if !self.token_available {
            if let Some(e) = &self.failed {
                return Err(e.clone());
            }
            if let Err(e) = self.fetch_more_tokens() {
                self.failed = Some(e.clone());
                return Err(e);
            }
        }
        // A fetch that succeeded left at least one token queued.
        self.tokens
            .front()
            .ok_or_else(|| Error::scanner("", Mark::default(), "no token", self.r.mark))
    }

    /// Takes the token `peek_token` returned.
    pub(crate) fn take_token(&mut self) -> Option<Token<'a>> {
        let token = self.tokens.pop_front()?;
        self.token_available = false;
        self.tokens_parsed += 1;
        self.stream_end_produced = token.kind == TokenKind::StreamEnd;
        Some(token)
    }

    /// Whether the stream end token has been handed out.
    pub fn stream_end_produced(&self) -> bool {
        self.stream_end_produced
    }

    /// The next token; `None` once the stream end has been handed out.
    pub fn next_token(&mut self) -> Result<Option<Token<'a>>, Error> {
        if self.stream_end_produced {
            return Ok(None);
        }
        self.peek_token()?;
        Ok(self.take_token())
    }

    /// The input position the scanner has reached.
    pub fn mark(&self) -> Mark {
        self.r.mark
    }

    pub(crate) fn error(
        &self,
        context: &'static str,
        context_mark: Mark,
        problem: &'static str,
    ) -> Box<Error> {
        Error::scanner(context, context_mark, problem, self.r.mark)
    }

    fn fetch_more_tokens(&mut self) -> Fallible<()> {
        loop {
            if !self.tokens.is_empty() {
                // Fetch on while a simple key may still start at the head.
                let Some(at) = self.simple_keys_by_tok.get(self.tokens_parsed) else {
                    break;
                };
                if !self.simple_key_is_valid(at)? {
                    break;
                }
            }
            self.fetch_next_token()?;
        }
        self.token_available = true;
        Ok(())
    }

    /// `yaml_simple_key_is_valid`: a key is stale once the scanner has left
    /// its line or gone 1024 characters past it.
    fn simple_key_is_valid(&mut self, at: usize) -> Fallible<bool> {
        let mark = self.r.mark;
        // go-yaml would index out of range on a stale entry; treat it as none.
        let Some(key) = self.simple_keys.get_mut(at) else {
            return Ok(false);
        };
        if !key.possible {
            return Ok(false);
        }
        if key.mark.line < mark.line || key.mark.index + 1024 < mark.index {
            if key.required {
                return Err(Error::scanner(
                    "while scanning a simple key",
                    key.mark,
                    "could not find expected ':'",
                    mark,
                ));
            }
            key.possible = false;
            return Ok(false);
        }
        Ok(true)
    }

    fn fetch_next_token(&mut self) -> Fallible<()> {
        self.r.cache(1)?;
        if !self.stream_start_produced {
            self.fetch_stream_start();
            return Ok(());
        }
        self.scan_to_next_token()?;
        self.unroll_indent(self.r.mark.column as isize);
        self.r.cache(4)?;
        let c = self.r.cur();
        if c == 0 {
            return self.fetch_stream_end();
        }
        let column0 = self.r.mark.column == 0;
        if column0 && c == b'%' {
            return self.fetch_directive();
        }
        if column0 && self.at_document_indicator(b'-') {
            return self.fetch_document_indicator(TokenKind::DocumentStart);
        }
        if column0 && self.at_document_indicator(b'.') {
            return self.fetch_document_indicator(TokenKind::DocumentEnd);
        }
        match c {
            b'[' => return self.fetch_flow_collection_start(TokenKind::FlowSequenceStart),
            b'{' => return self.fetch_flow_collection_start(TokenKind::FlowMappingStart),
            b']' => return self.fetch_flow_collection_end(TokenKind::FlowSequenceEnd),
            b'}' => return self.fetch_flow_collection_end(TokenKind::FlowMappingEnd),
            b',' => return self.fetch_flow_entry(),
            b'-' if self.r.is_blankz(1) => return self.fetch_block_entry(),
            b'?' if self.flow_level > 0 || self.r.is_blankz(1) => return self.fetch_key(),
            b':' if self.flow_level > 0 || self.r.is_blankz(1) => return self.fetch_value(),
            b'*' => return self.fetch_anchor(true),
            b'&' => return self.fetch_anchor(false),
            b'!' => return self.fetch_tag(),
            b'|' if self.flow_level == 0 => return self.fetch_block_scalar(true),
            b'>' if self.flow_level == 0 => return self.fetch_block_scalar(false),
            b'\'' => return self.fetch_flow_scalar(true),
            b'"' => return self.fetch_flow_scalar(false),
            _ => {}
        }
        let indicator = self.r.is_blankz(0)
            || matches!(
                c,
                b'-' | b'?'
                    | b':'
                    | b','
                    | b'['
                    | b']'
                    | b'{'
                    | b'}'
                    | b'#'
                    | b'&'
                    | b'*'
                    | b'!'
                    | b'|'
                    | b'>'
                    | b'\''
                    | b'"'
                    | b'%'
                    | b'@'
                    | b'`'
            );
        if !indicator
            || (c == b'-' && !self.r.is_blank(1))
            || (self.flow_level == 0 && matches!(c, b'?' | b':') && !self.r.is_blankz(1))
        {
            return self.fetch_plain_scalar();
        }
        Err(self.error(
            "while scanning for the next token",
            self.r.mark,
            "found character that cannot start any token",
        ))
    }

    /// `---` or `...` followed by a blank or the end (the caller checks
    /// the column).
    pub(crate) fn at_document_indicator(&self, c: u8) -> bool {
        self.r.cur() == c && self.r.at(1) == c && self.r.at(2) == c && self.r.is_blankz(3)
    }

    /// `yaml_parser_save_simple_key`.
    pub(crate) fn save_simple_key(&mut self) -> Fallible<()> {
        let required = self.flow_level == 0 && self.indent == self.r.mark.column as isize;
        if self.simple_key_allowed {
            let key = SimpleKey {
                possible: true,
                required,
                token_number: self.tokens_parsed + self.tokens.len(),
                mark: self.r.mark,
            };
            self.remove_simple_key()?;
            let top = self.simple_keys.len() - 1;
            self.simple_keys[top] = key;
            self.simple_keys_by_tok
                .insert(key.token_number, top, self.tokens_parsed);
        }
        Ok(())
    }

    /// `yaml_parser_remove_simple_key`: the current level's key can no
    /// longer be one (an error if it had to be).
    pub(crate) fn remove_simple_key(&mut self) -> Fallible<()> {
        let top = self.simple_keys.len() - 1;
        let key = &mut self.simple_keys[top];
        if key.possible {
            if key.required {
                return Err(Error::scanner(
                    "while scanning a simple key",
                    key.mark,
                    "could not find expected ':'",
                    self.r.mark,
                ));
            }
            key.possible = false;
            let number = key.token_number;
            self.simple_keys_by_tok.remove(number);
        }
        Ok(())
    }

    fn increase_flow_level(&mut self) -> Fallible<()> {
        self.simple_keys.push(SimpleKey {
            possible: false,
            required: false,
            token_number: self.tokens_parsed + self.tokens.len(),
            mark: self.r.mark,
        });
        self.flow_level += 1;
        if self.flow_level > MAX_FLOW_LEVEL {
            let mark = self.simple_keys[self.simple_keys.len() - 1].mark;
            return Err(Error::scanner(
                "while increasing flow level",
                mark,
                format!("exceeded max depth of {MAX_FLOW_LEVEL}"),
                self.r.mark,
            ));
        }
        Ok(())
    }

    fn decrease_flow_level(&mut self) {
        if self.flow_level > 0 {
            self.flow_level -= 1;
            if let Some(key) = self.simple_keys.pop() {
                self.simple_keys_by_tok.remove(key.token_number);
            }
        }
    }

    /// Queue `token` at `pos` tokens after the head (go-yaml appends when
    /// the position is negative, i.e. the place was already handed out).
    fn insert_token(&mut self, pos: isize, token: Token<'a>) {
        match usize::try_from(pos) {
            Ok(at) if at < self.tokens.len() => self.tokens.insert(at, token),
            _ => self.tokens.push_back(token),
        }
    }

    pub(crate) fn push_token(&mut self, kind: TokenKind<'a>, start: Mark, end: Mark) {
        self.tokens.push_back(Token { kind, start, end });
    }

    /// `yaml_parser_roll_indent`: open a block collection at `column`,
    /// its start token going to token number `number` (or the end).
    fn roll_indent(
        &mut self,
        column: isize,
        number: Option<usize>,
        kind: TokenKind<'a>,
        mark: Mark,
    ) -> Fallible<()> {
        if self.flow_level > 0 {
            return Ok(());
        }
        if self.indent < column {
            self.indents.push(self.indent);
            self.indent = column;
            if self.indents.len() > MAX_INDENTS {
                let context_mark = self.simple_keys[self.simple_keys.len() - 1].mark;
                return Err(Error::scanner(
                    "while increasing indent level",
                    context_mark,
                    format!("exceeded max depth of {MAX_INDENTS}"),
                    self.r.mark,
                ));
            }
            let token = Token {
                kind,
                start: mark,
                end: mark,
            };
            match number {
                Some(n) => self.insert_token(n as isize - self.tokens_parsed as isize, token),
                None => self.tokens.push_back(token),
            }
        }
        Ok(())
    }

    /// `yaml_parser_unroll_indent`: close the block collections indented
    /// deeper than `column`.
    fn unroll_indent(&mut self, column: isize) {
        if self.flow_level > 0 {
            return;
        }
        while self.indent > column {
            let mark = self.r.mark;
            self.push_token(TokenKind::BlockEnd, mark, mark);
            self.indent = self.indents.pop().unwrap_or(-1);
        }
    }

    fn fetch_stream_start(&mut self) {
        self.indent = -1;
        self.simple_keys.push(SimpleKey::default());
        self.simple_keys_by_tok = KeysByToken::default();
        self.simple_key_allowed = true;
        self.stream_start_produced = true;
        let mark = self.r.mark;
        self.push_token(TokenKind::StreamStart, mark, mark);
    }

    fn fetch_stream_end(&mut self) -> Fallible<()> {
        // Force a new line.
        if self.r.mark.column != 0 {
            self.r.mark.column = 0;
            self.r.mark.line += 1;
        }
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let mark = self.r.mark;
        self.push_token(TokenKind::StreamEnd, mark, mark);
        Ok(())
    }

    fn fetch_directive(&mut self) -> Fallible<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_directive()?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_document_indicator(&mut self, kind: TokenKind<'a>) -> Fallible<()> {
        self.unroll_indent(-1);
        self.remove_simple_key()?;
        self.simple_key_allowed = false;
        let start = self.r.mark;
        self.r.skip();
        self.r.skip();
        self.r.skip();
        let end = self.r.mark;
        self.push_token(kind, start, end);
        Ok(())
    }

    /// Consume the one-character indicator at the current position as a
    /// token of `kind`.
    fn push_indicator(&mut self, kind: TokenKind<'a>) {
        let start = self.r.mark;
        self.r.skip();
        let end = self.r.mark;
        self.push_token(kind, start, end);
    }

    fn fetch_flow_collection_start(&mut self, kind: TokenKind<'a>) -> Fallible<()> {
        self.save_simple_key()?;
        self.increase_flow_level()?;
        self.simple_key_allowed = true;
        self.push_indicator(kind);
        Ok(())
    }

    fn fetch_flow_collection_end(&mut self, kind: TokenKind<'a>) -> Fallible<()> {
        self.remove_simple_key()?;
        self.decrease_flow_level();
        self.simple_key_allowed = false;
        self.push_indicator(kind);
        Ok(())
    }

    fn fetch_flow_entry(&mut self) -> Fallible<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.push_indicator(TokenKind::FlowEntry);
        Ok(())
    }

    fn fetch_block_entry(&mut self) -> Fallible<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return Err(self.error(
                    "",
                    self.r.mark,
                    "block sequence entries are not allowed in this context",
                ));
            }
            let mark = self.r.mark;
            self.roll_indent(
                mark.column as isize,
                None,
                TokenKind::BlockSequenceStart,
                mark,
            )?;
        }
        // In a flow context the parser reports the misplaced `-`.
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        self.push_indicator(TokenKind::BlockEntry);
        Ok(())
    }

    fn fetch_key(&mut self) -> Fallible<()> {
        if self.flow_level == 0 {
            if !self.simple_key_allowed {
                return Err(self.error(
                    "",
                    self.r.mark,
                    "mapping keys are not allowed in this context",
                ));
            }
            let mark = self.r.mark;
            self.roll_indent(
                mark.column as isize,
                None,
                TokenKind::BlockMappingStart,
                mark,
            )?;
        }
        self.remove_simple_key()?;
        self.simple_key_allowed = self.flow_level == 0;
        self.push_indicator(TokenKind::Key);
        Ok(())
    }

    fn fetch_value(&mut self) -> Fallible<()> {
        let top = self.simple_keys.len() - 1;
        if self.simple_key_is_valid(top)? {
            // The simple key turns out to be one: its KEY token (and a
            // block mapping start) go back to where it began.
            let key = self.simple_keys[top];
            let token = Token {
                kind: TokenKind::Key,
                start: key.mark,
                end: key.mark,
            };
            self.insert_token(
                key.token_number as isize - self.tokens_parsed as isize,
                token,
            );
            self.roll_indent(
                key.mark.column as isize,
                Some(key.token_number),
                TokenKind::BlockMappingStart,
                key.mark,
            )?;
            self.simple_keys[top].possible = false;
            self.simple_keys_by_tok.remove(key.token_number);
            self.simple_key_allowed = false;
        } else {
            // The ':' follows a complex key (or none).
            if self.flow_level == 0 {
                if !self.simple_key_allowed {
                    return Err(self.error(
                        "",
                        self.r.mark,
                        "mapping values are not allowed in this context",
                    ));
                }
                let mark = self.r.mark;
                self.roll_indent(
                    mark.column as isize,
                    None,
                    TokenKind::BlockMappingStart,
                    mark,
                )?;
            }
            self.simple_key_allowed = self.flow_level == 0;
        }
        self.push_indicator(TokenKind::Value);
        Ok(())
    }

    fn fetch_anchor(&mut self, alias: bool) -> Fallible<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_anchor(alias)?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_tag(&mut self) -> Fallible<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_tag()?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_block_scalar(&mut self, literal: bool) -> Fallible<()> {
        self.remove_simple_key()?;
        self.simple_key_allowed = true;
        let token = self.scan_block_scalar(literal)?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_flow_scalar(&mut self, single: bool) -> Fallible<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_flow_scalar(single)?;
        self.tokens.push_back(token);
        Ok(())
    }

    fn fetch_plain_scalar(&mut self) -> Fallible<()> {
        self.save_simple_key()?;
        self.simple_key_allowed = false;
        let token = self.scan_plain_scalar()?;
        self.tokens.push_back(token);
        Ok(())
    }

    /// `yaml_parser_scan_to_next_token`: skip blanks, comments and line
    /// breaks (tabs only where they cannot be indentation).
    fn scan_to_next_token(&mut self) -> Fallible<()> {
        loop {
            self.r.cache(1)?;
            if self.r.mark.column == 0 && self.r.buffer_starts_with_bom() {
                // go-yaml checks for a BOM at the buffer's start but skips
                // whatever character is current.
                self.r.skip();
            }
            self.r.cache(1)?;
            loop {
                let c = self.r.cur();
                let tab_ok = self.flow_level > 0 || !self.simple_key_allowed;
                if !(c == b' ' || (tab_ok && c == b'\t')) {
                    break;
                }
                let fast_end = self.r.fast_end();
                if self.r.pos < fast_end {
                    let run = self.r.bytes[self.r.pos..fast_end]
                        .iter()
                        .take_while(|&&b| b == b' ' || (tab_ok && b == b'\t'))
                        .count();
                    self.r.skip_ascii(run);
                } else {
                    self.r.skip();
                }
                self.r.cache(1)?;
            }
            if self.r.cur() == b'#' {
                self.skip_comment()?;
            }
            if self.r.is_break(0) {
                self.r.cache(2)?;
                self.r.skip_line();
                if self.flow_level == 0 {
                    self.simple_key_allowed = true;
                }
            } else {
                return Ok(());
            }
        }
    }

    /// Skip to the line break (or end) that ends a comment.
    pub(crate) fn skip_comment(&mut self) -> Fallible<()> {
        while !self.r.is_breakz(0) {
            let fast_end = self.r.fast_end();
            if self.r.pos < fast_end {
                let run = self.r.bytes[self.r.pos..fast_end]
                    .iter()
                    .position(|&b| matches!(b, b'\r' | b'\n' | 0xC2 | 0xE2))
                    .unwrap_or(fast_end - self.r.pos);
                let end = self.r.boundary_before(self.r.pos + run);
                if end > self.r.pos {
                    self.r.skip_to(end);
                } else {
                    self.r.skip();
                }
            } else {
                self.r.skip();
            }
            self.r.cache(1)?;
        }
        Ok(())
    }
}

impl<'a> Iterator for Scanner<'a> {
    type Item = Result<Token<'a>, Error>;

    /// Tokens up to the stream end, or up to and including the first error.
    fn next(&mut self) -> Option<Self::Item> {
        if self.stream_end_produced {
            return None;
        }
        if self.failed.is_some() {
            return None;
        }
        match self.next_token() {
            Ok(token) => token.map(Ok),
            Err(e) => Some(Err(e)),
        }
    }
}
