//! Go's `strconv` number formatting, which `fmt`, `encoding/json` and go-yaml
//! all build on.
//!
//! Rust's float formatting already yields the shortest round-tripping digits
//! (`{:e}`) and exactly rounded digits for a precision (`{:.Ne}`, `{:.N}`), so
//! this module only lays those digits out the way Go's `ftoa.go` does.

/// More decimal digits than any float64 needs to be written exactly.
const EXACT_DIGITS: usize = 1100;

/// Decimal digits of a finite, non-negative float: `0.d1d2...dn × 10^dp`
/// (Go's `decimal` with `nd` digits and decimal point position `dp`).
struct Digits {
    d: Vec<u8>,
    dp: i32,
}

impl Digits {
    /// Parses Rust's `{:e}` output (`1.2345e-5`, `0e0`).
    fn from_exp_repr(s: &str) -> Digits {
        let (mant, exp) = s.split_once('e').expect("exponent form");
        let exp: i32 = exp.parse().expect("exponent digits");
        let mut d: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
        if d.iter().all(|&b| b == b'0') {
            return Digits {
                d: Vec::new(),
                dp: 0,
            };
        }
        while d.last() == Some(&b'0') {
            d.pop();
        }
        Digits { d, dp: exp + 1 }
    }

    /// Shortest digits that round-trip at the given bit size.
    fn shortest(f: f64, bits: u32) -> Digits {
        if bits == 32 {
            Digits::from_exp_repr(&format!("{:e}", f as f32))
        } else {
            Digits::from_exp_repr(&format!("{:e}", f))
        }
    }

    /// Digits rounded to `n` significant digits (`n >= 1`).
    fn significant(f: f64, n: usize) -> Digits {
        // A float64 has at most 767 significant decimal digits, so beyond
        // EXACT_DIGITS the rounding is exact and the rest are zeros (which
        // `digit` supplies). Rust's formatter also caps precisions at u16.
        Digits::from_exp_repr(&format!("{:.*e}", (n - 1).min(EXACT_DIGITS), f))
    }

    fn nd(&self) -> i32 {
        self.d.len() as i32
    }

    fn digit(&self, i: i32) -> u8 {
        if i >= 0 && i < self.nd() {
            self.d[i as usize]
        } else {
            b'0'
        }
    }
}

/// Go's `strconv.FormatFloat(f, fmt, prec, bitSize)` for the formats
/// `e E f g G` (`prec < 0` means the shortest representation).
pub fn format_float(f: f64, fmt: u8, prec: i32, bits: u32) -> String {
    let mut out = String::new();
    append_float(&mut out, f, fmt, prec, bits);
    out
}

/// Appends what [`format_float`] returns.
pub fn append_float(out: &mut String, f: f64, fmt: u8, prec: i32, bits: u32) {
    if f.is_nan() {
        out.push_str("NaN");
        return;
    }
    if f.is_infinite() {
        out.push_str(if f > 0.0 { "+Inf" } else { "-Inf" });
        return;
    }
    let neg = f.is_sign_negative();
    let a = f.abs();
    let shortest = prec < 0;
    match fmt {
        b'e' | b'E' => {
            let (digs, p) = if shortest {
                let d = Digits::shortest(a, bits);
                let p = (d.nd() - 1).max(0);
                (d, p)
            } else {
                (Digits::significant(a, prec as usize + 1), prec)
            };
            fmt_e(out, neg, &digs, p, fmt);
        }
        b'f' => {
            if shortest {
                let d = Digits::shortest(a, bits);
                let p = (d.nd() - d.dp).max(0);
                fmt_f(out, neg, &d, p);
            } else {
                // Rust rounds exactly at a fixed precision, like Go's decimal
                // rounding. A float64 has at most 1074 fractional decimal
                // digits; past EXACT_DIGITS only zeros follow.
                let prec = prec as usize;
                let s = format!("{:.*}", prec.min(EXACT_DIGITS), a);
                if neg {
                    out.push('-');
                }
                out.push_str(&s);
                out.extend(std::iter::repeat_n('0', prec.saturating_sub(EXACT_DIGITS)));
            }
        }
        b'g' | b'G' => {
            let mut eprec = prec;
            let digs = if shortest {
                Digits::shortest(a, bits)
            } else {
                if eprec == 0 {
                    eprec = 1;
                }
                Digits::significant(a, eprec as usize)
            };
            let mut prec = if shortest { digs.nd() } else { eprec };
            if eprec > digs.nd() && digs.nd() >= digs.dp {
                eprec = digs.nd();
            }
            // %e is used if the exponent from the conversion is less than -4 or
            // greater than or equal to the precision. If precision was the
            // shortest possible, use precision 6 for this decision.
            if shortest {
                eprec = 6;
            }
            let exp = digs.dp - 1;
            if digs.nd() == 0 {
                // Zero: Go's decimal has dp 0, so exp is -1 and %f applies.
                fmt_f(out, neg, &digs, 0);
                return;
            }
            if exp < -4 || exp >= eprec {
                if prec > digs.nd() {
                    prec = digs.nd();
                }
                fmt_e(out, neg, &digs, prec - 1, fmt + b'e' - b'g');
                return;
            }
            if prec > digs.dp {
                prec = digs.nd();
            }
            fmt_f(out, neg, &digs, (prec - digs.dp).max(0));
        }
        other => {
            out.push('%');
            out.push(other as char);
        }
    }
}

