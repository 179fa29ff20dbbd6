//! Just enough DER to write certificates the way Go's `crypto/x509` lays
//! them out, and to walk the structures Sprig reads back (certificates, key
//! envelopes).

/// Universal tags.
pub const BOOLEAN: u8 = 0x01;
pub const INTEGER: u8 = 0x02;
pub const BIT_STRING: u8 = 0x03;
pub const OCTET_STRING: u8 = 0x04;
pub const NULL: u8 = 0x05;
pub const OID: u8 = 0x06;
pub const UTF8_STRING: u8 = 0x0c;
pub const PRINTABLE_STRING: u8 = 0x13;
pub const UTC_TIME: u8 = 0x17;
pub const GENERALIZED_TIME: u8 = 0x18;
pub const SEQUENCE: u8 = 0x30;
pub const SET: u8 = 0x31;

/// A TLV with a definite DER length.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|&&b| b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(content);
    out
}

pub fn sequence(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(SEQUENCE, &parts.concat())
}

pub fn set(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(SET, &parts.concat())
}

/// A non-negative INTEGER from big-endian magnitude bytes.
pub fn unsigned_integer(magnitude: &[u8]) -> Vec<u8> {
    let trimmed: &[u8] = {
        let skip = magnitude.iter().take_while(|&&b| b == 0).count();
        &magnitude[skip..]
    };
    let mut content = Vec::with_capacity(trimmed.len() + 1);
    if trimmed.first().is_none_or(|&b| b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(trimmed);
    tlv(INTEGER, &content)
}

pub fn small_integer(v: u8) -> Vec<u8> {
    unsigned_integer(&[v])
}

pub fn boolean(v: bool) -> Vec<u8> {
    tlv(BOOLEAN, &[if v { 0xff } else { 0 }])
}

pub fn null() -> Vec<u8> {
    tlv(NULL, &[])
}

pub fn octet_string(content: &[u8]) -> Vec<u8> {
    tlv(OCTET_STRING, content)
}

/// A BIT STRING of whole bytes.
pub fn bit_string(content: &[u8]) -> Vec<u8> {
    let mut c = Vec::with_capacity(content.len() + 1);
    c.push(0);
    c.extend_from_slice(content);
    tlv(BIT_STRING, &c)
}

/// A BIT STRING of flags numbered from the most significant bit of the first
/// byte, trailing zero bits trimmed (Go's `asn1.BitString` for key usage).
pub fn flag_bits(flags: &[u32]) -> Vec<u8> {
    let Some(&max) = flags.iter().max() else {
        return tlv(BIT_STRING, &[0]);
    };
    let bit_len = max as usize + 1;
    let mut bytes = vec![0u8; bit_len.div_ceil(8)];
    for &f in flags {
        bytes[f as usize / 8] |= 0x80 >> (f % 8);
    }
    let mut c = vec![(bytes.len() * 8 - bit_len) as u8];
    c.extend_from_slice(&bytes);
    tlv(BIT_STRING, &c)
}

/// An OBJECT IDENTIFIER from its arcs.
pub fn oid(arcs: &[u64]) -> Vec<u8> {
    tlv(OID, &oid_content(arcs))
}

pub fn oid_content(arcs: &[u64]) -> Vec<u8> {
    let mut c = Vec::new();
    let mut push = |mut v: u64| {
        let mut tmp = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            tmp.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        tmp.reverse();
        c.extend_from_slice(&tmp);
    };
    push(arcs[0] * 40 + arcs[1]);
    for &a in &arcs[2..] {
        push(a);
    }
    c
}

/// `[n]` context-specific: constructed (explicit) or primitive (implicit).
pub fn context(n: u8, constructed: bool, content: &[u8]) -> Vec<u8> {
    tlv(0x80 | if constructed { 0x20 } else { 0 } | n, content)
}

/// A TLV read from DER input.
#[derive(Clone, Copy, Debug)]
pub struct Element<'a> {
    pub tag: u8,
    /// The whole encoding (header and content).
    pub raw: &'a [u8],
    pub content: &'a [u8],
}

