//! Helm's `--set` family of value flags (`pkg/strvals`): `--set`,
//! `--set-string`, `--set-literal`, `--set-json` and `--set-file` lines parsed
//! into a values map, with Helm's typing rules, list syntax and error texts.
//!
//! ```
//! use chartcore::strvals::{Mode, parse_into};
//! use gotemplate::Map;
//! let values = Map::new();
//! parse_into("image.tag=v1,replicas=3,ports={80,443}", &values, Mode::Set).unwrap();
//! assert_eq!(values.get("replicas").and_then(|v| v.as_int()), Some(3));
//! ```

mod json;
mod parser;

use gotemplate::strconv::quote;
use gotemplate::{Map, Value};

pub use parser::FileReader;
use parser::{Parser, Reader};

/// The highest list index a `--set` line may use (Helm's `MaxIndex`).
pub const MAX_INDEX: i64 = 65536;
/// The deepest `a.b.c` nesting a `--set` line may use (Helm's `MaxNestedNameLevel`).
pub const MAX_NESTED_NAME_LEVEL: usize = 30;

/// Which flag a line came from.
pub enum Mode<'r, 'a> {
    /// `--set`: `true`/`false`/`null` (any case), integers as int64, else strings.
    Set,
    /// `--set-string`: every value a string.
    SetString,
    /// `--set-literal`: one key; the rest of the line is the value, verbatim.
    SetLiteral,
    /// `--set-json`: values are JSON; a line that is a JSON object is merged whole.
    SetJson,
    /// `--set-file`: values are paths whose content (read by the callback) becomes the value.
    SetFile(&'r mut FileReader<'a>),
}

impl Mode<'_, '_> {
    /// The command-line flag, as Helm's messages name it.
    pub fn flag(&self) -> &'static str {
        match self {
            Mode::Set => "--set",
            Mode::SetString => "--set-string",
            Mode::SetLiteral => "--set-literal",
            Mode::SetJson => "--set-json",
            Mode::SetFile(_) => "--set-file",
        }
    }
}

/// Why a line was rejected; texts as Helm prints them (after its
/// `failed parsing --set data: ` prefix, see [`StrvalsError::cli_message`]).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StrvalsError {
    /// `a`: a key without `=`.
    #[error("key {} has no value", quote(.0))]
    NoValue(String),
    /// `a,b=1`: a key without `=` before a comma.
    #[error("key {} has no value (cannot end with ,)", quote(.0))]
    NoValueTrailingComma(String),
    /// `a.=1`: a dot with nothing after it.
    #[error("key map {} has no value", quote(.0))]
    KeyMapNoValue(String),
    /// More than [`MAX_NESTED_NAME_LEVEL`] dotted levels.
    #[error(
        "value name nested level is greater than maximum supported nested level of {MAX_NESTED_NAME_LEVEL}"
    )]
    NestedTooDeep,
    /// A list index that does not parse.
    #[error("error parsing index: {0}")]
    Index(Box<StrvalsError>),
    /// Go's `strconv.Atoi` failure.
    #[error(
        "strconv.Atoi: parsing {}: {}",
        quote(input),
        if *out_of_range { "value out of range" } else { "invalid syntax" }
    )]
    Atoi {
        /// The text that is not an int.
        input: String,
        /// Whether it is a number too large rather than not a number.
        out_of_range: bool,
    },
    /// `a[-1]=x`.
    #[error("negative {0} index not allowed")]
    NegativeIndex(i64),
    /// An index over [`MAX_INDEX`].
    #[error("index of {0} is greater than maximum supported index of {MAX_INDEX}")]
    IndexTooLarge(i64),
    /// Text between `]` and the next `[`, `.` or `=`, printed as Go prints a `[]rune` with `%q`.
    #[error("unexpected data at end of array index: {}", quote_runes(.0))]
    DataAfterIndex(String),
    /// `a={x,y` without the closing brace.
    #[error("list must terminate with '}}'")]
    UnterminatedList,
    /// A Go type assertion that panicked, as Helm's parser recovers it.
    #[error("unable to parse key: interface conversion: interface {{}} is {found}, not {wanted}")]
    TypeConversion {
        /// The Go type found.
        found: String,
        /// The Go type the parser asserted.
        wanted: &'static str,
    },
    /// A `key=JSON` value that does not decode.
    #[error("{0}")]
    Json(String),
    /// A `--set-json` line that starts with `{` but is not one JSON object.
    #[error("{0}")]
    JsonObject(String),
    /// The `--set-file` reader's error.
    #[error("{0}")]
    File(String),
    /// Not Helm's: index/key chains nested deeper than this parser's
    /// recursion limit (Helm accepts any depth).
    #[error(
        "value nesting is deeper than the supported {} levels",
        parser::MAX_RECURSION
    )]
    RecursionTooDeep,
}

