//! Reading `values.schema.json` as the JSON Schema library does
//! (`jsonschema.UnmarshalJSON`: a `json.Decoder` with `UseNumber`, then a
//! check for trailing data), with Go's error texts, and remembering how
//! every number was written: the library prints schema numbers as written
//! (`1.0`, `1e3`).

use std::collections::HashMap;

use crate::json::{JsonErrorKind, from_json};

/// Nesting deeper than this is not indexed for number texts (the schema
/// compiler refuses such documents anyway).
const MAX_INDEX_DEPTH: usize = 200;

/// The schema document: its JSON value and the source text of each number,
/// by JSON pointer.
pub struct SchemaDoc {
    pub json: serde_json::Value,
    numbers: HashMap<String, String>,
}

impl SchemaDoc {
    /// The number at `pointer` as written in the source.
    pub fn number_text(&self, pointer: &str) -> Option<&str> {
        self.numbers.get(pointer).map(String::as_str)
    }
}

/// Decodes the schema, or returns the message Go's decoder gives.
pub fn decode(src: &[u8]) -> Result<SchemaDoc, String> {
    let text = String::from_utf8_lossy(src);
    let first = text
        .bytes()
        .find(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
    let Some(first) = first else {
        return Err("EOF".into());
    };
    // serde_json accepts no JSON text Go's decoder refuses; when it
    // refuses one, Go's own reading says whether Go does too, and how.
    let json: serde_json::Value = match serde_json::from_str(&text) {
        Ok(json) => json,
        Err(serde_error) => {
            // Number range errors do not apply: the library keeps numbers as text.
            if let Err(e) = from_json(&text)
                && e.kind == JsonErrorKind::Syntax
            {
                return Err(decoder_message(&text, first, &e.message, e.offset));
            }
            return Err(serde_error.to_string());
        }
    };
    let mut numbers = HashMap::new();
    let mut indexer = Indexer {
        src: text.as_bytes(),
        pos: 0,
        numbers: &mut numbers,
    };
    indexer.value(&mut String::new(), 0);
    Ok(SchemaDoc { json, numbers })
}

/// `json.Unmarshal`'s message turned into the streaming decoder's: a value
/// cut short is `unexpected EOF`; data after a complete object or array is
/// caught by the library's own check, with its own words.
fn decoder_message(text: &str, first: u8, message: &str, offset: Option<usize>) -> String {
    if message == "unexpected end of JSON input" {
        return "unexpected EOF".into();
    }
    if message.ends_with("after top-level value") {
        let glued = offset
            .and_then(|o| o.checked_sub(1))
            .and_then(|o| text.as_bytes().get(o))
            .is_some_and(|b| !matches!(b, b' ' | b'\t' | b'\n' | b'\r'));
        // A scalar's end is only seen at the next byte, so the decoder itself
        // reports garbage glued to it.
        if matches!(first, b'{' | b'[') || !glued {
            return "invalid character after top-level value".into();
        }
    }
    message.to_string()
}

/// Walks valid JSON text, recording where each number sits.
struct Indexer<'a> {
    src: &'a [u8],
    pos: usize,
    numbers: &'a mut HashMap<String, String>,
}

