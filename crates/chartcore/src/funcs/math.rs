//! Sprig's math functions.
//!
//! The integer family (`add`, `sub`, `mul`, `div`, `mod`, `max`, `min`) works
//! in Go `int64` after `cast.ToInt64`, with wrapping overflow and Go's
//! division panics. The `*f` family converts each operand with
//! `cast.ToFloat64`, computes in `shopspring/decimal` (exact, except that
//! division rounds to 16 decimal places) and converts the result back to
//! `float64`.

use gotemplate::gofmt;
use gotemplate::{FuncError, FuncMap, GoType, Value};

use super::conv::{to_float64, to_int64};
use super::{def, def_variadic, i};

use GoType::{Any, Float64, Int};

/// Go's panic text for an integer division by zero.
const DIVIDE_BY_ZERO: &str = "runtime error: integer divide by zero";

pub(super) fn register(m: &mut FuncMap) {
    def_variadic(m, "add", &[], Any, |a| {
        Ok(Value::Int64(
            a.iter().fold(0i64, |acc, v| acc.wrapping_add(to_int64(v))),
        ))
    });
    def(m, "add1", &[Any], |a| {
        Ok(Value::Int64(to_int64(&a[0]).wrapping_add(1)))
    });
    def(m, "sub", &[Any, Any], |a| {
        Ok(Value::Int64(to_int64(&a[0]).wrapping_sub(to_int64(&a[1]))))
    });
    def(m, "div", &[Any, Any], |a| {
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err(FuncError::msg(DIVIDE_BY_ZERO));
        }
        Ok(Value::Int64(to_int64(&a[0]).wrapping_div(d)))
    });
    def(m, "mod", &[Any, Any], |a| {
        let d = to_int64(&a[1]);
        if d == 0 {
            return Err(FuncError::msg(DIVIDE_BY_ZERO));
        }
        Ok(Value::Int64(to_int64(&a[0]).wrapping_rem(d)))
    });
    def_variadic(m, "mul", &[Any], Any, |a| {
        Ok(Value::Int64(
            a[1..]
                .iter()
                .fold(to_int64(&a[0]), |acc, v| acc.wrapping_mul(to_int64(v))),
        ))
    });
    for name in ["max", "biggest"] {
        def_variadic(m, name, &[Any], Any, |a| {
            Ok(Value::Int64(
                a.iter().map(to_int64).fold(i64::MIN, i64::max),
            ))
        });
    }
    def_variadic(m, "min", &[Any], Any, |a| {
        Ok(Value::Int64(
            a.iter().map(to_int64).fold(i64::MAX, i64::min),
        ))
    });
    def_variadic(m, "maxf", &[Any], Any, |a| {
        let first = to_float64(&a[0]);
        Ok(Value::Float(
            a[1..].iter().map(to_float64).fold(first, go_max),
        ))
    });
    def_variadic(m, "minf", &[Any], Any, |a| {
        let first = to_float64(&a[0]);
        Ok(Value::Float(
            a[1..].iter().map(to_float64).fold(first, go_min),
        ))
    });
    def_variadic(m, "addf", &[], Any, |a| {
        decimal_op(&Value::Float(0.0), &a, DecimalOp::Add)
    });
    def(m, "add1f", &[Any], |a| {
        decimal_op(&a[0], &[Value::Int(1)], DecimalOp::Add)
    });
    def_variadic(m, "subf", &[Any], Any, |a| {
        decimal_op(&a[0], &a[1..], DecimalOp::Sub)
    });
    def_variadic(m, "mulf", &[Any], Any, |a| {
        decimal_op(&a[0], &a[1..], DecimalOp::Mul)
    });
    def_variadic(m, "divf", &[Any], Any, |a| {
        decimal_op(&a[0], &a[1..], DecimalOp::Div)
    });
    def(m, "ceil", &[Any], |a| {
        Ok(Value::Float(to_float64(&a[0]).ceil()))
    });
    def(m, "floor", &[Any], |a| {
        Ok(Value::Float(to_float64(&a[0]).floor()))
    });
    def_variadic(m, "round", &[Any, Int], Float64, |a| {
        let round_on = a.get(2).and_then(float_of).unwrap_or(0.5);
        Ok(Value::Float(round(to_float64(&a[0]), i(&a[1]), round_on)))
    });
    def(m, "int", &[Any], |a| Ok(Value::Int(to_int64(&a[0]))));
    def(m, "int64", &[Any], |a| Ok(Value::Int64(to_int64(&a[0]))));
    def(m, "float64", &[Any], |a| {
        Ok(Value::Float(to_float64(&a[0])))
    });
    def(m, "toDecimal", &[Any], |a| {
        Ok(Value::Int64(
            parse_octal(&gofmt::format_value(&a[0])).unwrap_or(0),
        ))
    });
}

