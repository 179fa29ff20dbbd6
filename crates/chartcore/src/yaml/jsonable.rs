//! sigs.k8s.io/yaml's YAML → JSON → Go step: map keys become strings
//! (`convertToJSONableObject`), the result goes through `json.Marshal` (which
//! rejects NaN and infinities) and back through `encoding/json` into
//! `interface{}`, so every number ends up a float64.

use gotemplate::strconv::format_float;
use gotemplate::value::MapEntries;
use gotemplate::{List, Map, Str, Value};

use super::decode::{GoMap, GoValue, go_lossy, go_lossy_owned, go_sharp_v};

/// Converts a decoded YAML value into the template value Helm ends up with.
/// The error text is sigs.k8s.io/yaml's (without its outer prefix).
pub(crate) fn to_value(v: GoValue<'_>) -> Result<Value, ConvertError> {
    let mut seen = Seen::default();
    let value = convert(v, 0, &mut seen).map_err(ConvertError::Convert)?;
    if seen.non_finite {
        check_marshal(&value).map_err(ConvertError::Convert)?;
    }
    if seen.depth > MAX_JSON_DEPTH {
        return Err(ConvertError::Unmarshal("exceeded max depth".into()));
    }
    Ok(value)
}

/// Which step of the YAML → JSON → Go trip failed.
pub(crate) enum ConvertError {
    /// YAML → JSON (`error converting YAML to JSON: ...`).
    Convert(String),
    /// JSON → Go (`error unmarshaling JSON: while decoding JSON: ...`).
    Unmarshal(String),
}

/// `encoding/json`'s nesting limit, which the JSON text can exceed even
/// when go-yaml accepted the YAML.
const MAX_JSON_DEPTH: usize = 10_000;

/// What the conversion noticed on its way.
#[derive(Default)]
struct Seen {
    /// The nesting depth of arrays and objects.
    depth: usize,
    /// Some float is NaN or infinite (which `json.Marshal` rejects).
    non_finite: bool,
}

/// `convertToJSONableObject` and the JSON round trip in one pass: map keys
/// become strings, numbers float64, at nesting `depth`.
fn convert(mut v: GoValue<'_>, depth: usize, seen: &mut Seen) -> Result<Value, String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &mut v {
        GoValue::Map(m) => {
            seen.depth = seen.depth.max(depth + 1);
            convert_map(std::mem::take(m), depth + 1, seen)
        }
        GoValue::Seq(items) => {
            seen.depth = seen.depth.max(depth + 1);
            let items = std::mem::take(items)
                .into_iter()
                .map(|item| convert(item, depth + 1, seen))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::List(List::new(items)))
        }
        GoValue::Str(s) => {
            seen.depth = seen.depth.max(depth);
            Ok(Value::String(go_str(std::mem::take(s))))
        }
        scalar => {
            seen.depth = seen.depth.max(depth);
            let value = scalar_value(scalar);
            if matches!(value, Value::Float(f) if !f.is_finite()) {
                seen.non_finite = true;
            }
            Ok(value)
        }
    })
}

/// A Go string as template text, copied once; invalid UTF-8 (only
/// `!!binary` data) is replaced the way Go's encoders replace it.
fn go_str(bytes: std::borrow::Cow<'_, [u8]>) -> Str {
    match std::str::from_utf8(&bytes) {
        Ok(text) => Str::from(text),
        Err(_) => Str::from(go_lossy_owned(bytes.into_owned())),
    }
}

/// A scalar after the JSON round trip: integers become the nearest float64.
fn scalar_value(v: &GoValue<'_>) -> Value {
    match v {
        GoValue::Bool(b) => Value::Bool(*b),
        GoValue::Int(i) => Value::Float(*i as f64),
        GoValue::Uint(u) => Value::Float(*u as f64),
        GoValue::Float(f) => Value::Float(*f),
        GoValue::Str(s) => Value::String(Str::from(go_lossy(s))),
        GoValue::Nil | GoValue::Seq(_) | GoValue::Map(_) => Value::Nil,
    }
}

/// A map with its keys stringified. Distinct Go keys that meet as strings
/// (`1` and `"1"`): Go's map order decides which survives; the later one
/// in the document does here.
fn convert_map(mut m: GoMap<'_>, depth: usize, seen: &mut Seen) -> Result<Value, String> {
    let mut out = MapEntries::new();
    for (mut k, v) in std::mem::take(&mut m.entries) {
        let key = match &mut k {
            GoValue::Str(s) => go_str(std::mem::take(s)),
            GoValue::Int(i) => Str::from(i.to_string()),
            // Go converts to float32 first: beyond its range a key is infinite.
            GoValue::Float(f) => Str::from(
                match format_float(f64::from(*f as f32), b'g', -1, 32).as_str() {
                    "+Inf" => ".inf",
                    "-Inf" => "-.inf",
                    "NaN" => ".nan",
                    s => s,
                },
            ),
            GoValue::Bool(b) => Str::from(b.to_string()),
            other => {
                let type_name = match other {
                    GoValue::Nil => "%!s(<nil>)",
                    GoValue::Uint(_) => "uint64",
                    _ => "interface {}",
                };
                return Err(format!(
                    "unsupported map key of type: {type_name}, key: {}, value: {}",
                    go_sharp_v(other),
                    go_sharp_v(&v)
                ));
            }
        };
        let value = convert(v, depth, seen)?;
        out.insert(key, value);
    }
    Ok(Value::Map(Map::from_entries(out)))
}

/// `json.Marshal`'s failure on the first non-finite float, in its
/// (sorted-key) traversal order.
fn check_marshal(v: &Value) -> Result<(), String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match v {
        Value::Float(f) if !f.is_finite() => Err(format!(
            "json: unsupported value: {}",
            format_float(*f, b'g', -1, 64)
        )),
        Value::List(items) => items.iter().try_for_each(check_marshal),
        // Template maps iterate in key order, like `json.Marshal`.
        Value::Map(m) => m.entries().iter().try_for_each(|(_, v)| check_marshal(v)),
        _ => Ok(()),
    })
}

/// The JSON type name `encoding/json` uses in `cannot unmarshal X into ...`.
pub(crate) fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Nil => "null",
        Value::Bool(_) => "bool",
        Value::Int(_) | Value::Int64(_) | Value::Float(_) => "number",
        Value::String(_) | Value::Bytes(_) => "string",
        Value::List(_) => "array",
        Value::Map(_) | Value::Object(_) => "object",
    }
}
