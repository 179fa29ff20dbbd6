//! The `format` checks of the JSON Schema library Helm uses, with its
//! verdicts and messages (`format.go`; where it defers to Go's standard
//! library — `time.Parse`, `strconv.Atoi`, `net/netip`, `net/url` — with
//! those packages' messages). They replace `boon`'s own checks; formats the
//! library does not know are not checked.

use std::error::Error;

use boon::{Compiler, Format};
use serde_json::Value as J;

use crate::funcs::urls;

type Check = Result<(), Box<dyn Error>>;
type Checker = fn(&J) -> Check;

/// Registers the library's formats (and turns off `boon`'s extra ones).
pub fn register(c: &mut Compiler) {
    let all: [(&'static str, Checker); 20] = [
        ("json-pointer", json_pointer),
        ("relative-json-pointer", relative_json_pointer),
        ("uuid", uuid),
        ("duration", duration),
        ("period", period),
        ("ipv4", ipv4),
        ("ipv6", ipv6),
        ("hostname", hostname),
        ("email", email),
        ("date", date),
        ("time", time),
        ("date-time", date_time),
        ("uri", uri),
        ("iri", iri),
        ("uri-reference", uri_reference),
        ("iri-reference", iri_reference),
        ("uri-template", uri_template),
        ("semver", semver),
        ("idn-hostname", unchecked),
        ("idn-email", unchecked),
    ];
    for (name, func) in all {
        c.register_format(Format { name, func });
    }
}

fn unchecked(_: &J) -> Check {
    Ok(())
}

fn fail<T>(msg: impl Into<String>) -> Result<T, Box<dyn Error>> {
    Err(msg.into().into())
}

/// Go's `%q` of a rune.
fn qrune(c: char) -> String {
    gotemplate::gofmt::sprintf("%q", &[gotemplate::Value::Int(c as i64)])
}

macro_rules! string_or_ok {
    ($v:expr) => {
        match $v {
            J::String(s) => s.as_str(),
            _ => return Ok(()),
        }
    };
}

fn json_pointer(v: &J) -> Check {
    check_json_pointer(string_or_ok!(v))
}

fn check_json_pointer(s: &str) -> Check {
    if s.is_empty() {
        return Ok(());
    }
    if !s.starts_with('/') {
        return fail("not starting with /");
    }
    for tok in s.split('/').skip(1) {
        let mut escape = false;
        for ch in tok.chars() {
            if escape {
                escape = false;
                if ch != '0' && ch != '1' {
                    return fail("~ must be followed by 0 or 1");
                }
                continue;
            }
            if ch == '~' {
                escape = true;
                continue;
            }
            if !matches!(ch, '\x00'..='\x2E' | '\x30'..='\x7D' | '\x7F'..) {
                return fail(format!("invalid character {}", qrune(ch)));
            }
        }
        if escape {
            return fail("~ must be followed by 0 or 1");
        }
    }
    Ok(())
}

fn relative_json_pointer(v: &J) -> Check {
    let s = string_or_ok!(v);
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return fail("must start with non-negative integer");
    }
    if digits > 1 && s.starts_with('0') {
        return fail("starts with zero");
    }
    let rest = &s[digits..];
    if rest == "#" {
        return Ok(());
    }
    check_json_pointer(rest)
}

fn uuid(v: &J) -> Check {
    let s = string_or_ok!(v);
    const GROUPS: [usize; 5] = [8, 4, 4, 4, 12];
    let groups: Vec<&str> = s.split('-').collect();
    if groups.len() != GROUPS.len() {
        return fail(format!("must have {} elements", GROUPS.len()));
    }
    for (i, group) in groups.iter().enumerate() {
        if group.len() != GROUPS[i] {
            return fail(format!(
                "element {} must be {} characters long",
                i + 1,
                GROUPS[i]
            ));
        }
        if let Some(ch) = group.chars().find(|c| !c.is_ascii_hexdigit()) {
            return fail(format!("non-hex character {}", qrune(ch)));
        }
    }
    Ok(())
}

fn duration(v: &J) -> Check {
    check_duration(string_or_ok!(v))
}

