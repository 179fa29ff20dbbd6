//! Decoding parsed YAML into Helm's Go structs the way sigs.k8s.io/yaml
//! does (YAML → JSON → `encoding/json` of Go 1.27): struct keys match
//! case-insensitively in sorted key order, scalars in string fields become
//! strings, and a value of the wrong JSON kind is a type error naming the
//! JSON path, after which decoding goes on and the first error is returned.

use gotemplate::strconv::{format_float, quote};
use gotemplate::{Map, Value};

/// Collects the errors of one decode.
#[derive(Default)]
pub(crate) struct Decoder {
    first: Option<String>,
    fatal: Option<String>,
}

/// A JSON path as encoding/json reports it: `.dependencies.0.name`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Path(String);

impl Path {
    pub(crate) fn root() -> Path {
        Path(String::new())
    }

    pub(crate) fn key(&self, k: &str) -> Path {
        Path(format!("{}.{k}", self.0))
    }

    pub(crate) fn index(&self, i: usize) -> Path {
        Path(format!("{}.{i}", self.0))
    }

    fn ends_with_index(&self) -> bool {
        self.0
            .rsplit('.')
            .next()
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    }
}

/// The JSON kind of a YAML value, as encoding/json names it.
fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Bool(_) => "bool",
        Value::Float(_) | Value::Int(_) | Value::Int64(_) => "number",
        Value::String(_) | Value::Bytes(_) => "string",
        Value::List(_) => "array",
        _ => "object",
    }
}

impl Decoder {
    /// A value of the wrong kind for a Go type; decoding goes on.
    pub(crate) fn type_error(&mut self, v: &Value, path: &Path, go_type: &str) {
        let target = if path.0.is_empty() {
            "Go value".to_string()
        } else if path.ends_with_index() {
            path.0.clone()
        } else {
            format!("Go struct field {}", path.0)
        };
        self.first.get_or_insert_with(|| {
            format!(
                "json: cannot unmarshal {} into {target} of type {go_type}",
                json_kind(v)
            )
        });
    }

    /// An error that stops encoding/json at once (a failing `UnmarshalJSON`).
    pub(crate) fn fatal(&mut self, message: String) {
        self.fatal.get_or_insert(message);
    }

    /// The decode's outcome, worded as sigs.k8s.io/yaml wraps it.
    pub(crate) fn finish(self) -> Result<(), String> {
        match self.fatal.or(self.first) {
            Some(m) => Err(format!("error unmarshaling JSON: while decoding JSON: {m}")),
            None => Ok(()),
        }
    }

    /// The entries of an object, keys as written, in the order encoding/json
    /// sees them (sorted); `None` after a type error (or for null).
    pub(crate) fn object(
        &mut self,
        v: &Value,
        path: &Path,
        go_type: &str,
    ) -> Option<Vec<(String, Value)>> {
        match v {
            Value::Nil => None,
            Value::Map(m) => Some(entries(m)),
            other => {
                self.type_error(other, path, go_type);
                None
            }
        }
    }

    /// A Go `string` field: YAML scalars are turned into strings first.
    pub(crate) fn string(&mut self, v: &Value, path: &Path) -> String {
        match v {
            Value::Nil => String::new(),
            Value::String(s) => s.to_string(),
            Value::Bool(b) => b.to_string(),
            // sigs.k8s.io/yaml formats YAML floats for string targets as float32.
            Value::Float(f) => format_float(*f, b'g', -1, 32),
            Value::Int(i) | Value::Int64(i) => i.to_string(),
            other => {
                self.type_error(other, path, "string");
                String::new()
            }
        }
    }

    /// A Go `bool` field.
    pub(crate) fn bool(&mut self, v: &Value, path: &Path) -> bool {
        match v {
            Value::Nil => false,
            Value::Bool(b) => *b,
            other => {
                self.type_error(other, path, "bool");
                false
            }
        }
    }

