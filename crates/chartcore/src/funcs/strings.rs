//! Sprig's string functions.

pub(crate) mod gounicode;
mod goutils;
mod xstrings;

use gotemplate::gofmt;
use gotemplate::{ElemType, FuncError, FuncMap, GoType, List, Map, Value};

use super::conv::{strslice, strval};
use super::{def, def_variadic, i, s};

use GoType::{Any, Int, String as Str};

pub(super) fn register(m: &mut FuncMap) {
    register_text(m);
    register_case(m);
    register_format(m);
    register_split_join(m);
    register_sequences(m);
}

/// Trimming, slicing and searching.
fn register_text(m: &mut FuncMap) {
    def(m, "hello", &[], |_| Ok(Value::str("Hello!")));
    def(m, "trim", &[Str], |a| {
        Ok(Value::str(s(&a[0]).trim_matches(gounicode::is_space)))
    });
    def(m, "trunc", &[Int, Str], |a| {
        Ok(Value::str(trunc(i(&a[0]), s(&a[1]))))
    });
    def(m, "abbrev", &[Int, Str], |a| {
        let (width, text) = (i(&a[0]), s(&a[1]));
        if width < 4 {
            return Ok(a[1].clone());
        }
        Ok(Value::str(
            goutils::abbreviate_full(text, 0, width).unwrap_or_default(),
        ))
    });
    def(m, "abbrevboth", &[Int, Int, Str], |a| {
        let (left, right, text) = (i(&a[0]), i(&a[1]), s(&a[2]));
        if right < 4 || left > 0 && right < 7 {
            return Ok(a[2].clone());
        }
        Ok(Value::str(
            goutils::abbreviate_full(text, left, right).unwrap_or_default(),
        ))
    });
    def(m, "substr", &[Int, Int, Str], |a| {
        Ok(Value::str(substring(i(&a[0]), i(&a[1]), s(&a[2]))?))
    });
    for name in ["trimAll", "trimall"] {
        def(m, name, &[Str, Str], |a| {
            Ok(Value::str(s(&a[1]).trim_matches(|c| s(&a[0]).contains(c))))
        });
    }
    def(m, "trimSuffix", &[Str, Str], |a| {
        let (suffix, v) = (s(&a[0]), s(&a[1]));
        Ok(Value::str(v.strip_suffix(suffix).unwrap_or(v)))
    });
    def(m, "trimPrefix", &[Str, Str], |a| {
        let (prefix, v) = (s(&a[0]), s(&a[1]));
        Ok(Value::str(v.strip_prefix(prefix).unwrap_or(v)))
    });
    def(m, "nospace", &[Str], |a| {
        Ok(Value::str(goutils::delete_white_space(s(&a[0]))))
    });
    def(m, "contains", &[Str, Str], |a| {
        Ok(Value::Bool(s(&a[1]).contains(s(&a[0]))))
    });
    def(m, "hasPrefix", &[Str, Str], |a| {
        Ok(Value::Bool(s(&a[1]).starts_with(s(&a[0]))))
    });
    def(m, "hasSuffix", &[Str, Str], |a| {
        Ok(Value::Bool(s(&a[1]).ends_with(s(&a[0]))))
    });
    def(m, "replace", &[Str, Str, Str], |a| {
        Ok(Value::str(go_replace(s(&a[2]), s(&a[0]), s(&a[1]))))
    });
    def(m, "repeat", &[Int, Str], |a| {
        Ok(Value::str(repeat(s(&a[1]), i(&a[0]))?))
    });
    def(m, "plural", &[Str, Str, Int], |a| {
        Ok(if i(&a[2]) == 1 {
            a[0].clone()
        } else {
            a[1].clone()
        })
    });
}

/// Case conversions.
fn register_case(m: &mut FuncMap) {
    def(m, "upper", &[Str], |a| Ok(Value::str(go_upper(s(&a[0])))));
    def(m, "lower", &[Str], |a| Ok(Value::str(go_lower(s(&a[0])))));
    def(m, "title", &[Str], |a| Ok(Value::str(title(s(&a[0])))));
    def(m, "untitle", &[Str], |a| {
        Ok(Value::str(goutils::uncapitalize(s(&a[0]))))
    });
    def(m, "swapcase", &[Str], |a| {
        Ok(Value::str(goutils::swap_case(s(&a[0]))))
    });
    def(m, "initials", &[Str], |a| {
        Ok(Value::str(goutils::initials(s(&a[0]))))
    });
    def(m, "snakecase", &[Str], |a| {
        Ok(Value::str(xstrings::to_snake_case(s(&a[0]))))
    });
    def(m, "kebabcase", &[Str], |a| {
        Ok(Value::str(xstrings::to_kebab_case(s(&a[0]))))
    });
    def(m, "camelcase", &[Str], |a| {
        Ok(Value::str(xstrings::to_camel_case(s(&a[0]))))
    });
}

