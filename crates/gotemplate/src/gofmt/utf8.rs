//! Go's `unicode/utf8` decoding rules over bytes.
//!
//! `[]byte` values may hold invalid UTF-8, and Go's `fmt` treats every byte
//! of an invalid sequence as one rune (`RuneError`, width 1) when it counts
//! runes for padding, truncates to a precision or quotes. Rust's lossy decoding
//! groups bytes differently, so the rules are spelled out here.

/// `utf8.RuneError` (U+FFFD).
pub(super) const RUNE_ERROR: u32 = 0xFFFD;

/// `utf8.MaxRune`.
pub(super) const MAX_RUNE: u32 = 0x10FFFF;

/// Decodes the first rune of a non-empty slice: the rune and its width in
/// bytes. An invalid or truncated sequence gives `(RUNE_ERROR, 1)`, like
/// Go's `utf8.DecodeRune`.
pub(super) fn decode_rune(b: &[u8]) -> (u32, usize) {
    let b0 = b[0];
    if b0 < 0x80 {
        return (b0 as u32, 1);
    }
    // The width and the accepted range of the second byte, by first byte
    // (this rejects overlong forms, surrogates and values past U+10FFFF).
    let (width, lo, hi) = match b0 {
        0xC2..=0xDF => (2, 0x80, 0xBF),
        0xE0 => (3, 0xA0, 0xBF),
        0xE1..=0xEC | 0xEE..=0xEF => (3, 0x80, 0xBF),
        0xED => (3, 0x80, 0x9F),
        0xF0 => (4, 0x90, 0xBF),
        0xF1..=0xF3 => (4, 0x80, 0xBF),
        0xF4 => (4, 0x80, 0x8F),
        _ => return (RUNE_ERROR, 1),
    };
    if b.len() < width || !(lo..=hi).contains(&b[1]) {
        return (RUNE_ERROR, 1);
    }
    if b[2..width].iter().any(|c| !(0x80..=0xBF).contains(c)) {
        return (RUNE_ERROR, 1);
    }
    let mut r = (b0 as u32) & (0x7F >> width);
    for &c in &b[1..width] {
        r = (r << 6) | (c as u32 & 0x3F);
    }
    (r, width)
}

/// `utf8.RuneCount`.
pub(super) fn rune_count(b: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < b.len() {
        i += decode_rune(&b[i..]).1;
        n += 1;
    }
    n
}

/// `utf8.AppendRune`: invalid runes (surrogates, past U+10FFFF) become U+FFFD.
pub(super) fn append_rune(out: &mut Vec<u8>, r: u32) {
    let c = char::from_u32(r).unwrap_or('\u{FFFD}');
    let mut tmp = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut tmp).as_bytes());
}

/// `utf8.ValidRune`.
pub(super) fn valid_rune(r: u32) -> bool {
    char::from_u32(r).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_bytes_decode_one_at_a_time() {
        assert_eq!(decode_rune(b"\xe2\x82"), (RUNE_ERROR, 1));
        assert_eq!(decode_rune(b"\xed\xa0\x80"), (RUNE_ERROR, 1));
        assert_eq!(decode_rune(b"\xc0\x80"), (RUNE_ERROR, 1));
        assert_eq!(decode_rune("é".as_bytes()), (0xE9, 2));
        assert_eq!(decode_rune("😀".as_bytes()), (0x1F600, 4));
        assert_eq!(rune_count(b"a\xe2\x82b"), 4);
    }
}
