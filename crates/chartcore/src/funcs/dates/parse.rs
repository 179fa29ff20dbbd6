//! Go's `time.ParseInLocation`, with its `*time.ParseError` texts.

use std::sync::Arc;

use super::civil;
use super::duration::time_quote;
use super::layout::{LONG_DAY_NAMES, LONG_MONTH_NAMES, Std, next_std_chunk};
use super::time::GoTime;
use super::zone::Location;

/// Go's `*time.ParseError` message.
fn parse_error(
    layout: &str,
    value: &str,
    layout_elem: &str,
    value_elem: &str,
    message: &str,
) -> String {
    if message.is_empty() {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            time_quote(value),
            time_quote(layout),
            time_quote(value_elem),
            time_quote(layout_elem)
        )
    } else {
        format!("parsing time {}{message}", time_quote(value))
    }
}

/// Go's `lookup`: a case-insensitive prefix match against names.
fn lookup_name<'v>(names: &[&str], value: &'v str) -> Option<(usize, &'v str)> {
    names.iter().enumerate().find_map(|(i, name)| {
        let v = value.as_bytes();
        let n = name.as_bytes();
        (v.len() >= n.len() && ascii_fold_eq(&v[..n.len()], n)).then(|| (i, &value[n.len()..]))
    })
}

/// Go's `match`: equal ignoring ASCII letter case.
fn ascii_fold_eq(a: &[u8], b: &[u8]) -> bool {
    a.iter().zip(b).all(|(&x, &y)| {
        x == y || {
            let (lx, ly) = (x | 0x20, y | 0x20);
            lx == ly && lx.is_ascii_lowercase()
        }
    })
}

fn is_digit(s: &[u8], i: usize) -> bool {
    s.get(i).is_some_and(u8::is_ascii_digit)
}

/// Go's `getnum`: one or two digits (`fixed` requires two).
fn getnum(s: &str, fixed: bool) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    if !is_digit(b, 0) {
        return None;
    }
    if !is_digit(b, 1) {
        if fixed {
            return None;
        }
        return Some((i64::from(b[0] - b'0'), &s[1..]));
    }
    Some((
        i64::from(b[0] - b'0') * 10 + i64::from(b[1] - b'0'),
        &s[2..],
    ))
}

/// Go's `getnum3`: one to three digits (`fixed` requires three).
fn getnum3(s: &str, fixed: bool) -> Option<(i64, &str)> {
    let b = s.as_bytes();
    let mut n = 0;
    let mut i = 0;
    while i < 3 && is_digit(b, i) {
        n = n * 10 + i64::from(b[i] - b'0');
        i += 1;
    }
    if i == 0 || (fixed && i != 3) {
        return None;
    }
    Some((n, &s[i..]))
}

/// Go's `leadingInt`: the value of the leading digits and how many there
/// are, `None` on overflow.
fn leading_int(b: &[u8]) -> Option<(u64, usize)> {
    let mut x: u64 = 0;
    let mut i = 0;
    while i < b.len() && b[i].is_ascii_digit() {
        if x > (1 << 63) / 10 {
            return None;
        }
        x = x * 10 + u64::from(b[i] - b'0');
        if x > 1 << 63 {
            return None;
        }
        i += 1;
    }
    Some((x, i))
}

/// Go's `atoi` of the time package: optional sign and digits, nothing else.
fn atoi(s: &[u8]) -> Option<i64> {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (q, n) = leading_int(digits)?;
    if n != digits.len() {
        return None;
    }
    let x = q as i64;
    Some(if neg { x.wrapping_neg() } else { x })
}

/// Go's `skip`: drops `prefix` from `value`, runs of spaces matching runs.
fn skip<'v>(mut value: &'v str, mut prefix: &str) -> Result<&'v str, &'v str> {
    while !prefix.is_empty() {
        if prefix.starts_with(' ') {
            if !value.is_empty() && !value.starts_with(' ') {
                return Err(value);
            }
            prefix = prefix.trim_start_matches(' ');
            value = value.trim_start_matches(' ');
            continue;
        }
        let (p, v) = (prefix.as_bytes(), value.as_bytes());
        if v.is_empty() || v[0] != p[0] {
            return Err(value);
        }
        // Advance by one byte; both sides stay on char boundaries because
        // matching bytes of valid UTF-8 end on the same boundaries.
        let n = prefix.chars().next().map_or(1, char::len_utf8);
        if v.len() < n || v[..n] != p[..n] {
            return Err(value);
        }
        prefix = &prefix[n..];
        value = &value[n..];
    }
    Ok(value)
}

