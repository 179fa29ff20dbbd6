//! Go's `time.Duration`: an int64 count of nanoseconds with Go's `String()`
//! form (`1h2m3.5s`), `ParseDuration`, rounding, and the methods templates
//! can call on it.

use std::any::Any;

use gotemplate::{GoType, Kind, Object, Signature, Value};

pub const NANOSECOND: i64 = 1;
pub const MICROSECOND: i64 = 1000 * NANOSECOND;
pub const MILLISECOND: i64 = 1000 * MICROSECOND;
pub const SECOND: i64 = 1000 * MILLISECOND;
pub const MINUTE: i64 = 60 * SECOND;
pub const HOUR: i64 = 60 * MINUTE;

/// A `time.Duration` value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Duration(pub i64);

impl Duration {
    /// Go's `Duration.String`.
    pub fn go_string(self) -> String {
        let neg = self.0 < 0;
        let mut u = self.0.unsigned_abs();
        // Built right to left, like Go's fixed buffer.
        let mut out: Vec<u8> = Vec::with_capacity(32);
        if u < SECOND as u64 {
            out.push(b's');
            let prec;
            match u {
                0 => return "0s".into(),
                u if u < MICROSECOND as u64 => {
                    prec = 0;
                    out.push(b'n');
                }
                u if u < MILLISECOND as u64 => {
                    prec = 3;
                    // "µ" reversed.
                    out.extend_from_slice(&[0xB5, 0xC2]);
                }
                _ => {
                    prec = 6;
                    out.push(b'm');
                }
            }
            u = push_frac(&mut out, u, prec);
            push_int(&mut out, u);
        } else {
            out.push(b's');
            u = push_frac(&mut out, u, 9);
            push_int(&mut out, u % 60);
            u /= 60;
            if u > 0 {
                out.push(b'm');
                push_int(&mut out, u % 60);
                u /= 60;
                if u > 0 {
                    out.push(b'h');
                    push_int(&mut out, u);
                }
            }
        }
        if neg {
            out.push(b'-');
        }
        out.reverse();
        String::from_utf8(out).unwrap_or_default()
    }

    /// Go's `Duration.Round`.
    pub fn round(self, m: Duration) -> Duration {
        let (d, m) = (self.0, m.0);
        if m <= 0 {
            return self;
        }
        let mut r = d % m;
        if d < 0 {
            r = -r;
            if less_than_half(r, m) {
                return Duration(d + r);
            }
            // Go's wrapping arithmetic decides overflow.
            let d1 = d.wrapping_sub(m).wrapping_add(r);
            return Duration(if d1 < d { d1 } else { i64::MIN });
        }
        if less_than_half(r, m) {
            return Duration(d - r);
        }
        let d1 = d.wrapping_add(m).wrapping_sub(r);
        Duration(if d1 > d { d1 } else { i64::MAX })
    }

    /// Go's `Duration.Truncate`.
    pub fn truncate(self, m: Duration) -> Duration {
        if m.0 <= 0 {
            return self;
        }
        Duration(self.0 - self.0 % m.0)
    }

    /// Go's `Duration.Abs`.
    pub fn abs(self) -> Duration {
        Duration(if self.0 == i64::MIN {
            i64::MAX
        } else {
            self.0.abs()
        })
    }

    pub fn hours(self) -> f64 {
        (self.0 / HOUR) as f64 + (self.0 % HOUR) as f64 / (60.0 * 60.0 * 1e9)
    }

    pub fn minutes(self) -> f64 {
        (self.0 / MINUTE) as f64 + (self.0 % MINUTE) as f64 / (60.0 * 1e9)
    }

    pub fn seconds(self) -> f64 {
        (self.0 / SECOND) as f64 + (self.0 % SECOND) as f64 / 1e9
    }

    /// The duration as a template value (`time.Duration`).
    pub fn value(self) -> Value {
        Value::object(self)
    }

    /// The duration in a template value, if it holds one.
    pub fn from_value(v: &Value) -> Option<Duration> {
        match v {
            Value::Object(o) => o.as_any().downcast_ref::<Duration>().copied(),
            _ => None,
        }
    }
}

fn less_than_half(x: i64, y: i64) -> bool {
    (x as u64).wrapping_add(x as u64) < y as u64
}

/// Go's `fmtFrac` (reversed output): the fraction of `v / 10^prec` without
/// trailing zeros; returns `v / 10^prec`.
fn push_frac(out: &mut Vec<u8>, mut v: u64, prec: u32) -> u64 {
    let mut printed = false;
    for _ in 0..prec {
        let digit = v % 10;
        printed = printed || digit != 0;
        if printed {
            out.push(b'0' + digit as u8);
        }
        v /= 10;
    }
    if printed {
        out.push(b'.');
    }
    v
}

