//! Sprig's dictionary functions.
//!
//! Dicts are Go maps: `set`, `unset` and the `merge` family change the map
//! they are given, and every holder of that map sees the change.

use gotemplate::{FuncError, FuncMap, GoType, List, Map, Value};

use super::conv::{empty, strval};
use super::{def, def_variadic, s};

use GoType::{Any, Map as MapT, String as Str};

/// Nesting beyond which a merge gives up (Go would overflow its stack on a
/// map that contains itself).
const MAX_MERGE_DEPTH: usize = 1_000;

pub(super) fn register(m: &mut FuncMap) {
    def_variadic(m, "dict", &[], Any, |a| {
        let d = Map::new();
        for pair in a.chunks(2) {
            let value = pair.get(1).cloned().unwrap_or_else(|| Value::str(""));
            d.insert(strval(&pair[0]), value);
        }
        Ok(Value::Map(d))
    });
    def(m, "get", &[MapT, Str], |a| {
        Ok(map(&a[0]).get(s(&a[1])).unwrap_or_else(|| Value::str("")))
    });
    def(m, "set", &[MapT, Str, Any], |a| {
        map(&a[0]).insert(s(&a[1]), a[2].clone());
        Ok(a[0].clone())
    });
    def(m, "unset", &[MapT, Str], |a| {
        map(&a[0]).remove(s(&a[1]));
        Ok(a[0].clone())
    });
    def(m, "hasKey", &[MapT, Str], |a| {
        Ok(Value::Bool(map(&a[0]).contains_key(s(&a[1]))))
    });
    def_variadic(m, "pluck", &[Str], MapT, |a| {
        let key = s(&a[0]);
        Ok(Value::list(
            a[1..].iter().filter_map(|d| map(d).get(key)).collect(),
        ))
    });
    def_variadic(m, "keys", &[], MapT, |a| {
        // Go returns the keys in random map order; sorted is one of those orders.
        Ok(Value::List(List::strings(
            a.iter().flat_map(|d| map(d).keys()).collect::<Vec<_>>(),
        )))
    });
    def(m, "values", &[MapT], |a| {
        Ok(Value::list(
            map(&a[0]).entries().into_iter().map(|(_, v)| v).collect(),
        ))
    });
    def_variadic(m, "pick", &[MapT], Str, |a| {
        let src = map(&a[0]);
        let out = Map::new();
        for k in &a[1..] {
            if let Some(v) = src.get(s(k)) {
                out.insert(s(k), v);
            }
        }
        Ok(Value::Map(out))
    });
    def_variadic(m, "omit", &[MapT], Str, |a| {
        let omit: Vec<&str> = a[1..].iter().map(s).collect();
        Ok(Value::Map(
            map(&a[0])
                .entries()
                .into_iter()
                .filter(|(k, _)| !omit.contains(&&**k))
                .collect(),
        ))
    });
    for (name, overwrite, must) in [
        ("merge", false, false),
        ("mustMerge", false, true),
        ("mergeOverwrite", true, false),
        ("mustMergeOverwrite", true, true),
    ] {
        def_variadic(m, name, &[MapT], MapT, move |a| {
            let dst = map(&a[0]);
            for src in &a[1..] {
                if let Err(e) = merge_into(dst, map(src), overwrite, 0) {
                    // Sprig's plain variants swallow mergo's errors.
                    return if must { Err(e) } else { Ok(Value::str("")) };
                }
            }
            Ok(a[0].clone())
        });
    }
    def_variadic(m, "dig", &[], Any, |a| dig(&a));
    for name in ["deepCopy", "mustDeepCopy"] {
        def(m, name, &[Any], |a| {
            if a[0].is_nil() {
                // copystructure asks the type of the nil it was given.
                return Err(FuncError::msg(
                    "reflect: call of reflect.Value.Type on zero Value",
                ));
            }
            Ok(a[0].deep_copy())
        });
    }
}

/// The map in a value the engine already checked to be a map.
fn map(v: &Value) -> &Map {
    static EMPTY: std::sync::OnceLock<Map> = std::sync::OnceLock::new();
    v.as_map().unwrap_or_else(|| EMPTY.get_or_init(Map::new))
}