/// Go's `parseTimeZone`: the length of a zone abbreviation at the start.
fn parse_time_zone(value: &str) -> Option<usize> {
    let v = value.as_bytes();
    if v.len() < 3 {
        return None;
    }
    if v.len() >= 4 && (&v[..4] == b"ChST" || &v[..4] == b"MeST") {
        return Some(4);
    }
    if &v[..3] == b"GMT" {
        return Some(parse_gmt(value));
    }
    if v[0] == b'+' || v[0] == b'-' {
        let n = parse_signed_offset(value);
        return (n > 0).then_some(n);
    }
    let upper = v
        .iter()
        .take(6)
        .take_while(|c| c.is_ascii_uppercase())
        .count();
    match upper {
        5 if v[4] == b'T' => Some(5),
        4 if v[3] == b'T' || &v[..4] == b"WITA" => Some(4),
        3 => Some(3),
        _ => None,
    }
}

fn parse_gmt(value: &str) -> usize {
    let rest = &value[3..];
    if rest.is_empty() {
        return 3;
    }
    3 + parse_signed_offset(rest)
}

/// Go's `parseSignedOffset`: `+h`/`-h` with `h <= 23`, else 0.
fn parse_signed_offset(value: &str) -> usize {
    let b = value.as_bytes();
    if b[0] != b'-' && b[0] != b'+' {
        return 0;
    }
    match leading_int(&b[1..]) {
        Some((x, n)) if n > 0 && x <= 23 => 1 + n,
        _ => 0,
    }
}

/// Go's `parseNanoseconds`: a separator then digits, scaled to nanoseconds.
fn parse_nanoseconds(value: &str, nbytes: usize) -> Result<(i64, Option<&'static str>), ()> {
    let b = value.as_bytes();
    if b[0] != b'.' && b[0] != b',' {
        return Err(());
    }
    let nbytes = nbytes.min(10);
    let ns = atoi(&b[1..nbytes]).ok_or(())?;
    if ns < 0 {
        return Ok((0, Some("fractional second")));
    }
    Ok((ns * 10i64.pow((10 - nbytes) as u32), None))
}