/// Go's `fmtInt` (reversed output).
fn push_int(out: &mut Vec<u8>, mut v: u64) {
    if v == 0 {
        out.push(b'0');
        return;
    }
    while v > 0 {
        out.push(b'0' + (v % 10) as u8);
        v /= 10;
    }
}

/// Go's `time.ParseDuration`, with its error texts.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let invalid = || format!("time: invalid duration {}", time_quote(text));
    let mut s = text.as_bytes();
    let mut neg = false;
    if let Some(&c) = s.first()
        && (c == b'-' || c == b'+')
    {
        neg = c == b'-';
        s = &s[1..];
    }
    if s == b"0" {
        return Ok(Duration(0));
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        if !(s[0] == b'.' || s[0].is_ascii_digit()) {
            return Err(invalid());
        }
        let before = s.len();
        let (mut v, rest) = leading_int(s).ok_or_else(invalid)?;
        s = rest;
        let pre = before != s.len();
        let mut post = false;
        let (mut f, mut scale) = (0u64, 1f64);
        if s.first() == Some(&b'.') {
            s = &s[1..];
            let before = s.len();
            (f, scale, s) = leading_fraction(s);
            post = before != s.len();
        }
        if !pre && !post {
            return Err(invalid());
        }
        let unit_len = s
            .iter()
            .position(|&c| c == b'.' || c.is_ascii_digit())
            .unwrap_or(s.len());
        if unit_len == 0 {
            return Err(format!(
                "time: missing unit in duration {}",
                time_quote(text)
            ));
        }
        let unit_bytes = &s[..unit_len];
        s = &s[unit_len..];
        let unit = unit_nanos(unit_bytes).ok_or_else(|| {
            format!(
                "time: unknown unit {} in duration {}",
                time_quote(&String::from_utf8_lossy(unit_bytes)),
                time_quote(text)
            )
        })?;
        if v > (1u64 << 63) / unit {
            return Err(invalid());
        }
        v *= unit;
        if f > 0 {
            v += (f as f64 * (unit as f64 / scale)) as u64;
            if v > 1 << 63 {
                return Err(invalid());
            }
        }
        total += v;
        if total > 1 << 63 {
            return Err(invalid());
        }
    }
    if neg {
        return Ok(Duration((total as i64).wrapping_neg()));
    }
    if total > i64::MAX as u64 {
        return Err(invalid());
    }
    Ok(Duration(total as i64))
}

/// Nanoseconds per unit of `ParseDuration`'s unit names.
fn unit_nanos(unit: &[u8]) -> Option<u64> {
    let nanos = match unit {
        b"ns" => NANOSECOND,
        b"us" => MICROSECOND,
        b"ms" => MILLISECOND,
        b"s" => SECOND,
        b"m" => MINUTE,
        b"h" => HOUR,
        // U+00B5 micro sign and U+03BC Greek mu.
        _ if unit == "µs".as_bytes() || unit == "μs".as_bytes() => MICROSECOND,
        _ => return None,
    };
    Some(nanos as u64)
}

/// Go's `leadingInt`: the leading digits, or `None` on overflow past 2^63.
fn leading_int(s: &[u8]) -> Option<(u64, &[u8])> {
    let mut x: u64 = 0;
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if x > (1 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(s[i] - b'0');
        if x > 1 << 63 {
            return None;
        }
        i += 1;
    }
    Some((x, &s[i..]))
}

/// Go's `leadingFraction`: digits, stopping accumulation before overflow.
fn leading_fraction(s: &[u8]) -> (u64, f64, &[u8]) {
    let (mut x, mut scale, mut overflow) = (0u64, 1f64, false);
    let mut i = 0;
    while i < s.len() && s[i].is_ascii_digit() {
        if !overflow {
            if x > (i64::MAX as u64) / 10 {
                overflow = true;
            } else {
                let y = x * 10 + u64::from(s[i] - b'0');
                if y > 1 << 63 {
                    overflow = true;
                } else {
                    x = y;
                    scale *= 10.0;
                }
            }
        }
        i += 1;
    }
    (x, scale, &s[i..])
}

/// The `quote` of Go's `time` package: ASCII as is (with `"` and `\`
/// escaped), every byte of other runes and controls as `\xNN`.
pub fn time_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if (c as u32) >= 0x80 || c < ' ' {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        } else {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out.push('"');
    out
}

impl Object for Duration {
    fn type_name(&self) -> &str {
        "time.Duration"
    }

    fn kind(&self) -> Kind {
        Kind::Int64
    }

    fn method(&self, name: &str) -> Option<Signature> {
        let params: &[GoType] = match name {
            "Hours" | "Minutes" | "Seconds" | "Milliseconds" | "Microseconds" | "Nanoseconds"
            | "String" | "Abs" => &[],
            "Round" | "Truncate" => &[GoType::Any],
            _ => return None,
        };
        Some(Signature::new(params))
    }

