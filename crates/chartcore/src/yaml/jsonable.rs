//! sigs.k8s.io/yaml's YAML → JSON → Go step: map keys become strings
//! (`convertToJSONableObject`), the result goes through `json.Marshal` (which
//! rejects NaN and infinities) and back through `encoding/json` into
//! `interface{}`, so every number ends up a float64.

use std::collections::BTreeMap;

use gotemplate::strconv::format_float;
use gotemplate::{Map, Str, Value};

use super::decode::{GoMap, GoValue, go_lossy, go_lossy_owned, go_sharp_v};

/// A JSON-able value: string-keyed maps (keys not yet sorted) over final scalars.
enum Jsonable {
    Scalar(Value),
    Seq(Vec<Jsonable>),
    Map(Vec<(String, Jsonable)>),
}

/// Taken apart iteratively, like [`GoValue`].
impl Drop for Jsonable {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        detach_children(self, &mut stack);
        while let Some(mut v) = stack.pop() {
            detach_children(&mut v, &mut stack);
        }
    }
}

fn detach_children(v: &mut Jsonable, stack: &mut Vec<Jsonable>) {
    match v {
        Jsonable::Seq(items) => stack.append(items),
        Jsonable::Map(entries) => stack.extend(entries.drain(..).map(|(_, v)| v)),
        Jsonable::Scalar(_) => {}
    }
}

/// Converts a decoded YAML value into the template value Helm ends up with.
/// The error text is sigs.k8s.io/yaml's (without its outer prefix).
pub(crate) fn to_value(v: GoValue) -> Result<Value, ConvertError> {
    let j = jsonable(v).map_err(ConvertError::Convert)?;
    check_marshal(&j).map_err(ConvertError::Convert)?;
    if depth(&j) > MAX_JSON_DEPTH {
        return Err(ConvertError::Unmarshal("exceeded max depth".into()));
    }
    Ok(into_value(j))
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

/// The nesting depth of arrays and objects (iterative: values can be deep).
fn depth(j: &Jsonable) -> usize {
    let mut max = 0;
    let mut stack = vec![(j, 0usize)];
    while let Some((node, d)) = stack.pop() {
        match node {
            Jsonable::Scalar(_) => max = max.max(d),
            Jsonable::Seq(items) => {
                max = max.max(d + 1);
                stack.extend(items.iter().map(|i| (i, d + 1)));
            }
            Jsonable::Map(entries) => {
                max = max.max(d + 1);
                stack.extend(entries.iter().map(|(_, v)| (v, d + 1)));
            }
        }
    }
    max
}

fn jsonable(mut v: GoValue) -> Result<Jsonable, String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &mut v {
        GoValue::Map(m) => jsonable_map(std::mem::take(m)),
        GoValue::Seq(items) => Ok(Jsonable::Seq(
            std::mem::take(items)
                .into_iter()
                .map(jsonable)
                .collect::<Result<_, _>>()?,
        )),
        GoValue::Str(s) => Ok(Jsonable::Scalar(Value::String(Str::from(go_lossy_owned(
            std::mem::take(s),
        ))))),
        scalar => Ok(Jsonable::Scalar(scalar_value(scalar))),
    })
}

/// A scalar after the JSON round trip: integers become the nearest float64.
fn scalar_value(v: &GoValue) -> Value {
    match v {
        GoValue::Bool(b) => Value::Bool(*b),
        GoValue::Int(i) => Value::Float(*i as f64),
        GoValue::Uint(u) => Value::Float(*u as f64),
        GoValue::Float(f) => Value::Float(*f),
        GoValue::Str(s) => Value::String(Str::from(go_lossy(s))),
        GoValue::Nil | GoValue::Seq(_) | GoValue::Map(_) => Value::Nil,
    }
}

fn jsonable_map(mut m: GoMap) -> Result<Jsonable, String> {
    let mut out: Vec<(String, Jsonable)> = Vec::with_capacity(m.entries.len());
    // Distinct Go keys can only meet as strings if some key is not a
    // (valid UTF-8) string; otherwise skip the bookkeeping.
    let may_collide = m.entries.iter().any(|(k, _)| match k {
        GoValue::Str(s) => std::str::from_utf8(s).is_err(),
        _ => true,
    });
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for (mut k, v) in std::mem::take(&mut m.entries) {
        let key = match &mut k {
            GoValue::Str(s) => go_lossy_owned(std::mem::take(s)),
            GoValue::Int(i) => i.to_string(),
            // Go converts to float32 first: beyond its range a key is infinite.
            GoValue::Float(f) => match format_float(f64::from(*f as f32), b'g', -1, 32).as_str() {
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
        if !may_collide {
            out.push((key, value));
            continue;
        }
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
        Jsonable::Scalar(Value::Float(f)) if !f.is_finite() => Err(format!(
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

fn into_value(mut j: Jsonable) -> Value {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &mut j {
        Jsonable::Scalar(v) => std::mem::take(v),
        Jsonable::Seq(items) => {
            Value::list(std::mem::take(items).into_iter().map(into_value).collect())
        }
        Jsonable::Map(entries) => Value::Map(
            std::mem::take(entries)
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
