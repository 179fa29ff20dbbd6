//! Scanning directives, anchors, aliases and tags.

use std::borrow::Cow;

use crate::error::{Error, Fallible};
use crate::mark::Mark;
use crate::scanner::Scanner;
use crate::text::Text;
use crate::token::{Token, TokenKind};

/// Letters, digits, `_` and `-` (go-yaml's `is_alpha`).
#[inline(always)]
pub(crate) fn is_alpha(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// Characters go-yaml reads as part of a tag URI (`%` starts an escape).
fn is_uri_char(b: u8) -> bool {
    is_alpha(b) || b";/?:@&=+$,.!~*'()[]%".contains(&b)
}

fn hex_value(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

impl<'a> Scanner<'a> {
    /// `yaml_parser_scan_directive`: `%YAML 1.1` or `%TAG ! prefix`, up to
    /// and including the line break.
    pub(crate) fn scan_directive(&mut self) -> Fallible<Token<'a>> {
        let start = self.r.mark;
        self.r.skip();
        let name = self.scan_directive_name(start)?;
        let kind = match name {
            "YAML" => {
                let (major, minor) = self.scan_version_directive_value(start)?;
                TokenKind::VersionDirective { major, minor }
            }
            "TAG" => {
                let (handle, prefix) = self.scan_tag_directive_value(start)?;
                TokenKind::TagDirective { handle, prefix }
            }
            _ => {
                return Err(self.error(
                    "while scanning a directive",
                    start,
                    "found unknown directive name",
                ));
            }
        };
        let end = self.r.mark;
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
                "while scanning a directive",
                start,
                "did not find expected comment or line break",
            ));
        }
        if self.r.is_break(0) {
            self.r.cache(2)?;
            self.r.skip_line();
        }
        Ok(Token { kind, start, end })
    }

    fn scan_directive_name(&mut self, start: Mark) -> Fallible<&'a str> {
        self.r.cache(1)?;
        let begin = self.r.pos;
        while is_alpha(self.r.cur()) {
            self.r.skip();
            self.r.cache(1)?;
        }
        if self.r.pos == begin {
            return Err(self.error(
                "while scanning a directive",
                start,
                "could not find expected directive name",
            ));
        }
        if !self.r.is_blankz(0) {
            return Err(self.error(
                "while scanning a directive",
                start,
                "found unexpected non-alphabetical character",
            ));
        }
        Ok(&self.r.text[begin..self.r.pos])
    }

    fn skip_blanks(&mut self) -> Fallible<()> {
        self.r.cache(1)?;
        while self.r.is_blank(0) {
            self.r.skip();
            self.r.cache(1)?;
        }
        Ok(())
    }

    fn scan_version_directive_value(&mut self, start: Mark) -> Fallible<(i8, i8)> {
        self.skip_blanks()?;
        let major = self.scan_version_directive_number(start)?;
        if self.r.cur() != b'.' {
            return Err(self.error(
                "while scanning a %YAML directive",
                start,
                "did not find expected digit or '.' character",
            ));
        }
        self.r.skip();
        let minor = self.scan_version_directive_number(start)?;
        Ok((major, minor))
    }

    fn scan_version_directive_number(&mut self, start: Mark) -> Fallible<i8> {
        const MAX_NUMBER_LENGTH: usize = 2;
        self.r.cache(1)?;
        let mut value: i8 = 0;
        let mut length = 0;
        while self.r.cur().is_ascii_digit() {
            length += 1;
            if length > MAX_NUMBER_LENGTH {
                return Err(self.error(
                    "while scanning a %YAML directive",
                    start,
                    "found extremely long version number",
                ));
            }
            value = value * 10 + (self.r.cur() - b'0') as i8;
            self.r.skip();
            self.r.cache(1)?;
        }
        if length == 0 {
            return Err(self.error(
                "while scanning a %YAML directive",
                start,
                "did not find expected version number",
            ));
        }
        Ok(value)
    }

    fn scan_tag_directive_value(&mut self, start: Mark) -> Fallible<(Cow<'a, str>, Cow<'a, str>)> {
        self.skip_blanks()?;
        let handle = self.scan_tag_handle(true, start)?;
        self.r.cache(1)?;
        if !self.r.is_blank(0) {
            return Err(self.error(
                "while scanning a %TAG directive",
                start,
                "did not find expected whitespace",
            ));
        }
        self.skip_blanks()?;
        let prefix = self.scan_tag_uri(true, None, start)?;
        self.r.cache(1)?;
        if !self.r.is_blankz(0) {
            return Err(self.error(
                "while scanning a %TAG directive",
                start,
                "did not find expected whitespace or line break",
            ));
        }
        Ok((Cow::Borrowed(handle), prefix))
    }

    /// `yaml_parser_scan_anchor`: `&name` or `*name`.
    pub(crate) fn scan_anchor(&mut self, alias: bool) -> Fallible<Token<'a>> {
        let start = self.r.mark;
        self.r.skip();
        self.r.cache(1)?;
        let begin = self.r.pos;
        while is_alpha(self.r.cur()) {
            self.r.skip();
            self.r.cache(1)?;
        }
        let end = self.r.mark;
        let ends_well = self.r.is_blankz(0)
            || matches!(
                self.r.cur(),
                b'?' | b':' | b',' | b']' | b'}' | b'%' | b'@' | b'`'
            );
        if self.r.pos == begin || !ends_well {
            let context = if alias {
                "while scanning an alias"
            } else {
                "while scanning an anchor"
            };
            return Err(self.error(
                context,
                start,
                "did not find expected alphabetic or numeric character",
            ));
        }
        let name = Cow::Borrowed(&self.r.text[begin..self.r.pos]);
        let kind = if alias {
            TokenKind::Alias(name)
        } else {
            TokenKind::Anchor(name)
        };
        Ok(Token { kind, start, end })
    }

    /// `yaml_parser_scan_tag`.
    pub(crate) fn scan_tag(&mut self) -> Fallible<Token<'a>> {
        let start = self.r.mark;
        self.r.cache(2)?;
        let (handle, suffix);
        if self.r.at(1) == b'<' {
            // A verbatim tag: `!<uri>`.
            self.r.skip();
            self.r.skip();
            suffix = self.scan_tag_uri(false, None, start)?;
            if self.r.cur() != b'>' {
                return Err(self.error(
                    "while scanning a tag",
                    start,
                    "did not find the expected '>'",
                ));
            }
            self.r.skip();
            handle = Cow::Borrowed("");
        } else {
            let handle_begin = self.r.pos;
            let scanned = self.scan_tag_handle(false, start)?;
            if scanned.len() > 1 && scanned.ends_with('!') {
                // `!handle!suffix` (or `!!suffix`).
                handle = Cow::Borrowed(scanned);
                suffix = self.scan_tag_uri(false, None, start)?;
            } else {
                // `!suffix`: what was read as a handle starts the suffix.
                let head = (handle_begin, handle_begin + scanned.len());
                let uri = self.scan_tag_uri(false, Some(head), start)?;
                if uri.is_empty() {
                    // A lone `!`.
                    handle = Cow::Borrowed("");
                    suffix = Cow::Borrowed("!");
                } else {
                    handle = Cow::Borrowed("!");
                    suffix = uri;
                }
            }
        }
        self.r.cache(1)?;
        if !self.r.is_blankz(0) {
            return Err(self.error(
                "while scanning a tag",
                start,
                "did not find expected whitespace or line break",
            ));
        }
        let end = self.r.mark;
        Ok(Token {
            kind: TokenKind::Tag { handle, suffix },
            start,
            end,
        })
    }

    /// `yaml_parser_scan_tag_handle`: `!`, `!!` or `!name!` (in a tag,
    /// also the `!name` that starts a local tag).
    fn scan_tag_handle(&mut self, directive: bool, start: Mark) -> Fallible<&'a str> {
        self.r.cache(1)?;
        if self.r.cur() != b'!' {
            return Err(self.tag_error(directive, start, "did not find expected '!'"));
        }
        let begin = self.r.pos;
        self.r.skip();
        self.r.cache(1)?;
        while is_alpha(self.r.cur()) {
            self.r.skip();
            self.r.cache(1)?;
        }
        if self.r.cur() == b'!' {
            self.r.skip();
        } else if directive && self.r.pos - begin != 1 {
            return Err(self.tag_error(directive, start, "did not find expected '!'"));
        }
        Ok(&self.r.text[begin..self.r.pos])
    }

    /// `yaml_parser_scan_tag_uri`: the URI characters from here on, after
    /// `head` without its leading `!` (the input span just read).
    fn scan_tag_uri(
        &mut self,
        directive: bool,
        head: Option<(usize, usize)>,
        start: Mark,
    ) -> Fallible<Cow<'a, str>> {
        let text = self.r.text;
        let mut s = Text::default();
        let mut has_tag = head.is_some_and(|(a, b)| b > a);
        if let Some((a, b)) = head
            && b - a > 1
        {
            s.push_input(text, a + 1, b);
        }
        self.r.cache(1)?;
        while is_uri_char(self.r.cur()) {
            if self.r.cur() == b'%' {
                self.scan_uri_escapes(directive, start, &mut s)?;
            } else {
                let begin = self.r.pos;
                self.r.skip();
                s.push_input(text, begin, self.r.pos);
            }
            self.r.cache(1)?;
            has_tag = true;
        }
        if !has_tag {
            return Err(self.tag_error(directive, start, "did not find expected tag URI"));
        }
        Ok(s.finish(text))
    }

    /// `yaml_parser_scan_uri_escapes`: the `%XX` escapes of one UTF-8
    /// character.
    fn scan_uri_escapes(&mut self, directive: bool, start: Mark, s: &mut Text) -> Fallible<()> {
        let mut octets = Vec::with_capacity(4);
        let mut remaining = 1024;
        while remaining > 0 {
            self.r.cache(3)?;
            let (hi, lo) = (hex_value(self.r.at(1)), hex_value(self.r.at(2)));
            let (Some(hi), Some(lo), b'%') = (hi, lo, self.r.cur()) else {
                return Err(self.tag_error(directive, start, "did not find URI escaped octet"));
            };
            let octet = (hi << 4) | lo;
            if remaining == 1024 {
                remaining = match octet {
                    0..=0x7F => 1,
                    0xC0..=0xDF => 2,
                    0xE0..=0xEF => 3,
                    0xF0..=0xF7 => 4,
                    _ => {
                        return Err(self.tag_error(
                            directive,
                            start,
                            "found an incorrect leading UTF-8 octet",
                        ));
                    }
                };
            } else if octet & 0xC0 != 0x80 {
                return Err(self.tag_error(
                    directive,
                    start,
                    "found an incorrect trailing UTF-8 octet",
                ));
            }
            octets.push(octet);
            self.r.skip();
            self.r.skip();
            self.r.skip();
            remaining -= 1;
        }
        s.push_str(self.r.text, &String::from_utf8_lossy(&octets));
        Ok(())
    }

    fn tag_error(&self, directive: bool, start: Mark, problem: &'static str) -> Box<Error> {
        let context = if directive {
            "while parsing a %TAG directive"
        } else {
            "while parsing a tag"
        };
        self.error(context, start, problem)
    }
}
