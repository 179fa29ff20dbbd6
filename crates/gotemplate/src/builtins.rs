//! Go's predefined template functions (`text/template/funcs.go`). They work on
//! evaluated values with their interface/invalid distinctions intact; `and`,
//! `or` and `call` need the executor and live there.

use crate::exec::{Param, Rv};
use crate::gofmt;
use crate::value::{ElemType, GoType, List, Value};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Builtin {
    And,
    Or,
    Not,
    Len,
    Index,
    Slice,
    Print,
    Printf,
    Println,
    Html,
    Js,
    Urlquery,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Call,
}

impl Builtin {
    pub(crate) fn from_name(name: &str) -> Option<Builtin> {
        Some(match name {
            "and" => Builtin::And,
            "or" => Builtin::Or,
            "not" => Builtin::Not,
            "len" => Builtin::Len,
            "index" => Builtin::Index,
            "slice" => Builtin::Slice,
            "print" => Builtin::Print,
            "printf" => Builtin::Printf,
            "println" => Builtin::Println,
            "html" => Builtin::Html,
            "js" => Builtin::Js,
            "urlquery" => Builtin::Urlquery,
            "eq" => Builtin::Eq,
            "ne" => Builtin::Ne,
            "lt" => Builtin::Lt,
            "le" => Builtin::Le,
            "gt" => Builtin::Gt,
            "ge" => Builtin::Ge,
            "call" => Builtin::Call,
            _ => return None,
        })
    }

    /// Go's parameter types: the fixed ones and the element type of the
    /// variadic rest. `Param::Reflect` is a `reflect.Value` parameter (the
    /// value is passed as evaluated, nil and interface distinctions included).
    pub(crate) fn signature(self) -> (&'static [Param], Option<Param>) {
        use Builtin::*;
        const R: Param = Param::Reflect;
        const ANY: Param = Param::Go(GoType::Any);
        match self {
            And | Or | Index | Slice | Eq | Call => (&[R], Some(R)),
            Not | Len => (&[R], None),
            Ne | Lt | Le | Gt | Ge => (&[R, R], None),
            Printf => (&[Param::Go(GoType::String)], Some(ANY)),
            Print | Println | Html | Js | Urlquery => (&[], Some(ANY)),
        }
    }
}

/// Calls a builtin other than `and`, `or` and `call`.
pub(crate) fn call(b: Builtin, argv: Vec<Rv>) -> Result<Rv, String> {
    use Builtin::*;
    let vals = || argv.iter().map(|v| v.value().clone()).collect::<Vec<_>>();
    Ok(match b {
        Not => Rv::Val(Value::Bool(!crate::exec::is_true(&argv[0]))),
        Len => Rv::Val(Value::Int(length(&argv[0])? as i64)),
        Index => index(&argv[0], &argv[1..])?,
        Slice => slice(&argv[0], &argv[1..])?,
        Print => Rv::Val(Value::str(gofmt::sprint(&vals()))),
        Println => Rv::Val(Value::str(gofmt::sprintln(&vals()))),
        Printf => {
            let v = vals();
            let format = v[0].as_str().unwrap_or_default().to_string();
            Rv::Val(Value::str(gofmt::sprintf(&format, &v[1..])))
        }
        Html => Rv::Val(Value::str(html_escape(&eval_args(&vals())))),
        Js => Rv::Val(Value::str(js_escape(&eval_args(&vals())))),
        Urlquery => Rv::Val(Value::str(query_escape(&eval_args(&vals())))),
        Eq => Rv::Val(Value::Bool(eq(&argv[0], &argv[1..])?)),
        Ne => Rv::Val(Value::Bool(!eq(&argv[0], &argv[1..2])?)),
        Lt => Rv::Val(Value::Bool(lt(&argv[0], &argv[1])?)),
        Le => Rv::Val(Value::Bool(le(&argv[0], &argv[1])?)),
        Gt => Rv::Val(Value::Bool(!le(&argv[0], &argv[1])?)),
        Ge => Rv::Val(Value::Bool(!lt(&argv[0], &argv[1])?)),
        And | Or | Call => unreachable!("handled by the executor"),
    })
}

/// Go's `indirectInterface`: a nil interface becomes invalid, any other
/// interface its concrete value.
fn concrete(v: &Rv) -> Option<&Value> {
    match v {
        Rv::Invalid | Rv::Iface(Value::Nil) => None,
        Rv::Iface(v) | Rv::Val(v) => Some(v),
    }
}

fn length(v: &Rv) -> Result<usize, String> {
    match v {
        Rv::Iface(Value::Nil) => Err("len of nil pointer".into()),
        Rv::Invalid => Err("reflect: call of reflect.Value.Type on zero Value".into()),
        Rv::Iface(v) | Rv::Val(v) => match v {
            Value::String(s) => Ok(s.len()),
            Value::Bytes(b) => Ok(b.len()),
            Value::List(l) => Ok(l.len()),
            Value::Map(m) => Ok(m.len()),
            Value::Object(o) => o
                .length()
                .ok_or_else(|| format!("len of type {}", o.type_name())),
            other => Err(format!("len of type {}", other.type_name())),
        },
    }
}