/// `-d.ddddde±dd`
fn fmt_e(out: &mut String, neg: bool, d: &Digits, prec: i32, fmt: u8) {
    if neg {
        out.push('-');
    }
    let first = if d.nd() == 0 { b'0' } else { d.d[0] };
    out.push(first as char);
    if prec > 0 {
        out.push('.');
        for i in 1..=prec {
            out.push(d.digit(i) as char);
        }
    }
    out.push(fmt as char);
    let mut exp = d.dp - 1;
    if d.nd() == 0 {
        exp = 0;
    }
    if exp < 0 {
        out.push('-');
        exp = -exp;
    } else {
        out.push('+');
    }
    if exp < 10 {
        out.push('0');
    }
    out.push_str(&exp.to_string());
}

/// `-ddddd.ddd`
fn fmt_f(out: &mut String, neg: bool, d: &Digits, prec: i32) {
    if neg {
        out.push('-');
    }
    if d.dp > 0 {
        for i in 0..d.dp {
            out.push(d.digit(i) as char);
        }
    } else {
        out.push('0');
    }
    if prec > 0 {
        out.push('.');
        for i in 0..prec {
            out.push(d.digit(d.dp + i) as char);
        }
    }
}

/// Go's `strconv.Quote`: a double-quoted Go string literal.
pub fn quote(s: &str) -> String {
    crate::error::go_quote(s)
}

/// Go's `strconv.IsPrint` (what `unicode.IsPrint` also answers, but for U+00A0..).
pub fn is_print(c: char) -> bool {
    crate::error::is_go_printable(c)
}

/// Go's `strconv.underscoreOK`: in a number literal, underscores only
/// between digits or after a base prefix (`1_000`, `0x_ff`).
pub fn underscore_ok(s: &str) -> bool {
    let s = s.strip_prefix(['+', '-']).unwrap_or(s);
    let b = s.as_bytes();
    let mut saw = b'^';
    let mut i = 0;
    let mut hex = false;
    if b.len() >= 2 && b[0] == b'0' && matches!(b[1] | 0x20, b'b' | b'o' | b'x') {
        i = 2;
        saw = b'0';
        hex = b[1] | 0x20 == b'x';
    }
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() || (hex && (b'a'..=b'f').contains(&(c | 0x20))) {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
        i += 1;
    }
    saw != b'_'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_g_matches_go() {
        let cases: &[(f64, &str)] = &[
            (1000000.0, "1e+06"),
            (100000.0, "100000"),
            (123456789.0, "1.23456789e+08"),
            (-2000000.0, "-2e+06"),
            (1.0, "1"),
            (0.00001, "1e-05"),
            (0.0001, "0.0001"),
            (1.5e10, "1.5e+10"),
            (0.0, "0"),
            (-0.0, "-0"),
            (123456.7, "123456.7"),
            (1e21, "1e+21"),
            (1e100, "1e+100"),
            (0.1, "0.1"),
            (f64::INFINITY, "+Inf"),
            (f64::NAN, "NaN"),
        ];
        for (f, want) in cases {
            assert_eq!(format_float(*f, b'g', -1, 64), *want, "{f}");
        }
    }

    #[test]
    fn precision_formats_match_go() {
        let cases: &[(f64, u8, i32, &str)] = &[
            (1234567.0, b'f', 2, "1234567.00"),
            (1234567.0, b'e', -1, "1.234567e+06"),
            (1234567.0, b'e', 6, "1.234567e+06"),
            (1.23456, b'e', 2, "1.23e+00"),
            (1.23456, b'g', 3, "1.23"),
            (1e-7, b'f', -1, "0.0000001"),
            (100.0, b'g', 2, "1e+02"),
            (0.000012345, b'g', 3, "1.23e-05"),
            (2.5, b'f', 0, "2"),
            (1.0, b'e', 0, "1e+00"),
            (0.0, b'e', -1, "0e+00"),
        ];
        for (f, fmt, prec, want) in cases {
            assert_eq!(
                format_float(*f, *fmt, *prec, 64),
                *want,
                "{f} {} {prec}",
                *fmt as char
            );
        }
    }

    #[test]
    fn float32_shortest() {
        assert_eq!(format_float(1.1f32 as f64, b'g', -1, 32), "1.1");
        assert_eq!(format_float(1.0, b'g', -1, 32), "1");
    }

    #[test]
    fn huge_precisions_pad_exact_digits_with_zeros() {
        let e = format_float(0.1, b'e', 70000, 64);
        assert!(e.starts_with("1.000000000000000055511151231257827021181583404541015625000"));
        assert!(e.ends_with("0e-01"));
        assert_eq!(e.len(), "1.".len() + 70000 + "e-01".len());
        let f = format_float(-0.5, b'f', 70000, 64);
        assert_eq!(f.len(), "-0.".len() + 70000);
        assert!(f.starts_with("-0.5000"));
        let g = format_float(1.0 / 3.0, b'g', 70000, 64);
        assert!(g.starts_with("0.333333333333333314829616256247"));
    }
}
