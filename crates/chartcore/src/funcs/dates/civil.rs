//! Go's calendar arithmetic (`time` package): seconds counted from the
//! "absolute" epoch (March 1 of year -292277022400) as unsigned numbers, so
//! every division rounds down, and the Neri–Schneider date algorithms on them.
//!
//! Go does these computations in wrapping 64-bit arithmetic; so do we, which
//! keeps results identical even for absurd instants (`time.Unix(1<<62, 0)`).

pub const SECONDS_PER_MINUTE: i64 = 60;
pub const SECONDS_PER_HOUR: i64 = 60 * SECONDS_PER_MINUTE;
pub const SECONDS_PER_DAY: i64 = 24 * SECONDS_PER_HOUR;

/// Days from March 1 through the end of the year.
const MARCH_THRU_DECEMBER: u32 = 31 + 30 + 31 + 30 + 31 + 31 + 30 + 31 + 30 + 31;

/// Years between the absolute epoch and year 0 (a multiple of 400).
const ABSOLUTE_YEARS: u64 = 292_277_022_400;

/// Seconds from the absolute epoch to January 1 of year 1 ("internal" time).
const INTERNAL_TO_ABSOLUTE: i64 =
    ((ABSOLUTE_YEARS / 400 * 146_097) as i64 + MARCH_THRU_DECEMBER as i64) * SECONDS_PER_DAY;

/// Seconds from January 1 of year 1 to the Unix epoch.
pub const UNIX_TO_INTERNAL: i64 =
    (1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) * SECONDS_PER_DAY;

/// Seconds from January 1 of year 1 to January 1, 1885 (the base of Go's
/// packed wall clock).
pub const WALL_TO_INTERNAL: i64 =
    (1884 * 365 + 1884 / 4 - 1884 / 100 + 1884 / 400) * SECONDS_PER_DAY;

/// Seconds from the Unix epoch back to the absolute epoch.
const UNIX_TO_ABSOLUTE: i64 = UNIX_TO_INTERNAL + INTERNAL_TO_ABSOLUTE;

/// Absolute seconds of a Unix time already shifted by its zone offset.
pub fn abs_seconds(local_unix: i64) -> u64 {
    local_unix.wrapping_add(UNIX_TO_ABSOLUTE) as u64
}

/// Absolute days of absolute seconds.
pub fn abs_days(abs: u64) -> u64 {
    abs / SECONDS_PER_DAY as u64
}

/// Hour, minute and second of the day.
pub fn clock(abs: u64) -> (i64, i64, i64) {
    let sec = (abs % SECONDS_PER_DAY as u64) as i64;
    (
        sec / SECONDS_PER_HOUR,
        sec % SECONDS_PER_HOUR / SECONDS_PER_MINUTE,
        sec % SECONDS_PER_MINUTE,
    )
}

/// Century, year in century and March-based day of year.
fn split(days: u64) -> (u64, u32, u32) {
    let d = days.wrapping_mul(4).wrapping_add(3);
    let century = d / 146_097;
    let cd = ((d % 146_097) as u32) | 3;
    let product = 2_939_745u64 * u64::from(cd);
    let cyear = (product >> 32) as u32;
    let ayday = (product as u32) / 2_939_745 / 4;
    (century, cyear, ayday)
}

fn jan_feb(ayday: u32) -> u32 {
    u32::from(ayday >= MARCH_THRU_DECEMBER)
}

fn year_of(century: u64, cyear: u32, jan_feb: u32) -> i64 {
    (century.wrapping_mul(100).wrapping_sub(ABSOLUTE_YEARS) as i64)
        .wrapping_add(i64::from(cyear))
        .wrapping_add(i64::from(jan_feb))
}

/// Year, month (1-12) and day of month of absolute days.
pub fn date(days: u64) -> (i64, u32, u32) {
    let (century, cyear, ayday) = split(days);
    let d = 2141 * ayday + 197_913;
    let amonth = d >> 16;
    let mday = 1 + (d & 0xFFFF) / 2141;
    let jf = jan_feb(ayday);
    (year_of(century, cyear, jf), amonth - jf * 12, mday)
}

