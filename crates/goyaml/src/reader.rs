//! go-yaml v2's reader (`readerc.go`) for string input.
//!
//! go-yaml copies the input into a 512-byte raw buffer, decodes and checks
//! every character of that batch at once into its working buffer, and only
//! refills when the scanner asks for more characters than are left. What
//! the scanner sees is the input itself, so this reader scans the input in
//! place and only keeps the bookkeeping that makes go-yaml's behaviour
//! depend on its buffering:
//!
//! - a disallowed character is reported when its 512-byte batch is decoded,
//!   which may be before the scanner reaches it (and before a syntax error
//!   earlier in the batch);
//! - the scanner's BOM check looks at the start of the working buffer, not
//!   at the current position, so which BOMs are skipped depends on where the
//!   buffer was last refilled.
//!
//! The input is a `&str`, hence UTF-8: go-yaml's UTF-16 decoding and its
//! invalid-UTF-8 errors cannot occur.

use crate::error::{Error, Fallible};
use crate::mark::Mark;

/// go-yaml's `input_raw_buffer_size`: the string read handler hands the
/// reader this many bytes at a time.
const RAW_BUFFER_SIZE: usize = 512;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The input, the scanner's position in it, and go-yaml's buffer state.
///
/// Offsets are byte offsets into the input. Past its end the input reads
/// as NUL, like the NUL go-yaml appends at the end of the stream.
pub(crate) struct Reader<'a> {
    pub(crate) text: &'a str,
    pub(crate) bytes: &'a [u8],
    /// go-yaml's `buffer_pos`: where the next character starts.
    pub(crate) pos: usize,
    /// go-yaml's `mark`.
    pub(crate) mark: Mark,
    /// Where go-yaml's working buffer starts (its index 0).
    buffer_start: usize,
    /// End of the characters decoded (and checked) so far.
    decoded_end: usize,
    /// Start of go-yaml's raw buffer.
    raw_start: usize,
    /// End of the raw bytes handed over so far (the read handler's position).
    raw_end: usize,
    /// The read handler reported the end of the input.
    eof: bool,
    /// The BOM check of `yaml_parser_determine_encoding` has run.
    encoding_known: bool,
    /// NUL characters appended after the input.
    nuls: usize,
    /// The first character YAML does not allow (offset, code point),
    /// found up front; reported when its batch is decoded.
    first_disallowed: Option<(usize, u32)>,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            mark: Mark::default(),
            buffer_start: 0,
            decoded_end: 0,
            raw_start: 0,
            raw_end: 0,
            eof: false,
            encoding_known: false,
            nuls: 0,
            first_disallowed: first_disallowed(text),
        }
    }

    /// The byte `k` bytes after the current position (NUL past the end).
    #[inline(always)]
    pub(crate) fn at(&self, k: usize) -> u8 {
        self.bytes.get(self.pos + k).copied().unwrap_or(0)
    }

    /// The byte at the current position.
    #[inline(always)]
    pub(crate) fn cur(&self) -> u8 {
        self.at(0)
    }

    /// Bytes that can be scanned without any `cache` call refilling the
    /// buffer: while at least this many decoded bytes lie ahead, at least
    /// two characters do, which is all any scanning step asks for.
    #[inline(always)]
    pub(crate) fn fast_end(&self) -> usize {
        self.decoded_end.saturating_sub(8)
    }

    /// go-yaml's `cache(parser, n)`: make sure `n` characters are decoded
    /// ahead, refilling the buffer (and checking the next batch) if not.
    #[inline(always)]
    pub(crate) fn cache(&mut self, n: usize) -> Fallible<()> {
        if self.pos + 4 * n <= self.decoded_end {
            return Ok(());
        }
        self.cache_slow(n)
    }

    #[inline(never)]
    fn cache_slow(&mut self, n: usize) -> Fallible<()> {
        if self.unread_at_least(n) {
            Ok(())
        } else {
            self.update_buffer(n)
        }
    }

    /// Whether go-yaml's `unread` (decoded characters ahead, the appended
    /// NULs included) is at least `n`.
    fn unread_at_least(&self, n: usize) -> bool {
        let len = self.bytes.len();
        if self.pos >= len {
            return self.nuls.saturating_sub(self.pos - len) >= n;
        }
        let mut count = self.nuls;
        if count >= n {
            return true;
        }
        for &b in self.bytes.get(self.pos..self.decoded_end).unwrap_or(&[]) {
            if b & 0xC0 != 0x80 {
                count += 1;
                if count >= n {
                    return true;
                }
            }
        }
        false
    }

    /// `yaml_parser_update_buffer`, called when fewer than `length`
    /// characters are decoded ahead.
    fn update_buffer(&mut self, length: usize) -> Fallible<()> {
        if !self.encoding_known {
            self.determine_encoding();
        }
        // The unread characters move to the start of the working buffer.
        self.buffer_start = self.pos;
        let mut first = true;
        while !self.unread_at_least(length) {
            if !first || self.decoded_end == self.raw_end {
                self.update_raw_buffer();
            }
            first = false;
            self.decode_raw()?;
            if self.eof {
                self.nuls += 1;
                break;
            }
        }
        Ok(())
    }

    /// `yaml_parser_determine_encoding`: read at least 3 bytes and skip a
    /// UTF-8 BOM that starts the input.
    fn determine_encoding(&mut self) {
        while !self.eof && self.raw_end - self.decoded_end < 3 {
            self.update_raw_buffer();
        }
        if self.bytes[self.decoded_end..self.raw_end].starts_with(BOM) {
            self.decoded_end += BOM.len();
            self.pos = self.decoded_end;
            self.buffer_start = self.pos;
        }
        self.encoding_known = true;
    }

    /// `yaml_parser_update_raw_buffer` with the string read handler: move
    /// the undecoded bytes to the front and fill the raw buffer up.
    fn update_raw_buffer(&mut self) {
        let full =
            self.decoded_end == self.raw_start && self.raw_end - self.raw_start == RAW_BUFFER_SIZE;
        if full || self.eof {
            return;
        }
        self.raw_start = self.decoded_end;
        if self.raw_end == self.bytes.len() {
            self.eof = true;
            return;
        }
        let room = RAW_BUFFER_SIZE - (self.raw_end - self.raw_start);
        self.raw_end += room.min(self.bytes.len() - self.raw_end);
    }

    /// Decode every complete character of the raw buffer, failing on the
    /// first one YAML does not allow.
    fn decode_raw(&mut self) -> Fallible<()> {
        let mut end = self.raw_end;
        while end > self.decoded_end && !self.text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some((at, value)) = self.first_disallowed
            && at < end
        {
            return Err(Error::reader(
                "control characters are not allowed",
                at,
                value,
            ));
        }
        self.decoded_end = end;
        Ok(())
    }

    /// Whether go-yaml's working buffer starts with a BOM (its `is_bom`
    /// ignores the position it is given and looks at index 0).
    #[inline]
    pub(crate) fn buffer_starts_with_bom(&self) -> bool {
        self.bytes
            .get(self.buffer_start..)
            .is_some_and(|b| b.starts_with(BOM))
    }

    /// go-yaml's `skip`: step over one character.
    #[inline(always)]
    pub(crate) fn skip(&mut self) {
        self.pos += width(self.cur());
        self.mark.index += 1;
        self.mark.column += 1;
    }

    /// Step over `n` ASCII characters on the current line.
    #[inline(always)]
    pub(crate) fn skip_ascii(&mut self, n: usize) {
        self.pos += n;
        self.mark.index += n;
        self.mark.column += n;
    }

    /// The last character boundary at or before `end`.
    #[inline]
    pub(crate) fn boundary_before(&self, mut end: usize) -> usize {
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        end
    }

    /// Step over the bytes up to `end` (a character boundary) on the
    /// current line, counting their characters.
    #[inline]
    pub(crate) fn skip_to(&mut self, end: usize) {
        let chars = self.bytes[self.pos..end]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count();
        self.pos = end;
        self.mark.index += chars;
        self.mark.column += chars;
    }

    /// go-yaml's `skip_line`: step over a line break (CR LF counts as one).
    #[inline]
    pub(crate) fn skip_line(&mut self) {
        if self.cur() == b'\r' && self.at(1) == b'\n' {
            self.pos += 2;
            self.mark.index += 2;
            self.mark.column = 0;
            self.mark.line += 1;
        } else if self.is_break(0) {
            self.pos += width(self.cur());
            self.mark.index += 1;
            self.mark.column = 0;
            self.mark.line += 1;
        }
    }

    /// go-yaml's `read_line`: append a line break to `s` (LF for CR, LF,
    /// CR LF and NEL; LS and PS as they are) and step over it.
    #[inline]
    pub(crate) fn read_line(&mut self, s: &mut String) {
        let c = self.cur();
        let width = match c {
            b'\r' if self.at(1) == b'\n' => {
                s.push('\n');
                // CR LF counts as two characters.
                self.mark.index += 1;
                2
            }
            b'\r' | b'\n' => {
                s.push('\n');
                1
            }
            0xC2 if self.at(1) == 0x85 => {
                s.push('\n');
                2
            }
            0xE2 if self.at(1) == 0x80 && matches!(self.at(2), 0xA8 | 0xA9) => {
                s.push_str(&self.text[self.pos..self.pos + 3]);
                3
            }
            _ => return,
        };
        self.pos += width;
        self.mark.index += 1;
        self.mark.column = 0;
        self.mark.line += 1;
    }

    /// A line break (CR, LF, NEL, LS, PS) starts `k` bytes ahead.
    #[inline(always)]
    pub(crate) fn is_break(&self, k: usize) -> bool {
        match self.at(k) {
            b'\r' | b'\n' => true,
            0xC2 => self.at(k + 1) == 0x85,
            0xE2 => self.at(k + 1) == 0x80 && matches!(self.at(k + 2), 0xA8 | 0xA9),
            _ => false,
        }
    }

    /// A line break or the end of the input `k` bytes ahead.
    #[inline(always)]
    pub(crate) fn is_breakz(&self, k: usize) -> bool {
        self.at(k) == 0 || self.is_break(k)
    }

    /// A space or tab `k` bytes ahead.
    #[inline(always)]
    pub(crate) fn is_blank(&self, k: usize) -> bool {
        matches!(self.at(k), b' ' | b'\t')
    }

    /// A space, tab, line break or the end of the input `k` bytes ahead.
    #[inline(always)]
    pub(crate) fn is_blankz(&self, k: usize) -> bool {
        self.is_blank(k) || self.is_breakz(k)
    }
}

