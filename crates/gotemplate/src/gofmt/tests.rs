//! The case table of `testdata/fmt/printf.cases`, whose expectations come
//! from the reference Helm (`scripts/gen_fmt_testdata.py`), plus tests of
//! what the table cannot express (host objects).

use std::sync::Arc;

use super::{format_value, sprint, sprintf, sprintf_bytes, sprintln};
use crate::value::{ElemType, Kind, List, Map, Object, Value};

const CASES: &str = include_str!("../../testdata/fmt/printf.cases");

/// A call of the case notation: `printf`, `print` or `println` and operands.
struct Call {
    func: String,
    args: Vec<Value>,
}

/// Parses the template-like operand notation of the case file.
struct Parser<'a> {
    s: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn skip_spaces(&mut self) {
        while self.i < self.s.len() && self.s[self.i] == b' ' {
            self.i += 1;
        }
    }

    fn at_end(&mut self) -> bool {
        self.skip_spaces();
        self.i >= self.s.len()
    }

    fn word(&mut self) -> String {
        let start = self.i;
        while self.i < self.s.len() && !matches!(self.s[self.i], b' ' | b'(' | b')') {
            self.i += 1;
        }
        String::from_utf8(self.s[start..self.i].to_vec()).unwrap()
    }

    fn call(&mut self) -> Result<Call, String> {
        self.skip_spaces();
        let func = self.word();
        let mut args = Vec::new();
        while !self.at_end() {
            args.push(self.operand()?);
        }
        Ok(Call { func, args })
    }

    /// A Go interpreted string literal, as bytes.
    fn quoted(&mut self) -> Result<Vec<u8>, String> {
        self.i += 1; // opening quote
        let mut out = Vec::new();
        loop {
            let c = *self.s.get(self.i).ok_or("unterminated string")?;
            self.i += 1;
            match c {
                b'"' => return Ok(out),
                b'\\' => {
                    let e = *self.s.get(self.i).ok_or("bad escape")?;
                    self.i += 1;
                    let simple = match e {
                        b'a' => Some(7),
                        b'b' => Some(8),
                        b'f' => Some(12),
                        b'n' => Some(10),
                        b'r' => Some(13),
                        b't' => Some(9),
                        b'v' => Some(11),
                        b'\\' | b'\'' | b'"' => Some(e),
                        _ => None,
                    };
                    if let Some(b) = simple {
                        out.push(b);
                        continue;
                    }
                    let digits = match e {
                        b'x' => 2,
                        b'u' => 4,
                        b'U' => 8,
                        _ => return Err(format!("unsupported escape \\{}", e as char)),
                    };
                    let hex = std::str::from_utf8(&self.s[self.i..self.i + digits]).unwrap();
                    let n = u32::from_str_radix(hex, 16).map_err(|e| e.to_string())?;
                    self.i += digits;
                    if e == b'x' {
                        out.push(n as u8);
                    } else {
                        let c = char::from_u32(n).ok_or("bad rune")?;
                        out.extend_from_slice(c.to_string().as_bytes());
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn operand(&mut self) -> Result<Value, String> {
        self.skip_spaces();
        match self.s.get(self.i).copied().ok_or("missing operand")? {
            b'"' => {
                let b = self.quoted()?;
                let s = String::from_utf8(b).map_err(|_| "string is not UTF-8")?;
                Ok(Value::str(s))
            }
            b'\'' => {
                let rest = std::str::from_utf8(&self.s[self.i + 1..]).unwrap();
                let c = rest.chars().next().ok_or("bad char")?;
                self.i += 1 + c.len_utf8() + 1;
                Ok(Value::Int(c as i64))
            }
            b'(' => {
                self.i += 1;
                self.skip_spaces();
                let name = self.word();
                let mut args = Vec::new();
                loop {
                    self.skip_spaces();
                    if self.s.get(self.i) == Some(&b')') {
                        self.i += 1;
                        break;
                    }
                    if name == "bytes" {
                        args.push(Value::Bytes(Arc::from(self.quoted()?)));
                    } else {
                        args.push(self.operand()?);
                    }
                }
                apply(&name, args)
            }
            _ => {
                let w = self.word();
                literal(&w)
            }
        }
    }
}

fn literal(w: &str) -> Result<Value, String> {
    match w {
        "nil" => return Ok(Value::Nil),
        "true" => return Ok(Value::Bool(true)),
        "false" => return Ok(Value::Bool(false)),
        _ => {}
    }
    if let Some(hex) = w.strip_prefix("0x") {
        return i64::from_str_radix(hex, 16)
            .map(Value::Int)
            .map_err(|e| e.to_string());
    }
    if w.contains(['.', 'e', 'E']) {
        return w
            .parse::<f64>()
            .map(Value::Float)
            .map_err(|e| e.to_string());
    }
    w.parse::<i64>()
        .map(Value::Int)
        .map_err(|e| format!("{w}: {e}"))
}

/// The Sprig functions the notation uses.
fn apply(name: &str, args: Vec<Value>) -> Result<Value, String> {
    let one = || {
        args.first()
            .cloned()
            .ok_or(format!("{name} needs an operand"))
    };
    Ok(match name {
        "list" => Value::list(args),
        "dict" => {
            let m = Map::new();
            for pair in args.chunks(2) {
                let k = pair[0].as_str().ok_or("dict key is not a string")?;
                m.insert(k, pair.get(1).cloned().unwrap_or(Value::Nil));
            }
            Value::Map(m)
        }
        "int64" => match one()? {
            Value::Int(i) => Value::Int64(i),
            other => return Err(format!("int64 of {other:?}")),
        },
        "float64" => match one()? {
            Value::Int(i) => Value::Float(i as f64),
            Value::String(s) => Value::Float(match &*s {
                "NaN" => f64::NAN,
                "+Inf" => f64::INFINITY,
                "-Inf" => f64::NEG_INFINITY,
                other => other.parse().map_err(|_| format!("float64 {other}"))?,
            }),
            other => return Err(format!("float64 of {other:?}")),
        },
        "toStrings" => match one()? {
            Value::List(l) => Value::List(List::strings(l.iter().map(format_value))),
            other => return Err(format!("toStrings of {other:?}")),
        },
        "until" => match one()? {
            Value::Int(n) => {
                Value::List(List::typed((0..n).map(Value::Int).collect(), ElemType::Int))
            }
            other => return Err(format!("until of {other:?}")),
        },
        "bytes" => one()?,
        _ => return Err(format!("unknown function {name}")),
    })
}

/// Decodes an expectation literal (`\xNN` bytes, `\u{N}` runes, `\n \t \" \\`).
fn decode_expectation(lit: &str) -> Result<Vec<u8>, String> {
    let body = lit
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .ok_or("expectation is not quoted")?;
    let mut out = Vec::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.extend_from_slice(c.to_string().as_bytes());
            continue;
        }
        match chars.next().ok_or("dangling backslash")? {
            'n' => out.push(b'\n'),
            't' => out.push(b'\t'),
            '"' => out.push(b'"'),
            '\\' => out.push(b'\\'),
            'x' => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).map_err(|e| e.to_string())?);
            }
            'u' => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                let n = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                let c = char::from_u32(n).ok_or("bad rune")?;
                out.extend_from_slice(c.to_string().as_bytes());
            }
            other => return Err(format!("unknown escape \\{other}")),
        }
    }
    Ok(out)
}

