//! Validation errors in the words and shape of santhosh-tekuri/jsonschema
//! v6 (`kind/kind.go` messages, `output.go` tree display). `boon` finds the
//! errors; this module owns them, corrects where `boon` differs from the Go
//! library, and prints them.

use std::collections::HashMap;

use boon::{ErrorKind, InstanceToken, ValidationError};
use serde_json::Value as J;

use super::decode::SchemaDoc;
use super::numfmt;

/// The URL the schema is registered under, as Helm does.
pub const SCHEMA_URL: &str = "file:///values.schema.json";

/// What an error node is, as far as the tree's shape is concerned.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    /// The root: `jsonschema validation failed with 'URL'`.
    Schema,
    /// Several errors of one schema.
    Group,
    /// A `$ref` (or `$dynamicRef`...) jump to the schema at this URL.
    Reference(String),
    /// A `format` failure: the library stops checking that schema there.
    Format,
    PropertyName,
    AllOf,
    AnyOf,
    OneOf,
    MultipleOf,
    Other,
}

/// One error, owned.
#[derive(Clone, Debug)]
pub struct Node {
    /// Instance location tokens (unescaped).
    pub location: Vec<String>,
    pub schema_url: String,
    pub shape: Shape,
    pub message: String,
    pub causes: Vec<Node>,
}

/// The library's `quote`: Go's `%q` in single quotes.
pub fn quote(s: &str) -> String {
    let q = gotemplate::strconv::quote(s);
    let inner = &q[1..q.len() - 1];
    format!("'{}'", inner.replace("\\\"", "\"").replace('\'', "\\'"))
}

fn join_quoted<S: AsRef<str>>(items: impl IntoIterator<Item = S>) -> String {
    items
        .into_iter()
        .map(|s| quote(s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The JSON pointer of a schema inside values.schema.json, when `url` points
/// into it.
pub fn schema_pointer(url: &str) -> Option<String> {
    let frag = url
        .strip_prefix(SCHEMA_URL)?
        .strip_prefix('#')
        .unwrap_or("");
    Some(percent_decode(frag))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A JSON pointer token.
fn escape_token(tok: &str) -> String {
    tok.replace('~', "~0").replace('/', "~1")
}

/// The JSON pointer of an instance location.
pub fn pointer(tokens: &[String]) -> String {
    tokens
        .iter()
        .map(|t| format!("/{}", escape_token(t)))
        .collect()
}

/// Looks a JSON pointer up in a value.
pub fn lookup<'a>(v: &'a J, pointer: &str) -> Option<&'a J> {
    if pointer.is_empty() {
        return Some(v);
    }
    v.pointer(pointer)
}

/// Go's `%v` of an instance value, as the library's `display` prints it.
fn display_instance(v: &J) -> String {
    match v {
        J::String(s) => quote(s),
        J::Array(_) | J::Object(_) => "value".into(),
        J::Null => "<nil>".into(),
        J::Bool(b) => b.to_string(),
        J::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) if !n.is_f64() => i.to_string(),
            (_, Some(f)) => gotemplate::strconv::format_float(f, b'g', -1, 64),
            _ => n.to_string(),
        },
    }
}

/// `display` of a schema value: numbers as written.
fn display_schema(v: &J, text: Option<&str>) -> String {
    match (v, text) {
        (J::Number(_), Some(t)) => t.to_string(),
        (J::Number(n), None) => n.to_string(),
        (J::Null, _) => "<nil>".into(),
        (J::Bool(b), _) => b.to_string(),
        (J::String(s), _) => quote(s),
        _ => "value".into(),
    }
}

fn is_primitive(v: &J) -> bool {
    !matches!(v, J::Array(_) | J::Object(_))
}

/// A schema number as the library holds it (a `big.Rat` printed through float64).
fn schema_number(doc: &SchemaDoc, pointer: Option<&str>, n: &serde_json::Number) -> f64 {
    pointer
        .and_then(|p| doc.number_text(p))
        .and_then(|t| t.parse::<f64>().ok())
        .or_else(|| n.as_f64())
        .unwrap_or(0.0)
}

