//! Masterminds/semver v3.5 constraints: `||` alternatives of AND groups of
//! comparisons, with hyphen ranges, wildcards and the prerelease rule.

use std::cmp::Ordering;
use std::fmt;

use gotemplate::strconv::quote;

use super::range::{is_ident_char, is_segment_char, is_space, rewrite_range};
use super::version::{Version, compare_prerelease};

/// The longest constraint string accepted.
pub const MAX_CONSTRAINT_LEN: usize = 512;
/// The most `||` alternatives accepted.
pub const MAX_CONSTRAINT_GROUPS: usize = 32;

/// Why a constraint string was rejected; texts as Masterminds prints them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConstraintError {
    /// Longer than Masterminds accepts.
    #[error("constraint string is too long (max {MAX_CONSTRAINT_LEN} bytes)")]
    TooLong,
    /// More `||` groups than Masterminds accepts.
    #[error("too many constraint groups (max {MAX_CONSTRAINT_GROUPS})")]
    TooManyGroups,
    /// An AND group that does not scan; holds the group text (after the range rewrite).
    #[error("improper constraint: {}", quote(.0))]
    Improper(String),
    /// A well-formed constraint whose version cannot be built (e.g. `1|2`, a
    /// prerelease with a leading zero, a segment beyond `u64`).
    #[error("constraint parser error")]
    Parser,
}

/// The comparison operators, in the order Masterminds' regexp alternation
/// tries them (the first that leaves a valid version wins).
const OPERATORS: [&str; 12] = [
    "=", "", "!=", ">", "<", ">=", "=>", "<=", "=<", "~", "~>", "^",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Bare or `=`: exact, or tilde when the version has wildcards.
    TildeOrEqual,
    NotEqual,
    Greater,
    Less,
    GreaterEqual,
    LessEqual,
    Tilde,
    Caret,
}

impl Op {
    fn from_text(op: &str) -> Op {
        match op {
            "!=" => Op::NotEqual,
            ">" => Op::Greater,
            "<" => Op::Less,
            ">=" | "=>" => Op::GreaterEqual,
            "<=" | "=<" => Op::LessEqual,
            "~" | "~>" => Op::Tilde,
            "^" => Op::Caret,
            _ => Op::TildeOrEqual,
        }
    }
}

/// One comparison.
#[derive(Debug, Clone)]
struct Constraint {
    /// The version compared against, wildcards replaced by zeros.
    con: Version,
    /// The version text as written (e.g. `4.x`), used in messages.
    orig: String,
    /// The operator as written (e.g. `=>`), used by `Display`.
    op_text: &'static str,
    op: Op,
    dirty: bool,
    minor_dirty: bool,
    patch_dirty: bool,
}

/// An AND group.
#[derive(Debug, Clone)]
struct Group {
    constraints: Vec<Constraint>,
    /// Whether some constraint of the group names a prerelease: only then may
    /// prerelease versions satisfy it.
    has_prerelease: bool,
}

/// A parsed constraint string (Masterminds `Constraints`).
#[derive(Debug, Clone)]
pub struct Constraints {
    groups: Vec<Group>,
    /// Masterminds `IncludePrerelease`: let prereleases match every group.
    pub include_prerelease: bool,
}

/// Why a version failed one comparison (Masterminds `Validate` messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reason {
    Prerelease,
    Equal,
    NotEqual,
    LessThan,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    SameMajor,
    SameMajorMinor,
    CaretMinorZeroMajor,
    CaretMinor,
    CaretPatch,
}

/// One reason a version does not satisfy a constraint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    reason: Reason,
    version: String,
    constraint: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = quote(&self.version);
        let c = quote(&self.constraint);
        match self.reason {
            Reason::Prerelease => write!(
                f,
                "{v} is a prerelease version and the constraint is only looking for release versions"
            ),
            Reason::Equal => write!(f, "{v} is equal to {c}"),
            Reason::NotEqual => write!(f, "{v} is not equal to {c}"),
            Reason::LessThan => write!(f, "{v} is less than {c}"),
            Reason::LessOrEqual => write!(f, "{v} is less than or equal to {c}"),
            Reason::Greater => write!(f, "{v} is greater than {c}"),
            Reason::GreaterOrEqual => write!(f, "{v} is greater than or equal to {c}"),
            Reason::SameMajor => write!(f, "{v} does not have same major version as {c}"),
            Reason::SameMajorMinor => {
                write!(f, "{v} does not have same major and minor version as {c}")
            }
            Reason::CaretMinorZeroMajor => write!(
                f,
                "{v} does not have same minor version as {c}. Expected minor versions to match when constraint major version is 0"
            ),
            Reason::CaretMinor => write!(f, "{v} does not have same minor version as {c}"),
            Reason::CaretPatch => write!(
                f,
                "{v} does not equal {c}. Expect version and constraint to equal when major and minor versions are 0"
            ),
        }
    }
}