/// Quoting, layout and conversion to text.
fn register_format(m: &mut FuncMap) {
    def(m, "wrap", &[Int, Str], |a| {
        Ok(Value::str(goutils::wrap_custom(
            s(&a[1]),
            i(&a[0]),
            "",
            false,
        )))
    });
    def(m, "wrapWith", &[Int, Str, Str], |a| {
        Ok(Value::str(goutils::wrap_custom(
            s(&a[2]),
            i(&a[0]),
            s(&a[1]),
            true,
        )))
    });
    def(m, "indent", &[Int, Str], |a| {
        Ok(Value::str(indent(i(&a[0]), s(&a[1]))?))
    });
    def(m, "nindent", &[Int, Str], |a| {
        Ok(Value::str(format!("\n{}", indent(i(&a[0]), s(&a[1]))?)))
    });
    def_variadic(m, "quote", &[], Any, |a| {
        let parts: Vec<String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(|v| gofmt::sprintf("%q", &[Value::str(strval(v))]))
            .collect();
        Ok(Value::str(parts.join(" ")))
    });
    def_variadic(m, "squote", &[], Any, |a| {
        let parts: Vec<String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(|v| format!("'{}'", gofmt::format_value(v)))
            .collect();
        Ok(Value::str(parts.join(" ")))
    });
    def_variadic(m, "cat", &[], Any, |a| {
        let parts: Vec<String> = a
            .iter()
            .filter(|v| !v.is_nil())
            .map(gofmt::format_value)
            .collect();
        Ok(Value::str(parts.join(" ")))
    });
    def(m, "toString", &[Any], |a| Ok(Value::str(strval(&a[0]))));
    def(m, "atoi", &[Str], |a| Ok(Value::Int(atoi(s(&a[0])))));
}

/// Splitting into and joining from lists and maps.
fn register_split_join(m: &mut FuncMap) {
    def(m, "split", &[Str, Str], |a| {
        Ok(indexed_map(go_split_n(s(&a[1]), s(&a[0]), -1)))
    });
    def(m, "splitn", &[Str, Int, Str], |a| {
        Ok(indexed_map(go_split_n(s(&a[2]), s(&a[0]), i(&a[1]))))
    });
    def(m, "splitList", &[Str, Str], |a| {
        Ok(Value::List(List::strings(go_split_n(
            s(&a[1]),
            s(&a[0]),
            -1,
        ))))
    });
    def(m, "toStrings", &[Any], |a| Ok(Value::List(strslice(&a[0]))));
    def(m, "join", &[Str, Any], |a| {
        let parts: Vec<String> = strslice(&a[1]).iter().map(strval).collect();
        Ok(Value::str(parts.join(s(&a[0]))))
    });
    def(m, "sortAlpha", &[Any], |a| {
        Ok(Value::List(sort_alpha(&a[0])))
    });
}

/// Integer sequences.
fn register_sequences(m: &mut FuncMap) {
    def(m, "until", &[Int], |a| {
        let count = i(&a[0]);
        Ok(int_list(until_step(
            0,
            count,
            if count < 0 { -1 } else { 1 },
        )?))
    });
    def(m, "untilStep", &[Int, Int, Int], |a| {
        Ok(int_list(until_step(i(&a[0]), i(&a[1]), i(&a[2]))?))
    });
    def_variadic(m, "seq", &[], Int, |a| {
        let params: Vec<i64> = a.iter().map(i).collect();
        let nums: Vec<String> = seq(&params)?.iter().map(i64::to_string).collect();
        Ok(Value::str(nums.join(" ")))
    });
}

/// Go's `strings.ToUpper`: the simple uppercase mapping rune by rune.
pub(crate) fn go_upper(s: &str) -> String {
    s.chars().map(gounicode::to_upper).collect()
}

/// Go's `strings.ToLower`, rune by rune.
pub(crate) fn go_lower(s: &str) -> String {
    s.chars().map(gounicode::to_lower).collect()
}

