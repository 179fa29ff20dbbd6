//! Sprig's date functions on a faithful model of Go's `time` package:
//! `time.Time` values (with location and monotonic reading), Go layout
//! strings, `time.Duration` and IANA zones from the system tz database.

mod civil;
pub(crate) mod duration;
mod layout;
mod parse;
mod time;
mod zone;

use gotemplate::{FuncMap, GoType, Value};

use super::{def, s};
use duration::{Duration, SECOND, parse_duration};
pub(crate) use parse::parse_in_location;
pub(crate) use time::GoTime;
pub(crate) use zone::Location;

use GoType::{Any, Object as Obj, String as Str};

const TIME: GoType = Obj("time.Time");

pub(super) fn register(m: &mut FuncMap) {
    time::init_clock();
    def(m, "now", &[], |_| Ok(GoTime::now().value()));
    def(m, "date", &[Str, Any], |a| {
        Ok(Value::str(date_in_zone(s(&a[0]), &a[1], "Local")))
    });
    def(m, "htmlDate", &[Any], |a| {
        Ok(Value::str(date_in_zone("2006-01-02", &a[0], "Local")))
    });
    def(m, "htmlDateInZone", &[Any, Str], |a| {
        Ok(Value::str(date_in_zone("2006-01-02", &a[0], s(&a[1]))))
    });
    for name in ["dateInZone", "date_in_zone"] {
        def(m, name, &[Str, Any, Str], |a| {
            Ok(Value::str(date_in_zone(s(&a[0]), &a[1], s(&a[2]))))
        });
    }
    for name in ["dateModify", "date_modify"] {
        def(m, name, &[Str, TIME], |a| {
            let t = time_of(&a[1]);
            Ok(match parse_duration(s(&a[0])) {
                Ok(d) => t.add(d),
                Err(_) => t,
            }
            .value())
        });
    }
    for name in ["mustDateModify", "must_date_modify"] {
        def(m, name, &[Str, TIME], |a| {
            let d = parse_duration(s(&a[0]))?;
            Ok(time_of(&a[1]).add(d).value())
        });
    }
    def(m, "ago", &[Any], |a| {
        let t = match &a[0] {
            Value::Int(sec) | Value::Int64(sec) => GoTime::unix_local(*sec),
            v => GoTime::from_value(v).unwrap_or_else(GoTime::now),
        };
        Ok(Value::str(t.since().round(Duration(SECOND)).go_string()))
    });
    def(m, "duration", &[Any], |a| {
        // Sprig takes only int64 and decimal strings; template integer
        // constants are Go `int`, so `duration 95` is `0s`.
        let n = match &a[0] {
            Value::Int64(n) => *n,
            Value::String(text) => text.parse::<i64>().unwrap_or(0),
            _ => 0,
        };
        Ok(Value::str(Duration(n.wrapping_mul(SECOND)).go_string()))
    });
    def(m, "durationRound", &[Any], |a| {
        let d = match &a[0] {
            Value::String(text) => parse_duration(text).unwrap_or(Duration(0)),
            Value::Int64(n) => Duration(*n),
            v => GoTime::from_value(v).map_or(Duration(0), |t| t.since()),
        };
        Ok(Value::str(duration_round(d)))
    });
    def(m, "toDate", &[Str, Str], |a| {
        Ok(
            parse::parse_in_location(s(&a[0]), s(&a[1]), &Location::local())
                .unwrap_or_else(|_| GoTime::zero())
                .value(),
        )
    });
    def(m, "mustToDate", &[Str, Str], |a| {
        Ok(parse::parse_in_location(s(&a[0]), s(&a[1]), &Location::local())?.value())
    });
    def(m, "unixEpoch", &[TIME], |a| {
        Ok(Value::str(time_of(&a[0]).unix().to_string()))
    });
}

/// Go's `time.UTC`.
pub(crate) fn utc_location() -> std::sync::Arc<Location> {
    Location::utc()
}

/// The time in an argument the engine checked to be a `time.Time`.
fn time_of(v: &Value) -> GoTime {
    GoTime::from_value(v).unwrap_or_else(GoTime::zero)
}

/// Sprig's `dateInZone`: times as they are, Go integers as Unix seconds,
/// anything else as the current time; unknown zones fall back to UTC.
fn date_in_zone(layout: &str, date: &Value, zone: &str) -> String {
    let t = match date {
        Value::Int(sec) | Value::Int64(sec) => GoTime::unix_local(*sec),
        v => GoTime::from_value(v).unwrap_or_else(GoTime::now),
    };
    let loc = Location::load(zone).unwrap_or_else(Location::utc);
    t.in_location(loc).format(layout)
}

/// Sprig's `durationRound`: the largest whole unit (y, mo, d, h, m, s) the
/// magnitude strictly exceeds.
fn duration_round(d: Duration) -> String {
    const HOUR: u64 = 3_600_000_000_000;
    let u = d.0.unsigned_abs();
    let units: [(u64, &str); 6] = [
        (HOUR * 24 * 365, "y"),
        (HOUR * 24 * 30, "mo"),
        (HOUR * 24, "d"),
        (HOUR, "h"),
        (60_000_000_000, "m"),
        (1_000_000_000, "s"),
    ];
    for (unit, suffix) in units {
        if u > unit {
            return format!("{}{suffix}", u / unit);
        }
    }
    "0s".into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duration_round_picks_the_largest_unit() {
        assert_eq!(duration_round(Duration(0)), "0s");
        assert_eq!(duration_round(Duration(SECOND)), "0s");
        assert_eq!(duration_round(Duration(SECOND + 1)), "1s");
        assert_eq!(duration_round(Duration(-3 * 3600 * SECOND - 1)), "3h");
        assert_eq!(duration_round(Duration(400 * 24 * 3600 * SECOND)), "1y");
        assert_eq!(duration_round(Duration(i64::MIN)), "292y");
    }
}