fn run_case(line: &str) -> Result<(), String> {
    let (pipeline, want) = line
        .split_once("\t=> ")
        .ok_or("no expectation (run scripts/gen_fmt_testdata.py)")?;
    let want = decode_expectation(want)?;
    let call = Parser {
        s: pipeline.as_bytes(),
        i: 0,
    }
    .call()?;
    let (got_bytes, got) = match call.func.as_str() {
        "printf" => {
            let format = call
                .args
                .first()
                .and_then(Value::as_str)
                .ok_or("no format")?;
            let args = &call.args[1..];
            (sprintf_bytes(format, args), sprintf(format, args))
        }
        "print" => (sprint(&call.args).into_bytes(), sprint(&call.args)),
        "println" => (sprintln(&call.args).into_bytes(), sprintln(&call.args)),
        other => return Err(format!("unknown function {other}")),
    };
    if got_bytes != want {
        return Err(format!(
            "got  {:?}\n    want {:?}",
            String::from_utf8_lossy(&got_bytes),
            String::from_utf8_lossy(&want)
        ));
    }
    // The String API carries invalid UTF-8 as escaped bytes (see `gostr`).
    if crate::gostr::to_go_bytes(&got).as_ref() != want.as_slice() {
        return Err(format!("string form differs: {got:?}"));
    }
    Ok(())
}