/// Go's deprecated `strings.Title`: title-cases the first rune of every
/// word, words being separated by anything but letters, digits and `_`.
fn title(s: &str) -> String {
    let is_separator = |c: char| {
        if c.is_ascii() {
            !(c.is_ascii_alphanumeric() || c == '_')
        } else if gounicode::is_letter(c) || gounicode::is_digit(c) {
            false
        } else {
            gounicode::is_space(c)
        }
    };
    let mut prev = ' ';
    s.chars()
        .map(|c| {
            let out = if is_separator(prev) {
                gounicode::to_title(c)
            } else {
                c
            };
            prev = c;
            out
        })
        .collect()
}

/// Sprig's `trunc`: byte-based, negative counts keep the tail.
fn trunc(c: i64, s: &str) -> String {
    let len = s.len() as i64;
    let bytes = s.as_bytes();
    let cut = if c < 0 && len + c > 0 {
        &bytes[(len + c) as usize..]
    } else if c >= 0 && len > c {
        &bytes[..c as usize]
    } else {
        bytes
    };
    gotemplate::gostr::from_go_bytes(cut).into_owned()
}

/// Sprig's `substring`, with the runtime panics Go's byte slicing raises.
fn substring(start: i64, end: i64, s: &str) -> Result<String, FuncError> {
    let len = s.len() as i64;
    let bounds =
        |msg: String| FuncError::msg(format!("runtime error: slice bounds out of range {msg}"));
    let (lo, hi) = if start < 0 {
        if end < 0 {
            return Err(bounds(format!("[:{end}]")));
        }
        if end > len {
            return Err(bounds(format!("[:{end}] with length {len}")));
        }
        (0, end)
    } else if end < 0 || end > len {
        if start > len {
            return Err(bounds(format!("[{start}:{len}]")));
        }
        (start, len)
    } else {
        if start > end {
            return Err(bounds(format!("[{start}:{end}]")));
        }
        (start, end)
    };
    Ok(gotemplate::gostr::from_go_bytes(&s.as_bytes()[lo as usize..hi as usize]).into_owned())
}

/// Go's `strings.Repeat`, including its panic on a negative count.
pub(crate) fn repeat(s: &str, n: i64) -> Result<String, FuncError> {
    if n < 0 {
        return Err(FuncError::msg("strings: negative Repeat count"));
    }
    if n > 0 && s.len().checked_mul(n as usize).is_none_or(|l| l > 1 << 30) {
        return Err(FuncError::msg("strings: Repeat output length overflow"));
    }
    Ok(s.repeat(n as usize))
}

/// Sprig's `indent`: pad the first line and every line after a newline.
fn indent(spaces: i64, v: &str) -> Result<String, FuncError> {
    let pad = repeat(" ", spaces)?;
    let mut out = String::with_capacity(v.len() + pad.len() * 4);
    out.push_str(&pad);
    for (idx, line) in v.split('\n').enumerate() {
        if idx > 0 {
            out.push('\n');
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    Ok(out)
}

/// Go's `strings.Replace(src, old, new, -1)`: an empty `old` matches at every
/// rune boundary.
pub(crate) fn go_replace(src: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        let mut out = String::with_capacity(src.len() + new.len() * (src.len() + 1));
        out.push_str(new);
        for c in src.chars() {
            out.push(c);
            out.push_str(new);
        }
        return out;
    }
    src.replace(old, new)
}

/// Go's `strings.SplitN`: `n == 0` gives nothing, `n < 0` every part; an
/// empty separator splits between runes.
pub(crate) fn go_split_n(s: &str, sep: &str, n: i64) -> Vec<String> {
    if n == 0 {
        return Vec::new();
    }
    let limit = if n < 0 { usize::MAX } else { n as usize };
    if sep.is_empty() {
        let mut parts: Vec<String> = Vec::new();
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if parts.len() + 1 == limit {
                parts.push(rest.to_string());
                return parts;
            }
            parts.push(c.to_string());
            rest = &rest[c.len_utf8()..];
        }
        return parts;
    }
    s.splitn(limit, sep).map(str::to_string).collect()
}

/// Sprig's `split`/`splitn` result: `{_0: part0, _1: part1, ...}`.
fn indexed_map(parts: Vec<String>) -> Value {
    Value::Map(
        parts
            .into_iter()
            .enumerate()
            .map(|(n, p)| (format!("_{n}").into(), Value::str(p)))
            .collect::<Map>(),
    )
}

/// Sprig's `sortAlpha`: slices as sorted strings, anything else as the
/// one-element list of its text.
fn sort_alpha(v: &Value) -> List {
    let mut items: Vec<String> = match v {
        Value::List(_) | Value::Bytes(_) => strslice(v).iter().map(strval).collect(),
        other => vec![strval(other)],
    };
    items.sort();
    List::strings(items)
}