/// Converts boon's errors, with the library's messages.
pub struct Converter<'a> {
    pub doc: &'a SchemaDoc,
    pub instance: &'a J,
    /// Markers put in for patterns Go rejects, to the patterns as written.
    pub aliases: &'a HashMap<String, String>,
    /// The URL `boon` knows the schema by; reported as [`SCHEMA_URL`].
    pub registered_as: &'a str,
}

impl Converter<'_> {
    /// A pattern as written in the schema, behind any marker.
    fn written<'s>(&'s self, s: &'s str) -> &'s str {
        self.aliases.get(s).map_or(s, String::as_str)
    }

    /// A URL `boon` reports, as Helm's library would.
    fn url(&self, url: &str) -> String {
        match url.strip_prefix(self.registered_as) {
            Some(rest) => format!("{SCHEMA_URL}{rest}"),
            None => url.to_string(),
        }
    }

    pub fn convert(&self, e: &ValidationError<'_, '_>) -> Node {
        let location: Vec<String> = e
            .instance_location
            .tokens
            .iter()
            .map(|t| match t {
                InstanceToken::Prop(p) => p.to_string(),
                InstanceToken::Item(i) => i.to_string(),
            })
            .collect();
        let schema_url = self.url(e.schema_url);
        let ptr = schema_pointer(&schema_url);
        let kw_ptr = |kw: &str| ptr.as_ref().map(|p| format!("{p}/{kw}"));
        let (shape, message) = self.message(e, &location, &kw_ptr);
        Node {
            location,
            schema_url,
            shape,
            message,
            causes: e.causes.iter().map(|c| self.convert(c)).collect(),
        }
    }

    fn message(
        &self,
        e: &ValidationError<'_, '_>,
        location: &[String],
        kw_ptr: &dyn Fn(&str) -> Option<String>,
    ) -> (Shape, String) {
        let num = |kw: &str, n: &serde_json::Number| {
            numfmt::float(schema_number(self.doc, kw_ptr(kw).as_deref(), n))
        };
        let got_num = |n: &serde_json::Number| numfmt::float(n.as_f64().unwrap_or(0.0));
        let int = |n: usize| numfmt::int(n as i64);
        let other = |m: String| (Shape::Other, m);
        match &e.kind {
            ErrorKind::Group => (Shape::Group, "validation failed".into()),
            ErrorKind::Schema { url } => (
                Shape::Schema,
                format!(
                    "jsonschema validation failed with {}",
                    quote(&with_hash(&self.url(url)))
                ),
            ),
            ErrorKind::ContentSchema => other("'contentSchema' failed".into()),
            ErrorKind::PropertyName { prop } => (
                Shape::PropertyName,
                format!("invalid propertyName {}", quote(self.written(prop))),
            ),
            ErrorKind::Reference { url, .. } => {
                (Shape::Reference(self.url(url)), "validation failed".into())
            }
            ErrorKind::RefCycle {
                url,
                kw_loc1,
                kw_loc2,
            } => other(format!(
                "both {} and {} resolve to {} causing reference cycle",
                self.url(kw_loc1),
                self.url(kw_loc2),
                gotemplate::strconv::quote(&self.url(url))
            )),
            ErrorKind::FalseSchema => other("false schema".into()),
            ErrorKind::Type { got, want } => other(format!(
                "got {got}, want {}",
                want.iter()
                    .map(|t| t.to_string())
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
            ErrorKind::Enum { want } => {
                if !want.iter().all(is_primitive) {
                    return other("'enum' failed".into());
                }
                let shown: Vec<String> = want
                    .iter()
                    .enumerate()
                    .map(|(i, v)| {
                        let text = kw_ptr("enum").map(|p| format!("{p}/{i}"));
                        display_schema(v, text.as_deref().and_then(|p| self.doc.number_text(p)))
                    })
                    .collect();
                if shown.len() == 1 {
                    other(format!("value must be {}", shown[0]))
                } else {
                    other(format!("value must be one of {}", shown.join(", ")))
                }
            }
            ErrorKind::Const { want } => {
                if !is_primitive(want) {
                    return other("'const' failed".into());
                }
                let text = kw_ptr("const");
                other(format!(
                    "value must be {}",
                    display_schema(want, text.as_deref().and_then(|p| self.doc.number_text(p)))
                ))
            }
            ErrorKind::Format { got, want, err } => {
                // Patterns are checked with Go's regexp, and named as written.
                if let (&"regex", J::String(s)) = (want, got.as_ref()) {
                    let written = self.written(s);
                    let why = super::goregex::go_error(written).unwrap_or_else(|| err.to_string());
                    return (
                        Shape::Format,
                        format!("{} is not valid regex: {why}", quote(written)),
                    );
                }
                (
                    Shape::Format,
                    format!("{} is not valid {want}: {err}", display_instance(got)),
                )
            }
            ErrorKind::MinProperties { got, want } => other(format!(
                "minProperties: got {}, want {}",
                int(*got),
                int(*want)
            )),
            ErrorKind::MaxProperties { got, want } => other(format!(
                "maxProperties: got {}, want {}",
                int(*got),
                int(*want)
            )),
            ErrorKind::AdditionalProperties { got } => other(format!(
                "additional properties {} not allowed",
                join_quoted(got.iter())
            )),
            ErrorKind::Required { want } => {
                if want.len() == 1 {
                    other(format!("missing property {}", quote(want[0])))
                } else {
                    other(format!("missing properties {}", join_quoted(want.iter())))
                }
            }
            ErrorKind::Dependency { prop, missing }
            | ErrorKind::DependentRequired { prop, missing } => other(format!(
                "properties {} required, if {} exists",
                join_quoted(missing.iter()),
                quote(prop)
            )),
            ErrorKind::MinItems { got, want } => {
                other(format!("minItems: got {}, want {}", int(*got), int(*want)))
            }
            ErrorKind::MaxItems { got, want } => {
                other(format!("maxItems: got {}, want {}", int(*got), int(*want)))
            }
            ErrorKind::Contains => other("no items match contains schema".into()),
            ErrorKind::MinContains { got, want } => {
                if got.is_empty() {
                    other(format!(
                        "min {} items required to match contains schema, but none matched",
                        int(*want)
                    ))
                } else {
                    other(format!(
                        "min {} items required to match contains schema, but matched {} items at {}",
                        int(*want),
                        int(got.len()),
                        space_list(got)
                    ))
                }
            }
            ErrorKind::MaxContains { got, want } => other(format!(
                "max {} items required to match contains schema, but matched {} items at {}",
                int(*want),
                int(got.len()),
                space_list(got)
            )),
            ErrorKind::UniqueItems { got } => {
                let (i, j) = lookup(self.instance, &pointer(location))
                    .and_then(|v| v.as_array())
                    .and_then(|a| go_duplicates(a))
                    .unwrap_or((got[0], got[1]));
                other(format!("items at {} and {} are equal", int(i), int(j)))
            }
            ErrorKind::AdditionalItems { got } => {
                other(format!("last {} additionalItem(s) not allowed", int(*got)))
            }
            ErrorKind::MinLength { got, want } => {
                other(format!("minLength: got {}, want {}", int(*got), int(*want)))
            }
            ErrorKind::MaxLength { got, want } => {
                other(format!("maxLength: got {}, want {}", int(*got), int(*want)))
            }
            ErrorKind::Pattern { got, want } => {
                // boon reports its translated regex; the library the pattern as written.
                let written = kw_ptr("pattern")
                    .and_then(|p| lookup(&self.doc.json, &p))
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_else(|| want.to_string());
                other(format!(
                    "{} does not match pattern {}",
                    quote(got),
                    quote(&written)
                ))
            }
            ErrorKind::ContentEncoding { want, err } => {
                other(format!("value is not {} encoded: {err}", quote(want)))
            }
            ErrorKind::ContentMediaType { want, err, .. } => {
                other(format!("value if not of mediatype {}: {err}", quote(want)))
            }
            ErrorKind::Minimum { got, want } => other(format!(
                "minimum: got {}, want {}",
                got_num(got),
                num("minimum", want)
            )),
            ErrorKind::Maximum { got, want } => other(format!(
                "maximum: got {}, want {}",
                got_num(got),
                num("maximum", want)
            )),
            ErrorKind::ExclusiveMinimum { got, want } => {
                // Draft 4 writes it as `minimum` with `exclusiveMinimum: true`.
                let kw = if kw_ptr("exclusiveMinimum")
                    .and_then(|p| self.doc.number_text(&p).map(str::to_string))
                    .is_some()
                {
                    "exclusiveMinimum"
                } else {
                    "minimum"
                };
                other(format!(
                    "exclusiveMinimum: got {}, want {}",
                    got_num(got),
                    num(kw, want)
                ))
            }
            ErrorKind::ExclusiveMaximum { got, want } => {
                let kw = if kw_ptr("exclusiveMaximum")
                    .and_then(|p| self.doc.number_text(&p).map(str::to_string))
                    .is_some()
                {
                    "exclusiveMaximum"
                } else {
                    "maximum"
                };
                other(format!(
                    "exclusiveMaximum: got {}, want {}",
                    got_num(got),
                    num(kw, want)
                ))
            }
            ErrorKind::MultipleOf { got, want } => (
                Shape::MultipleOf,
                format!(
                    "multipleOf: got {}, want {}",
                    got_num(got),
                    num("multipleOf", want)
                ),
            ),
            ErrorKind::Not => other("'not' failed".into()),
            ErrorKind::AllOf => (Shape::AllOf, "'allOf' failed".into()),
            ErrorKind::AnyOf => (Shape::AnyOf, "'anyOf' failed".into()),
            ErrorKind::OneOf(None) => (Shape::OneOf, "'oneOf' failed, none matched".into()),
            ErrorKind::OneOf(Some((i, j))) => other(format!(
                "'oneOf' failed, subschemas {}, {} matched",
                int(*i),
                int(*j)
            )),
        }
    }
}

/// A URL as the library prints schema locations: always with a fragment.
pub fn with_hash(url: &str) -> String {
    if url.contains('#') {
        url.to_string()
    } else {
        format!("{url}#")
    }
}

/// Go's `%v` of an `[]int` without its brackets.
fn space_list(items: &[usize]) -> String {
    items
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The library's duplicate search: the first item equal to an earlier one,
/// and the earliest such earlier item.
fn go_duplicates(arr: &[J]) -> Option<(usize, usize)> {
    for i in 1..arr.len() {
        for j in 0..i {
            if json_equal(&arr[i], &arr[j]) {
                return Some((j, i));
            }
        }
    }
    None
}

/// JSON equality with numbers compared by value.
fn json_equal(a: &J, b: &J) -> bool {
    match (a, b) {
        (J::Number(x), J::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(x), Some(y)) => x == y,
            _ => x.as_f64() == y.as_f64(),
        },
        (J::Array(x), J::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| json_equal(a, b))
        }
        (J::Object(x), J::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Where boon and the Go library part ways, after the fact.
pub fn correct(root: &mut Node) {
    let scope = root.schema_url.clone();
    let location = root.location.clone();
    fix_children(root, &scope, &location);
}

/// The schema a node's causes were found under: a reference's target, else
/// the node's own schema.
fn scope_of(node: &Node) -> String {
    match &node.shape {
        Shape::Reference(url) => url.clone(),
        _ => node.schema_url.clone(),
    }
}

fn fix_children(node: &mut Node, scope: &str, location: &[String]) {
    let own_combinator = combinator_keyword(&node.shape);
    let causes = std::mem::take(&mut node.causes);
    for mut c in causes {
        if c.shape == Shape::PropertyName && c.location.is_empty() {
            // The library puts a property-name error at the object.
            if let Some(names) = remainder(scope, &c.schema_url).and_then(|r| path_names(&r)) {
                c.location = location.iter().cloned().chain(names).collect();
            }
        }
        let child_scope = scope_of(&c);
        let child_location = std::mem::take(&mut c.location);
        fix_children(&mut c, &child_scope, &child_location);
        c.location = child_location;
        node.causes.push(wrap_combinators(c, scope, own_combinator));
    }
    keep_format_alone(node);
}

fn combinator_keyword(shape: &Shape) -> Option<&'static str> {
    match shape {
        Shape::AllOf => Some("allOf"),
        Shape::AnyOf => Some("anyOf"),
        Shape::OneOf => Some("oneOf"),
        _ => None,
    }
}

/// Splits a URL into its base and its decoded fragment tokens.
fn url_tokens(url: &str) -> (&str, Vec<String>) {
    let (base, frag) = url.split_once('#').unwrap_or((url, ""));
    let frag = percent_decode(frag);
    let tokens = frag
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    (base, tokens)
}

/// The schema path from `scope` down to `url`, when `url` lies under it.
fn remainder(scope: &str, url: &str) -> Option<Vec<String>> {
    let (sbase, stoks) = url_tokens(scope);
    let (ubase, utoks) = url_tokens(url);
    (sbase == ubase && utoks.starts_with(&stoks)).then(|| utoks[stoks.len()..].to_vec())
}

/// Walks a schema path; for each step, how many instance tokens it adds
/// and whether it is a combinator branch (`allOf/1`...). `None` for paths
/// this does not follow.
fn walk_path(path: &[String]) -> Option<Vec<(usize, usize, Option<&'static str>)>> {
    let mut steps = Vec::new();
    let mut i = 0;
    while i < path.len() {
        let (len, tokens, combinator) = match path[i].as_str() {
            "properties" | "patternProperties" | "prefixItems" => (2, 1, None),
            "dependentSchemas" | "dependencies" => (2, 0, None),
            "allOf" => (2, 0, Some("allOf")),
            "anyOf" => (2, 0, Some("anyOf")),
            "oneOf" => (2, 0, Some("oneOf")),
            "items" if path.get(i + 1).is_some_and(|t| t.parse::<usize>().is_ok()) => (2, 1, None),
            "items"
            | "additionalItems"
            | "additionalProperties"
            | "contains"
            | "unevaluatedItems"
            | "unevaluatedProperties" => (1, 1, None),
            "not" | "if" | "then" | "else" => (1, 0, None),
            _ => return None,
        };
        if i + len > path.len() {
            return None;
        }
        steps.push((i, tokens, combinator));
        i += len;
    }
    Some(steps)
}

/// The property names a path of `properties/NAME` steps leads through.
fn path_names(path: &[String]) -> Option<Vec<String>> {
    let steps = walk_path(path)?;
    let mut names = Vec::new();
    for (i, tokens, _) in steps {
        match (path[i].as_str(), tokens) {
            ("properties", _) => names.push(path[i + 1].clone()),
            (_, 0) => {}
            _ => return None,
        }
    }
    Some(names)
}

/// `boon` leaves out an `allOf`/`anyOf`/`oneOf` error that has a single
/// cause; the library always reports it. Puts back the missing ones
/// between `node` and the scope it was found under.
fn wrap_combinators(node: Node, scope: &str, parent_combinator: Option<&str>) -> Node {
    let Some(path) = remainder(scope, &node.schema_url) else {
        return node;
    };
    let Some(steps) = walk_path(&path) else {
        return node;
    };
    let total: usize = steps.iter().map(|s| s.1).sum();
    let (base, scope_tokens) = url_tokens(scope);
    let mut wrappers = Vec::new();
    let mut before = 0;
    for (n, &(i, tokens, combinator)) in steps.iter().enumerate() {
        if let Some(kw) = combinator {
            let reported_by_parent = n == 0 && parent_combinator == Some(kw);
            if !reported_by_parent {
                let owner: Vec<String> = scope_tokens.iter().chain(&path[..i]).cloned().collect();
                wrappers.push((kw, owner, before));
            }
        }
        before += tokens;
    }
    let mut out = node;
    for (kw, owner, before) in wrappers.into_iter().rev() {
        let keep = out.location.len().saturating_sub(total - before);
        let (shape, message) = match kw {
            "allOf" => (Shape::AllOf, "'allOf' failed"),
            "anyOf" => (Shape::AnyOf, "'anyOf' failed"),
            _ => (Shape::OneOf, "'oneOf' failed, none matched"),
        };
        let owner_ptr: String = owner
            .iter()
            .map(|t| format!("/{}", escape_token(t)))
            .collect();
        out = Node {
            location: out.location[..keep].to_vec(),
            schema_url: format!("{base}#{owner_ptr}"),
            shape,
            message: message.into(),
            causes: vec![out],
        };
    }
    out
}

/// The library returns a schema's `format` failure alone: it checks nothing
/// more of that schema at that place.
fn keep_format_alone(node: &mut Node) {
    let formats: Vec<(String, Vec<String>)> = node
        .causes
        .iter()
        .filter(|c| c.shape == Shape::Format)
        .map(|c| (c.schema_url.clone(), c.location.clone()))
        .collect();
    for (url, location) in formats {
        let under = format!("{url}/");
        node.causes.retain(|c| {
            c.shape == Shape::Format && c.schema_url == url
                || !((c.schema_url == url || c.schema_url.starts_with(&under))
                    && c.location.starts_with(&location))
        });
    }
    if node.shape == Shape::Group && node.causes.len() == 1 {
        *node = node.causes.remove(0);
    }
}

/// Drops `multipleOf` errors the library does not raise (it divides exact
/// decimals, not floats), and what only stood on them. Returns whether the
/// error still stands.
pub fn drop_false_multiples(node: &mut Node, exact_multiple: &dyn Fn(&Node) -> bool) -> bool {
    if node.shape == Shape::MultipleOf {
        return !exact_multiple(node);
    }
    if node.causes.is_empty() {
        return true;
    }
    let before = node.causes.len();
    node.causes
        .retain_mut(|c| drop_false_multiples(c, exact_multiple));
    if node.causes.len() == before {
        return true;
    }
    match node.shape {
        // A branch that passes now makes the whole `anyOf` / `oneOf` pass.
        Shape::AnyOf | Shape::OneOf => false,
        Shape::Group if node.causes.len() == 1 => {
            *node = node.causes.remove(0);
            true
        }
        _ => !node.causes.is_empty(),
    }
}

/// The library's `Error()`: the tree, one `- at 'PTR': MESSAGE` line per
/// error, causes indented under it, `$ref` hops with one cause left out.
pub fn display(node: &Node) -> String {
    let mut out = String::new();
    display_into(node, 0, &mut out);
    out
}

fn display_into(node: &Node, mut indent: usize, out: &mut String) {
    let skip = node.causes.len() == 1 && matches!(node.shape, Shape::Reference(_));
    if !skip {
        if indent > 0 {
            out.push('\n');
            for _ in 0..indent - 1 {
                out.push_str("  ");
            }
            out.push_str("- ");
        }
        indent += 1;
        if node.shape == Shape::Schema {
            out.push_str(&node.message);
        } else {
            out.push_str(&format!(
                "at {}: {}",
                quote(&pointer(&node.location)),
                node.message
            ));
        }
    }
    for c in &node.causes {
        display_into(c, indent, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_like_the_library() {
        assert_eq!(quote("it's"), r"'it\'s'");
        assert_eq!(quote("say \"hi\""), "'say \"hi\"'");
        assert_eq!(quote("tab\there"), r"'tab\there'");
        assert_eq!(quote("\u{7}"), r"'\a'");
        assert_eq!(quote("é中"), "'é中'");
    }

    #[test]
    fn duplicates_are_found_from_the_later_item() {
        let arr: Vec<J> = serde_json::from_str("[1, 2, 2, 1]").unwrap();
        assert_eq!(go_duplicates(&arr), Some((1, 2)));
        let arr: Vec<J> = serde_json::from_str(r#"[{"x": 1}, {"x": 1.0}]"#).unwrap();
        assert_eq!(go_duplicates(&arr), Some((0, 1)));
    }
}
