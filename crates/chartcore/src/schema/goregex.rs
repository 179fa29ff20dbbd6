//! Patterns as the JSON Schema library reads them: with Go's `regexp`
//! (RE2 syntax, Perl flags). `boon` speaks ECMA-262, so before compiling,
//! every `pattern` and `patternProperties` key is put in Go's terms: a
//! pattern Go accepts becomes its `regex`-crate translation (same matches as
//! Go); one Go rejects becomes a marker `boon` rejects too, so that the
//! metaschema check reports it where the library would, and the report
//! names the pattern as written with Go's error.

use std::collections::HashMap;

use serde_json::Value as J;

/// Go's `regexp/syntax` parser, shared with the template functions' regex
/// support: the same file, compiled here too until `funcs` exposes it.
#[path = "../funcs/regex/syntax.rs"]
#[allow(dead_code, clippy::duplicate_mod)]
mod go_syntax;

/// Keywords whose values are data, not schemas.
const DATA_KEYWORDS: [&str; 4] = ["enum", "const", "default", "examples"];

/// Go's error for a pattern it rejects.
pub fn go_error(pattern: &str) -> Option<String> {
    go_syntax::translate(pattern).err().map(|e| e.to_string())
}

/// The schema with its patterns in Go's terms, and the markers put in for
/// rejected patterns, mapped to the patterns as written.
pub fn prepare(schema: &J) -> (J, HashMap<String, String>) {
    let mut aliases = HashMap::new();
    let mut out = schema.clone();
    visit(&mut out, &mut aliases);
    (out, aliases)
}

fn visit(v: &mut J, aliases: &mut HashMap<String, String>) {
    match v {
        J::Object(obj) => {
            for (key, value) in obj.iter_mut() {
                if DATA_KEYWORDS.contains(&key.as_str()) {
                    continue;
                }
                match (key.as_str(), &mut *value) {
                    ("pattern", J::String(p)) => *p = in_go_terms(p, aliases),
                    ("patternProperties", J::Object(props)) => {
                        let entries = std::mem::take(props);
                        for (k, mut sub) in entries {
                            visit(&mut sub, aliases);
                            props.insert(in_go_terms(&k, aliases), sub);
                        }
                    }
                    _ => visit(value, aliases),
                }
            }
        }
        J::Array(items) => items.iter_mut().for_each(|i| visit(i, aliases)),
        _ => {}
    }
}

fn in_go_terms(pattern: &str, aliases: &mut HashMap<String, String>) -> String {
    match go_syntax::translate(pattern) {
        Ok(t) => t.pattern,
        Err(_) => {
            let marker = format!("(?=chartrs-invalid-go-regexp-{})", aliases.len());
            aliases.insert(marker.clone(), pattern.to_string());
            marker
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_rejects_what_ecma_allows() {
        assert_eq!(
            go_error("(?=x)").as_deref(),
            Some("error parsing regexp: invalid or unsupported Perl syntax: `(?=`")
        );
        assert_eq!(
            go_error(r"(a)\1").as_deref(),
            Some(r"error parsing regexp: invalid escape sequence: `\1`")
        );
        assert_eq!(go_error("^[a-z]+$"), None);
    }

    #[test]
    fn rejected_patterns_become_markers() {
        let schema: J = serde_json::from_str(
            r#"{"properties": {"a": {"pattern": "(?=x)", "enum": [{"pattern": "("}]}},
                "patternProperties": {"(": {}, "^x$": {"pattern": "\\d"}}}"#,
        )
        .unwrap();
        let (out, aliases) = prepare(&schema);
        assert_eq!(aliases.len(), 2);
        let marker = out["properties"]["a"]["pattern"].as_str().unwrap();
        assert_eq!(aliases[marker], "(?=x)");
        assert_eq!(out["properties"]["a"]["enum"][0]["pattern"], "(");
        assert!(aliases.values().any(|p| p == "("));
    }
}
