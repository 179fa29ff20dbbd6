//! Sprig's `urlParse` and `urlJoin`: Go's `net/url` parsing (Go 1.27:
//! strict host colons, bracketed hosts checked by `netip.ParseAddr`) and
//! `URL.String`, with Go's error texts.
//!
//! Go URLs are byte strings: unescaping may yield bytes that are not UTF-8,
//! so the work is done on bytes and decoded only for the results.

use gotemplate::gofmt;
use gotemplate::{FuncError, FuncMap, GoType, Map, Value};

use super::{def, s};

pub(super) fn register(m: &mut FuncMap) {
    def(m, "urlParse", &[GoType::String], |a| {
        let url = parse(s(&a[0]).as_bytes())
            .map_err(|e| FuncError::msg(format!("unable to parse url: {e}")))?;
        Ok(Value::Map(url.to_dict()))
    });
    def(m, "urlJoin", &[GoType::Map], |a| {
        let dict = a[0].as_map().cloned().unwrap_or_default();
        Ok(Value::str(text(&join(&dict)?)))
    });
}

/// Bytes as a template string, invalid UTF-8 replaced.
fn text(b: &[u8]) -> String {
    gotemplate::gostr::from_go_bytes(b).into_owned()
}

/// Go's `strconv.Quote` of a byte string (`%q`).
fn quote(b: &[u8]) -> String {
    gofmt::sprintf("%q", &[Value::Bytes(b.into())])
}

/// `url.Userinfo`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Userinfo {
    username: Vec<u8>,
    password: Option<Vec<u8>>,
}

impl Userinfo {
    /// `Userinfo.String`.
    fn string(&self) -> Vec<u8> {
        let mut out = escape(&self.username, Mode::UserPassword);
        if let Some(p) = &self.password {
            out.push(b':');
            out.extend(escape(p, Mode::UserPassword));
        }
        out
    }
}

/// The fields of `url.URL` that Sprig reads or sets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Url {
    pub(crate) scheme: Vec<u8>,
    opaque: Vec<u8>,
    user: Option<Userinfo>,
    pub(crate) host: Vec<u8>,
    path: Vec<u8>,
    /// Go's `URL.RawPath`: the path as written when that is not its
    /// default escaping, else empty.
    pub(crate) raw_path: Vec<u8>,
    force_query: bool,
    raw_query: Vec<u8>,
    fragment: Vec<u8>,
    raw_fragment: Vec<u8>,
}

impl Url {
    /// Sprig's `urlParse` dictionary.
    fn to_dict(&self) -> Map {
        let userinfo = self.user.as_ref().map(Userinfo::string).unwrap_or_default();
        let fields: [(&str, &[u8]); 8] = [
            ("scheme", &self.scheme),
            ("host", &self.host),
            ("hostname", hostname(&self.host)),
            ("path", &self.path),
            ("query", &self.raw_query),
            ("opaque", &self.opaque),
            ("fragment", &self.fragment),
            ("userinfo", &userinfo),
        ];
        fields
            .into_iter()
            .map(|(k, v)| (k.into(), Value::str(text(v))))
            .collect()
    }

    /// `URL.EscapedPath`.
    fn escaped_path(&self) -> Vec<u8> {
        if !self.raw_path.is_empty()
            && valid_encoded(&self.raw_path, Mode::Path)
            && unescape(&self.raw_path, Mode::Path).as_deref() == Ok(self.path.as_slice())
        {
            return self.raw_path.clone();
        }
        if self.path == b"*" {
            return b"*".to_vec();
        }
        escape(&self.path, Mode::Path)
    }

    /// `URL.EscapedFragment`.
    fn escaped_fragment(&self) -> Vec<u8> {
        if !self.raw_fragment.is_empty()
            && valid_encoded(&self.raw_fragment, Mode::Fragment)
            && unescape(&self.raw_fragment, Mode::Fragment).as_deref()
                == Ok(self.fragment.as_slice())
        {
            return self.raw_fragment.clone();
        }
        escape(&self.fragment, Mode::Fragment)
    }

