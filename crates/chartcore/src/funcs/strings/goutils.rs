//! The string helpers of `github.com/Masterminds/goutils` v1.1.1 that Sprig
//! exposes (`abbrev`, `wrap`, `initials`, `swapcase`, `untitle`, `nospace`).
//!
//! Several of them index Go strings by byte, so they can cut a multi-byte
//! rune or reinterpret its bytes as Latin-1 runes; they are ported with the
//! same byte arithmetic and their results decoded like Go prints them.

use super::gounicode::{is_lower, is_space, is_title, is_upper, to_lower, to_title, to_upper};

/// Bytes as text, invalid sequences replaced the way the output is shown.
fn text(b: &[u8]) -> String {
    gotemplate::gostr::from_go_bytes(b).into_owned()
}

/// `goutils.AbbreviateFull`: `None` where goutils returns an error.
pub(crate) fn abbreviate_full(s: &str, offset: i64, max_width: i64) -> Option<String> {
    abbreviate_bytes(s.as_bytes(), offset, max_width).map(|b| text(&b))
}

/// [`abbreviate_full`] on bytes: goutils slices by byte and recurses on a
/// byte slice that may start inside a rune.
fn abbreviate_bytes(b: &[u8], offset: i64, max_width: i64) -> Option<Vec<u8>> {
    const MARKER: &[u8] = b"...";
    let len = b.len() as i64;
    if b.is_empty() {
        return Some(Vec::new());
    }
    if max_width < 4 {
        return None;
    }
    if len <= max_width {
        return Some(b.to_vec());
    }
    let mut offset = offset.min(len);
    if len - offset < max_width - 3 {
        offset = len - (max_width - 3);
    }
    if offset <= 4 {
        return Some([&b[..(max_width - 3) as usize], MARKER].concat());
    }
    if max_width < 7 {
        return None;
    }
    if offset + max_width - 3 < len {
        // goutils ignores the error of the inner call, leaving "".
        let inner = abbreviate_bytes(&b[offset as usize..], 0, max_width - 3).unwrap_or_default();
        return Some([MARKER, &inner].concat());
    }
    Some([MARKER, &b[(len - (max_width - 3)) as usize..]].concat())
}

/// `goutils.WrapCustom`: breaks at the last space within `wrap_length`
/// bytes; longer words are split only when `wrap_long_words`.
pub(crate) fn wrap_custom(
    s: &str,
    wrap_length: i64,
    new_line: &str,
    wrap_long_words: bool,
) -> String {
    let b = s.as_bytes();
    if b.is_empty() {
        return String::new();
    }
    let new_line = if new_line.is_empty() { "\n" } else { new_line }.as_bytes();
    let wrap = wrap_length.max(1) as usize;
    let len = b.len();
    let mut offset = 0usize;
    let mut out: Vec<u8> = Vec::with_capacity(len + len / wrap + 1);
    while len - offset > wrap {
        if b[offset] == b' ' {
            offset += 1;
            continue;
        }
        let end = wrap + offset + 1;
        match b[offset..end].iter().rposition(|&c| c == b' ') {
            Some(i) => {
                // A word that fits: break at the space.
                out.extend_from_slice(&b[offset..offset + i]);
                out.extend_from_slice(new_line);
                offset += i + 1;
            }
            None if wrap_long_words => {
                out.extend_from_slice(&b[offset..offset + wrap]);
                out.extend_from_slice(new_line);
                offset += wrap;
            }
            None => {
                // A long word runs past the limit up to the next space.
                let end = wrap + offset;
                match b[end..].iter().position(|&c| c == b' ') {
                    Some(i) => {
                        out.extend_from_slice(&b[offset..end + i]);
                        out.extend_from_slice(new_line);
                        offset = end + i + 1;
                    }
                    None => {
                        out.extend_from_slice(&b[offset..]);
                        offset = len;
                    }
                }
            }
        }
    }
    out.extend_from_slice(&b[offset..]);
    text(&out)
}

/// `goutils.Initials` with whitespace delimiters. It walks bytes, so each
/// byte is judged (and copied) as the Latin-1 rune of that value.
pub(crate) fn initials(s: &str) -> String {
    let mut out = String::new();
    let mut last_was_gap = true;
    for &byte in s.as_bytes() {
        let ch = char::from(byte);
        if is_space(ch) {
            last_was_gap = true;
        } else if last_was_gap {
            out.push(ch);
            last_was_gap = false;
        }
    }
    out
}

/// `goutils.DeleteWhiteSpace`, byte-wise like [`initials`]; a string without
/// whitespace bytes comes back unchanged.
pub(crate) fn delete_white_space(s: &str) -> String {
    let b = s.as_bytes();
    if !b.iter().any(|&c| is_space(char::from(c))) {
        return s.to_string();
    }
    b.iter()
        .map(|&c| char::from(c))
        .filter(|&c| !is_space(c))
        .collect()
}

/// `goutils.SwapCase`: upper and title case become lower; lower case becomes
/// title case at the start of a word and upper case elsewhere.
pub(crate) fn swap_case(s: &str) -> String {
    let mut whitespace = true;
    s.chars()
        .map(|c| {
            if is_upper(c) || is_title(c) {
                whitespace = false;
                to_lower(c)
            } else if is_lower(c) {
                if whitespace {
                    whitespace = false;
                    to_title(c)
                } else {
                    to_upper(c)
                }
            } else {
                whitespace = is_space(c);
                c
            }
        })
        .collect()
}

/// `goutils.Uncapitalize` with whitespace delimiters: lower-cases the first
/// rune of every word.
pub(crate) fn uncapitalize(s: &str) -> String {
    let mut next = true;
    s.chars()
        .map(|c| {
            if is_space(c) {
                next = true;
                c
            } else if next {
                next = false;
                to_lower(c)
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_follow_goutils() {
        assert_eq!(
            abbreviate_full("hello world", 0, 5).as_deref(),
            Some("he...")
        );
        assert_eq!(abbreviate_full("hello world", 0, 3), None);
        let abc = "abcdefghijklmnopqrstuvwxyz";
        assert_eq!(abbreviate_full(abc, 10, 10).as_deref(), Some("...klmn..."));
        assert_eq!(abbreviate_full(abc, 30, 10).as_deref(), Some("...tuvwxyz"));
        assert_eq!(abbreviate_full(abc, 5, 6), None);
    }

    #[test]
    fn wrapping_follows_goutils() {
        assert_eq!(wrap_custom("Hello World", 5, "", false), "Hello\nWorld");
        assert_eq!(
            wrap_custom("verylongword short", 3, "<br>", true),
            "ver<br>ylo<br>ngw<br>ord<br>sho<br>rt"
        );
        assert_eq!(wrap_custom("ab  cd  ef", 4, "", false), "ab \ncd \nef");
    }

    #[test]
    fn byte_wise_helpers_see_latin1_runes() {
        assert_eq!(initials("élan vital"), "Ãv");
        assert_eq!(delete_white_space("x\u{a0}y"), "xÂy");
        assert_eq!(delete_white_space("héllo"), "héllo");
    }
}
