//! `strconv.AppendFloat` for every format `fmt` asks for: the decimal ones
//! (`e E f g G`) come from [`crate::strconv`]; the binary-exponent ones
//! (`b`, and `x X` hexadecimal mantissas) are laid out here from the bits.

const MANT_BITS: u32 = 52;
const EXP_BITS: u32 = 11;
const BIAS: i32 = -1023;

/// Appends `v` formatted like Go's `strconv.AppendFloat(out, v, fmt, prec, 64)`.
pub(super) fn append_float(out: &mut Vec<u8>, v: f64, fmt: u8, prec: i32) {
    match fmt {
        b'b' | b'x' | b'X' => append_binary(out, v, fmt, prec),
        _ => {
            let mut s = String::new();
            crate::strconv::append_float(&mut s, v, fmt, prec, 64);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

fn append_binary(out: &mut Vec<u8>, v: f64, fmt: u8, prec: i32) {
    let bits = v.to_bits();
    let neg = bits >> 63 != 0;
    let biased = ((bits >> MANT_BITS) & ((1 << EXP_BITS) - 1)) as i32;
    let mut mant = bits & ((1 << MANT_BITS) - 1);
    if biased == (1 << EXP_BITS) - 1 {
        out.extend_from_slice(match (mant != 0, neg) {
            (true, _) => b"NaN".as_slice(),
            (false, true) => b"-Inf",
            (false, false) => b"+Inf",
        });
        return;
    }
    let mut exp = biased;
    if biased == 0 {
        // Denormal: no implicit leading bit.
        exp += 1;
    } else {
        mant |= 1 << MANT_BITS;
    }
    exp += BIAS;
    if fmt == b'b' {
        fmt_b(out, neg, mant, exp);
    } else {
        fmt_x(out, prec, fmt, neg, mant, exp);
    }
}

/// `-ddddp±ddd`: the integer mantissa and the binary exponent.
fn fmt_b(out: &mut Vec<u8>, neg: bool, mant: u64, exp: i32) {
    if neg {
        out.push(b'-');
    }
    out.extend_from_slice(mant.to_string().as_bytes());
    out.push(b'p');
    let exp = exp - MANT_BITS as i32;
    if exp >= 0 {
        out.push(b'+');
    }
    out.extend_from_slice(exp.to_string().as_bytes());
}

/// `-0x1.yyyyp±dd`: a hexadecimal mantissa with one leading digit.
fn fmt_x(out: &mut Vec<u8>, prec: i32, fmt: u8, neg: bool, mut mant: u64, mut exp: i32) {
    if mant == 0 {
        exp = 0;
    }
    // Shift so that the leading 1 (if any) sits at bit 60.
    mant <<= 60 - MANT_BITS;
    while mant != 0 && mant & (1 << 60) == 0 {
        mant <<= 1;
        exp -= 1;
    }
    // Round to `prec` hex digits, half to even.
    if (0..15).contains(&prec) {
        let shift = (prec * 4) as u32;
        let extra = (mant << shift) & ((1 << 60) - 1);
        mant >>= 60 - shift;
        if extra | (mant & 1) > 1 << 59 {
            mant += 1;
        }
        mant <<= 60 - shift;
        if mant & (1 << 61) != 0 {
            // Rounding carried into a new leading digit.
            mant >>= 1;
            exp += 1;
        }
    }
    let hex: &[u8; 16] = if fmt == b'X' {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    if neg {
        out.push(b'-');
    }
    out.extend_from_slice(&[b'0', fmt, b'0' + ((mant >> 60) & 1) as u8]);
    mant <<= 4; // drop the leading digit
    if prec < 0 && mant != 0 {
        out.push(b'.');
        while mant != 0 {
            out.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    } else if prec > 0 {
        out.push(b'.');
        for _ in 0..prec {
            out.push(hex[((mant >> 60) & 15) as usize]);
            mant <<= 4;
        }
    }
    out.push(if fmt == b'X' { b'P' } else { b'p' });
    if exp < 0 {
        out.push(b'-');
        exp = -exp;
    } else {
        out.push(b'+');
    }
    if exp < 10 {
        out.push(b'0');
    }
    out.extend_from_slice(exp.to_string().as_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fmt(v: f64, f: u8, prec: i32) -> String {
        let mut out = Vec::new();
        append_float(&mut out, v, f, prec);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn binary_exponent_formats() {
        assert_eq!(fmt(1.0, b'x', -1), "0x1p+00");
        assert_eq!(fmt(-0.1, b'X', -1), "-0X1.999999999999AP-04");
        assert_eq!(fmt(0.0, b'x', -1), "0x0p+00");
        assert_eq!(fmt(1.5, b'x', 0), "0x1p+01");
        assert_eq!(fmt(1e300, b'x', 3), "0x1.7e4p+996");
        assert_eq!(fmt(1.0, b'b', -1), "4503599627370496p-52");
        assert_eq!(fmt(0.0, b'b', -1), "0p-1074");
        assert_eq!(fmt(f64::NEG_INFINITY, b'x', -1), "-Inf");
    }
}
