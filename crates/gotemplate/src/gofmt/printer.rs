//! Printing one operand under one verb (Go's `pp.printArg`/`printValue`):
//! dispatch on the value's Go type, recursion into slices and maps, and the
//! `%!verb(type=value)` form for verbs a type does not take.

use super::format::{Formatter, LOWER_DIGITS, UPPER_DIGITS};
use crate::value::{Kind, List, Map, Object, Value};

/// Nesting deeper than this is not printed: Go would recurse until its stack
/// limit, and Rust's stack is far smaller.
const MAX_DEPTH: usize = 1000;

/// A printer: the formatter plus the state of one `Sprintf`/`Sprint` call.
#[derive(Default)]
pub(super) struct Printer {
    pub fmt: Formatter,
    /// Set while printing the operand of a bad verb: no `String()` calls then.
    erroring: bool,
    /// The maps being printed, outermost first. Sprig's `set` can make a map
    /// contain itself; Go then recurses until it crashes.
    open_maps: Vec<Map>,
}

impl Printer {
    pub fn write(&mut self, s: &[u8]) {
        self.fmt.buf.extend_from_slice(s);
    }

    fn write_char(&mut self, c: char) {
        let mut tmp = [0u8; 4];
        self.write(c.encode_utf8(&mut tmp).as_bytes());
    }

    /// `%!verb(TYPE=VALUE)`, the value printed with `%v` under the current flags.
    fn bad_verb(&mut self, verb: char, type_name: &str, print: impl FnOnce(&mut Printer)) {
        self.erroring = true;
        self.write(b"%!");
        self.write_char(verb);
        self.write(b"(");
        self.write(type_name.as_bytes());
        self.write(b"=");
        print(self);
        self.write(b")");
        self.erroring = false;
    }

    /// `%!verb(<nil>)`.
    fn bad_verb_nil(&mut self, verb: char) {
        self.write(b"%!");
        self.write_char(verb);
        self.write(b"(<nil>)");
    }

    /// Prints a top-level operand (Go's `printArg`).
    pub fn print_arg(&mut self, arg: &Value, verb: char) {
        if arg.is_nil() {
            match verb {
                'T' | 'v' => self.fmt.pad(b"<nil>"),
                _ => self.bad_verb_nil(verb),
            }
            return;
        }
        match verb {
            'T' => {
                self.fmt.fmt_s(arg.type_name().as_bytes());
                return;
            }
            'p' => {
                self.fmt_pointer(arg, 'p');
                return;
            }
            _ => {}
        }
        match arg {
            Value::Bytes(b) => self.fmt_bytes(b, verb, "[]byte"),
            Value::List(_) | Value::Map(_) | Value::Object(_) => {
                if !self.handle_methods(arg, verb) {
                    self.print_value(arg, verb, 0);
                }
            }
            _ => self.print_scalar(arg, verb),
        }
    }

    /// Prints a value reached through reflection (Go's `printValue`): nested
    /// elements and the composite operands.
    fn print_value(&mut self, v: &Value, verb: char, depth: usize) {
        if depth > 0 && self.handle_methods(v, verb) {
            return;
        }
        if depth > MAX_DEPTH {
            self.write_marker(verb, b"(DEPTH)");
            return;
        }
        match v {
            // Only an interface element can be nil here.
            Value::Nil => {
                if self.fmt.flags.sharp_v {
                    self.write(b"interface {}(nil)");
                } else {
                    self.write(b"<nil>");
                }
            }
            Value::Bytes(b) => {
                if matches!(verb, 's' | 'q' | 'x' | 'X') {
                    self.fmt_bytes(b, verb, "[]uint8");
                } else {
                    self.print_byte_elems(b, verb, "[]uint8");
                }
            }
            Value::List(l) => self.print_list(l, verb, depth),
            Value::Map(m) => self.print_map(m, verb, depth),
            Value::Object(o) => self.print_struct(o.as_ref()),
            _ => self.print_scalar(v, verb),
        }
    }

    /// Bools, numbers and strings print the same at any depth.
    fn print_scalar(&mut self, v: &Value, verb: char) {
        match v {
            Value::Bool(b) => self.fmt_bool(*b, verb),
            Value::Int(i) => self.fmt_integer(*i as u64, true, verb, "int"),
            Value::Int64(i) => self.fmt_integer(*i as u64, true, verb, "int64"),
            Value::Float(f) => self.fmt_float(*f, verb),
            Value::String(s) => self.fmt_string(s.as_bytes(), verb, "string"),
            other => self.print_value(other, verb, 0),
        }
    }

