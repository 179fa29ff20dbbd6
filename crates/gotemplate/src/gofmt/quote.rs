//! Go's `strconv` quoting as `fmt` uses it (`%q`, `%#q`, `%+q`, `%#U`),
//! over bytes so that invalid UTF-8 in `[]byte` values quotes as `\xNN`.

use super::isprint::is_print;
use super::utf8::{RUNE_ERROR, append_rune, decode_rune, valid_rune};

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";

/// `strconv.AppendQuote` (`ascii_only`: `strconv.AppendQuoteToASCII`).
pub(crate) fn append_quoted(out: &mut Vec<u8>, s: &[u8], ascii_only: bool) {
    out.push(b'"');
    let mut i = 0;
    while i < s.len() {
        let (r, width) = decode_rune(&s[i..]);
        if width == 1 && r == RUNE_ERROR {
            out.extend_from_slice(b"\\x");
            out.push(LOWER_HEX[(s[i] >> 4) as usize]);
            out.push(LOWER_HEX[(s[i] & 0xF) as usize]);
        } else {
            append_escaped_rune(out, r, b'"', ascii_only);
        }
        i += width;
    }
    out.push(b'"');
}

/// `strconv.AppendQuoteRune` (`ascii_only`: `AppendQuoteRuneToASCII`).
pub(super) fn append_quoted_rune(out: &mut Vec<u8>, r: u32, ascii_only: bool) {
    let r = if valid_rune(r) { r } else { RUNE_ERROR };
    out.push(b'\'');
    append_escaped_rune(out, r, b'\'', ascii_only);
    out.push(b'\'');
}

fn append_escaped_rune(out: &mut Vec<u8>, r: u32, quote: u8, ascii_only: bool) {
    if r == quote as u32 || r == '\\' as u32 {
        out.push(b'\\');
        out.push(r as u8);
        return;
    }
    if ascii_only {
        if r < 0x80 && is_print(r) {
            out.push(r as u8);
            return;
        }
    } else if is_print(r) {
        append_rune(out, r);
        return;
    }
    let short = match r {
        0x07 => Some(b"\\a"),
        0x08 => Some(b"\\b"),
        0x0C => Some(b"\\f"),
        0x0A => Some(b"\\n"),
        0x0D => Some(b"\\r"),
        0x09 => Some(b"\\t"),
        0x0B => Some(b"\\v"),
        _ => None,
    };
    if let Some(esc) = short {
        out.extend_from_slice(esc);
        return;
    }
    if r < 0x20 || r == 0x7F {
        out.extend_from_slice(b"\\x");
        out.push(LOWER_HEX[(r >> 4) as usize & 0xF]);
        out.push(LOWER_HEX[r as usize & 0xF]);
        return;
    }
    let r = if valid_rune(r) { r } else { RUNE_ERROR };
    let (prefix, digits): (&[u8], u32) = if r < 0x10000 {
        (b"\\u", 4)
    } else {
        (b"\\U", 8)
    };
    out.extend_from_slice(prefix);
    for k in (0..digits).rev() {
        out.push(LOWER_HEX[(r >> (4 * k)) as usize & 0xF]);
    }
}

/// `strconv.CanBackquote`: whether `s` can be written as a raw string literal.
pub(super) fn can_backquote(s: &[u8]) -> bool {
    let mut i = 0;
    while i < s.len() {
        let (r, width) = decode_rune(&s[i..]);
        i += width;
        if width > 1 {
            // A BOM is invisible and should not be quoted raw.
            if r == 0xFEFF {
                return false;
            }
            continue;
        }
        if r == RUNE_ERROR {
            return false;
        }
        if (r < 0x20 && r != '\t' as u32) || r == '`' as u32 || r == 0x7F {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(s: &[u8], ascii: bool) -> String {
        let mut out = Vec::new();
        append_quoted(&mut out, s, ascii);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn quotes_like_strconv() {
        assert_eq!(quoted(b"a\"b\\\n\x01\x7f", false), r#""a\"b\\\n\x01\x7f""#);
        assert_eq!(quoted("é\u{a0}😀".as_bytes(), false), "\"é\\u00a0😀\"");
        assert_eq!(quoted("é😀".as_bytes(), true), r#""\u00e9\U0001f600""#);
        assert_eq!(quoted(b"\xff\xe2\x82", false), r#""\xff\xe2\x82""#);
    }

    #[test]
    fn quotes_runes_like_strconv() {
        let mut out = Vec::new();
        append_quoted_rune(&mut out, '\'' as u32, false);
        append_quoted_rune(&mut out, 0xD800, false);
        append_quoted_rune(&mut out, '"' as u32, false);
        assert_eq!(String::from_utf8(out).unwrap(), "'\\'''\u{FFFD}''\"'");
    }

    #[test]
    fn backquote_rules() {
        assert!(can_backquote(b"a\tb"));
        assert!(!can_backquote(b"a`b"));
        assert!(!can_backquote(b"a\nb"));
        assert!(!can_backquote("\u{feff}".as_bytes()));
        assert!(!can_backquote(b"\xff"));
    }
}
