//! `values.schema.json` validation of a chart and its subcharts, reporting
//! exactly what Helm v4.3.1 reports. Helm uses santhosh-tekuri/jsonschema v6
//! (default draft 2020-12, the schema registered as
//! `file:///values.schema.json`); chartrs validates with `boon`, the same
//! author's port, and prints the errors in v6's words and shape
//! ([`report`]), numbers the way v6's message printer writes them
//! ([`numfmt`]).
//!
//! Schemas may only reference themselves: chartrs never reads other files
//! or goes to the network for a `$ref` (Helm would).

mod compile;
mod decode;
mod formats;
mod goregex;
mod limits;
mod numfmt;
mod report;
mod rewrite;

use std::collections::HashMap;
use std::error::Error as StdError;

use boon::{CompileError, UrlLoader};
use gotemplate::{Map, Value};
use num_bigint::BigInt;
use serde_json::Value as J;

use crate::chart::Chart;
use decode::SchemaDoc;
use report::{Converter, Node, SCHEMA_URL};

/// Validates `values` against the chart's schema and, recursively, each
/// subchart's values against its schema. Returns Helm's report (the text
/// after "values don't meet the specifications ...:\n"), or `None`.
pub fn validate_chart(chart: &Chart, values: &Map) -> Option<String> {
    Validation::new(chart, values).run()
}

/// The schema checks of a chart and its subcharts, with the values they
/// see taken as JSON: it can run on another thread while rendering starts,
/// whatever the templates then do to the values.
pub struct Validation {
    steps: Vec<Step>,
}

enum Step {
    /// Validate the chart's values against its schema.
    Schema {
        chart: String,
        schema: std::sync::Arc<[u8]>,
        values: J,
    },
    /// A subchart's values are not a map: Helm's report line.
    NotAMap(String),
}

impl Validation {
    /// The checks `chart` and `values` call for, in Helm's order.
    pub fn new(chart: &Chart, values: &Map) -> Validation {
        let mut steps = Vec::new();
        collect(chart, values, &mut steps);
        Validation { steps }
    }

    /// Whether there is nothing to validate.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// Helm's report (see [`validate_chart`]), or `None`.
    pub fn run(self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        std::thread::scope(|s| self.spawn(s).report())
    }

    /// Starts [`run`](Self::run) on a thread of `scope` with the stack
    /// validation needs.
    pub fn spawn<'scope>(self, scope: &'scope std::thread::Scope<'scope, '_>) -> Pending<'scope> {
        Pending(
            std::thread::Builder::new()
                .stack_size(VALIDATION_STACK)
                .spawn_scoped(scope, move || self.run_here()),
        )
    }

    fn run_here(&self) -> Option<String> {
        let mut report = String::new();
        for step in &self.steps {
            match step {
                Step::Schema {
                    chart,
                    schema,
                    values,
                } => {
                    if let Err(e) = validate_json(values, schema) {
                        report.push_str(&format!("{chart}:\n{e}"));
                    }
                }
                Step::NotAMap(line) => report.push_str(line),
            }
        }
        (!report.is_empty()).then_some(report)
    }
}

/// A validation running on its own thread.
pub struct Pending<'scope>(std::io::Result<std::thread::ScopedJoinHandle<'scope, Option<String>>>);

impl Pending<'_> {
    /// Waits for the validation: Helm's report (see [`validate_chart`]),
    /// or `None`.
    pub fn report(self) -> Option<String> {
        match self.0 {
            Ok(handle) => handle.join().unwrap_or_else(|_| Some(internal_error())),
            Err(e) => Some(format!("unable to validate schema: {e}")),
        }
    }
}

fn internal_error() -> String {
    "unable to validate schema: internal error".into()
}

fn collect(chart: &Chart, values: &Map, steps: &mut Vec<Step>) {
    if let Some(schema) = &chart.schema {
        steps.push(Step::Schema {
            chart: chart.name().to_string(),
            schema: schema.clone(),
            values: to_json(&Value::Map(values.clone())),
        });
    }
    for sub in &chart.dependencies {
        match values.get(sub.name()) {
            None | Some(Value::Nil) => {}
            Some(Value::Map(m)) => collect(sub, &m, steps),
            Some(other) => steps.push(Step::NotAMap(format!(
                "{}:\ninvalid type for values: expected object (map), got {}\n",
                sub.name(),
                other.type_name()
            ))),
        }
    }
}

/// Refuses every URL but the schema itself; `urn:` references become the
/// permissive `true` schema, as Helm's URN loader makes them.
struct NoRemote;