    /// `String()` for the verbs that take a string (Go's `handleMethods`).
    fn handle_methods(&mut self, v: &Value, verb: char) -> bool {
        if self.erroring {
            return false;
        }
        if verb == 'w' {
            // %w is only for fmt.Errorf, which templates cannot call.
            let type_name = v.type_name().to_string();
            self.bad_verb(verb, &type_name, |p| p.print_value(v, 'v', 0));
            return true;
        }
        let Value::Object(o) = v else {
            return false;
        };
        if self.fmt.flags.sharp_v || !matches!(verb, 'v' | 's' | 'x' | 'X' | 'q') {
            return false;
        }
        match o.to_go_string() {
            Some(s) => {
                self.fmt_string(s.as_bytes(), verb, o.type_name());
                true
            }
            None => false,
        }
    }

    fn fmt_bool(&mut self, v: bool, verb: char) {
        match verb {
            't' | 'v' => self.fmt.fmt_boolean(v),
            _ => self.bad_verb(verb, "bool", |p| p.fmt_bool(v, 'v')),
        }
    }

    /// Signed and unsigned integers; `type_name` names the type in errors.
    fn fmt_integer(&mut self, u: u64, signed: bool, verb: char, type_name: &str) {
        let f = &mut self.fmt;
        match verb {
            'v' if f.flags.sharp_v && !signed => self.fmt_0x64(u, true),
            'v' | 'd' => f.fmt_integer(u, 10, signed, verb, LOWER_DIGITS),
            'b' => f.fmt_integer(u, 2, signed, verb, LOWER_DIGITS),
            'o' | 'O' => f.fmt_integer(u, 8, signed, verb, LOWER_DIGITS),
            'x' => f.fmt_integer(u, 16, signed, verb, LOWER_DIGITS),
            'X' => f.fmt_integer(u, 16, signed, verb, UPPER_DIGITS),
            'c' => f.fmt_c(u),
            'q' => f.fmt_qc(u),
            'U' => f.fmt_unicode(u),
            _ => self.bad_verb(verb, type_name, |p| {
                p.fmt_integer(u, signed, 'v', type_name)
            }),
        }
    }

    /// Hexadecimal with or without a `0x` prefix, whatever the `#` flag says.
    fn fmt_0x64(&mut self, u: u64, leading_0x: bool) {
        let sharp = self.fmt.flags.sharp;
        self.fmt.flags.sharp = leading_0x;
        self.fmt.fmt_integer(u, 16, false, 'v', LOWER_DIGITS);
        self.fmt.flags.sharp = sharp;
    }

    fn fmt_float(&mut self, v: f64, verb: char) {
        let f = &mut self.fmt;
        match verb {
            'v' => f.fmt_float(v, b'g', -1),
            'b' | 'g' | 'G' | 'x' | 'X' => f.fmt_float(v, verb as u8, -1),
            'f' | 'e' | 'E' => f.fmt_float(v, verb as u8, 6),
            'F' => f.fmt_float(v, b'f', 6),
            _ => self.bad_verb(verb, "float64", |p| p.fmt_float(v, 'v')),
        }
    }

    fn fmt_string(&mut self, s: &[u8], verb: char, type_name: &str) {
        let f = &mut self.fmt;
        match verb {
            'v' if f.flags.sharp_v => f.fmt_q(s),
            'v' | 's' => f.fmt_s(s),
            'x' => f.fmt_sbx(s, LOWER_DIGITS),
            'X' => f.fmt_sbx(s, UPPER_DIGITS),
            'q' => f.fmt_q(s),
            _ => self.bad_verb(verb, type_name, |p| p.fmt_string(s, 'v', type_name)),
        }
    }

    /// A `[]byte` operand; `type_name` is how `%#v` spells its type.
    fn fmt_bytes(&mut self, b: &[u8], verb: char, type_name: &str) {
        match verb {
            'v' | 'd' => {
                if self.fmt.flags.sharp_v {
                    self.write(type_name.as_bytes());
                    self.write(b"{");
                    for (i, &c) in b.iter().enumerate() {
                        if i > 0 {
                            self.write(b", ");
                        }
                        self.fmt_0x64(c as u64, true);
                    }
                    self.write(b"}");
                } else {
                    self.write(b"[");
                    for (i, &c) in b.iter().enumerate() {
                        if i > 0 {
                            self.write(b" ");
                        }
                        self.fmt
                            .fmt_integer(c as u64, 10, false, verb, LOWER_DIGITS);
                    }
                    self.write(b"]");
                }
            }
            's' => self.fmt.fmt_s(b),
            'x' => self.fmt.fmt_sbx(b, LOWER_DIGITS),
            'X' => self.fmt.fmt_sbx(b, UPPER_DIGITS),
            'q' => self.fmt.fmt_q(b),
            _ => self.print_byte_elems(b, verb, "[]uint8"),
        }
    }

