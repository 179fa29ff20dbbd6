//! The raw formatter (Go's `fmt.fmt`): one operand at a time, under the
//! flags, width and precision of the current verb, into a byte buffer.

use super::float::append_float;
use super::isprint::is_print;
use super::quote::{append_quoted, append_quoted_rune, can_backquote};
use super::utf8::{MAX_RUNE, RUNE_ERROR, append_rune, decode_rune, rune_count};

pub(super) const LOWER_DIGITS: &[u8; 17] = b"0123456789abcdefx";
pub(super) const UPPER_DIGITS: &[u8; 17] = b"0123456789ABCDEFX";

/// The flags of one verb.
#[derive(Clone, Copy, Default)]
pub(super) struct Flags {
    pub wid_present: bool,
    pub prec_present: bool,
    pub minus: bool,
    pub plus: bool,
    pub sharp: bool,
    pub space: bool,
    pub zero: bool,
    /// `%+v`: set instead of `plus`, which it clears.
    pub plus_v: bool,
    /// `%#v`: set instead of `sharp`, which it clears.
    pub sharp_v: bool,
}

/// The output buffer and the current verb's options.
#[derive(Default)]
pub(super) struct Formatter {
    pub buf: Vec<u8>,
    pub flags: Flags,
    pub wid: i64,
    pub prec: i64,
}

impl Formatter {
    pub fn clear_flags(&mut self) {
        self.flags = Flags::default();
        self.wid = 0;
        self.prec = 0;
    }

    /// `n` bytes of padding: zeros only when padding on the left.
    pub fn write_padding(&mut self, n: i64) {
        if n <= 0 {
            return;
        }
        let byte = if self.flags.zero && !self.flags.minus {
            b'0'
        } else {
            b' '
        };
        self.buf.extend(std::iter::repeat_n(byte, n as usize));
    }

    /// Appends `b`, padded to the width counted in runes.
    pub fn pad(&mut self, b: &[u8]) {
        if !self.flags.wid_present || self.wid == 0 {
            self.buf.extend_from_slice(b);
            return;
        }
        let width = self.wid - rune_count(b) as i64;
        if self.flags.minus {
            self.buf.extend_from_slice(b);
            self.write_padding(width);
        } else {
            self.write_padding(width);
            self.buf.extend_from_slice(b);
        }
    }

    /// [`Formatter::pad`] with zero padding turned off.
    fn pad_spaces(&mut self, b: &[u8]) {
        let zero = self.flags.zero;
        self.flags.zero = false;
        self.pad(b);
        self.flags.zero = zero;
    }

    pub fn fmt_boolean(&mut self, v: bool) {
        self.pad(if v { b"true" } else { b"false" });
    }

    /// `%U`: `U+0078`, and with `#` also the character: `U+0078 'x'`.
    pub fn fmt_unicode(&mut self, u: u64) {
        let mut prec: i64 = 4;
        if self.flags.prec_present && self.prec > 4 {
            prec = self.prec;
        }
        let mut hex = Vec::new();
        let mut v = u;
        loop {
            hex.push(UPPER_DIGITS[(v & 0xF) as usize]);
            v >>= 4;
            prec -= 1;
            if v == 0 {
                break;
            }
        }
        while prec > 0 {
            hex.push(b'0');
            prec -= 1;
        }
        let mut out = b"U+".to_vec();
        out.extend(hex.iter().rev());
        if self.flags.sharp && u <= MAX_RUNE as u64 && is_print(u as u32) {
            out.extend_from_slice(b" '");
            append_rune(&mut out, u as u32);
            out.push(b'\'');
        }
        self.pad_spaces(&out);
    }

