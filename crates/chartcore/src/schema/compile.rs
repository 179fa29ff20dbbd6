//! Compiling a schema with `boon` without its fixed cost: `boon` checks
//! every schema against its draft's metaschema, and the first check
//! compiles the metaschemas of all five drafts (~2 ms, in every process).
//! It skips the check for a schema registered under a `json-schema.org`
//! URL. So a schema that only refers to itself is first checked against
//! the one metaschema of its draft, compiled alone; if it passes, it is
//! compiled under [`FAST_URL`], and the error report maps that URL back to
//! [`SCHEMA_URL`]. Otherwise, or if that compile fails, it is compiled
//! under [`SCHEMA_URL`], which reports the first error as Helm does.

use boon::{CompileError, Compiler, Draft, SchemaIndex, Schemas};
use serde_json::Value as J;

use super::report::SCHEMA_URL;

/// Where a schema that passed its metaschema check is registered.
pub const FAST_URL: &str = "https://json-schema.org/chartrs/values.schema.json";

/// A compiled schema.
pub struct Compiled {
    pub schemas: Schemas,
    pub index: SchemaIndex,
    /// The URL the schema is registered under ([`SCHEMA_URL`] or [`FAST_URL`]).
    pub url: &'static str,
}

/// Compiles `schema` (the document as `boon` sees it), taking the
/// shortcut if `shortcut` allows. The error is `boon`'s, under [`SCHEMA_URL`].
pub fn compile(schema: &J, shortcut: bool) -> Result<Compiled, Box<CompileError>> {
    if shortcut
        && let Some(draft) = draft_of(schema)
        && refers_only_to_itself(schema)
        && fits_metaschema(schema, draft)
        && let Ok(compiled) = compile_at(schema, FAST_URL)
    {
        return Ok(compiled);
    }
    compile_at(schema, SCHEMA_URL)
}

fn new_compiler(schema: &J, url: &str) -> Result<Compiler, Box<CompileError>> {
    let mut compiler = Compiler::new();
    compiler.use_loader(Box::new(super::NoRemote));
    super::formats::register(&mut compiler);
    compiler.add_resource(url, schema.clone())?;
    Ok(compiler)
}

fn compile_at(schema: &J, url: &'static str) -> Result<Compiled, Box<CompileError>> {
    let mut compiler = new_compiler(schema, url)?;
    let mut schemas = Schemas::new();
    let index = compiler.compile(url, &mut schemas)?;
    Ok(Compiled {
        schemas,
        index,
        url,
    })
}

/// The draft `boon` picks for the schema: its `$schema`, or the latest.
/// `None` for a metaschema of its own, which the shortcuts leave alone.
fn draft_of(schema: &J) -> Option<Draft> {
    match schema.get("$schema") {
        None => Some(Draft::V2020_12),
        Some(J::String(url)) => Draft::from_url(url),
        Some(_) => None,
    }
}

/// Whether the schema would pass `boon`'s metaschema check: the same check
/// against the metaschema of its draft, compiled as `boon` compiles its own.
fn fits_metaschema(schema: &J, draft: Draft) -> bool {
    let url = match draft {
        Draft::V4 => "http://json-schema.org/draft-04/schema",
        Draft::V6 => "http://json-schema.org/draft-06/schema",
        Draft::V7 => "http://json-schema.org/draft-07/schema",
        Draft::V2019_09 => "https://json-schema.org/draft/2019-09/schema",
        Draft::V2020_12 => "https://json-schema.org/draft/2020-12/schema",
        _ => return false,
    };
    let mut compiler = Compiler::new();
    compiler.enable_format_assertions();
    let mut metaschemas = Schemas::new();
    compiler
        .compile(url, &mut metaschemas)
        .is_ok_and(|index| metaschemas.validate(schema, index).is_ok())
}

/// Whether every reference in the schema is local (`#...`) and no subschema
/// sets its own base URI: then the URL it is registered under shows only
/// in the error report.
fn refers_only_to_itself(schema: &J) -> bool {
    let mut stack = vec![schema];
    while let Some(v) = stack.pop() {
        match v {
            J::Object(obj) => {
                for (k, child) in obj {
                    let local = match (k.as_str(), child) {
                        ("$id" | "id", J::String(_)) => false,
                        ("$ref" | "$dynamicRef" | "$recursiveRef", J::String(r)) => {
                            r.starts_with('#')
                        }
                        _ => true,
                    };
                    if !local {
                        return false;
                    }
                    stack.push(child);
                }
            }
            J::Array(items) => stack.extend(items),
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(text: &str) -> J {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn shortcuts_are_taken_only_when_safe() {
        let cases = [
            (r#"{"type": "object"}"#, true, true),
            (r##"{"$ref": "#/$defs/a", "$defs": {"a": {}}}"##, true, true),
            (r#"{"$ref": "other.json"}"#, false, true),
            (r#"{"properties": {"a": {"$id": "x"}}}"#, false, true),
            (r#"{"type": 1}"#, true, false),
            (
                r#"{"$schema": "http://json-schema.org/draft-07/schema#", "minimum": "1"}"#,
                true,
                false,
            ),
            (
                r#"{"$schema": "http://json-schema.org/draft-07/schema#", "pattern": "("}"#,
                true,
                false,
            ),
            (r#"{"$schema": "https://example.com/meta"}"#, true, false),
            (
                r#"{"$schema": "http://json-schema.org/draft-04/schema#", "exclusiveMinimum": true}"#,
                true,
                false,
            ),
            (
                r#"{"$schema": "http://json-schema.org/draft-04/schema#", "minimum": 1, "exclusiveMinimum": true}"#,
                true,
                true,
            ),
        ];
        for (text, local, fits) in cases {
            let schema = json(text);
            assert_eq!(refers_only_to_itself(&schema), local, "{text}");
            let fits_draft = draft_of(&schema).is_some_and(|d| fits_metaschema(&schema, d));
            assert_eq!(fits_draft, fits, "{text}");
        }
    }
}