/// Go's `time.ParseInLocation(layout, value, loc)`.
pub fn parse_in_location(layout: &str, value: &str, loc: &Arc<Location>) -> Result<GoTime, String> {
    let (alayout, avalue) = (layout, value);
    let mut layout = layout;
    let mut value = value;
    let mut range_err: Option<&str> = None;
    let (mut am_set, mut pm_set) = (false, false);
    let (mut year, mut month, mut day, mut yday) = (0i64, -1i64, -1i64, -1i64);
    let (mut hour, mut min, mut sec, mut nsec) = (0i64, 0i64, 0i64, 0i64);
    let mut z: Option<Arc<Location>> = None;
    let mut zone_offset: i64 = -1;
    let mut zone_name = String::new();

    loop {
        let (prefix, std, suffix) = next_std_chunk(layout);
        let std_str = &layout[prefix.len()..layout.len() - suffix.len()];
        value = match skip(value, prefix) {
            Ok(v) => v,
            Err(v) => return Err(parse_error(alayout, avalue, prefix, v, "")),
        };
        let Some(std) = std else {
            if !value.is_empty() {
                return Err(parse_error(
                    alayout,
                    avalue,
                    "",
                    value,
                    &format!(": extra text: {}", time_quote(value)),
                ));
            }
            break;
        };
        layout = suffix;
        let hold = value;
        let mut ok = true;
        match std {
            Std::Year => {
                if value.len() < 2 {
                    ok = false;
                } else {
                    match atoi(&value.as_bytes()[..2]) {
                        Some(y) => {
                            year = if y >= 69 { y + 1900 } else { y + 2000 };
                            value = &value[2..];
                        }
                        None => ok = false,
                    }
                }
            }
            Std::LongYear => {
                if value.len() < 4 || !is_digit(value.as_bytes(), 0) {
                    ok = false;
                } else {
                    match atoi(&value.as_bytes()[..4]) {
                        Some(y) => {
                            year = y;
                            value = &value[4..];
                        }
                        None => ok = false,
                    }
                }
            }
            Std::Month | Std::LongMonth => {
                let names: Vec<&str> = if std == Std::Month {
                    LONG_MONTH_NAMES.iter().map(|n| &n[..3]).collect()
                } else {
                    LONG_MONTH_NAMES.to_vec()
                };
                match lookup_name(&names, value) {
                    Some((i, rest)) => {
                        month = i as i64 + 1;
                        value = rest;
                    }
                    None => ok = false,
                }
            }
            Std::NumMonth | Std::ZeroMonth => match getnum(value, std == Std::ZeroMonth) {
                Some((m, rest)) => {
                    month = m;
                    value = rest;
                    if !(1..=12).contains(&m) {
                        range_err = Some("month");
                    }
                }
                None => ok = false,
            },
            Std::WeekDay | Std::LongWeekDay => {
                let names: Vec<&str> = if std == Std::WeekDay {
                    LONG_DAY_NAMES.iter().map(|n| &n[..3]).collect()
                } else {
                    LONG_DAY_NAMES.to_vec()
                };
                match lookup_name(&names, value) {
                    Some((_, rest)) => value = rest,
                    None => ok = false,
                }
            }
            Std::Day | Std::UnderDay | Std::ZeroDay => {
                if std == Std::UnderDay && value.starts_with(' ') {
                    value = &value[1..];
                }
                match getnum(value, std == Std::ZeroDay) {
                    Some((d, rest)) => {
                        day = d;
                        value = rest;
                    }
                    None => ok = false,
                }
            }
            Std::UnderYearDay | Std::ZeroYearDay => {
                for _ in 0..2 {
                    if std == Std::UnderYearDay && value.starts_with(' ') {
                        value = &value[1..];
                    }
                }
                match getnum3(value, std == Std::ZeroYearDay) {
                    Some((d, rest)) => {
                        yday = d;
                        value = rest;
                    }
                    None => ok = false,
                }
            }
            Std::Hour => match getnum(value, false) {
                Some((h, rest)) => {
                    hour = h;
                    value = rest;
                    if h >= 24 {
                        range_err = Some("hour");
                    }
                }
                None => ok = false,
            },
            Std::Hour12 | Std::ZeroHour12 => match getnum(value, std == Std::ZeroHour12) {
                Some((h, rest)) => {
                    hour = h;
                    value = rest;
                    if h > 12 {
                        range_err = Some("hour");
                    }
                }
                None => ok = false,
            },
            Std::Minute | Std::ZeroMinute => match getnum(value, std == Std::ZeroMinute) {
                Some((m, rest)) => {
                    min = m;
                    value = rest;
                    if m >= 60 {
                        range_err = Some("minute");
                    }
                }
                None => ok = false,
            },
            Std::Second | Std::ZeroSecond => match getnum(value, std == Std::ZeroSecond) {
                Some((s, rest)) => {
                    sec = s;
                    value = rest;
                    if s >= 60 {
                        range_err = Some("second");
                    } else {
                        let v = value.as_bytes();
                        // A fraction in the input that the layout does not
                        // mention is parsed anyway.
                        if v.len() >= 2 && (v[0] == b'.' || v[0] == b',') && is_digit(v, 1) {
                            let next = next_std_chunk(layout).1;
                            if !matches!(next, Some(Std::FracSecond0(..) | Std::FracSecond9(..))) {
                                let mut n = 2;
                                while is_digit(v, n) {
                                    n += 1;
                                }
                                match parse_nanoseconds(value, n) {
                                    Ok((ns, err)) => {
                                        nsec = ns;
                                        range_err = err;
                                    }
                                    Err(()) => ok = false,
                                }
                                value = &value[n..];
                            }
                        }
                    }
                }
                None => ok = false,
            },
            Std::PM | Std::Pm => {
                if value.len() < 2 || !value.is_char_boundary(2) {
                    ok = false;
                } else {
                    let (p, rest) = value.split_at(2);
                    value = rest;
                    let (pm, am) = if std == Std::PM {
                        ("PM", "AM")
                    } else {
                        ("pm", "am")
                    };
                    if p == pm {
                        pm_set = true;
                    } else if p == am {
                        am_set = true;
                    } else {
                        ok = false;
                    }
                }
            }
            Std::TZ => {
                if value.starts_with("UTC") {
                    z = Some(Location::utc());
                    value = &value[3..];
                } else {
                    match parse_time_zone(value) {
                        Some(n) if value.is_char_boundary(n) => {
                            zone_name = value[..n].to_string();
                            value = &value[n..];
                        }
                        _ => ok = false,
                    }
                }
            }
            Std::FracSecond0(digits, _) => {
                let ndigit = 1 + digits;
                if value.len() < ndigit || !value.is_char_boundary(ndigit) {
                    ok = false;
                } else {
                    match parse_nanoseconds(value, ndigit) {
                        Ok((ns, err)) => {
                            nsec = ns;
                            range_err = err;
                        }
                        Err(()) => ok = false,
                    }
                    value = &value[ndigit..];
                }
            }
            Std::FracSecond9(..) => {
                let v = value.as_bytes();
                if v.len() >= 2 && (v[0] == b'.' || v[0] == b',') && v[1].is_ascii_digit() {
                    let mut i = 0;
                    while i + 1 < v.len() && v[i + 1].is_ascii_digit() {
                        i += 1;
                    }
                    match parse_nanoseconds(value, 1 + i) {
                        Ok((ns, err)) => {
                            nsec = ns;
                            range_err = err;
                        }
                        Err(()) => ok = false,
                    }
                    value = &value[1 + i..];
                }
            }
            numeric => {
                if numeric.is_iso8601() && value.starts_with('Z') {
                    value = &value[1..];
                    z = Some(Location::utc());
                } else {
                    match parse_offset(numeric, value) {
                        Some((offset, err, rest)) => {
                            value = rest;
                            if err.is_some() {
                                range_err = err;
                            }
                            match offset {
                                Some(o) => zone_offset = o,
                                None => ok = false,
                            }
                        }
                        None => ok = false,
                    }
                }
            }
        }
        if let Some(what) = range_err {
            return Err(parse_error(
                alayout,
                avalue,
                std_str,
                value,
                &format!(": {what} out of range"),
            ));
        }
        if !ok {
            return Err(parse_error(alayout, avalue, std_str, hold, ""));
        }
    }
    if pm_set && hour < 12 {
        hour += 12;
    } else if am_set && hour == 12 {
        hour = 0;
    }

    if yday >= 0 {
        let mut d = 0i64;
        let mut m = 0i64;
        if civil::is_leap(year) {
            if yday == 31 + 29 {
                m = 2;
                d = 29;
            } else if yday > 31 + 29 {
                yday -= 1;
            }
        }
        if !(1..=365).contains(&yday) {
            return Err(parse_error(
                alayout,
                avalue,
                "",
                value,
                ": day-of-year out of range",
            ));
        }
        if m == 0 {
            m = (yday - 1) / 31 + 1;
            if i64::from(civil::days_before(m as u32 + 1)) < yday {
                m += 1;
            }
            d = yday - i64::from(civil::days_before(m as u32));
        }
        if month >= 0 && month != m {
            return Err(parse_error(
                alayout,
                avalue,
                "",
                value,
                ": day-of-year does not match month",
            ));
        }
        month = m;
        if day >= 0 && day != d {
            return Err(parse_error(
                alayout,
                avalue,
                "",
                value,
                ": day-of-year does not match day",
            ));
        }
        day = d;
    } else {
        if month < 0 {
            month = 1;
        }
        if day < 0 {
            day = 1;
        }
    }

    if day < 1 || day > i64::from(civil::days_in(month as u32, year)) {
        return Err(parse_error(
            alayout,
            avalue,
            "",
            value,
            ": day out of range",
        ));
    }

    if let Some(z) = z {
        return Ok(GoTime::date(year, month, day, hour, min, sec, nsec, z));
    }

    if zone_offset != -1 {
        let mut t = GoTime::date(year, month, day, hour, min, sec, nsec, Location::utc());
        t.add_sec(-zone_offset);
        let (name, offset) = loc.lookup(t.unix());
        if i64::from(offset) == zone_offset && (zone_name.is_empty() || name == zone_name) {
            t.set_loc(loc.clone());
            return Ok(t);
        }
        t.set_loc(Location::fixed(&zone_name, zone_offset as i32));
        return Ok(t);
    }

    if !zone_name.is_empty() {
        let mut t = GoTime::date(year, month, day, hour, min, sec, nsec, Location::utc());
        if let Some(offset) = loc.lookup_name(&zone_name, t.unix()) {
            t.add_sec(-i64::from(offset));
            t.set_loc(loc.clone());
            return Ok(t);
        }
        let mut offset = 0i64;
        if zone_name.len() > 3 && zone_name.starts_with("GMT") {
            offset = atoi(&zone_name.as_bytes()[3..]).unwrap_or(0) * 3600;
        }
        t.set_loc(Location::fixed(&zone_name, offset as i32));
        return Ok(t);
    }

    Ok(GoTime::date(
        year,
        month,
        day,
        hour,
        min,
        sec,
        nsec,
        loc.clone(),
    ))
}

