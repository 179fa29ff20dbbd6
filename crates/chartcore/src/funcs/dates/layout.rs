//! Go's layout strings (reference time `Mon Jan 2 15:04:05 MST 2006`):
//! splitting a layout into literal text and elements, and formatting.

use super::civil;

/// A layout element (Go's `std*` constants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Std {
    LongMonth,
    Month,
    NumMonth,
    ZeroMonth,
    LongWeekDay,
    WeekDay,
    Day,
    UnderDay,
    ZeroDay,
    UnderYearDay,
    ZeroYearDay,
    Hour,
    Hour12,
    ZeroHour12,
    Minute,
    ZeroMinute,
    Second,
    ZeroSecond,
    LongYear,
    Year,
    PM,
    Pm,
    TZ,
    Iso8601TZ,
    Iso8601SecondsTZ,
    Iso8601ShortTZ,
    Iso8601ColonTZ,
    Iso8601ColonSecondsTZ,
    NumTZ,
    NumSecondsTZ,
    NumShortTZ,
    NumColonTZ,
    NumColonSecondsTZ,
    /// `.000`: this many digits, trailing zeros kept; the separator byte.
    FracSecond0(usize, u8),
    /// `.999`: at most this many digits, trailing zeros dropped.
    FracSecond9(usize, u8),
}

impl Std {
    pub fn is_iso8601(self) -> bool {
        matches!(
            self,
            Std::Iso8601TZ
                | Std::Iso8601SecondsTZ
                | Std::Iso8601ShortTZ
                | Std::Iso8601ColonTZ
                | Std::Iso8601ColonSecondsTZ
        )
    }
}

const STD0X: [Std; 6] = [
    Std::ZeroMonth,
    Std::ZeroDay,
    Std::ZeroHour12,
    Std::ZeroMinute,
    Std::ZeroSecond,
    Std::Year,
];

pub const LONG_DAY_NAMES: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

pub const LONG_MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Whether `s` starts with a lower-case ASCII letter (so `Month` is not `Mon`).
fn starts_with_lower(s: &[u8]) -> bool {
    s.first().is_some_and(u8::is_ascii_lowercase)
}

/// Go's `nextStdChunk`: the text before the first element, the element, and
/// the rest of the layout; `None` when the layout has no element left.
pub fn next_std_chunk(layout: &str) -> (&str, Option<Std>, &str) {
    let l = layout.as_bytes();
    let at = |i: usize, s: &str| l.len() >= i + s.len() && &l[i..i + s.len()] == s.as_bytes();
    for i in 0..l.len() {
        let found: Option<(usize, Std, usize)> = match l[i] {
            b'J' if at(i, "Jan") => {
                if at(i, "January") {
                    Some((i, Std::LongMonth, i + 7))
                } else if !starts_with_lower(&l[i + 3..]) {
                    Some((i, Std::Month, i + 3))
                } else {
                    None
                }
            }
            b'M' if l.len() >= i + 3 => {
                if at(i, "Mon") {
                    if at(i, "Monday") {
                        Some((i, Std::LongWeekDay, i + 6))
                    } else if !starts_with_lower(&l[i + 3..]) {
                        Some((i, Std::WeekDay, i + 3))
                    } else {
                        None
                    }
                } else if at(i, "MST") {
                    Some((i, Std::TZ, i + 3))
                } else {
                    None
                }
            }
            b'0' => {
                if l.len() >= i + 2 && (b'1'..=b'6').contains(&l[i + 1]) {
                    Some((i, STD0X[(l[i + 1] - b'1') as usize], i + 2))
                } else if at(i, "002") {
                    Some((i, Std::ZeroYearDay, i + 3))
                } else {
                    None
                }
            }
            b'1' => {
                if l.len() >= i + 2 && l[i + 1] == b'5' {
                    Some((i, Std::Hour, i + 2))
                } else {
                    Some((i, Std::NumMonth, i + 1))
                }
            }
            b'2' => {
                if at(i, "2006") {
                    Some((i, Std::LongYear, i + 4))
                } else {
                    Some((i, Std::Day, i + 1))
                }
            }
            b'_' => {
                if l.len() >= i + 2 && l[i + 1] == b'2' {
                    // `_2006` is a literal `_` then the long year.
                    if at(i + 1, "2006") {
                        Some((i + 1, Std::LongYear, i + 5))
                    } else {
                        Some((i, Std::UnderDay, i + 2))
                    }
                } else if at(i, "__2") {
                    Some((i, Std::UnderYearDay, i + 3))
                } else {
                    None
                }
            }
            b'3' => Some((i, Std::Hour12, i + 1)),
            b'4' => Some((i, Std::Minute, i + 1)),
            b'5' => Some((i, Std::Second, i + 1)),
            b'P' if l.len() >= i + 2 && l[i + 1] == b'M' => Some((i, Std::PM, i + 2)),
            b'p' if l.len() >= i + 2 && l[i + 1] == b'm' => Some((i, Std::Pm, i + 2)),
            b'-' => {
                if at(i, "-070000") {
                    Some((i, Std::NumSecondsTZ, i + 7))
                } else if at(i, "-07:00:00") {
                    Some((i, Std::NumColonSecondsTZ, i + 9))
                } else if at(i, "-0700") {
                    Some((i, Std::NumTZ, i + 5))
                } else if at(i, "-07:00") {
                    Some((i, Std::NumColonTZ, i + 6))
                } else if at(i, "-07") {
                    Some((i, Std::NumShortTZ, i + 3))
                } else {
                    None
                }
            }
            b'Z' => {
                if at(i, "Z070000") {
                    Some((i, Std::Iso8601SecondsTZ, i + 7))
                } else if at(i, "Z07:00:00") {
                    Some((i, Std::Iso8601ColonSecondsTZ, i + 9))
                } else if at(i, "Z0700") {
                    Some((i, Std::Iso8601TZ, i + 5))
                } else if at(i, "Z07:00") {
                    Some((i, Std::Iso8601ColonTZ, i + 6))
                } else if at(i, "Z07") {
                    Some((i, Std::Iso8601ShortTZ, i + 3))
                } else {
                    None
                }
            }
            sep @ (b'.' | b',') if i + 1 < l.len() && (l[i + 1] == b'0' || l[i + 1] == b'9') => {
                let ch = l[i + 1];
                let mut j = i + 1;
                while j < l.len() && l[j] == ch {
                    j += 1;
                }
                // Only a fraction if no other digit follows the run.
                if j < l.len() && l[j].is_ascii_digit() {
                    None
                } else {
                    // Go keeps the count in 12 bits.
                    let n = (j - (i + 1)) & 0xfff;
                    let std = if ch == b'0' {
                        Std::FracSecond0(n, sep)
                    } else {
                        Std::FracSecond9(n, sep)
                    };
                    Some((i, std, j))
                }
            }
            _ => None,
        };
        if let Some((start, std, end)) = found {
            return (&layout[..start], Some(std), &layout[end..]);
        }
    }
    (layout, None, "")
}