    fn call_method(&self, name: &str, args: Vec<Value>) -> Result<Value, String> {
        let d = *self;
        Ok(match name {
            "Hours" => Value::Float(d.hours()),
            "Minutes" => Value::Float(d.minutes()),
            "Seconds" => Value::Float(d.seconds()),
            "Milliseconds" => Value::Int64(d.0 / MILLISECOND),
            "Microseconds" => Value::Int64(d.0 / MICROSECOND),
            "Nanoseconds" => Value::Int64(d.0),
            "String" => Value::str(d.go_string()),
            "Abs" => d.abs().value(),
            "Round" => d.round(duration_arg(&args[0])?).value(),
            "Truncate" => d.truncate(duration_arg(&args[0])?).value(),
            _ => return Err(format!("can't call method {name}")),
        })
    }

    fn to_go_string(&self) -> Option<String> {
        Some(self.go_string())
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        self.0.to_string()
    }

    fn to_data(&self) -> Value {
        Value::Int64(self.0)
    }

    fn is_truthy(&self) -> bool {
        self.0 != 0
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A `time.Duration` method argument: a duration, or an untyped integer
/// constant (which Go converts). Other values fail as Go's type check does.
pub fn duration_arg(v: &Value) -> Result<Duration, String> {
    match v {
        Value::Int(i) => Ok(Duration(*i)),
        other => Duration::from_value(other).ok_or_else(|| {
            format!(
                "wrong type for value; expected time.Duration; got {}",
                if other.is_nil() {
                    "interface {}"
                } else {
                    other.type_name()
                }
            )
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_match_go() {
        let cases: &[(i64, &str)] = &[
            (0, "0s"),
            (1, "1ns"),
            (1_100, "1.1µs"),
            (2_200_000, "2.2ms"),
            (3_300_000_000, "3.3s"),
            (4 * MINUTE + 5 * SECOND, "4m5s"),
            (4 * MINUTE + 5_001 * MILLISECOND, "4m5.001s"),
            (5 * HOUR + 6 * MINUTE + 7_001 * MILLISECOND, "5h6m7.001s"),
            (8 * MINUTE + 1, "8m0.000000001s"),
            (i64::MAX, "2562047h47m16.854775807s"),
            (i64::MIN, "-2562047h47m16.854775808s"),
            (-1_500_000_000, "-1.5s"),
        ];
        for (d, want) in cases {
            assert_eq!(Duration(*d).go_string(), *want);
        }
    }

    #[test]
    fn parse_matches_go() {
        let ok: &[(&str, i64)] = &[
            ("0", 0),
            ("-0", 0),
            ("5s", 5 * SECOND),
            ("1h2m3.5s", HOUR + 2 * MINUTE + 3_500 * MILLISECOND),
            ("-1.5h", -90 * MINUTE),
            (".5s", 500 * MILLISECOND),
            ("1µs", 1000),
            ("1μs", 1000),
            ("9223372036854775807ns", i64::MAX),
            ("-9223372036854775808ns", i64::MIN),
            ("0.3333333333333333333h", 20 * MINUTE),
        ];
        for (s, want) in ok {
            assert_eq!(parse_duration(s), Ok(Duration(*want)), "{s}");
        }
        let bad: &[(&str, &str)] = &[
            ("", "time: invalid duration \"\""),
            ("3", "time: missing unit in duration \"3\""),
            ("3d", "time: unknown unit \"d\" in duration \"3d\""),
            (".s", "time: invalid duration \".s\""),
            (
                "9223372036854775808ns",
                "time: invalid duration \"9223372036854775808ns\"",
            ),
            (
                "1é",
                "time: unknown unit \"\\xc3\\xa9\" in duration \"1\\xc3\\xa9\"",
            ),
        ];
        for (s, want) in bad {
            assert_eq!(parse_duration(s).unwrap_err(), *want, "{s}");
        }
    }

    #[test]
    fn rounding_matches_go() {
        let d = Duration(HOUR + 29 * MINUTE);
        assert_eq!(d.round(Duration(HOUR)), Duration(HOUR));
        assert_eq!(
            Duration(-(HOUR + 31 * MINUTE)).round(Duration(HOUR)),
            Duration(-2 * HOUR)
        );
        assert_eq!(Duration(i64::MAX).round(Duration(HOUR)), Duration(i64::MAX));
        assert_eq!(
            Duration(-(HOUR + 31 * MINUTE)).truncate(Duration(HOUR)),
            Duration(-HOUR)
        );
        assert_eq!(d.round(Duration(0)), d);
    }
}