/// Go's `indexArg`: an integer index within `0..=cap`.
fn index_arg(index: &Rv, cap: usize) -> Result<usize, String> {
    let x = match concrete(index) {
        Some(Value::Int(i) | Value::Int64(i)) => *i,
        None => return Err("cannot index slice/array with nil".into()),
        Some(other) => {
            return Err(format!(
                "cannot index slice/array with type {}",
                other.type_name()
            ));
        }
    };
    if x < 0 || x as u64 > cap as u64 {
        return Err(format!("index out of range: {x}"));
    }
    Ok(x as usize)
}

fn index(item: &Rv, indexes: &[Rv]) -> Result<Rv, String> {
    let Some(first) = concrete(item) else {
        return Err("index of untyped nil".into());
    };
    let mut cur = Rv::Val(first.clone());
    for index in indexes {
        let item = match &cur {
            Rv::Iface(Value::Nil) => return Err("index of nil pointer".into()),
            Rv::Invalid => return Err("index of untyped nil".into()),
            Rv::Iface(v) | Rv::Val(v) => v.clone(),
        };
        cur = match &item {
            Value::List(l) => {
                let x = index_arg(index, l.len())?;
                if x == l.len() {
                    return Err("reflect: slice index out of range".into());
                }
                if l.elem() == ElemType::Any {
                    Rv::Iface(l.items()[x].clone())
                } else {
                    Rv::Val(l.items()[x].clone())
                }
            }
            Value::Bytes(b) => {
                let x = index_arg(index, b.len())?;
                if x == b.len() {
                    return Err("reflect: slice index out of range".into());
                }
                Rv::Val(Value::Int(b[x] as i64))
            }
            Value::String(s) => {
                let x = index_arg(index, s.len())?;
                if x == s.len() {
                    return Err("reflect: string index out of range".into());
                }
                Rv::Val(Value::Int(s.as_bytes()[x] as i64))
            }
            Value::Map(m) => {
                let key = match concrete(index) {
                    Some(Value::String(k)) => k.clone(),
                    None => return Err("value is nil; should be of type string".into()),
                    Some(other) => {
                        return Err(format!(
                            "value has type {}; should be string",
                            other.type_name()
                        ));
                    }
                };
                Rv::Iface(m.get(&key).unwrap_or(Value::Nil))
            }
            Value::Object(o) if o.kind() == crate::value::Kind::Map => {
                let key = match concrete(index) {
                    Some(Value::String(k)) => k.clone(),
                    _ => return Err("value is nil; should be of type string".into()),
                };
                Rv::from_result(o.field(&key).unwrap_or(Value::Nil))
            }
            other => return Err(format!("can't index item of type {}", other.type_name())),
        };
    }
    Ok(cur)
}

