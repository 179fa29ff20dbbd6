//! The dynamic value model: what Go's `reflect.Value` is to `text/template`.
//!
//! Values are cheap to clone: strings, lists and maps are reference counted.
//! Maps have reference semantics like Go maps (Sprig's `set` mutates a map that
//! every holder sees), so they sit behind a lock; lists and strings are immutable.
//!
//! Go type identity matters for printing (`%T`), comparisons (`int` and `float64`
//! do not compare) and Sprig's `typeOf`/`kindOf`, so the model keeps Go's `int`
//! and `int64` apart and tags lists with their element type.

use std::any::Any;
use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// An immutable shared string.
pub type Str = Arc<str>;

/// A template value.
#[derive(Clone, Default)]
pub enum Value {
    /// Go's nil interface (a missing map key, a YAML `null`).
    #[default]
    Nil,
    /// `bool`.
    Bool(bool),
    /// Go `int` (template integer constants, `len`, `atoi`, `int`).
    Int(i64),
    /// Go `int64` (`--set` integers, Sprig math results, `int64`).
    Int64(i64),
    /// `float64` (every number read from YAML or JSON).
    Float(f64),
    /// `string`.
    String(Str),
    /// `[]byte` (`.Files.GetBytes`).
    Bytes(Arc<[u8]>),
    /// A slice.
    List(List),
    /// A `map[string]interface{}`.
    Map(Map),
    /// A host object with fields and methods (`.Files`, `.Capabilities`, `time.Time`).
    Object(Arc<dyn Object>),
}

/// Go's `reflect.Kind`, as far as templates can observe it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A nil interface: no value at all.
    Invalid,
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `int64`
    Int64,
    /// `float64`
    Float64,
    /// `string`
    String,
    /// A slice, `[]byte` included.
    Slice,
    /// A map.
    Map,
    /// A struct: the default for host objects.
    Struct,
    /// A pointer: host objects that are Go pointers (e.g. `*common.Capabilities`).
    Ptr,
}

impl Kind {
    /// The name Go's `reflect.Kind.String` gives (`kindOf` in Sprig).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Invalid => "invalid",
            Kind::Bool => "bool",
            Kind::Int => "int",
            Kind::Int64 => "int64",
            Kind::Float64 => "float64",
            Kind::String => "string",
            Kind::Slice => "slice",
            Kind::Map => "map",
            Kind::Struct => "struct",
            Kind::Ptr => "ptr",
        }
    }
}

/// The element type of a slice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ElemType {
    /// `[]interface {}`
    #[default]
    Any,
    /// `[]string`
    String,
    /// `[]int`
    Int,
}

/// An immutable, shared slice of values.
#[derive(Clone, Default)]
pub struct List {
    items: Arc<ListItems>,
    elem: ElemType,
}

/// The storage of a list. Dropping it frees nested lists and maps with an
/// explicit stack, so arbitrarily deep values cannot overflow the call stack.
#[derive(Default)]
struct ListItems(Vec<Value>);

/// The storage of a map (see [`ListItems`] for why it has its own drop).
#[derive(Default)]
struct MapCell(RwLock<MapEntries>);

/// Moves the children of `v` onto `stack` when `v` is the last holder of
/// its storage, leaving `v` cheap to drop.
fn detach(v: Value, stack: &mut Vec<Value>) {
    match v {
        Value::List(l) => {
            if let Ok(mut owned) = Arc::try_unwrap(l.items) {
                stack.append(&mut owned.0);
            }
        }
        Value::Map(m) => {
            if let Ok(mut owned) = Arc::try_unwrap(m.0) {
                let entries = std::mem::take(owned.0.get_mut().unwrap_or_else(|e| e.into_inner()));
                stack.extend(entries.into_values());
            }
        }
        _ => {}
    }
}

fn drop_iteratively(items: impl Iterator<Item = Value>) {
    let mut stack: Vec<Value> = Vec::new();
    for v in items {
        if matches!(v, Value::List(_) | Value::Map(_)) {
            detach(v, &mut stack);
        }
    }
    while let Some(v) = stack.pop() {
        detach(v, &mut stack);
    }
}

impl Drop for ListItems {
    fn drop(&mut self) {
        if !self.0.is_empty() {
            drop_iteratively(std::mem::take(&mut self.0).into_iter());
        }
    }
}

impl Drop for MapCell {
    fn drop(&mut self) {
        let entries = std::mem::take(self.0.get_mut().unwrap_or_else(|e| e.into_inner()));
        if !entries.is_empty() {
            drop_iteratively(entries.into_values());
        }
    }
}