    /// Integers in any base; `verb` `O` adds the `0o` prefix.
    pub fn fmt_integer(&mut self, u: u64, base: u64, signed: bool, verb: char, digits: &[u8; 17]) {
        let negative = signed && (u as i64) < 0;
        let mut u = if negative { u.wrapping_neg() } else { u };

        // %.3d and %03d both ask for leading zeros; a precision wins.
        let mut prec: i64 = 0;
        if self.flags.prec_present {
            prec = self.prec;
            if prec == 0 && u == 0 {
                // Nothing to print but the padding.
                let zero = self.flags.zero;
                self.flags.zero = false;
                self.write_padding(self.wid);
                self.flags.zero = zero;
                return;
            }
        } else if self.flags.zero && !self.flags.minus && self.flags.wid_present {
            prec = self.wid;
            if negative || self.flags.plus || self.flags.space {
                prec -= 1; // leave room for the sign
            }
        }

        // Built right to left.
        let mut rev: Vec<u8> = Vec::with_capacity(24);
        loop {
            rev.push(digits[(u % base) as usize]);
            u /= base;
            if u == 0 {
                break;
            }
        }
        while (rev.len() as i64) < prec {
            rev.push(b'0');
        }
        if self.flags.sharp {
            match base {
                2 => rev.extend_from_slice(b"b0"),
                8 if rev.last() != Some(&b'0') => rev.push(b'0'),
                16 => {
                    rev.push(digits[16]);
                    rev.push(b'0');
                }
                _ => {}
            }
        }
        if verb == 'O' {
            rev.extend_from_slice(b"o0");
        }
        if negative {
            rev.push(b'-');
        } else if self.flags.plus {
            rev.push(b'+');
        } else if self.flags.space {
            rev.push(b' ');
        }
        rev.reverse();
        // Zero padding was done above as precision, or is off because of one.
        self.pad_spaces(&rev);
    }

