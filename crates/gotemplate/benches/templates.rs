//! Parse and execute benchmarks on a realistic chart: `chart/_helpers.tpl`
//! (naming, labels, images, env, probes, affinity helpers of a fictional
//! multi-component chart) and `chart/deployment.yaml`, which renders one
//! Deployment per component through those helpers.
//!
//! The Sprig/Helm functions the helpers call are simple stand-ins defined
//! here, so the numbers measure the engine (lexer, parser, executor, Go fmt),
//! not a function library.
//!
//!     cargo bench -p gotemplate --bench templates

use gotemplate::{CallContext, FuncError, FuncMap, Function, GoType, List, Map, Templates, Value};

const HELPERS: &str = include_str!("chart/_helpers.tpl");
const DEPLOYMENT: &str = include_str!("chart/deployment.yaml");
const VALUES: &str = include_str!("chart/values.json");

fn main() {
    divan::main();
}

fn json_to_value(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::Nil,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Float(n.as_f64().unwrap_or_default()),
        serde_json::Value::String(s) => Value::str(s.as_str()),
        serde_json::Value::Array(a) => Value::list(a.iter().map(json_to_value).collect()),
        serde_json::Value::Object(o) => Value::Map(
            o.iter()
                .map(|(k, v)| (k.as_str().into(), json_to_value(v)))
                .collect::<Map>(),
        ),
    }
}

fn context() -> Value {
    let values: serde_json::Value = serde_json::from_str(VALUES).expect("values.json");
    Value::map([
        ("Values", json_to_value(&values)),
        (
            "Chart",
            Value::map([
                ("Name", Value::str("storefront")),
                ("Version", Value::str("3.14.0+build.7")),
                ("AppVersion", Value::str("2.8.1")),
            ]),
        ),
        (
            "Release",
            Value::map([
                ("Name", Value::str("prod")),
                ("Service", Value::str("Helm")),
            ]),
        ),
    ])
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.to_string(),
        Value::Nil => String::new(),
        other => gotemplate::gofmt::format_value(other),
    }
}

fn f(params: &[GoType], body: fn(Vec<Value>) -> Value) -> Function {
    Function::new(params, move |_, a| Ok(body(a)))
}

fn fv(params: &[GoType], rest: GoType, body: fn(Vec<Value>) -> Value) -> Function {
    Function::variadic(params, rest, move |_, a| Ok(body(a)))
}