fn check_duration(s: &str) -> Check {
    let Some(s) = s.strip_prefix('P') else {
        return fail("must start with P");
    };
    if s.is_empty() {
        return fail("nothing after P");
    }
    if let Some(w) = s.strip_suffix('W') {
        if w.is_empty() {
            return fail("no number in week");
        }
        if !w.bytes().all(|b| b.is_ascii_digit()) {
            return fail("invalid week");
        }
        return Ok(());
    }
    const ALL_UNITS: [&str; 2] = ["YMD", "HMS"];
    for (i, part) in s.split('T').enumerate() {
        if i != 0 && part.is_empty() {
            return fail("no time elements");
        }
        if i >= ALL_UNITS.len() {
            return fail("more than one T");
        }
        let mut units = ALL_UNITS[i];
        let mut rest = part;
        while !rest.is_empty() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return fail("missing number");
            }
            rest = &rest[digits..];
            let Some(&unit) = rest.as_bytes().first() else {
                return fail("missing unit");
            };
            match units.bytes().position(|u| u == unit) {
                Some(j) => units = &units[j + 1..],
                None => {
                    let q = qrune(char::from(unit));
                    return if ALL_UNITS[i].as_bytes().contains(&unit) {
                        fail(format!("unit {q} out of order"))
                    } else {
                        fail(format!("invalid unit {q}"))
                    };
                }
            }
            rest = &rest[1..];
        }
    }
    Ok(())
}

fn period(v: &J) -> Check {
    let s = string_or_ok!(v);
    let Some((start, end)) = s.split_once('/') else {
        return fail("missing slash");
    };
    if start.starts_with('P') {
        if let Err(e) = check_duration(start) {
            return fail(format!("invalid start duration: {e}"));
        }
        if let Err(e) = check_date_time(end) {
            return fail(format!("invalid end date-time: {e}"));
        }
    } else {
        if let Err(e) = check_date_time(start) {
            return fail(format!("invalid start date-time: {e}"));
        }
        if end.starts_with('P') {
            if let Err(e) = check_duration(end) {
                return fail(format!("invalid end duration: {e}"));
            }
        } else if let Err(e) = check_date_time(end) {
            return fail(format!("invalid end date-time: {e}"));
        }
    }
    Ok(())
}

/// Go's `strconv.Atoi`.
fn atoi(s: &str) -> Result<i64, Box<dyn Error>> {
    let q = gotemplate::strconv::quote(s);
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return fail(format!("strconv.Atoi: parsing {q}: invalid syntax"));
    }
    s.strip_prefix('+')
        .unwrap_or(s)
        .parse::<i64>()
        .or_else(|_| fail(format!("strconv.Atoi: parsing {q}: value out of range")))
}

fn ipv4(v: &J) -> Check {
    check_ipv4(string_or_ok!(v))
}

fn check_ipv4(s: &str) -> Check {
    let groups: Vec<&str> = s.split('.').collect();
    if groups.len() != 4 {
        return fail("expected four decimals");
    }
    for group in groups {
        if group.len() > 1 && group.starts_with('0') {
            return fail("leading zeros");
        }
        let n = atoi(group)?;
        if !(0..=255).contains(&n) {
            return fail("decimal must be between 0 and 255");
        }
    }
    Ok(())
}

fn ipv6(v: &J) -> Check {
    check_ipv6(string_or_ok!(v))
}

fn check_ipv6(s: &str) -> Check {
    if !s.contains(':') {
        return fail("missing colon");
    }
    let addr =
        crate::netip::parse_addr(s.as_bytes()).map_err(|e| -> Box<dyn Error> { e.into() })?;
    if addr.zone {
        return fail("zone id is not a part of ipv6 address");
    }
    Ok(())
}

fn hostname(v: &J) -> Check {
    check_hostname(string_or_ok!(v))
}

fn check_hostname(s: &str) -> Check {
    let s = s.strip_suffix('.').unwrap_or(s);
    if s.len() > 253 {
        return fail("more than 253 characters long");
    }
    for label in s.split('.') {
        if label.is_empty() || label.len() > 63 {
            return fail("label must be 1 to 63 characters long");
        }
        if label.starts_with('-') {
            return fail("label starts with hyphen");
        }
        if label.ends_with('-') {
            return fail("label ends with hyphen");
        }
        if let Some(ch) = label
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
        {
            return fail(format!("invalid character {}", qrune(ch)));
        }
    }
    Ok(())
}