    /// `b` truncated to the precision, counted in runes.
    fn truncate<'a>(&self, b: &'a [u8]) -> &'a [u8] {
        if self.flags.prec_present {
            let mut n = self.prec;
            let mut i = 0;
            while i < b.len() {
                n -= 1;
                if n < 0 {
                    return &b[..i];
                }
                i += decode_rune(&b[i..]).1;
            }
        }
        b
    }

    /// `%s` of a string or byte slice.
    pub fn fmt_s(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        self.pad(s);
    }

    /// `%x`/`%X` of a string or byte slice: two hex digits per byte, with `#`
    /// a `0x` prefix, with space a separator between bytes.
    pub fn fmt_sbx(&mut self, s: &[u8], digits: &[u8; 17]) {
        let mut length = s.len() as i64;
        if self.flags.prec_present && self.prec < length {
            length = self.prec;
        }
        let mut width = 2 * length;
        if width > 0 {
            if self.flags.space {
                if self.flags.sharp {
                    width *= 2;
                }
                width += length - 1;
            } else if self.flags.sharp {
                width += 2;
            }
        } else {
            if self.flags.wid_present {
                self.write_padding(self.wid);
            }
            return;
        }
        if self.flags.wid_present && self.wid > width && !self.flags.minus {
            self.write_padding(self.wid - width);
        }
        if self.flags.sharp {
            self.buf.extend_from_slice(&[b'0', digits[16]]);
        }
        for (i, &c) in s.iter().take(length as usize).enumerate() {
            if self.flags.space && i > 0 {
                self.buf.push(b' ');
                if self.flags.sharp {
                    self.buf.extend_from_slice(&[b'0', digits[16]]);
                }
            }
            self.buf
                .extend_from_slice(&[digits[(c >> 4) as usize], digits[(c & 0xF) as usize]]);
        }
        if self.flags.wid_present && self.wid > width && self.flags.minus {
            self.write_padding(self.wid - width);
        }
    }

    /// `%q` of a string: a Go string literal, with `#` a raw one if possible,
    /// with `+` ASCII only.
    pub fn fmt_q(&mut self, s: &[u8]) {
        let s = self.truncate(s);
        let mut quoted = Vec::with_capacity(s.len() + 2);
        if self.flags.sharp && can_backquote(s) {
            quoted.push(b'`');
            quoted.extend_from_slice(s);
            quoted.push(b'`');
        } else {
            append_quoted(&mut quoted, s, self.flags.plus);
        }
        self.pad(&quoted);
    }

    /// `%c`: the integer as a character (U+FFFD if it is not one).
    pub fn fmt_c(&mut self, c: u64) {
        let r = if c > MAX_RUNE as u64 {
            RUNE_ERROR
        } else {
            c as u32
        };
        let mut out = Vec::with_capacity(4);
        append_rune(&mut out, r);
        self.pad(&out);
    }

    /// `%q` of an integer: a Go character literal.
    pub fn fmt_qc(&mut self, c: u64) {
        let r = if c > MAX_RUNE as u64 {
            RUNE_ERROR
        } else {
            c as u32
        };
        let mut out = Vec::with_capacity(8);
        append_quoted_rune(&mut out, r, self.flags.plus);
        self.pad(&out);
    }

    /// A float in the strconv format `verb` with the default precision `prec`.
    pub fn fmt_float(&mut self, v: f64, verb: u8, prec: i64) {
        let prec = if self.flags.prec_present {
            self.prec
        } else {
            prec
        };
        // num[0] is the sign, always present here and dropped below if unwanted.
        let mut num = vec![b'+'];
        append_float(&mut num, v, verb, prec as i32);
        if num[1] == b'-' || num[1] == b'+' {
            num.remove(0);
        }
        if self.flags.space && num[0] == b'+' && !self.flags.plus {
            num[0] = b' ';
        }
        // Infinities and NaN are not numbers to zero-pad.
        if num[1] == b'I' || num[1] == b'N' {
            if num[1] == b'N' && !self.flags.space && !self.flags.plus {
                num.remove(0);
            }
            self.pad_spaces(&num);
            return;
        }
        // `#` keeps a decimal point and, for %g, trailing zeros.
        if self.flags.sharp && verb != b'b' {
            num = sharp_float(num, verb, prec);
        }
        if self.flags.plus || num[0] != b'+' {
            // Zero padding goes between the sign and the digits.
            if self.flags.zero
                && !self.flags.minus
                && self.flags.wid_present
                && self.wid > num.len() as i64
            {
                self.buf.push(num[0]);
                self.write_padding(self.wid - num.len() as i64);
                self.buf.extend_from_slice(&num[1..]);
                return;
            }
            self.pad(&num);
            return;
        }
        self.pad(&num[1..]);
    }
}

/// The `#` flag on floats: forces a decimal point and restores the trailing
/// zeros that the shortest or `%g` formatting dropped. `num[0]` is the sign.
fn sharp_float(mut num: Vec<u8>, verb: u8, prec: i64) -> Vec<u8> {
    let mut digits: i64 = 0;
    if matches!(verb, b'v' | b'g' | b'G' | b'x') {
        digits = if prec == -1 { 6 } else { prec };
    }
    let mut tail: Vec<u8> = Vec::new();
    let mut has_decimal_point = false;
    let mut saw_nonzero_digit = false;
    let mut i = 1;
    while i < num.len() {
        match num[i] {
            b'.' => has_decimal_point = true,
            b'p' | b'P' => {
                tail.extend_from_slice(&num[i..]);
                num.truncate(i);
            }
            b'e' | b'E' if verb != b'x' && verb != b'X' => {
                tail.extend_from_slice(&num[i..]);
                num.truncate(i);
            }
            c => {
                if c != b'0' {
                    saw_nonzero_digit = true;
                }
                // Count significant digits after the first non-zero one.
                if saw_nonzero_digit {
                    digits -= 1;
                }
            }
        }
        i += 1;
    }
    if !has_decimal_point {
        // A lone leading 0 counts as one digit.
        if num.len() == 2 && num[1] == b'0' {
            digits -= 1;
        }
        num.push(b'.');
    }
    while digits > 0 {
        num.push(b'0');
        digits -= 1;
    }
    num.extend_from_slice(&tail);
    num
}
