//! TOML for Helm's `toToml`, `mustToToml` and `fromToml`: a re-implementation
//! of the BurntSushi/toml v1.6.0 encoder and decoder Helm v4.3.1 links, with
//! their output layout and error texts (TOML 1.1 syntax is accepted).

mod encode;
mod lex;
mod parse;

use gotemplate::Map;
use gotemplate::gostr::to_go_bytes;
use gotemplate::strconv::quote;

/// Why encoding failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    /// An error the encoder returns (`toToml` prints its text).
    #[error("{0}")]
    Toml(String),
    /// A Go runtime panic inside the encoder; the template call fails.
    #[error("{0}")]
    Panic(String),
}

/// Why decoding failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// A `toml.ParseError` (`fromToml` returns its text under `Error`).
    #[error("{}", parse_error_text(*.line, .last_key, .message))]
    Parse {
        /// The line the error is reported on.
        line: usize,
        /// The key being parsed, if any.
        last_key: String,
        /// The short message.
        message: String,
    },
    /// A panic of the parser on input it did not expect; the call fails.
    #[error("{0}")]
    Bug(String),
}

fn parse_error_text(line: usize, last_key: &str, message: &str) -> String {
    if last_key.is_empty() {
        format!("toml: line {line}: {message}")
    } else {
        format!(
            "toml: line {line} (last key {}): {message}",
            quote(last_key)
        )
    }
}

/// Encodes a value as a TOML document the way Helm's `toToml` does.
pub fn to_toml(v: &gotemplate::Value) -> Result<String, EncodeError> {
    encode::encode(v)
}

/// Decodes a TOML document into the map Helm's `fromToml` returns.
pub fn from_toml(text: &str) -> Result<Map, DecodeError> {
    parse::decode(&to_go_bytes(text))
}

/// A TOML key as BurntSushi's `Key.String` writes it: parts joined by `.`,
/// each quoted unless bare.
fn key_string(parts: &[String]) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        push_maybe_quoted(&mut out, p);
    }
    out
}

fn maybe_quoted(part: &str) -> String {
    let mut out = String::new();
    push_maybe_quoted(&mut out, part);
    out
}

fn push_maybe_quoted(out: &mut String, part: &str) {
    if part.is_empty() {
        out.push_str("\"\"");
    } else if part.chars().all(|c| lex::is_bare_key_char(c as u32)) {
        out.push_str(part);
    } else {
        push_dbl_quoted(out, part);
    }
}

/// A basic string: `"` and `\` escaped, control characters as `\b \t \n \f
/// \r` or `\u00XX`; everything else as it is.
fn dbl_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    push_dbl_quoted(&mut out, s);
    out
}

fn push_dbl_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            '\u{0}'..='\u{1f}' | '\u{7f}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use gotemplate::Value;

    #[test]
    fn keys_are_quoted_unless_bare() {
        let parts = ["a".to_string(), "b c".into(), String::new(), "é".into()];
        assert_eq!(key_string(&parts), "a.\"b c\".\"\".\"é\"");
    }

    #[test]
    fn round_trip_of_a_small_document() {
        let doc = "a = 1\n[t]\nb = \"x\"\n[[arr]]\nc = 1.5\n";
        let m = from_toml(doc).unwrap();
        let text = to_toml(&Value::Map(m)).unwrap();
        assert_eq!(text, "a = 1\n\n[[arr]]\n  c = 1.5\n\n[t]\n  b = \"x\"\n");
    }

    /// Nesting far deeper than a 2 MiB test thread could recurse through
    /// (dropping a much deeper `Value` would itself recurse, outside TOML).
    #[test]
    fn deep_nesting_needs_no_deep_stack() {
        let depth = 5_000;
        let arrays = format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
        let m = from_toml(&arrays).unwrap();
        assert!(to_toml(&Value::Map(m)).unwrap().starts_with("a = [[[["));
        let unclosed = "a = ".to_string() + &"[".repeat(depth);
        assert!(from_toml(&unclosed).is_err());
        let depth = 1_000;
        let tables = format!("a = {}1{}", "{b = ".repeat(depth), "}".repeat(depth));
        let m = from_toml(&tables).unwrap();
        assert!(to_toml(&Value::Map(m)).unwrap().contains("b = 1"));
        let empty = format!("a = {}{}", "{b = ".repeat(depth), "}".repeat(depth));
        assert!(from_toml(&empty).is_err());
    }

    #[test]
    fn parse_errors_name_line_and_key() {
        let e = from_toml("a = 1\na = 2").unwrap_err();
        assert_eq!(
            e.to_string(),
            "toml: line 2 (last key \"a\"): Key 'a' has already been defined."
        );
    }
}