/// Year and 1-based day of year of absolute days.
pub fn year_yday(days: u64) -> (i64, u32) {
    let (century, cyear, ayday) = split(days);
    let jf = jan_feb(ayday);
    let leap = u32::from(cyear % 4 == 0 && (cyear != 0 || century % 4 == 0));
    let yday = (ayday + 1 + 31 + 28 + (leap & !jf)) as i64 - 365 * i64::from(jf);
    (year_of(century, cyear, jf), yday as u32)
}

/// Day of the week of absolute days, Sunday = 0 (the epoch was a Wednesday).
pub fn weekday(days: u64) -> u32 {
    (days.wrapping_add(3) % 7) as u32
}

/// Absolute days of a date; `day` may be out of its month's range.
pub fn date_to_abs_days(year: i64, month: u32, day: i64) -> u64 {
    let jf = u32::from(month < 3);
    let amonth = month + 12 * jf;
    let y = (year as u64)
        .wrapping_sub(u64::from(jf))
        .wrapping_add(ABSOLUTE_YEARS);
    let ayday = (979 * amonth - 2919) >> 5;
    let century = y / 100;
    let cyear = (y % 100) as u32;
    let cday = 1461 * cyear / 4;
    let century_days = (146_097u64).wrapping_mul(century) / 4;
    century_days.wrapping_add(i64::from(cday + ayday).wrapping_add(day).wrapping_sub(1) as u64)
}

/// Unix seconds of midnight starting a date (no zone).
pub fn days_to_unix(days: u64) -> i64 {
    (days as i64)
        .wrapping_mul(SECONDS_PER_DAY)
        .wrapping_sub(UNIX_TO_ABSOLUTE)
}

pub fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in a month (1-12) of a year.
pub fn days_in(month: u32, year: i64) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days before the first of a month (1-13) in a non-leap year.
pub fn days_before(month: u32) -> u32 {
    const CUMULATIVE: [u32; 13] = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365];
    CUMULATIVE[(month - 1) as usize]
}

/// Go's `norm`: moves whole multiples of `base` from `lo` into `hi`, leaving
/// `lo` in `[0, base)`.
pub fn norm(mut hi: i64, mut lo: i64, base: i64) -> (i64, i64) {
    // Wrapping like Go's int arithmetic, so extreme inputs match too.
    if lo < 0 {
        let n = lo.wrapping_neg().wrapping_sub(1) / base + 1;
        hi = hi.wrapping_sub(n);
        lo = lo.wrapping_add(n.wrapping_mul(base));
    }
    if lo >= base {
        let n = lo / base;
        hi = hi.wrapping_add(n);
        lo = lo.wrapping_sub(n.wrapping_mul(base));
    }
    (hi, lo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(unix: i64) -> (i64, u32, u32) {
        date(abs_days(abs_seconds(unix)))
    }

    #[test]
    fn dates_of_known_instants() {
        assert_eq!(ymd(0), (1970, 1, 1));
        assert_eq!(ymd(951_782_400), (2000, 2, 29));
        assert_eq!(ymd(-62_135_596_800), (1, 1, 1));
        assert_eq!(ymd(1_136_239_445), (2006, 1, 2));
        assert_eq!(weekday(abs_days(abs_seconds(1_136_239_445))), 1);
        assert_eq!(year_yday(abs_days(abs_seconds(951_782_400))), (2000, 60));
        assert_eq!(year_yday(abs_days(abs_seconds(978_220_800))), (2000, 366));
    }

    #[test]
    fn date_round_trips_through_days() {
        for (y, m, d) in [
            (1970, 1, 1),
            (2000, 2, 29),
            (1, 1, 1),
            (-44, 3, 15),
            (9999, 12, 31),
        ] {
            let days = date_to_abs_days(y, m, i64::from(d));
            assert_eq!(date(days), (y, m, d));
        }
        assert_eq!(days_to_unix(date_to_abs_days(1970, 1, 1)), 0);
    }

    #[test]
    fn norm_carries_like_go() {
        assert_eq!(norm(2020, 13, 12), (2021, 1));
        assert_eq!(norm(2020, -1, 12), (2019, 11));
        assert_eq!(norm(0, -60, 60), (-1, 0));
    }
}