/// Reads the TLV at the start of `input`; returns it and the bytes after it.
pub fn read(input: &[u8]) -> Option<(Element<'_>, &[u8])> {
    let tag = *input.first()?;
    if tag & 0x1f == 0x1f {
        return None; // multi-byte tags do not occur in what we read
    }
    let first = *input.get(1)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            return None;
        }
        let bytes = input.get(2..2 + n)?;
        if bytes[0] == 0 {
            return None;
        }
        let len = bytes.iter().fold(0usize, |acc, &b| (acc << 8) | b as usize);
        if len < 0x80 {
            return None;
        }
        (len, 2 + n)
    };
    let end = header.checked_add(len)?;
    let raw = input.get(..end)?;
    Some((
        Element {
            tag,
            raw,
            content: &raw[header..],
        },
        &input[end..],
    ))
}

/// Reads a TLV that must carry `tag`.
pub fn expect(input: &[u8], tag: u8) -> Option<(Element<'_>, &[u8])> {
    let (e, rest) = read(input)?;
    (e.tag == tag).then_some((e, rest))
}

/// The elements of a constructed value's content.
pub fn children(content: &[u8]) -> Option<Vec<Element<'_>>> {
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (e, r) = read(rest)?;
        out.push(e);
        rest = r;
    }
    Some(out)
}

/// Go's `encoding/asn1` message when the outermost value of `input` is not
/// the SEQUENCE that `type_name` expects (`tags don't match ...`), or
/// `None` if it is a SEQUENCE.
pub fn go_sequence_mismatch(input: &[u8], type_name: &str) -> Option<String> {
    const PARAMS: &str = "{optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false}";
    let Some(&b) = input.first() else {
        return Some("asn1: syntax error: sequence truncated".into());
    };
    if b == SEQUENCE {
        return None;
    }
    let class = b >> 6;
    let compound = b & 0x20 != 0;
    let tag = b & 0x1f;
    let (len, header) = match input.get(1) {
        None => return Some("asn1: syntax error: data truncated".into()),
        Some(&l) if l < 0x80 => (l as usize, 2),
        Some(&l) => {
            let n = (l & 0x7f) as usize;
            match input.get(2..2 + n) {
                Some(bytes) if n > 0 => (
                    bytes.iter().fold(0usize, |acc, &x| (acc << 8) | x as usize),
                    2 + n,
                ),
                _ => return Some("asn1: syntax error: data truncated".into()),
            }
        }
    };
    if tag == 0x1f {
        return Some("asn1: syntax error: data truncated".into());
    }
    Some(format!(
        "asn1: structure error: tags don't match (16 vs {{class:{class} tag:{tag} length:{len} isCompound:{compound}}}) {PARAMS} {type_name} @{header}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_like_go() {
        assert_eq!(unsigned_integer(&[0x80]), [2, 2, 0, 0x80]);
        assert_eq!(unsigned_integer(&[0, 0, 5]), [2, 1, 5]);
        assert_eq!(unsigned_integer(&[]), [2, 1, 0]);
        assert_eq!(flag_bits(&[0, 2]), [3, 2, 5, 0xa0]);
        assert_eq!(flag_bits(&[0, 2, 5]), [3, 2, 2, 0xa4]);
        assert_eq!(
            oid(&[1, 2, 840, 113549, 1, 1, 11]),
            [6, 9, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 1, 11]
        );
        assert_eq!(tlv(4, &[0; 200])[..3], [4, 0x81, 200]);
    }

    #[test]
    fn reads_back() {
        let s = sequence(&[small_integer(1), octet_string(b"ab")]);
        let (e, rest) = expect(&s, SEQUENCE).unwrap();
        assert!(rest.is_empty());
        let kids = children(e.content).unwrap();
        assert_eq!(kids.len(), 2);
        assert_eq!(kids[1].content, b"ab");
        assert!(read(&[0x30, 0x81, 0x05]).is_none());
    }

    #[test]
    fn go_asn1_mismatch_text() {
        assert_eq!(
            go_sequence_mismatch(&[0, 0, 0], "pkcs1PrivateKey").unwrap(),
            "asn1: structure error: tags don't match (16 vs {class:0 tag:0 length:0 isCompound:false}) {optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false} pkcs1PrivateKey @2"
        );
        assert!(go_sequence_mismatch(&[0x30, 0], "x").is_none());
    }
}
