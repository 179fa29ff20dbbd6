//! Numbers as the JSON Schema library's messages print them: through
//! `golang.org/x/text/message` with the English locale, which groups
//! thousands (`2,000`) and writes large or small floats with a `×10`
//! superscript exponent (`1×10⁰⁶`, `1.5×10⁻⁰⁷`).

use gotemplate::strconv::format_float;

/// `%d` of an integer: `1,001`.
pub fn int(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    out.push_str(&group(&digits));
    out
}

/// `%v` of a float64: shortest digits, scientific when the decimal exponent
/// is below -4 or at least 6 (strconv's `%g` rule with precision 6).
pub fn float(f: f64) -> String {
    if f.is_nan() {
        return "NaN".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "∞" } else { "-∞" }.into();
    }
    // The library converts through big.Rat, so a negative zero is plain zero.
    let f = if f == 0.0 { 0.0 } else { f };
    // `d.ddde±XX`: the shortest digits and the decimal exponent.
    let sci = format_float(f, b'e', -1, 64);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    if !(-4..6).contains(&exp) {
        out.push_str(&digits[..1]);
        if digits.len() > 1 {
            out.push('.');
            out.push_str(&digits[1..]);
        }
        out.push_str("×10");
        out.push_str(&superscript(exp));
        return out;
    }
    // Plain decimal: `exp + 1` digits before the point.
    let point = exp + 1;
    if point <= 0 {
        out.push_str("0.");
        out.push_str(&"0".repeat(point.unsigned_abs() as usize));
        out.push_str(&digits);
        return out;
    }
    let point = point as usize;
    let (int_part, frac) = if digits.len() > point {
        (digits[..point].to_string(), &digits[point..])
    } else {
        (format!("{digits:0<point$}"), "")
    };
    out.push_str(&group(&int_part));
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// Inserts a `,` between groups of three digits.
fn group(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The exponent in superscript digits, at least two of them.
fn superscript(exp: i32) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let mut out = String::new();
    if exp < 0 {
        out.push('⁻');
    }
    let text = format!("{:02}", exp.unsigned_abs());
    out.extend(text.bytes().map(|b| DIGITS[usize::from(b - b'0')]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints_group_thousands() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(1001), "1,001");
        assert_eq!(int(-1234567), "-1,234,567");
    }

    #[test]
    fn floats_print_like_x_text() {
        // Expectations printed by Helm v4.3.1 (see testdata/schema/cases.jsonl).
        for (f, want) in [
            (5.0, "5"),
            (1e6, "1×10⁰⁶"),
            (123456.789, "123,456.789"),
            (-1e-5, "-1×10⁻⁰⁵"),
            (1e101, "1×10¹⁰¹"),
            (-1234.5, "-1,234.5"),
            (1234567.5, "1.2345675×10⁰⁶"),
            (0.0001, "0.0001"),
            (999999.0, "999,999"),
            (2.5e-10, "2.5×10⁻¹⁰"),
            (99.99, "99.99"),
            (-0.0, "0"),
            (1.7976931348623157e308, "1.7976931348623157×10³⁰⁸"),
        ] {
            assert_eq!(float(f), want, "{f}");
        }
    }
}