    /// A byte slice printed as a slice of `uint8` elements.
    fn print_byte_elems(&mut self, b: &[u8], verb: char, type_name: &str) {
        let sharp_v = self.fmt.flags.sharp_v;
        if sharp_v {
            self.write(type_name.as_bytes());
            self.write(b"{");
        } else {
            self.write(b"[");
        }
        for (i, &c) in b.iter().enumerate() {
            if i > 0 {
                self.write(if sharp_v { b", " } else { b" " });
            }
            self.fmt_integer(c as u64, false, verb, "uint8");
        }
        self.write(if sharp_v { b"}" } else { b"]" });
    }

    fn print_list(&mut self, l: &List, verb: char, depth: usize) {
        let sharp_v = self.fmt.flags.sharp_v;
        if sharp_v {
            self.write(l.type_name().as_bytes());
            self.write(b"{");
        } else {
            self.write(b"[");
        }
        for (i, item) in l.iter().enumerate() {
            if i > 0 {
                self.write(if sharp_v { b", " } else { b" " });
            }
            self.print_value(item, verb, depth + 1);
        }
        self.write(if sharp_v { b"}" } else { b"]" });
    }

    /// `%!verb(WHAT)`: for what Go cannot print either.
    fn write_marker(&mut self, verb: char, what: &[u8]) {
        self.write(b"%!");
        self.write_char(verb);
        self.write(what);
    }

    fn print_map(&mut self, m: &Map, verb: char, depth: usize) {
        if self.open_maps.iter().any(|open| open.ptr_eq(m)) {
            self.write_marker(verb, b"(CYCLE)");
            return;
        }
        self.open_maps.push(m.clone());
        self.print_map_entries(m, verb, depth);
        self.open_maps.pop();
    }

    fn print_map_entries(&mut self, m: &Map, verb: char, depth: usize) {
        let sharp_v = self.fmt.flags.sharp_v;
        if sharp_v {
            self.write(b"map[string]interface {}{");
        } else {
            self.write(b"map[");
        }
        // Go's fmt sorts string keys bytewise, as the map already is.
        for (i, (k, v)) in m.entries().iter().enumerate() {
            if i > 0 {
                self.write(if sharp_v { b", " } else { b" " });
            }
            self.fmt_string(k.as_bytes(), verb, "string");
            self.write(b":");
            self.print_value(v, verb, depth + 1);
        }
        self.write(if sharp_v { b"}" } else { b"]" });
    }

    /// A host object without a usable `String()`: its own struct rendering.
    /// Go would print each field under the verb; the object only knows `%v`
    /// and `%+v`, so other verbs print like `%v`.
    fn print_struct(&mut self, o: &dyn Object) {
        let flags = self.fmt.flags;
        if flags.sharp_v {
            // Go syntax: the type, then the fields (`&T{...}` for pointers).
            let name = o.type_name();
            match name.strip_prefix('*') {
                Some(elem) => {
                    self.write(b"&");
                    self.write(elem.as_bytes());
                }
                None => self.write(name.as_bytes()),
            }
        }
        let text = o.fmt_struct(flags.plus_v || flags.sharp_v);
        self.write(text.as_bytes());
    }

    /// `%p`: the address of a slice, map or pointer; other types take no `%p`.
    fn fmt_pointer(&mut self, v: &Value, verb: char) {
        let addr = match v {
            Value::Bytes(b) => b.as_ptr() as usize,
            Value::List(l) => l.items().as_ptr() as usize,
            Value::Map(m) => &*m.read() as *const _ as usize,
            Value::Object(o) if o.kind() == Kind::Ptr => {
                std::sync::Arc::as_ptr(o) as *const () as usize
            }
            _ => {
                let type_name = v.type_name().to_string();
                self.bad_verb(verb, &type_name, |p| p.print_value(v, 'v', 0));
                return;
            }
        };
        let sharp = self.fmt.flags.sharp;
        self.fmt_0x64(addr as u64, !sharp);
    }
}
