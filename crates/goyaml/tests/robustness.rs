//! The scanner and parser never panic and always stop, whatever the input.

use goyaml::{Parser, Scanner};

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const PIECES: &[&str] = &[
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    ":",
    ": ",
    "- ",
    "-",
    "?",
    "? ",
    ",",
    "[",
    "]",
    "{",
    "}",
    "#",
    "&a",
    "*a",
    "&",
    "*",
    "!",
    "!!str",
    "!<x>",
    "!a!",
    "%YAML 1.1",
    "%TAG ! x",
    "---",
    "...",
    "|",
    ">",
    "|-",
    ">+2",
    "'",
    "''",
    "\"",
    "\\",
    "\\n",
    "\\x4",
    "\\u12",
    "a",
    "key",
    "value",
    "0",
    "1.5",
    "é",
    "😀",
    "\u{85}",
    "\u{2028}",
    "\u{feff}",
    "\u{1}",
    "\u{7f}",
    "\u{fffe}",
    "%",
    "@",
    "`",
];

/// A piece long enough to cross go-yaml's 512-byte reader batches.
const LONG: &str = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";

fn random_input(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(40) {
        if rng.below(20) == 0 {
            s.push_str(LONG);
        } else {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
    }
    s
}

#[test]
fn random_inputs_end_in_events_or_an_error() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let input = random_input(&mut rng);
        let mut events = 0;
        let mut errors = 0;
        for event in Parser::new(&input) {
            match event {
                Ok(_) => events += 1,
                Err(_) => errors += 1,
            }
            assert!(events < 10 * input.len() + 10, "{input:?} does not stop");
        }
        assert!(errors <= 1, "{input:?}");
        let tokens = Scanner::new(&input).take(10 * input.len() + 10).count();
        assert!(tokens < 10 * input.len() + 10, "{input:?} does not stop");
    }
}

#[test]
fn deep_nesting_is_capped_without_recursion() {
    let deep = "[".repeat(200_000);
    let err = Parser::new(&deep).find_map(Result::err).expect("too deep");
    assert_eq!(err.to_string(), "yaml: exceeded max depth of 10000");
    let deep = "- ".repeat(200_000);
    let err = Parser::new(&deep).find_map(Result::err).expect("too deep");
    assert_eq!(err.to_string(), "yaml: exceeded max depth of 10000");
}