/// A numeric zone offset element: `None` if the text is too short for it;
/// else the offset (`None` if malformed), a range error, and the rest.
type OffsetParse<'v> = (Option<i64>, Option<&'static str>, &'v str);

fn parse_offset(std: Std, value: &str) -> Option<OffsetParse<'_>> {
    let v = value.as_bytes();
    let (hh, mm, ss, len): (&[u8], &[u8], &[u8], usize) = match std {
        Std::Iso8601ColonTZ | Std::NumColonTZ => {
            if v.len() < 6 || v[3] != b':' {
                return None;
            }
            (&v[1..3], &v[4..6], b"00", 6)
        }
        Std::NumShortTZ | Std::Iso8601ShortTZ => {
            if v.len() < 3 {
                return None;
            }
            (&v[1..3], b"00", b"00", 3)
        }
        Std::Iso8601ColonSecondsTZ | Std::NumColonSecondsTZ => {
            if v.len() < 9 || v[3] != b':' || v[6] != b':' {
                return None;
            }
            (&v[1..3], &v[4..6], &v[7..9], 9)
        }
        Std::Iso8601SecondsTZ | Std::NumSecondsTZ => {
            if v.len() < 7 {
                return None;
            }
            (&v[1..3], &v[3..5], &v[5..7], 7)
        }
        _ => {
            if v.len() < 5 {
                return None;
            }
            (&v[1..3], &v[3..5], b"00", 5)
        }
    };
    let two = |d: &[u8]| {
        (d[0].is_ascii_digit() && d[1].is_ascii_digit())
            .then(|| i64::from(d[0] - b'0') * 10 + i64::from(d[1] - b'0'))
    };
    // Like Go: a malformed field reads as 0, later fields are not read.
    let hr = two(hh);
    let mn = hr.and_then(|_| two(mm));
    let sc = mn.and_then(|_| two(ss));
    let mut range_err = None;
    if hr.unwrap_or(0) > 24 {
        range_err = Some("time zone offset hour");
    }
    if mn.unwrap_or(0) > 60 {
        range_err = Some("time zone offset minute");
    }
    if sc.unwrap_or(0) > 60 {
        range_err = Some("time zone offset second");
    }
    let magnitude = match (hr, mn, sc) {
        (Some(h), Some(m), Some(s)) => Some((h * 60 + m) * 60 + s),
        _ => None,
    };
    let offset = magnitude.and_then(|o| match v[0] {
        b'+' => Some(o),
        b'-' => Some(-o),
        _ => None,
    });
    // The rest only matters after a success or a range error, where the
    // element is ASCII; elsewhere keep the cursor on a character boundary.
    let rest = if value.is_char_boundary(len) {
        &value[len..]
    } else {
        value
    };
    Some((offset, range_err, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(layout: &str, value: &str) -> Result<String, String> {
        parse_in_location(layout, value, &Location::utc()).map(|t| t.go_string())
    }

    #[test]
    fn parses_common_layouts() {
        assert_eq!(
            utc("2006-01-02", "2020-02-29").unwrap(),
            "2020-02-29 00:00:00 +0000 UTC"
        );
        assert_eq!(
            utc("2006-01-02T15:04:05Z07:00", "2020-01-02T03:04:05+02:00").unwrap(),
            "2020-01-02 03:04:05 +0200 +0200"
        );
        assert_eq!(
            utc("Jan _2 15:04:05.000", "Feb  3 04:05:06.789").unwrap(),
            "0000-02-03 04:05:06.789 +0000 UTC"
        );
        assert_eq!(
            utc("3:04PM", "12:30AM").unwrap(),
            "0000-01-01 00:30:00 +0000 UTC"
        );
    }

    #[test]
    fn errors_match_go() {
        assert_eq!(
            utc("2006-01-02", "2020-13-01").unwrap_err(),
            "parsing time \"2020-13-01\": month out of range"
        );
        assert_eq!(
            utc("2006-01-02", "x").unwrap_err(),
            "parsing time \"x\" as \"2006-01-02\": cannot parse \"x\" as \"2006\""
        );
        assert_eq!(
            utc("2006-01-02", "2020-02-30").unwrap_err(),
            "parsing time \"2020-02-30\": day out of range"
        );
        assert_eq!(
            utc("2006", "2020x").unwrap_err(),
            "parsing time \"2020x\": extra text: \"x\""
        );
    }
}
