//! Sprig's random functions: `randAlphaNum`, `randAlpha`, `randAscii`,
//! `randNumeric`, `randBytes`, `randInt`, `shuffle`, `uuidv4`.
//!
//! Sprig draws from Go's `crypto/rand` (goutils' random strings, `randBytes`,
//! `uuidv4`) and `math/rand` (`randInt`, `shuffle`); both are served here by
//! the operating system's generator. Outputs are random, so only their
//! shape can be tested.

use gotemplate::{FuncError, FuncMap, GoType, Value};

use super::encoding::base64_encode;
use super::{def, i, s};

const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const DIGITS: &[u8] = b"0123456789";

pub(super) fn register(m: &mut FuncMap) {
    let alnum: Vec<u8> = [LETTERS, DIGITS].concat();
    let ascii: Vec<u8> = (b' '..=b'~').collect();
    for (name, alphabet) in [
        ("randAlphaNum", alnum),
        ("randAlpha", LETTERS.to_vec()),
        ("randAscii", ascii),
        ("randNumeric", DIGITS.to_vec()),
    ] {
        def(m, name, &[GoType::Int], move |a| {
            Ok(Value::str(random_string(i(&a[0]), &alphabet)?))
        });
    }
    def(m, "randBytes", &[GoType::Int], |a| {
        let count = usize::try_from(i(&a[0]))
            .map_err(|_| FuncError::msg("runtime error: makeslice: len out of range"))?;
        check_size(count)?;
        let mut buf = vec![0u8; count];
        fill(&mut buf)?;
        Ok(Value::str(base64_encode(&buf)))
    });
    def(m, "randInt", &[GoType::Int, GoType::Int], |a| {
        let (min, max) = (i(&a[0]), i(&a[1]));
        let n = max.wrapping_sub(min);
        if n <= 0 {
            return Err(FuncError::msg("invalid argument to Intn"));
        }
        Ok(Value::Int((below(n as u64)? as i64).wrapping_add(min)))
    });
    def(m, "shuffle", &[GoType::String], |a| {
        Ok(Value::str(shuffle(s(&a[0]))?))
    });
    def(m, "uuidv4", &[], |_| Ok(Value::str(uuid_v4()?)));
}

fn fill(buf: &mut [u8]) -> Result<(), FuncError> {
    getrandom::fill(buf).map_err(|e| FuncError::msg(format!("crypto/rand: {e}")))
}

/// Refuses results Go could only build with gigabytes of memory.
fn check_size(count: usize) -> Result<(), FuncError> {
    if count > 1 << 30 {
        return Err(FuncError::msg(format!(
            "runtime: out of memory: {count} random bytes"
        )));
    }
    Ok(())
}

/// A uniform random number in `0..n` (`n > 0`), by rejection sampling.
fn below(n: u64) -> Result<u64, FuncError> {
    let zone = u64::MAX - u64::MAX % n;
    loop {
        let mut b = [0u8; 8];
        fill(&mut b)?;
        let v = u64::from_le_bytes(b);
        if v < zone {
            return Ok(v % n);
        }
    }
}

/// goutils' `CryptoRandom*`: `count` runes drawn uniformly from `alphabet`;
/// a negative count is an error that Sprig turns into "".
fn random_string(count: i64, alphabet: &[u8]) -> Result<String, FuncError> {
    let Ok(count) = usize::try_from(count) else {
        return Ok(String::new());
    };
    check_size(count)?;
    let mut out = String::with_capacity(count);
    for _ in 0..count {
        out.push(char::from(alphabet[below(alphabet.len() as u64)? as usize]));
    }
    Ok(out)
}

/// `xstrings.Shuffle`: a Fisher-Yates shuffle of the runes.
fn shuffle(s: &str) -> Result<String, FuncError> {
    let mut runes: Vec<char> = s.chars().collect();
    for i in (1..runes.len()).rev() {
        let j = below(i as u64 + 1)? as usize;
        runes.swap(i, j);
    }
    Ok(runes.into_iter().collect())
}

