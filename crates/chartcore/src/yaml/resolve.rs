//! YAML 1.1 implicit typing as go-yaml v2 `resolve.go` does it: what a plain
//! scalar means, and which strings the encoder must quote.

/// Long tag names (`!!str` is `tag:yaml.org,2002:str` after parsing).
pub(crate) const STR_TAG: &str = "tag:yaml.org,2002:str";
pub(crate) const BOOL_TAG: &str = "tag:yaml.org,2002:bool";
pub(crate) const INT_TAG: &str = "tag:yaml.org,2002:int";
pub(crate) const FLOAT_TAG: &str = "tag:yaml.org,2002:float";
pub(crate) const NULL_TAG: &str = "tag:yaml.org,2002:null";
pub(crate) const TIMESTAMP_TAG: &str = "tag:yaml.org,2002:timestamp";
pub(crate) const BINARY_TAG: &str = "tag:yaml.org,2002:binary";
pub(crate) const MERGE_TAG: &str = "tag:yaml.org,2002:merge";

const LONG_TAG_PREFIX: &str = "tag:yaml.org,2002:";

/// A resolved scalar (go-yaml's `resolve` result value).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Scalar {
    Null,
    Bool(bool),
    /// Go `int` (or `int64`; both are 64 bits here).
    Int(i64),
    /// Go `uint64` (integers above `i64::MAX`).
    Uint(u64),
    Float(f64),
    /// The input text itself (also timestamps, which decode as strings).
    Str,
}

/// go-yaml's `shortTag`: `tag:yaml.org,2002:x` → `!!x`.
pub(crate) fn short_tag(tag: &str) -> String {
    match tag.strip_prefix(LONG_TAG_PREFIX) {
        Some(rest) => format!("!!{rest}"),
        None => tag.to_string(),
    }
}

fn resolvable_tag(tag: &str) -> bool {
    matches!(
        tag,
        "" | STR_TAG | BOOL_TAG | INT_TAG | FLOAT_TAG | NULL_TAG | TIMESTAMP_TAG
    )
}

/// Words with a fixed meaning (go-yaml v2's `resolveMap`).
fn lookup_word(s: &str) -> Option<(&'static str, Scalar)> {
    Some(match s {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            (BOOL_TAG, Scalar::Bool(true))
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            (BOOL_TAG, Scalar::Bool(false))
        }
        "" | "~" | "null" | "Null" | "NULL" => (NULL_TAG, Scalar::Null),
        ".nan" | ".NaN" | ".NAN" => (FLOAT_TAG, Scalar::Float(f64::NAN)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            (FLOAT_TAG, Scalar::Float(f64::INFINITY))
        }
        "-.inf" | "-.Inf" | "-.INF" => (FLOAT_TAG, Scalar::Float(f64::NEG_INFINITY)),
        "<<" => (MERGE_TAG, Scalar::Str),
        _ => return None,
    })
}

/// The first-character hint of go-yaml's `resolveTable`.
fn hint(s: &str) -> u8 {
    match s.as_bytes().first() {
        None => b'N',
        Some(b'+' | b'-') => b'S',
        Some(b'0'..=b'9') => b'D',
        Some(b'y' | b'Y' | b'n' | b'N' | b't' | b'T' | b'f' | b'F' | b'o' | b'O' | b'~') => b'M',
        Some(b'.') => b'.',
        Some(_) => 0,
    }
}

/// go-yaml v2 `resolve(tag, in)`: the resolved tag and value, or the
/// `cannot decode ...` failure text.
pub(crate) fn resolve(tag: &str, s: &str) -> Result<(&'static str, Scalar), String> {
    if !resolvable_tag(tag) {
        // Unknown tags (and !!binary) keep the text; the caller handles them.
        return Ok(("", Scalar::Str));
    }
    let (rtag, value) = resolve_untyped(tag, s);
    if tag.is_empty() || tag == rtag || tag == STR_TAG {
        return Ok((rtag, value));
    }
    if tag == FLOAT_TAG
        && let Scalar::Int(i) = value
    {
        return Ok((FLOAT_TAG, Scalar::Float(i as f64)));
    }
    Err(format!(
        "cannot decode {} `{}` as a {}",
        short_tag(rtag),
        s,
        short_tag(tag)
    ))
}