    /// `URL.String`.
    fn string(&self) -> Vec<u8> {
        let mut buf = Vec::new();
        if !self.scheme.is_empty() {
            buf.extend_from_slice(&self.scheme);
            buf.push(b':');
        }
        if !self.opaque.is_empty() {
            buf.extend_from_slice(&self.opaque);
        } else {
            if !self.scheme.is_empty() || !self.host.is_empty() || self.user.is_some() {
                if !self.host.is_empty() || !self.path.is_empty() || self.user.is_some() {
                    buf.extend_from_slice(b"//");
                }
                if let Some(u) = &self.user {
                    buf.extend(u.string());
                    buf.push(b'@');
                }
                buf.extend(escape(&self.host, Mode::Host));
            }
            let path = self.escaped_path();
            if path.first().is_some_and(|&c| c != b'/') && !self.host.is_empty() {
                buf.push(b'/');
            }
            if buf.is_empty() {
                // A colon in the first segment would read as a scheme.
                let segment = path.split(|&c| c == b'/').next().unwrap_or_default();
                if segment.contains(&b':') {
                    buf.extend_from_slice(b"./");
                }
            }
            buf.extend(path);
        }
        if self.force_query || !self.raw_query.is_empty() {
            buf.push(b'?');
            buf.extend_from_slice(&self.raw_query);
        }
        if !self.fragment.is_empty() {
            buf.push(b'#');
            buf.extend(self.escaped_fragment());
        }
        buf
    }
}

/// Sprig's `urlJoin`: a URL from the string fields of a dictionary.
fn join(d: &Map) -> Result<Vec<u8>, FuncError> {
    let get = |key: &str| -> Result<Vec<u8>, FuncError> {
        match d.get(key) {
            None => Ok(Vec::new()),
            Some(Value::String(v)) => Ok(v.as_bytes().to_vec()),
            // reflect.TypeOf(nil).Kind() dereferences a nil Type.
            Some(Value::Nil) => Err(FuncError::msg(
                "runtime error: invalid memory address or nil pointer dereference",
            )),
            Some(other) => Err(FuncError::msg(format!(
                "unable to parse {key} key, must be of type string, but {} found",
                other.kind().name()
            ))),
        }
    };
    let mut url = Url {
        scheme: get("scheme")?,
        host: get("host")?,
        path: get("path")?,
        raw_query: get("query")?,
        opaque: get("opaque")?,
        fragment: get("fragment")?,
        ..Url::default()
    };
    let userinfo = get("userinfo")?;
    if !userinfo.is_empty() {
        let raw = [b"proto://".as_slice(), &userinfo, b"@host"].concat();
        let temp = parse(&raw)
            .map_err(|e| FuncError::msg(format!("unable to parse userinfo in dict: {e}")))?;
        url.user = temp.user;
    }
    Ok(url.string())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Path,
    Host,
    Zone,
    UserPassword,
    Fragment,
}

/// Go's `shouldEscape`.
fn should_escape(c: u8, mode: Mode) -> bool {
    if c.is_ascii_alphanumeric() {
        return false;
    }
    if matches!(mode, Mode::Host | Mode::Zone)
        && matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'"'
        )
    {
        return false;
    }
    match c {
        b'-' | b'_' | b'.' | b'~' => return false,
        b'$' | b'&' | b'+' | b',' | b'/' | b':' | b';' | b'=' | b'?' | b'@' => match mode {
            Mode::Path => return c == b'?',
            Mode::UserPassword => return matches!(c, b'@' | b'/' | b'?' | b':'),
            Mode::Fragment => return false,
            Mode::Host | Mode::Zone => {}
        },
        _ => {}
    }
    !(mode == Mode::Fragment && matches!(c, b'!' | b'(' | b')' | b'*'))
}

fn unhex(c: u8) -> u8 {
    match c {
        b'0'..=b'9' => c - b'0',
        b'a'..=b'f' => c - b'a' + 10,
        b'A'..=b'F' => c - b'A' + 10,
        _ => 0,
    }
}