impl List {
    /// A `[]interface {}`.
    pub fn new(items: Vec<Value>) -> List {
        List {
            items: Arc::new(ListItems(items)),
            elem: ElemType::Any,
        }
    }

    /// A slice with the given element type. The items must match it.
    pub fn typed(items: Vec<Value>, elem: ElemType) -> List {
        List {
            items: Arc::new(ListItems(items)),
            elem,
        }
    }

    /// A `[]string`.
    pub fn strings<I, S>(items: I) -> List
    where
        I: IntoIterator<Item = S>,
        S: Into<Str>,
    {
        List::typed(
            items.into_iter().map(|s| Value::String(s.into())).collect(),
            ElemType::String,
        )
    }

    /// The element type, which fixes the Go type name.
    pub fn elem(&self) -> ElemType {
        self.elem
    }

    /// The items as a slice.
    pub fn items(&self) -> &[Value] {
        &self.items.0
    }

    /// The number of items.
    pub fn len(&self) -> usize {
        self.items.0.len()
    }

    /// Whether the list has no items.
    pub fn is_empty(&self) -> bool {
        self.items.0.is_empty()
    }

    /// The item at index `i`.
    pub fn get(&self, i: usize) -> Option<&Value> {
        self.items.0.get(i)
    }

    /// Iterates over the items in order.
    pub fn iter(&self) -> std::slice::Iter<'_, Value> {
        self.items.0.iter()
    }

    /// The Go type name, e.g. `[]interface {}`.
    pub fn type_name(&self) -> &'static str {
        match self.elem {
            ElemType::Any => "[]interface {}",
            ElemType::String => "[]string",
            ElemType::Int => "[]int",
        }
    }

    /// Whether two handles share storage.
    pub fn ptr_eq(&self, other: &List) -> bool {
        Arc::ptr_eq(&self.items, &other.items)
    }

    /// The items as an owned vector (cloned only when shared).
    pub fn into_vec(self) -> Vec<Value> {
        match Arc::try_unwrap(self.items) {
            Ok(mut owned) => std::mem::take(&mut owned.0),
            Err(shared) => shared.0.clone(),
        }
    }
}

impl FromIterator<Value> for List {
    fn from_iter<T: IntoIterator<Item = Value>>(iter: T) -> Self {
        List::new(iter.into_iter().collect())
    }
}

/// The entries of a map, ordered by key bytes (Go prints and ranges maps sorted).
pub type MapEntries = BTreeMap<Str, Value>;

/// A shared, mutable `map[string]interface{}` with Go's reference semantics.
#[derive(Clone, Default)]
pub struct Map(Arc<MapCell>);

impl Map {
    /// An empty map.
    pub fn new() -> Map {
        Map::default()
    }

    /// A new map owning `entries`.
    pub fn from_entries(entries: MapEntries) -> Map {
        Map(Arc::new(MapCell(RwLock::new(entries))))
    }

    /// Read access to the entries.
    pub fn read(&self) -> RwLockReadGuard<'_, MapEntries> {
        // A panic while holding the lock cannot leave a map half-updated in a way
        // that matters more than the panic itself, so poisoning is ignored.
        self.0.0.read().unwrap_or_else(|e| e.into_inner())
    }

    /// Write access to the entries.
    pub fn write(&self) -> RwLockWriteGuard<'_, MapEntries> {
        self.0.0.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A clone of the value under `key`.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.read().get(key).cloned()
    }

    /// Whether `key` is present (with any value, nil included).
    pub fn contains_key(&self, key: &str) -> bool {
        self.read().contains_key(key)
    }

    /// Sets `key`, visible to every handle of the map; hands back the old value.
    pub fn insert(&self, key: impl Into<Str>, value: Value) -> Option<Value> {
        self.write().insert(key.into(), value)
    }

    /// Deletes `key`, visible to every handle of the map; hands back its value.
    pub fn remove(&self, key: &str) -> Option<Value> {
        self.write().remove(key)
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.read().len()
    }

    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.read().is_empty()
    }

    /// The keys, sorted bytewise.
    pub fn keys(&self) -> Vec<Str> {
        self.read().keys().cloned().collect()
    }

    /// A snapshot of the entries, sorted bytewise by key.
    pub fn entries(&self) -> Vec<(Str, Value)> {
        self.read()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    /// Whether two handles share storage.
    pub fn ptr_eq(&self, other: &Map) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// A new map with the same entries (shallow: nested maps stay shared).
    pub fn shallow_copy(&self) -> Map {
        Map::from_entries(self.read().clone())
    }

    /// A new map with the same entries, nested maps and lists copied too.
    pub fn deep_copy(&self) -> Map {
        let entries = self
            .read()
            .iter()
            .map(|(k, v)| (k.clone(), v.deep_copy()))
            .collect();
        Map::from_entries(entries)
    }
}

