//! Go's `fmt` package as `text/template` and Sprig use it: `printf`
//! (`Sprintf`), `print` (`Sprint`), `println` (`Sprintln`) and the `%v`
//! rendering of `{{ . }}`, byte for byte as Go 1.27 prints [`Value`]s.
//!
//! Go's printer works on bytes, and a `[]byte` operand may carry invalid
//! UTF-8 into the output (`%s`). The `String` results replace such bytes
//! with U+FFFD; the `*_bytes` variants return Go's exact bytes.

mod float;
mod format;
pub(crate) mod isprint;
mod printer;
mod printf;
pub(crate) mod quote;
mod utf8;

#[cfg(test)]
mod tests;

use crate::value::Value;

/// Go's `fmt.Sprintf`.
pub fn sprintf(format: &str, args: &[Value]) -> String {
    into_string(printf::sprintf_bytes(format, args))
}

/// Go's `fmt.Sprintf` as raw bytes, invalid UTF-8 from `[]byte` operands included.
pub fn sprintf_bytes(format: &str, args: &[Value]) -> Vec<u8> {
    printf::sprintf_bytes(format, args)
}

/// Go's `fmt.Sprint`: operands in `%v`, with a space between two operands
/// when neither is a string.
pub fn sprint(args: &[Value]) -> String {
    into_string(printf::sprint_bytes(args))
}

/// Go's `fmt.Sprintln`: operands in `%v`, separated by spaces, then a newline.
pub fn sprintln(args: &[Value]) -> String {
    into_string(printf::sprintln_bytes(args))
}

/// `%v` of one value (`fmt.Sprint(v)`). A nil prints `<nil>`; the template
/// engine itself shows a top-level nil as `<no value>`.
pub fn format_value(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

/// Appends `%v` of one value to `out`, like [`format_value`].
pub fn write_value(out: &mut String, v: &Value) {
    // Strings, the most common case, need no formatting.
    if let Value::String(s) = v {
        out.push_str(s);
        return;
    }
    let mut p = printer::Printer::default();
    p.print_arg(v, 'v');
    out.push_str(&crate::gostr::from_go_bytes(&p.fmt.buf));
}

/// Go's output as a Rust string, invalid UTF-8 carried as escaped bytes.
fn into_string(buf: Vec<u8>) -> String {
    String::from_utf8(buf)
        .unwrap_or_else(|e| crate::gostr::from_go_bytes(e.as_bytes()).into_owned())
}