fn float_of(v: &Value) -> Option<f64> {
    match v {
        Value::Float(f) => Some(*f),
        _ => None,
    }
}

/// Go's `math.Max`: +Inf wins over NaN, NaN over numbers, +0 over -0.
fn go_max(x: f64, y: f64) -> f64 {
    if x == f64::INFINITY || y == f64::INFINITY {
        f64::INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && x == y {
        if x.is_sign_negative() { y } else { x }
    } else if x > y {
        x
    } else {
        y
    }
}

/// Go's `math.Min`: -Inf wins over NaN, NaN over numbers, -0 over +0.
fn go_min(x: f64, y: f64) -> f64 {
    if x == f64::NEG_INFINITY || y == f64::NEG_INFINITY {
        f64::NEG_INFINITY
    } else if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x == 0.0 && x == y {
        if x.is_sign_negative() { x } else { y }
    } else if x < y {
        x
    } else {
        y
    }
}

/// Sprig's `round`: scale by `10^places`, then round up when the fractional
/// part (signed, as `math.Modf` gives it) reaches `round_on`, else down.
/// Negative values therefore round towards -Inf unless `round_on` <= 0.
fn round(val: f64, places: i64, round_on: f64) -> f64 {
    let pow = go_pow10(places);
    let digit = pow * val;
    let frac = digit - digit.trunc();
    let rounded = if frac >= round_on {
        digit.ceil()
    } else {
        digit.floor()
    };
    rounded / pow
}

/// Go's `math.Pow(10, float64(p))`, which Go computes by repeated squaring of
/// the mantissa rather than with a correctly rounded `pow`; porting it keeps
/// the last bit identical for large exponents.
fn go_pow10(p: i64) -> f64 {
    let y = p as f64;
    if y == 0.0 {
        return 1.0;
    }
    if y == 1.0 {
        return 10.0;
    }
    let yi = y.abs();
    if yi >= 9_223_372_036_854_775_808.0 {
        return if y > 0.0 { f64::INFINITY } else { 0.0 };
    }
    let (mut x1, mut xe) = frexp(10.0);
    let (mut a1, mut ae) = (1.0f64, 0i64);
    let mut n = yi as i64;
    while n != 0 {
        if !(-(1 << 12)..=(1 << 12)).contains(&xe) {
            ae += xe;
            break;
        }
        if n & 1 == 1 {
            a1 *= x1;
            ae += xe;
        }
        x1 *= x1;
        xe <<= 1;
        if x1 < 0.5 {
            x1 += x1;
            xe -= 1;
        }
        n >>= 1;
    }
    if y < 0.0 {
        a1 = 1.0 / a1;
        ae = -ae;
    }
    ldexp(a1, ae)
}

const SHIFT: u32 = 52;
const MASK: u64 = 0x7ff;
const BIAS: i64 = 1023;

/// Go's `math.normalize`: scales subnormals into the normal range.
fn normalize(x: f64) -> (f64, i64) {
    const SMALLEST_NORMAL: f64 = 2.2250738585072014e-308;
    if x.abs() < SMALLEST_NORMAL {
        (x * (1u64 << 52) as f64, -52)
    } else {
        (x, 0)
    }
}

/// Go's `math.Frexp`.
fn frexp(f: f64) -> (f64, i64) {
    if f == 0.0 || f.is_infinite() || f.is_nan() {
        return (f, 0);
    }
    let (f, mut exp) = normalize(f);
    let mut x = f.to_bits();
    exp += ((x >> SHIFT) & MASK) as i64 - BIAS + 1;
    x &= !(MASK << SHIFT);
    x |= ((BIAS - 1) as u64) << SHIFT;
    (f64::from_bits(x), exp)
}

/// Go's `math.Ldexp`, rounding of subnormal results included.
fn ldexp(frac: f64, exp: i64) -> f64 {
    if frac == 0.0 || frac.is_infinite() || frac.is_nan() {
        return frac;
    }
    let (frac, e) = normalize(frac);
    let mut exp = exp + e;
    let mut x = frac.to_bits();
    exp += ((x >> SHIFT) & MASK) as i64 - BIAS;
    if exp < -1075 {
        return 0.0f64.copysign(frac);
    }
    if exp > 1023 {
        return if frac < 0.0 {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        };
    }
    let mut m = 1.0;
    if exp < -1022 {
        exp += 53;
        m = 1.0 / (1u64 << 53) as f64;
    }
    x &= !(MASK << SHIFT);
    x |= ((exp + BIAS) as u64) << SHIFT;
    m * f64::from_bits(x)
}

/// Go's `strconv.ParseInt(s, 8, 64)`: an optional sign, then octal digits
/// only (no prefix, no underscores); out of range is an error.
fn parse_octal(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: u64 = 0;
    for b in digits.bytes() {
        if !(b'0'..=b'7').contains(&b) {
            return None;
        }
        n = n.checked_mul(8)?.checked_add(u64::from(b - b'0'))?;
    }
    if neg {
        if n > 1 << 63 {
            return None;
        }
        Some((n as i64).wrapping_neg())
    } else {
        i64::try_from(n).ok()
    }
}

#[derive(Clone, Copy)]
enum DecimalOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Sprig's `execDecimalOp`: folds the operands with a decimal operation and
/// returns the `float64` nearest to the exact decimal result.
fn decimal_op(first: &Value, rest: &[Value], op: DecimalOp) -> Result<Value, FuncError> {
    let mut acc = Decimal::from_f64(to_float64(first))?;
    for v in rest {
        let x = Decimal::from_f64(to_float64(v))?;
        acc = match op {
            DecimalOp::Add => acc.add(&x),
            DecimalOp::Sub => acc.sub(&x),
            DecimalOp::Mul => acc.mul(&x)?,
            DecimalOp::Div => acc.div(&x)?,
        };
    }
    Ok(Value::Float(acc.to_f64()))
}

use num_bigint::{BigInt, Sign};

/// `shopspring/decimal`'s value: `value * 10^exp`.
#[derive(Clone, Debug)]
struct Decimal {
    value: BigInt,
    exp: i32,
}

/// `decimal.DivisionPrecision`: digits after the point a quotient keeps.
const DIVISION_PRECISION: i32 = 16;

impl Decimal {
    /// `decimal.NewFromFloat`: the shortest decimal that reads back as `f`.
    fn from_f64(f: f64) -> Result<Decimal, FuncError> {
        if f.is_nan() || f.is_infinite() {
            return Err(FuncError::msg(format!(
                "Cannot create a Decimal from {}",
                gofmt::format_value(&Value::Float(f))
            )));
        }
        if f == 0.0 {
            return Ok(Decimal {
                value: BigInt::from(0),
                exp: 0,
            });
        }
        // Rust's `{:e}` prints the shortest round-trip digits, as Go's
        // `roundShortest` (which decimal copies) chooses them.
        let s = format!("{f:e}");
        let (mantissa, exp) = s.split_once('e').unwrap_or((&s, "0"));
        let exp: i32 = exp.parse().unwrap_or(0);
        let digits: String = mantissa.chars().filter(|c| *c != '.').collect();
        let frac_digits = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) as i32;
        let value = digits.parse::<BigInt>().unwrap_or_default();
        Ok(Decimal {
            value,
            exp: exp - frac_digits,
        })
    }

    /// Both values scaled to the smaller exponent.
    fn aligned(&self, other: &Decimal) -> (BigInt, BigInt, i32) {
        let exp = self.exp.min(other.exp);
        let scale = |d: &Decimal| &d.value * pow10((d.exp - exp) as u32);
        (scale(self), scale(other), exp)
    }

    fn add(&self, other: &Decimal) -> Decimal {
        let (a, b, exp) = self.aligned(other);
        Decimal { value: a + b, exp }
    }

    fn sub(&self, other: &Decimal) -> Decimal {
        let (a, b, exp) = self.aligned(other);
        Decimal { value: a - b, exp }
    }

    fn mul(&self, other: &Decimal) -> Result<Decimal, FuncError> {
        let exp = i64::from(self.exp) + i64::from(other.exp);
        let exp = i32::try_from(exp)
            .map_err(|_| FuncError::msg(format!("exponent {exp} overflows an int32!")))?;
        Ok(Decimal {
            value: &self.value * &other.value,
            exp,
        })
    }

    /// `Decimal.Div`: the quotient rounded half away from zero to
    /// [`DIVISION_PRECISION`] places (`DivRound` over `QuoRem`).
    fn div(&self, other: &Decimal) -> Result<Decimal, FuncError> {
        if other.value.sign() == Sign::NoSign {
            return Err(FuncError::msg("decimal division by 0"));
        }
        let scale = -DIVISION_PRECISION;
        let e = i64::from(self.exp) - i64::from(other.exp) - i64::from(scale);
        if e > i64::from(i32::MAX) || e < i64::from(i32::MIN) {
            return Err(FuncError::msg("overflow in decimal QuoRem"));
        }
        let (num, den) = if e < 0 {
            (self.value.clone(), &other.value * pow10((-e) as u32))
        } else {
            (&self.value * pow10(e as u32), other.value.clone())
        };
        // Truncating division, as big.Int.QuoRem.
        let q = &num / &den;
        let r = &num - &q * &den;
        // Round away from zero when 2|r| >= |den|.
        let twice_r = r.magnitude() * 2u32;
        let q = if twice_r < *den.magnitude() {
            q
        } else if (self.value.sign() == Sign::Minus) != (other.value.sign() == Sign::Minus) {
            q - 1
        } else {
            q + 1
        };
        Ok(Decimal {
            value: q,
            exp: scale,
        })
    }

    /// `Decimal.Float64`: the nearest `float64` to the exact value.
    fn to_f64(&self) -> f64 {
        // Rust's float parser rounds any decimal string correctly, as
        // big.Rat.Float64 does.
        format!("{}e{}", self.value, self.exp)
            .parse()
            .unwrap_or(f64::NAN)
    }
}

