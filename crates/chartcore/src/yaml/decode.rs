//! go-yaml v2's decoder into `interface{}`: node tree → Go values
//! (`map[interface{}]interface{}`, `[]interface{}`, int, uint64, float64,
//! bool, string, nil), with merge keys, alias expansion and its limits.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use base64::Engine;

use super::compose::{Document, NodeId, NodeKind};
use super::resolve::{self, BINARY_TAG, MERGE_TAG, Scalar};

/// A value as go-yaml v2 decodes it into `interface{}`.
#[derive(Clone, Debug)]
pub(crate) enum GoValue<'d> {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// Go strings are bytes: `!!binary` data need not be UTF-8. Text
    /// borrows from the composed document.
    Str(Cow<'d, [u8]>),
    Seq(Vec<GoValue<'d>>),
    Map(GoMap<'d>),
}

/// Deeply nested values are taken apart iteratively, so that dropping
/// them cannot overflow the stack.
impl Drop for GoValue<'_> {
    fn drop(&mut self) {
        let mut stack = Vec::new();
        detach_children(self, &mut stack);
        while let Some(mut v) = stack.pop() {
            detach_children(&mut v, &mut stack);
        }
    }
}

fn detach_children<'d>(v: &mut GoValue<'d>, stack: &mut Vec<GoValue<'d>>) {
    match v {
        GoValue::Seq(items) => stack.append(items),
        GoValue::Map(m) => {
            for (k, val) in m.entries.drain(..) {
                stack.push(k);
                stack.push(val);
            }
        }
        _ => {}
    }
}

/// A Go map keyed by comparable Go values, in insertion order.
#[derive(Clone, Debug, Default)]
pub(crate) struct GoMap<'d> {
    pub entries: Vec<(GoValue<'d>, GoValue<'d>)>,
    index: HashMap<KeyId<'d>, usize>,
}

/// Go's `==` on interface keys: same dynamic type and value.
#[derive(Clone, Debug, Hash, PartialEq, Eq)]
enum KeyId<'d> {
    Nil,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(u64),
    Str(Cow<'d, [u8]>),
}

/// Maps up to this size are searched linearly; larger ones get an index.
const LINEAR_MAP_LIMIT: usize = 16;

impl<'d> GoMap<'d> {
    /// `m[k] = v`. NaN keys never compare equal, so each is a new entry.
    pub fn insert(&mut self, key: GoValue<'d>, value: GoValue<'d>) {
        if self.index.is_empty() {
            match self.entries.iter().position(|(k, _)| go_key_eq(k, &key)) {
                Some(at) => self.entries[at].1 = value,
                None => {
                    self.entries.push((key, value));
                    if self.entries.len() > LINEAR_MAP_LIMIT {
                        self.build_index();
                    }
                }
            }
            return;
        }
        let Some(id) = key_id(&key) else {
            self.entries.push((key, value));
            return;
        };
        match self.index.get(&id) {
            Some(&at) => self.entries[at].1 = value,
            None => {
                self.index.insert(id, self.entries.len());
                self.entries.push((key, value));
            }
        }
    }

    fn build_index(&mut self) {
        for (at, (k, _)) in self.entries.iter().enumerate() {
            if let Some(id) = key_id(k) {
                self.index.insert(id, at);
            }
        }
    }
}

/// Go's `==` on two interface keys.
fn go_key_eq(a: &GoValue, b: &GoValue) -> bool {
    match (a, b) {
        (GoValue::Nil, GoValue::Nil) => true,
        (GoValue::Bool(x), GoValue::Bool(y)) => x == y,
        (GoValue::Int(x), GoValue::Int(y)) => x == y,
        (GoValue::Uint(x), GoValue::Uint(y)) => x == y,
        (GoValue::Float(x), GoValue::Float(y)) => x == y,
        (GoValue::Str(x), GoValue::Str(y)) => x == y,
        _ => false,
    }
}

/// The identity of a key under Go's `==`; `None` for keys that equal
/// nothing (NaN) or cannot be keys at all.
fn key_id<'d>(key: &GoValue<'d>) -> Option<KeyId<'d>> {
    match key {
        GoValue::Nil => Some(KeyId::Nil),
        GoValue::Bool(b) => Some(KeyId::Bool(*b)),
        GoValue::Int(i) => Some(KeyId::Int(*i)),
        GoValue::Uint(u) => Some(KeyId::Uint(*u)),
        GoValue::Float(f) if f.is_nan() => None,
        // -0 == 0 in Go.
        GoValue::Float(f) => Some(KeyId::Float((f + 0.0).to_bits())),
        GoValue::Str(s) => Some(KeyId::Str(s.clone())),
        GoValue::Seq(_) | GoValue::Map(_) => None,
    }
}