impl std::error::Error for Violation {}

/// The pieces of one scanned comparison.
struct Atom<'a> {
    op: &'static str,
    /// The whole version text (`v1.2.x-beta+meta`).
    version: &'a str,
    major: &'a str,
    /// With their leading dot, empty when absent.
    minor: &'a str,
    patch: &'a str,
    /// With its leading `-`, empty when absent.
    pre: &'a str,
}

/// Non-empty dot separated identifiers from `start`; returns the end of the
/// last complete identifier (a trailing `.` is left unconsumed).
fn scan_identifiers(s: &[u8], start: usize) -> usize {
    let run = |mut i: usize| {
        while i < s.len() && is_ident_char(s[i]) {
            i += 1;
        }
        i
    };
    let mut end = run(start);
    if end == start {
        return start;
    }
    while end < s.len() && s[end] == b'.' {
        let next = run(end + 1);
        if next == end + 1 {
            break;
        }
        end = next;
    }
    end
}

/// Scans a constraint version at `start`; returns its end and parts, or `None`
/// if none starts there. Anything after it is left for the caller.
fn scan_version(text: &str, start: usize) -> Option<(usize, Atom<'_>)> {
    let s = text.as_bytes();
    let mut i = start;
    if s.get(i) == Some(&b'v') {
        i += 1;
    }
    let segment = |from: usize| {
        let mut j = from;
        while j < s.len() && is_segment_char(s[j]) {
            j += 1;
        }
        j
    };
    let major_start = i;
    i = segment(i);
    if i == major_start {
        return None;
    }
    let major = &text[major_start..i];
    let mut dotted = ["", ""];
    for slot in &mut dotted {
        if s.get(i) != Some(&b'.') {
            break;
        }
        let end = segment(i + 1);
        if end == i + 1 {
            return None;
        }
        *slot = &text[i..end];
        i = end;
    }
    let mut pre = "";
    if s.get(i) == Some(&b'-') {
        let end = scan_identifiers(s, i + 1);
        if end == i + 1 {
            return None;
        }
        pre = &text[i..end];
        i = end;
    }
    if s.get(i) == Some(&b'+') {
        let end = scan_identifiers(s, i + 1);
        if end == i + 1 {
            return None;
        }
        i = end;
    }
    Some((
        i,
        Atom {
            op: "",
            version: &text[start..i],
            major,
            minor: dotted[0],
            patch: dotted[1],
            pre,
        },
    ))
}

/// Scans one comparison (leading whitespace, operator, whitespace, version) at
/// `start`, trying the operators in Masterminds' order.
fn scan_atom(text: &str, start: usize) -> Option<(usize, Atom<'_>)> {
    let s = text.as_bytes();
    let mut i = start;
    while i < s.len() && is_space(s[i]) {
        i += 1;
    }
    for op in OPERATORS {
        if !text[i..].starts_with(op) {
            continue;
        }
        let mut j = i + op.len();
        while j < s.len() && is_space(s[j]) {
            j += 1;
        }
        if let Some((end, mut atom)) = scan_version(text, j) {
            atom.op = op;
            return Some((end, atom));
        }
    }
    None
}

/// Splits an AND group into comparisons separated by whitespace and/or one
/// comma; `None` if the group is malformed.
fn split_group(group: &str) -> Option<Vec<Atom<'_>>> {
    let s = group.as_bytes();
    let (mut rest, first) = scan_atom(group, 0)?;
    let mut atoms = vec![first];
    while rest < s.len() {
        let mut q = rest;
        while q < s.len() && is_space(s[q]) {
            q += 1;
        }
        if q == s.len() {
            break;
        }
        let (end, atom) = if s[q] == b',' {
            scan_atom(group, q + 1)?
        } else if q == rest {
            // Two comparisons directly adjacent.
            return None;
        } else {
            scan_atom(group, q)?
        };
        atoms.push(atom);
        rest = end;
    }
    Some(atoms)
}

fn is_wildcard(s: &str) -> bool {
    matches!(s, "x" | "X" | "*")
}

