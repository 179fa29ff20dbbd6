//! YAML as Helm v4 reads and writes it.
//!
//! Reading follows sigs.k8s.io/yaml over go-yaml v2: YAML 1.1 typing (also
//! for keys), merge keys and anchors, then a JSON round trip that turns every
//! number into a float64. Writing follows `toYaml` (JSON round trip, then
//! go-yaml v2's encoder and emitter) and `toYamlPretty` (go-yaml v3's
//! encoder with a 2-space indent).

mod compose;
mod decode;
mod emit;
mod encode;
mod error;
mod jsonable;
mod resolve;
mod sort;

use gotemplate::{List, Map, Value};

pub use error::{YamlError, YamlErrorKind};

use error::SyntaxError;

const UTF8_BOM: char = '\u{feff}';

/// Reads a values file (`values.yaml`, `-f`) like Helm v4's `LoadValues`:
/// every document is read and deep-merged into the previous ones (later
/// wins), an empty file is an empty map and a non-map document is an error.
pub fn parse_values(src: &str) -> Result<Map, YamlError> {
    let src = src.strip_prefix(UTF8_BOM).unwrap_or(src);
    let mut values = Map::new();
    for chunk in split_documents(src)? {
        let doc = unmarshal(&chunk.text, chunk.first_line)
            .and_then(into_map)
            .map_err(|e| e.wrap("cannot unmarshal yaml document: "))?;
        values = merge_maps(&values, &doc);
    }
    Ok(values)
}

/// [`parse_values`] on a file's bytes: text that is not UTF-8 fails with
/// go-yaml's reader error, as in Helm, instead of loading with replacement
/// characters.
pub fn parse_values_bytes(src: &[u8]) -> Result<Map, YamlError> {
    parse_values(&gotemplate::gostr::from_go_bytes(src))
}

/// [`parse_document`] on a file's bytes (`Chart.yaml`, `Chart.lock`, ...),
/// failing on text that is not UTF-8 as go-yaml does.
pub fn parse_document_bytes(src: &[u8]) -> Result<Value, YamlError> {
    parse_document(&gotemplate::gostr::from_go_bytes(src))
}

/// go-yaml's reader error for Go bytes that are not UTF-8 (carried in
/// template text as escaped code points, see `gotemplate::gostr`).
fn encoding_problem(src: &str) -> Option<&'static str> {
    // Escaped bytes are plane-16 code points, whose UTF-8 starts with 0xF4.
    if !src.as_bytes().contains(&0xF4) {
        return None;
    }
    match gotemplate::gostr::to_go_bytes(src) {
        std::borrow::Cow::Borrowed(_) => None,
        std::borrow::Cow::Owned(bytes) => goyaml::first_byte_problem(&bytes),
    }
}

/// sigs.k8s.io/yaml `Unmarshal` of the first document into `interface{}`
/// (what `fromYaml` and manifest parsing use); nil for an empty document.
pub fn parse_document(src: &str) -> Result<Value, YamlError> {
    unmarshal(src, 0)
}

/// [`parse_document`] into a `map[string]interface{}` (Helm's `fromYaml`):
/// nil becomes an empty map, any other non-map is an unmarshal error.
pub fn parse_document_map(src: &str) -> Result<Map, YamlError> {
    parse_document(src).and_then(into_map)
}

/// [`parse_document`] into a `[]interface{}` (Helm's `fromYamlArray`):
/// nil becomes an empty list, any other non-list is an unmarshal error.
pub fn parse_document_list(src: &str) -> Result<List, YamlError> {
    match parse_document(src)? {
        Value::Nil => Ok(List::new(Vec::new())),
        Value::List(l) => Ok(l),
        other => Err(type_error(&other, "[]interface {}")),
    }
}

/// sigs.k8s.io/yaml `Marshal`: the value as `toYaml` prints it, with the
/// trailing newline (Helm's `toYaml` trims one).
pub fn to_yaml(v: &Value) -> Result<String, YamlError> {
    encode::to_yaml(v)
}

/// Helm's `toYamlPretty` (go-yaml v3 encoder, indent 2), with the trailing
/// newline (Helm trims one).
pub fn to_yaml_pretty(v: &Value) -> Result<String, YamlError> {
    encode::to_yaml_pretty(v)
}

fn into_map(v: Value) -> Result<Map, YamlError> {
    match v {
        Value::Nil => Ok(Map::new()),
        Value::Map(m) => Ok(m),
        other => Err(type_error(&other, "map[string]interface {}")),
    }
}