/// `uuid.New().String()`: a random (version 4, RFC 4122 variant) UUID.
fn uuid_v4() -> Result<String, FuncError> {
    let mut b = [0u8; 16];
    fill(&mut b)?;
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funcs::encoding::base64_decode;

    fn call(name: &str, args: Vec<Value>) -> Result<Value, FuncError> {
        let mut m = FuncMap::new();
        register(&mut m);
        let f = m.get(name).unwrap().clone();
        struct NoContext(gotemplate::Extensions);
        impl gotemplate::CallContext for NoContext {
            fn execute_template(&mut self, _: &str, _: Value) -> Result<String, gotemplate::Error> {
                unreachable!("random functions do not execute templates")
            }
            fn execute_source(
                &mut self,
                _: &str,
                _: &str,
                _: Value,
            ) -> Result<String, gotemplate::Error> {
                unreachable!("random functions do not execute templates")
            }
            fn template_name(&self) -> &str {
                "test"
            }
            fn extensions(&mut self) -> &mut gotemplate::Extensions {
                &mut self.0
            }
        }
        (f.body)(&mut NoContext(Default::default()), args)
    }

    fn string(name: &str, args: Vec<Value>) -> String {
        call(name, args).unwrap().as_str().unwrap().to_string()
    }

    #[test]
    fn random_strings_have_the_length_and_alphabet() {
        type Allowed = fn(char) -> bool;
        let checks: [(&str, Allowed); 4] = [
            ("randAlphaNum", |c| c.is_ascii_alphanumeric()),
            ("randAlpha", |c| c.is_ascii_alphabetic()),
            ("randNumeric", |c| c.is_ascii_digit()),
            ("randAscii", |c| (' '..='~').contains(&c)),
        ];
        for (name, allowed) in checks {
            for n in [0, 1, 7, 200] {
                let out = string(name, vec![Value::Int(n)]);
                assert_eq!(out.len(), n as usize, "{name} {n}");
                assert!(out.chars().all(allowed), "{name}: {out:?}");
            }
            assert_eq!(string(name, vec![Value::Int(-1)]), "", "{name}");
        }
        // With 200 draws from 62 symbols, every class shows up.
        let long = string("randAlphaNum", vec![Value::Int(2000)]);
        assert!(long.chars().any(|c| c.is_ascii_digit()));
        assert!(long.chars().any(|c| c.is_ascii_uppercase()));
        assert!(long.chars().any(|c| c.is_ascii_lowercase()));
    }

    #[test]
    fn rand_bytes_is_base64_of_n_bytes() {
        for n in [0usize, 1, 2, 3, 16, 33] {
            let out = string("randBytes", vec![Value::Int(n as i64)]);
            assert_eq!(base64_decode(out.as_bytes()).unwrap().len(), n);
        }
        let err = call("randBytes", vec![Value::Int(-1)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "runtime error: makeslice: len out of range"
        );
    }

    #[test]
    fn rand_int_stays_in_range() {
        for _ in 0..200 {
            let v = call("randInt", vec![Value::Int(-3), Value::Int(4)]).unwrap();
            assert!((-3..4).contains(&v.as_int().unwrap()));
        }
        assert_eq!(
            call("randInt", vec![Value::Int(5), Value::Int(6)])
                .unwrap()
                .as_int(),
            Some(5)
        );
        let err = call("randInt", vec![Value::Int(5), Value::Int(5)]).unwrap_err();
        assert_eq!(err.to_string(), "invalid argument to Intn");
    }

    #[test]
    fn shuffle_permutes_runes() {
        let input = "héllo wörld";
        let out = string("shuffle", vec![Value::str(input)]);
        let mut a: Vec<char> = input.chars().collect();
        let mut b: Vec<char> = out.chars().collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        assert_eq!(string("shuffle", vec![Value::str("")]), "");
    }

    #[test]
    fn uuids_are_version_4() {
        let a = string("uuidv4", vec![]);
        let b = string("uuidv4", vec![]);
        assert_ne!(a, b);
        for u in [a, b] {
            let parts: Vec<&str> = u.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(
                u.chars()
                    .all(|c| c == '-' || c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
            );
            assert!(parts[2].starts_with('4'));
            assert!(matches!(parts[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'));
        }
    }
}
