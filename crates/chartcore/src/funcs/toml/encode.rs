//! BurntSushi/toml v1.6.0's `Encoder.Encode` on template values: plain keys
//! before tables, keys sorted bytewise, sub-tables indented two spaces per
//! level, arrays of tables as `[[name]]`, floats in Go's shortest `%g` form
//! with `.0` added to integral values.

use std::sync::Arc;

use gotemplate::strconv::format_float;
use gotemplate::{List, Map, Value};

use super::parse::local_zones;
use super::{EncodeError, dbl_quote, key_string, maybe_quoted};
use crate::funcs::dates::{GoTime, Location};

/// Encodes a value as Helm's `toToml` does.
pub(super) fn encode(v: &Value) -> Result<String> {
    let mut enc = Encoder {
        out: String::new(),
        has_written: false,
    };
    if v.is_nil() {
        // `reflect.ValueOf(nil)` is the zero Value; its Type() panics.
        return Err(EncodeError::Panic(
            "reflect: call of reflect.Value.Type on zero Value".into(),
        ));
    }
    enc.encode(&[], v)?;
    Ok(enc.out)
}

/// The TOML type of a Go value (`tomlTypeOfGo`), as far as the encoder
/// distinguishes them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum TomlType {
    Bool,
    Integer,
    Float,
    String,
    Datetime,
    Array,
    Hash,
    ArrayHash,
}

/// A value as the encoder's reflection sees it.
enum View {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    /// A string, or what a `TextMarshaler`/`Stringer` the encoder quotes
    /// produces (`*semver.Version`, `time.Duration`).
    Str(String),
    Time(GoTime),
    Bytes(Arc<[u8]>),
    List(List),
    Map(Map),
    /// A Go struct: exported fields in declaration order, with their index.
    Struct(Vec<(&'static str, usize, Value)>),
}

/// The exported fields of the Go structs templates can reach, with their
/// field index in the Go struct (unexported fields count: an inline table's
/// commas depend on the index).
const STRUCT_FIELDS: &[(&str, &[(&str, usize)])] = &[
    (
        "*common.Capabilities",
        &[("KubeVersion", 0), ("APIVersions", 1), ("HelmVersion", 2)],
    ),
    // An unexported field sits between Version and Major.
    (
        "common.KubeVersion",
        &[("Version", 0), ("Major", 2), ("Minor", 3)],
    ),
    (
        "version.BuildInfo",
        &[
            ("Version", 0),
            ("GitCommit", 1),
            ("GitTreeState", 2),
            ("GoVersion", 3),
            ("KubeClientVersion", 4),
        ],
    ),
    ("sprig.certificate", &[("Cert", 0), ("Key", 1)]),
    // Only unexported fields.
    ("*time.Location", &[]),
];

fn view(v: &Value) -> View {
    match v {
        Value::Nil => View::Nil,
        Value::Bool(b) => View::Bool(*b),
        Value::Int(i) | Value::Int64(i) => View::Int(*i),
        Value::Float(f) => View::Float(*f),
        Value::String(s) => View::Str(s.to_string()),
        Value::Bytes(b) => View::Bytes(b.clone()),
        Value::List(l) => View::List(l.clone()),
        Value::Map(m) => View::Map(m.clone()),
        Value::Object(o) => {
            let name = o.type_name();
            if let Some(t) = GoTime::from_value(v) {
                return View::Time(t);
            }
            if name.ends_with("semver.Version") || name == "time.Duration" {
                return View::Str(o.to_go_string().unwrap_or_default());
            }
            if let Some((_, fields)) = STRUCT_FIELDS.iter().find(|(n, _)| *n == name) {
                return View::Struct(
                    fields
                        .iter()
                        .filter_map(|(f, i)| o.field(f).map(|v| (*f, *i, v)))
                        .collect(),
                );
            }
            // Named ints (time.Month), slices and maps (VersionSet, Files).
            view(&o.to_data())
        }
    }
}

fn is_nil(v: &Value) -> bool {
    v.is_nil()
}

/// `tomlTypeOfGo`; `None` for nil. Fails on arrays with nil elements.
fn toml_type(v: &Value) -> Result<Option<TomlType>> {
    Ok(Some(match view(v) {
        View::Nil => return Ok(None),
        View::Bool(_) => TomlType::Bool,
        View::Int(_) => TomlType::Integer,
        View::Float(_) => TomlType::Float,
        View::Str(_) => TomlType::String,
        View::Time(_) => TomlType::Datetime,
        View::Bytes(_) => TomlType::Array,
        View::List(l) => {
            if is_table_array(&l)? {
                TomlType::ArrayHash
            } else {
                TomlType::Array
            }
        }
        View::Map(_) | View::Struct(_) => TomlType::Hash,
    }))
}

/// Whether every element is a table; every element is checked for nil.
fn is_table_array(l: &List) -> Result<bool> {
    if l.is_empty() {
        return Ok(false);
    }
    let mut all_tables = true;
    for item in l.iter() {
        let t = stacker::maybe_grow(64 * 1024, 1024 * 1024, || toml_type(item))?;
        match t {
            None => {
                return Err(EncodeError::Toml(
                    "toml: cannot encode array with nil element".into(),
                ));
            }
            Some(t) if t != TomlType::Hash => all_tables = false,
            Some(_) => {}
        }
    }
    Ok(all_tables)
}

fn is_table(t: Option<TomlType>) -> bool {
    matches!(t, Some(TomlType::Hash | TomlType::ArrayHash))
}

struct Encoder {
    out: String,
    has_written: bool,
}

type Result<T> = std::result::Result<T, EncodeError>;

impl Encoder {
    fn write(&mut self, s: &str) {
        self.out.push_str(s);
        self.has_written = true;
    }

    fn newline(&mut self) {
        if self.has_written {
            self.write("\n");
        }
    }

    fn indent(key: &[String]) -> String {
        "  ".repeat(key.len().saturating_sub(1))
    }

    fn encode(&mut self, key: &[String], v: &Value) -> Result<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match view(v) {
            View::Nil => Ok(()),
            View::List(_) | View::Bytes(_) => {
                if toml_type(v)? == Some(TomlType::ArrayHash) {
                    self.array_of_tables(key, v)
                } else {
                    self.key_value(key, v, false)
                }
            }
            View::Map(_) | View::Struct(_) => self.table(key, v),
            _ => self.key_value(key, v, false),
        })
    }