/// The error sigs.k8s.io/yaml returns when a document's value does not fit
/// the Go target type `target` (e.g. `util.SimpleHead` for Helm's manifest
/// heads): `error unmarshaling JSON: while decoding JSON: json: cannot
/// unmarshal array into Go value of type util.SimpleHead`.
pub fn type_mismatch(v: &Value, target: &str) -> YamlError {
    type_error(v, target)
}

fn type_error(v: &Value, target: &str) -> YamlError {
    YamlError::new(
        YamlErrorKind::Unmarshal,
        format!(
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} into Go value of type {target}",
            jsonable::json_kind(v)
        ),
    )
}

/// sigs.k8s.io/yaml's YAML → JSON → `interface{}` for one document.
fn unmarshal(src: &str, first_line: usize) -> Result<Value, YamlError> {
    unmarshal_keeping(src, first_line, None)
}

/// [`parse_document`] building only the top-level entries whose key equals
/// one of `fields` ignoring ASCII case (what a JSON decode into a struct
/// with those fields reads); the rest of the document is checked for every
/// error a full read reports, but not built.
pub fn parse_document_fields(src: &str, fields: &[&str]) -> Result<Value, YamlError> {
    let keep = |key: &[u8]| {
        fields
            .iter()
            .any(|f| f.as_bytes().eq_ignore_ascii_case(key))
    };
    unmarshal_keeping(src, 0, Some(&keep))
}

fn unmarshal_keeping(
    src: &str,
    first_line: usize,
    keep: Option<jsonable::KeepKey<'_>>,
) -> Result<Value, YamlError> {
    let converting = |e: YamlError| e.wrap("error converting YAML to JSON: ");
    if let Some(problem) = encoding_problem(src) {
        return Err(converting(YamlError::new(
            YamlErrorKind::Syntax,
            format!("yaml: {problem}"),
        )));
    }
    let doc = compose::compose_first_document(src)
        .map_err(|e| converting(e.into_error(YamlErrorKind::Syntax, first_line)))?;
    let go = decode::decode(&doc).map_err(|m| {
        converting(SyntaxError::plain(m).into_error(YamlErrorKind::Decode, first_line))
    })?;
    let converted = match keep {
        None => jsonable::to_value(go),
        Some(keep) => match jsonable::to_value_keeping(go, keep) {
            Some(result) => result,
            // A NaN or infinity somewhere: json.Marshal's report needs it all.
            None => return unmarshal_keeping(src, first_line, None),
        },
    };
    converted.map_err(|e| match e {
        jsonable::ConvertError::Convert(m) => converting(YamlError::new(YamlErrorKind::Convert, m)),
        jsonable::ConvertError::Unmarshal(m) => YamlError::new(
            YamlErrorKind::Unmarshal,
            format!("error unmarshaling JSON: while decoding JSON: {m}"),
        ),
    })
}

/// One document of a multi-document values file.
struct Chunk {
    text: String,
    /// 0-based line of the chunk's first line in the whole file.
    first_line: usize,
}

/// k8s.io/apimachinery's `YAMLReader` as Helm uses it: lines are read with
/// their `\n`/`\r\n` replaced by `\n`, and a line starting with `---`
/// (followed by nothing or a comment) ends a non-empty document.
fn split_documents(src: &str) -> Result<Vec<Chunk>, YamlError> {
    let mut chunks = Vec::new();
    let mut buffer = String::new();
    let mut first_line = 0;
    let lines = src.split_inclusive('\n');
    for (n, raw) in lines.enumerate() {
        let line = match raw.strip_suffix('\n') {
            Some(l) => l.strip_suffix('\r').unwrap_or(l),
            None => raw,
        };
        if let Some(rest) = line.strip_prefix("---") {
            let trimmed = rest.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                return Err(YamlError::new(
                    YamlErrorKind::DocumentSeparator,
                    format!(
                        "error reading yaml document: invalid Yaml document separator: {trimmed}"
                    ),
                ));
            }
            if !buffer.is_empty() {
                chunks.push(Chunk {
                    text: std::mem::take(&mut buffer),
                    first_line,
                });
            }
            continue;
        }
        if buffer.is_empty() {
            first_line = n;
        }
        buffer.push_str(line);
        buffer.push('\n');
    }
    if !buffer.is_empty() {
        chunks.push(Chunk {
            text: buffer,
            first_line,
        });
    }
    Ok(chunks)
}

/// Helm's `MergeMaps`: maps merge recursively, anything else is replaced.
fn merge_maps(a: &Map, b: &Map) -> Map {
    let out = a.shallow_copy();
    for (k, v) in b.entries() {
        if let Value::Map(bm) = &v
            && let Some(Value::Map(am)) = out.get(&k)
        {
            out.insert(k, Value::Map(merge_maps(&am, bm)));
            continue;
        }
        out.insert(k, v);
    }
    out
}