/// Go's `appendInt`: decimal, zero-padded to `width` digits, sign first.
pub fn append_int(b: &mut String, x: i64, width: usize) {
    if x < 0 {
        b.push('-');
    }
    let digits = x.unsigned_abs().to_string();
    for _ in digits.len()..width {
        b.push('0');
    }
    b.push_str(&digits);
}

/// Go's `appendNano`.
pub fn append_nano(b: &mut String, nanosec: u32, digits: usize, sep: u8, trim: bool) {
    if trim && (digits == 0 || nanosec == 0) {
        return;
    }
    let start = b.len();
    b.push(sep as char);
    append_int(b, i64::from(nanosec), 9);
    if digits < 9 {
        b.truncate(b.len() - 9 + digits);
    }
    if trim {
        while b.len() > start && b.ends_with('0') {
            b.pop();
        }
        if b.len() > start && b.ends_with(sep as char) {
            b.pop();
        }
    }
}

/// What formatting needs of an instant: its zone abbreviation and offset, its
/// absolute seconds in that zone, and its nanoseconds.
pub struct Formattable<'a> {
    pub zone_name: &'a str,
    pub offset: i32,
    pub abs: u64,
    pub nanos: u32,
}

/// Go's `Time.Format`.
pub fn format(t: &Formattable<'_>, layout: &str) -> String {
    let mut b = String::with_capacity(layout.len() + 10);
    let days = civil::abs_days(t.abs);
    let (year, month, day) = civil::date(days);
    let (_, yday) = civil::year_yday(days);
    let (hour, min, sec) = civil::clock(t.abs);
    let mut layout = layout;
    loop {
        let (prefix, std, suffix) = next_std_chunk(layout);
        b.push_str(prefix);
        let Some(std) = std else { break };
        layout = suffix;
        match std {
            Std::Year => append_int(&mut b, year.wrapping_abs() % 100, 2),
            Std::LongYear => append_int(&mut b, year, 4),
            Std::Month => b.push_str(&LONG_MONTH_NAMES[(month - 1) as usize][..3]),
            Std::LongMonth => b.push_str(LONG_MONTH_NAMES[(month - 1) as usize]),
            Std::NumMonth => append_int(&mut b, i64::from(month), 0),
            Std::ZeroMonth => append_int(&mut b, i64::from(month), 2),
            Std::WeekDay => b.push_str(&LONG_DAY_NAMES[civil::weekday(days) as usize][..3]),
            Std::LongWeekDay => b.push_str(LONG_DAY_NAMES[civil::weekday(days) as usize]),
            Std::Day => append_int(&mut b, i64::from(day), 0),
            Std::UnderDay => {
                if day < 10 {
                    b.push(' ');
                }
                append_int(&mut b, i64::from(day), 0);
            }
            Std::ZeroDay => append_int(&mut b, i64::from(day), 2),
            Std::UnderYearDay => {
                if yday < 100 {
                    b.push(' ');
                    if yday < 10 {
                        b.push(' ');
                    }
                }
                append_int(&mut b, i64::from(yday), 0);
            }
            Std::ZeroYearDay => append_int(&mut b, i64::from(yday), 3),
            Std::Hour => append_int(&mut b, hour, 2),
            Std::Hour12 | Std::ZeroHour12 => {
                let hr = match hour % 12 {
                    0 => 12,
                    h => h,
                };
                append_int(&mut b, hr, if std == Std::Hour12 { 0 } else { 2 });
            }
            Std::Minute => append_int(&mut b, min, 0),
            Std::ZeroMinute => append_int(&mut b, min, 2),
            Std::Second => append_int(&mut b, sec, 0),
            Std::ZeroSecond => append_int(&mut b, sec, 2),
            Std::PM => b.push_str(if hour >= 12 { "PM" } else { "AM" }),
            Std::Pm => b.push_str(if hour >= 12 { "pm" } else { "am" }),
            Std::TZ => {
                if !t.zone_name.is_empty() {
                    b.push_str(t.zone_name);
                } else {
                    append_offset(&mut b, t.offset, false, false, false);
                }
            }
            Std::FracSecond0(n, sep) => append_nano(&mut b, t.nanos, n, sep, false),
            Std::FracSecond9(n, sep) => append_nano(&mut b, t.nanos, n, sep, true),
            numeric => {
                if t.offset == 0 && numeric.is_iso8601() {
                    b.push('Z');
                    continue;
                }
                let colon = matches!(
                    numeric,
                    Std::Iso8601ColonTZ
                        | Std::NumColonTZ
                        | Std::Iso8601ColonSecondsTZ
                        | Std::NumColonSecondsTZ
                );
                let short = matches!(numeric, Std::NumShortTZ | Std::Iso8601ShortTZ);
                let seconds = matches!(
                    numeric,
                    Std::Iso8601SecondsTZ
                        | Std::NumSecondsTZ
                        | Std::NumColonSecondsTZ
                        | Std::Iso8601ColonSecondsTZ
                );
                append_offset(&mut b, t.offset, colon, short, seconds);
            }
        }
    }
    b
}

