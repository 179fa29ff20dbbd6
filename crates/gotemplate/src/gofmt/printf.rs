//! Walking a format string (Go's `doPrintf`) and the unformatted printers
//! (`doPrint`, `doPrintln`).

use super::printer::Printer;
use crate::value::{Kind, Value};

/// Widths and precisions beyond this are treated as malformed.
const MAX_NUM: i64 = 1_000_000;

fn too_large(x: i64) -> bool {
    !(-MAX_NUM..=MAX_NUM).contains(&x)
}

/// Parses decimal digits of `s[start..end]`: the number, whether there was
/// one, and the index after it. A runaway number gives up and skips to `end`.
fn parse_num(s: &[u8], start: usize, end: usize) -> (i64, bool, usize) {
    if start >= end {
        return (0, false, end);
    }
    let mut num: i64 = 0;
    let mut is_num = false;
    let mut i = start;
    while i < end && s[i].is_ascii_digit() {
        if too_large(num) {
            return (0, false, end);
        }
        num = num * 10 + (s[i] - b'0') as i64;
        is_num = true;
        i += 1;
    }
    (num, is_num, i)
}

/// An operand used as a width or precision: the number, whether it is an
/// integer of sane size, and the next operand index.
fn int_from_arg(args: &[Value], arg_num: usize) -> (i64, bool, usize) {
    let Some(arg) = args.get(arg_num) else {
        return (0, false, arg_num);
    };
    match arg.as_int() {
        Some(n) if !too_large(n) => (n, true, arg_num + 1),
        _ => (0, false, arg_num + 1),
    }
}

/// Parses `[n]` at the start of `s`: the zero-based index, the bytes to skip
/// and whether it parsed.
fn parse_arg_number(s: &[u8]) -> (i64, usize, bool) {
    if s.len() < 3 {
        return (0, 1, false);
    }
    for i in 1..s.len() {
        if s[i] == b']' {
            let (width, ok, newi) = parse_num(s, 1, i);
            if !ok || newi != i {
                return (0, i + 1, false);
            }
            return (width - 1, i + 1, true);
        }
    }
    (0, 1, false)
}

/// The state of one `Sprintf` on top of the printer.
struct Printf<'a> {
    p: Printer,
    text: &'a str,
    format: &'a [u8],
    args: &'a [Value],
    /// Whether the format used `[n]` indexes (then extra operands are fine).
    reordered: bool,
    /// Whether the latest `[n]` was valid.
    good_arg_num: bool,
}