/// Go's `strconv.Atoi` with its error dropped: 0 for malformed input, the
/// clamped value when out of range.
fn atoi(s: &str) -> i64 {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() {
        return 0;
    }
    let clamped = if neg { i64::MIN } else { i64::MAX };
    let mut n: u64 = 0;
    for c in digits.bytes() {
        if !c.is_ascii_digit() {
            return 0;
        }
        match n
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(c - b'0')))
        {
            Some(v) => n = v,
            // ParseUint reports the overflow as soon as it happens.
            None => return clamped,
        }
    }
    if neg {
        if n > 1 << 63 {
            i64::MIN
        } else {
            (n as i64).wrapping_neg()
        }
    } else {
        i64::try_from(n).unwrap_or(i64::MAX)
    }
}

/// The longest integer sequence built; Go would need gigabytes beyond it.
const MAX_SEQUENCE: i128 = 1 << 26;

/// Sprig's `untilStep`: `start`, `start+step`, ... up to `stop` (exclusive),
/// empty when `step` does not lead there.
fn until_step(start: i64, stop: i64, step: i64) -> Result<Vec<i64>, FuncError> {
    let (start, stop, step) = (i128::from(start), i128::from(stop), i128::from(step));
    let count = if stop < start {
        if step >= 0 {
            0
        } else {
            (start - stop + (-step) - 1) / -step
        }
    } else if step <= 0 {
        0
    } else {
        (stop - start + step - 1) / step
    };
    if count > MAX_SEQUENCE {
        return Err(FuncError::msg(format!(
            "runtime: out of memory: sequence of {count} integers"
        )));
    }
    Ok((0..count).map(|k| (start + k * step) as i64).collect())
}

/// Sprig's `seq`, GNU seq's argument forms: `LAST`, `FIRST LAST`,
/// `FIRST INCREMENT LAST`.
fn seq(params: &[i64]) -> Result<Vec<i64>, FuncError> {
    match *params {
        [end] => {
            let inc = if end < 1 { -1 } else { 1 };
            until_step(1, end.wrapping_add(inc), inc)
        }
        [start, end] => {
            let step = if end < start { -1 } else { 1 };
            until_step(start, end.wrapping_add(step), step)
        }
        [start, step, end] => {
            let mut inc = 1;
            if end < start {
                inc = -1;
                if step > 0 {
                    return Ok(Vec::new());
                }
            }
            until_step(start, end.wrapping_add(inc), step)
        }
        _ => Ok(Vec::new()),
    }
}

fn int_list(v: Vec<i64>) -> Value {
    Value::List(List::typed(
        v.into_iter().map(Value::Int).collect(),
        ElemType::Int,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_helpers_match_sprig() {
        assert_eq!(trunc(3, "abcdef"), "abc");
        assert_eq!(trunc(-2, "abcdef"), "ef");
        assert_eq!(trunc(-10, "abc"), "abc");
        assert_eq!(indent(2, "a\nb").unwrap(), "  a\n  b");
        assert_eq!(go_replace("ab", "", "-"), "-a-b-");
        assert!(repeat("x", -1).is_err());
    }

    #[test]
    fn split_follows_go() {
        assert_eq!(go_split_n("", ",", -1), vec![""]);
        assert!(go_split_n("", "", -1).is_empty());
        assert_eq!(go_split_n("abc", "", 2), vec!["a", "bc"]);
        assert!(go_split_n("a,b", ",", 0).is_empty());
    }

    #[test]
    fn atoi_clamps_and_rejects_like_go() {
        assert_eq!(atoi("+7"), 7);
        assert_eq!(atoi(" 1"), 0);
        assert_eq!(atoi("-9223372036854775808"), i64::MIN);
        assert_eq!(atoi("99999999999999999999x"), i64::MAX);
    }

    #[test]
    fn seq_follows_sprig() {
        assert_eq!(seq(&[0]).unwrap(), vec![1, 0]);
        assert_eq!(seq(&[10, -3, 0]).unwrap(), vec![10, 7, 4, 1]);
        assert!(seq(&[10, 3, 0]).unwrap().is_empty());
        assert_eq!(seq(&[5, 2]).unwrap(), vec![5, 4, 3, 2]);
        assert_eq!(
            until_step(i64::MAX - 2, i64::MAX, 1).unwrap(),
            vec![i64::MAX - 2, i64::MAX - 1]
        );
        assert!(until_step(0, i64::MAX, 1).is_err());
    }

    #[test]
    fn title_uses_go_separators() {
        assert_eq!(title("hello_world foo-bar"), "Hello_world Foo-Bar");
        assert_eq!(title("ǆemal"), "ǅemal");
    }
}
