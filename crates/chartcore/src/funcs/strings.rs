//! Sprig's string functions.

use gotemplate::gofmt;
use gotemplate::{FuncError, FuncMap, GoType, Value};

use super::conv::strval;
use super::{def, def_variadic, i, s};

use GoType::{Any, Int, String as Str};

pub(super) fn register(m: &mut FuncMap) {
    def(m, "trim", &[Str], |a| {
        Ok(Value::str(s(&a[0]).trim_matches(go_space)))
    });
    def(m, "upper", &[Str], |a| Ok(Value::str(go_upper(s(&a[0])))));
    def(m, "lower", &[Str], |a| Ok(Value::str(go_lower(s(&a[0])))));
    def(m, "trunc", &[Int, Str], |a| {
        Ok(Value::str(trunc(i(&a[0]), s(&a[1]))))
    });
    def(m, "trimAll", &[Str, Str], |a| {
        Ok(Value::str(s(&a[1]).trim_matches(|c| s(&a[0]).contains(c))))
    });
    def(m, "trimall", &[Str, Str], |a| {
        Ok(Value::str(s(&a[1]).trim_matches(|c| s(&a[0]).contains(c))))
    });
    def(m, "trimSuffix", &[Str, Str], |a| {
        let (suffix, v) = (s(&a[0]), s(&a[1]));
        Ok(Value::str(v.strip_suffix(suffix).unwrap_or(v)))
    });
    def(m, "trimPrefix", &[Str, Str], |a| {
        let (prefix, v) = (s(&a[0]), s(&a[1]));
        Ok(Value::str(v.strip_prefix(prefix).unwrap_or(v)))
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
    def(m, "plural", &[Str, Str, Int], |a| {
        Ok(if i(&a[2]) == 1 {
            a[0].clone()
        } else {
            a[1].clone()
        })
    });
}

/// Go's `unicode.IsSpace`, which `strings.TrimSpace` uses.
pub(crate) fn go_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || (c as u32 > 0xff && c.is_whitespace())
}

/// Go's `strings.ToUpper`: rune by rune, keeping runes whose upper case is
/// not a single rune (Rust's `to_uppercase` would expand `ß` to `SS`).
pub(crate) fn go_upper(s: &str) -> String {
    s.chars()
        .map(|c| single(c.to_uppercase()).unwrap_or(c))
        .collect()
}

/// Go's `strings.ToLower`, rune by rune.
pub(crate) fn go_lower(s: &str) -> String {
    s.chars()
        .map(|c| single(c.to_lowercase()).unwrap_or(c))
        .collect()
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    if it.next().is_some() { None } else { Some(c) }
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
    String::from_utf8_lossy(cut).into_owned()
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
}