/// go-yaml v2's alias expansion limits (`decode.go`).
const ALIAS_RATIO_RANGE_LOW: u64 = 400_000;
const ALIAS_RATIO_RANGE_HIGH: u64 = 4_000_000;

fn allowed_alias_ratio(decode_count: u64) -> f64 {
    if decode_count <= ALIAS_RATIO_RANGE_LOW {
        0.99
    } else if decode_count >= ALIAS_RATIO_RANGE_HIGH {
        0.10
    } else {
        let range = (ALIAS_RATIO_RANGE_HIGH - ALIAS_RATIO_RANGE_LOW) as f64;
        0.99 - 0.89 * ((decode_count - ALIAS_RATIO_RANGE_LOW) as f64 / range)
    }
}

/// Decodes a composed document (`None` root = empty input → nil).
pub(crate) fn decode<'d>(doc: &'d Document<'_>) -> Result<GoValue<'d>, String> {
    let Some(root) = doc.root else {
        return Ok(GoValue::Nil);
    };
    let mut d = Decoder {
        doc,
        decode_count: 0,
        alias_count: 0,
        alias_depth: 0,
        active: HashSet::new(),
    };
    d.value(root)
}

struct Decoder<'d> {
    doc: &'d Document<'d>,
    decode_count: u64,
    alias_count: u64,
    alias_depth: u32,
    /// Alias nodes being expanded (to detect an anchor containing itself).
    active: HashSet<NodeId>,
}

impl<'d> Decoder<'d> {
    /// The bookkeeping at the top of go-yaml's `unmarshal`.
    fn count(&mut self) -> Result<(), String> {
        self.decode_count += 1;
        if self.alias_depth > 0 {
            self.alias_count += 1;
        }
        if self.alias_count > 100
            && self.decode_count > 1000
            && self.alias_count as f64 / self.decode_count as f64
                > allowed_alias_ratio(self.decode_count)
        {
            return Err("document contains excessive aliasing".into());
        }
        Ok(())
    }

    fn value(&mut self, id: NodeId) -> Result<GoValue<'d>, String> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || {
            self.count()?;
            let doc = self.doc;
            match &doc.node(id).kind {
                NodeKind::Scalar {
                    value,
                    tag,
                    implicit,
                } => scalar(value, tag, *implicit),
                NodeKind::Sequence(items) => {
                    let mut out = Vec::with_capacity(items.len());
                    for &item in items {
                        out.push(self.value(item)?);
                    }
                    Ok(GoValue::Seq(out))
                }
                NodeKind::Mapping(items) => {
                    let mut map = GoMap::default();
                    self.mapping_into(items, &mut map)?;
                    Ok(GoValue::Map(map))
                }
                NodeKind::Alias { name, target } => {
                    self.enter_alias(id, name)?;
                    let v = self.value(*target);
                    self.leave_alias(id);
                    v
                }
            }
        })
    }

    fn enter_alias(&mut self, id: NodeId, name: &str) -> Result<(), String> {
        if !self.active.insert(id) {
            return Err(format!("anchor '{name}' value contains itself"));
        }
        self.alias_depth += 1;
        Ok(())
    }

    fn leave_alias(&mut self, id: NodeId) {
        self.alias_depth -= 1;
        self.active.remove(&id);
    }

    fn mapping_into(&mut self, items: &[NodeId], map: &mut GoMap<'d>) -> Result<(), String> {
        for pair in items.chunks(2) {
            let (k, v) = (pair[0], pair.get(1).copied());
            let Some(v) = v else { break };
            if self.is_merge(k) {
                self.merge(v, map)?;
                continue;
            }
            let key = self.value(k)?;
            if matches!(key, GoValue::Map(_) | GoValue::Seq(_)) {
                return Err(format!("invalid map key: {}", go_sharp_v(&key)));
            }
            let value = self.value(v)?;
            map.insert(key, value);
        }
        Ok(())
    }

    fn is_merge(&self, id: NodeId) -> bool {
        matches!(&self.doc.node(id).kind,
            NodeKind::Scalar { value, tag, implicit }
                if value == "<<" && (*implicit || tag == MERGE_TAG))
    }

    /// go-yaml v2 `merge`: the merged maps are decoded into the target in
    /// order (a list is walked backwards so that earlier maps win).
    fn merge(&mut self, id: NodeId, map: &mut GoMap<'d>) -> Result<(), String> {
        let doc = self.doc;
        match &doc.node(id).kind {
            NodeKind::Mapping(_) | NodeKind::Alias { .. } => self.merge_one(id, map),
            NodeKind::Sequence(items) => {
                for &item in items.iter().rev() {
                    self.merge_one(item, map)?;
                }
                Ok(())
            }
            NodeKind::Scalar { .. } => Err(want_map()),
        }
    }

    /// Decodes one mapping (or alias of one) into `map`.
    fn merge_one(&mut self, id: NodeId, map: &mut GoMap<'d>) -> Result<(), String> {
        let doc = self.doc;
        match &doc.node(id).kind {
            NodeKind::Mapping(items) => {
                self.count()?;
                self.mapping_into(items, map)
            }
            NodeKind::Alias { name, target } => {
                let NodeKind::Mapping(items) = &doc.node(*target).kind else {
                    return Err(want_map());
                };
                self.count()?;
                self.enter_alias(id, name)?;
                let result = self.count().and_then(|()| self.mapping_into(items, map));
                self.leave_alias(id);
                result
            }
            _ => Err(want_map()),
        }
    }
}

