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
    let value = convert(v, 0, &mut seen, true).map_err(ConvertError::Convert)?;
    if seen.non_finite {
        check_marshal(&value).map_err(ConvertError::Convert)?;
    }
    depth_checked(value, &seen)
}

/// [`to_value`] building only the top-level map entries whose string key
/// `keep` accepts; the rest is checked for the same errors, not built.
/// `None` when some float is NaN or infinite: which one `json.Marshal`
/// reports depends on the whole value, so the caller converts it all.
pub(crate) fn to_value_keeping(
    mut v: GoValue<'_>,
    keep: KeepKey<'_>,
) -> Option<Result<Value, ConvertError>> {
    let mut seen = Seen::default();
    let value = match &mut v {
        GoValue::Map(m) => {
            seen.depth = 1;
            convert_map(std::mem::take(m), 1, &mut seen, true, Some(keep))
        }
        _ => convert(v, 0, &mut seen, true),
    };
    if seen.non_finite {
        return None;
    }
    Some(
        value
            .map_err(ConvertError::Convert)
            .and_then(|value| depth_checked(value, &seen)),
    )
}

fn depth_checked(value: Value, seen: &Seen) -> Result<Value, ConvertError> {
    if seen.depth > MAX_JSON_DEPTH {
        return Err(ConvertError::Unmarshal("exceeded max depth".into()));
    }
    Ok(value)
}

/// Which top-level map keys (as Go string bytes) a partial read builds.
pub(crate) type KeepKey<'k> = &'k dyn Fn(&[u8]) -> bool;

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
/// become strings, numbers float64, at nesting `depth`. Unless `build`, the
/// value is only checked and nil is returned.
fn convert(
    mut v: GoValue<'_>,
    depth: usize,
    seen: &mut Seen,
    build: bool,
) -> Result<Value, String> {
    stacker::maybe_grow(64 * 1024, 1024 * 1024, || match &mut v {
        GoValue::Map(m) => {
            seen.depth = seen.depth.max(depth + 1);
            convert_map(std::mem::take(m), depth + 1, seen, build, None)
        }
        GoValue::Seq(items) => {
            seen.depth = seen.depth.max(depth + 1);
            if !build {
                for item in std::mem::take(items) {
                    convert(item, depth + 1, seen, false)?;
                }
                return Ok(Value::Nil);
            }
            let items = std::mem::take(items)
                .into_iter()
                .map(|item| convert(item, depth + 1, seen, true))
                .collect::<Result<Vec<_>, _>>()?;
            Ok(Value::List(List::new(items)))
        }
        GoValue::Str(s) => {
            seen.depth = seen.depth.max(depth);
            if !build {
                return Ok(Value::Nil);
            }
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
/// in the document does here. Only entries `keep` accepts are built (all
/// of them without `keep`), none unless `build`.
fn convert_map(
    mut m: GoMap<'_>,
    depth: usize,
    seen: &mut Seen,
    build: bool,
    keep: Option<KeepKey<'_>>,
) -> Result<Value, String> {
    let mut out = MapEntries::new();
    for (mut k, v) in std::mem::take(&mut m.entries) {
        let build_entry = build && keep.is_none_or(|keep| matches!(&k, GoValue::Str(s) if keep(s)));
        if !build_entry
            && matches!(
                k,
                GoValue::Str(_) | GoValue::Int(_) | GoValue::Float(_) | GoValue::Bool(_)
            )
        {
            convert(v, depth, seen, false)?;
            continue;
        }
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
        let value = convert(v, depth, seen, build_entry)?;
        if build_entry {
            out.insert(key, value);
        }
    }
    if !build {
        return Ok(Value::Nil);
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