impl UrlLoader for NoRemote {
    fn load(&self, url: &str) -> Result<J, Box<dyn StdError>> {
        if url.starts_with("urn:") {
            return Ok(J::Bool(true));
        }
        Err("not supported: chartrs does not load schemas from files or the network".into())
    }
}

/// Validates against one schema. The error reads as Helm's: a validation
/// failure is the list of errors ending with a newline; a schema that does
/// not load or compile gives the library's message, without one.
pub fn validate_single(values: &Map, schema_json: &[u8]) -> Result<(), String> {
    let instance = to_json(&Value::Map(values.clone()));
    on_validation_stack(|| validate_json(&instance, schema_json))
}

/// Runs `f` on a thread of its own: boon recurses once per schema hop and
/// instance level, and Go's stacks grow to 1 GB, so give it that room.
fn on_validation_stack<T: Send>(f: impl FnOnce() -> Result<T, String> + Send) -> Result<T, String> {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(VALIDATION_STACK)
            .spawn_scoped(s, f)
            .map_err(|e| format!("unable to validate schema: {e}"))?
            .join()
            .unwrap_or_else(|_| Err(internal_error()))
    })
}

/// The validation thread's stack: virtual memory, touched only as deep as
/// the recursion goes.
const VALIDATION_STACK: usize = 1 << 30;

fn validate_json(instance: &J, schema_json: &[u8]) -> Result<(), String> {
    validate_json_compiling(instance, schema_json, true)
}

/// [`validate_json`], with or without the compile shortcut.
fn validate_json_compiling(instance: &J, schema_json: &[u8], shortcut: bool) -> Result<(), String> {
    let doc = decode::decode(schema_json)?;
    limits::check(&doc.json)?;
    let (schema, aliases) = goregex::prepare(&doc.json);
    let schema = rewrite::expand_trailing_items(schema, instance);
    let compiled =
        compile::compile(&schema, shortcut).map_err(|e| compile_error(&doc, &aliases, &e))?;
    let Err(e) = compiled.schemas.validate(instance, compiled.index) else {
        return Ok(());
    };
    let conv = Converter {
        doc: &doc,
        instance,
        aliases: &aliases,
        registered_as: compiled.url,
    };
    let mut tree = conv.convert(&e);
    report::correct(&mut tree);
    let exact = |n: &Node| exact_multiple(&doc, instance, n);
    if !report::drop_false_multiples(&mut tree, &exact) {
        return Ok(());
    }
    let text = report::display(&tree);
    let prefix = format!(
        "jsonschema validation failed with {}\n",
        report::quote(&report::with_hash(SCHEMA_URL))
    );
    Err(text.strip_prefix(&prefix).unwrap_or(&text).to_string() + "\n")
}

/// A compile error in the library's words.
fn compile_error(doc: &SchemaDoc, aliases: &HashMap<String, String>, e: &CompileError) -> String {
    let q = gotemplate::strconv::quote;
    match e {
        CompileError::ValidationError { url, src } => {
            let conv = Converter {
                doc,
                instance: &doc.json,
                aliases,
                registered_as: SCHEMA_URL,
            };
            let mut tree = conv.convert(src);
            report::correct(&mut tree);
            format!(
                "{} is not valid against metaschema: {}",
                q(&report::with_hash(url)),
                report::display(&tree)
            )
        }
        CompileError::JsonPointerNotFound(url) => format!("json-pointer in {} not found", q(url)),
        CompileError::InvalidJsonPointer(url) => format!("invalid json-pointer {}", q(url)),
        CompileError::AnchorNotFound { reference, .. } => {
            format!("anchor in {} not found", q(reference))
        }
        CompileError::LoadUrlError { url, src } => format!("failing loading {}: {src}", q(url)),
        CompileError::UnsupportedUrlScheme { url } => {
            format!("failing loading {}: unsupported scheme", q(url))
        }
        CompileError::InvalidRegex { url, regex, src } => {
            format!("invalid regex {} at {}: {src}", q(regex), q(url))
        }
        other => format!("{other:#}"),
    }
}

/// Whether the instance value at a `multipleOf` error is, in exact decimal
/// arithmetic, a multiple after all.
fn exact_multiple(doc: &SchemaDoc, instance: &J, node: &Node) -> bool {
    let Some(got) = report::lookup(instance, &report::pointer(&node.location)).and_then(go_decimal)
    else {
        return false;
    };
    let want = report::schema_pointer(&node.schema_url)
        .and_then(|p| {
            doc.number_text(&format!("{p}/multipleOf"))
                .map(str::to_string)
        })
        .and_then(|t| parse_decimal(&t));
    let Some(want) = want else {
        return false;
    };
    if want.0 == BigInt::from(0) {
        return false;
    }
    let scale = got.1.min(want.1);
    let ten = BigInt::from(10);
    let a = got.0 * ten.pow((got.1 - scale) as u32);
    let b = want.0 * ten.pow((want.1 - scale) as u32);
    (a % b) == BigInt::from(0)
}