impl FromIterator<(Str, Value)> for Map {
    fn from_iter<T: IntoIterator<Item = (Str, Value)>>(iter: T) -> Self {
        Map::from_entries(iter.into_iter().collect())
    }
}

/// A Go type as a function or method parameter declares it. The engine converts
/// and checks arguments against it the way `text/template` does (`evalArg`,
/// `validateType`), with Go's error texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoType {
    /// `interface {}`: anything, nil included.
    Any,
    /// `bool`
    Bool,
    /// `int`
    Int,
    /// `int64`
    Int64,
    /// `float64`
    Float64,
    /// `string`
    String,
    /// `[]byte`
    Bytes,
    /// `[]interface {}`
    List,
    /// `[]string`
    StringList,
    /// `map[string]interface {}`
    Map,
    /// A host object type, by its Go type name (e.g. `time.Time`).
    Object(&'static str),
}

impl GoType {
    /// The Go spelling of the type, as error messages show it.
    pub fn name(self) -> &'static str {
        match self {
            GoType::Any => "interface {}",
            GoType::Bool => "bool",
            GoType::Int => "int",
            GoType::Int64 => "int64",
            GoType::Float64 => "float64",
            GoType::String => "string",
            GoType::Bytes => "[]uint8",
            GoType::List => "[]interface {}",
            GoType::StringList => "[]string",
            GoType::Map => "map[string]interface {}",
            GoType::Object(name) => name,
        }
    }

    /// Whether a nil value converts to this type's zero value (Go's `canBeNil`).
    pub fn can_be_nil(self) -> bool {
        matches!(
            self,
            GoType::Any | GoType::Bytes | GoType::List | GoType::StringList | GoType::Map
        )
    }

    /// The zero value of this type.
    pub fn zero(self) -> Value {
        match self {
            GoType::Any | GoType::Object(_) => Value::Nil,
            GoType::Bool => Value::Bool(false),
            GoType::Int => Value::Int(0),
            GoType::Int64 => Value::Int64(0),
            GoType::Float64 => Value::Float(0.0),
            GoType::String => Value::String("".into()),
            GoType::Bytes => Value::Bytes(Arc::from(&[][..])),
            GoType::List => Value::List(List::new(Vec::new())),
            GoType::StringList => Value::List(List::typed(Vec::new(), ElemType::String)),
            GoType::Map => Value::Map(Map::new()),
        }
    }

    /// Whether a value of this dynamic type can be passed where `self` is declared.
    pub fn accepts(self, v: &Value) -> bool {
        match (self, v) {
            (GoType::Any, _) => true,
            (GoType::Bool, Value::Bool(_)) => true,
            (GoType::Int, Value::Int(_)) => true,
            (GoType::Int64, Value::Int64(_)) => true,
            (GoType::Float64, Value::Float(_)) => true,
            (GoType::String, Value::String(_)) => true,
            (GoType::Bytes, Value::Bytes(_)) => true,
            (GoType::List, Value::List(l)) => l.elem() == ElemType::Any,
            (GoType::StringList, Value::List(l)) => l.elem() == ElemType::String,
            (GoType::Map, Value::Map(_)) => true,
            (GoType::Object(name), Value::Object(o)) => o.type_name() == name,
            _ => false,
        }
    }
}

/// A method's signature.
#[derive(Clone, Debug)]
pub struct Signature {
    /// Fixed parameters.
    pub params: Vec<GoType>,
    /// The element type of a trailing `...T` parameter.
    pub variadic: Option<GoType>,
}

impl Signature {
    /// Fixed parameters only.
    pub fn new(params: &[GoType]) -> Signature {
        Signature {
            params: params.to_vec(),
            variadic: None,
        }
    }

    /// Fixed parameters followed by `...rest`.
    pub fn variadic(params: &[GoType], rest: GoType) -> Signature {
        Signature {
            params: params.to_vec(),
            variadic: Some(rest),
        }
    }
}

