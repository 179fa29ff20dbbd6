//! The encoders behind `toYaml` and `toYamlPretty`: template value →
//! emitter nodes, choosing scalar styles the way go-yaml's `encode.go` does.

use base64::Engine;
use gotemplate::strconv::format_float;
use gotemplate::Value;

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
    let node = json_node(v);
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

/// The node go-yaml v2 builds from the JSON text of `v`.
fn json_node(v: &Value) -> Node {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match v {
        Value::Nil => plain("null"),
        Value::Bool(b) => plain(b.to_string()),
        Value::Int(i) | Value::Int64(i) => plain(i.to_string()),
        Value::Float(f) => plain(retyped_json_number(*f)),
        Value::String(s) => string_node(s),
        Value::Bytes(b) => string_node(&base64::engine::general_purpose::STANDARD.encode(b)),
        Value::List(l) => Node::Seq(l.iter().map(json_node).collect()),
        Value::Map(m) => {
            let mut entries: Vec<(String, Node)> = m
                .read()
                .iter()
                .map(|(k, v)| (k.to_string(), json_node(v)))
                .collect();
            sort::sort_keys(&mut entries, |e| &e.0, Flavor::V2);
            Node::Map(
                entries
                    .into_iter()
                    .map(|(k, v)| (string_node(&k), v))
                    .collect(),
            )
        }
        Value::Object(o) => json_node(&o.to_data()),
    })
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
