//! Sprig's list functions.
//!
//! Sprig takes lists as `interface{}` and inspects them with reflection:
//! any slice works (`[]interface{}`, `[]string`, `[]int`, `[]byte`), other
//! kinds fail with "Cannot ... on type KIND", and a nil argument crashes on
//! `reflect.TypeOf(nil).Kind()` (Go reports that panic as a nil pointer
//! dereference). The plain functions panic where the `must` variants return
//! an error, but Go's template engine turns both into the same message.

use gotemplate::value::deep_equal;
use gotemplate::{FuncError, FuncMap, GoType, List, Value};

use super::conv::{empty, float_to_i64, to_int64};
use super::{def, def_variadic, i};

use GoType::{Any, Int};

/// The panic Go raises for `reflect.TypeOf(nil).Kind()`.
pub(crate) const NIL_DEREF: &str =
    "runtime error: invalid memory address or nil pointer dereference";

/// Go's panic text for `make` with a negative length.
const MAKESLICE_LEN: &str = "runtime error: makeslice: len out of range";

pub(super) fn register(m: &mut FuncMap) {
    for name in ["list", "tuple"] {
        def_variadic(m, name, &[], Any, |a| Ok(Value::list(a)));
    }
    for name in ["append", "push", "mustAppend", "mustPush"] {
        def(m, name, &[Any, Any], |a| {
            let mut items = elements(&a[0], |k| format!("Cannot push on type {k}"))?;
            items.push(a[1].clone());
            Ok(Value::list(items))
        });
    }
    for name in ["prepend", "mustPrepend"] {
        def(m, name, &[Any, Any], |a| {
            let mut items = elements(&a[0], |k| format!("Cannot prepend on type {k}"))?;
            items.insert(0, a[1].clone());
            Ok(Value::list(items))
        });
    }
    for name in ["chunk", "mustChunk"] {
        def(m, name, &[Int, Any], |a| {
            let items = elements(&a[1], |k| format!("Cannot chunk type {k}"))?;
            chunk(i(&a[0]), &items)
        });
    }
    for name in ["first", "mustFirst"] {
        def(m, name, &[Any], |a| {
            let items = elements(&a[0], |k| format!("Cannot find first on type {k}"))?;
            Ok(items.into_iter().next().unwrap_or_default())
        });
    }
    for name in ["last", "mustLast"] {
        def(m, name, &[Any], |a| {
            let items = elements(&a[0], |k| format!("Cannot find last on type {k}"))?;
            Ok(items.into_iter().next_back().unwrap_or_default())
        });
    }
    for name in ["rest", "mustRest"] {
        def(m, name, &[Any], |a| {
            let items = elements(&a[0], |k| format!("Cannot find rest on type {k}"))?;
            Ok(Value::list(items.into_iter().skip(1).collect()))
        });
    }
    for name in ["initial", "mustInitial"] {
        def(m, name, &[Any], |a| {
            let mut items = elements(&a[0], |k| format!("Cannot find initial on type {k}"))?;
            items.pop();
            Ok(Value::list(items))
        });
    }
    for name in ["reverse", "mustReverse"] {
        def(m, name, &[Any], |a| {
            let mut items = elements(&a[0], |k| format!("Cannot find reverse on type {k}"))?;
            items.reverse();
            Ok(Value::list(items))
        });
    }
    for name in ["compact", "mustCompact"] {
        def(m, name, &[Any], |a| {
            let items = elements(&a[0], |k| format!("Cannot compact on type {k}"))?;
            Ok(Value::list(
                items.into_iter().filter(|v| !empty(v)).collect(),
            ))
        });
    }
    for name in ["uniq", "mustUniq"] {
        def(m, name, &[Any], |a| {
            let items = elements(&a[0], |k| format!("Cannot find uniq on type {k}"))?;
            let mut out: Vec<Value> = Vec::with_capacity(items.len());
            for item in items {
                if !contains(&out, &item) {
                    out.push(item);
                }
            }
            Ok(Value::list(out))
        });
    }
    for name in ["without", "mustWithout"] {
        def_variadic(m, name, &[Any], Any, |a| {
            let items = elements(&a[0], |k| format!("Cannot find without on type {k}"))?;
            let omit = &a[1..];
            Ok(Value::list(
                items.into_iter().filter(|v| !contains(omit, v)).collect(),
            ))
        });
    }
    for name in ["has", "mustHas"] {
        def(m, name, &[Any, Any], |a| {
            if a[1].is_nil() {
                return Ok(Value::Bool(false));
            }
            let items = elements(&a[1], |k| format!("Cannot find has on type {k}"))?;
            Ok(Value::Bool(contains(&items, &a[0])))
        });
    }
    for name in ["slice", "mustSlice"] {
        def_variadic(m, name, &[Any], Any, |a| slice(&a[0], &a[1..]));
    }
    def_variadic(m, "concat", &[], Any, |a| {
        let mut out = Vec::new();
        for v in &a {
            out.extend(elements(v, |k| format!("Cannot concat type {k} as list"))?);
        }
        Ok(Value::list(out))
    });
}