fn slice(item: &Rv, indexes: &[Rv]) -> Result<Rv, String> {
    let Some(item) = concrete(item) else {
        return Err("slice of untyped nil".into());
    };
    if indexes.len() > 3 {
        return Err(format!("too many slice indexes: {}", indexes.len()));
    }
    let len = match item {
        Value::String(s) => {
            if indexes.len() == 3 {
                return Err("cannot 3-index slice a string".into());
            }
            s.len()
        }
        Value::List(l) => l.len(),
        Value::Bytes(b) => b.len(),
        other => return Err(format!("can't slice item of type {}", other.type_name())),
    };
    let mut idx = [0, len, len];
    for (i, index) in indexes.iter().enumerate() {
        idx[i] = index_arg(index, len)?;
    }
    if idx[0] > idx[1] {
        return Err(format!("invalid slice index: {} > {}", idx[0], idx[1]));
    }
    if indexes.len() == 3 && idx[1] > idx[2] {
        return Err(format!("invalid slice index: {} > {}", idx[1], idx[2]));
    }
    let (i, j) = (idx[0], idx[1]);
    Ok(Rv::Val(match item {
        Value::String(s) => match s.get(i..j) {
            Some(sub) => Value::str(sub),
            None => Value::str(crate::gostr::from_go_bytes(&s.as_bytes()[i..j]).into_owned()),
        },
        Value::List(l) => Value::List(List::typed(l.items()[i..j].to_vec(), l.elem())),
        Value::Bytes(b) => Value::Bytes(b[i..j].into()),
        _ => unreachable!("checked above"),
    }))
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum BasicKind {
    Invalid,
    Bool,
    Int,
    Float,
    String,
}

fn basic_kind(v: Option<&Value>) -> BasicKind {
    match v {
        Some(Value::Bool(_)) => BasicKind::Bool,
        Some(Value::Int(_) | Value::Int64(_)) => BasicKind::Int,
        Some(Value::Float(_)) => BasicKind::Float,
        Some(Value::String(_)) => BasicKind::String,
        _ => BasicKind::Invalid,
    }
}

const ERR_BAD_COMPARISON_TYPE: &str = "invalid type for comparison";

fn incompatible(a: &Value, b: &Value) -> String {
    format!(
        "incompatible types for comparison: {} and {}",
        a.type_name(),
        b.type_name()
    )
}

/// `fmt.Sprintf("%s", v)` of a value, as Go formats a `reflect.Value` operand.
fn fmt_s(v: &Value) -> String {
    gofmt::sprintf("%s", std::slice::from_ref(v))
}

/// Go's `isNil` on a concrete value: only the invalid value is nil here
/// (maps and slices of this value model are never nil).
fn is_nil(v: Option<&Value>) -> bool {
    v.is_none()
}

/// Whether values of this dynamic type can be compared with `==` in Go.
fn comparable(v: &Value) -> bool {
    !matches!(v, Value::List(_) | Value::Bytes(_) | Value::Map(_))
}

fn eq(arg1: &Rv, rest: &[Rv]) -> Result<bool, String> {
    let a = concrete(arg1);
    if rest.is_empty() {
        return Err("missing argument for comparison".into());
    }
    let k1 = basic_kind(a);
    for arg in rest {
        let b = concrete(arg);
        let k2 = basic_kind(b);
        let truth = if k1 != k2 {
            if let (Some(a), Some(b)) = (a, b) {
                return Err(incompatible(a, b));
            }
            false
        } else {
            match (a, b) {
                (Some(Value::Bool(x)), Some(Value::Bool(y))) => x == y,
                (Some(Value::Float(x)), Some(Value::Float(y))) => x == y,
                (Some(Value::String(x)), Some(Value::String(y))) => x == y,
                (Some(x), Some(y)) if k1 == BasicKind::Int => x.as_int() == y.as_int(),
                _ => {
                    // Non-basic kinds: comparable only to nil or to the same kind.
                    if let (Some(x), Some(y)) = (a, b)
                        && x.kind() != y.kind()
                    {
                        return Err(format!(
                            "non-comparable types {}: {}, {}: {}",
                            fmt_s(x),
                            x.type_name(),
                            y.type_name(),
                            gofmt::format_value(y)
                        ));
                    }
                    if is_nil(a) || is_nil(b) {
                        is_nil(a) == is_nil(b)
                    } else {
                        let (x, y) = (a.expect("not nil"), b.expect("not nil"));
                        if !comparable(y) {
                            return Err(format!(
                                "non-comparable type {}: {}",
                                fmt_s(y),
                                y.type_name()
                            ));
                        }
                        match (x, y) {
                            (Value::Object(p), Value::Object(q)) => std::sync::Arc::ptr_eq(p, q),
                            _ => false,
                        }
                    }
                }
            }
        };
        if truth {
            return Ok(true);
        }
    }
    Ok(false)
}

fn lt(arg1: &Rv, arg2: &Rv) -> Result<bool, String> {
    let a = concrete(arg1);
    let k1 = basic_kind(a);
    if k1 == BasicKind::Invalid {
        return Err(ERR_BAD_COMPARISON_TYPE.into());
    }
    let b = concrete(arg2);
    let k2 = basic_kind(b);
    if k2 == BasicKind::Invalid {
        return Err(ERR_BAD_COMPARISON_TYPE.into());
    }
    let (a, b) = (a.expect("valid"), b.expect("valid"));
    if k1 != k2 {
        return Err(incompatible(a, b));
    }
    match (a, b) {
        (Value::Bool(_), _) => Err(ERR_BAD_COMPARISON_TYPE.into()),
        (Value::Float(x), Value::Float(y)) => Ok(x < y),
        (Value::String(x), Value::String(y)) => Ok(x < y),
        (x, y) => Ok(x.as_int() < y.as_int()),
    }
}

fn le(arg1: &Rv, arg2: &Rv) -> Result<bool, String> {
    if lt(arg1, arg2)? {
        return Ok(true);
    }
    eq(arg1, std::slice::from_ref(arg2))
}

/// Go's `evalArgs`: a lone string as is, anything else through `fmt.Sprint`.
fn eval_args(args: &[Value]) -> String {
    if let [Value::String(s)] = args {
        return s.to_string();
    }
    // `printableValue` turns a nil operand into the string "<no value>".
    let args: Vec<Value> = args
        .iter()
        .map(|a| match a {
            Value::Nil => Value::str("<no value>"),
            other => other.clone(),
        })
        .collect();
    gofmt::sprint(&args)
}

/// Go's `template.HTMLEscapeString`.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("&#34;"),
            '\'' => out.push_str("&#39;"),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\0' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Go's `template.JSEscapeString`.
pub fn js_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '<' => out.push_str("\\u003C"),
            '>' => out.push_str("\\u003E"),
            '&' => out.push_str("\\u0026"),
            '=' => out.push_str("\\u003D"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u00{:02X}", c as u32)),
            c if (c as u32) < 0x80 => out.push(c),
            c if crate::error::is_go_printable(c) => out.push(c),
            c => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out
}

/// Go's `url.QueryEscape`.
pub fn query_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapers_match_go() {
        assert_eq!(
            html_escape("<a href=\"x\">&'"),
            "&lt;a href=&#34;x&#34;&gt;&amp;&#39;"
        );
        assert_eq!(
            js_escape("a'b\"<=>\n"),
            "a\\'b\\\"\\u003C\\u003D\\u003E\\u000A"
        );
        assert_eq!(query_escape("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
    }
}
