//! JSON as Go's `encoding/json` (Go 1.27, Helm v4.3.1's toolchain) reads
//! and writes it over template values: sorted keys, HTML escaping, Go's float
//! text, and Go's error messages.

use base64::Engine;
use gotemplate::strconv::{append_float, quote};
use gotemplate::{List, Map, Str, Value};

/// A JSON read or write failure with Go's message text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct JsonError {
    /// What went wrong.
    pub kind: JsonErrorKind,
    /// Go's message.
    pub message: String,
    /// Byte offset in the input where a syntax error was found.
    pub offset: Option<usize>,
}

/// The kinds of [`JsonError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// Not JSON (`invalid character 'b' looking for beginning of value`).
    Syntax,
    /// Valid JSON that does not fit the target (`json: cannot unmarshal ...`).
    Type,
    /// A value JSON cannot represent (`json: unsupported value: NaN`).
    Unsupported,
}

impl JsonError {
    fn syntax(message: impl Into<String>, offset: usize) -> JsonError {
        JsonError {
            kind: JsonErrorKind::Syntax,
            message: message.into(),
            offset: Some(offset),
        }
    }

    fn type_error(message: String) -> JsonError {
        JsonError {
            kind: JsonErrorKind::Type,
            message,
            offset: None,
        }
    }
}

// --- writing ---------------------------------------------------------------

/// Go's `json.Marshal` (`indent` = `None`) or `json.MarshalIndent(v, "", indent)`.
/// `escape_html` = false is an `Encoder` with `SetEscapeHTML(false)` (Helm's
/// `toRawJson`, whose trailing newline Helm trims).
pub fn to_json(v: &Value, escape_html: bool, indent: Option<&str>) -> Result<String, JsonError> {
    check_marshal(v)?;
    let mut w = Writer {
        out: String::new(),
        escape_html,
        indent,
        depth: 0,
    };
    w.value(v);
    Ok(w.out)
}

/// The error `json.Marshal` would return for `v`: the first NaN or
/// infinity in its traversal order (map keys sorted).
pub(crate) fn check_marshal(v: &Value) -> Result<(), JsonError> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match v {
        Value::Float(f) if !f.is_finite() => Err(JsonError {
            kind: JsonErrorKind::Unsupported,
            message: format!(
                "json: unsupported value: {}",
                gotemplate::strconv::format_float(*f, b'g', -1, 64)
            ),
            offset: None,
        }),
        Value::List(l) => l.iter().try_for_each(check_marshal),
        Value::Map(m) => m.read().values().try_for_each(check_marshal),
        Value::Object(o) => check_marshal(&o.to_data()),
        _ => Ok(()),
    })
}

/// A float64 as `encoding/json` writes it: `'f'` format for
/// 1e-6 <= |f| < 1e21 (and 0), else `'e'` with a one-digit negative exponent
/// where possible (`1e-07` → `1e-7`).
pub fn format_float(f: f64) -> String {
    let abs = f.abs();
    let exp_form = abs != 0.0 && !(1e-6..1e21).contains(&abs);
    let mut s = String::new();
    append_float(&mut s, f, if exp_form { b'e' } else { b'f' }, -1, 64);
    if exp_form {
        let b = s.as_bytes();
        let n = b.len();
        if n >= 4 && b[n - 4] == b'e' && b[n - 3] == b'-' && b[n - 2] == b'0' {
            s.remove(n - 2);
        }
    }
    s
}

struct Writer<'a> {
    out: String,
    escape_html: bool,
    indent: Option<&'a str>,
    depth: usize,
}