impl Printf<'_> {
    /// Reads an optional `[n]` at `i`: the operand index to use next, the new
    /// position, and whether an index was found.
    fn arg_number(&mut self, arg_num: usize, i: usize) -> (usize, usize, bool) {
        if self.format.len() <= i || self.format[i] != b'[' {
            return (arg_num, i, false);
        }
        self.reordered = true;
        let (index, wid, ok) = parse_arg_number(&self.format[i..]);
        if ok && 0 <= index && (index as usize) < self.args.len() {
            return (index as usize, i + wid, true);
        }
        self.good_arg_num = false;
        (arg_num, i + wid, ok)
    }

    fn set_verb_v_flags(&mut self) {
        let f = &mut self.p.fmt.flags;
        f.sharp_v = f.sharp;
        f.sharp = false;
        f.plus_v = f.plus;
        f.plus = false;
    }

    fn run(mut self) -> Vec<u8> {
        let format = self.format;
        let end = format.len();
        let mut arg_num = 0usize;
        let mut i = 0usize;
        'verbs: while i < end {
            self.good_arg_num = true;
            let last = i;
            while i < end && format[i] != b'%' {
                i += 1;
            }
            if i > last {
                self.p.write(&format[last..i]);
            }
            if i >= end {
                break;
            }
            i += 1; // the '%'

            self.p.fmt.clear_flags();
            while i < end {
                let c = format[i];
                let flags = &mut self.p.fmt.flags;
                match c {
                    b'#' => flags.sharp = true,
                    b'0' => flags.zero = true,
                    b'+' => flags.plus = true,
                    b'-' => flags.minus = true,
                    b' ' => flags.space = true,
                    _ => {
                        // Fast path: a lower-case verb with only flags before it.
                        if c.is_ascii_lowercase() && arg_num < self.args.len() {
                            if c == b'v' || c == b'w' {
                                self.set_verb_v_flags();
                            }
                            self.p.print_arg(&self.args[arg_num], c as char);
                            arg_num += 1;
                            i += 1;
                            continue 'verbs;
                        }
                        break;
                    }
                }
                i += 1;
            }

            let mut after_index;
            (arg_num, i, after_index) = self.arg_number(arg_num, i);

            // Width.
            if i < end && format[i] == b'*' {
                i += 1;
                let (wid, ok, next) = int_from_arg(self.args, arg_num);
                (self.p.fmt.wid, self.p.fmt.flags.wid_present, arg_num) = (wid, ok, next);
                if !ok {
                    self.p.write(b"%!(BADWIDTH)");
                }
                // A negative width means left-justify.
                if self.p.fmt.wid < 0 {
                    self.p.fmt.wid = -self.p.fmt.wid;
                    self.p.fmt.flags.minus = true;
                    self.p.fmt.flags.zero = false;
                }
                after_index = false;
            } else {
                let (wid, ok, next) = parse_num(format, i, end);
                (self.p.fmt.wid, self.p.fmt.flags.wid_present, i) = (wid, ok, next);
                if after_index && ok {
                    // "%[3]2d"
                    self.good_arg_num = false;
                }
            }

            // Precision.
            if i + 1 < end && format[i] == b'.' {
                i += 1;
                if after_index {
                    // "%[3].2d"
                    self.good_arg_num = false;
                }
                (arg_num, i, after_index) = self.arg_number(arg_num, i);
                if i < end && format[i] == b'*' {
                    i += 1;
                    let (prec, ok, next) = int_from_arg(self.args, arg_num);
                    (self.p.fmt.prec, self.p.fmt.flags.prec_present, arg_num) = (prec, ok, next);
                    // A negative precision means none.
                    if self.p.fmt.prec < 0 {
                        self.p.fmt.prec = 0;
                        self.p.fmt.flags.prec_present = false;
                    }
                    if !self.p.fmt.flags.prec_present {
                        self.p.write(b"%!(BADPREC)");
                    }
                    after_index = false;
                } else {
                    let (prec, ok, next) = parse_num(format, i, end);
                    (self.p.fmt.prec, self.p.fmt.flags.prec_present, i) = (prec, ok, next);
                    if !ok {
                        // "%.d" is precision zero.
                        self.p.fmt.prec = 0;
                        self.p.fmt.flags.prec_present = true;
                    }
                }
            }

            if !after_index {
                (arg_num, i, _) = self.arg_number(arg_num, i);
            }

            if i >= end {
                self.p.write(b"%!(NOVERB)");
                break;
            }

            // `i` only ever steps over ASCII or whole characters, so it is
            // on a character boundary.
            let (verb, next) = match self.text.get(i..).and_then(|r| r.chars().next()) {
                Some(c) => (c, i + c.len_utf8()),
                None => ('\u{FFFD}', end),
            };
            i = next;

            if verb == '%' {
                // A literal percent takes no operand and ignores width and precision.
                self.p.write(b"%");
            } else if !self.good_arg_num {
                self.write_verb_error(verb, b"(BADINDEX)");
            } else if arg_num >= self.args.len() {
                self.write_verb_error(verb, b"(MISSING)");
            } else {
                if verb == 'v' || verb == 'w' {
                    self.set_verb_v_flags();
                }
                self.p.print_arg(&self.args[arg_num], verb);
                arg_num += 1;
            }
        }

        // Unused operands are reported unless the format reordered them.
        if !self.reordered && arg_num < self.args.len() {
            self.p.fmt.clear_flags();
            self.p.write(b"%!(EXTRA ");
            for (k, arg) in self.args[arg_num..].iter().enumerate() {
                if k > 0 {
                    self.p.write(b", ");
                }
                if arg.is_nil() {
                    self.p.write(b"<nil>");
                } else {
                    self.p.write(arg.type_name().as_bytes());
                    self.p.write(b"=");
                    self.p.print_arg(arg, 'v');
                }
            }
            self.p.write(b")");
        }
        self.p.fmt.buf
    }

    fn write_verb_error(&mut self, verb: char, what: &[u8]) {
        let mut tmp = [0u8; 4];
        self.p.write(b"%!");
        self.p.write(verb.encode_utf8(&mut tmp).as_bytes());
        self.p.write(what);
    }
}

/// Go's `fmt.Sprintf`, as raw bytes (a `[]byte` operand may make them invalid UTF-8).
pub(super) fn sprintf_bytes(format: &str, args: &[Value]) -> Vec<u8> {
    Printf {
        p: Printer::default(),
        text: format,
        format: format.as_bytes(),
        args,
        reordered: false,
        good_arg_num: true,
    }
    .run()
}

/// Whether Go's `Sprint` treats the operand as a string (no space next to it).
fn is_string(v: &Value) -> bool {
    match v {
        Value::String(_) => true,
        Value::Object(o) => o.kind() == Kind::String,
        _ => false,
    }
}

/// Go's `fmt.Sprint` as raw bytes: spaces between operands when neither is a string.
pub(super) fn sprint_bytes(args: &[Value]) -> Vec<u8> {
    let mut p = Printer::default();
    let mut prev_string = false;
    for (n, arg) in args.iter().enumerate() {
        let is_str = is_string(arg);
        if n > 0 && !is_str && !prev_string {
            p.write(b" ");
        }
        p.print_arg(arg, 'v');
        prev_string = is_str;
    }
    p.fmt.buf
}

/// Go's `fmt.Sprintln` as raw bytes: spaces between all operands, a newline after.
pub(super) fn sprintln_bytes(args: &[Value]) -> Vec<u8> {
    let mut p = Printer::default();
    for (n, arg) in args.iter().enumerate() {
        if n > 0 {
            p.write(b" ");
        }
        p.print_arg(arg, 'v');
    }
    p.write(b"\n");
    p.fmt.buf
}