impl StrvalsError {
    /// The whole message Helm prints after `Error: ` when this error comes
    /// from `line` given to the `flag` (e.g. `--set`).
    pub fn cli_message(&self, flag: &str, line: &str) -> String {
        match (flag, self) {
            ("--set-json", StrvalsError::JsonObject(_)) => {
                format!("failed parsing --set-json data JSON: {line}")
            }
            ("--set-json", _) => format!("failed parsing --set-json data {line}"),
            _ => format!("failed parsing {flag} data: {self}"),
        }
    }
}

/// Go's `%q` of a `[]rune`: `['a' 'b']`.
fn quote_runes(s: &str) -> String {
    let quoted: Vec<String> = s.chars().map(quote_rune).collect();
    format!("[{}]", quoted.join(" "))
}

/// Go's `strconv.QuoteRune`.
fn quote_rune(c: char) -> String {
    let inner = match c {
        '\'' => "\\'".to_string(),
        '"' => "\"".to_string(),
        _ => {
            let q = quote(c.encode_utf8(&mut [0u8; 4]));
            q[1..q.len() - 1].to_string()
        }
    };
    format!("'{inner}'")
}

/// Parses one flag's line into `dest`, overwriting keys it sets (Helm's
/// `ParseInto`, `ParseIntoString`, `ParseLiteralInto`, `ParseJSON` and
/// `ParseIntoFile`). A `--set-json` line that is a JSON object (after
/// trimming) is deep-merged instead, as Helm v4 does.
pub fn parse_into(line: &str, dest: &Map, mode: Mode<'_, '_>) -> Result<(), StrvalsError> {
    let reader = match mode {
        Mode::Set => Reader::Typed,
        Mode::SetString => Reader::String,
        Mode::SetLiteral => Reader::Literal,
        Mode::SetFile(read) => Reader::File(read),
        Mode::SetJson => {
            if line.trim().starts_with('{') {
                return merge_json_object(line.trim(), dest);
            }
            Reader::Json
        }
    };
    Parser::new(line, reader).parse(dest)
}

/// Parses a line into a new map.
pub fn parse(line: &str, mode: Mode<'_, '_>) -> Result<Map, StrvalsError> {
    let values = Map::new();
    parse_into(line, &values, mode)?;
    Ok(values)
}

fn merge_json_object(text: &str, dest: &Map) -> Result<(), StrvalsError> {
    match json::decode_all(text) {
        Ok(Value::Map(object)) => {
            merge_maps(dest, &object);
            Ok(())
        }
        Ok(other) => Err(StrvalsError::JsonObject(format!(
            "json: cannot unmarshal {} into Go value of type map[string]interface {{}}",
            other.type_name()
        ))),
        Err(e) => Err(StrvalsError::JsonObject(e.0)),
    }
}

/// Helm's `MergeMaps` (into `dest`): nested maps merge, anything else replaces.
pub fn merge_maps(dest: &Map, src: &Map) {
    for (k, v) in src.entries() {
        if let (Value::Map(from), Some(Value::Map(into))) = (&v, dest.get(&k)) {
            let merged = into.shallow_copy();
            merge_maps(&merged, from);
            dest.insert(k, Value::Map(merged));
            continue;
        }
        dest.insert(k, v);
    }
}

/// The value flags of one Helm command, applied in Helm v4's order:
/// `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`,
/// each flag's lines in command-line order.
#[derive(Debug, Clone, Default)]
pub struct SetFlags {
    /// `--set-json` lines.
    pub json: Vec<String>,
    /// `--set` lines.
    pub set: Vec<String>,
    /// `--set-string` lines.
    pub string: Vec<String>,
    /// `--set-file` lines.
    pub file: Vec<String>,
    /// `--set-literal` lines.
    pub literal: Vec<String>,
}

impl SetFlags {
    /// Applies every line to `dest`; on failure returns Helm's message
    /// (what follows `Error: `).
    pub fn apply(&self, dest: &Map, read_file: &mut FileReader<'_>) -> Result<(), String> {
        let fail = |flag: &str, line: &str, e: StrvalsError| e.cli_message(flag, line);
        for line in &self.json {
            parse_into(line, dest, Mode::SetJson).map_err(|e| fail("--set-json", line, e))?;
        }
        for line in &self.set {
            parse_into(line, dest, Mode::Set).map_err(|e| fail("--set", line, e))?;
        }
        for line in &self.string {
            parse_into(line, dest, Mode::SetString).map_err(|e| fail("--set-string", line, e))?;
        }
        for line in &self.file {
            parse_into(line, dest, Mode::SetFile(&mut *read_file))
                .map_err(|e| fail("--set-file", line, e))?;
        }
        for line in &self.literal {
            parse_into(line, dest, Mode::SetLiteral).map_err(|e| fail("--set-literal", line, e))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_runes_like_go() {
        assert_eq!(quote_runes("b"), "['b']");
        assert_eq!(quote_runes("a'\"\n"), r#"['a' '\'' '"' '\n']"#);
    }
}
