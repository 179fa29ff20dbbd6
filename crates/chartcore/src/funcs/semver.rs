//! Sprig's `semver` and `semverCompare` on the Masterminds/semver v3.5
//! implementation in `crate::semver`, with `*semver.Version` objects that
//! expose the library's methods to templates.

use std::any::Any;

use gotemplate::strconv::quote;
use gotemplate::{FuncMap, GoType, Kind, Object, Signature, Value};

use super::{def, s};
use crate::semver::{Constraints, Version, VersionError};

use GoType::String as Str;

pub(super) fn register(m: &mut FuncMap) {
    def(m, "semver", &[Str], |a| {
        let v = Version::parse(s(&a[0])).map_err(|e| e.to_string())?;
        Ok(SemverObject::pointer(v))
    });
    def(m, "semverCompare", &[Str, Str], |a| {
        let c = Constraints::parse(s(&a[0])).map_err(|e| e.to_string())?;
        let v = Version::parse(s(&a[1])).map_err(|e| e.to_string())?;
        Ok(Value::Bool(c.check(&v)))
    });
}

/// A `*semver.Version` (what `semver` returns) or a `semver.Version` value
/// (what its `Inc*`/`Set*` methods return). Go gives the value type only the
/// value-receiver methods.
pub struct SemverObject {
    version: Version,
    pointer: bool,
}

impl SemverObject {
    fn pointer(version: Version) -> Value {
        Value::object(SemverObject {
            version,
            pointer: true,
        })
    }

    fn value(version: Version) -> Value {
        Value::object(SemverObject {
            version,
            pointer: false,
        })
    }

    /// `SetPrerelease`/`SetMetadata`: the version with one part replaced and
    /// Masterminds' `v`-keeping original text; `None` if the part is invalid.
    fn with_part(&self, pre: &str, metadata: &str) -> Option<Version> {
        let v = &self.version;
        let prefix = if v.original().starts_with('v') {
            "v"
        } else {
            ""
        };
        let mut text = format!("{prefix}{}.{}.{}", v.major(), v.minor(), v.patch());
        if !pre.is_empty() {
            text = format!("{text}-{pre}");
        }
        if !metadata.is_empty() {
            text = format!("{text}+{metadata}");
        }
        // Re-parsing validates the part and yields exactly these fields.
        let next = Version::parse(&text).ok()?;
        (next.prerelease() == pre && next.metadata() == metadata).then_some(next)
    }

