//! `chartcore::semver` against expectations produced by the reference helm
//! (testdata/semver/*.tsv, see scripts/gen_semver_expectations.py).

mod common;

use chartcore::semver::{Constraints, Version};

/// What Sprig's `semverCompare` yields: the constraint is parsed first.
fn semver_compare(constraint: &str, version: &str) -> String {
    let c = match Constraints::parse(constraint) {
        Ok(c) => c,
        Err(e) => return format!("error: {e}"),
    };
    match Version::parse(version) {
        Ok(v) => c.check(&v).to_string(),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn semver_compare_matches_helm() {
    let rows = common::read_table("semver/check.tsv");
    assert!(rows.len() > 400);
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let got = semver_compare(&f[0], &f[1]);
        if got != f[2] {
            failures.push(format!(
                "line {line}: semverCompare {:?} {:?}: got {got:?}, helm {:?}",
                f[0], f[1], f[2]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn semver_parse_matches_helm() {
    let rows = common::read_table("semver/version.tsv");
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let got = match Version::parse(&f[0]) {
            Ok(v) => format!(
                "ok: {v}|{}|{}|{}|{}|{}|{}",
                v.original(),
                v.major(),
                v.minor(),
                v.patch(),
                v.prerelease(),
                v.metadata()
            ),
            Err(e) => format!("error: {e}"),
        };
        if got != f[1] {
            failures.push(format!(
                "line {line}: semver {:?}: got {got:?}, helm {:?}",
                f[0], f[1]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn compare_matches_helm() {
    let rows = common::read_table("semver/compare.tsv");
    let mut failures = Vec::new();
    for (line, f) in &rows {
        let a = Version::parse(&f[0]).unwrap();
        let b = Version::parse(&f[1]).unwrap();
        let got = (a.compare(&b) as i8).to_string();
        if got != f[2] {
            failures.push(format!(
                "line {line}: {:?} vs {:?}: got {got}, helm {}",
                f[0], f[1], f[2]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// The following are not observable through helm templates; their cases and
// expectations come from Masterminds/semver's own tables (version_test.go,
// constraints_test.go) with the v3.5 message format (`%q` quoting).

#[test]
fn strict_parse_follows_masterminds_tables() {
    let cases: &[(&str, Result<&str, &str>)] = &[
        ("1.2.3", Ok("1.2.3")),
        ("1.2.3-alpha.01", Err("version segment starts with 0")),
        ("1.2.3+test.01", Ok("1.2.3+test.01")),
        ("1.2.3-alpha.-1", Ok("1.2.3-alpha.-1")),
        ("v1.2.3", Err("invalid characters in version")),
        ("1.0", Err("invalid semantic version")),
        ("v1.0", Err("invalid semantic version")),
        ("1", Err("invalid semantic version")),
        ("1.2.beta", Err("invalid characters in version")),
        ("1.2-5", Err("invalid semantic version")),
        ("1.2-beta.5", Err("invalid characters in version")),
        ("\n1.2", Err("invalid semantic version")),
        ("1.2.0-x.Y.0+metadata", Ok("1.2.0-x.Y.0+metadata")),
        (
            "v1.2.0-x.Y.0+metadata",
            Err("invalid characters in version"),
        ),
        (
            "1.2.0-x.Y.0+metadata-width-hypen",
            Ok("1.2.0-x.Y.0+metadata-width-hypen"),
        ),
        ("1.2.3-rc1-with-hypen", Ok("1.2.3-rc1-with-hypen")),
        ("1.2.3.4", Err("invalid characters in version")),
        ("1.2.2147483648", Ok("1.2.2147483648")),
        ("2147483648.3.0", Ok("2147483648.3.0")),
        (
            "20221209-update-renovatejson-v4",
            Err("invalid semantic version"),
        ),
        ("1.1.2+.123", Err("invalid metadata string")),
        ("1.0.0-alpha_beta", Err("invalid prerelease string")),
        ("1.0.0-alpha..", Err("invalid prerelease string")),
        ("01.1.1", Err("version segment starts with 0")),
        ("1.01.1", Err("version segment starts with 0")),
        ("1.1.01", Err("version segment starts with 0")),
        ("9.8.7+meta+meta", Err("invalid metadata string")),
        (
            "1.2.31----RC-SNAPSHOT.12.09.1--.12+788",
            Err("version segment starts with 0"),
        ),
        ("1.2.3-0123.0123", Err("version segment starts with 0")),
        ("+invalid", Err("invalid semantic version")),
        ("alpha+beta", Err("invalid semantic version")),
        ("", Err("version string empty")),
        (
            "1..2",
            Err("strconv.ParseUint: parsing \"\": invalid syntax"),
        ),
        (
            "1.2.99999999999999999999",
            Err("strconv.ParseUint: parsing \"99999999999999999999\": value out of range"),
        ),
    ];
    for (input, want) in cases {
        let got = Version::parse_strict(input)
            .map(|v| v.to_string())
            .map_err(|e| e.to_string());
        assert_eq!(
            got.as_ref().map(String::as_str).map_err(String::as_str),
            *want,
            "StrictNewVersion({input:?})"
        );
    }
}

#[test]
fn validate_messages_follow_masterminds_tables() {
    let first_message = |c: &str, v: &str, include_pre: bool| {
        let mut c = Constraints::parse(c).unwrap();
        c.include_prerelease = include_pre;
        let v = Version::parse_strict(v).unwrap();
        c.validate(&v).unwrap_err()[0].to_string()
    };
    let cases = [
        ("2.x", "1.2.3", r#""1.2.3" is less than "2.x""#),
        ("2", "1.2.3", r#""1.2.3" is less than "2""#),
        ("= 2.0", "1.2.3", r#""1.2.3" is less than "2.0""#),
        ("!=4.1", "4.1.0", r#""4.1.0" is equal to "4.1""#),
        ("!=4.x", "4.1.0", r#""4.1.0" is equal to "4.x""#),
        ("!=4.2.x", "4.2.3", r#""4.2.3" is equal to "4.2.x""#),
        (">1.1", "1.1.0", r#""1.1.0" is less than or equal to "1.1""#),
        (
            "<1.1",
            "1.1.0",
            r#""1.1.0" is greater than or equal to "1.1""#,
        ),
        (
            "<1.x",
            "2.1.1",
            r#""2.1.1" is greater than or equal to "1.x""#,
        ),
        (">=1.1", "0.0.9", r#""0.0.9" is less than "1.1""#),
        ("<=2.x", "3.1.0", r#""3.1.0" is greater than "2.x""#),
        ("<=1.1.x", "1.2.500", r#""1.2.500" is greater than "1.1.x""#),
        (
            ">1.1, <3",
            "4.3.2",
            r#""4.3.2" is greater than or equal to "3""#,
        ),
        (
            ">=1.1, <2, !=1.2.3",
            "1.2.3",
            r#""1.2.3" is equal to "1.2.3""#,
        ),
        (
            ">=1.1, <2, !=1.2.3 || > 3",
            "3.0.0",
            r#""3.0.0" is greater than or equal to "2""#,
        ),
        ("1.1 - 3", "4.3.2", r#""4.3.2" is greater than "3""#),
        (
            "^1.1",
            "4.3.2",
            r#""4.3.2" does not have same major version as "1.1""#,
        ),
        ("^1.12.7", "1.6.6", r#""1.6.6" is less than "1.12.7""#),
        (
            "^0.2",
            "0.3.0",
            r#""0.3.0" does not have same minor version as "0.2". Expected minor versions to match when constraint major version is 0"#,
        ),
        (
            "^0.0.3",
            "0.1.1",
            r#""0.1.1" does not have same minor version as "0.0.3""#,
        ),
        (
            "^0.0.3",
            "0.0.4",
            r#""0.0.4" does not equal "0.0.3". Expect version and constraint to equal when major and minor versions are 0"#,
        ),
        (
            "~1.2.3",
            "1.3.2",
            r#""1.3.2" does not have same major and minor version as "1.2.3""#,
        ),
        (
            "~1.3",
            "2.4.5",
            r#""2.4.5" does not have same major version as "1.3""#,
        ),
        (
            "> 1.2.3",
            "1.2.3-beta.1",
            r#""1.2.3-beta.1" is a prerelease version and the constraint is only looking for release versions"#,
        ),
        ("=1.2.3", "1.2.4", r#""1.2.4" is not equal to "1.2.3""#),
    ];
    for (c, v, want) in cases {
        assert_eq!(first_message(c, v, false), want, "{c:?} {v:?}");
    }
    // With prereleases included the comparison itself reports.
    assert_eq!(
        first_message("> 1.2.3", "1.2.3-beta.1", true),
        r#""1.2.3-beta.1" is less than or equal to "1.2.3""#
    );
    assert_eq!(
        first_message("<= 1.2.3", "1.2.4-beta.1", true),
        r#""1.2.4-beta.1" is greater than "1.2.3""#
    );

    // Every failing comparison of the group is reported.
    let c = Constraints::parse("!= 1.2.5, ^2, <= 1.1.x").unwrap();
    let all: Vec<String> = c
        .validate(&Version::parse("1.2.3").unwrap())
        .unwrap_err()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        all,
        [
            r#""1.2.3" is less than "2""#,
            r#""1.2.3" is greater than "1.1.x""#
        ]
    );
    assert!(c.validate(&Version::parse("0.0.1").unwrap()).is_err());
    assert!(
        Constraints::parse("^1")
            .unwrap()
            .validate(&Version::parse("1.9.0").unwrap())
            .is_ok()
    );
}

#[test]
fn include_prerelease_opens_every_group() {
    let cases = [
        (">=1.1", "4.1.0-beta", true),
        ("<=1.1", "0.1.0-alpha", true),
        ("^1.x", "1.1.1-beta1", true),
        ("*", "1.2.3-alpha", true),
        ("= 2.0", "2.0.1-beta", true),
        ("~1.1.1-beta", "1.1.1-alpha", false),
        ("^1.1.1-beta", "1.1.1-alpha", false),
    ];
    for (c, v, want) in cases {
        let mut cs = Constraints::parse(c).unwrap();
        let v = Version::parse(v).unwrap();
        cs.include_prerelease = true;
        assert_eq!(cs.check(&v), want, "{c} {v}");
    }
}

#[test]
fn display_and_helpers() {
    let c = Constraints::parse(">= 1.2.3, < 2.0 || ~v3.x   !=3.1.4").unwrap();
    assert_eq!(c.to_string(), ">=1.2.3 <2.0 || ~v3.x !=3.1.4");
    assert_eq!(Constraints::parse("1 - 2").unwrap().to_string(), ">=1 <=2");
    assert_eq!(
        Version::new(1, 2, 3, "alpha.1", "foo.bar").to_string(),
        "1.2.3-alpha.1+foo.bar"
    );
    let v = Version::parse("v1.2.3-rc.1+b").unwrap();
    assert_eq!(v.inc_patch().unwrap().original(), "v1.2.3");
    assert_eq!(v.inc_minor().unwrap().to_string(), "1.3.0");
    assert_eq!(v.inc_major().unwrap().original(), "v2.0.0");
    assert_eq!(
        Version::parse("1.2.3")
            .unwrap()
            .inc_patch()
            .unwrap()
            .to_string(),
        "1.2.4"
    );
    let max = Version::parse("18446744073709551615.0.0").unwrap();
    assert_eq!(
        max.inc_major().unwrap_err().to_string(),
        "major version increment would overflow uint64"
    );
    assert_eq!(Version::parse("1.0.0+a"), Version::parse("1.0.0+b"));
    assert!(Version::parse("1.0.0-rc.1").unwrap() < Version::parse("1.0.0").unwrap());
}
