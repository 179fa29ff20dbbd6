//! sigs.k8s.io/yaml's YAML → JSON → Go step: map keys become strings
//! (`convertToJSONableObject`), the result goes through `json.Marshal` (which
//! rejects NaN and infinities) and back through `encoding/json` into
//! `interface{}`, so every number ends up a float64.

use std::collections::BTreeMap;

use gotemplate::strconv::format_float;
use gotemplate::{Map, Str, Value};

use super::decode::{GoMap, GoValue, go_lossy, go_sharp_v};

/// A JSON-able value: string-keyed maps, keys not yet sorted.
enum Jsonable {
    Scalar(GoValue),
    Seq(Vec<Jsonable>),
    Map(Vec<(String, Jsonable)>),
}

/// Converts a decoded YAML value into the template value Helm ends up with.
/// The error text is sigs.k8s.io/yaml's (without its outer prefix).
pub(crate) fn to_value(v: GoValue) -> Result<Value, String> {
    let j = jsonable(v)?;
    check_marshal(&j)?;
    Ok(into_value(j))
}

fn jsonable(v: GoValue) -> Result<Jsonable, String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match v {
        GoValue::Map(m) => jsonable_map(m),
        GoValue::Seq(items) => Ok(Jsonable::Seq(
            items.into_iter().map(jsonable).collect::<Result<_, _>>()?,
        )),
        scalar => Ok(Jsonable::Scalar(scalar)),
    })
}

fn jsonable_map(m: GoMap) -> Result<Jsonable, String> {
    let mut out: Vec<(String, Jsonable)> = Vec::with_capacity(m.entries.len());
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (k, v) in m.entries {
        let key = match &k {
            GoValue::Str(s) => go_lossy(s),
            GoValue::Int(i) => i.to_string(),
            GoValue::Float(f) => match format_float(*f, b'g', -1, 32).as_str() {
                "+Inf" => ".inf".to_string(),
                "-Inf" => "-.inf".to_string(),
                "NaN" => ".nan".to_string(),
                s => s.to_string(),
            },
            GoValue::Bool(b) => b.to_string(),
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
        let value = jsonable(v)?;
        // Keys that collide after stringification: Go's map order decides;
        // the later one in the document wins here.
        match seen.get(&key) {
            Some(&at) => out[at].1 = value,
            None => {
                seen.insert(key.clone(), out.len());
                out.push((key, value));
            }
        }
    }
    Ok(Jsonable::Map(out))
}

/// `json.Marshal`'s failure on the first non-finite float, in its
/// (sorted-key) traversal order.
fn check_marshal(j: &Jsonable) -> Result<(), String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match j {
        Jsonable::Scalar(GoValue::Float(f)) if !f.is_finite() => Err(format!(
            "json: unsupported value: {}",
            format_float(*f, b'g', -1, 64)
        )),
        Jsonable::Scalar(_) => Ok(()),
        Jsonable::Seq(items) => items.iter().try_for_each(check_marshal),
        Jsonable::Map(entries) => {
            let mut sorted: Vec<&(String, Jsonable)> = entries.iter().collect();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            sorted.into_iter().try_for_each(|(_, v)| check_marshal(v))
        }
    })
}

fn into_value(j: Jsonable) -> Value {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match j {
        Jsonable::Scalar(s) => match s {
            GoValue::Nil => Value::Nil,
            GoValue::Bool(b) => Value::Bool(b),
            // Integers print exactly in JSON and parse back to the nearest float64.
            GoValue::Int(i) => Value::Float(i as f64),
            GoValue::Uint(u) => Value::Float(u as f64),
            GoValue::Float(f) => Value::Float(f),
            GoValue::Str(s) => Value::String(Str::from(go_lossy(&s))),
            GoValue::Seq(_) | GoValue::Map(_) => Value::Nil,
        },
        Jsonable::Seq(items) => Value::list(items.into_iter().map(into_value).collect()),
        Jsonable::Map(entries) => Value::Map(
            entries
                .into_iter()
                .map(|(k, v)| (Str::from(k), into_value(v)))
                .collect::<Map>(),
        ),
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
