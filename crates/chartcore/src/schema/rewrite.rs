//! Schema rewrites that keep what a schema means but steer `boon` around
//! a place where it differs from the Go library: `boon` numbers the items
//! checked by `items` after `prefixItems` (and by `additionalItems` after an
//! `items` list) from zero instead of from their index. Listing the same
//! subschema, by reference, once per item makes every item a positional
//! one, numbered right; errors print the same, since a reference with one
//! error is not shown.

use serde_json::{Map, Value as J};

/// Rewrites the trailing-items keywords for arrays up to the longest one in
/// `instance`.
pub fn expand_trailing_items(mut schema: J, instance: &J) -> J {
    let longest = longest_array(instance);
    if longest > 0 {
        visit(&mut schema, &mut String::new(), longest);
    }
    schema
}

fn longest_array(v: &J) -> usize {
    match v {
        J::Array(a) => a.iter().map(longest_array).max().unwrap_or(0).max(a.len()),
        J::Object(o) => o.values().map(longest_array).max().unwrap_or(0),
        _ => 0,
    }
}

/// A JSON pointer token, escaped for use in a URI fragment.
fn fragment_token(tok: &str) -> String {
    fragment(&tok.replace('~', "~0").replace('/', "~1"))
}

/// A JSON pointer as a URI fragment: bytes a fragment may not hold are
/// percent-encoded.
pub(super) fn fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for b in pointer.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// `ptr`: the pointer (as a URI fragment) from the current resource — the
/// document or a subschema with `$id` — to `v`.
fn visit(v: &mut J, ptr: &mut String, longest: usize) {
    let J::Object(obj) = v else {
        if let J::Array(items) = v {
            for (i, item) in items.iter_mut().enumerate() {
                descend(item, ptr, &i.to_string(), longest);
            }
        }
        return;
    };
    // A new resource: references inside resolve against it.
    let saved = obj
        .get("$id")
        .filter(|id| id.is_string())
        .map(|_| std::mem::take(ptr));
    expand(obj, ptr, longest);
    for (k, child) in obj.iter_mut() {
        if matches!(k.as_str(), "enum" | "const" | "default" | "examples") {
            continue;
        }
        descend(child, ptr, k, longest);
    }
    if let Some(saved) = saved {
        *ptr = saved;
    }
}

fn descend(v: &mut J, ptr: &mut String, tok: &str, longest: usize) {
    let len = ptr.len();
    ptr.push('/');
    ptr.push_str(&fragment_token(tok));
    visit(v, ptr, longest);
    ptr.truncate(len);
}

fn reference(ptr: &str, keyword: &str) -> J {
    let mut m = Map::new();
    m.insert("$ref".into(), J::String(format!("#{ptr}/{keyword}")));
    J::Object(m)
}

fn expand(obj: &mut Map<String, J>, ptr: &str, longest: usize) {
    // 2020-12: `prefixItems` then `items`.
    if let (Some(J::Array(prefix)), Some(items)) = (obj.get("prefixItems"), obj.get("items"))
        && (items.is_object() || items.is_boolean())
        && !prefix.is_empty()
        && prefix.len() < longest
    {
        let n = prefix.len();
        let filler = match items {
            J::Bool(b) => J::Bool(*b),
            _ => reference(ptr, "items"),
        };
        if let Some(J::Array(prefix)) = obj.get_mut("prefixItems") {
            prefix.extend(std::iter::repeat_n(filler, longest - n));
        }
    }
    // Drafts 4 to 2019-09: an `items` list then an `additionalItems` schema.
    if let (Some(J::Array(items)), Some(J::Object(_))) =
        (obj.get("items"), obj.get("additionalItems"))
        && items.len() < longest
    {
        let n = items.len();
        let filler = reference(ptr, "additionalItems");
        if let Some(J::Array(items)) = obj.get_mut("items") {
            items.extend(std::iter::repeat_n(filler, longest - n));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_items_become_positional() {
        let schema: J = serde_json::from_str(
            r#"{"properties": {"a b": {"prefixItems": [{}], "items": {"type": "integer"}}}}"#,
        )
        .unwrap();
        let instance: J = serde_json::from_str(r#"{"a b": [1, 2, 3]}"#).unwrap();
        let out = expand_trailing_items(schema, &instance);
        let prefix = out["properties"]["a b"]["prefixItems"].as_array().unwrap();
        assert_eq!(prefix.len(), 3);
        assert_eq!(prefix[2]["$ref"], "#/properties/a%20b/items");
    }
}
