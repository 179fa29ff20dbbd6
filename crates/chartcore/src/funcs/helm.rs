//! Helm's own data functions (`pkg/engine/funcs.go`) and the Sprig JSON
//! functions, which share the YAML/JSON/TOML codecs. Render-bound functions
//! (`include`, `tpl`, `required`, `fail`) live in the engine.

use gotemplate::{FuncError, FuncMap, GoType, List, Map, Value};

use super::{def, s, toml};
use crate::{json, yaml};

use GoType::{Any, String as Str};

/// Helm's `toYaml`: sigs.k8s.io/yaml output without its final newline; errors
/// are swallowed into an empty string.
pub fn to_yaml_string(v: &Value) -> String {
    match yaml::to_yaml(v) {
        Ok(s) => s.strip_suffix('\n').map(str::to_string).unwrap_or(s),
        Err(_) => String::new(),
    }
}

fn error_map(message: String) -> Value {
    Value::map([("Error", Value::str(message))])
}

pub(super) fn register(m: &mut FuncMap) {
    def(m, "toYaml", &[Any], |a| {
        Ok(Value::str(to_yaml_string(&a[0])))
    });
    def(m, "mustToYaml", &[Any], |a| {
        let s = yaml::to_yaml(&a[0]).map_err(|e| FuncError::msg(e.to_string()))?;
        Ok(Value::str(s.strip_suffix('\n').unwrap_or(&s)))
    });
    def(m, "toYamlPretty", &[Any], |a| {
        Ok(Value::str(match yaml::to_yaml_pretty(&a[0]) {
            Ok(s) => s.strip_suffix('\n').map(str::to_string).unwrap_or(s),
            Err(_) => String::new(),
        }))
    });
    def(m, "fromYaml", &[Str], |a| {
        Ok(match yaml::parse_document_map(s(&a[0])) {
            Ok(m) => Value::Map(m),
            Err(e) => error_map(e.to_string()),
        })
    });
    def(m, "fromYamlArray", &[Str], |a| {
        Ok(match yaml::parse_document_list(s(&a[0])) {
            Ok(l) => Value::List(l),
            Err(e) => Value::list(vec![Value::str(e.to_string())]),
        })
    });
    def(m, "toJson", &[Any], |a| {
        Ok(Value::str(
            json::to_json(&a[0], true, None).unwrap_or_default(),
        ))
    });
    def(m, "mustToJson", &[Any], |a| {
        json::to_json(&a[0], true, None)
            .map(Value::str)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    def(m, "toPrettyJson", &[Any], |a| {
        Ok(Value::str(
            json::to_json(&a[0], true, Some("  ")).unwrap_or_default(),
        ))
    });
    def(m, "mustToPrettyJson", &[Any], |a| {
        json::to_json(&a[0], true, Some("  "))
            .map(Value::str)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    def(m, "toRawJson", &[Any], |a| {
        // Sprig panics on failure; the engine reports panics as call errors.
        json::to_json(&a[0], false, None)
            .map(Value::str)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    def(m, "mustToRawJson", &[Any], |a| {
        json::to_json(&a[0], false, None)
            .map(Value::str)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    def(m, "fromJson", &[Str], |a| {
        Ok(match json::from_json_map(s(&a[0])) {
            Ok(Some(m)) => Value::Map(m),
            Ok(None) => Value::Map(Map::new()),
            Err(e) => error_map(e.to_string()),
        })
    });
    def(m, "fromJsonArray", &[Str], |a| {
        Ok(match json::from_json_list(s(&a[0])) {
            Ok(Some(l)) => Value::List(l),
            Ok(None) => Value::List(List::new(Vec::new())),
            Err(e) => Value::list(vec![Value::str(e.to_string())]),
        })
    });
    def(m, "mustFromJson", &[Str], |a| {
        json::from_json(s(&a[0])).map_err(|e| FuncError::msg(e.to_string()))
    });
    // Without a cluster, `lookup` finds nothing.
    def(m, "lookup", &[Str, Str, Str, Str], |_| {
        Ok(Value::Map(Map::new()))
    });
    // DNS lookups are off unless --enable-dns (CVE-2023-25165).
    def(m, "getHostByName", &[Str], |_| Ok(Value::str("")));
    def(m, "toToml", &[Any], |a| match toml::to_toml(&a[0]) {
        Ok(text) => Ok(Value::str(text)),
        // Helm returns the encoder's error as the text.
        Err(toml::EncodeError::Toml(e)) => Ok(Value::str(e)),
        Err(e @ toml::EncodeError::Panic(_)) => Err(FuncError::msg(e.to_string())),
    });
    def(m, "mustToToml", &[Any], |a| {
        toml::to_toml(&a[0])
            .map(Value::str)
            .map_err(|e| FuncError::msg(e.to_string()))
    });
    def(m, "fromToml", &[Str], |a| match toml::from_toml(s(&a[0])) {
        Ok(m) => Ok(Value::Map(m)),
        Err(e @ toml::DecodeError::Parse { .. }) => Ok(error_map(e.to_string())),
        Err(e @ toml::DecodeError::Bug(_)) => Err(FuncError::msg(e.to_string())),
    });
}