fn email(v: &J) -> Check {
    let s = string_or_ok!(v);
    if s.len() > 254 {
        return fail("more than 255 characters long");
    }
    let Some(at) = s.rfind('@') else {
        return fail("missing @");
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    if local.len() > 64 {
        return fail("local part more than 64 characters long");
    }
    if local.len() > 1 && local.starts_with('"') && local.ends_with('"') {
        let inner = &local[1..local.len() - 1];
        if inner.contains(['\\', '"']) {
            return fail("backslash and quote are not allowed within quoted local part");
        }
    } else {
        if local.starts_with('.') {
            return fail("starts with dot");
        }
        if local.ends_with('.') {
            return fail("ends with dot");
        }
        if local.contains("..") {
            return fail("consecutive dots");
        }
        if let Some(ch) = local
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || ".!#$%&'*+-/=?^_`{|}~".contains(*c)))
        {
            return fail(format!("invalid character {}", qrune(ch)));
        }
    }
    if domain.len() >= 2 && domain.starts_with('[') && domain.ends_with(']') {
        let inner = &domain[1..domain.len() - 1];
        if let Some(rem) = inner.strip_prefix("IPv6:") {
            if let Err(e) = check_ipv6(rem) {
                return fail(format!("invalid ipv6 address: {e}"));
            }
            return Ok(());
        }
        if let Err(e) = check_ipv4(inner) {
            return fail(format!("invalid ipv4 address: {e}"));
        }
        return Ok(());
    }
    if let Err(e) = check_hostname(domain) {
        return fail(format!("invalid domain: {e}"));
    }
    Ok(())
}

fn date(v: &J) -> Check {
    check_date(string_or_ok!(v))
}

/// Go's `time.Parse("2006-01-02", s)`, as far as its verdict and message go.
fn check_date(s: &str) -> Check {
    const LAYOUT: &str = "2006-01-02";
    let q = gotemplate::strconv::quote;
    let bad = |layout_elem: &str, value_elem: &str| -> Box<dyn Error> {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            q(s),
            q(LAYOUT),
            q(value_elem),
            q(layout_elem)
        )
        .into()
    };
    let out_of_range = |what: &str| fail(format!("parsing time {}: {what} out of range", q(s)));
    let digit = |v: &str, i: usize| v.as_bytes().get(i).is_some_and(u8::is_ascii_digit);
    // "2006"
    let mut value = s;
    if value.len() < 4 || !digit(value, 0) || !value.is_char_boundary(4) {
        return Err(bad("2006", value));
    }
    let year = match go_time_atoi(&value[..4]) {
        Some(y) => y,
        None => return Err(bad("2006", value)),
    };
    value = &value[4..];
    let two = |value: &mut &str, elem: &str| -> Result<i64, Box<dyn Error>> {
        let Some(rest) = value.strip_prefix('-') else {
            return Err(bad("-", value));
        };
        *value = rest;
        if !digit(value, 0) || !digit(value, 1) {
            return Err(bad(elem, value));
        }
        let n = i64::from(value.as_bytes()[0] - b'0') * 10 + i64::from(value.as_bytes()[1] - b'0');
        *value = &value[2..];
        Ok(n)
    };
    let month = two(&mut value, "01")?;
    if !(1..=12).contains(&month) {
        return out_of_range("month");
    }
    let day = two(&mut value, "02")?;
    if !value.is_empty() {
        return fail(format!("parsing time {}: extra text: {}", q(s), q(value)));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day < 1 || day > days {
        return out_of_range("day");
    }
    Ok(())
}

/// The `time` package's `atoi`: an optional sign, then digits only.
fn go_time_atoi(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = digits.parse().ok()?;
    Some(if neg { -n } else { n })
}

fn time(v: &J) -> Check {
    check_time(string_or_ok!(v))
}