/// go-yaml's `width`: the length of the UTF-8 sequence a byte starts
/// (1 for a stray continuation byte, which valid input never has).
#[inline(always)]
pub(crate) fn width(b: u8) -> usize {
    match b {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// The first character go-yaml's reader rejects: C0 controls other than
/// tab, LF and CR, DEL, C1 controls other than NEL, U+FFFE and U+FFFF
/// (surrogates cannot occur in a `&str`). Only chunks holding a byte that
/// may start such a character are looked at closely.
fn first_disallowed(text: &str) -> Option<(usize, u32)> {
    const CHUNK: usize = 32;
    let b = text.as_bytes();
    let mut chunks = b.chunks_exact(CHUNK);
    let mut at = 0;
    for chunk in chunks.by_ref() {
        // Compares only (no table lookups), so that the compiler checks a
        // whole chunk with vector instructions.
        let suspect = chunk.iter().fold(false, |acc, &c| acc | is_suspect(c));
        if suspect && let Some(found) = (at..at + CHUNK).find_map(|i| disallowed_at(b, i)) {
            return Some(found);
        }
        at += CHUNK;
    }
    (at..b.len()).find_map(|i| disallowed_at(b, i))
}

/// Whether a byte may start a character the reader rejects: a C0 control
/// other than tab, LF and CR, DEL, the lead byte of C1 controls (0xC2) or
/// of U+FFFE/U+FFFF (0xEF).
#[inline(always)]
fn is_suspect(c: u8) -> bool {
    (c < 0x20 && c != b'\t' && c != b'\n' && c != b'\r') | (c == 0x7F) | (c == 0xC2) | (c == 0xEF)
}

/// The character starting at byte `at`, if it is one the reader rejects
/// (`None` also for continuation bytes).
#[inline]
fn disallowed_at(b: &[u8], at: usize) -> Option<(usize, u32)> {
    let c = b[at];
    let next = |k: usize| b.get(at + k).copied().unwrap_or(0);
    match c {
        b'\t' | b'\n' | b'\r' | 0x20..=0x7E => None,
        0..=0x1F | 0x7F => Some((at, u32::from(c))),
        // U+0080..U+009F except NEL.
        0xC2 if next(1) < 0xA0 && next(1) != 0x85 => Some((at, u32::from(next(1)))),
        // U+FFFE and U+FFFF.
        0xEF if next(1) == 0xBF && matches!(next(2), 0xBE | 0xBF) => {
            Some((at, 0xFFC0 | u32::from(next(2) & 0x3F)))
        }
        _ => None,
    }
}

/// go-yaml v2's reader on raw bytes: its first complaint about `src` (not
/// UTF-8, or a character it does not allow), with its message, if any.
/// Inputs that are `&str` only meet the second kind, which [`crate::Parser`]
/// reports itself.
pub fn first_byte_problem(src: &[u8]) -> Option<&'static str> {
    let mut pos = 0;
    while pos < src.len() {
        let octet = src[pos];
        let width = match octet {
            o if o & 0x80 == 0x00 => 1,
            o if o & 0xE0 == 0xC0 => 2,
            o if o & 0xF0 == 0xE0 => 3,
            o if o & 0xF8 == 0xF0 => 4,
            _ => return Some("invalid leading UTF-8 octet"),
        };
        if width > src.len() - pos {
            return Some("incomplete UTF-8 octet sequence");
        }
        let mut value = u32::from(match width {
            1 => octet & 0x7F,
            2 => octet & 0x1F,
            3 => octet & 0x0F,
            _ => octet & 0x07,
        });
        for &trailing in &src[pos + 1..pos + width] {
            if trailing & 0xC0 != 0x80 {
                return Some("invalid trailing UTF-8 octet");
            }
            value = (value << 6) + u32::from(trailing & 0x3F);
        }
        let shortest = match width {
            1 => true,
            2 => value >= 0x80,
            3 => value >= 0x800,
            _ => value >= 0x10000,
        };
        if !shortest {
            return Some("invalid length of a UTF-8 sequence");
        }
        if (0xD800..=0xDFFF).contains(&value) || value > 0x10FFFF {
            return Some("invalid Unicode character");
        }
        if !matches!(value,
            0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        {
            return Some("control characters are not allowed");
        }
        pos += width;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_as_go_yaml_names_them() {
        // Printed by Helm v4.3.1 for `-f` files.
        assert_eq!(
            first_byte_problem(b"caf\xe9\n"),
            Some("incomplete UTF-8 octet sequence")
        );
        assert_eq!(
            first_byte_problem(b"a: 1\nb: caf\xe9x\n"),
            Some("invalid trailing UTF-8 octet")
        );
        assert_eq!(
            first_byte_problem(b"a: \xff\n"),
            Some("invalid leading UTF-8 octet")
        );
        assert_eq!(
            first_byte_problem(b"b: \xc3\n"),
            Some("invalid trailing UTF-8 octet")
        );
        assert_eq!(
            first_byte_problem(b"a: \"\xed\xa0\x80\"\n"),
            Some("invalid Unicode character")
        );
        assert_eq!(
            first_byte_problem(b"a: \xef\xbf\xbe\n"),
            Some("control characters are not allowed")
        );
        assert_eq!(
            first_byte_problem(b"a: \xc0\x80\n"),
            Some("invalid length of a UTF-8 sequence")
        );
        assert_eq!(first_byte_problem("a: é\n".as_bytes()), None);
    }

    #[test]
    fn disallowed_characters_are_found_anywhere() {
        assert_eq!(
            first_disallowed("plain text\twith\r\nbreaks é 😀 \u{85}"),
            None
        );
        assert_eq!(first_disallowed("\u{feff}a\u{a0}\u{fffd}"), None);
        for (text, at, value) in [
            ("a\u{1}", 1, 1),
            ("0123456789\u{7f}", 10, 0x7F),
            ("01234567\u{80}", 8, 0x80),
            ("0123456é\u{9f}", 9, 0x9F),
            ("\u{fffe}", 0, 0xFFFE),
            ("abcdefgh\u{ffff}x", 8, 0xFFFF),
            ("\u{0}", 0, 0),
        ] {
            assert_eq!(first_disallowed(text), Some((at, value)), "{text:?}");
        }
    }

    /// The chunked scan finds what a scan of every position finds, wherever
    /// the character falls relative to the chunks (and split across two).
    #[test]
    fn chunked_scan_agrees_with_a_plain_scan() {
        for bad in ["\u{1}", "\u{7f}", "\u{85}", "\u{9f}", "\u{fffe}", "é", "\t"] {
            for at in 0..100 {
                let text = format!("{}{bad}{}", "x".repeat(at), "y".repeat(40));
                let plain = (0..text.len()).find_map(|i| disallowed_at(text.as_bytes(), i));
                assert_eq!(first_disallowed(&text), plain, "{bad:?} at {at}");
            }
        }
    }
}
