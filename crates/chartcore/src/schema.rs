//! `values.schema.json` validation of a chart and its subcharts, with error
//! lines in the words of the JSON Schema library Helm v4 uses
//! (santhosh-tekuri/jsonschema v6): `- at '/port': got number, want integer`.
//!
//! Schemas may only reference themselves: remote `$ref`s are refused (Helm
//! would fetch them; chartrs never goes to the network while rendering).

use std::error::Error as StdError;

use boon::{Compiler, ErrorKind, SchemaIndex, Schemas, UrlLoader, ValidationError};
use gotemplate::{Map, Value};

use crate::chart::Chart;

const SCHEMA_URL: &str = "file:///values.schema.json";

/// Validates `values` against the chart's schema and, recursively, each
/// subchart's values against its schema. Returns Helm's report (the text
/// after "values don't meet the specifications ...:\n"), or `None`.
pub fn validate_chart(chart: &Chart, values: &Map) -> Option<String> {
    let mut report = String::new();
    collect(chart, values, &mut report);
    (!report.is_empty()).then_some(report)
}

fn collect(chart: &Chart, values: &Map, report: &mut String) {
    if let Some(schema) = &chart.schema
        && let Err(e) = validate_single(values, schema)
    {
        report.push_str(&format!("{}:\n{e}", chart.name()));
    }
    for sub in &chart.dependencies {
        match values.get(sub.name()) {
            None | Some(Value::Nil) => {}
            Some(Value::Map(m)) => collect(sub, &m, report),
            Some(other) => report.push_str(&format!(
                "{}:\ninvalid type for values: expected object (map), got {}\n",
                sub.name(),
                other.type_name()
            )),
        }
    }
}

/// Refuses every URL but the schema itself.
struct NoRemote;

impl UrlLoader for NoRemote {
    fn load(&self, url: &str) -> Result<serde_json::Value, Box<dyn StdError>> {
        Err(format!("not supported: loading {url} (chartrs does not fetch remote schemas)").into())
    }
}

/// Validates against one schema; the error text ends with a newline as Helm's does.
pub fn validate_single(values: &Map, schema_json: &[u8]) -> Result<(), String> {
    let schema: serde_json::Value =
        serde_json::from_slice(schema_json).map_err(|e| format!("{e}\n"))?;
    let mut compiler = Compiler::new();
    compiler.use_loader(Box::new(NoRemote));
    compiler
        .add_resource(SCHEMA_URL, schema)
        .map_err(|e| format!("{e}\n"))?;
    let mut schemas = Schemas::new();
    let index: SchemaIndex = compiler
        .compile(SCHEMA_URL, &mut schemas)
        .map_err(|e| format!("{e}\n"))?;
    let instance = to_json(&Value::Map(values.clone()));
    match schemas.validate(&instance, index) {
        Ok(()) => Ok(()),
        Err(e) => {
            let mut lines = Vec::new();
            leaves(&e, &mut lines);
            Err(lines.join("\n") + "\n")
        }
    }
}

/// The instance as JSON: Go numbers keep their kind (int64 vs float64).
fn to_json(v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Nil => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) | Value::Int64(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::String(s) => J::String(s.to_string()),
        Value::Bytes(b) => J::String(String::from_utf8_lossy(b).into_owned()),
        Value::List(l) => J::Array(l.iter().map(to_json).collect()),
        Value::Map(m) => J::Object(
            m.entries()
                .into_iter()
                .map(|(k, v)| (k.to_string(), to_json(&v)))
                .collect(),
        ),
        Value::Object(o) => to_json(&o.to_data()),
    }
}

fn quote_list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn json_text(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One `- at 'PTR': MESSAGE` line per leaf error, in v6's wording.
fn leaves(e: &ValidationError<'_, '_>, out: &mut Vec<String>) {
    if !e.causes.is_empty() {
        for c in &e.causes {
            leaves(c, out);
        }
        return;
    }
    let msg = match &e.kind {
        ErrorKind::Type { got, want } => format!(
            "got {got}, want {}",
            want.iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(" or ")
        ),
        ErrorKind::Enum { want } => {
            if want.len() == 1 {
                format!("value must be '{}'", json_text(&want[0]))
            } else {
                format!(
                    "value must be one of {}",
                    quote_list(want.iter().map(json_text))
                )
            }
        }
        ErrorKind::Const { want } => format!("value must be '{}'", json_text(want)),
        ErrorKind::Required { want } => {
            if want.len() == 1 {
                format!("missing property '{}'", want[0])
            } else {
                format!("missing properties {}", quote_list(want.iter()))
            }
        }
        ErrorKind::AdditionalProperties { got } => {
            format!(
                "additional properties {} not allowed",
                quote_list(got.iter())
            )
        }
        ErrorKind::Pattern { got, want } => format!("'{got}' does not match pattern '{want}'"),
        ErrorKind::Minimum { got, want } => format!("minimum: got {got}, want {want}"),
        ErrorKind::Maximum { got, want } => format!("maximum: got {got}, want {want}"),
        ErrorKind::ExclusiveMinimum { got, want } => {
            format!("exclusiveMinimum: got {got}, want {want}")
        }
        ErrorKind::ExclusiveMaximum { got, want } => {
            format!("exclusiveMaximum: got {got}, want {want}")
        }
        ErrorKind::MultipleOf { got, want } => format!("multipleOf: got {got}, want {want}"),
        ErrorKind::MinLength { got, want } => format!("minLength: got {got}, want {want}"),
        ErrorKind::MaxLength { got, want } => format!("maxLength: got {got}, want {want}"),
        ErrorKind::MinItems { got, want } => format!("minItems: got {got}, want {want}"),
        ErrorKind::MaxItems { got, want } => format!("maxItems: got {got}, want {want}"),
        ErrorKind::MinProperties { got, want } => format!("minProperties: got {got}, want {want}"),
        ErrorKind::MaxProperties { got, want } => format!("maxProperties: got {got}, want {want}"),
        ErrorKind::UniqueItems { got } => format!("items at {} and {} are equal", got[0], got[1]),
        ErrorKind::FalseSchema => "false schema".to_string(),
        ErrorKind::Not => "'not' failed".to_string(),
        other => other.to_string(),
    };
    out.push(format!("- at '{}': {msg}", e.instance_location));
}
