//! Semantic versions as Masterminds/semver v3.5 parses, prints and orders them.

use std::cmp::Ordering;
use std::fmt;

use gotemplate::strconv::quote;

/// The longest version string `NewVersion`/`StrictNewVersion` accept.
pub const MAX_VERSION_LEN: usize = 256;

/// Why a version string was rejected; the texts are Masterminds' error strings.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionError {
    /// Not a version at all.
    #[error("invalid semantic version")]
    Invalid,
    /// An empty string (strict parsing).
    #[error("version string empty")]
    Empty,
    /// Characters outside a version's alphabet (strict parsing).
    #[error("invalid characters in version")]
    InvalidCharacters,
    /// A numeric segment with a leading zero (strict parsing).
    #[error("version segment starts with 0")]
    SegmentStartsZero,
    /// Build metadata with characters outside `[0-9A-Za-z-.]`.
    #[error("invalid metadata string")]
    InvalidMetadata,
    /// A prerelease with characters outside `[0-9A-Za-z-.]`.
    #[error("invalid prerelease string")]
    InvalidPrerelease,
    /// Longer than Masterminds accepts.
    #[error("version string is too long (max {MAX_VERSION_LEN} bytes)")]
    TooLong,
    /// A numeric segment Go's `strconv.ParseUint` rejects, as `StrictNewVersion` reports it.
    #[error("{0}")]
    ParseUint(ParseUintError),
    /// The same, wrapped the way `NewVersion` reports it.
    #[error("error parsing version segment: {0}")]
    Segment(ParseUintError),
    /// `IncMajor`/`IncMinor`/`IncPatch` past `u64::MAX`.
    #[error("{0} version increment would overflow uint64")]
    IncrementOverflow(&'static str),
}

/// Go's `*strconv.NumError` for `ParseUint(s, 10, 64)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseUintError {
    input: String,
    out_of_range: bool,
}

impl fmt::Display for ParseUintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = if self.out_of_range {
            "value out of range"
        } else {
            "invalid syntax"
        };
        write!(
            f,
            "strconv.ParseUint: parsing {}: {reason}",
            quote(&self.input)
        )
    }
}

/// `strconv.ParseUint(s, 10, 64)` for a string the callers already know to be
/// all ASCII digits (possibly empty).
fn parse_u64(s: &str) -> Result<u64, ParseUintError> {
    if s.is_empty() {
        return Err(ParseUintError {
            input: String::new(),
            out_of_range: false,
        });
    }
    s.parse::<u64>().map_err(|_| ParseUintError {
        input: s.to_string(),
        out_of_range: true,
    })
}

/// A semantic version. Equality and ordering follow Masterminds' `Compare`:
/// build metadata is ignored, so `1.0.0+a == 1.0.0+b`.
#[derive(Debug, Clone)]
pub struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    pre: String,
    metadata: String,
    original: String,
}

pub(crate) fn is_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

/// Dot separated, non-empty identifiers of `[0-9A-Za-z-]`.
fn valid_identifiers(s: &str) -> bool {
    s.split('.')
        .all(|part| !part.is_empty() && part.bytes().all(is_ident_char))
}

fn validate_prerelease(p: &str) -> Result<(), VersionError> {
    if !valid_identifiers(p) {
        return Err(VersionError::InvalidPrerelease);
    }
    if p.split('.')
        .any(|part| part.len() > 1 && part.starts_with('0') && is_digits(part))
    {
        return Err(VersionError::SegmentStartsZero);
    }
    Ok(())
}

fn validate_metadata(m: &str) -> Result<(), VersionError> {
    if valid_identifiers(m) {
        Ok(())
    } else {
        Err(VersionError::InvalidMetadata)
    }
}

/// The loose shape `NewVersion` accepts: optional `v`, one to three numeric
/// segments, then optional prerelease and metadata identifiers.
struct LooseParts<'a> {
    segments: Vec<&'a str>,
    pre: &'a str,
    metadata: &'a str,
}

