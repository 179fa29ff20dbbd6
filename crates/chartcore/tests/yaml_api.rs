//! API behaviour not covered by the Helm-generated tables: error positions,
//! resource limits, and value types that values files cannot produce.

use std::any::Any;
use std::time::{Duration, Instant};

use chartcore::{json, yaml};
use gotemplate::value::deep_equal;
use gotemplate::{List, Map, Object, Value};

/// Takes a deep value apart without recursion (the template value's own
/// drop is recursive).
fn teardown(v: Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::List(l) => stack.extend(l.into_vec()),
            Value::Map(m) => stack.extend(std::mem::take(&mut *m.write()).into_values()),
            _ => {}
        }
    }
}

fn nested_lists(depth: usize) -> Value {
    let mut v = Value::list(vec![]);
    for _ in 0..depth {
        v = Value::list(vec![v]);
    }
    v
}

#[test]
fn syntax_errors_carry_absolute_positions() {
    let err = yaml::parse_values("a: 1\nb: 2\n---\nc: 3\nd: : x\n").unwrap_err();
    // go-yaml counts lines within the document; the fields count in the file.
    assert_eq!(
        err.message,
        "cannot unmarshal yaml document: error converting YAML to JSON: yaml: line 2: mapping values are not allowed in this context"
    );
    assert_eq!(err.kind, yaml::YamlErrorKind::Syntax);
    assert_eq!(err.line, Some(5));
    assert_eq!(err.column, Some(4));
}

#[test]
fn document_errors_have_no_position() {
    let err = yaml::parse_document("a: *nope\n").unwrap_err();
    assert_eq!(
        err.message,
        "error converting YAML to JSON: yaml: unknown anchor 'nope' referenced"
    );
    assert_eq!(err.kind, yaml::YamlErrorKind::Syntax);
}

