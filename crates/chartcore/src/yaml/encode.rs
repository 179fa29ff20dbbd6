//! The encoders behind `toYaml` and `toYamlPretty`: template value →
//! emitter nodes, choosing scalar styles the way go-yaml's `encode.go` does.

use base64::Engine;
use gotemplate::Value;
use gotemplate::strconv::format_float;

use super::emit::{self, Node, Style};
use super::error::{YamlError, YamlErrorKind};
use super::resolve::{self, Scalar, plain_is_string};
use super::sort::{self, Flavor};
use crate::json;

/// sigs.k8s.io/yaml `Marshal`: `json.Marshal`, read back by go-yaml v2 (so
/// numbers are retyped from their JSON text), then go-yaml v2's `Marshal`.
pub(crate) fn to_yaml(v: &Value) -> Result<String, YamlError> {
    json::check_marshal(v).map_err(|e| {
        YamlError::new(
            YamlErrorKind::Marshal,
            format!("error marshaling into JSON: {e}"),
        )
    })?;
    let node = json_node(v).map_err(|problem| {
        YamlError::new(
            YamlErrorKind::Marshal,
            format!("error converting JSON to YAML: yaml: {problem}"),
        )
    })?;
    Ok(emit::emit_document(&node, Flavor::V2))
}

/// go-yaml v3's `Encoder.Encode` on the value itself (no JSON round trip).
pub(crate) fn to_yaml_pretty(v: &Value) -> Result<String, YamlError> {
    let node = pretty_node(v);
    Ok(emit::emit_document(&node, Flavor::V3))
}

/// go-yaml's `stringv`: literal when multi-line, plain when the text reads
/// back as the same string, double-quoted otherwise.
fn string_node(s: &str) -> Node {
    let style = if s.contains('\n') {
        Style::Literal
    } else if plain_is_string(s) {
        Style::Plain
    } else {
        Style::DoubleQuoted
    };
    Node::Scalar(s.to_string(), style)
}

fn plain(s: impl Into<String>) -> Node {
    Node::Scalar(s.into(), Style::Plain)
}

/// The node go-yaml v2 builds from the JSON text of `v`; the error is
/// go-yaml's complaint about that text.
fn json_node(v: &Value) -> Result<Node, String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
        Ok(match v {
            Value::Nil => plain("null"),
            Value::Bool(b) => plain(b.to_string()),
            Value::Int(i) | Value::Int64(i) => plain(i.to_string()),
            Value::Float(f) => plain(retyped_json_number(*f)),
            Value::String(s) => string_node(&through_json_string(s)?),
            Value::Bytes(b) => string_node(&base64::engine::general_purpose::STANDARD.encode(b)),
            Value::List(l) => Node::Seq(l.iter().map(json_node).collect::<Result<_, _>>()?),
            Value::Map(m) => {
                let mut entries = Vec::new();
                for (k, v) in m.read().iter() {
                    // Go marshals the sorted keys, each before its value.
                    let key = through_json_string(k)?;
                    if k.contains('\u{85}') {
                        // A raw NEL breaks the line inside the flow-style
                        // JSON key, which YAML does not allow.
                        return Err("could not find expected ':'".into());
                    }
                    entries.push((key, json_node(v)?));
                }
                sort::sort_keys(&mut entries, |e| &e.0, Flavor::V2);
                Node::Map(
                    entries
                        .into_iter()
                        .map(|(k, v)| (string_node(&k), v))
                        .collect(),
                )
            }
            Value::Object(o) => json_node(&o.to_data())?,
        })
    })
}

/// What go-yaml v2 reads back from the JSON string literal of `s`. JSON
/// escapes controls, quotes, `\`, U+2028/9 (and `<>&`), but writes other
/// characters raw: go-yaml's reader rejects raw DEL, C1 controls, U+FFFE and
/// U+FFFF, and its double-quoted scanner folds a raw NEL (a line break to
/// YAML) and the spaces around it into a space.
fn through_json_string(s: &str) -> Result<String, String> {
    if s.chars()
        .any(|c| matches!(c as u32, 0x7F..=0x84 | 0x86..=0x9F | 0xFFFE | 0xFFFF))
    {
        return Err("control characters are not allowed".into());
    }
    if !s.contains('\u{85}') {
        return Ok(s.to_string());
    }
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        while i < chars.len() && chars[i] != ' ' && chars[i] != '\u{85}' {
            out.push(chars[i]);
            i += 1;
        }
        if i == chars.len() {
            break;
        }
        let mut whitespace = String::new();
        let mut leading_break = false;
        let mut trailing_breaks = String::new();
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{85}') {
            if chars[i] == ' ' {
                if !leading_break {
                    whitespace.push(' ');
                }
            } else if !leading_break {
                whitespace.clear();
                leading_break = true;
            } else {
                trailing_breaks.push('\n');
            }
            i += 1;
        }
        if leading_break {
            // A document marker at the start of the line after the break.
            let rest: String = chars[i..].iter().take(4).collect();
            if chars.get(i.wrapping_sub(1)) == Some(&'\u{85}')
                && (rest.starts_with("---") || rest.starts_with("..."))
                && matches!(chars.get(i + 3), Some(' ' | '\u{85}'))
            {
                return Err("found unexpected document indicator".into());
            }
            if trailing_breaks.is_empty() {
                out.push(' ');
            } else {
                out.push_str(&trailing_breaks);
            }
        } else {
            out.push_str(&whitespace);
        }
    }
    Ok(out)
}

/// A float as `encoding/json` writes it, then as go-yaml v2 reads and
/// writes that text: integral values become ints (`1e+06` → `1000000`),
/// others print with `strconv.FormatFloat(f, 'g', -1, 64)`.
fn retyped_json_number(f: f64) -> String {
    let text = json::format_float(f);
    match resolve::resolve("", &text) {
        Ok((_, Scalar::Int(i))) => i.to_string(),
        Ok((_, Scalar::Uint(u))) => u.to_string(),
        Ok((_, Scalar::Float(g))) => format_float(g, b'g', -1, 64),
        _ => text,
    }
}

/// The node go-yaml v3 builds from the Go value itself.
fn pretty_node(v: &Value) -> Node {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match v {
        Value::Nil => plain("null"),
        Value::Bool(b) => plain(b.to_string()),
        Value::Int(i) | Value::Int64(i) => plain(i.to_string()),
        Value::Float(f) => plain(match format_float(*f, b'g', -1, 64).as_str() {
            "+Inf" => ".inf".to_string(),
            "-Inf" => "-.inf".to_string(),
            "NaN" => ".nan".to_string(),
            s => s.to_string(),
        }),
        Value::String(s) => string_node(s),
        // A []byte is a slice of uint8 to go-yaml v3.
        Value::Bytes(b) => Node::Seq(b.iter().map(|x| plain(x.to_string())).collect()),
        Value::List(l) => Node::Seq(l.iter().map(pretty_node).collect()),
        Value::Map(m) => {
            let mut entries: Vec<(String, Node)> = m
                .read()
                .iter()
                .map(|(k, v)| (k.to_string(), pretty_node(v)))
                .collect();
            sort::sort_keys(&mut entries, |e| &e.0, Flavor::V3);
            Node::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (string_node(&k), v))
                    .collect(),
            )
        }
        Value::Object(o) => pretty_node(&o.to_data()),
    })
}