fn split_loose(v: &str) -> Option<LooseParts<'_>> {
    let mut s = v.strip_prefix('v').unwrap_or(v);
    let mut metadata = "";
    let mut pre = "";
    // Metadata first: a `-` is valid inside metadata.
    if let Some((rest, meta)) = s.split_once('+') {
        if !valid_identifiers(meta) {
            return None;
        }
        s = rest;
        metadata = meta;
    }
    if let Some((rest, p)) = s.split_once('-') {
        if !valid_identifiers(p) {
            return None;
        }
        s = rest;
        pre = p;
    }
    let segments: Vec<&str> = s.split('.').collect();
    if segments.len() > 3 || segments.iter().any(|seg| seg.is_empty() || !is_digits(seg)) {
        return None;
    }
    Some(LooseParts {
        segments,
        pre,
        metadata,
    })
}

impl Version {
    /// Masterminds `NewVersion` (with its default `CoerceNewVersion`): accepts a
    /// leading `v`, missing minor/patch and leading zeros in numeric segments.
    pub fn parse(v: &str) -> Result<Version, VersionError> {
        if v.len() > MAX_VERSION_LEN {
            return Err(VersionError::TooLong);
        }
        let parts = split_loose(v).ok_or(VersionError::Invalid)?;
        let mut nums = [0u64; 3];
        for (slot, seg) in nums.iter_mut().zip(&parts.segments) {
            *slot = parse_u64(seg).map_err(VersionError::Segment)?;
        }
        if !parts.pre.is_empty() {
            validate_prerelease(parts.pre)?;
        }
        Ok(Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            pre: parts.pre.to_string(),
            metadata: parts.metadata.to_string(),
            original: v.to_string(),
        })
    }

    /// Masterminds `StrictNewVersion`: exactly `X.Y.Z[-pre][+meta]`, no `v`,
    /// no leading zeros.
    pub fn parse_strict(v: &str) -> Result<Version, VersionError> {
        if v.is_empty() {
            return Err(VersionError::Empty);
        }
        if v.len() > MAX_VERSION_LEN {
            return Err(VersionError::TooLong);
        }
        let mut parts = v.splitn(3, '.');
        let (Some(major), Some(minor), Some(mut patch)) =
            (parts.next(), parts.next(), parts.next())
        else {
            return Err(VersionError::Invalid);
        };
        let mut metadata = "";
        let mut pre = "";
        if let Some((rest, meta)) = patch.split_once('+') {
            validate_metadata(meta)?;
            patch = rest;
            metadata = meta;
        }
        if let Some((rest, p)) = patch.split_once('-') {
            validate_prerelease(p)?;
            patch = rest;
            pre = p;
        }
        let segments = [major, minor, patch];
        for seg in segments {
            if !is_digits(seg) {
                return Err(VersionError::InvalidCharacters);
            }
            if seg.len() > 1 && seg.starts_with('0') {
                return Err(VersionError::SegmentStartsZero);
            }
        }
        let mut nums = [0u64; 3];
        for (slot, seg) in nums.iter_mut().zip(segments) {
            *slot = parse_u64(seg).map_err(VersionError::ParseUint)?;
        }
        Ok(Version {
            major: nums[0],
            minor: nums[1],
            patch: nums[2],
            pre: pre.to_string(),
            metadata: metadata.to_string(),
            original: v.to_string(),
        })
    }

    /// Masterminds `New`: a version from its parts (not validated); the
    /// original text is its string form.
    pub fn new(major: u64, minor: u64, patch: u64, pre: &str, metadata: &str) -> Version {
        let mut v = Version {
            major,
            minor,
            patch,
            pre: pre.to_string(),
            metadata: metadata.to_string(),
            original: String::new(),
        };
        v.original = v.to_string();
        v
    }

    /// The major version number.
    pub fn major(&self) -> u64 {
        self.major
    }

    /// The minor version number.
    pub fn minor(&self) -> u64 {
        self.minor
    }

    /// The patch version number.
    pub fn patch(&self) -> u64 {
        self.patch
    }

    /// The prerelease without its leading `-` (empty if none).
    pub fn prerelease(&self) -> &str {
        &self.pre
    }

    /// The build metadata without its leading `+` (empty if none).
    pub fn metadata(&self) -> &str {
        &self.metadata
    }

    /// The text the version was parsed from (Helm keeps it for tags and locks).
    pub fn original(&self) -> &str {
        &self.original
    }

    /// Masterminds `Compare`: numeric segments, then prerelease precedence;
    /// metadata is ignored.
    pub fn compare(&self, other: &Version) -> Ordering {
        self.major
            .cmp(&other.major)
            .then(self.minor.cmp(&other.minor))
            .then(self.patch.cmp(&other.patch))
            .then_with(|| match (self.pre.is_empty(), other.pre.is_empty()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                (false, false) => compare_prerelease(&self.pre, &other.pre),
            })
    }

    /// The `v` the original text started with, kept by the `Inc*` methods.
    fn original_v_prefix(&self) -> &'static str {
        if self.original.starts_with('v') {
            "v"
        } else {
            ""
        }
    }

    fn with_original_from(mut self, base: &Version) -> Version {
        self.original = format!("{}{}", base.original_v_prefix(), self);
        self
    }

    /// Masterminds `IncPatch`: a prerelease version drops its prerelease and
    /// keeps the patch; a release bumps the patch.
    pub fn inc_patch(&self) -> Result<Version, VersionError> {
        let mut next = self.clone();
        next.pre.clear();
        next.metadata.clear();
        if self.pre.is_empty() {
            next.patch = self
                .patch
                .checked_add(1)
                .ok_or(VersionError::IncrementOverflow("patch"))?;
        }
        Ok(next.with_original_from(self))
    }

    /// Masterminds `IncMinor`.
    pub fn inc_minor(&self) -> Result<Version, VersionError> {
        let mut next = self.clone();
        next.pre.clear();
        next.metadata.clear();
        next.patch = 0;
        next.minor = self
            .minor
            .checked_add(1)
            .ok_or(VersionError::IncrementOverflow("minor"))?;
        Ok(next.with_original_from(self))
    }

    /// Masterminds `IncMajor`.
    pub fn inc_major(&self) -> Result<Version, VersionError> {
        let mut next = self.clone();
        next.pre.clear();
        next.metadata.clear();
        next.patch = 0;
        next.minor = 0;
        next.major = self
            .major
            .checked_add(1)
            .ok_or(VersionError::IncrementOverflow("major"))?;
        Ok(next.with_original_from(self))
    }
}