    /// `key = value`; a bare value at the top level.
    fn key_value(&mut self, key: &[String], v: &Value, inline: bool) -> Result<()> {
        let Some(last) = key.last() else {
            return self.element(v);
        };
        let prefix = format!("{}{} = ", Self::indent(key), maybe_quoted(last));
        self.write(&prefix);
        self.element(v)?;
        if !inline {
            self.newline();
        }
        Ok(())
    }

    fn element(&mut self, v: &Value) -> Result<()> {
        stacker::maybe_grow(64 * 1024, 1024 * 1024, || match view(v) {
            View::Nil => Err(EncodeError::Panic(
                "reflect: call of reflect.Value.Interface on zero Value".into(),
            )),
            View::Bool(b) => {
                self.write(if b { "true" } else { "false" });
                Ok(())
            }
            View::Int(i) => {
                self.write(&i.to_string());
                Ok(())
            }
            View::Float(f) => {
                self.write(&format_toml_float(f));
                Ok(())
            }
            View::Str(s) => {
                let q = dbl_quote(&s);
                self.write(&q);
                Ok(())
            }
            View::Time(t) => {
                let s = format_time(&t);
                self.write(&s);
                Ok(())
            }
            View::Bytes(b) => {
                let items: Vec<String> = b.iter().map(u8::to_string).collect();
                self.write(&format!("[{}]", items.join(", ")));
                Ok(())
            }
            View::List(l) => {
                self.write("[");
                for (i, item) in l.iter().enumerate() {
                    self.element(item)?;
                    if i + 1 != l.len() {
                        self.write(", ");
                    }
                }
                self.write("]");
                Ok(())
            }
            View::Map(m) => self.map(&[], &m, true),
            View::Struct(fields) => self.structure(&[], &fields, true),
        })
    }