/// A host object exposed to templates: Go struct or named type with fields and methods.
///
/// `text/template` looks methods up before fields, so an object's method of a
/// given name shadows a field of the same name.
pub trait Object: Send + Sync + 'static {
    /// The Go type name (`%T`, Sprig `typeOf`), e.g. `*common.Capabilities`.
    fn type_name(&self) -> &str;

    /// The reflect kind (Sprig `kindOf`).
    fn kind(&self) -> Kind {
        Kind::Struct
    }

    /// A field value, or `None` if the object has no such field.
    fn field(&self, _name: &str) -> Option<Value> {
        None
    }

    /// The signature of a method, or `None` if the object has no such method.
    fn method(&self, _name: &str) -> Option<Signature> {
        None
    }

    /// Calls a method already checked with [`Object::method`]; the arguments
    /// match its signature. An error is reported as `error calling NAME: ...`.
    fn call_method(&self, name: &str, _args: Vec<Value>) -> Result<Value, String> {
        Err(format!("can't call method {name}"))
    }

    /// The text of a Go `String()` method, if the type has one (used by `%v`, `%s`, `print`).
    fn to_go_string(&self) -> Option<String> {
        None
    }

    /// What `{{ . }}` prints when the object is addressable (a field of a
    /// struct reached through a pointer): Go then also finds `String()`
    /// methods with pointer receivers, which `printf` and friends, given a
    /// copy, do not see.
    fn to_go_string_addressable(&self) -> Option<String> {
        self.to_go_string()
    }

    /// How `%v` prints the object when it has no `String()` method (Go's struct
    /// printing, e.g. `{a b}`); `plus` is `%+v`.
    fn fmt_struct(&self, plus: bool) -> String {
        let _ = plus;
        format!("{{{}}}", self.type_name())
    }

    /// The value Go's `encoding/json` would marshal this object as (for
    /// `toJson`/`toYaml`), as a plain data value.
    fn to_data(&self) -> Value {
        Value::Map(Map::new())
    }

    /// Whether the object counts as "true" in `if` (Go: a struct always does,
    /// an empty map or slice does not).
    fn is_truthy(&self) -> bool {
        true
    }

    /// The number of elements, for objects that are maps or slices in Go.
    fn length(&self) -> Option<usize> {
        None
    }

    /// The object as `Any`, so host code can downcast its own types.
    fn as_any(&self) -> &dyn Any;
}

impl Value {
    /// A string value.
    pub fn str(s: impl Into<Str>) -> Value {
        Value::String(s.into())
    }

    /// A `[]interface {}` value.
    pub fn list(items: Vec<Value>) -> Value {
        Value::List(List::new(items))
    }

    /// A map value built from pairs.
    pub fn map<K: Into<Str>>(pairs: impl IntoIterator<Item = (K, Value)>) -> Value {
        Value::Map(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// An object value.
    pub fn object(o: impl Object) -> Value {
        Value::Object(Arc::new(o))
    }

    /// Whether this is the nil interface.
    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// The reflect kind.
    pub fn kind(&self) -> Kind {
        match self {
            Value::Nil => Kind::Invalid,
            Value::Bool(_) => Kind::Bool,
            Value::Int(_) => Kind::Int,
            Value::Int64(_) => Kind::Int64,
            Value::Float(_) => Kind::Float64,
            Value::String(_) => Kind::String,
            Value::Bytes(_) | Value::List(_) => Kind::Slice,
            Value::Map(_) => Kind::Map,
            Value::Object(o) => o.kind(),
        }
    }

    /// The Go type name, as `%T` prints it (`<nil>` for nil).
    pub fn type_name(&self) -> &str {
        match self {
            Value::Nil => "<nil>",
            Value::Bool(_) => "bool",
            Value::Int(_) => "int",
            Value::Int64(_) => "int64",
            Value::Float(_) => "float64",
            Value::String(_) => "string",
            Value::Bytes(_) => "[]uint8",
            Value::List(l) => l.type_name(),
            Value::Map(_) => "map[string]interface {}",
            Value::Object(o) => o.type_name(),
        }
    }

    /// Go's `template.IsTrue`: false for zero values and empty collections.
    pub fn is_true(&self) -> bool {
        match self {
            Value::Nil => false,
            Value::Bool(b) => *b,
            Value::Int(i) | Value::Int64(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::String(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.is_empty(),
            Value::Object(o) => o.is_truthy(),
        }
    }

    /// The text of a `string` (not of `[]byte` or objects).
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The integer of an `int` or `int64`.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) | Value::Int64(i) => Some(*i),
            _ => None,
        }
    }

    /// The value of a `bool`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The map of a `map[string]interface {}`.
    pub fn as_map(&self) -> Option<&Map> {
        match self {
            Value::Map(m) => Some(m),
            _ => None,
        }
    }

    /// The list of a slice of any element type (not `[]byte`).
    pub fn as_list(&self) -> Option<&List> {
        match self {
            Value::List(l) => Some(l),
            _ => None,
        }
    }

    /// A copy in which maps and lists are new (Sprig `deepCopy`).
    pub fn deep_copy(&self) -> Value {
        match self {
            Value::Map(m) => Value::Map(m.deep_copy()),
            Value::List(l) => Value::List(List::typed(
                l.iter().map(Value::deep_copy).collect(),
                l.elem(),
            )),
            other => other.clone(),
        }
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.into())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s.into())
    }
}