fn build_constraint(atom: &Atom<'_>) -> Result<Constraint, ConstraintError> {
    let minor = atom.minor.strip_prefix('.').unwrap_or("");
    let patch = atom.patch.strip_prefix('.').unwrap_or("");
    let (text, dirty, minor_dirty, patch_dirty) = if is_wildcard(atom.major) {
        (format!("0.0.0{}", atom.pre), true, false, false)
    } else if minor.is_empty() || is_wildcard(minor) {
        (format!("{}.0.0{}", atom.major, atom.pre), true, true, false)
    } else if patch.is_empty() || is_wildcard(patch) {
        (
            format!("{}{}.0{}", atom.major, atom.minor, atom.pre),
            true,
            false,
            true,
        )
    } else {
        (atom.version.to_string(), false, false, false)
    };
    let con = Version::parse(&text).map_err(|_| ConstraintError::Parser)?;
    Ok(Constraint {
        con,
        orig: atom.version.to_string(),
        op_text: atom.op,
        op: Op::from_text(atom.op),
        dirty,
        minor_dirty,
        patch_dirty,
    })
}

impl Constraints {
    /// Masterminds `NewConstraint`.
    pub fn parse(text: &str) -> Result<Constraints, ConstraintError> {
        if text.len() > MAX_CONSTRAINT_LEN {
            return Err(ConstraintError::TooLong);
        }
        let rewritten = rewrite_range(text);
        let alternatives: Vec<&str> = rewritten.split("||").collect();
        if alternatives.len() > MAX_CONSTRAINT_GROUPS {
            return Err(ConstraintError::TooManyGroups);
        }
        let mut groups = Vec::with_capacity(alternatives.len());
        for alt in alternatives {
            let atoms =
                split_group(alt).ok_or_else(|| ConstraintError::Improper(alt.to_string()))?;
            let constraints = atoms
                .iter()
                .map(build_constraint)
                .collect::<Result<Vec<_>, _>>()?;
            let has_prerelease = constraints.iter().any(|c| !c.con.prerelease().is_empty());
            groups.push(Group {
                constraints,
                has_prerelease,
            });
        }
        Ok(Constraints {
            groups,
            include_prerelease: false,
        })
    }

    /// Masterminds `Check`: whether some AND group accepts the version.
    pub fn check(&self, v: &Version) -> bool {
        self.groups.iter().any(|g| {
            let include_pre = self.include_prerelease || g.has_prerelease;
            g.constraints.iter().all(|c| c.test(v, include_pre).is_ok())
        })
    }

    /// Masterminds `Validate`: `Ok` if some group accepts the version,
    /// otherwise every reason collected over the groups (the prerelease reason
    /// at most once).
    pub fn validate(&self, v: &Version) -> Result<(), Vec<Violation>> {
        let mut violations = Vec::new();
        let mut prerelease_reported = false;
        let violation = |reason, c: &Constraint| Violation {
            reason,
            version: v.to_string(),
            constraint: c.orig.clone(),
        };
        for g in &self.groups {
            let include_pre = self.include_prerelease || g.has_prerelease;
            let mut satisfied = true;
            for c in &g.constraints {
                if !include_pre && !v.prerelease().is_empty() {
                    if !prerelease_reported {
                        violations.push(violation(Reason::Prerelease, c));
                        prerelease_reported = true;
                    }
                    satisfied = false;
                } else if let Err(reason) = c.test(v, include_pre) {
                    violations.push(violation(reason, c));
                    satisfied = false;
                }
            }
            if satisfied {
                return Ok(());
            }
        }
        Err(violations)
    }
}

impl std::str::FromStr for Constraints {
    type Err = ConstraintError;

    fn from_str(s: &str) -> Result<Constraints, ConstraintError> {
        Constraints::parse(s)
    }
}

impl fmt::Display for Constraints {
    /// Masterminds `String()`: operators and versions as written, AND groups
    /// space separated, alternatives joined by ` || `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, g) in self.groups.iter().enumerate() {
            if i > 0 {
                f.write_str(" || ")?;
            }
            for (j, c) in g.constraints.iter().enumerate() {
                if j > 0 {
                    f.write_str(" ")?;
                }
                write!(f, "{}{}", c.op_text, c.orig)?;
            }
        }
        Ok(())
    }
}