fn check_time(str: &str) -> Check {
    let b = str.as_bytes();
    if b.len() < 9 {
        return fail("less than 9 characters long");
    }
    if b[2] != b':' || b[5] != b':' {
        return fail("missing colon in correct place");
    }
    let mut hms = Vec::with_capacity(3);
    let head = String::from_utf8_lossy(&b[..8]);
    for tok in head.splitn(3, ':') {
        let Ok(i) = atoi(tok) else {
            return fail("invalid hour/min/sec");
        };
        if i < 0 {
            return fail("non-positive hour/min/sec");
        }
        hms.push(i);
    }
    if hms.len() != 3 {
        return fail("missing hour/min/sec");
    }
    let (mut h, mut m, s) = (hms[0], hms[1], hms[2]);
    if h > 23 || m > 59 || s > 60 {
        return fail("hour/min/sec out of range");
    }
    let mut rest = &b[8..];
    if let Some(frac) = rest.strip_prefix(b".") {
        let digits = frac.iter().take_while(|c| c.is_ascii_digit()).count();
        if digits == 0 {
            return fail("no digits in second fraction");
        }
        rest = &frac[digits..];
    }
    if rest != b"z" && rest != b"Z" {
        if rest.len() != 6 {
            return fail("offset must be 6 characters long");
        }
        let sign = match rest[0] {
            b'+' => -1,
            b'-' => 1,
            _ => return fail("offset must begin with plus/minus"),
        };
        let rest = &rest[1..];
        if rest[2] != b':' {
            return fail("missing colon in offset in correct place");
        }
        let text = String::from_utf8_lossy(rest);
        let mut zhm = Vec::with_capacity(2);
        for tok in text.splitn(2, ':') {
            let Ok(i) = atoi(tok) else {
                return fail("invalid hour/min in offset");
            };
            if i < 0 {
                return fail("non-positive hour/min in offset");
            }
            zhm.push(i);
        }
        let (zh, zm) = (zhm[0], zhm[1]);
        if zh > 23 || zm > 59 {
            return fail("hour/min in offset out of range");
        }
        let mut hm = (h * 60 + m) + sign * (zh * 60 + zm);
        if hm < 0 {
            hm += 24 * 60;
        }
        (h, m) = (hm / 60, hm % 60);
    }
    if s >= 60 && (h != 23 || m != 59) {
        return fail("invalid leap second");
    }
    Ok(())
}

fn date_time(v: &J) -> Check {
    check_date_time(string_or_ok!(v))
}

fn check_date_time(s: &str) -> Check {
    let b = s.as_bytes();
    if b.len() < 20 {
        return fail("less than 20 characters long");
    }
    if b[10] != b't' && b[10] != b'T' {
        return fail("11th character must be t or T");
    }
    let date = String::from_utf8_lossy(&b[..10]);
    if let Err(e) = check_date(&date) {
        return fail(format!("invalid date element: {e}"));
    }
    let time = String::from_utf8_lossy(&b[11..]);
    if let Err(e) = check_time(&time) {
        return fail(format!("invalid time element: {e}"));
    }
    Ok(())
}

fn uri(v: &J) -> Check {
    check_ri(string_or_ok!(v), false, false)
}

fn iri(v: &J) -> Check {
    check_ri(string_or_ok!(v), true, false)
}

fn uri_reference(v: &J) -> Check {
    check_ri(string_or_ok!(v), false, true)
}

fn iri_reference(v: &J) -> Check {
    check_ri(string_or_ok!(v), true, true)
}

/// The library's version in Helm v4.3.1 (v6.0.x) checks URIs and IRIs
/// alike, with `url.Parse` only.
fn check_ri(s: &str, _international: bool, reference: bool) -> Check {
    let u = parse_url(s)?;
    if !reference && u.scheme.is_empty() {
        return fail("relative url");
    }
    Ok(())
}

/// Go's `url.Parse` plus the library's IPv6 host check.
fn parse_url(s: &str) -> Result<urls::Url, Box<dyn Error>> {
    let u = urls::parse(s.as_bytes()).map_err(|e| -> Box<dyn Error> { e.into() })?;
    let host = String::from_utf8_lossy(urls::hostname(&u.host));
    if host.contains(':') {
        if !u.host.contains(&b'[') || !u.host.contains(&b']') {
            return fail("ipv6 address not enclosed in brackets");
        }
        if let Err(e) = check_ipv6(&host) {
            return fail(format!("invalid ipv6 address: {e}"));
        }
    }
    Ok(u)
}