    fn set_prerelease(&self, pre: &str) -> Result<Version, String> {
        self.with_part(pre, self.version.metadata()).ok_or_else(|| {
            // Masterminds distinguishes a leading zero from bad characters.
            let zero_led = pre.split('.').any(|p| {
                p.len() > 1 && p.starts_with('0') && p.bytes().all(|b| b.is_ascii_digit())
            });
            let valid_chars = pre.split('.').all(|p| {
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
            if valid_chars && zero_led {
                VersionError::SegmentStartsZero.to_string()
            } else {
                VersionError::InvalidPrerelease.to_string()
            }
        })
    }

    fn set_metadata(&self, metadata: &str) -> Result<Version, String> {
        self.with_part(self.version.prerelease(), metadata)
            .ok_or_else(|| VersionError::InvalidMetadata.to_string())
    }

    fn other(v: &Value) -> Result<&Version, String> {
        match v {
            Value::Object(o) => o
                .as_any()
                .downcast_ref::<SemverObject>()
                .map(|s| &s.version)
                .ok_or_else(|| "expected *semver.Version".to_string()),
            _ => Err("runtime error: invalid memory address or nil pointer dereference".into()),
        }
    }
}

/// Methods Go's `semver.Version` has with value receivers.
const VALUE_METHODS: &[&str] = &[
    "String",
    "Major",
    "Minor",
    "Patch",
    "Prerelease",
    "Metadata",
    "IncPatch",
    "IncMinor",
    "IncMajor",
    "SetPrerelease",
    "SetMetadata",
    "MarshalJSON",
    "MarshalText",
    "Value",
];

/// Methods only `*semver.Version` has.
const POINTER_METHODS: &[&str] = &[
    "Original",
    "Compare",
    "LessThan",
    "LessThanEqual",
    "GreaterThan",
    "GreaterThanEqual",
    "Equal",
];

impl Object for SemverObject {
    fn type_name(&self) -> &str {
        if self.pointer {
            "*semver.Version"
        } else {
            "semver.Version"
        }
    }

    fn kind(&self) -> Kind {
        if self.pointer {
            Kind::Ptr
        } else {
            Kind::Struct
        }
    }

    fn method(&self, name: &str) -> Option<Signature> {
        let known =
            VALUE_METHODS.contains(&name) || (self.pointer && POINTER_METHODS.contains(&name));
        if !known {
            return None;
        }
        Some(match name {
            "SetPrerelease" | "SetMetadata" => Signature::new(&[Str]),
            "Compare" | "LessThan" | "LessThanEqual" | "GreaterThan" | "GreaterThanEqual"
            | "Equal" => Signature::new(&[GoType::Object("*semver.Version")]),
            _ => Signature::new(&[]),
        })
    }

    fn call_method(&self, name: &str, args: Vec<Value>) -> Result<Value, String> {
        let v = &self.version;
        let cmp = |a: &Vec<Value>| Ok::<_, String>(v.compare(SemverObject::other(&a[0])?));
        Ok(match name {
            "String" | "Value" => Value::str(v.to_string()),
            "Original" => Value::str(v.original()),
            // Go's uint64; the value model's closest integer type.
            "Major" => Value::Int64(v.major() as i64),
            "Minor" => Value::Int64(v.minor() as i64),
            "Patch" => Value::Int64(v.patch() as i64),
            "Prerelease" => Value::str(v.prerelease()),
            "Metadata" => Value::str(v.metadata()),
            "IncPatch" => SemverObject::value(v.inc_patch().map_err(|e| e.to_string())?),
            "IncMinor" => SemverObject::value(v.inc_minor().map_err(|e| e.to_string())?),
            "IncMajor" => SemverObject::value(v.inc_major().map_err(|e| e.to_string())?),
            "SetPrerelease" => {
                SemverObject::value(self.set_prerelease(args[0].as_str().unwrap_or_default())?)
            }
            "SetMetadata" => {
                SemverObject::value(self.set_metadata(args[0].as_str().unwrap_or_default())?)
            }
            "MarshalJSON" => Value::Bytes(format!("\"{v}\"").into_bytes().into()),
            "MarshalText" => Value::Bytes(v.to_string().into_bytes().into()),
            "Compare" => Value::Int(cmp(&args)? as i64),
            "LessThan" => Value::Bool(cmp(&args)?.is_lt()),
            "LessThanEqual" => Value::Bool(cmp(&args)?.is_le()),
            "GreaterThan" => Value::Bool(cmp(&args)?.is_gt()),
            "GreaterThanEqual" => Value::Bool(cmp(&args)?.is_ge()),
            "Equal" => Value::Bool(cmp(&args)?.is_eq()),
            _ => return Err(format!("can't call method {name}")),
        })
    }

    fn to_go_string(&self) -> Option<String> {
        Some(self.version.to_string())
    }

    fn fmt_struct(&self, plus: bool) -> String {
        let v = &self.version;
        if plus {
            format!(
                "{{major:{:#x}, minor:{:#x}, patch:{:#x}, pre:{}, metadata:{}, original:{}}}",
                v.major(),
                v.minor(),
                v.patch(),
                quote(v.prerelease()),
                quote(v.metadata()),
                quote(v.original())
            )
        } else {
            let amp = if self.pointer { "&" } else { "" };
            format!(
                "{amp}{{{} {} {} {} {} {}}}",
                v.major(),
                v.minor(),
                v.patch(),
                v.prerelease(),
                v.metadata(),
                v.original()
            )
        }
    }

    fn to_data(&self) -> Value {
        Value::str(self.version.to_string())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