/// Go's `unescape`, failing with an `EscapeError` or `InvalidHostError` text.
fn unescape(s: &[u8], mode: Mode) -> Result<Vec<u8>, String> {
    let escape_error = |e: &[u8]| format!("invalid URL escape {}", quote(e));
    let mut percents = 0;
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'%' => {
                percents += 1;
                if i + 2 >= s.len()
                    || !s[i + 1].is_ascii_hexdigit()
                    || !s[i + 2].is_ascii_hexdigit()
                {
                    return Err(escape_error(&s[i..(i + 3).min(s.len())]));
                }
                let three = &s[i..i + 3];
                // Hosts may %-encode only non-ASCII bytes (and %25 for zones).
                if mode == Mode::Host && unhex(s[i + 1]) < 8 && three != b"%25" {
                    return Err(escape_error(three));
                }
                if mode == Mode::Zone {
                    let v = unhex(s[i + 1]) << 4 | unhex(s[i + 2]);
                    if three != b"%25" && v != b' ' && should_escape(v, Mode::Host) {
                        return Err(escape_error(three));
                    }
                }
                i += 3;
            }
            c => {
                if matches!(mode, Mode::Host | Mode::Zone) && c < 0x80 && should_escape(c, mode) {
                    return Err(format!("invalid character {} in host name", quote(&[c])));
                }
                i += 1;
            }
        }
    }
    if percents == 0 {
        return Ok(s.to_vec());
    }
    let mut out = Vec::with_capacity(s.len() - 2 * percents);
    let mut i = 0;
    while i < s.len() {
        if s[i] == b'%' {
            out.push(unhex(s[i + 1]) << 4 | unhex(s[i + 2]));
            i += 3;
        } else {
            out.push(s[i]);
            i += 1;
        }
    }
    Ok(out)
}

/// Go's `escape`.
fn escape(s: &[u8], mode: Mode) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        if should_escape(c, mode) {
            out.extend_from_slice(&[b'%', HEX[usize::from(c >> 4)], HEX[usize::from(c & 15)]]);
        } else {
            out.push(c);
        }
    }
    out
}

/// Go's `validEncoded`.
fn valid_encoded(s: &[u8], mode: Mode) -> bool {
    s.iter().all(|&c| {
        matches!(
            c,
            b'!' | b'$'
                | b'&'
                | b'\''
                | b'('
                | b')'
                | b'*'
                | b'+'
                | b','
                | b';'
                | b'='
                | b':'
                | b'@'
                | b'['
                | b']'
                | b'%'
        ) || !should_escape(c, mode)
    })
}

/// Go's `url.PathUnescape` (path-segment unescaping decodes like path
/// unescaping).
pub(crate) fn path_unescape(s: &[u8]) -> Result<Vec<u8>, String> {
    unescape(s, Mode::Path)
}

/// Splits at the first `sep`: before, after (empty when absent).
fn cut(s: &[u8], sep: u8) -> (&[u8], &[u8]) {
    match s.iter().position(|&b| b == sep) {
        Some(i) => (&s[..i], &s[i + 1..]),
        None => (s, &[]),
    }
}

/// `url.Parse`; the error is `url.Error`'s text, `parse "<url>": <why>`.
pub(crate) fn parse(raw: &[u8]) -> Result<Url, String> {
    let wrap = |u: &[u8], e: String| format!("parse {}: {e}", quote(u));
    let (u, frag) = cut(raw, b'#');
    let mut url = parse_reference(u).map_err(|e| wrap(u, e))?;
    if frag.is_empty() {
        return Ok(url);
    }
    let f = unescape(frag, Mode::Fragment).map_err(|e| wrap(raw, e))?;
    url.raw_fragment = if escape(&f, Mode::Fragment) == frag {
        Vec::new()
    } else {
        frag.to_vec()
    };
    url.fragment = f;
    Ok(url)
}