fn want_map() -> String {
    "map merge requires map or sequence of maps as the value".into()
}

/// go-yaml v2 `decoder.scalar` into `interface{}`.
fn scalar<'d>(value: &'d str, tag: &str, implicit: bool) -> Result<GoValue<'d>, String> {
    if tag.is_empty() && !implicit {
        return Ok(GoValue::Str(Cow::Borrowed(value.as_bytes())));
    }
    if tag == BINARY_TAG {
        return decode_base64(value)
            .map(|bytes| GoValue::Str(Cow::Owned(bytes)))
            .ok_or_else(|| "!!binary value contains invalid base64 data".to_string());
    }
    let (_, resolved) = resolve::resolve(tag, value)?;
    Ok(match resolved {
        Scalar::Null => GoValue::Nil,
        Scalar::Bool(b) => GoValue::Bool(b),
        Scalar::Int(i) => GoValue::Int(i),
        Scalar::Uint(u) => GoValue::Uint(u),
        Scalar::Float(f) => GoValue::Float(f),
        Scalar::Str => GoValue::Str(Cow::Borrowed(value.as_bytes())),
    })
}

/// Go's `base64.StdEncoding.DecodeString`: padding required, line breaks ignored.
fn decode_base64(s: &str) -> Option<Vec<u8>> {
    let cleaned: Vec<u8> = s.bytes().filter(|&b| b != b'\n' && b != b'\r').collect();
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::RequireCanonical),
    );
    engine.decode(cleaned).ok()
}

/// Go's `%#v` of a decoded value (used in go-yaml and sigs.k8s.io/yaml errors).
pub(crate) fn go_sharp_v(v: &GoValue<'_>) -> String {
    let mut out = String::new();
    sharp_v(v, &mut out, true);
    out
}

fn sharp_v(v: &GoValue<'_>, out: &mut String, top: bool) {
    match v {
        GoValue::Nil if top => out.push_str("<nil>"),
        GoValue::Nil => out.push_str("interface {}(nil)"),
        GoValue::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        GoValue::Int(i) => out.push_str(&i.to_string()),
        GoValue::Uint(u) => out.push_str(&format!("0x{u:x}")),
        GoValue::Float(f) => out.push_str(&gotemplate::strconv::format_float(*f, b'g', -1, 64)),
        GoValue::Str(s) => out.push_str(&gotemplate::strconv::quote(&go_lossy(s))),
        GoValue::Seq(items) => {
            out.push_str("[]interface {}{");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                sharp_v(item, out, false);
            }
            out.push('}');
        }
        GoValue::Map(m) => {
            out.push_str("map[interface {}]interface {}{");
            for (i, (k, v)) in m.entries.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                sharp_v(k, out, false);
                out.push(':');
                sharp_v(v, out, false);
            }
            out.push('}');
        }
    }
}

/// Bytes as Go's encoders see a string: each invalid UTF-8 byte becomes U+FFFD.
pub(crate) fn go_lossy(bytes: &[u8]) -> String {
    go_lossy_owned(bytes.to_vec())
}

/// [`go_lossy`] without copying valid text.
pub(crate) fn go_lossy_owned(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let bytes = e.into_bytes();
            let mut out = String::with_capacity(bytes.len());
            let mut rest = &bytes[..];
            while !rest.is_empty() {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        // Go decodes one byte at a time past an invalid sequence.
                        out.push('\u{FFFD}');
                        rest = &rest[good + 1..];
                    }
                }
            }
            out
        }
    }
}
