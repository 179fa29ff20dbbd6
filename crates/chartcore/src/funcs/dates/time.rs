//! Go's `time.Time` as a template object: the instant (seconds since year 1
//! and nanoseconds, like Go's wall/ext fields), its location, and the
//! optional monotonic clock reading `time.Now()` attaches.

use std::any::Any;
use std::sync::{Arc, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use gotemplate::{GoType, Kind, Object, Signature, Value};

use super::civil::{
    self, SECONDS_PER_HOUR, SECONDS_PER_MINUTE, UNIX_TO_INTERNAL, WALL_TO_INTERNAL,
};
use super::duration::{Duration, SECOND, duration_arg};
use super::layout::{self, Formattable, LONG_DAY_NAMES, LONG_MONTH_NAMES};
use super::zone::Location;

/// A `time.Time`.
#[derive(Clone)]
pub struct GoTime {
    /// Seconds since January 1, year 1 UTC (Go's "internal" seconds).
    sec: i64,
    nsec: u32,
    /// Monotonic clock reading in nanoseconds since the process started.
    mono: Option<i64>,
    loc: Arc<Location>,
}

/// When this process's monotonic clock starts (Go: process start).
fn process_start() -> Instant {
    static START: OnceLock<Instant> = OnceLock::new();
    *START.get_or_init(Instant::now)
}

/// Starts the monotonic clock `now` values are measured against.
pub fn init_clock() {
    process_start();
}

impl GoTime {
    /// Go's `time.Now()`: local time with a monotonic reading.
    pub fn now() -> GoTime {
        let start = process_start();
        let since_epoch = match SystemTime::now().duration_since(UNIX_EPOCH) {
            Ok(d) => d.as_nanos() as i128,
            Err(e) => -(e.duration().as_nanos() as i128),
        };
        let mono = start.elapsed().as_nanos() as i64 + 1;
        let mut t = GoTime::from_unix_nanos(since_epoch, Location::local());
        t.mono = Some(mono);
        t
    }

    fn from_unix_nanos(nanos: i128, loc: Arc<Location>) -> GoTime {
        let sec = nanos.div_euclid(1_000_000_000) as i64;
        let nsec = nanos.rem_euclid(1_000_000_000) as u32;
        GoTime {
            sec: sec.wrapping_add(UNIX_TO_INTERNAL),
            nsec,
            mono: None,
            loc,
        }
    }

    /// Go's `time.Unix(sec, 0)`: a local time.
    pub fn unix_local(sec: i64) -> GoTime {
        GoTime {
            sec: sec.wrapping_add(UNIX_TO_INTERNAL),
            nsec: 0,
            mono: None,
            loc: Location::local(),
        }
    }

    /// Go's zero `time.Time{}` (January 1, year 1, UTC).
    pub fn zero() -> GoTime {
        GoTime {
            sec: 0,
            nsec: 0,
            mono: None,
            loc: Location::utc(),
        }
    }

    /// Go's `time.Date`, normalising out-of-range fields.
    #[allow(clippy::too_many_arguments)]
    pub fn date(
        year: i64,
        month: i64,
        day: i64,
        hour: i64,
        min: i64,
        sec: i64,
        nsec: i64,
        loc: Arc<Location>,
    ) -> GoTime {
        let (year, m) = civil::norm(year, month.wrapping_sub(1), 12);
        let month = (m + 1) as u32;
        let (sec, nsec) = civil::norm(sec, nsec, 1_000_000_000);
        let (min, sec) = civil::norm(min, sec, 60);
        let (hour, min) = civil::norm(hour, min, 60);
        let (day, hour) = civil::norm(day, hour, 24);
        let days = civil::date_to_abs_days(year, month, day);
        let mut unix = civil::days_to_unix(days)
            .wrapping_add(hour * SECONDS_PER_HOUR + min * SECONDS_PER_MINUTE + sec);
        // Guess the offset at the local reading, then correct it once (Go).
        let (_, offset) = loc.lookup(unix);
        if offset != 0 {
            let (_, offset) = loc.lookup(unix - i64::from(offset));
            unix -= i64::from(offset);
        }
        GoTime {
            sec: unix.wrapping_add(UNIX_TO_INTERNAL),
            nsec: nsec as u32,
            mono: None,
            loc,
        }
    }

    /// The location the time is shown in.
    pub fn location(&self) -> &Arc<Location> {
        &self.loc
    }

    /// Unix seconds.
    pub fn unix(&self) -> i64 {
        self.sec.wrapping_sub(UNIX_TO_INTERNAL)
    }

    /// Go's `addSec`: saturating at the ends of the int64 range; a time with
    /// a monotonic reading loses it when it leaves the years Go packs such
    /// times into (1885 to 2157).
    pub fn add_sec(&mut self, d: i64) {
        self.sec = self
            .sec
            .checked_add(d)
            .unwrap_or(if d > 0 { i64::MAX } else { -i64::MAX });
        if self.mono.is_some() {
            let wall = self.sec.wrapping_sub(WALL_TO_INTERNAL);
            if !(0..(1i64 << 33)).contains(&wall) {
                self.mono = None;
            }
        }
    }

    /// Go's `setLoc` (as `In`, `UTC`, `Local` use it): drops the monotonic reading.
    pub fn set_loc(&mut self, loc: Arc<Location>) {
        self.mono = None;
        self.loc = loc;
    }

    /// Go's `Time.In`.
    pub fn in_location(&self, loc: Arc<Location>) -> GoTime {
        let mut t = self.clone();
        t.set_loc(loc);
        t
    }

    /// Go's `Time.Add`.
    pub fn add(&self, d: Duration) -> GoTime {
        let mut t = self.clone();
        let mut dsec = d.0 / SECOND;
        let mut nsec = i64::from(self.nsec) + d.0 % SECOND;
        if nsec >= SECOND {
            dsec += 1;
            nsec -= SECOND;
        } else if nsec < 0 {
            dsec -= 1;
            nsec += SECOND;
        }
        t.nsec = nsec as u32;
        t.add_sec(dsec);
        if let Some(m) = t.mono {
            t.mono = m.checked_add(d.0);
        }
        t
    }

    /// Go's `Time.Sub`, saturating like Go.
    pub fn sub(&self, u: &GoTime) -> Duration {
        if let (Some(a), Some(b)) = (self.mono, u.mono) {
            return Duration(
                a.checked_sub(b)
                    .unwrap_or(if a > b { i64::MAX } else { i64::MIN }),
            );
        }
        let d = (i128::from(self.sec) - i128::from(u.sec)) * i128::from(SECOND)
            + (i128::from(self.nsec) - i128::from(u.nsec));
        Duration(d.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64)
    }

    /// Go's `time.Since`.
    pub fn since(&self) -> Duration {
        GoTime::now().sub(self)
    }

    /// Go's `Time.Compare` (monotonic readings win when both have one).
    pub fn compare(&self, u: &GoTime) -> std::cmp::Ordering {
        if let (Some(a), Some(b)) = (self.mono, u.mono) {
            return a.cmp(&b);
        }
        (self.sec, self.nsec).cmp(&(u.sec, u.nsec))
    }

    /// Nanoseconds since year 1, for rounding.
    fn total_nanos(&self) -> i128 {
        i128::from(self.sec) * i128::from(SECOND) + i128::from(self.nsec)
    }

    fn with_total_nanos(&self, n: i128) -> GoTime {
        let sec = n.div_euclid(i128::from(SECOND));
        GoTime {
            sec: sec.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64,
            nsec: n.rem_euclid(i128::from(SECOND)) as u32,
            mono: None,
            loc: self.loc.clone(),
        }
    }

    /// Go's `Time.Truncate` (multiples since the zero time).
    pub fn truncate(&self, d: Duration) -> GoTime {
        let mut t = self.clone();
        t.mono = None;
        if d.0 <= 0 {
            return t;
        }
        let r = self.total_nanos().rem_euclid(i128::from(d.0));
        self.with_total_nanos(self.total_nanos() - r)
    }

    /// Go's `Time.Round`.
    pub fn round(&self, d: Duration) -> GoTime {
        let mut t = self.clone();
        t.mono = None;
        if d.0 <= 0 {
            return t;
        }
        let total = self.total_nanos();
        let r = total.rem_euclid(i128::from(d.0));
        if r + r < i128::from(d.0) {
            self.with_total_nanos(total - r)
        } else {
            self.with_total_nanos(total + i128::from(d.0) - r)
        }
    }

    /// Zone abbreviation, offset and absolute seconds in the time's location.
    fn locabs(&self) -> (String, i32, u64) {
        let unix = self.unix();
        let (name, offset) = self.loc.lookup(unix);
        (
            name,
            offset,
            civil::abs_seconds(unix.wrapping_add(i64::from(offset))),
        )
    }

    /// Go's `Time.Format`.
    pub fn format(&self, layout_text: &str) -> String {
        let (name, offset, abs) = self.locabs();
        layout::format(
            &Formattable {
                zone_name: &name,
                offset,
                abs,
                nanos: self.nsec,
            },
            layout_text,
        )
    }

    /// Go's `Time.String`, with the monotonic reading if there is one.
    pub fn go_string(&self) -> String {
        let mut s = self.format("2006-01-02 15:04:05.999999999 -0700 MST");
        if let Some(m) = self.mono {
            let sign = if m < 0 { '-' } else { '+' };
            let m = m.unsigned_abs();
            let (m1, m2) = (m / 1_000_000_000, m % 1_000_000_000);
            let (m0, m1) = (m1 / 1_000_000_000, m1 % 1_000_000_000);
            s.push_str(" m=");
            s.push(sign);
            let mut wid = 0;
            if m0 != 0 {
                layout::append_int(&mut s, m0 as i64, 0);
                wid = 9;
            }
            layout::append_int(&mut s, m1 as i64, wid);
            s.push('.');
            layout::append_int(&mut s, m2 as i64, 9);
        }
        s
    }

    /// Go's `Time.GoString`.
    fn go_syntax(&self) -> String {
        let (_, _, abs) = self.locabs();
        let (year, month, day) = civil::date(civil::abs_days(abs));
        let (hour, min, sec) = civil::clock(abs);
        let loc = if self.loc.is_utc() {
            "time.UTC".to_string()
        } else if Arc::ptr_eq(&self.loc, &Location::local()) {
            "time.Local".to_string()
        } else {
            format!(
                "time.Location({})",
                super::duration::time_quote(self.loc.name())
            )
        };
        format!(
            "time.Date({year}, time.{}, {day}, {hour}, {min}, {sec}, {}, {loc})",
            LONG_MONTH_NAMES[(month - 1) as usize],
            self.nsec
        )
    }

    fn abs_days(&self) -> u64 {
        civil::abs_days(self.locabs().2)
    }

    /// The time as a template value.
    pub fn value(self) -> Value {
        Value::object(self)
    }

    /// The time in a template value, if it holds one.
    pub fn from_value(v: &Value) -> Option<GoTime> {
        match v {
            Value::Object(o) => o.as_any().downcast_ref::<GoTime>().cloned(),
            _ => None,
        }
    }
}

/// A `time.Time` method argument (the engine checked the type already).
fn time_arg(v: &Value) -> Result<GoTime, String> {
    GoTime::from_value(v).ok_or_else(|| "expected time.Time".to_string())
}

impl Object for GoTime {
    fn type_name(&self) -> &str {
        "time.Time"
    }

    fn method(&self, name: &str) -> Option<Signature> {
        use GoType::{Any, Int, Object as Obj, String as Str};
        let params: &[GoType] = match name {
            "Day" | "Hour" | "Minute" | "Second" | "Nanosecond" | "Year" | "YearDay" | "Month"
            | "Weekday" | "Unix" | "UnixMilli" | "UnixMicro" | "UnixNano" | "UTC" | "Local"
            | "Location" | "IsZero" | "IsDST" | "String" | "GoString" | "MarshalJSON"
            | "MarshalText" => &[],
            "Format" => &[Str],
            "Add" | "Round" | "Truncate" => &[Any],
            "AddDate" => &[Int, Int, Int],
            "After" | "Before" | "Equal" | "Compare" | "Sub" => &[Obj("time.Time")],
            "In" => &[Obj("*time.Location")],
            _ => return None,
        };
        Some(Signature::new(params))
    }

    fn call_method(&self, name: &str, args: Vec<Value>) -> Result<Value, String> {
        let t = self;
        let int = |i: i64| Value::Int(i);
        Ok(match name {
            "Year" => int(civil::date(t.abs_days()).0),
            "Month" => Value::object(Month(civil::date(t.abs_days()).1)),
            "Day" => int(i64::from(civil::date(t.abs_days()).2)),
            "YearDay" => int(i64::from(civil::year_yday(t.abs_days()).1)),
            "Weekday" => Value::object(Weekday(civil::weekday(t.abs_days()))),
            "Hour" => int(civil::clock(t.locabs().2).0),
            "Minute" => int(civil::clock(t.locabs().2).1),
            "Second" => int(civil::clock(t.locabs().2).2),
            "Nanosecond" => int(i64::from(t.nsec)),
            "Unix" => Value::Int64(t.unix()),
            "UnixMilli" => Value::Int64(unix_scaled(t, 1_000_000)),
            "UnixMicro" => Value::Int64(unix_scaled(t, 1_000)),
            "UnixNano" => Value::Int64(
                t.unix()
                    .wrapping_mul(1_000_000_000)
                    .wrapping_add(i64::from(t.nsec)),
            ),
            "UTC" => t.in_location(Location::utc()).value(),
            "Local" => t.in_location(Location::local()).value(),
            "Location" => Value::object(LocationObject(t.loc.clone())),
            "IsZero" => Value::Bool(t.sec == 0 && t.nsec == 0),
            "IsDST" => Value::Bool(t.loc.is_dst(t.unix())),
            "String" => Value::str(t.go_string()),
            "GoString" => Value::str(t.go_syntax()),
            "MarshalJSON" => Value::Bytes(
                format!("\"{}\"", t.format("2006-01-02T15:04:05.999999999Z07:00"))
                    .into_bytes()
                    .into(),
            ),
            "MarshalText" => Value::Bytes(
                t.format("2006-01-02T15:04:05.999999999Z07:00")
                    .into_bytes()
                    .into(),
            ),
            "Format" => Value::str(t.format(args[0].as_str().unwrap_or_default())),
            "Add" => t.add(duration_arg(&args[0])?).value(),
            "Round" => t.round(duration_arg(&args[0])?).value(),
            "Truncate" => t.truncate(duration_arg(&args[0])?).value(),
            "AddDate" => {
                let n = |v: &Value| v.as_int().unwrap_or_default();
                let (_, _, abs) = t.locabs();
                let (year, month, day) = civil::date(civil::abs_days(abs));
                let (hour, min, sec) = civil::clock(abs);
                GoTime::date(
                    year.wrapping_add(n(&args[0])),
                    i64::from(month).wrapping_add(n(&args[1])),
                    i64::from(day).wrapping_add(n(&args[2])),
                    hour,
                    min,
                    sec,
                    i64::from(t.nsec),
                    t.loc.clone(),
                )
                .value()
            }
            "After" => Value::Bool(t.compare(&time_arg(&args[0])?).is_gt()),
            "Before" => Value::Bool(t.compare(&time_arg(&args[0])?).is_lt()),
            "Equal" => Value::Bool(t.compare(&time_arg(&args[0])?).is_eq()),
            "Compare" => Value::Int(t.compare(&time_arg(&args[0])?) as i64),
            "Sub" => t.sub(&time_arg(&args[0])?).value(),
            "In" => match &args[0] {
                Value::Object(o) => match o.as_any().downcast_ref::<LocationObject>() {
                    Some(l) => t.in_location(l.0.clone()).value(),
                    None => return Err("expected *time.Location".into()),
                },
                _ => return Err("time: missing Location in call to Time.In".into()),
            },
            _ => return Err(format!("can't call method {name}")),
        })
    }

    fn to_go_string(&self) -> Option<String> {
        Some(self.go_string())
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        self.go_syntax()
    }

    fn to_data(&self) -> Value {
        Value::str(self.format("2006-01-02T15:04:05.999999999Z07:00"))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Go's `UnixMilli`/`UnixMicro`: `unix*1e9/scale + nsec/scale`.
fn unix_scaled(t: &GoTime, nanos_per_unit: i64) -> i64 {
    t.unix()
        .wrapping_mul(1_000_000_000 / nanos_per_unit)
        .wrapping_add(i64::from(t.nsec) / nanos_per_unit)
}

/// Go's `time.Month` (prints its English name).
pub struct Month(pub u32);

impl Object for Month {
    fn type_name(&self) -> &str {
        "time.Month"
    }

    fn kind(&self) -> Kind {
        Kind::Int
    }

    fn method(&self, name: &str) -> Option<Signature> {
        (name == "String").then(|| Signature::new(&[]))
    }

    fn call_method(&self, _name: &str, _args: Vec<Value>) -> Result<Value, String> {
        Ok(Value::str(self.to_go_string().unwrap_or_default()))
    }

    fn to_go_string(&self) -> Option<String> {
        Some(match self.0 {
            1..=12 => LONG_MONTH_NAMES[(self.0 - 1) as usize].to_string(),
            n => format!("%!Month({n})"),
        })
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        self.0.to_string()
    }

    fn to_data(&self) -> Value {
        Value::Int(i64::from(self.0))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Go's `time.Weekday` (prints its English name).
pub struct Weekday(pub u32);

impl Object for Weekday {
    fn type_name(&self) -> &str {
        "time.Weekday"
    }

    fn kind(&self) -> Kind {
        Kind::Int
    }

    fn method(&self, name: &str) -> Option<Signature> {
        (name == "String").then(|| Signature::new(&[]))
    }

    fn call_method(&self, _name: &str, _args: Vec<Value>) -> Result<Value, String> {
        Ok(Value::str(self.to_go_string().unwrap_or_default()))
    }

    fn to_go_string(&self) -> Option<String> {
        Some(LONG_DAY_NAMES[(self.0 % 7) as usize].to_string())
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        self.0.to_string()
    }

    fn to_data(&self) -> Value {
        Value::Int(i64::from(self.0))
    }

    fn is_truthy(&self) -> bool {
        self.0 != 0
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// Go's `*time.Location` (prints its name).
pub struct LocationObject(pub Arc<Location>);

impl Object for LocationObject {
    fn type_name(&self) -> &str {
        "*time.Location"
    }

    fn kind(&self) -> Kind {
        Kind::Ptr
    }

    fn method(&self, name: &str) -> Option<Signature> {
        (name == "String").then(|| Signature::new(&[]))
    }

    fn call_method(&self, _name: &str, _args: Vec<Value>) -> Result<Value, String> {
        Ok(Value::str(self.0.name()))
    }

    fn to_go_string(&self) -> Option<String> {
        Some(self.0.name().to_string())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_match_go() {
        assert_eq!(GoTime::zero().go_string(), "0001-01-01 00:00:00 +0000 UTC");
        let t = GoTime::date(2020, 2, 29, 13, 4, 5, 120_000_000, Location::utc());
        assert_eq!(t.go_string(), "2020-02-29 13:04:05.12 +0000 UTC");
        assert_eq!(t.unix(), 1_582_981_445);
        let mut m = t.clone();
        m.mono = Some(1_234_567_890);
        assert_eq!(
            m.go_string(),
            "2020-02-29 13:04:05.12 +0000 UTC m=+1.234567890"
        );
        m.mono = Some(-(2_000_000_000_123_456_789));
        assert!(m.go_string().ends_with(" m=-2000000000.123456789"));
        assert_eq!(
            t.go_syntax(),
            "time.Date(2020, time.February, 29, 13, 4, 5, 120000000, time.UTC)"
        );
    }

    #[test]
    fn date_normalises_fields() {
        let t = GoTime::date(2020, 13, 32, 25, 61, 61, 0, Location::utc());
        assert_eq!(t.format("2006-01-02 15:04:05"), "2021-02-02 02:02:01");
    }

    #[test]
    fn add_sub_round() {
        let t = GoTime::date(2020, 1, 1, 0, 0, 0, 0, Location::utc());
        let u = t.add(Duration(90 * SECOND + 1));
        assert_eq!(u.sub(&t), Duration(90 * SECOND + 1));
        assert_eq!(
            u.round(Duration(60 * SECOND)).format("15:04:05.999999999"),
            "00:02:00"
        );
        assert_eq!(
            u.truncate(Duration(60 * SECOND)).format("15:04:05"),
            "00:01:00"
        );
        assert_eq!(
            t.add(Duration(-1)).format("2006-01-02 15:04:05.999999999"),
            "2019-12-31 23:59:59.999999999"
        );
    }
}