fn resolve_untyped(tag: &str, s: &str) -> (&'static str, Scalar) {
    let h = hint(s);
    if h == 0 || tag == STR_TAG {
        return (STR_TAG, Scalar::Str);
    }
    if let Some(found) = lookup_word(s) {
        return found;
    }
    match h {
        b'.' => {
            if let Some(f) = go_parse_float(s) {
                return (FLOAT_TAG, Scalar::Float(f));
            }
        }
        b'D' | b'S' => {
            if (tag.is_empty() || tag == TIMESTAMP_TAG) && is_timestamp(s) {
                return (TIMESTAMP_TAG, Scalar::Str);
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if let Ok(i) = parse_int(&plain, 0) {
                return (INT_TAG, Scalar::Int(i));
            }
            if let Ok(u) = parse_uint(&plain, 0) {
                return (INT_TAG, Scalar::Uint(u));
            }
            if is_yaml_style_float(&plain)
                && let Some(f) = go_parse_float(&plain)
            {
                return (FLOAT_TAG, Scalar::Float(f));
            }
            if let Some(bits) = plain.strip_prefix("0b") {
                if let Ok(i) = parse_int(bits, 2) {
                    return (INT_TAG, Scalar::Int(i));
                }
                if let Ok(u) = parse_uint(bits, 2) {
                    return (INT_TAG, Scalar::Uint(u));
                }
            } else if let Some(bits) = plain.strip_prefix("-0b")
                && let Ok(i) = parse_int(&format!("-{bits}"), 2)
            {
                return (INT_TAG, Scalar::Int(i));
            }
        }
        _ => {}
    }
    (STR_TAG, Scalar::Str)
}

/// Whether go-yaml's encoder may write `s` as a plain scalar: it must read
/// back as a string (YAML 1.1) and not look like a base 60 float.
pub(crate) fn plain_is_string(s: &str) -> bool {
    matches!(resolve_untyped("", s), (STR_TAG, Scalar::Str)) && !is_base60_float(s)
}

/// go-yaml's `isBase60Float`: `^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$`.
pub(crate) fn is_base60_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return false;
    }
    i += 1;
    while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
        i += 1;
    }
    let mut groups = 0;
    while b.get(i) == Some(&b':') {
        i += 1;
        // [0-5]?[0-9]: one or two digits, the first of two at most 5.
        let d1 = b.get(i).copied();
        let d2 = b.get(i + 1).copied();
        match (d1, d2) {
            (Some(a @ b'0'..=b'5'), Some(b'0'..=b'9')) if a <= b'5' => i += 2,
            (Some(b'0'..=b'9'), _) => i += 1,
            _ => return false,
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if b.get(i) == Some(&b'.') {
        i += 1;
        while b.get(i).is_some_and(|c| c.is_ascii_digit() || *c == b'_') {
            i += 1;
        }
    }
    i == b.len()
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_style_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go `strconv.ParseFloat(s, 64)` for decimal text; `None` on a syntax
/// error or overflow (Go's ErrRange), as go-yaml only keeps error-free results.
fn go_parse_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    // Rust also accepts "inf"/"nan" words and Go accepts hex floats; callers
    // only pass text starting with a digit, sign or '.', so reject letters
    // other than an exponent marker.
    if b.iter()
        .any(|c| !(c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-')))
    {
        return None;
    }
    let f: f64 = s.parse().ok()?;
    f.is_finite().then_some(f)
}

/// Why an integer did not parse (Go's ErrSyntax / ErrRange).
#[derive(Debug, PartialEq)]
pub(crate) enum IntError {
    Syntax,
    Range,
}

/// Go `strconv.ParseUint(s, base, 64)` for base 0 (prefix-detected) or an
/// explicit base, without underscores (go-yaml strips them first).
pub(crate) fn parse_uint(s: &str, base: u32) -> Result<u64, IntError> {
    let (digits, radix) = if base == 0 {
        let b = s.as_bytes();
        if b.len() >= 2 && b[0] == b'0' {
            match b[1] {
                b'x' | b'X' => (&s[2..], 16),
                b'o' | b'O' => (&s[2..], 8),
                b'b' | b'B' => (&s[2..], 2),
                _ => (&s[1..], 8),
            }
        } else {
            (s, 10)
        }
    } else {
        (s, base)
    };
    if digits.is_empty() {
        return Err(IntError::Syntax);
    }
    let mut n: u64 = 0;
    let mut overflow = false;
    for c in digits.chars() {
        let d = c.to_digit(radix).ok_or(IntError::Syntax)?;
        match n
            .checked_mul(radix as u64)
            .and_then(|v| v.checked_add(d as u64))
        {
            Some(v) => n = v,
            None => overflow = true,
        }
    }
    if overflow {
        Err(IntError::Range)
    } else {
        Ok(n)
    }
}

/// Go `strconv.ParseInt(s, base, 64)` (see [`parse_uint`]).
pub(crate) fn parse_int(s: &str, base: u32) -> Result<i64, IntError> {
    if s.is_empty() {
        return Err(IntError::Syntax);
    }
    let (neg, body) = match s.as_bytes()[0] {
        b'+' => (false, &s[1..]),
        b'-' => (true, &s[1..]),
        _ => (false, s),
    };
    let u = parse_uint(body, base)?;
    if neg {
        if u > 1u64 << 63 {
            Err(IntError::Range)
        } else {
            Ok((u as i64).wrapping_neg())
        }
    } else if u > i64::MAX as u64 {
        Err(IntError::Range)
    } else {
        Ok(u as i64)
    }
}

/// go-yaml's `parseTimestamp`: `YYYY-` then one of Go's layouts
/// `2006-1-2T15:4:5.999999999Z07:00`, the same with `t`,
/// `2006-1-2 15:4:5.999999999`, or `2006-1-2`, with `time.Parse` range checks.
pub(crate) fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let year_digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if year_digits != 4 || b.len() == 4 || b[4] != b'-' {
        return false;
    }
    [Some(b'T'), Some(b't'), Some(b' '), None]
        .into_iter()
        .any(|sep| parse_layout(b, sep))
}

/// Go `getnum(s, false)`: one or two digits.
fn getnum(b: &[u8], i: &mut usize) -> Option<u32> {
    let d1 = *b.get(*i).filter(|c| c.is_ascii_digit())?;
    *i += 1;
    match b.get(*i) {
        Some(d2) if d2.is_ascii_digit() => {
            *i += 1;
            Some(((d1 - b'0') * 10 + (d2 - b'0')) as u32)
        }
        _ => Some((d1 - b'0') as u32),
    }
}

fn expect(b: &[u8], i: &mut usize, c: u8) -> Option<()> {
    (b.get(*i) == Some(&c)).then(|| *i += 1)
}

/// One timestamp layout; `sep` is the date/time separator (`None` = date only).
fn parse_layout(b: &[u8], sep: Option<u8>) -> bool {
    (|| -> Option<()> {
        let year: i64 = std::str::from_utf8(&b[..4]).ok()?.parse().ok()?;
        let mut i = 4;
        expect(b, &mut i, b'-')?;
        let month = getnum(b, &mut i)?;
        if !(1..=12).contains(&month) {
            return None;
        }
        expect(b, &mut i, b'-')?;
        let day = getnum(b, &mut i)?;
        if let Some(sep) = sep {
            expect(b, &mut i, sep)?;
            // Go's `time.Parse` takes a run of spaces for a layout space.
            if sep == b' ' {
                while b.get(i) == Some(&b' ') {
                    i += 1;
                }
            }
            let hour = getnum(b, &mut i)?;
            if hour >= 24 {
                return None;
            }
            expect(b, &mut i, b':')?;
            if getnum(b, &mut i)? >= 60 {
                return None;
            }
            expect(b, &mut i, b':')?;
            if getnum(b, &mut i)? >= 60 {
                return None;
            }
            // Optional fraction: a '.' or ',' followed by digits.
            if matches!(b.get(i), Some(b'.' | b',')) && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
                while b.get(i).is_some_and(u8::is_ascii_digit) {
                    i += 1;
                }
            }
            if sep != b' ' {
                parse_zone(b, &mut i)?;
            }
        }
        if i != b.len() {
            return None;
        }
        (day >= 1 && day <= days_in(month, year)).then_some(())
    })()
    .is_some()
}

/// Go's `Z07:00`: `Z`, or `±hh:mm`.
fn parse_zone(b: &[u8], i: &mut usize) -> Option<()> {
    if b.get(*i) == Some(&b'Z') {
        *i += 1;
        return Some(());
    }
    let z = b.get(*i..*i + 6)?;
    if !matches!(z[0], b'+' | b'-') || z[3] != b':' {
        return None;
    }
    let two = |p: &[u8]| -> Option<u32> {
        (p[0].is_ascii_digit() && p[1].is_ascii_digit())
            .then(|| ((p[0] - b'0') * 10 + (p[1] - b'0')) as u32)
    };
    let hh = two(&z[1..3])?;
    let mm = two(&z[4..6])?;
    if hh > 24 || mm > 60 {
        return None;
    }
    *i += 6;
    Some(())
}

fn days_in(month: u32, year: i64) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base60_matches_go_regexp() {
        for s in ["12:30", "1:30:00", "-1:30", "190:20:30.15", "1_0:5", "12:5"] {
            assert!(is_base60_float(s), "{s}");
        }
        for s in ["12:60", "12:", ":30", "a:30", "12:30a", "12"] {
            assert!(!is_base60_float(s), "{s}");
        }
    }

    #[test]
    fn timestamps_follow_go_time_parse() {
        for s in [
            "2024-01-02",
            "2024-1-2",
            "2024-02-29",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14T21:59:43Z",
            "2001-12-14 21:59:43.10",
            "2001-12-14  21:59:43",
        ] {
            assert!(is_timestamp(s), "{s}");
        }
        for s in [
            "2024-13-01",
            "2023-02-29",
            "2001-12-14T25:59:43Z",
            "2001-12-14 21:59:43.10 -5",
            "20011-12-14",
            "2001-12-14T21:59",
        ] {
            assert!(!is_timestamp(s), "{s}");
        }
    }

    #[test]
    fn integers_follow_go_parse_int() {
        assert_eq!(parse_int("0x1F", 0), Ok(31));
        assert_eq!(parse_int("017", 0), Ok(15));
        assert_eq!(parse_int("08", 0), Err(IntError::Syntax));
        assert_eq!(parse_int("-9223372036854775808", 0), Ok(i64::MIN));
        assert_eq!(parse_int("9223372036854775808", 0), Err(IntError::Range));
        assert_eq!(parse_uint("+1", 0), Err(IntError::Syntax));
    }
}
