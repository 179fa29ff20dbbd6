//! A small JSON decoder with Go `encoding/json`'s results for decoding into
//! `interface{}`: objects become maps, arrays `[]interface{}`, numbers
//! `float64`. Only `--set-json` uses it; it stays private to `strvals` until
//! the crate has a shared JSON module.

use gotemplate::{List, Map, Value};

/// Go's `maxNestingDepth` in the JSON scanner.
const MAX_DEPTH: usize = 10000;

/// A syntax or conversion error, worded like Go's where it matters little:
/// Helm's `--set-json` error message does not include it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JsonError(pub(crate) String);

struct Decoder<'a> {
    s: &'a [u8],
    pos: usize,
}

/// A container being filled: an array's items, or an object and the key
/// whose value comes next.
enum Container {
    Array(Vec<Value>),
    Object(Map, String),
}

fn is_json_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Decodes the first JSON value of `text`, like one `json.Decoder.Decode`
/// call; returns it and the bytes consumed (leading whitespace included, the
/// byte after a number or literal not).
pub(crate) fn decode_prefix(text: &str) -> Result<(Value, usize), JsonError> {
    let mut d = Decoder {
        s: text.as_bytes(),
        pos: 0,
    };
    let v = d.value()?;
    Ok((v, d.pos))
}

/// Decodes a whole document (`json.Unmarshal`): only whitespace may follow.
pub(crate) fn decode_all(text: &str) -> Result<Value, JsonError> {
    let (v, end) = decode_prefix(text)?;
    let rest = &text.as_bytes()[end..];
    match rest.iter().position(|&b| !is_json_space(b)) {
        Some(i) => Err(JsonError(format!(
            "invalid character {} after top-level value",
            quote_byte(rest[i])
        ))),
        None => Ok(v),
    }
}

fn quote_byte(b: u8) -> String {
    match b {
        b'\'' => "'\\''".to_string(),
        b'"' => "'\"'".to_string(),
        0x20..=0x7e => format!("'{}'", b as char),
        _ => format!("'\\x{b:02x}'"),
    }
}