/// Stand-ins for the Sprig and Helm functions the helpers use.
fn funcs() -> FuncMap {
    use GoType::{Any, Int, String as Str};
    let mut m = FuncMap::new();
    m.insert(
        "default",
        fv(&[Any], Any, |a| match a.get(1) {
            Some(v) if v.is_true() => v.clone(),
            _ => a[0].clone(),
        }),
    );
    m.insert(
        "trunc",
        f(&[Int, Str], |a| {
            let s = text(&a[1]);
            let n = a[0].as_int().unwrap_or(0).max(0) as usize;
            Value::str(s.chars().take(n).collect::<String>())
        }),
    );
    m.insert(
        "trimSuffix",
        f(&[Str, Str], |a| {
            let (suffix, s) = (text(&a[0]), text(&a[1]));
            Value::str(s.strip_suffix(suffix.as_str()).unwrap_or(&s).to_string())
        }),
    );
    m.insert(
        "contains",
        f(&[Str, Str], |a| {
            Value::Bool(text(&a[1]).contains(&text(&a[0])))
        }),
    );
    m.insert(
        "replace",
        f(&[Str, Str, Str], |a| {
            Value::str(text(&a[2]).replace(&text(&a[0]), &text(&a[1])))
        }),
    );
    m.insert(
        "quote",
        fv(&[], Any, |a| {
            let quoted: Vec<String> = a.iter().map(|v| format!("{:?}", text(v))).collect();
            Value::str(quoted.join(" "))
        }),
    );
    m.insert("toString", f(&[Any], |a| Value::str(text(&a[0]))));
    m.insert("list", fv(&[], Any, Value::list));
    m.insert(
        "dict",
        fv(&[], Any, |a| {
            let map = Map::new();
            for pair in a.chunks(2) {
                map.insert(text(&pair[0]), pair.get(1).cloned().unwrap_or_default());
            }
            Value::Map(map)
        }),
    );
    m.insert(
        "append",
        f(&[Any, Any], |a| {
            let mut items = a[0]
                .as_list()
                .map(|l| l.items().to_vec())
                .unwrap_or_default();
            items.push(a[1].clone());
            Value::List(List::new(items))
        }),
    );
    m.insert(
        "has",
        f(&[Any, Any], |a| {
            let found = a[1]
                .as_list()
                .is_some_and(|l| l.iter().any(|v| gotemplate::value::deep_equal(v, &a[0])));
            Value::Bool(found)
        }),
    );
    m.insert(
        "kindIs",
        f(&[Str, Any], |a| {
            Value::Bool(a[1].kind().name() == text(&a[0]))
        }),
    );
    m.insert(
        "set",
        f(&[GoType::Map, Str, Any], |a| {
            if let Some(map) = a[0].as_map() {
                map.insert(text(&a[1]), a[2].clone());
            }
            a[0].clone()
        }),
    );
    m.insert(
        "toYaml",
        f(&[Any], |a| {
            Value::str(gotemplate::gofmt::format_value(&a[0]))
        }),
    );
    m.insert(
        "nindent",
        f(&[Int, Str], |a| {
            let pad = " ".repeat(a[0].as_int().unwrap_or(0).max(0) as usize);
            let body = text(&a[1]).replace('\n', &format!("\n{pad}"));
            Value::str(format!("\n{pad}{body}"))
        }),
    );
    m.insert(
        "include",
        Function::new(&[Str, Any], |ctx: &mut dyn CallContext, a: Vec<Value>| {
            ctx.execute_template(&text(&a[0]), a[1].clone())
                .map(Value::from)
                .map_err(FuncError::from)
        }),
    );
    m
}

fn parsed() -> Templates {
    let mut set = Templates::new("gotpl", funcs());
    set.parse("storefront/templates/_helpers.tpl", HELPERS)
        .expect("helpers parse");
    set.parse("storefront/templates/deployment.yaml", DEPLOYMENT)
        .expect("deployment parses");
    set
}

#[divan::bench]
fn parse_helpers(bencher: divan::Bencher) {
    let funcs = funcs();
    bencher
        .counter(divan::counter::BytesCount::new(HELPERS.len()))
        .bench(|| {
            let mut set = Templates::new("gotpl", funcs.clone());
            set.parse(
                "storefront/templates/_helpers.tpl",
                divan::black_box(HELPERS),
            )
            .expect("parses");
            set
        });
}

#[divan::bench]
fn parse_deployment(bencher: divan::Bencher) {
    let funcs = funcs();
    bencher.bench(|| {
        let mut set = Templates::new("gotpl", funcs.clone());
        set.parse(
            "storefront/templates/deployment.yaml",
            divan::black_box(DEPLOYMENT),
        )
        .expect("parses");
        set
    });
}

#[divan::bench]
fn execute_deployment(bencher: divan::Bencher) {
    let set = parsed();
    let ctx = context();
    let out = set
        .execute("storefront/templates/deployment.yaml", &ctx)
        .expect("renders");
    assert!(out.matches("kind: Deployment").count() == 7, "{out}");
    bencher
        .counter(divan::counter::BytesCount::new(out.len()))
        .bench(|| {
            set.execute(
                "storefront/templates/deployment.yaml",
                divan::black_box(&ctx),
            )
            .expect("renders")
        });
}

#[divan::bench]
fn execute_fullname(bencher: divan::Bencher) {
    let mut set = parsed();
    set.parse("t", "{{ include \"storefront.fullname\" . }}")
        .expect("parses");
    let ctx = context();
    bencher.bench(|| set.execute("t", divan::black_box(&ctx)).expect("renders"));
}
