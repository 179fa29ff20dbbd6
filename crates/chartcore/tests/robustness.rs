//! Arbitrary input must give a result or an error, never a panic.

use chartcore::ignore::{Rules, go_match};
use chartcore::semver::{Constraints, Version};
use chartcore::strvals::{Mode, parse};

/// A small deterministic generator (xorshift) of strings over an alphabet
/// rich in each parser's special characters.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn string(&mut self, alphabet: &[&str], max_len: u64) -> String {
        let len = self.next() % (max_len + 1);
        (0..len)
            .map(|_| alphabet[(self.next() % alphabet.len() as u64) as usize])
            .collect()
    }
}

const SEMVER: &[&str] = &[
    "0", "1", "2", "9", ".", "-", "+", "x", "X", "*", "|", "||", " ", ",", "v", "~", "^", ">", "<",
    "=", "!", "a", "é", "\t", "01", " - ",
];
const GLOB: &[&str] = &[
    "*", "?", "[", "]", "^", "-", "\\", "/", "a", "b", "é", "!", "#", ".", " ", "\n", "\r",
];
const SETS: &[&str] = &[
    "a", "b", "0", "1", "=", ",", ".", "[", "]", "{", "}", "\\", "\"", " ", "-", "null", "é", ":",
    "true", "e",
];

#[test]
fn semver_never_panics() {
    let mut g = Gen(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let c = g.string(SEMVER, 24);
        let v = g.string(SEMVER, 12);
        let version = Version::parse(&v);
        let _ = Version::parse_strict(&v);
        if let (Ok(c), Ok(v)) = (Constraints::parse(&c), version) {
            let _ = c.check(&v);
            let _ = c.validate(&v);
            let _ = c.to_string();
        }
    }
}

#[test]
fn ignore_never_panics() {
    let mut g = Gen(0xD1B5_4A32_D192_ED03);
    for _ in 0..20_000 {
        let pattern = g.string(GLOB, 12);
        let name = g.string(GLOB, 12);
        let _ = go_match(&pattern, &name);
        if let Ok(rules) = Rules::parse(&pattern) {
            let _ = rules.ignore(&name, g.next().is_multiple_of(2));
        }
    }
}

#[test]
fn strvals_never_panics() {
    let mut g = Gen(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let line = g.string(SETS, 20);
        let _ = parse(&line, Mode::Set);
        let _ = parse(&line, Mode::SetLiteral);
        let _ = parse(&line, Mode::SetJson);
        let mut read = |p: &str| Ok::<_, String>(p.to_string());
        let _ = parse(&line, Mode::SetFile(&mut read));
    }
}