fn pow10(n: u32) -> BigInt {
    BigInt::from(10u32).pow(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(f: f64) -> Decimal {
        Decimal::from_f64(f).unwrap()
    }

    #[test]
    fn decimal_arithmetic_is_exact() {
        assert_eq!(dec(0.1).add(&dec(0.2)).to_f64(), 0.3);
        assert_eq!(dec(1.1).mul(&dec(3.0)).unwrap().to_f64(), 3.3);
        assert_eq!(
            dec(10.0).div(&dec(3.0)).unwrap().to_f64(),
            3.3333333333333335
        );
        assert_eq!(
            dec(2.0).div(&dec(3.0)).unwrap().to_f64(),
            0.6666666666666667
        );
        assert_eq!(
            dec(-2.0).div(&dec(3.0)).unwrap().to_f64(),
            -0.6666666666666667
        );
        assert!(dec(1.0).div(&dec(0.0)).is_err());
        assert!(Decimal::from_f64(f64::INFINITY).is_err());
    }

    #[test]
    fn go_math_helpers() {
        assert_eq!(go_pow10(2), 100.0);
        assert_eq!(go_pow10(-2), 0.01);
        assert_eq!(go_pow10(0), 1.0);
        assert_eq!(frexp(10.0), (0.625, 4));
        assert_eq!(ldexp(0.625, 4), 10.0);
        assert_eq!(round(2.5, 0, 0.5), 3.0);
        assert_eq!(round(-2.4, 0, 0.5), -3.0);
        assert_eq!(round(1.23456, 2, 0.5), 1.23);
        assert_eq!(parse_octal("0755"), Some(493));
        assert_eq!(parse_octal("8"), None);
        assert_eq!(parse_octal("-10"), Some(-8));
        assert!(go_max(f64::NAN, 1.0).is_nan());
        assert_eq!(go_min(0.0, -0.0).to_bits(), (-0.0f64).to_bits());
    }
}
