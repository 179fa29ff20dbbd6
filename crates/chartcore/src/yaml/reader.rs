//! go-yaml v2's reader on raw bytes: before the scanner sees a character it
//! decodes it from UTF-8 and checks it is printable, failing with its own
//! messages (`invalid leading UTF-8 octet`, `incomplete UTF-8 octet
//! sequence`, ...). Files that are not UTF-8 (a Latin-1 `é`) fail in Helm
//! instead of loading with replacement characters.

/// The reader's first complaint about `src`, if any.
pub(super) fn first_problem(src: &[u8]) -> Option<&'static str> {
    let mut pos = 0;
    while pos < src.len() {
        let octet = src[pos];
        let width = match octet {
            o if o & 0x80 == 0x00 => 1,
            o if o & 0xE0 == 0xC0 => 2,
            o if o & 0xF0 == 0xE0 => 3,
            o if o & 0xF8 == 0xF0 => 4,
            _ => return Some("invalid leading UTF-8 octet"),
        };
        if width > src.len() - pos {
            return Some("incomplete UTF-8 octet sequence");
        }
        let mut value = u32::from(match width {
            1 => octet & 0x7F,
            2 => octet & 0x1F,
            3 => octet & 0x0F,
            _ => octet & 0x07,
        });
        for &trailing in &src[pos + 1..pos + width] {
            if trailing & 0xC0 != 0x80 {
                return Some("invalid trailing UTF-8 octet");
            }
            value = (value << 6) + u32::from(trailing & 0x3F);
        }
        let shortest = match width {
            1 => true,
            2 => value >= 0x80,
            3 => value >= 0x800,
            _ => value >= 0x10000,
        };
        if !shortest {
            return Some("invalid length of a UTF-8 sequence");
        }
        if (0xD800..=0xDFFF).contains(&value) || value > 0x10FFFF {
            return Some("invalid Unicode character");
        }
        if !matches!(value,
            0x09 | 0x0A | 0x0D | 0x20..=0x7E | 0x85 | 0xA0..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
        {
            return Some("control characters are not allowed");
        }
        pos += width;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_as_go_yaml_names_them() {
        // Printed by Helm v4.3.1 for `-f` files.
        assert_eq!(
            first_problem(b"caf\xe9\n"),
            Some("incomplete UTF-8 octet sequence")
        );
        assert_eq!(
            first_problem(b"a: 1\nb: caf\xe9x\n"),
            Some("invalid trailing UTF-8 octet")
        );
        assert_eq!(
            first_problem(b"a: \xff\n"),
            Some("invalid leading UTF-8 octet")
        );
        assert_eq!(
            first_problem(b"b: \xc3\n"),
            Some("invalid trailing UTF-8 octet")
        );
        assert_eq!(
            first_problem(b"a: \"\xed\xa0\x80\"\n"),
            Some("invalid Unicode character")
        );
        assert_eq!(
            first_problem(b"a: \xef\xbf\xbe\n"),
            Some("control characters are not allowed")
        );
        assert_eq!(
            first_problem(b"a: \xc0\x80\n"),
            Some("invalid length of a UTF-8 sequence")
        );
        assert_eq!(first_problem("a: é\n".as_bytes()), None);
    }
}
