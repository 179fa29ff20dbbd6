//! A bound on how deep a schema makes the validator recurse at one place in
//! the values. The library (and `boon`) follow `$ref`s and in-place
//! applicators (`allOf`, `not`, ...) recursively, checking each step against
//! all the steps before it for cycles, so a long chain costs quadratic time
//! and deep stacks (CVE-2025-32387 was a stack overflow of this kind).
//! Chains longer than [`MAX_CHAIN`] are refused before validating.

use std::collections::HashMap;

use serde_json::Value as J;

/// The longest chain of schemas applied at one place that is accepted.
pub const MAX_CHAIN: usize = 5_000;

/// Keywords whose subschemas apply at the same place in the instance.
const IN_PLACE_LISTS: [&str; 3] = ["allOf", "anyOf", "oneOf"];
const IN_PLACE_ONE: [&str; 4] = ["not", "if", "then", "else"];
const REFS: [&str; 3] = ["$ref", "$dynamicRef", "$recursiveRef"];

/// The error when the schema's longest in-place chain exceeds the bound.
pub fn check(schema: &J) -> Result<(), String> {
    // A chain visits distinct objects (but maybe its last step): a schema
    // with no more objects than the bound needs no search.
    if count_objects(schema) <= MAX_CHAIN {
        return Ok(());
    }
    let longest = longest_chain(schema);
    if longest > MAX_CHAIN {
        return Err(format!(
            "schema not supported: it chains {longest} subschemas at one place (\"$ref\", \"allOf\", ...); chartrs accepts at most {MAX_CHAIN}"
        ));
    }
    Ok(())
}

/// The subschemas applied at the same instance location as `ptr`.
fn in_place(doc: &J, ptr: &str) -> Vec<String> {
    let Some(J::Object(obj)) = doc.pointer(ptr) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for kw in IN_PLACE_LISTS {
        if let Some(J::Array(items)) = obj.get(kw) {
            out.extend((0..items.len()).map(|i| format!("{ptr}/{kw}/{i}")));
        }
    }
    for kw in IN_PLACE_ONE {
        if obj.get(kw).is_some_and(J::is_object) {
            out.push(format!("{ptr}/{kw}"));
        }
    }
    for kw in REFS {
        if let Some(target) = obj.get(kw).and_then(J::as_str).and_then(local_pointer)
            && doc.pointer(&target).is_some_and(J::is_object)
        {
            out.push(target);
        }
    }
    out
}

/// `#/a/b` → `/a/b` (percent-decoded); other references are not followed.
pub(super) fn local_pointer(r: &str) -> Option<String> {
    let frag = r.strip_prefix('#')?;
    if !(frag.is_empty() || frag.starts_with('/')) {
        return None;
    }
    let bytes = frag.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = frag
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(String::from_utf8_lossy(&out).into_owned())
}

fn count_objects(doc: &J) -> usize {
    let mut count = 0;
    let mut stack = vec![doc];
    while let Some(v) = stack.pop() {
        match v {
            J::Object(obj) => {
                count += 1;
                stack.extend(obj.values());
            }
            J::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    count
}

/// The longest path of in-place steps from any schema object, cycles cut.
fn longest_chain(doc: &J) -> usize {
    let mut memo: HashMap<String, usize> = HashMap::new();
    let mut best = 0;
    let mut starts = Vec::new();
    collect_objects(doc, &mut starts);
    for start in starts {
        best = best.max(longest_from(doc, start, &mut memo));
    }
    best
}

/// Every object's pointer, without recursion.
fn collect_objects(doc: &J, out: &mut Vec<String>) {
    let mut stack = vec![(String::new(), doc)];
    while let Some((ptr, v)) = stack.pop() {
        match v {
            J::Object(obj) => {
                out.push(ptr.clone());
                for (k, child) in obj {
                    let tok = k.replace('~', "~0").replace('/', "~1");
                    stack.push((format!("{ptr}/{tok}"), child));
                }
            }
            J::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    stack.push((format!("{ptr}/{i}"), child));
                }
            }
            _ => {}
        }
    }
}

/// Iterative depth-first search: the longest in-place chain from `start`.
fn longest_from(doc: &J, start: String, memo: &mut HashMap<String, usize>) -> usize {
    if let Some(&d) = memo.get(&start) {
        return d;
    }
    // (node, its successors, next successor index, best so far)
    let mut stack: Vec<(String, Vec<String>, usize, usize)> = Vec::new();
    let mut on_stack: HashMap<String, ()> = HashMap::new();
    let succ = in_place(doc, &start);
    on_stack.insert(start.clone(), ());
    stack.push((start.clone(), succ, 0, 0));
    while let Some(top) = stack.last_mut() {
        if top.2 < top.1.len() {
            let next = top.1[top.2].clone();
            top.2 += 1;
            if let Some(&d) = memo.get(&next) {
                top.3 = top.3.max(d + 1);
            } else if !on_stack.contains_key(&next) {
                let succ = in_place(doc, &next);
                on_stack.insert(next.clone(), ());
                stack.push((next, succ, 0, 0));
            }
            continue;
        }
        let (node, _, _, depth) = stack.pop().unwrap_or_default();
        on_stack.remove(&node);
        memo.insert(node, depth);
        if let Some(parent) = stack.last_mut() {
            parent.3 = parent.3.max(depth + 1);
        }
    }
    memo.get(&start).copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chains_are_measured() {
        let schema: J = serde_json::from_str(
            r##"{"$ref": "#/$defs/a", "$defs": {"a": {"allOf": [{"$ref": "#/$defs/b"}]}, "b": {"not": {}}, "loop": {"$ref": "#"}}}"##,
        )
        .unwrap();
        assert_eq!(longest_chain(&schema), 5);
        assert_eq!(count_objects(&schema), 7);
    }
}