/// The elements of a slice argument, or Sprig's error for other kinds
/// (`describe` words it from the kind's name).
pub(crate) fn elements(
    v: &Value,
    describe: impl FnOnce(&str) -> String,
) -> Result<Vec<Value>, FuncError> {
    match v {
        Value::Nil => Err(FuncError::msg(NIL_DEREF)),
        Value::List(l) => Ok(l.items().to_vec()),
        // Go hands out `uint8` elements; the model has no such type, and
        // `int` prints the same.
        Value::Bytes(b) => Ok(b.iter().map(|x| Value::Int(i64::from(*x))).collect()),
        other => Err(FuncError::msg(describe(other.kind().name()))),
    }
}

/// Sprig's `inList`: membership by `reflect.DeepEqual`.
fn contains(haystack: &[Value], needle: &Value) -> bool {
    haystack.iter().any(|h| deep_equal(needle, h))
}

/// Sprig's `chunk`, computed as it does in float64 so that sizes of zero or
/// below fail (or not) exactly where Go's `make` panics.
fn chunk(size: i64, items: &[Value]) -> Result<Value, FuncError> {
    let len = items.len() as f64;
    let size_f = size as f64;
    let count = float_to_i64(((len - 1.0) / size_f).floor() + 1.0);
    if count < 0 {
        return Err(FuncError::msg(MAKESLICE_LEN));
    }
    let mut chunks = Vec::new();
    for c in 0..count {
        let mut clen = size;
        if c == count - 1 {
            clen = float_to_i64((len % size_f).floor());
            if clen == 0 {
                clen = size;
            }
        }
        if clen < 0 {
            return Err(FuncError::msg(MAKESLICE_LEN));
        }
        let mut part = Vec::new();
        for j in 0..clen {
            let ix = c.wrapping_mul(size).wrapping_add(j);
            let item = usize::try_from(ix)
                .ok()
                .and_then(|ix| items.get(ix))
                .ok_or_else(|| FuncError::msg("reflect: slice index out of range"))?;
            part.push(item.clone());
        }
        chunks.push(Value::list(part));
    }
    Ok(Value::list(chunks))
}

/// Sprig's `slice`: `list[start:end]` with indices converted by `cast.ToInt`,
/// keeping the slice's type; an empty list gives nil.
fn slice(list: &Value, indices: &[Value]) -> Result<Value, FuncError> {
    let len = match list {
        Value::Nil => return Err(FuncError::msg(NIL_DEREF)),
        Value::List(l) => l.len(),
        Value::Bytes(b) => b.len(),
        other => {
            return Err(FuncError::msg(format!(
                "list should be type of slice or array but {}",
                other.kind().name()
            )));
        }
    };
    if len == 0 {
        return Ok(Value::Nil);
    }
    let start = indices.first().map_or(0, to_int64);
    let end = indices.get(1).map_or(len as i64, to_int64);
    if start < 0 || end < start || end > len as i64 {
        return Err(FuncError::msg(
            "reflect.Value.Slice: slice index out of bounds",
        ));
    }
    let range = start as usize..end as usize;
    Ok(match list {
        Value::Bytes(b) => Value::Bytes(b[range].into()),
        Value::List(l) => Value::List(List::typed(l.items()[range].to_vec(), l.elem())),
        other => other.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_slices_are_lists_of_numbers() {
        let bytes = Value::Bytes(b"hi".to_vec().into());
        let items = elements(&bytes, |k| k.to_string()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].as_int(), Some(104));
        let part = slice(&bytes, &[Value::Int(1)]).unwrap();
        assert!(matches!(part, Value::Bytes(b) if &*b == b"i"));
    }

    #[test]
    fn chunk_sizes_follow_go_float_arithmetic() {
        let items: Vec<Value> = (0..5).map(Value::Int).collect();
        let chunks = chunk(2, &items).unwrap();
        let lens: Vec<usize> = chunks
            .as_list()
            .unwrap()
            .iter()
            .map(|c| c.as_list().unwrap().len())
            .collect();
        assert_eq!(lens, vec![2, 2, 1]);
        assert_eq!(chunk(0, &items).unwrap_err().to_string(), MAKESLICE_LEN);
        assert_eq!(chunk(i64::MAX, &items).unwrap().as_list().unwrap().len(), 1);
    }
}