impl<'a> Indexer<'a> {
    fn ws(&mut self) {
        while matches!(self.src.get(self.pos), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn value(&mut self, ptr: &mut String, depth: usize) {
        self.ws();
        match self.src.get(self.pos) {
            Some(b'{') => {
                self.pos += 1;
                loop {
                    self.ws();
                    if self.src.get(self.pos) == Some(&b'}') {
                        self.pos += 1;
                        return;
                    }
                    let key = self.string();
                    self.ws();
                    self.pos += 1; // ':'
                    let len = ptr.len();
                    ptr.push('/');
                    if key.contains(['~', '/']) {
                        ptr.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    } else {
                        ptr.push_str(&key);
                    }
                    self.child(ptr, depth);
                    ptr.truncate(len);
                    self.ws();
                    if self.src.get(self.pos) == Some(&b',') {
                        self.pos += 1;
                    }
                }
            }
            Some(b'[') => {
                self.pos += 1;
                let mut i = 0;
                loop {
                    self.ws();
                    if self.src.get(self.pos) == Some(&b']') {
                        self.pos += 1;
                        return;
                    }
                    let len = ptr.len();
                    ptr.push('/');
                    ptr.push_str(&i.to_string());
                    self.child(ptr, depth);
                    ptr.truncate(len);
                    i += 1;
                    self.ws();
                    if self.src.get(self.pos) == Some(&b',') {
                        self.pos += 1;
                    }
                }
            }
            Some(b'"') => {
                self.string();
            }
            Some(_) => {
                let start = self.pos;
                while self.src.get(self.pos).is_some_and(|b| {
                    !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.pos += 1;
                }
                let raw = String::from_utf8_lossy(&self.src[start..self.pos]);
                if raw.starts_with(['-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']) {
                    self.numbers.insert(ptr.clone(), raw.into_owned());
                }
            }
            None => {}
        }
    }

    fn child(&mut self, ptr: &mut String, depth: usize) {
        if depth < MAX_INDEX_DEPTH {
            self.value(ptr, depth + 1);
        } else {
            self.skip();
        }
    }

    /// Skips one value without indexing it.
    fn skip(&mut self) {
        self.ws();
        let mut nesting = 0usize;
        loop {
            match self.src.get(self.pos) {
                None => return,
                Some(b'"') => {
                    self.string();
                    if nesting == 0 {
                        return;
                    }
                    continue;
                }
                Some(b'{' | b'[') => nesting += 1,
                Some(b'}' | b']') => {
                    if nesting == 0 {
                        return;
                    }
                    nesting -= 1;
                    if nesting == 0 {
                        self.pos += 1;
                        return;
                    }
                }
                Some(b',') if nesting == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    /// A string literal, decoded.
    fn string(&mut self) -> std::borrow::Cow<'a, str> {
        let start = self.pos;
        self.pos += 1;
        while let Some(&b) = self.src.get(self.pos) {
            self.pos += 1;
            match b {
                b'\\' => self.pos += 1,
                b'"' => break,
                _ => {}
            }
        }
        let src: &'a [u8] = self.src;
        let lit = &src[start..self.pos.min(src.len())];
        // Without escapes a literal is its own text.
        if let [b'"', inner @ .., b'"'] = lit
            && !inner.contains(&b'\\')
            && let Ok(text) = std::str::from_utf8(inner)
        {
            return std::borrow::Cow::Borrowed(text);
        }
        let lit = String::from_utf8_lossy(lit);
        std::borrow::Cow::Owned(serde_json::from_str::<String>(&lit).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_text() {
        let doc = decode(br#"{"a": {"enum": [1.0, 1e3, "x", -0.0]}, "b/c": 10E-2}"#).unwrap();
        assert_eq!(doc.number_text("/a/enum/0"), Some("1.0"));
        assert_eq!(doc.number_text("/a/enum/1"), Some("1e3"));
        assert_eq!(doc.number_text("/a/enum/3"), Some("-0.0"));
        assert_eq!(doc.number_text("/b~1c"), Some("10E-2"));
        assert_eq!(doc.number_text("/a/enum/2"), None);
    }

    #[test]
    fn errors_read_like_the_go_decoder() {
        let err = |s: &str| decode(s.as_bytes()).err().unwrap();
        assert_eq!(err(""), "EOF");
        assert_eq!(err(" \n"), "EOF");
        assert_eq!(err(r#"{"type":"#), "unexpected EOF");
        assert_eq!(err("{} x"), "invalid character after top-level value");
        assert_eq!(err("{}{}"), "invalid character after top-level value");
        assert_eq!(err("5x"), "invalid character 'x' after top-level value");
        assert_eq!(err("5 x"), "invalid character after top-level value");
        assert_eq!(
            err(r#"{"type": string}"#),
            "invalid character 's' looking for beginning of value"
        );
    }
}