impl Decoder<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_json_space) {
            self.pos += 1;
        }
    }

    fn unexpected(&self, context: &str) -> JsonError {
        match self.peek() {
            None => JsonError("unexpected EOF".to_string()),
            Some(b) => JsonError(format!("invalid character {} {context}", quote_byte(b))),
        }
    }

    /// One value, containers included. Iterative, with an explicit stack of
    /// open containers, so deep nesting cannot exhaust the thread's stack.
    fn value(&mut self) -> Result<Value, JsonError> {
        let mut open: Vec<Container> = Vec::new();
        loop {
            self.skip_space();
            let mut done = match self.peek() {
                Some(c @ (b'{' | b'[')) => {
                    if open.len() >= MAX_DEPTH {
                        return Err(JsonError("exceeded max depth".to_string()));
                    }
                    self.pos += 1;
                    self.skip_space();
                    if c == b'[' {
                        if self.peek() == Some(b']') {
                            self.pos += 1;
                            Value::List(List::new(Vec::new()))
                        } else {
                            open.push(Container::Array(Vec::new()));
                            continue;
                        }
                    } else if self.peek() == Some(b'}') {
                        self.pos += 1;
                        Value::Map(Map::new())
                    } else {
                        let key = self.object_key()?;
                        open.push(Container::Object(Map::new(), key));
                        continue;
                    }
                }
                Some(b'"') => Value::from(self.string()?),
                Some(b't') => self.literal("true", Value::Bool(true))?,
                Some(b'f') => self.literal("false", Value::Bool(false))?,
                Some(b'n') => self.literal("null", Value::Nil)?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                _ => return Err(self.unexpected("looking for beginning of value")),
            };
            // Hand the finished value to the innermost open container; close
            // containers as their ends arrive.
            loop {
                let Some(top) = open.last_mut() else {
                    return Ok(done);
                };
                self.skip_space();
                let next = self.peek();
                self.pos += 1;
                match top {
                    Container::Array(items) => {
                        items.push(done);
                        match next {
                            Some(b',') => break,
                            Some(b']') => {}
                            _ => {
                                self.pos -= 1;
                                return Err(self.unexpected("after array element"));
                            }
                        }
                    }
                    Container::Object(map, key) => {
                        map.insert(std::mem::take(key), done);
                        match next {
                            Some(b',') => {
                                *key = self.object_key()?;
                                break;
                            }
                            Some(b'}') => {}
                            _ => {
                                self.pos -= 1;
                                return Err(self.unexpected("after object key:value pair"));
                            }
                        }
                    }
                }
                done = match open.pop() {
                    Some(Container::Array(items)) => Value::List(List::new(items)),
                    Some(Container::Object(map, _)) => Value::Map(map),
                    None => unreachable!("a container was just handled"),
                };
            }
        }
    }

    /// `"key" :` inside an object.
    fn object_key(&mut self) -> Result<String, JsonError> {
        self.skip_space();
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("looking for beginning of object key string"));
        }
        let key = self.string()?;
        self.skip_space();
        if self.peek() != Some(b':') {
            return Err(self.unexpected("after object key"));
        }
        self.pos += 1;
        Ok(key)
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, JsonError> {
        for expected in word.bytes() {
            if self.peek() != Some(expected) {
                return Err(self.unexpected(&format!("in literal {word}")));
            }
            self.pos += 1;
        }
        Ok(v)
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.unexpected("in numeric literal")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.unexpected("after decimal point in numeric literal"));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.unexpected("in exponent of numeric literal"));
            }
        }
        let text = std::str::from_utf8(&self.s[start..self.pos]).unwrap_or("0");
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => Err(JsonError(format!(
                "json: cannot unmarshal number {text} into Go value of type float64"
            ))),
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.s.get(at..at + 4)?;
        let text = std::str::from_utf8(digits).ok()?;
        if !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u32::from_str_radix(text, 16).ok()
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1; // opening quote
        let mut out = Vec::new();
        loop {
            let Some(b) = self.peek() else {
                return Err(JsonError("unexpected EOF".to_string()));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    self.pos += 1;
                    let Some(esc) = self.peek() else {
                        return Err(JsonError("unexpected EOF".to_string()));
                    };
                    self.pos += 1;
                    let simple = match esc {
                        b'"' => Some(b'"'),
                        b'\\' => Some(b'\\'),
                        b'/' => Some(b'/'),
                        b'b' => Some(0x08),
                        b'f' => Some(0x0c),
                        b'n' => Some(b'\n'),
                        b'r' => Some(b'\r'),
                        b't' => Some(b'\t'),
                        b'u' => None,
                        _ => {
                            self.pos -= 1;
                            return Err(self.unexpected("in string escape code"));
                        }
                    };
                    if let Some(c) = simple {
                        out.push(c);
                        continue;
                    }
                    let Some(unit) = self.hex4(self.pos) else {
                        return Err(self.unexpected("in \\u hexadecimal character escape"));
                    };
                    self.pos += 4;
                    let mut code = unit;
                    if (0xD800..0xE000).contains(&unit) {
                        // A valid pair is consumed whole; anything else is U+FFFD.
                        code = 0xFFFD;
                        if (0xD800..0xDC00).contains(&unit)
                            && self.s.get(self.pos..self.pos + 2) == Some(b"\\u")
                            && let Some(low) = self.hex4(self.pos + 2)
                            && (0xDC00..0xE000).contains(&low)
                        {
                            code = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                            self.pos += 6;
                        }
                    }
                    let c = char::from_u32(code).unwrap_or('\u{FFFD}');
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0x00..=0x1f => return Err(self.unexpected("in string literal")),
                _ => {
                    out.push(b);
                    self.pos += 1;
                }
            }
        }
        // The input is UTF-8 and escapes produce UTF-8, so this cannot fail.
        Ok(String::from_utf8_lossy(&out).into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_stops_after_the_value() {
        let (v, n) = decode_prefix(" 12,x").unwrap();
        assert!(matches!(v, Value::Float(f) if f == 12.0));
        assert_eq!(n, 3);
        assert_eq!(decode_prefix("01").unwrap().1, 1);
        assert_eq!(decode_prefix("[1, {\"a\":null}] tail").unwrap().1, 15);
        assert_eq!(decode_prefix("truex").unwrap().1, 4);
    }

    #[test]
    fn rejects_what_go_rejects() {
        for bad in [
            "",
            "tru",
            "-",
            "1.",
            "1e",
            "[1,]",
            "{\"a\" 1}",
            "\"a\nb\"",
            "\"\\x\"",
            "1e400",
        ] {
            assert!(decode_prefix(bad).is_err(), "{bad:?}");
        }
        assert!(decode_all("{} x").is_err());
    }

    #[test]
    fn surrogates_follow_go() {
        let s = |t: &str| match decode_prefix(t).unwrap().0 {
            Value::String(s) => s.to_string(),
            v => panic!("{v:?}"),
        };
        assert_eq!(s(r#""\ud83d\ude00""#), "\u{1F600}");
        assert_eq!(s(r#""\ud83dx""#), "\u{FFFD}x");
        assert_eq!(s(r#""\ude00\u0041""#), "\u{FFFD}A");
    }
}