impl Constraint {
    /// One comparison; prereleases are rejected up front unless the group (or
    /// the caller) includes them.
    fn test(&self, v: &Version, include_pre: bool) -> Result<(), Reason> {
        if !v.prerelease().is_empty() && !include_pre {
            return Err(Reason::Prerelease);
        }
        match self.op {
            Op::NotEqual => self.not_equal(v),
            Op::Greater => self.greater(v),
            Op::Less => ok_if(
                v.compare(&self.con) == Ordering::Less,
                Reason::GreaterOrEqual,
            ),
            Op::GreaterEqual => ok_if(v.compare(&self.con) != Ordering::Less, Reason::LessThan),
            Op::LessEqual => self.less_equal(v),
            Op::Tilde => self.tilde(v),
            Op::TildeOrEqual if self.dirty => self.tilde(v),
            Op::TildeOrEqual => ok_if(*v == self.con, Reason::NotEqual),
            Op::Caret => self.caret(v),
        }
    }

    fn not_equal(&self, v: &Version) -> Result<(), Reason> {
        let con = &self.con;
        if self.dirty {
            if con.major() != v.major() {
                return Ok(());
            }
            if con.minor() != v.minor() && !self.minor_dirty {
                return Ok(());
            } else if self.minor_dirty {
                return Err(Reason::Equal);
            } else if con.patch() != v.patch() && !self.patch_dirty {
                return Ok(());
            } else if self.patch_dirty {
                let either_pre = !v.prerelease().is_empty() || !con.prerelease().is_empty();
                return ok_if(
                    either_pre
                        && compare_prerelease(v.prerelease(), con.prerelease()) != Ordering::Equal,
                    Reason::Equal,
                );
            }
        }
        ok_if(*v != *con, Reason::Equal)
    }

    fn greater(&self, v: &Version) -> Result<(), Reason> {
        let con = &self.con;
        if self.dirty {
            if v.major() > con.major() {
                return Ok(());
            } else if v.major() < con.major() || self.minor_dirty {
                // `>11` needs 12 or higher.
                return Err(Reason::LessOrEqual);
            } else if self.patch_dirty {
                // `>11.1` needs 11.2 or higher.
                return ok_if(v.minor() > con.minor(), Reason::LessOrEqual);
            }
        }
        ok_if(v.compare(con) == Ordering::Greater, Reason::LessOrEqual)
    }

    fn less_equal(&self, v: &Version) -> Result<(), Reason> {
        let con = &self.con;
        if !self.dirty {
            return ok_if(v.compare(con) != Ordering::Greater, Reason::Greater);
        }
        let above = v.major() > con.major()
            || (v.major() == con.major() && v.minor() > con.minor() && !self.minor_dirty);
        ok_if(!above, Reason::Greater)
    }

    // ~1.2.3 → >=1.2.3 <1.3.0; ~1.2 → <1.3.0; ~1 → <2.0.0; ~0.0.0 and ~* → any.
    fn tilde(&self, v: &Version) -> Result<(), Reason> {
        let con = &self.con;
        if v.compare(con) == Ordering::Less {
            return Err(Reason::LessThan);
        }
        if con.major() == 0
            && con.minor() == 0
            && con.patch() == 0
            && !self.minor_dirty
            && !self.patch_dirty
        {
            return Ok(());
        }
        if v.major() != con.major() {
            return Err(Reason::SameMajor);
        }
        ok_if(
            v.minor() == con.minor() || self.minor_dirty,
            Reason::SameMajorMinor,
        )
    }

    // ^1.2.3 → <2.0.0; ^0.2.3 → <0.3.0; ^0.0.3 → =0.0.3; ^0.0 → <0.1.0; ^0 → <1.0.0.
    fn caret(&self, v: &Version) -> Result<(), Reason> {
        let con = &self.con;
        if v.compare(con) == Ordering::Less {
            return Err(Reason::LessThan);
        }
        if con.major() > 0 || self.minor_dirty {
            return ok_if(v.major() == con.major(), Reason::SameMajor);
        }
        if v.major() > 0 {
            return Err(Reason::SameMajor);
        }
        if con.minor() > 0 || self.patch_dirty {
            return ok_if(v.minor() == con.minor(), Reason::CaretMinorZeroMajor);
        }
        if v.minor() > 0 {
            return Err(Reason::CaretMinor);
        }
        ok_if(con.patch() == v.patch(), Reason::CaretPatch)
    }
}

fn ok_if(cond: bool, reason: Reason) -> Result<(), Reason> {
    if cond { Ok(()) } else { Err(reason) }
}