impl Writer<'_> {
    fn newline(&mut self) {
        if let Some(ind) = self.indent {
            self.out.push('\n');
            for _ in 0..self.depth {
                self.out.push_str(ind);
            }
        }
    }

    fn value(&mut self, v: &Value) {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match v {
            Value::Nil => self.out.push_str("null"),
            Value::Bool(b) => self.out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) | Value::Int64(i) => self.out.push_str(&i.to_string()),
            Value::Float(f) => self.out.push_str(&format_float(*f)),
            Value::String(s) => self.string(s),
            Value::Bytes(b) => {
                let enc = base64::engine::general_purpose::STANDARD.encode(b);
                self.string(&enc);
            }
            Value::List(l) => self.list(l.items()),
            Value::Map(m) => {
                let entries = m.entries();
                self.object(&entries);
            }
            Value::Object(o) => self.value(&o.to_data()),
        })
    }

    fn list(&mut self, items: &[Value]) {
        if items.is_empty() {
            self.out.push_str("[]");
            return;
        }
        self.out.push('[');
        self.depth += 1;
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline();
            self.value(item);
        }
        self.depth -= 1;
        self.newline();
        self.out.push(']');
    }

    fn object(&mut self, entries: &[(Str, Value)]) {
        if entries.is_empty() {
            self.out.push_str("{}");
            return;
        }
        self.out.push('{');
        self.depth += 1;
        for (i, (k, v)) in entries.iter().enumerate() {
            if i > 0 {
                self.out.push(',');
            }
            self.newline();
            self.string(k);
            self.out.push(':');
            if self.indent.is_some() {
                self.out.push(' ');
            }
            self.value(v);
        }
        self.depth -= 1;
        self.newline();
        self.out.push('}');
    }

    fn string(&mut self, s: &str) {
        self.out.push('"');
        for c in s.chars() {
            match c {
                '"' => self.out.push_str("\\\""),
                '\\' => self.out.push_str("\\\\"),
                '\n' => self.out.push_str("\\n"),
                '\r' => self.out.push_str("\\r"),
                '\t' => self.out.push_str("\\t"),
                '\u{8}' => self.out.push_str("\\b"),
                '\u{c}' => self.out.push_str("\\f"),
                '<' | '>' | '&' if self.escape_html => {
                    self.out.push_str(&format!("\\u{:04x}", c as u32));
                }
                '\u{2028}' | '\u{2029}' => self.out.push_str(&format!("\\u{:04x}", c as u32)),
                c if (c as u32) < 0x20 => self.out.push_str(&format!("\\u{:04x}", c as u32)),
                c => self.out.push(c),
            }
        }
        self.out.push('"');
    }
}

// --- reading ---------------------------------------------------------------

/// Go's limit on nesting (`maxNestingDepth`).
const MAX_DEPTH: usize = 10_000;

/// Go's `json.Unmarshal` into `interface{}`: objects → maps, arrays → lists,
/// numbers → float64; `null` → nil.
pub fn from_json(src: &str) -> Result<Value, JsonError> {
    let (v, _, type_error) = read(src)?;
    match type_error {
        Some(e) => Err(e),
        None => Ok(v),
    }
}

/// [`from_json`] into a `map[string]interface{}`: `None` for `null` (Go
/// leaves a nil map), a type error for any other non-object.
pub fn from_json_map(src: &str) -> Result<Option<Map>, JsonError> {
    let (v, top, type_error) = read(src)?;
    if top != b'{' && top != b'n' {
        return Err(target_error(top, "map[string]interface {}"));
    }
    if let Some(e) = type_error {
        return Err(e);
    }
    Ok(match v {
        Value::Map(m) => Some(m),
        _ => None,
    })
}

/// Go's `json.Unmarshal(src, &m)` for a `map[string]interface{}` `m`, as
/// Helm's `fromJson` uses it: on a type error deeper in the input (a number
/// too large for a float64) Go still fills the map, with zero in place of
/// that number, and returns the error too.
pub fn unmarshal_map(src: &str) -> (Option<Map>, Option<JsonError>) {
    let (v, top, type_error) = match read(src) {
        Ok(read) => read,
        Err(e) => return (None, Some(e)),
    };
    if top != b'{' && top != b'n' {
        return (None, Some(target_error(top, "map[string]interface {}")));
    }
    match v {
        Value::Map(m) => (Some(m), type_error),
        _ => (None, type_error),
    }
}

/// [`from_json`] into a `[]interface{}`: `None` for `null`, a type error
/// for any other non-array.
pub fn from_json_list(src: &str) -> Result<Option<List>, JsonError> {
    let (v, top, type_error) = read(src)?;
    if top != b'[' && top != b'n' {
        return Err(target_error(top, "[]interface {}"));
    }
    if let Some(e) = type_error {
        return Err(e);
    }
    Ok(match v {
        Value::List(l) => Some(l),
        _ => None,
    })
}

/// Checks and decodes the whole input: the value, the first byte of the
/// top-level value (its JSON kind) and the first number that does not fit
/// a float64 (reported only once the syntax is known to be valid).
fn read(src: &str) -> Result<(Value, u8, Option<JsonError>), JsonError> {
    let mut p = Reader {
        src: src.as_bytes(),
        text: src,
        pos: 0,
        depth: 0,
        path: Vec::new(),
        type_error: None,
        top_object: false,
    };
    p.skip_ws();
    let Some(top) = p.peek() else {
        return Err(p.eof());
    };
    p.top_object = top == b'{';
    let v = p.value()?;
    p.skip_ws();
    if p.pos < p.src.len() {
        return Err(p.invalid("after top-level value"));
    }
    Ok((v, top, p.type_error))
}