fn uri_template(v: &J) -> Check {
    let s = string_or_ok!(v);
    let u = parse_url(s)?;
    // Go checks `URL.RawPath`, empty when the path is in its default
    // escaping (then `%7B` is not a brace).
    for tok in u.raw_path.split(|&b| b == b'/') {
        let tok = match urls::path_unescape(tok) {
            Ok(t) => String::from_utf8_lossy(&t).into_owned(),
            Err(e) => return fail(format!("percent decode failed: {e}")),
        };
        let mut want = true;
        for ch in tok.chars() {
            let got = match ch {
                '{' => true,
                '}' => false,
                _ => continue,
            };
            if got != want {
                return fail("nested curly braces");
            }
            want = !want;
        }
        if !want {
            return fail("no matching closing brace");
        }
    }
    Ok(())
}

fn semver(v: &J) -> Check {
    let mut s = string_or_ok!(v);
    let ident_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    if let Some(i) = s.find('+') {
        let build = &s[i + 1..];
        if build.is_empty() {
            return fail("build is empty");
        }
        for id in build.split('.') {
            if id.is_empty() {
                return fail("build identifier is empty");
            }
            if let Some(ch) = id.chars().find(|c| !ident_char(*c)) {
                return fail(format!(
                    "invalid character {} in build identifier",
                    qrune(ch)
                ));
            }
        }
        s = &s[..i];
    }
    if let Some(i) = s.find('-') {
        for id in s[i + 1..].split('.') {
            if id.is_empty() {
                return fail("pre-release identifier is empty");
            }
            if let Some(ch) = id.chars().find(|c| !ident_char(*c)) {
                return fail(format!(
                    "invalid character {} in pre-release identifier",
                    qrune(ch)
                ));
            }
            let all_digits = id.bytes().all(|b| b.is_ascii_digit());
            if all_digits && id.len() > 1 && id.starts_with('0') {
                return fail("pre-release numeric identifier starts with zero");
            }
        }
        s = &s[..i];
    }
    let versions: Vec<&str> = s.split('.').collect();
    if versions.len() != 3 {
        return fail("versionCore must have 3 numbers separated by dot");
    }
    for (name, version) in ["major", "minor", "patch"].iter().zip(versions) {
        if version.is_empty() {
            return fail(format!("{name} is empty"));
        }
        if version.len() > 1 && version.starts_with('0') {
            return fail(format!("{name} starts with zero"));
        }
        if !version.bytes().all(|b| b.is_ascii_digit()) {
            return fail(format!("{name} contains non-digit"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(f: fn(&J) -> Check, s: &str) -> String {
        f(&J::String(s.into()))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn messages_match_the_library() {
        // Printed by Helm v4.3.1 for draft-07 schemas.
        assert_eq!(msg(email, "nope"), "missing @");
        assert_eq!(msg(hostname, "-bad-"), "label starts with hyphen");
        assert_eq!(msg(ipv4, "1.2.3"), "expected four decimals");
        assert_eq!(msg(date_time, "yesterday"), "less than 20 characters long");
        assert_eq!(msg(uri, "not a uri"), "relative url");
        assert_eq!(
            msg(date, "2024-13-01"),
            "parsing time \"2024-13-01\": month out of range"
        );
        assert_eq!(
            msg(date, "2024-1-01"),
            "parsing time \"2024-1-01\" as \"2006-01-02\": cannot parse \"1-01\" as \"01\""
        );
        assert_eq!(
            msg(date, "2023-02-29"),
            "parsing time \"2023-02-29\": day out of range"
        );
        assert_eq!(msg(date, "2024-02-29"), "");
        assert_eq!(
            msg(ipv4, "1.2.3.x"),
            "strconv.Atoi: parsing \"x\": invalid syntax"
        );
        assert_eq!(
            msg(ipv6, "1:2"),
            "ParseAddr(\"1:2\"): address string too short"
        );
        assert_eq!(msg(uri, "relative/path"), "relative url");
        assert_eq!(
            msg(uri, "http://x/%zz"),
            "parse \"http://x/%zz\": invalid URL escape \"%zz\""
        );
        assert_eq!(msg(uuid, "x"), "must have 5 elements");
        assert_eq!(msg(duration, "P1X"), "invalid unit 'X'");
        assert_eq!(
            msg(semver, "1.2"),
            "versionCore must have 3 numbers separated by dot"
        );
    }
}
