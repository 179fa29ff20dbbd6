//! Go's `*time.Location`: UTC, fixed zones and zones loaded from the system
//! tz database exactly where and how Go's `LoadLocation` finds them.
//!
//! Go looks zone files up by exact path (so names are case-sensitive) in
//! `$ZONEINFO`, then in the platform directories; Helm embeds no tz database,
//! so a name that is not on disk fails (and Sprig then falls back to UTC).
//! The TZif data itself is interpreted by `jiff`.

use std::sync::{Arc, OnceLock};

use jiff::Timestamp;
use jiff::tz::TimeZone;

/// Where Go's `LoadLocation` looks on Unix, after `$ZONEINFO`.
const PLATFORM_ZONE_SOURCES: [&str; 4] = [
    "/usr/share/zoneinfo/",
    "/usr/share/lib/zoneinfo/",
    "/usr/lib/locale/TZ/",
    "/etc/zoneinfo/",
];

/// Go refuses to read zone files larger than this.
const MAX_TZIF_SIZE: u64 = 10 << 20;

/// A time zone as Go's `time.Location` sees it.
pub struct Location {
    /// What `Location.String()` prints (`Local`, `UTC`, `Europe/Berlin`, ...).
    name: String,
    rules: Rules,
}

enum Rules {
    Utc,
    Fixed { abbrev: String, offset: i32 },
    Tz(TimeZone),
}

impl Location {
    /// Go's `time.UTC`.
    pub fn utc() -> Arc<Location> {
        static UTC: OnceLock<Arc<Location>> = OnceLock::new();
        UTC.get_or_init(|| {
            Arc::new(Location {
                name: "UTC".into(),
                rules: Rules::Utc,
            })
        })
        .clone()
    }

    /// Go's `time.Local`, initialised like Go's `initLocal` on Unix.
    pub fn local() -> Arc<Location> {
        static LOCAL: OnceLock<Arc<Location>> = OnceLock::new();
        LOCAL.get_or_init(|| Arc::new(init_local())).clone()
    }

    /// Go's `time.FixedZone`.
    pub fn fixed(name: &str, offset: i32) -> Arc<Location> {
        Arc::new(Location {
            name: name.to_string(),
            rules: Rules::Fixed {
                abbrev: name.to_string(),
                offset,
            },
        })
    }

