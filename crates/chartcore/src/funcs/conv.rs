//! Sprig's value conversions: `strval`, and `spf13/cast`'s lenient number
//! conversions that Sprig's math and list functions apply to their arguments.

use gotemplate::gofmt;
use gotemplate::{ElemType, List, Value};

/// Sprig's `strval`: strings as they are, `[]byte` as text, Stringers via
/// `String()`, anything else as `fmt.Sprintf("%v")`.
pub fn strval(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Bytes(b) => gotemplate::gostr::from_go_bytes(b).into_owned(),
        Value::Object(o) => match o.to_go_string() {
            Some(s) => s,
            None => gofmt::format_value(v),
        },
        other => gofmt::format_value(other),
    }
}

/// Go's conversion of a float to int64 on amd64: values out of range
/// (and NaN) become the minimum int64.
pub fn float_to_i64(f: f64) -> i64 {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0; // 2^63
    if f.is_nan() || !(-LIMIT..LIMIT).contains(&f) {
        i64::MIN
    } else {
        f as i64
    }
}

/// `cast.ToInt64E`: ints, floats (truncated), numeric strings (Go base-0
/// syntax after trimming a zero decimal part), bools and nil.
pub fn to_int64_e(v: &Value) -> Result<i64, String> {
    match v {
        Value::Int(i) | Value::Int64(i) => Ok(*i),
        Value::Float(f) => Ok(float_to_i64(*f)),
        Value::Bool(b) => Ok(i64::from(*b)),
        Value::Nil => Ok(0),
        Value::String(s) => parse_int_base0(trim_zero_decimal(s)).ok_or_else(|| {
            format!(
                "unable to cast {} of type string to int64",
                gofmt::sprintf("%#v", std::slice::from_ref(v))
            )
        }),
        other => Err(format!(
            "unable to cast {} of type {} to int64",
            gofmt::sprintf("%#v", std::slice::from_ref(other)),
            other.type_name()
        )),
    }
}

/// `cast.ToInt64`: like [`to_int64_e`] with failures as 0.
pub fn to_int64(v: &Value) -> i64 {
    to_int64_e(v).unwrap_or(0)
}

/// `cast.ToFloat64`: numbers, numeric strings, bools and nil; failures as 0.
pub fn to_float64(v: &Value) -> f64 {
    match v {
        Value::Int(i) | Value::Int64(i) => *i as f64,
        Value::Float(f) => *f,
        Value::Bool(b) => f64::from(u8::from(*b)),
        Value::String(s) => parse_float(s).unwrap_or(0.0),
        _ => 0.0,
    }
}

/// `cast`'s `trimZeroDecimal`: `12.000` → `12` (but `12.` stays).
fn trim_zero_decimal(s: &str) -> &str {
    let b = s.as_bytes();
    let mut found_zero = false;
    for i in (1..=b.len()).rev() {
        match b[i - 1] {
            b'.' => {
                if found_zero {
                    return &s[..i - 1];
                }
            }
            b'0' => found_zero = true,
            _ => return s,
        }
    }
    s
}

/// Go's `strconv.ParseInt(s, 0, 64)`.
pub fn parse_int_base0(s: &str) -> Option<i64> {
    gotemplate::literal::parse_int(s)
}

/// Go's `strconv.ParseFloat(s, 64)` for the forms Sprig sees in practice.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim_start_matches(['+', '-']);
    let lower = t.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity") {
        return Some(if s.starts_with('-') {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        });
    }
    if lower == "nan" {
        return Some(f64::NAN);
    }
    gotemplate::literal::parse_float(s)
}

/// Sprig's `strslice`: a list of strings from a list (nils dropped), or a
/// one-element list of the value's `strval`.
pub fn strslice(v: &Value) -> List {
    match v {
        Value::List(l) if l.elem() == ElemType::String => l.clone(),
        Value::List(l) => List::strings(
            l.iter()
                .filter(|x| !x.is_nil())
                .map(strval)
                .collect::<Vec<_>>(),
        ),
        Value::Bytes(b) => List::strings(b.iter().map(|x| x.to_string()).collect::<Vec<_>>()),
        Value::Nil => List::typed(Vec::new(), ElemType::String),
        other => List::strings([strval(other)]),
    }
}

/// Sprig's `empty`: zero values and empty collections.
pub fn empty(v: &Value) -> bool {
    !v.is_true()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cast_int64_follows_spf13_cast() {
        let cases: &[(Value, i64)] = &[
            (Value::str("12.000"), 12),
            (Value::str("0x10"), 16),
            (Value::str("010"), 8),
            (Value::str("12."), 0),
            (Value::str("abc"), 0),
            (Value::Float(3.9), 3),
            (Value::Float(-3.9), -3),
            (Value::Bool(true), 1),
            (Value::Nil, 0),
        ];
        for (v, want) in cases {
            assert_eq!(to_int64(v), *want, "{v:?}");
        }
    }
}
