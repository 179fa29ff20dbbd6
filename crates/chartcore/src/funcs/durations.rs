//! Helm v4's duration helpers (`mustToDuration`, `durationSeconds`, ...,
//! `durationRoundTo`, `durationTruncateTo`). They read durations from
//! `time.Duration` values, Go duration strings, numeric strings (seconds) and
//! numbers (seconds).

use gotemplate::gofmt;
use gotemplate::strconv::quote;
use gotemplate::{FuncMap, GoType, Value};

use super::conv::{float_to_i64, parse_float};
use super::dates::duration::{Duration, MICROSECOND, MILLISECOND, SECOND, parse_duration};
use super::{def, is_go_space};

pub(super) fn register(m: &mut FuncMap) {
    def(m, "mustToDuration", &[GoType::Any], |a| {
        Ok(as_duration(&a[0])?.value())
    });
    let float_of = |name: &str, f: fn(Duration) -> f64, m: &mut FuncMap| {
        def(m, name, &[GoType::Any], move |a| {
            Ok(Value::Float(as_duration(&a[0]).map_or(0.0, f)))
        });
    };
    float_of("durationSeconds", Duration::seconds, m);
    float_of("durationMinutes", Duration::minutes, m);
    float_of("durationHours", Duration::hours, m);
    float_of("durationDays", |d| d.hours() / 24.0, m);
    float_of("durationWeeks", |d| d.hours() / 24.0 / 7.0, m);
    let int_of = |name: &str, per: i64, m: &mut FuncMap| {
        def(m, name, &[GoType::Any], move |a| {
            Ok(Value::Int64(as_duration(&a[0]).map_or(0, |d| d.0 / per)))
        });
    };
    int_of("durationMilliseconds", MILLISECOND, m);
    int_of("durationMicroseconds", MICROSECOND, m);
    int_of("durationNanoseconds", 1, m);
    def(m, "durationRoundTo", &[GoType::Any, GoType::Any], |a| {
        Ok(rounded(&a[0], &a[1], Duration::round).value())
    });
    def(m, "durationTruncateTo", &[GoType::Any, GoType::Any], |a| {
        Ok(rounded(&a[0], &a[1], Duration::truncate).value())
    });
}

/// `v` rounded to a multiple of `m`: 0 if `v` is no duration, `v` itself if
/// `m` is none.
fn rounded(v: &Value, m: &Value, op: fn(Duration, Duration) -> Duration) -> Duration {
    match (as_duration(v), as_duration(m)) {
        (Err(_), _) => Duration(0),
        (Ok(d), Err(_)) => d,
        (Ok(d), Ok(m)) => op(d, m),
    }
}

/// Helm's duration reading, with its error texts.
fn as_duration(v: &Value) -> Result<Duration, String> {
    if let Some(d) = Duration::from_value(v) {
        return Ok(d);
    }
    match v {
        Value::Nil => Err("invalid duration".into()),
        Value::String(text) => {
            let trimmed = text.trim_matches(is_go_space);
            if trimmed.is_empty() {
                return Err("empty duration".into());
            }
            if let Ok(d) = parse_duration(trimmed) {
                return Ok(d);
            }
            match parse_float(trimmed) {
                Some(f) => from_seconds_float(f),
                None => Err(format!("could not parse duration {}", quote(text))),
            }
        }
        Value::Int(n) | Value::Int64(n) => from_seconds_int(*n),
        Value::Float(f) => from_seconds_float(*f),
        other => Err(format!("unsupported duration type {}", other.type_name())),
    }
}

fn from_seconds_int(n: i64) -> Result<Duration, String> {
    n.checked_mul(SECOND)
        .map(Duration)
        .ok_or_else(|| format!("duration seconds overflow: {n}"))
}

fn from_seconds_float(f: f64) -> Result<Duration, String> {
    let shown = || gofmt::sprintf("%v", &[Value::Float(f)]);
    if !f.is_finite() {
        return Err(format!("invalid duration seconds: {}", shown()));
    }
    let nanos = f * SECOND as f64;
    // Compared as float64 like Go: 2^63 itself passes and converts to MinInt64.
    if nanos > i64::MAX as f64 || nanos < i64::MIN as f64 {
        return Err(format!("duration seconds overflow: {}", shown()));
    }
    Ok(Duration(float_to_i64(nanos)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_durations_like_helm() {
        let ok: &[(Value, i64)] = &[
            (Value::str("1h"), 3600 * SECOND),
            (Value::str(" 90 "), 90 * SECOND),
            (Value::str("1.5"), 1_500_000_000),
            (Value::str("1e3"), 1000 * SECOND),
            (Value::Int(-90), -90 * SECOND),
            (Value::Float(1.9999999999), 1_999_999_999),
            (Value::Float(9223372036.854776), i64::MIN),
        ];
        for (v, want) in ok {
            assert_eq!(as_duration(v), Ok(Duration(*want)), "{v:?}");
        }
        let bad: &[(Value, &str)] = &[
            (Value::Nil, "invalid duration"),
            (Value::str("  "), "empty duration"),
            (Value::str("abc"), "could not parse duration \"abc\""),
            (
                Value::Int(9223372037),
                "duration seconds overflow: 9223372037",
            ),
            (Value::Float(1e30), "duration seconds overflow: 1e+30"),
            (Value::Float(f64::NAN), "invalid duration seconds: NaN"),
            (Value::Bool(true), "unsupported duration type bool"),
        ];
        for (v, want) in bad {
            assert_eq!(as_duration(v).unwrap_err(), *want, "{v:?}");
        }
    }
}