#[test]
fn printf_cases_match_reference_helm() {
    let mut failures = Vec::new();
    let mut count = 0;
    for (n, line) in CASES.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        count += 1;
        if let Err(e) = run_case(line) {
            let pipeline = line.split("\t=> ").next().unwrap_or(line);
            failures.push(format!("printf.cases:{}: {pipeline}\n    {e}", n + 1));
        }
    }
    assert!(count >= 400, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// A host object with a Go `String()` method.
struct Version(&'static str);

impl Object for Version {
    fn type_name(&self) -> &str {
        "*semver.Version"
    }
    fn kind(&self) -> Kind {
        Kind::Ptr
    }
    fn to_go_string(&self) -> Option<String> {
        Some(self.0.to_string())
    }
    fn fmt_struct(&self, _plus: bool) -> String {
        "&{1 2 3}".to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A host struct without `String()`.
struct Caps;

impl Object for Caps {
    fn type_name(&self) -> &str {
        "common.Caps"
    }
    fn fmt_struct(&self, plus: bool) -> String {
        if plus { "{Major:1}" } else { "{1}" }.to_string()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

#[test]
fn stringers_print_their_string_for_string_verbs() {
    let v = Value::object(Version("1.2.3"));
    assert_eq!(
        sprintf(
            "%v|%s|%q|%x|%8s|%-6v|",
            &[
                v.clone(),
                v.clone(),
                v.clone(),
                v.clone(),
                v.clone(),
                v.clone()
            ]
        ),
        "1.2.3|1.2.3|\"1.2.3\"|312e322e33|   1.2.3|1.2.3 |"
    );
    assert_eq!(
        format_value(&Value::list(vec![v.clone(), Value::Int(1)])),
        "[1.2.3 1]"
    );
    assert_eq!(
        format_value(&Value::map([("v", v.clone())])),
        "map[v:1.2.3]"
    );
    assert_eq!(sprintf("%T", std::slice::from_ref(&v)), "*semver.Version");
    // Verbs that take no string fall back to the struct.
    assert_eq!(sprintf("%d", std::slice::from_ref(&v)), "&{1 2 3}");
    assert_eq!(sprint(&[v.clone(), v]), "1.2.3 1.2.3");
}

#[test]
fn structs_print_their_fields() {
    let c = Value::object(Caps);
    assert_eq!(format_value(&c), "{1}");
    assert_eq!(sprintf("%+v", std::slice::from_ref(&c)), "{Major:1}");
    assert_eq!(
        sprintf("%#v", std::slice::from_ref(&c)),
        "common.Caps{Major:1}"
    );
    assert_eq!(
        sprintf("%+v", &[Value::list(vec![c.clone()])]),
        "[{Major:1}]"
    );
    assert_eq!(
        sprintf("%p", std::slice::from_ref(&c)),
        "%!p(common.Caps={1})"
    );
}

#[test]
fn format_value_is_percent_v() {
    assert_eq!(format_value(&Value::Nil), "<nil>");
    assert_eq!(format_value(&Value::Float(1e6)), "1e+06");
    assert_eq!(format_value(&Value::str("x")), "x");
    let mut out = String::from(">");
    super::write_value(&mut out, &Value::Bytes(Arc::from(&b"\xffa"[..])));
    assert_eq!(out, ">[255 97]");
}

#[test]
fn invalid_utf8_survives_in_strings() {
    let b = Value::Bytes(Arc::from(&b"a\xffb"[..]));
    assert_eq!(sprintf_bytes("%s", std::slice::from_ref(&b)), b"a\xffb");
    let s = sprintf("%s", &[b]);
    assert_eq!(crate::gostr::to_go_bytes(&s).as_ref(), b"a\xffb");
}

#[test]
fn pointers_print_an_address() {
    let l = Value::list(vec![Value::Int(1)]);
    let p = sprintf("%p", std::slice::from_ref(&l));
    assert!(p.starts_with("0x") && p.len() > 2, "{p}");
    assert_eq!(sprintf("%#p", std::slice::from_ref(&l)), p[2..]);
}

#[test]
fn cyclic_maps_and_deep_nesting_do_not_overflow() {
    let m = Map::new();
    m.insert("a", Value::Int(1));
    m.insert("self", Value::Map(m.clone()));
    assert_eq!(
        format_value(&Value::Map(m.clone())),
        "map[a:1 self:%!v(CYCLE)]"
    );
    // The same map twice side by side is not a cycle.
    let inner = Value::map([("k", Value::Int(1))]);
    assert_eq!(
        format_value(&Value::list(vec![inner.clone(), inner])),
        "[map[k:1] map[k:1]]"
    );
    let mut deep = Value::Int(0);
    for _ in 0..1000 {
        deep = Value::list(vec![deep]);
    }
    let printed = format_value(&deep);
    assert_eq!(
        printed,
        format!("{}0{}", "[".repeat(1000), "]".repeat(1000))
    );
    for _ in 0..5 {
        deep = Value::list(vec![deep]);
    }
    assert!(format_value(&deep).contains("%!v(DEPTH)"));
}