/// `mergo.Merge(&dst, src)` (`overwrite` false) or `mergo.MergeWithOverwrite`
/// for `map[string]interface{}`, with mergo's quirks:
/// - nested maps present on both sides merge recursively, in place: the
///   destination's nested map changes for everyone holding it;
/// - a nested map or list only in `src` is put into `dst` as is (shared);
/// - without overwrite, a destination value is replaced only when it is
///   empty (nil, zero, "", false, empty map or list);
/// - with overwrite, every source value wins, nil included; maps on both
///   sides still merge key by key.
fn merge_into(dst: &Map, src: &Map, overwrite: bool, depth: usize) -> Result<(), FuncError> {
    if depth > MAX_MERGE_DEPTH {
        return Err(FuncError::msg("merge: maps nested too deeply"));
    }
    for (key, sv) in src.entries() {
        let dv = dst.get(&key);
        if sv.is_nil() {
            if overwrite {
                dst.insert(key, Value::Nil);
            }
            continue;
        }
        // Whether a set destination value is left as the branch below made
        // it: lists are settled there, maps were merged into a map.
        let keeps_dst = match &sv {
            Value::Map(sm) => {
                if let Some(Value::Map(dm)) = &dv {
                    merge_into(dm, sm, overwrite, depth + 1)?;
                    true
                } else {
                    false
                }
            }
            Value::List(_) | Value::Bytes(_) => {
                // mergo stores the slice it settled on; which one depends on
                // whether the whole destination map is empty, not the entry.
                let keep = match &dv {
                    Some(v) if !v.is_nil() => v.clone(),
                    _ => empty_like(&sv),
                };
                let chosen = if overwrite || dst.is_empty() {
                    sv.clone()
                } else {
                    keep
                };
                dst.insert(key.clone(), chosen);
                true
            }
            _ => false,
        };
        let dst_set = dv.as_ref().is_some_and(|v| !empty(v));
        if dst_set && keeps_dst {
            continue;
        }
        if overwrite || !dst_set {
            dst.insert(key, sv);
        }
    }
    Ok(())
}

/// An empty slice of the same type as `v`.
fn empty_like(v: &Value) -> Value {
    match v {
        Value::Bytes(_) => Value::Bytes(Vec::new().into()),
        Value::List(l) => Value::List(List::typed(Vec::new(), l.elem())),
        _ => Value::list(Vec::new()),
    }
}

/// Sprig's `dig KEY... DEFAULT DICT`, with Go's type-assertion panics.
fn dig(args: &[Value]) -> Result<Value, FuncError> {
    if args.len() < 3 {
        return Err(FuncError::msg("dig needs at least three arguments"));
    }
    let (keys, rest) = args.split_at(args.len() - 2);
    let (default, dict) = (&rest[0], &rest[1]);
    let mut current = assert_map(dict)?;
    let keys: Vec<&str> = keys
        .iter()
        .map(|k| {
            k.as_str()
                .ok_or_else(|| FuncError::msg(conversion_panic(k, "string")))
        })
        .collect::<Result<_, _>>()?;
    for (n, key) in keys.iter().enumerate() {
        let Some(step) = current.get(key) else {
            return Ok(default.clone());
        };
        if n == keys.len() - 1 {
            return Ok(step);
        }
        current = assert_map(&step)?;
    }
    Ok(default.clone())
}

/// `v.(map[string]interface{})`.
fn assert_map(v: &Value) -> Result<Map, FuncError> {
    v.as_map()
        .cloned()
        .ok_or_else(|| FuncError::msg(conversion_panic(v, "map[string]interface {}")))
}

/// The text of Go's `*runtime.TypeAssertionError` from `interface {}`.
fn conversion_panic(v: &Value, want: &str) -> String {
    if v.is_nil() {
        format!("interface conversion: interface {{}} is nil, not {want}")
    } else {
        format!(
            "interface conversion: interface {{}} is {}, not {want}",
            v.type_name()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_shares_nested_source_maps_and_mutates_nested_destinations() {
        let shared = Map::new();
        shared.insert("x", Value::Int(1));
        let src = Map::new();
        src.insert("only_src", Value::Map(shared.clone()));
        src.insert("both", Value::map([("y", Value::Int(2))]));
        let nested_dst = Map::new();
        nested_dst.insert("z", Value::Int(3));
        let dst = Map::new();
        dst.insert("both", Value::Map(nested_dst.clone()));
        merge_into(&dst, &src, false, 0).unwrap();
        // The source's map went in as is: the same map, not a copy.
        assert!(
            dst.get("only_src")
                .unwrap()
                .as_map()
                .unwrap()
                .ptr_eq(&shared)
        );
        // The destination's nested map was filled in place.
        assert_eq!(
            nested_dst.keys(),
            vec!["y".into(), "z".into()] as Vec<gotemplate::Str>
        );
    }

    #[test]
    fn merging_a_map_that_contains_itself_fails_instead_of_overflowing() {
        let d = Map::new();
        d.insert("self", Value::Map(d.clone()));
        assert!(merge_into(&d, &d, false, 0).is_err());
        // Break the cycle so the map can be freed.
        d.remove("self");
    }

    #[test]
    fn dig_reports_go_type_assertion_panics() {
        let err = dig(&[Value::Int(1), Value::Nil, Value::Map(Map::new())]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "interface conversion: interface {} is int, not string"
        );
    }
}