/// Go's `getScheme`: a scheme is `[a-zA-Z][a-zA-Z0-9+-.]*` before a colon.
fn get_scheme(raw: &[u8]) -> Result<(&[u8], &[u8]), String> {
    for (i, &c) in raw.iter().enumerate() {
        match c {
            b'a'..=b'z' | b'A'..=b'Z' => {}
            b'0'..=b'9' | b'+' | b'-' | b'.' if i > 0 => {}
            b':' if i == 0 => return Err("missing protocol scheme".into()),
            b':' => return Ok((&raw[..i], &raw[i + 1..])),
            _ => return Ok((&[], raw)),
        }
    }
    Ok((&[], raw))
}

/// Go's `parse(rawURL, viaRequest=false)`: a URL without its fragment.
fn parse_reference(raw: &[u8]) -> Result<Url, String> {
    if raw.iter().any(|&b| b < b' ' || b == 0x7f) {
        return Err("net/url: invalid control character in URL".into());
    }
    let mut url = Url::default();
    if raw == b"*" {
        url.path = b"*".to_vec();
        return Ok(url);
    }
    let (scheme, mut rest) = get_scheme(raw)?;
    url.scheme = scheme.to_ascii_lowercase();
    if rest.ends_with(b"?") && rest.iter().filter(|&&b| b == b'?').count() == 1 {
        url.force_query = true;
        rest = &rest[..rest.len() - 1];
    } else {
        let (r, q) = cut(rest, b'?');
        url.raw_query = q.to_vec();
        rest = r;
    }
    if !rest.starts_with(b"/") {
        if !url.scheme.is_empty() {
            // Rootless paths after a scheme are opaque.
            url.opaque = rest.to_vec();
            return Ok(url);
        }
        if cut(rest, b'/').0.contains(&b':') {
            return Err("first path segment in URL cannot contain colon".into());
        }
    }
    let mut path = rest;
    if (!url.scheme.is_empty() || !rest.starts_with(b"///")) && rest.starts_with(b"//") {
        let after = &rest[2..];
        let (authority, p) = match after.iter().position(|&b| b == b'/') {
            Some(i) => (&after[..i], &after[i..]),
            None => (after, &b""[..]),
        };
        let (user, host) = parse_authority(authority)?;
        url.user = user;
        url.host = host;
        path = p;
    }
    let p = unescape(path, Mode::Path)?;
    url.raw_path = if escape(&p, Mode::Path) == path {
        Vec::new()
    } else {
        path.to_vec()
    };
    url.path = p;
    Ok(url)
}

/// Go's `validUserinfo` (RFC 3986 §3.2.1 characters, `%` and `@`).
fn valid_userinfo(s: &[u8]) -> bool {
    s.iter().all(|&c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'-' | b'.'
                    | b'_'
                    | b':'
                    | b'~'
                    | b'!'
                    | b'$'
                    | b'&'
                    | b'\''
                    | b'('
                    | b')'
                    | b'*'
                    | b'+'
                    | b','
                    | b';'
                    | b'='
                    | b'%'
                    | b'@'
            )
    })
}

fn parse_authority(authority: &[u8]) -> Result<(Option<Userinfo>, Vec<u8>), String> {
    let at = authority.iter().rposition(|&b| b == b'@');
    let host = parse_host(at.map_or(authority, |i| &authority[i + 1..]))?;
    let Some(i) = at else {
        return Ok((None, host));
    };
    let userinfo = &authority[..i];
    if !valid_userinfo(userinfo) {
        return Err("net/url: invalid userinfo".into());
    }
    let user = if userinfo.contains(&b':') {
        let (u, p) = cut(userinfo, b':');
        Userinfo {
            username: unescape(u, Mode::UserPassword)?,
            password: Some(unescape(p, Mode::UserPassword)?),
        }
    } else {
        Userinfo {
            username: unescape(userinfo, Mode::UserPassword)?,
            password: None,
        }
    };
    Ok((Some(user), host))
}

