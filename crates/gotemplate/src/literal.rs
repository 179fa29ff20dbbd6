//! Go literal syntax: string and character unquoting (`strconv.Unquote`,
//! `strconv.UnquoteChar`) and number constants (`parse.NewNumber` on top of
//! `strconv.ParseInt/ParseUint/ParseFloat` with base 0).

use crate::ast::NumberNode;
use crate::lex::{Pos, TokenKind};

/// Go's `strconv.ErrSyntax`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyntaxError;

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("invalid syntax")
    }
}

/// `strconv.Unquote` for double-quoted and back-quoted literals.
pub fn unquote(s: &str) -> Result<String, SyntaxError> {
    let b = s.as_bytes();
    if b.len() < 2 {
        return Err(SyntaxError);
    }
    let quote = b[0];
    if quote != b[b.len() - 1] {
        return Err(SyntaxError);
    }
    let body = &s[1..s.len() - 1];
    match quote {
        b'`' => {
            if body.contains('`') {
                return Err(SyntaxError);
            }
            // Raw strings drop carriage returns.
            Ok(body.replace('\r', ""))
        }
        b'"' => {
            if body.contains('\n') {
                return Err(SyntaxError);
            }
            // Escapes may spell bytes (`\xc3\xa9`); collect bytes and decode
            // once, so valid sequences survive. Go strings may hold invalid
            // UTF-8: such bytes are carried as `gostr` escapes.
            let mut out: Vec<u8> = Vec::with_capacity(body.len());
            let mut rest = body;
            while !rest.is_empty() {
                let (c, tail) = unquote_char(rest, b'"')?;
                match c {
                    Unquoted::Char(c) => {
                        let mut buf = [0; 4];
                        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                    }
                    Unquoted::Byte(b) => out.push(b),
                }
                rest = tail;
            }
            Ok(String::from_utf8(out)
                .unwrap_or_else(|e| crate::gostr::from_go_bytes(e.as_bytes()).into_owned()))
        }
        _ => Err(SyntaxError),
    }
}

/// One decoded element of a quoted literal.
pub enum Unquoted {
    /// A character, written as itself or as a `\u`, `\U` or simple escape.
    Char(char),
    /// A byte from an octal or `\x` escape; consecutive ones may spell one
    /// UTF-8 character (`\xc3\xa9`).
    Byte(u8),
}

/// `strconv.UnquoteChar`: decodes the first character or escape of `s`.
pub fn unquote_char(s: &str, quote: u8) -> Result<(Unquoted, &str), SyntaxError> {
    let mut chars = s.chars();
    let c = chars.next().ok_or(SyntaxError)?;
    if c as u32 == quote as u32 && (quote == b'\'' || quote == b'"') {
        return Err(SyntaxError);
    }
    if c != '\\' {
        return Ok((Unquoted::Char(c), chars.as_str()));
    }
    let rest = chars.as_str();
    let e = rest.as_bytes().first().copied().ok_or(SyntaxError)?;
    // Escapes are ASCII; a backslash before anything else is a syntax error.
    let tail = rest.get(1..).ok_or(SyntaxError)?;
    let simple = |c: char| Ok((Unquoted::Char(c), tail));
    match e {
        b'a' => simple('\x07'),
        b'b' => simple('\x08'),
        b'f' => simple('\x0c'),
        b'n' => simple('\n'),
        b'r' => simple('\r'),
        b't' => simple('\t'),
        b'v' => simple('\x0b'),
        b'\\' => simple('\\'),
        b'\'' | b'"' => {
            if e != quote {
                return Err(SyntaxError);
            }
            simple(e as char)
        }
        b'x' | b'u' | b'U' => {
            let n = match e {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            if tail.len() < n || !tail.is_char_boundary(n) {
                return Err(SyntaxError);
            }
            let v = u32::from_str_radix(&tail[..n], 16).map_err(|_| SyntaxError)?;
            if !tail[..n].bytes().all(|b| b.is_ascii_hexdigit()) {
                return Err(SyntaxError);
            }
            let tail = &tail[n..];
            if e == b'x' {
                return Ok((Unquoted::Byte(v as u8), tail));
            }
            let c = char::from_u32(v).ok_or(SyntaxError)?;
            Ok((Unquoted::Char(c), tail))
        }
        b'0'..=b'7' => {
            if rest.len() < 3
                || !rest.as_bytes()[..3]
                    .iter()
                    .all(|b| (b'0'..=b'7').contains(b))
            {
                return Err(SyntaxError);
            }
            let v = u32::from_str_radix(&rest[..3], 8).map_err(|_| SyntaxError)?;
            if v > 255 {
                return Err(SyntaxError);
            }
            Ok((Unquoted::Byte(v as u8), &rest[3..]))
        }
        _ => Err(SyntaxError),
    }
}

/// `strconv.ParseUint(s, 0, 64)`.
pub fn parse_uint(s: &str) -> Option<u64> {
    if s.is_empty() || !crate::strconv::underscore_ok(s) {
        return None;
    }
    let (radix, digits) = if let Some(r) = s.strip_prefix("0x").or_else(|| s.strip_prefix("0X")) {
        (16, r)
    } else if let Some(r) = s.strip_prefix("0o").or_else(|| s.strip_prefix("0O")) {
        (8, r)
    } else if let Some(r) = s.strip_prefix("0b").or_else(|| s.strip_prefix("0B")) {
        (2, r)
    } else if s.len() > 1 && s.starts_with('0') {
        (8, &s[1..])
    } else {
        (10, s)
    };
    let digits: String = digits.chars().filter(|&c| c != '_').collect();
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    u64::from_str_radix(&digits, radix).ok()
}

/// `strconv.ParseInt(s, 0, 64)`.
pub fn parse_int(s: &str) -> Option<i64> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(body)?;
    if neg {
        if u <= i64::MAX as u64 + 1 {
            Some((u as i64).wrapping_neg())
        } else {
            None
        }
    } else if u <= i64::MAX as u64 {
        Some(u as i64)
    } else {
        None
    }
}