    /// A Go `[]string` field.
    pub(crate) fn strings(&mut self, v: &Value, path: &Path) -> Vec<String> {
        match v {
            Value::Nil => Vec::new(),
            Value::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, x)| self.string(x, &path.index(i)))
                .collect(),
            other => {
                self.type_error(other, path, "[]string");
                Vec::new()
            }
        }
    }

    /// A Go `map[string]string` field; `None` for null (a nil map).
    pub(crate) fn string_map(&mut self, v: &Value, path: &Path) -> Option<Vec<(String, String)>> {
        match v {
            Value::Nil => None,
            Value::Map(m) => Some(
                entries(m)
                    .into_iter()
                    .map(|(k, x)| {
                        let s = self.string(&x, &path.key(&k));
                        (k, s)
                    })
                    .collect(),
            ),
            other => {
                self.type_error(other, path, "map[string]string");
                None
            }
        }
    }

    /// A Go slice of struct pointers: each non-null element decoded by `item`.
    pub(crate) fn list<T>(
        &mut self,
        v: &Value,
        path: &Path,
        go_type: &str,
        elem_type: &str,
        mut item: impl FnMut(&mut Decoder, &[(String, Value)], &Path) -> T,
    ) -> Vec<Option<T>> {
        match v {
            Value::Nil => Vec::new(),
            Value::List(l) => l
                .iter()
                .enumerate()
                .map(|(i, x)| {
                    let p = path.index(i);
                    match x {
                        Value::Nil => None,
                        Value::Map(m) => Some(item(self, &entries(m), &p)),
                        other => {
                            self.type_error(other, &p, elem_type);
                            None
                        }
                    }
                })
                .collect(),
            other => {
                self.type_error(other, path, go_type);
                Vec::new()
            }
        }
    }

    /// A Go `time.Time` field (RFC 3339 text, `null` for the zero time).
    pub(crate) fn time(&mut self, v: &Value, path: &Path) -> String {
        match v {
            Value::Nil => String::new(),
            Value::String(s) => {
                if let Err(e) = check_rfc3339(s) {
                    self.fatal(e);
                }
                s.to_string()
            }
            other => {
                self.type_error(other, path, "time.Time");
                String::new()
            }
        }
    }
}

/// The entries of a YAML mapping in encoding/json order: sorted keys.
fn entries(m: &Map) -> Vec<(String, Value)> {
    m.entries()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
}

/// Go's `time.RFC3339`.
const RFC3339: &str = "2006-01-02T15:04:05Z07:00";

/// Go's `*time.ParseError` text for `time.Parse(time.RFC3339, value)`.
fn parse_error(value: &str, layout_elem: &str, value_elem: &str, message: &str) -> String {
    if message.is_empty() {
        format!(
            "parsing time {} as {}: cannot parse {} as {}",
            quote(value),
            quote(RFC3339),
            quote(value_elem),
            quote(layout_elem)
        )
    } else {
        format!("parsing time {}{message}", quote(value))
    }
}

/// Go's `getnum`: one or two digits, two when `fixed`.
fn getnum(s: &str, fixed: bool) -> Option<(u32, &str)> {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if !b.get(1).is_some_and(u8::is_ascii_digit) {
        if fixed {
            return None;
        }
        return Some((u32::from(b[0] - b'0'), &s[1..]));
    }
    Some((
        u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0'),
        &s[2..],
    ))
}