/// `json: cannot unmarshal <kind> into Go value of type <target>`, with the
/// kind told by the first byte of the value.
fn target_error(top: u8, target: &str) -> JsonError {
    let kind = match top {
        b't' | b'f' => "bool",
        b'"' => "string",
        b'[' => "array",
        b'{' => "object",
        _ => "number",
    };
    JsonError::type_error(format!(
        "json: cannot unmarshal {kind} into Go value of type {target}"
    ))
}

struct Reader<'a> {
    src: &'a [u8],
    text: &'a str,
    pos: usize,
    depth: usize,
    /// Where the decoder is (object keys and array indexes), for type errors.
    path: Vec<String>,
    /// The first type error; Go reports it after checking the whole input.
    type_error: Option<JsonError>,
    /// Whether the top-level value is an object.
    top_object: bool,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.src.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eof(&self) -> JsonError {
        JsonError::syntax("unexpected end of JSON input", self.src.len())
    }

    /// `invalid character 'c' <context>` for the character at `pos`.
    fn invalid(&self, context: &str) -> JsonError {
        match self.text[self.pos..].chars().next() {
            None => self.eof(),
            Some(c) => JsonError::syntax(
                format!("invalid character {} {context}", quote_rune(c)),
                self.pos,
            ),
        }
    }

    fn value(&mut self) -> Result<Value, JsonError> {
        match self.peek() {
            None => Err(self.eof()),
            Some(b'{') => self.nested(Self::object),
            Some(b'[') => self.nested(Self::array),
            Some(b'"') => Ok(Value::String(Str::from(self.string()?))),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Nil),
            Some(_) => Err(self.invalid("looking for beginning of value")),
        }
    }

    fn nested(&mut self, f: fn(&mut Self) -> Result<Value, JsonError>) -> Result<Value, JsonError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(JsonError::syntax("exceeded max depth", self.pos));
        }
        let v = stacker::maybe_grow(64 * 1024, 1024 * 1024, || f(self));
        self.depth -= 1;
        v
    }

    fn object(&mut self) -> Result<Value, JsonError> {
        self.pos += 1;
        let map = Map::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Map(map));
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.invalid("looking for beginning of object key string"));
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(b':') {
                return Err(self.invalid("after object key"));
            }
            self.pos += 1;
            self.skip_ws();
            self.path.push(key.clone());
            let v = self.value()?;
            self.path.pop();
            map.insert(key, v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Map(map));
                }
                _ => return Err(self.invalid("after object key:value pair")),
            }
        }
    }

    fn array(&mut self) -> Result<Value, JsonError> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::list(items));
        }
        loop {
            self.path.push(items.len().to_string());
            let v = self.value()?;
            self.path.pop();
            items.push(v);
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.skip_ws();
                }
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::list(items));
                }
                _ => return Err(self.invalid("after array element")),
            }
        }
    }

    fn literal(&mut self, word: &str, v: Value) -> Result<Value, JsonError> {
        for (i, expected) in word.bytes().enumerate() {
            match self.peek() {
                None => return Err(self.eof()),
                Some(c) if c == expected => self.pos += 1,
                Some(_) if i == 0 => return Err(self.invalid("looking for beginning of value")),
                Some(_) => {
                    return Err(self.invalid(&format!(
                        "in literal {word} (expecting {})",
                        quote_rune(expected as char)
                    )));
                }
            }
        }
        Ok(v)
    }

    fn number(&mut self) -> Result<Value, JsonError> {
        let start = self.pos;
        let digits = |r: &mut Self| {
            let s = r.pos;
            while r.peek().is_some_and(|c| c.is_ascii_digit()) {
                r.pos += 1;
            }
            r.pos - s
        };
        let need_digit = |r: &mut Self| -> Result<(), JsonError> {
            match r.peek() {
                None => Err(r.eof()),
                Some(c) if c.is_ascii_digit() => Ok(()),
                Some(_) => Err(r.invalid("in numeric literal")),
            }
        };
        if self.peek() == Some(b'-') {
            self.pos += 1;
            need_digit(self)?;
        }
        if self.peek() == Some(b'0') {
            self.pos += 1;
        } else {
            digits(self);
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            need_digit(self)?;
            digits(self);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            need_digit(self)?;
            digits(self);
        }
        let text = &self.text[start..self.pos];
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Value::Float(f)),
            _ => {
                if self.type_error.is_none() {
                    // Go 1.27 names the place as a path; a member of the
                    // top-level object reads as a struct field.
                    let at = match (self.path.len(), self.top_object) {
                        (0, _) => "Go value".to_string(),
                        (1, true) => format!("Go struct field .{}", self.path[0]),
                        _ => format!(".{}", self.path.join(".")),
                    };
                    self.type_error = Some(JsonError::type_error(format!(
                        "json: cannot unmarshal number {text} into {at} of type float64"
                    )));
                }
                // Go keeps decoding and leaves the zero value in place.
                Ok(Value::Float(0.0))
            }
        }
    }

    /// A string token (at `"`), unescaped; lone surrogates become U+FFFD.
    fn string(&mut self) -> Result<String, JsonError> {
        self.pos += 1;
        let mut out = String::new();
        loop {
            let Some(c) = self.text[self.pos..].chars().next() else {
                return Err(self.eof());
            };
            match c {
                '"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                '\\' => self.escape(&mut out)?,
                c if (c as u32) < 0x20 => return Err(self.invalid("in string")),
                c => {
                    out.push(c);
                    self.pos += c.len_utf8();
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let start = self.pos;
        let Some(e) = self.src.get(self.pos + 1).copied() else {
            return Err(self.eof());
        };
        let simple = match e {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            self.pos += 2;
            return Ok(());
        }
        if e != b'u' {
            return Err(invalid_escape(&self.src[start..start + 2], start));
        }
        let first = self.hex4(start)?;
        if (0xD800..0xDC00).contains(&first) && self.src.get(self.pos..self.pos + 2) == Some(b"\\u")
        {
            let save = self.pos;
            let second = self.hex4(self.pos)?;
            if (0xDC00..0xE000).contains(&second) {
                let c = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                return Ok(());
            }
            self.pos = save;
            out.push('\u{FFFD}');
            return Ok(());
        }
        out.push(char::from_u32(first).unwrap_or('\u{FFFD}'));
        Ok(())
    }

    /// Reads `\uXXXX` at `at`, leaving `pos` after it.
    fn hex4(&mut self, at: usize) -> Result<u32, JsonError> {
        let mut v = 0;
        for k in 0..4 {
            match self.src.get(at + 2 + k).copied() {
                None => return Err(self.eof()),
                Some(c) => match (c as char).to_digit(16) {
                    Some(d) => v = v * 16 + d,
                    None => {
                        // Go shows `\u` and the four bytes after it.
                        let end = (at + 6).min(self.src.len());
                        return Err(invalid_escape(&self.src[at..end], at));
                    }
                },
            }
        }
        self.pos = at + 6;
        Ok(v)
    }
}

/// Go's `invalid escape sequence ...` error: the escape's bytes in
/// backquotes, or Go-quoted when they hold a space, a backquote, an
/// unprintable character or broken UTF-8.
fn invalid_escape(what: &[u8], offset: usize) -> JsonError {
    let shown = match std::str::from_utf8(what) {
        Ok(s)
            if !s
                .chars()
                .any(|c| c == '`' || c.is_whitespace() || c.is_control() || c == '\u{FFFD}') =>
        {
            format!("`{s}`")
        }
        _ => quote_bytes(what),
    };
    JsonError::syntax(format!("invalid escape sequence {shown} in string"), offset)
}

/// Go's `strconv.Quote` of bytes that may not be UTF-8 (`\xNN` for bad bytes).
fn quote_bytes(b: &[u8]) -> String {
    let mut out = String::from("\"");
    let mut rest = b;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                let q = quote(s);
                out.push_str(&q[1..q.len() - 1]);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                let q = quote(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                out.push_str(&q[1..q.len() - 1]);
                out.push_str(&format!("\\x{:02x}", rest[good]));
                rest = &rest[good + 1..];
            }
        }
    }
    out.push('"');
    out
}