    fn array_of_tables(&mut self, key: &[String], v: &Value) -> Result<()> {
        if key.is_empty() {
            return Err(EncodeError::Toml(
                "toml: top-level values must be Go maps or structs".into(),
            ));
        }
        let View::List(l) = view(v) else {
            return Ok(());
        };
        for item in l.iter() {
            if is_nil(item) {
                continue;
            }
            self.newline();
            let header = format!("{}[[{}]]", Self::indent(key), key_string(key));
            self.write(&header);
            self.newline();
            self.map_or_struct(key, item)?;
        }
        Ok(())
    }

    fn table(&mut self, key: &[String], v: &Value) -> Result<()> {
        if key.len() == 1 {
            // A blank line between top-level tables (not before the first
            // thing written).
            self.newline();
        }
        if !key.is_empty() {
            let header = format!("{}[{}]", Self::indent(key), key_string(key));
            self.write(&header);
            self.newline();
        }
        self.map_or_struct(key, v)
    }

    fn map_or_struct(&mut self, key: &[String], v: &Value) -> Result<()> {
        match view(v) {
            View::Map(m) => self.map(key, &m, false),
            View::Struct(fields) => self.structure(key, &fields, false),
            _ => Err(EncodeError::Panic(
                "eTable: unhandled reflect.Value Kind".into(),
            )),
        }
    }

    fn map(&mut self, key: &[String], m: &Map, inline: bool) -> Result<()> {
        let (mut direct, mut sub) = (Vec::new(), Vec::new());
        for (k, v) in m.entries() {
            if is_table(toml_type(&v)?) {
                sub.push((k, v));
            } else {
                direct.push((k, v));
            }
        }
        if inline {
            self.write("{");
        }
        let trailing_comma = !sub.is_empty();
        for (group, trail) in [(direct, trailing_comma), (sub, false)] {
            let n = group.len();
            for (i, (k, v)) in group.into_iter().enumerate() {
                if is_nil(&v) {
                    continue;
                }
                if inline {
                    self.key_value(&[k.to_string()], &v, true)?;
                    if trail || i + 1 != n {
                        self.write(", ");
                    }
                } else {
                    let mut child = key.to_vec();
                    child.push(k.to_string());
                    self.encode(&child, &v)?;
                }
            }
        }
        if inline {
            self.write("}");
        }
        Ok(())
    }

    fn structure(
        &mut self,
        key: &[String],
        fields: &[(&'static str, usize, Value)],
        inline: bool,
    ) -> Result<()> {
        let (mut direct, mut sub) = (Vec::new(), Vec::new());
        for (name, index, v) in fields {
            if is_table(toml_type(v)?) {
                sub.push((*index, *name, v));
            } else {
                direct.push((*index, *name, v));
            }
        }
        if inline {
            self.write("{");
        }
        let total = fields.len();
        for (index, name, v) in direct.into_iter().chain(sub) {
            if is_nil(v) {
                continue;
            }
            if inline {
                self.key_value(&[name.to_string()], v, true)?;
                // Go compares the field's index with the exported field
                // count, so commas may be missing or trail.
                if index + 1 != total {
                    self.write(", ");
                }
            } else {
                let mut child = key.to_vec();
                child.push(name.to_string());
                self.encode(&child, v)?;
            }
        }
        if inline {
            self.write("}");
        }
        Ok(())
    }
}

/// Go's shortest `%g` with `.0` for integral values; `nan`, `inf`.
fn format_toml_float(f: f64) -> String {
    if f.is_nan() {
        return if f.is_sign_negative() { "-nan" } else { "nan" }.into();
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf" } else { "inf" }.into();
    }
    let s = format_float(f, b'g', -1, 64);
    if s.contains('.') || s.contains('e') {
        s
    } else {
        s + ".0"
    }
}

/// RFC 3339 with nanoseconds; TOML's local date-times without a zone.
fn format_time(t: &GoTime) -> String {
    let zones = local_zones();
    let loc = t.location();
    let local = |layout: &str| t.in_location(Location::utc()).format(layout);
    if Arc::ptr_eq(loc, &zones.datetime) {
        local("2006-01-02T15:04:05.999999999")
    } else if Arc::ptr_eq(loc, &zones.date) {
        local("2006-01-02")
    } else if Arc::ptr_eq(loc, &zones.time) {
        local("15:04:05.999999999")
    } else {
        t.format("2006-01-02T15:04:05.999999999Z07:00")
    }
}