fn days_in(month: u32, year: i64) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Validates `value` the way `time.Time.UnmarshalJSON` does (Go's
/// `parseStrictRFC3339`), returning Go's error text.
pub(crate) fn check_rfc3339(value: &str) -> Result<(), String> {
    let err = |layout_elem: &str, rest: &str| Err(parse_error(value, layout_elem, rest, ""));
    let range = |what: &str, rest: &str, elem: &str| {
        Err(parse_error(
            value,
            elem,
            rest,
            &format!(": {what} out of range"),
        ))
    };
    let mut rest = value;
    // 2006
    if rest.len() < 4 || !rest.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
        return err("2006", rest);
    }
    let year: i64 = rest[..4].parse().unwrap_or(0);
    rest = &rest[4..];
    let mut month = 0;
    let mut day = 0;
    // (separator, element, fixed width, range name, max)
    let steps: [(&str, &str, bool); 5] = [
        ("-", "01", true),
        ("-", "02", true),
        ("T", "15", false),
        (":", "04", true),
        (":", "05", true),
    ];
    for (sep, elem, fixed) in steps {
        let Some(r) = rest.strip_prefix(sep) else {
            return err(sep, rest);
        };
        let hold = r;
        let Some((n, r)) = getnum(r, fixed) else {
            return err(elem, hold);
        };
        let out_of_range = match elem {
            "01" => (!(1..=12).contains(&n)).then_some("month"),
            "15" => (n > 23).then_some("hour"),
            "04" => (n > 59).then_some("minute"),
            "05" => (n > 59).then_some("second"),
            _ => None,
        };
        if let Some(what) = out_of_range {
            return range(what, r, elem);
        }
        match elem {
            "01" => month = n,
            "02" => day = n,
            _ => {}
        }
        rest = r;
    }
    // Fractional seconds may follow the seconds.
    let b = rest.as_bytes();
    if b.len() >= 2 && (b[0] == b'.' || b[0] == b',') && b[1].is_ascii_digit() {
        let n = 1 + b[1..].iter().take_while(|c| c.is_ascii_digit()).count();
        rest = &rest[n..];
    }
    // Z07:00
    if let Some(r) = rest.strip_prefix('Z') {
        rest = r;
    } else {
        let b = rest.as_bytes();
        let ok = b.len() >= 6
            && b[3] == b':'
            && (b[0] == b'+' || b[0] == b'-')
            && getnum(&rest[1..3], true).is_some()
            && getnum(&rest[4..6], true).is_some();
        if !ok {
            return err("Z07:00", rest);
        }
        rest = &rest[6..];
    }
    if !rest.is_empty() {
        return Err(parse_error(
            value,
            "",
            rest,
            &format!(": extra text: {}", quote(rest)),
        ));
    }
    if day < 1 || day > days_in(month, year) {
        return Err(parse_error(value, "", "", ": day out of range"));
    }
    // Checks time.Parse cannot make (Go's parseStrictRFC3339).
    let b = value.as_bytes();
    let prefix = "2006-01-02T".len();
    if b[prefix + 1] == b':' {
        return Err(parse_error(value, "15", &value[prefix..prefix + 1], ""));
    }
    if b.get("2006-01-02T15:04:05".len()) == Some(&b',') {
        return Err(parse_error(value, ".", ",", ""));
    }
    if b[b.len() - 1] != b'Z' {
        let num2 = |s: &[u8]| u32::from(s[0] - b'0') * 10 + u32::from(s[1] - b'0');
        let zone = &value[value.len() - 6..];
        if num2(&b[b.len() - 5..]) >= 24 {
            return Err(parse_error(
                value,
                "Z07:00",
                zone,
                ": timezone hour out of range",
            ));
        }
        if num2(&b[b.len() - 2..]) >= 60 {
            return Err(parse_error(
                value,
                "Z07:00",
                zone,
                ": timezone minute out of range",
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_errors_match_go() {
        let cases = [
            ("2020-01-01T00:00:00Z", ""),
            ("2024-11-28T05:42:02.714275612Z", ""),
            ("2020-01-01T00:00:00+01:00", ""),
            (
                "notatime",
                r#"parsing time "notatime" as "2006-01-02T15:04:05Z07:00": cannot parse "notatime" as "2006""#,
            ),
            (
                "2020-01-01",
                r#"parsing time "2020-01-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T""#,
            ),
            (
                "2020-13-01T00:00:00Z",
                r#"parsing time "2020-13-01T00:00:00Z": month out of range"#,
            ),
            (
                "2021-02-29T00:00:00Z",
                r#"parsing time "2021-02-29T00:00:00Z": day out of range"#,
            ),
            (
                "2020-01-01T00:00:00Zx",
                r#"parsing time "2020-01-01T00:00:00Zx": extra text: "x""#,
            ),
        ];
        for (value, want) in cases {
            let got = check_rfc3339(value).err().unwrap_or_default();
            assert_eq!(got, want, "{value}");
        }
    }
}