/// Go's `validOptionalPort`: empty, or a colon and digits.
fn valid_optional_port(port: &[u8]) -> bool {
    match port.split_first() {
        None => true,
        Some((&b':', digits)) => digits.iter().all(u8::is_ascii_digit),
        Some(_) => false,
    }
}

/// Go's `parseHost`: `host[:port]`, or a bracketed IPv6 literal with an
/// optional zone and port.
fn parse_host(host: &[u8]) -> Result<Vec<u8>, String> {
    let invalid_port = |p: &[u8]| format!("invalid port {} after host", quote(p));
    match host.iter().rposition(|&b| b == b'[') {
        Some(i) if i > 0 => Err("invalid IP-literal".into()),
        Some(_) => {
            let close = host
                .iter()
                .rposition(|&b| b == b']')
                .ok_or("missing ']' in host")?;
            let colon_port = &host[close + 1..];
            if !valid_optional_port(colon_port) {
                return Err(invalid_port(colon_port));
            }
            let colon_port = unescape(colon_port, Mode::Host)?;
            let hostname = &host[1..close];
            let unescaped = match find(hostname, b"%25") {
                Some(z) => {
                    let mut h = unescape(&hostname[..z], Mode::Host)?;
                    h.extend(unescape(&hostname[z..], Mode::Zone)?);
                    h
                }
                None => unescape(hostname, Mode::Host)?,
            };
            // Only IPv6 addresses may be bracketed.
            if crate::netip::parse_addr(&unescaped)
                .map_err(|e| format!("invalid host: {e}"))?
                .ipv4
            {
                return Err("invalid IP-literal".into());
            }
            Ok([b"[".as_slice(), &unescaped, b"]", &colon_port].concat())
        }
        None => {
            // Strict colons: the first colon starts the port.
            if let Some(i) = host.iter().position(|&b| b == b':')
                && !valid_optional_port(&host[i..])
            {
                return Err(invalid_port(&host[i..]));
            }
            unescape(host, Mode::Host)
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// `URL.Hostname`: the host without a valid port and without brackets.
pub(crate) fn hostname(host: &[u8]) -> &[u8] {
    let mut h = host;
    if let Some(colon) = h.iter().rposition(|&b| b == b':')
        && valid_optional_port(&h[colon..])
    {
        h = &h[..colon];
    }
    if h.starts_with(b"[") && h.ends_with(b"]") && h.len() >= 2 {
        h = &h[1..h.len() - 1];
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(raw: &str) -> String {
        text(&parse(raw.as_bytes()).unwrap().string())
    }

    #[test]
    fn parse_and_string_round_trip() {
        for raw in [
            "http://user:pass@example.com:8080/path/to?q=1&r=2#frag",
            "mailto:a@b.c?x=1",
            "file:///etc/hosts",
            "http://[fe80::1%25en0]:8080/x",
            "//host/path",
            "http://example.com/a%2Fb",
        ] {
            assert_eq!(round_trip(raw), raw);
        }
        assert_eq!(round_trip("HTTP://h/a b"), "http://h/a%20b");
    }

    #[test]
    fn parse_errors_follow_go() {
        let err = |raw: &str| parse(raw.as_bytes()).unwrap_err();
        assert_eq!(err("://x"), "parse \"://x\": missing protocol scheme");
        assert_eq!(
            err("http://a:b:80/"),
            "parse \"http://a:b:80/\": invalid port \":b:80\" after host"
        );
        assert_eq!(
            err("http://[12345::1]/"),
            "parse \"http://[12345::1]/\": invalid host: ParseAddr(\"12345::1\"): each group must have 4 or less digits (at \"12345::1\")"
        );
        assert_eq!(
            err("http://[1.2.3.4]/"),
            "parse \"http://[1.2.3.4]/\": invalid IP-literal"
        );
    }

    #[test]
    fn hostname_strips_port_and_brackets() {
        assert_eq!(hostname(b"[::1]:80"), b"::1");
        assert_eq!(hostname(b"example.com:"), b"example.com");
        assert_eq!(hostname(b"a:b"), b"a:b");
    }
}