/// Go's `strconv.QuoteRune`.
fn quote_rune(c: char) -> String {
    if c == '\'' {
        return "'\\''".to_string();
    }
    let q = quote(&c.to_string());
    let inner = &q[1..q.len() - 1];
    let inner = if inner == "\\\"" { "\"" } else { inner };
    format!("'{inner}'")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_print_like_encoding_json() {
        assert_eq!(format_float(1e21), "1e+21");
        assert_eq!(format_float(1e20), "100000000000000000000");
        assert_eq!(format_float(1e-7), "1e-7");
        assert_eq!(format_float(0.000001), "0.000001");
        assert_eq!(format_float(-0.0), "-0");
        assert_eq!(format_float(1.5e-10), "1.5e-10");
    }

    #[test]
    fn nan_is_unsupported() {
        let err = to_json(&Value::Float(f64::NAN), true, None).unwrap_err();
        assert_eq!(err.message, "json: unsupported value: NaN");
    }

    #[test]
    fn indent_matches_marshal_indent() {
        let v = Value::map([
            ("b", Value::list(vec![Value::Int(1), Value::list(vec![])])),
            ("a", Value::Map(Map::new())),
        ]);
        assert_eq!(
            to_json(&v, true, Some("  ")).unwrap(),
            "{\n  \"a\": {},\n  \"b\": [\n    1,\n    []\n  ]\n}"
        );
    }
}
