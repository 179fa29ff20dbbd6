//! Go's `net/netip.ParseAddr`: whether text is an IP address, with Go's
//! error texts (`ParseAddr("1:2"): address string too short`). URL hosts
//! (`urlParse`, the `uri` schema format) and the `ipv6` schema format use it.

/// Go's `%q` of a byte string.
fn quote(b: &[u8]) -> String {
    gotemplate::gofmt::sprintf("%q", &[gotemplate::Value::Bytes(b.into())])
}

struct Fail<'a> {
    input: &'a [u8],
}

impl Fail<'_> {
    fn at(&self, msg: &str, at: &[u8]) -> String {
        let mut e = format!("ParseAddr({}): {msg}", quote(self.input));
        if !at.is_empty() {
            e.push_str(&format!(" (at {})", quote(at)));
        }
        e
    }

    fn msg(&self, msg: &str) -> String {
        self.at(msg, b"")
    }
}

/// What `ParseAddr` made of an address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Addr {
    /// An IPv4 address (else IPv6).
    pub ipv4: bool,
    /// An IPv6 address with a `%zone`.
    pub zone: bool,
}

/// `ParseAddr`: the kind of address, or Go's error text.
pub(crate) fn parse_addr(s: &[u8]) -> Result<Addr, String> {
    let fail = Fail { input: s };
    for &c in s {
        match c {
            b'.' => {
                return ipv4_fields(&fail, s).map(|()| Addr {
                    ipv4: true,
                    zone: false,
                });
            }
            b':' => {
                return ipv6(&fail, s).map(|()| Addr {
                    ipv4: false,
                    zone: s.contains(&b'%'),
                });
            }
            b'%' => return Err(fail.msg("missing IPv6 address")),
            _ => {}
        }
    }
    Err(fail.msg("unable to parse IP"))
}

/// `parseIPv4Fields` over `part`.
fn ipv4_fields(fail: &Fail<'_>, part: &[u8]) -> Result<(), String> {
    let (mut val, mut pos, mut digits) = (0u32, 0, 0);
    for (i, &c) in part.iter().enumerate() {
        if c.is_ascii_digit() {
            if digits == 1 && val == 0 {
                return Err(fail.msg("IPv4 field has octet with leading zero"));
            }
            val = val * 10 + u32::from(c - b'0');
            digits += 1;
            if val > 255 {
                return Err(fail.msg("IPv4 field has value >255"));
            }
        } else if c == b'.' {
            if i == 0 || i == part.len() - 1 || part[i - 1] == b'.' {
                return Err(fail.at("IPv4 field must have at least one digit", &part[i..]));
            }
            if pos == 3 {
                return Err(fail.msg("IPv4 address too long"));
            }
            pos += 1;
            val = 0;
            digits = 0;
        } else {
            return Err(fail.at("unexpected character", &part[i..]));
        }
    }
    if pos < 3 {
        return Err(fail.msg("IPv4 address too short"));
    }
    Ok(())
}

/// `parseIPv6`'s checks.
fn ipv6(fail: &Fail<'_>, input: &[u8]) -> Result<(), String> {
    let (mut s, zone_len) = match input.iter().position(|&b| b == b'%') {
        Some(i) if i + 1 == input.len() => {
            return Err(fail.msg("zone must be a non-empty string"));
        }
        Some(i) => (&input[..i], input.len() - i),
        None => (input, 0),
    };
    let mut ellipsis: i32 = -1;
    if s.starts_with(b"::") {
        ellipsis = 0;
        s = &s[2..];
        if s.is_empty() {
            return Ok(());
        }
    }
    let mut i = 0;
    while i < 16 {
        let mut off = 0;
        let mut acc: u32 = 0;
        while let Some(d) = s.get(off).and_then(|&c| char::from(c).to_digit(16)) {
            acc = (acc << 4) + d;
            if off > 3 {
                return Err(fail.at("each group must have 4 or less digits", s));
            }
            if acc > 0xFFFF {
                return Err(fail.at("IPv6 field has value >=2^16", s));
            }
            off += 1;
        }
        if off == 0 {
            return Err(fail.at("each colon-separated field must have at least one digit", s));
        }
        if s.get(off) == Some(&b'.') {
            if ellipsis < 0 && i != 12 {
                return Err(fail.at(
                    "embedded IPv4 address must replace the final 2 fields of the address",
                    s,
                ));
            }
            if i + 4 > 16 {
                return Err(fail.at(
                    "too many hex fields to fit an embedded IPv4 at the end of the address",
                    s,
                ));
            }
            let end = input.len() - zone_len;
            ipv4_fields(fail, &input[end - s.len()..end])?;
            s = b"";
            i += 4;
            break;
        }
        i += 2;
        s = &s[off..];
        if s.is_empty() {
            break;
        }
        if s[0] != b':' {
            return Err(fail.at("unexpected character, want colon", s));
        } else if s.len() == 1 {
            return Err(fail.at("colon must be followed by more characters", s));
        }
        s = &s[1..];
        if s[0] == b':' {
            if ellipsis >= 0 {
                return Err(fail.at("multiple :: in address", s));
            }
            ellipsis = i;
            s = &s[1..];
            if s.is_empty() {
                break;
            }
        }
    }
    if !s.is_empty() {
        return Err(fail.at("trailing garbage after address", s));
    }
    if i < 16 {
        if ellipsis < 0 {
            return Err(fail.msg("address string too short"));
        }
    } else if ellipsis >= 0 {
        return Err(fail.msg("the :: must expand to at least one field of zeros"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_and_go_errors() {
        let v4 = Addr {
            ipv4: true,
            zone: false,
        };
        let v6 = Addr {
            ipv4: false,
            zone: false,
        };
        let zoned = Addr {
            ipv4: false,
            zone: true,
        };
        for (text, want) in [
            ("1.2.3.4", Ok(v4)),
            ("::1", Ok(v6)),
            ("fe80::1%en0", Ok(zoned)),
            ("::ffff:1.2.3.4", Ok(v6)),
            ("1:2", Err("ParseAddr(\"1:2\"): address string too short")),
            (
                "01.2.3.4",
                Err("ParseAddr(\"01.2.3.4\"): IPv4 field has octet with leading zero"),
            ),
            (
                "fe80::1%",
                Err("ParseAddr(\"fe80::1%\"): zone must be a non-empty string"),
            ),
            ("%x", Err("ParseAddr(\"%x\"): missing IPv6 address")),
            ("x", Err("ParseAddr(\"x\"): unable to parse IP")),
            (
                "12345::1",
                Err(
                    "ParseAddr(\"12345::1\"): each group must have 4 or less digits (at \"12345::1\")",
                ),
            ),
        ] {
            assert_eq!(
                parse_addr(text.as_bytes()),
                want.map_err(String::from),
                "{text}"
            );
        }
    }
}