#[test]
fn alias_bombs_fail_fast() {
    let mut src = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12u8 {
        let (name, prev) = ((b'b' + i) as char, (b'a' + i) as char);
        let refs = vec![format!("*{prev}"); 10].join(", ");
        src.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    let start = Instant::now();
    let err = yaml::parse_values(&src).unwrap_err();
    assert!(
        err.message
            .ends_with("document contains excessive aliasing"),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(10));
}

#[test]
fn deep_flow_nesting_is_an_error_not_a_crash() {
    let depth = 200_000;
    let src = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let err = yaml::parse_values(&src).unwrap_err();
    assert!(
        err.message.ends_with("exceeded max depth of 10000"),
        "{err}"
    );
    let err = json::from_json(&format!("{}{}", "[".repeat(depth), "]".repeat(depth))).unwrap_err();
    assert_eq!(err.message, "exceeded max depth");
}

#[test]
fn deep_values_print_without_overflowing() {
    let v = nested_lists(50_000);
    let text = json::to_json(&v, true, None).unwrap();
    assert_eq!(text.len(), 100_002);
    let yaml_text = yaml::to_yaml(&v).unwrap();
    assert!(yaml_text.starts_with("- - - "));
    let pretty = yaml::to_yaml_pretty(&v).unwrap();
    assert!(pretty.starts_with("- - - "));
    teardown(v);
}

#[test]
fn bytes_marshal_as_base64() {
    let v = Value::map([("b", Value::Bytes(b"hi\x00".as_slice().into()))]);
    assert_eq!(json::to_json(&v, true, None).unwrap(), r#"{"b":"aGkA"}"#);
    assert_eq!(yaml::to_yaml(&v).unwrap(), "b: aGkA\n");
    // go-yaml v3 sees a []byte as a list of numbers.
    assert_eq!(
        yaml::to_yaml_pretty(&v).unwrap(),
        "b:\n  - 104\n  - 105\n  - 0\n"
    );
}

struct Point;

impl Object for Point {
    fn type_name(&self) -> &str {
        "main.Point"
    }

    fn to_data(&self) -> Value {
        Value::map([("X", Value::Int(1)), ("Y", Value::str("yes"))])
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[test]
fn objects_marshal_through_their_data() {
    let v = Value::object(Point);
    assert_eq!(
        json::to_json(&v, true, None).unwrap(),
        r#"{"X":1,"Y":"yes"}"#
    );
    assert_eq!(yaml::to_yaml(&v).unwrap(), "X: 1\n\"Y\": \"yes\"\n");
}

#[test]
fn non_finite_floats_do_not_marshal() {
    let v = Value::list(vec![Value::Float(f64::INFINITY)]);
    assert_eq!(
        yaml::to_yaml(&v).unwrap_err().message,
        "error marshaling into JSON: json: unsupported value: +Inf"
    );
    assert_eq!(yaml::to_yaml_pretty(&v).unwrap(), "- .inf\n");
}

#[test]
fn typed_lists_and_ints_print_like_go() {
    let v = Value::map([
        ("s", Value::List(List::strings(["a", "b"]))),
        ("i", Value::Int64(9_007_199_254_740_993)),
    ]);
    assert_eq!(
        json::to_json(&v, true, Some("\t")).unwrap(),
        "{\n\t\"i\": 9007199254740993,\n\t\"s\": [\n\t\t\"a\",\n\t\t\"b\"\n\t]\n}"
    );
    assert_eq!(
        yaml::to_yaml(&v).unwrap(),
        "i: 9007199254740993\ns:\n- a\n- b\n"
    );
}

#[test]
fn document_helpers_follow_helm_targets() {
    assert!(yaml::parse_document("").unwrap().is_nil());
    assert_eq!(yaml::parse_document_map("").unwrap().len(), 0);
    assert_eq!(yaml::parse_document_list("~").unwrap().len(), 0);
    assert_eq!(
        yaml::parse_document_list("a: 1").unwrap_err().message,
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go value of type []interface {}"
    );
    let m: Map = yaml::parse_document_map("a: [1, yes]").unwrap();
    assert_eq!(
        json::to_json(&Value::Map(m), true, None).unwrap(),
        r#"{"a":[1,true]}"#
    );
}

#[test]
fn json_reports_offsets() {
    let err = json::from_json("[1, 2,]").unwrap_err();
    assert_eq!(
        err.message,
        "invalid character ']' looking for beginning of value"
    );
    assert_eq!(err.offset, Some(6));
    assert_eq!(err.kind, json::JsonErrorKind::Syntax);
}

/// A small xorshift generator, so the mutations are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Mutates every load-table input a few times with YAML-significant
/// characters: reading and printing must give results or errors, never panic.
#[test]
fn mutated_inputs_never_panic() {
    let table = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/yaml/load.jsonl"
    ))
    .unwrap();
    let inputs: Vec<String> = table
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|case| case["input"].as_str().map(str::to_string))
        .filter(|s| s.len() < 2000)
        .collect();
    let alphabet: Vec<char> =
        " \n\t:-[]{},#&*!|>'\"%@`?~\\/\u{85}\u{feff}\r0a.<=+$;^()\u{2028}\u{a0}é😀"
            .chars()
            .collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for round in 0..4 {
        for input in &inputs {
            let mut chars: Vec<char> = input.chars().collect();
            for _ in 0..=rng.below(6) {
                let c = alphabet[rng.below(alphabet.len())];
                let at = rng.below(chars.len() + 1);
                match rng.below(3) {
                    0 => chars.insert(at, c),
                    1 if at < chars.len() => {
                        chars.remove(at);
                    }
                    _ if at < chars.len() => chars[at] = c,
                    _ => chars.push(c),
                }
            }
            let text: String = chars.into_iter().collect();
            let outcome = std::panic::catch_unwind(|| {
                // The library turns a parser panic into this error; none is expected.
                let internal = |e: Option<&yaml::YamlError>| {
                    e.is_some_and(|e| e.message.contains("internal parser failure"))
                };
                let values = yaml::parse_values(&text);
                let document = yaml::parse_document(&text);
                assert!(
                    !internal(values.as_ref().err()) && !internal(document.as_ref().err()),
                    "{text:?}"
                );
                if let Ok(v) = document {
                    let _ = yaml::to_yaml(&v);
                    let _ = yaml::to_yaml_pretty(&v);
                    let j = json::to_json(&v, true, None).expect("parsed values marshal");
                    json::from_json(&j).expect("marshalled JSON reads back");
                }
                let _ = json::from_json(&text);
            });
            assert!(outcome.is_ok(), "round {round}: panic on {text:?}");
        }
    }
}

#[test]
fn type_mismatch_names_the_target() {
    let v = yaml::parse_document("- a\n").unwrap();
    assert_eq!(
        yaml::type_mismatch(&v, "util.SimpleHead").message,
        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type util.SimpleHead"
    );
}

/// Float keys are named through float32, as sigs.k8s.io/yaml does: beyond
/// its range they are infinite (Helm v4.3.1 prints `".inf": c`). Found by
/// the `yaml_values` fuzz target.
#[test]
fn float_keys_beyond_float32_are_infinite() {
    let m = yaml::parse_values("1e60: c\n-1e60: d\n0.30000000000000004: a\n").unwrap();
    let keys: Vec<String> = m.entries().iter().map(|(k, _)| k.to_string()).collect();
    assert_eq!(keys, ["-.inf", ".inf", "0.3"]);
}

/// Reading only some top-level fields gives those fields as a full read
/// does, and the full read's error whenever it fails, for every input of
/// the YAML tables.
#[test]
fn reading_some_fields_agrees_with_a_full_read() {
    let mut inputs = Vec::new();
    for table in ["load.jsonl", "from.jsonl", "mutated.jsonl"] {
        let path = format!("{}/testdata/yaml/{table}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(path).unwrap();
        inputs.extend(
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|case| case["input"].as_str().map(str::to_string)),
        );
    }
    assert!(inputs.len() > 1000, "tables hold {} inputs", inputs.len());
    // Some inputs nest thousands of levels deep; comparing them recurses.
    let compare = move || {
        for input in &inputs {
            // `v` is the key most inputs use; `kind` keeps none of them.
            for fields in [&["kind"][..], &["V", "metadata"][..]] {
                let full = yaml::parse_document(input);
                let some = yaml::parse_document_fields(input, fields);
                match (&full, &some) {
                    (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string(), "{input:?}"),
                    (Ok(Value::Map(all)), Ok(Value::Map(kept))) => {
                        let expected: Map = all
                            .entries()
                            .iter()
                            .filter(|(k, _)| fields.iter().any(|f| f.eq_ignore_ascii_case(k)))
                            .map(|(k, v)| (k.clone(), v.clone()))
                            .collect();
                        let same = deep_equal(&Value::Map(expected), &Value::Map(kept.clone()));
                        assert!(same, "{input:?} with {fields:?}");
                    }
                    (Ok(a), Ok(b)) => assert!(deep_equal(a, b), "{input:?}"),
                    _ => panic!("{input:?} with {fields:?}: results differ in kind"),
                }
            }
        }
    };
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(compare)
        .unwrap()
        .join()
        .unwrap();
}
