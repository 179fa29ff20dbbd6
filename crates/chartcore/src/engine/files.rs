//! `.Files`: a chart's non-template files, with Helm's accessor methods.

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::Arc;

use gotemplate::{GoType, Kind, List, Map, Object, Signature, Value};

use super::glob::Glob;
use crate::chart::{ChartFile, FileData};

/// The files of one chart by path (Go `map[string][]byte`).
#[derive(Clone, Debug, Default)]
pub struct Files(BTreeMap<String, FileData>);

impl Files {
    /// The `.Files` of a chart's non-template files.
    pub fn new(files: &[ChartFile]) -> Files {
        Files(
            files
                .iter()
                .map(|f| (f.name.clone(), f.data.clone()))
                .collect(),
        )
    }

    fn bytes(&self, name: &str) -> Arc<[u8]> {
        self.0
            .get(name)
            .map(|f| f.bytes().clone())
            .unwrap_or_else(|| Arc::from(&[][..]))
    }

    fn glob(&self, pattern: &str) -> Files {
        // Helm falls back to `**` (everything) when the pattern does not compile.
        let g =
            Glob::compile(pattern).unwrap_or_else(|_| Glob::compile("**").expect("** compiles"));
        Files(
            self.0
                .iter()
                .filter(|(k, _)| g.matches(k))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }

    /// `{basename: content}` as YAML; later paths win on equal basenames.
    fn by_basename(&self, encode: impl Fn(&[u8]) -> String) -> String {
        let m = Map::new();
        for (k, v) in &self.0 {
            let base = k.rsplit('/').next().unwrap_or(k);
            m.insert(base, Value::str(encode(v)));
        }
        crate::funcs::helm::to_yaml_string(&Value::Map(m))
    }

    fn lines(&self, path: &str) -> Value {
        let Some(data) = self.0.get(path) else {
            return Value::List(List::strings(Vec::<String>::new()));
        };
        let mut s = gotemplate::gostr::from_go_bytes(data).into_owned();
        if s.ends_with('\n') {
            s.pop();
        }
        Value::List(List::strings(s.split('\n')))
    }
}

impl Object for Files {
    fn type_name(&self) -> &str {
        "engine.files"
    }

    fn kind(&self) -> Kind {
        Kind::Map
    }

    fn method(&self, name: &str) -> Option<Signature> {
        match name {
            "Get" | "GetBytes" | "Glob" | "Lines" => Some(Signature::new(&[GoType::String])),
            "AsConfig" | "AsSecrets" => Some(Signature::new(&[])),
            _ => None,
        }
    }

    fn call_method(&self, name: &str, args: Vec<Value>) -> Result<Value, String> {
        let arg = || args.first().and_then(Value::as_str).unwrap_or_default();
        Ok(match name {
            "Get" => Value::str(gotemplate::gostr::from_go_bytes(&self.bytes(arg()))),
            "GetBytes" => Value::Bytes(self.bytes(arg())),
            "Glob" => Value::object(self.glob(arg())),
            "Lines" => self.lines(arg()),
            "AsConfig" => {
                Value::str(self.by_basename(|b| gotemplate::gostr::from_go_bytes(b).into_owned()))
            }
            "AsSecrets" => Value::str(self.by_basename(|b| {
                use base64::Engine;
                base64::engine::general_purpose::STANDARD.encode(b)
            })),
            other => return Err(format!("can't call method {other}")),
        })
    }

    fn field(&self, name: &str) -> Option<Value> {
        // A map type: a missing key yields an empty []byte.
        Some(Value::Bytes(self.bytes(name)))
    }

    fn fmt_struct(&self, _plus: bool) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(k, v)| {
                let bytes: Vec<String> = v.iter().map(|b| b.to_string()).collect();
                format!("{k}:[{}]", bytes.join(" "))
            })
            .collect();
        format!("map[{}]", parts.join(" "))
    }

    fn to_data(&self) -> Value {
        Value::Map(
            self.0
                .iter()
                .map(|(k, v)| (k.as_str().into(), Value::Bytes(v.bytes().clone())))
                .collect(),
        )
    }

    fn is_truthy(&self) -> bool {
        !self.0.is_empty()
    }

    fn length(&self) -> Option<usize> {
        Some(self.0.len())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}