    /// Go's `time.LoadLocation`; `None` where Go returns an error.
    pub fn load(name: &str) -> Option<Arc<Location>> {
        match name {
            "" | "UTC" => return Some(Location::utc()),
            "Local" => return Some(Location::local()),
            _ => {}
        }
        if name.contains("..") || name.starts_with('/') || name.starts_with('\\') {
            return None;
        }
        if let Ok(dir) = std::env::var("ZONEINFO")
            && !dir.is_empty()
            && !dir.ends_with(".zip")
            && let Some(loc) = load_from(&format!("{dir}/{name}"), name)
        {
            return Some(Arc::new(loc));
        }
        PLATFORM_ZONE_SOURCES
            .iter()
            .find_map(|dir| load_from(&format!("{dir}/{name}"), name))
            .map(Arc::new)
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn is_utc(&self) -> bool {
        matches!(self.rules, Rules::Utc)
    }

    /// The zone abbreviation and offset (seconds east of UTC) in effect at a
    /// Unix time (Go's `Location.lookup`).
    pub fn lookup(&self, unix: i64) -> (String, i32) {
        match &self.rules {
            Rules::Utc => ("UTC".to_string(), 0),
            Rules::Fixed { abbrev, offset } => (abbrev.clone(), *offset),
            Rules::Tz(tz) => {
                let info = tz.to_offset_info(timestamp(unix));
                (info.abbreviation().to_string(), info.offset().seconds())
            }
        }
    }

    /// Whether daylight saving time is in effect at a Unix time.
    pub fn is_dst(&self, unix: i64) -> bool {
        match &self.rules {
            Rules::Tz(tz) => tz.to_offset_info(timestamp(unix)).dst().is_dst(),
            _ => false,
        }
    }

    /// Go's `Location.lookupName`: the offset of a zone abbreviation, preferring
    /// a zone of that name actually in effect around the given time.
    pub fn lookup_name(&self, abbrev: &str, unix: i64) -> Option<i32> {
        let zones = self.zones();
        for (name, offset) in &zones {
            if name == abbrev && self.lookup(unix - i64::from(*offset)).0 == *name {
                return Some(self.lookup(unix - i64::from(*offset)).1);
            }
        }
        zones
            .iter()
            .find(|(name, _)| name == abbrev)
            .map(|(_, offset)| *offset)
    }

    /// The distinct (abbreviation, offset) pairs the location uses.
    fn zones(&self) -> Vec<(String, i32)> {
        match &self.rules {
            Rules::Utc => Vec::new(),
            Rules::Fixed { abbrev, offset } => vec![(abbrev.clone(), *offset)],
            Rules::Tz(tz) => {
                let mut zones: Vec<(String, i32)> = Vec::new();
                let first = tz.to_offset_info(Timestamp::MIN);
                zones.push((first.abbreviation().to_string(), first.offset().seconds()));
                // Rule-generated transitions repeat the same zones forever;
                // those up to 2200 name them all.
                let until = Timestamp::from_second(7_258_118_400).unwrap_or(Timestamp::MAX);
                for t in tz
                    .following(Timestamp::MIN)
                    .take_while(|t| t.timestamp() < until)
                {
                    let zone = (t.abbreviation().to_string(), t.offset().seconds());
                    if !zones.contains(&zone) {
                        zones.push(zone);
                    }
                }
                zones
            }
        }
    }
}

/// Seconds in 400 Gregorian years, after which calendar and weekdays repeat.
const SECONDS_PER_400_YEARS: i64 = 146_097 * 86_400;

/// A jiff timestamp for a Unix time. Past jiff's last year the time is moved
/// back by whole 400-year cycles, so a zone's daylight-saving rule (which Go
/// applies to any year) gives the same answer; before jiff's first year zones
/// are constant, so the time is clamped.
fn timestamp(unix: i64) -> Timestamp {
    let min = Timestamp::MIN.as_second();
    let max = Timestamp::MAX.as_second();
    let unix = if unix > max {
        let cycles = (unix - max - 1) / SECONDS_PER_400_YEARS + 1;
        unix - cycles * SECONDS_PER_400_YEARS
    } else {
        unix.max(min)
    };
    Timestamp::from_second(unix).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Reads and parses a TZif file; the location is named `name`.
fn load_from(path: &str, name: &str) -> Option<Location> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_TZIF_SIZE {
        return None;
    }
    let data = std::fs::read(path).ok()?;
    let tz = TimeZone::tzif(name, &data).ok()?;
    Some(Location {
        name: name.to_string(),
        rules: Rules::Tz(tz),
    })
}

/// Go's `initLocal`: `$TZ` unset → `/etc/localtime`; `$TZ=""` → UTC;
/// `$TZ=[:]path` or `$TZ=[:]name` → that zone; failures → UTC.
fn init_local() -> Location {
    let utc = || Location {
        name: "UTC".into(),
        rules: Rules::Utc,
    };
    match std::env::var_os("TZ") {
        None => match load_from("/etc/localtime", "Local") {
            Some(loc) => loc,
            None => utc(),
        },
        Some(tz) => {
            let tz = tz.to_string_lossy();
            let tz = tz.strip_prefix(':').unwrap_or(&tz);
            if tz.starts_with('/') {
                let name = if tz == "/etc/localtime" { "Local" } else { tz };
                load_from(tz, name).unwrap_or_else(utc)
            } else if !tz.is_empty() && tz != "UTC" {
                PLATFORM_ZONE_SOURCES
                    .iter()
                    .find_map(|dir| load_from(&format!("{dir}/{tz}"), tz))
                    .unwrap_or_else(utc)
            } else {
                utc()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn load_follows_go_name_rules() {
        assert!(Location::load("").unwrap().is_utc());
        assert!(Location::load("UTC").unwrap().is_utc());
        assert!(Location::load("../etc/passwd").is_none());
        assert!(Location::load("/etc/localtime").is_none());
        assert!(Location::load("No/Such_Zone").is_none());
    }

    #[test]
    fn zone_names_resolve_to_their_offsets() {
        // The system tz database is what Go reads too; without it Helm falls
        // back to UTC, and so do we.
        let Some(ny) = Location::load("America/New_York") else {
            return;
        };
        let summer = 1_593_561_600; // 2020-07-01
        let winter = 1_577_836_800; // 2020-01-01
        assert_eq!(ny.lookup(summer), ("EDT".to_string(), -4 * 3600));
        assert_eq!(ny.lookup(winter), ("EST".to_string(), -5 * 3600));
        assert_eq!(ny.lookup_name("EDT", summer), Some(-4 * 3600));
        assert_eq!(ny.lookup_name("EST", summer), Some(-5 * 3600));
        assert_eq!(ny.lookup_name("LMT", winter), Some(-17_762));
        assert_eq!(ny.lookup_name("CET", winter), None);
        assert!(ny.is_dst(summer) && !ny.is_dst(winter));
    }

    #[test]
    fn fixed_zones_keep_their_name() {
        let z = Location::fixed("XYZ", -3600);
        assert_eq!(z.lookup(0), ("XYZ".to_string(), -3600));
        assert_eq!(z.lookup_name("XYZ", 0), Some(-3600));
        assert_eq!(z.lookup_name("ABC", 0), None);
    }
}