impl From<Str> for Value {
    fn from(s: Str) -> Value {
        Value::String(s)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Float(f)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Map(m)
    }
}

impl From<List> for Value {
    fn from(l: List) -> Value {
        Value::List(l)
    }
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Nil => f.write_str("Nil"),
            Value::Bool(b) => write!(f, "Bool({b})"),
            Value::Int(i) => write!(f, "Int({i})"),
            Value::Int64(i) => write!(f, "Int64({i})"),
            Value::Float(x) => write!(f, "Float({x:?})"),
            Value::String(s) => write!(f, "String({s:?})"),
            Value::Bytes(b) => write!(f, "Bytes({b:?})"),
            Value::List(l) => f.debug_list().entries(l.iter()).finish(),
            Value::Map(m) => f.debug_map().entries(m.read().iter()).finish(),
            Value::Object(o) => write!(f, "Object({})", o.type_name()),
        }
    }
}

impl fmt::Debug for List {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl fmt::Debug for Map {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.read().iter()).finish()
    }
}

/// Structural equality with Go's `reflect.DeepEqual` rules (types must match;
/// maps and lists compare element-wise; objects by identity).
pub fn deep_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Nil, Value::Nil) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Int(x), Value::Int(y)) | (Value::Int64(x), Value::Int64(y)) => x == y,
        (Value::Float(x), Value::Float(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bytes(x), Value::Bytes(y)) => x == y,
        (Value::List(x), Value::List(y)) => {
            x.elem() == y.elem()
                && x.len() == y.len()
                && x.iter().zip(y.iter()).all(|(p, q)| deep_equal(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            if x.ptr_eq(y) {
                return true;
            }
            let (x, y) = (x.read(), y.read());
            x.len() == y.len()
                && x.iter()
                    .zip(y.iter())
                    .all(|((k1, v1), (k2, v2))| k1 == k2 && deep_equal(v1, v2))
        }
        (Value::Object(x), Value::Object(y)) => Arc::ptr_eq(x, y),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_are_shared_by_reference() {
        let m = Map::new();
        let alias = Value::Map(m.clone());
        m.insert("a", Value::Int(1));
        assert_eq!(alias.as_map().unwrap().get("a").unwrap().as_int(), Some(1));
    }

    #[test]
    fn truthiness_follows_go() {
        let cases: &[(Value, bool)] = &[
            (Value::Nil, false),
            (Value::Int(0), false),
            (Value::Float(0.5), true),
            (Value::str(""), false),
            (Value::str("x"), true),
            (Value::list(vec![]), false),
            (Value::list(vec![Value::Nil]), true),
            (Value::Map(Map::new()), false),
        ];
        for (v, want) in cases {
            assert_eq!(v.is_true(), *want, "{v:?}");
        }
    }

    #[test]
    fn type_names_follow_go() {
        assert_eq!(Value::Int64(1).type_name(), "int64");
        assert_eq!(Value::list(vec![]).type_name(), "[]interface {}");
        assert_eq!(Value::List(List::strings(["a"])).type_name(), "[]string");
        assert_eq!(
            Value::Map(Map::new()).type_name(),
            "map[string]interface {}"
        );
    }

    #[test]
    fn deep_values_drop_without_recursion() {
        // A million levels would overflow any stack if dropping recursed.
        let handle = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                let mut v = Value::Nil;
                for i in 0..1_000_000 {
                    v = if i % 2 == 0 {
                        Value::list(vec![v])
                    } else {
                        Value::map([("x", v)])
                    };
                }
                drop(v);
            })
            .unwrap();
        handle.join().unwrap();
    }

    #[test]
    fn deep_equal_distinguishes_types() {
        assert!(!deep_equal(&Value::Int(1), &Value::Int64(1)));
        assert!(deep_equal(
            &Value::map([("a", Value::Float(1.0))]),
            &Value::map([("a", Value::Float(1.0))])
        ));
    }
}