/// Masterminds `comparePrerelease`: dot separated identifiers, numeric ones
/// compared as numbers and ranked below alphanumeric ones; a shorter list of
/// equal identifiers ranks lower.
pub(crate) fn compare_prerelease(a: &str, b: &str) -> Ordering {
    let mut left = a.split('.');
    let mut right = b.split('.');
    loop {
        match (left.next(), right.next()) {
            (None, None) => return Ordering::Equal,
            (l, r) => {
                let ord = compare_pre_part(l.unwrap_or(""), r.unwrap_or(""));
                if ord != Ordering::Equal {
                    return ord;
                }
            }
        }
    }
}

fn compare_pre_part(s: &str, o: &str) -> Ordering {
    if s == o {
        return Ordering::Equal;
    }
    if s.is_empty() {
        return Ordering::Less;
    }
    if o.is_empty() {
        return Ordering::Greater;
    }
    // An identifier too large for a u64 counts as alphanumeric, like Go's.
    let numeric = |x: &str| is_digits(x).then(|| x.parse::<u64>().ok()).flatten();
    match (numeric(s), numeric(o)) {
        (None, None) => s.cmp(o),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (Some(x), Some(y)) => x.cmp(&y),
    }
}

impl fmt::Display for Version {
    /// Masterminds `String()`: `MAJOR.MINOR.PATCH[-pre][+meta]`, no `v`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if !self.pre.is_empty() {
            write!(f, "-{}", self.pre)?;
        }
        if !self.metadata.is_empty() {
            write!(f, "+{}", self.metadata)?;
        }
        Ok(())
    }
}

impl PartialEq for Version {
    fn eq(&self, other: &Version) -> bool {
        self.compare(other) == Ordering::Equal
    }
}

impl Eq for Version {}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Version) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Version {
    fn cmp(&self, other: &Version) -> Ordering {
        self.compare(other)
    }
}

impl std::str::FromStr for Version {
    type Err = VersionError;

    fn from_str(s: &str) -> Result<Version, VersionError> {
        Version::parse(s)
    }
}
