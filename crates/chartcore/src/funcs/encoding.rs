//! Sprig's encodings and checksums: `b64enc`, `b64dec`, `b32enc`, `b32dec`,
//! `sha1sum`, `sha256sum`, `sha512sum`, `adler32sum`.
//!
//! The decoders are ports of Go's `encoding/base64` and `encoding/base32`
//! standard encodings: Sprig returns a decoding error's text as the result,
//! so the byte offsets in `illegal base64 data at input byte N` must match.

use gotemplate::gostr;
use gotemplate::{FuncMap, GoType, Value};
use sha1::Digest;

use super::{def, s};

pub(super) fn register(m: &mut FuncMap) {
    let string = &[GoType::String];
    def(m, "b64enc", string, |a| {
        Ok(Value::str(base64_encode(&gostr::to_go_bytes(s(&a[0])))))
    });
    def(m, "b64dec", string, |a| {
        Ok(Value::str(
            match base64_decode(&gostr::to_go_bytes(s(&a[0]))) {
                Ok(data) => gostr::from_go_bytes(&data).into_owned(),
                Err(at) => format!("illegal base64 data at input byte {at}"),
            },
        ))
    });
    def(m, "b32enc", string, |a| {
        Ok(Value::str(base32_encode(&gostr::to_go_bytes(s(&a[0])))))
    });
    def(m, "b32dec", string, |a| {
        Ok(Value::str(
            match base32_decode(&gostr::to_go_bytes(s(&a[0]))) {
                Ok(data) => gostr::from_go_bytes(&data).into_owned(),
                Err(at) => format!("illegal base32 data at input byte {at}"),
            },
        ))
    });
    def(m, "sha1sum", string, |a| {
        Ok(Value::str(hex(&sha1::Sha1::digest(gostr::to_go_bytes(s(
            &a[0],
        ))))))
    });
    def(m, "sha256sum", string, |a| {
        Ok(Value::str(hex(&sha2::Sha256::digest(gostr::to_go_bytes(
            s(&a[0]),
        )))))
    });
    def(m, "sha512sum", string, |a| {
        Ok(Value::str(hex(&sha2::Sha512::digest(gostr::to_go_bytes(
            s(&a[0]),
        )))))
    });
    def(m, "adler32sum", string, |a| {
        Ok(Value::str(
            adler32(&gostr::to_go_bytes(s(&a[0]))).to_string(),
        ))
    });
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const PAD: u8 = b'=';
const INVALID: u8 = 0xff;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// zlib's Adler-32, as Go's `hash/adler32`.
fn adler32(data: &[u8]) -> u32 {
    const MOD: u32 = 65521;
    let (mut a, mut b) = (1u32, 0u32);
    // 5552 bytes is the most that can be summed before `b` may overflow.
    for chunk in data.chunks(5552) {
        for &byte in chunk {
            a += u32::from(byte);
            b += a;
        }
        a %= MOD;
        b %= MOD;
    }
    (b << 16) | a
}

fn decode_map(alphabet: &[u8]) -> [u8; 256] {
    let mut map = [INVALID; 256];
    for (i, &c) in alphabet.iter().enumerate() {
        map[usize::from(c)] = i as u8;
    }
    map
}

/// `base64.StdEncoding.EncodeToString`.
pub(crate) fn base64_encode(src: &[u8]) -> String {
    let mut out = String::with_capacity(src.len().div_ceil(3) * 4);
    for chunk in src.chunks(3) {
        let val = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, &b)| acc | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(BASE64[(val >> (18 - 6 * i) & 0x3f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `base64.StdEncoding.DecodeString`: the data, or the offset Go reports in
/// its `CorruptInputError`. Newlines are skipped; trailing bits are ignored.
pub(crate) fn base64_decode(src: &[u8]) -> Result<Vec<u8>, usize> {
    let map = decode_map(BASE64);
    let mut out = Vec::with_capacity(src.len() / 4 * 3);
    let mut si = 0;
    while si < src.len() {
        let (next, quantum) = base64_quantum(&map, src, si)?;
        out.extend_from_slice(&quantum);
        si = next;
    }
    Ok(out)
}

/// Go's `decodeQuantum`: decodes one group of four symbols starting at `si`.
/// Trailing garbage after padding is reported after the group's bytes, but
/// `DecodeString`'s caller only sees the error.
fn base64_quantum(map: &[u8; 256], src: &[u8], mut si: usize) -> Result<(usize, Vec<u8>), usize> {
    let mut dbuf = [0u8; 4];
    let mut dlen = 4;
    let mut j = 0;
    while j < 4 {
        if si == src.len() {
            if j == 0 {
                return Ok((si, Vec::new()));
            }
            // Standard encoding requires padding.
            return Err(si - j);
        }
        let c = src[si];
        si += 1;
        let v = map[usize::from(c)];
        if v != INVALID {
            dbuf[j] = v;
            j += 1;
            continue;
        }
        if c == b'\n' || c == b'\r' {
            continue;
        }
        if c != PAD {
            return Err(si - 1);
        }
        match j {
            0 | 1 => return Err(si - 1),
            2 => {
                // "==" is expected; the first "=" is consumed.
                while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
                    si += 1;
                }
                if si == src.len() {
                    return Err(src.len());
                }
                if src[si] != PAD {
                    return Err(si - 1);
                }
                si += 1;
            }
            _ => {}
        }
        while si < src.len() && (src[si] == b'\n' || src[si] == b'\r') {
            si += 1;
        }
        if si < src.len() {
            return Err(si);
        }
        dlen = j;
        break;
    }
    let val = u32::from(dbuf[0]) << 18
        | u32::from(dbuf[1]) << 12
        | u32::from(dbuf[2]) << 6
        | u32::from(dbuf[3]);
    let bytes = [(val >> 16) as u8, (val >> 8) as u8, val as u8];
    Ok((si, bytes[..dlen - 1].to_vec()))
}

/// `base32.StdEncoding.EncodeToString`.
fn base32_encode(src: &[u8]) -> String {
    let mut out = String::with_capacity(src.len().div_ceil(5) * 8);
    for chunk in src.chunks(5) {
        let val = chunk
            .iter()
            .enumerate()
            .fold(0u64, |acc, (i, &b)| acc | u64::from(b) << (32 - 8 * i));
        // Symbols that carry bits of the chunk; the rest is padding.
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                out.push(char::from(BASE32[(val >> (35 - 5 * i) & 0x1f) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// `base32.StdEncoding.DecodeString`: newlines are removed first, so error
/// offsets count the input without them.
fn base32_decode(input: &[u8]) -> Result<Vec<u8>, usize> {
    let map = decode_map(BASE32);
    let src: Vec<u8> = input
        .iter()
        .copied()
        .filter(|&c| c != b'\n' && c != b'\r')
        .collect();
    let olen = src.len();
    let mut rest: &[u8] = &src;
    let mut out = Vec::with_capacity(olen / 8 * 5);
    let mut end = false;
    while !rest.is_empty() && !end {
        let mut dbuf = [0u8; 8];
        let mut dlen = 8;
        let mut j = 0;
        while j < 8 {
            let Some((&c, tail)) = rest.split_first() else {
                // The end came before the padding.
                return Err(olen - j);
            };
            rest = tail;
            if c == PAD && j >= 2 && rest.len() < 8 {
                if rest.len() + j < 7 {
                    return Err(olen);
                }
                for k in 0..7 - j {
                    if rest.len() > k && rest[k] != PAD {
                        return Err(olen - rest.len() + k - 1);
                    }
                }
                dlen = j;
                end = true;
                // 1, 3 and 6 symbols cannot encode whole bytes.
                if matches!(dlen, 1 | 3 | 6) {
                    return Err(olen - rest.len() - 1);
                }
                break;
            }
            dbuf[j] = map[usize::from(c)];
            if dbuf[j] == INVALID {
                return Err(olen - rest.len() - 1);
            }
            j += 1;
        }
        let val = dbuf.iter().fold(0u64, |acc, &d| acc << 5 | u64::from(d));
        let bytes = val.to_be_bytes();
        let n = match dlen {
            8 => 5,
            7 => 4,
            5 => 3,
            4 => 2,
            2 => 1,
            _ => 0,
        };
        out.extend_from_slice(&bytes[3..3 + n]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips() {
        for s in ["", "a", "ab", "abc", "abcd", "héllo wörld"] {
            assert_eq!(
                base64_decode(base64_encode(s.as_bytes()).as_bytes()).unwrap(),
                s.as_bytes()
            );
        }
        assert_eq!(base64_encode(b"hello"), "aGVsbG8=");
    }

    #[test]
    fn base64_errors_report_go_offsets() {
        assert_eq!(base64_decode(b"aGVsbG8"), Err(4));
        assert_eq!(base64_decode(b"YQ="), Err(3));
        assert_eq!(base64_decode(b"YQ=a"), Err(2));
        assert_eq!(base64_decode(b"YQ==YQ=="), Err(4));
        assert_eq!(base64_decode(b"YR==").unwrap(), b"a");
    }

    #[test]
    fn base32_round_trips_and_reports_go_offsets() {
        for s in ["", "a", "ab", "abc", "abcd", "abcde", "héllo"] {
            assert_eq!(
                base32_decode(base32_encode(s.as_bytes()).as_bytes()).unwrap(),
                s.as_bytes()
            );
        }
        assert_eq!(base32_encode(b"hello"), "NBSWY3DP");
        assert_eq!(base32_decode(b"ME====="), Err(7));
        assert_eq!(base32_decode(b"ME=====A"), Err(6));
        assert_eq!(base32_decode(b"MFR====="), Err(3));
    }

    #[test]
    fn adler32_matches_zlib() {
        assert_eq!(adler32(b""), 1);
        assert_eq!(adler32(b"Wikipedia"), 300_286_872);
        let long = vec![0xffu8; 100_000];
        // Reference computed with the textbook per-byte modulo.
        let (mut a, mut b) = (1u64, 0u64);
        for &x in &long {
            a = (a + u64::from(x)) % 65521;
            b = (b + a) % 65521;
        }
        assert_eq!(u64::from(adler32(&long)), b << 16 | a);
    }
}
