//! Go strings hold arbitrary bytes; Rust strings hold UTF-8. A byte that is
//! not part of valid UTF-8 is carried through templates as the code point
//! U+10FE00 + byte (inside the last private-use plane, clear of its end), so that binary
//! data (`.Files.Get` of an archive, `b64dec` output) survives `b64enc`,
//! hashing and output byte for byte. Text that itself contains those code
//! points is vanishingly rare and would be turned back into bytes.

use std::borrow::Cow;

const BASE: u32 = 0x10FE00;

/// Decodes bytes the way a Go string holds them.
pub fn from_go_bytes(b: &[u8]) -> Cow<'_, str> {
    if let Ok(s) = std::str::from_utf8(b) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(b.len() + 8);
    for chunk in b.utf8_chunks() {
        out.push_str(chunk.valid());
        for &byte in chunk.invalid() {
            out.push(char::from_u32(BASE + byte as u32).expect("in the Unicode range"));
        }
    }
    Cow::Owned(out)
}

/// The Go bytes a string stands for (see [`from_go_bytes`]).
pub fn to_go_bytes(s: &str) -> Cow<'_, [u8]> {
    // Every escaped byte is a code point of plane 16, whose UTF-8 starts
    // with 0xF4: text without that byte is its own Go bytes.
    if !s.as_bytes().contains(&0xF4) || !s.chars().any(is_escaped_byte) {
        return Cow::Borrowed(s.as_bytes());
    }
    let mut out = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        if is_escaped_byte(c) {
            out.push((c as u32 - BASE) as u8);
        } else {
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    Cow::Owned(out)
}

fn is_escaped_byte(c: char) -> bool {
    (BASE..=BASE + 0xff).contains(&(c as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_round_trip() {
        let raw = b"BZh91AY\xff\xfe\x00ok\xc3";
        let s = from_go_bytes(raw);
        assert_eq!(to_go_bytes(&s).as_ref(), raw);
        assert!(matches!(from_go_bytes(b"plain"), Cow::Borrowed("plain")));
    }
}