/// A numeric zone offset: `±hh[:]mm[[:]ss]` or `±hh`.
fn append_offset(b: &mut String, offset: i32, colon: bool, short: bool, seconds: bool) {
    let mut zone = i64::from(offset) / 60;
    let mut abs_offset = i64::from(offset);
    if zone < 0 {
        b.push('-');
        zone = -zone;
        abs_offset = -abs_offset;
    } else {
        b.push('+');
    }
    append_int(b, zone / 60, 2);
    if colon {
        b.push(':');
    }
    if !short {
        append_int(b, zone % 60, 2);
    }
    if seconds {
        if colon {
            b.push(':');
        }
        append_int(b, abs_offset % 60, 2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(layout: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut l = layout;
        loop {
            let (prefix, std, rest) = next_std_chunk(l);
            if !prefix.is_empty() {
                out.push(format!("'{prefix}'"));
            }
            match std {
                Some(s) => out.push(format!("{s:?}")),
                None => break,
            }
            l = rest;
        }
        out
    }

    #[test]
    fn layouts_split_like_go() {
        assert_eq!(
            chunks("Monday Month Jan January _2006 .000 ,999x"),
            [
                "LongWeekDay",
                "' Month '",
                "Month",
                "' '",
                "LongMonth",
                "' _'",
                "LongYear",
                "' '",
                "FracSecond0(3, 46)",
                "' '",
                "FracSecond9(3, 44)",
                "'x'"
            ]
        );
        assert_eq!(chunks(".0001"), ["'.00'", "ZeroMonth"]);
    }

    #[test]
    fn format_reference_time() {
        // 2006-01-02 15:04:05.123 in MST (-0700).
        let local = 1_136_239_445 - 7 * 3600;
        let t = Formattable {
            zone_name: "MST",
            offset: -7 * 3600,
            abs: civil::abs_seconds(local),
            nanos: 123_000_000,
        };
        assert_eq!(
            format(&t, "2006-01-02T15:04:05.999999999Z07:00 Mon Jan _2 3PM MST"),
            "2006-01-02T15:04:05.123-07:00 Mon Jan  2 3PM MST"
        );
        assert_eq!(
            format(&t, "__2 002 .000000 -07 -070000"),
            "  2 002 .123000 -07 -070000"
        );
    }
}