/// An instance number as the library sees it: Go's `%v` text as a decimal.
fn go_decimal(v: &J) -> Option<(BigInt, i64)> {
    let n = v.as_number()?;
    if let Some(i) = n.as_i64().filter(|_| !n.is_f64()) {
        return Some((BigInt::from(i), 0));
    }
    parse_decimal(&gotemplate::strconv::format_float(
        n.as_f64()?,
        b'g',
        -1,
        64,
    ))
}

/// `[-]digits[.digits][e[+-]digits]` as (mantissa, power of ten).
fn parse_decimal(text: &str) -> Option<(BigInt, i64)> {
    let (num, exp) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], text[i + 1..].parse::<i64>().ok()?),
        None => (text, 0),
    };
    let (int, frac) = num.split_once('.').unwrap_or((num, ""));
    let digits = format!("{int}{frac}");
    let mantissa: BigInt = digits.parse().ok()?;
    let exp = exp.checked_sub(frac.len() as i64)?;
    // Keep the arithmetic small: refuse absurd exponents.
    (exp.abs() < 4000).then_some((mantissa, exp))
}

/// The instance as JSON: Go numbers keep their kind (int64 vs float64).
fn to_json(v: &Value) -> J {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_divide_exactly() {
        let d = |s: &str| parse_decimal(s).unwrap();
        assert_eq!(d("0.3"), (BigInt::from(3), -1));
        assert_eq!(d("1e+21"), (BigInt::from(1), 21));
        assert_eq!(d("-1.50E2"), (BigInt::from(-150), 0));
    }

    #[test]
    fn remote_refs_are_refused() {
        let values = Map::new();
        let err =
            validate_single(&values, br#"{"$ref": "https://example.com/s.json"}"#).unwrap_err();
        assert!(err.contains("not supported"), "{err}");
        let err = validate_single(&values, br#"{"$ref": "other.json"}"#).unwrap_err();
        assert_eq!(
            err,
            "failing loading \"file:///other.json\": not supported: chartrs does not load schemas from files or the network"
        );
    }

    /// Every schema of the Helm-generated table reports the same when
    /// compiled with the shortcut as without, for the case's values, for no
    /// values and for the schema itself taken as values.
    #[test]
    fn shortcut_compile_reports_the_same() {
        let table = include_str!("../../testdata/schema/cases.jsonl");
        let (mut compared, mut shortcuts) = (0, 0);
        for line in table.lines() {
            let case: J = serde_json::from_str(line).unwrap();
            let files = &case["files"];
            let Some(schema) = files["values.schema.json"].as_str() else {
                continue;
            };
            let values = files["values.yaml"]
                .as_str()
                .and_then(|v| crate::yaml::parse_values(v).ok())
                .unwrap_or_default();
            let instances = [
                to_json(&Value::Map(values)),
                J::Object(serde_json::Map::new()),
                serde_json::from_str(schema).unwrap_or(J::Null),
            ];
            if let Ok(json) = serde_json::from_str(schema) {
                let compiled = compile::compile(&json, true);
                shortcuts += usize::from(compiled.is_ok_and(|c| c.url == compile::FAST_URL));
            }
            for instance in &instances {
                // Sibling errors come in no set order (Helm's neither).
                let report = |shortcut| {
                    on_validation_stack(|| {
                        Ok(validate_json_compiling(
                            instance,
                            schema.as_bytes(),
                            shortcut,
                        ))
                    })
                    .map(|r| {
                        r.map_err(|text| {
                            let mut lines: Vec<&str> = text.lines().collect();
                            lines.sort_unstable();
                            lines.join("\n")
                        })
                    })
                };
                assert_eq!(report(true), report(false), "{}", case["name"]);
                compared += 1;
            }
        }
        assert!(compared > 500 && shortcuts > 100, "{compared} {shortcuts}");
    }

    #[test]
    fn unresolved_urns_are_permissive() {
        let values = Map::new();
        values.insert("a", Value::Int64(1));
        assert_eq!(
            validate_single(&values, br#"{"properties": {"a": {"$ref": "urn:x:y"}}}"#),
            Ok(())
        );
    }
}
