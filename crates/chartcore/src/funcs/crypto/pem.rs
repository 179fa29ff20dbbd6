//! PEM and base64 as Go's `encoding/pem` and `encoding/base64` do them.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;

/// Go's `pem.EncodeToMemory` (no headers): 64-column base64 lines.
pub fn encode(kind: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {kind}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push('\n');
    }
    out.push_str(&format!("-----END {kind}-----\n"));
    out
}

/// A decoded PEM block.
pub struct Block {
    pub kind: String,
    pub der: Vec<u8>,
}

/// Go's `getLine`: the line (without trailing spaces, tabs and `\r`) and
/// the text after its newline.
fn get_line(data: &str) -> (&str, &str) {
    let (line, rest) = match data.find('\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, ""),
    };
    (line.trim_end_matches([' ', '\t', '\r']), rest)
}

/// Go's `pem.Decode`: the first well-formed block in the input, or `None`.
pub fn decode(data: &str) -> Option<Block> {
    const START: &str = "\n-----BEGIN ";
    const END: &str = "\n-----END ";
    let mut rest = data;
    loop {
        if let Some(r) = rest.strip_prefix(&START[1..]) {
            rest = r;
        } else if let Some(i) = rest.find(START) {
            rest = &rest[i + START.len()..];
        } else {
            return None;
        }
        let (type_line, after) = get_line(rest);
        rest = after;
        let Some(kind) = type_line.strip_suffix("-----") else {
            continue;
        };
        let mut has_headers = false;
        loop {
            if rest.is_empty() {
                return None;
            }
            let (line, next) = get_line(rest);
            if !line.contains(':') {
                break;
            }
            has_headers = true;
            rest = next;
        }
        let (end_index, trailer_index) = if !has_headers && rest.starts_with(&END[1..]) {
            (0, END.len() - 1)
        } else {
            match rest.find(END) {
                Some(i) => (i, i + END.len()),
                None => continue,
            }
        };
        let trailer = &rest[trailer_index..];
        let trailer_len = kind.len() + "-----".len();
        if trailer.len() < trailer_len || !trailer.is_char_boundary(trailer_len) {
            continue;
        }
        let (end_line, rest_of_end_line) = trailer.split_at(trailer_len);
        if !end_line.starts_with(kind) || !end_line.ends_with("-----") {
            continue;
        }
        if !get_line(rest_of_end_line).0.is_empty() {
            continue;
        }
        let b64: String = rest[..end_index]
            .chars()
            .filter(|&c| c != ' ' && c != '\t')
            .collect();
        let Ok(der) = go_std_decode(&b64) else {
            continue;
        };
        return Some(Block {
            kind: kind.to_string(),
            der,
        });
    }
}

/// Go's `base64.StdEncoding.DecodeString`, with its error text
/// (`illegal base64 data at input byte N`). `\r` and `\n` are skipped.
pub fn go_std_decode(src: &str) -> Result<Vec<u8>, String> {
    let src = src.as_bytes();
    let bad = |at: usize| Err(format!("illegal base64 data at input byte {at}"));
    let value = |c: u8| -> Option<u8> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        })
    };
    let skip_newlines = |mut si: usize| {
        while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
            si += 1;
        }
        si
    };
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    loop {
        let mut dbuf = [0u8; 4];
        let mut dlen = 4;
        let mut j = 0;
        let mut trailing_err = None;
        while j < 4 {
            if si == src.len() {
                if j == 0 {
                    return Ok(out);
                }
                // Standard encoding requires padding.
                return bad(si - j);
            }
            let c = src[si];
            si += 1;
            if let Some(v) = value(c) {
                dbuf[j] = v;
                j += 1;
                continue;
            }
            if c == b'\n' || c == b'\r' {
                continue;
            }
            if c != b'=' {
                return bad(si - 1);
            }
            match j {
                0 | 1 => return bad(si - 1),
                2 => {
                    si = skip_newlines(si);
                    if si == src.len() {
                        return bad(src.len());
                    }
                    if src[si] != b'=' {
                        return bad(si - 1);
                    }
                    si += 1;
                }
                _ => {}
            }
            si = skip_newlines(si);
            if si < src.len() {
                trailing_err = Some(si);
            }
            dlen = j;
            break;
        }
        let val = (u32::from(dbuf[0]) << 18)
            | (u32::from(dbuf[1]) << 12)
            | (u32::from(dbuf[2]) << 6)
            | u32::from(dbuf[3]);
        let bytes = [(val >> 16) as u8, (val >> 8) as u8, val as u8];
        out.extend_from_slice(&bytes[..dlen - 1]);
        if let Some(at) = trailing_err {
            return bad(at);
        }
        if dlen < 4 {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pem_round_trip() {
        let text = encode("TEST", &[1u8; 100]);
        assert!(text.starts_with("-----BEGIN TEST-----\n"));
        assert_eq!(text.lines().nth(1).unwrap().len(), 64);
        let b = decode(&format!("junk\n{text}more")).unwrap();
        assert_eq!(b.kind, "TEST");
        assert_eq!(b.der, vec![1u8; 100]);
        assert!(decode("-----BEGIN X-----\n!!\n-----END X-----\n").is_none());
        assert!(decode("no pem here").is_none());
    }

    #[test]
    fn base64_errors_match_go() {
        assert_eq!(go_std_decode("YWJj").unwrap(), b"abc");
        assert_eq!(go_std_decode("YW\nJj\r\n").unwrap(), b"abc");
        assert_eq!(go_std_decode("YQ==").unwrap(), b"a");
        assert_eq!(go_std_decode("").unwrap(), b"");
        let err = |s: &str| go_std_decode(s).unwrap_err();
        assert_eq!(err("!!"), "illegal base64 data at input byte 0");
        assert_eq!(err("YQ"), "illegal base64 data at input byte 0");
        assert_eq!(err("YWJ"), "illegal base64 data at input byte 0");
        assert_eq!(err("YQ="), "illegal base64 data at input byte 3");
        assert_eq!(err("YQ==YQ=="), "illegal base64 data at input byte 4");
        assert_eq!(err("Y==="), "illegal base64 data at input byte 1");
    }
}