/// `strconv.ParseFloat(s, 64)` for the literal forms the lexer produces.
pub fn parse_float(s: &str) -> Option<f64> {
    if !crate::strconv::underscore_ok(s) {
        return None;
    }
    let clean: String = s.chars().filter(|&c| c != '_').collect();
    let (neg, body) = match clean.as_bytes().first() {
        Some(b'-') => (true, &clean[1..]),
        Some(b'+') => (false, &clean[1..]),
        _ => (false, &clean[..]),
    };
    let v = if let Some(hex) = body.strip_prefix("0x").or_else(|| body.strip_prefix("0X")) {
        parse_hex_float(hex)?
    } else {
        if body.is_empty()
            || !body
                .bytes()
                .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        {
            return None;
        }
        let v: f64 = body.parse().ok()?;
        if v.is_infinite() {
            return None;
        }
        v
    };
    Some(if neg { -v } else { v })
}

/// Hex float `m[.m]p±e` (the exponent is required, as in Go).
fn parse_hex_float(s: &str) -> Option<f64> {
    let (mant, exp) = s.split_once(['p', 'P'])?;
    let exp: i32 = exp.parse().ok()?;
    let (int, frac) = mant.split_once('.').unwrap_or((mant, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in int.chars() {
        v = v * 16.0 + c.to_digit(16)? as f64;
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        v += c.to_digit(16)? as f64 * scale;
        scale /= 16.0;
    }
    Some(v * 2f64.powi(exp))
}

/// Go's `parse.NewNumber`: every valid interpretation of a numeric token.
pub fn number(pos: Pos, text: &str, kind: TokenKind) -> Result<NumberNode, String> {
    let mut n = NumberNode {
        pos,
        text: text.to_string(),
        ..NumberNode::default()
    };
    match kind {
        TokenKind::CharConstant => {
            let inner = &text[1..];
            let (c, tail) = unquote_char(inner, b'\'').map_err(|e| e.to_string())?;
            if tail != "'" {
                return Err(format!("malformed character constant: {text}"));
            }
            let v = match c {
                Unquoted::Char(c) => c as u32,
                Unquoted::Byte(b) => b as u32,
            };
            n.int = v as i64;
            n.is_int = true;
            n.uint = v as u64;
            n.is_uint = true;
            n.float = v as f64;
            n.is_float = true;
            return Ok(n);
        }
        TokenKind::Complex => {
            return parse_complex(&mut n, text).map(|_| n);
        }
        _ => {}
    }
    if let Some(stripped) = text.strip_suffix('i')
        && let Some(f) = parse_float(stripped)
    {
        n.is_complex = true;
        n.complex = (0.0, f);
        simplify_complex(&mut n);
        return Ok(n);
    }
    let u = parse_uint(text);
    if let Some(u) = u {
        n.is_uint = true;
        n.uint = u;
    }
    if let Some(i) = parse_int(text) {
        n.is_int = true;
        n.int = i;
        if i == 0 {
            // In case of -0.
            n.is_uint = true;
            n.uint = 0;
        }
    }
    if n.is_int {
        n.is_float = true;
        n.float = n.int as f64;
    } else if n.is_uint {
        n.is_float = true;
        n.float = n.uint as f64;
    } else if let Some(f) = parse_float(text) {
        // Parsed as a float but looks like an integer: too large to fit.
        if !text.contains(['.', 'e', 'E', 'p', 'P']) {
            return Err(format!("integer overflow: {}", crate::strconv::quote(text)));
        }
        n.is_float = true;
        n.float = f;
        if !n.is_int && (f as i64) as f64 == f {
            n.is_int = true;
            n.int = f as i64;
        }
        if !n.is_uint && f >= 0.0 && (f as u64) as f64 == f {
            n.is_uint = true;
            n.uint = f as u64;
        }
    }
    if !n.is_int && !n.is_uint && !n.is_float {
        return Err(format!(
            "illegal number syntax: {}",
            crate::strconv::quote(text)
        ));
    }
    Ok(n)
}

fn parse_complex(n: &mut NumberNode, text: &str) -> Result<(), String> {
    // Forms the lexer yields: `1+2i`, `-1.5-2e3i`: split at the sign that starts the imaginary part.
    let bytes = text.as_bytes();
    let split = (1..bytes.len())
        .rev()
        .find(|&i| {
            matches!(bytes[i], b'+' | b'-') && !matches!(bytes[i - 1], b'e' | b'E' | b'p' | b'P')
        })
        .ok_or_else(|| "expected integer".to_string())?;
    let re = parse_float(&text[..split]).ok_or("expected integer")?;
    let im = parse_float(text[split..].trim_end_matches('i')).ok_or("expected integer")?;
    n.is_complex = true;
    n.complex = (re, im);
    simplify_complex(n);
    Ok(())
}

/// A complex constant with no imaginary part is also a float (and maybe an int).
fn simplify_complex(n: &mut NumberNode) {
    if n.complex.1 == 0.0 {
        n.is_float = true;
        n.float = n.complex.0;
        if (n.float as i64) as f64 == n.float {
            n.is_int = true;
            n.int = n.float as i64;
        }
        if n.float >= 0.0 && (n.float as u64) as f64 == n.float {
            n.is_uint = true;
            n.uint = n.float as u64;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unquotes_go_strings() {
        assert_eq!(unquote(r#""a\tb\n\x41\u00e9\101""#).unwrap(), "a\tb\nAéA");
        assert_eq!(unquote("`a\\n`").unwrap(), "a\\n");
        assert!(unquote(r#""\q""#).is_err());
        assert!(unquote(r#""\'""#).is_err());
        assert!(unquote("\"\\\u{80bd}\"").is_err());
    }

    #[test]
    fn parses_numbers_like_go() {
        let n = number(0, "0x1F", TokenKind::Number).unwrap();
        assert!(n.is_int && n.int == 31);
        let n = number(0, "017", TokenKind::Number).unwrap();
        assert_eq!(n.int, 15);
        let n = number(0, "1_000", TokenKind::Number).unwrap();
        assert_eq!(n.int, 1000);
        let n = number(0, "1e3", TokenKind::Number).unwrap();
        assert!(n.is_float && n.is_int && n.int == 1000);
        let n = number(0, "'a'", TokenKind::CharConstant).unwrap();
        assert_eq!(n.int, 97);
        assert_eq!(
            number(0, "99999999999999999999", TokenKind::Number).unwrap_err(),
            "integer overflow: \"99999999999999999999\""
        );
        assert_eq!(
            number(0, "09", TokenKind::Number).unwrap_err(),
            "integer overflow: \"09\""
        );
        assert!(number(0, "1__0", TokenKind::Number).is_err());
    }
}
