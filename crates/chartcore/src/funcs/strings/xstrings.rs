//! The case conversions of `github.com/huandu/xstrings` v1.5.0 (Sprig's
//! `camelcase`, `snakecase` and `kebabcase`), rune for rune.
//!
//! xstrings decodes UTF-8 and treats `utf8.RuneError` specially; in a Rust
//! string that can only be a literal U+FFFD, which it skips the same way.

use super::gounicode::{is_letter, is_number, is_punct, is_space, is_upper, to_lower, to_upper};

const RUNE_ERROR: char = '\u{FFFD}';

fn is_connector(c: char) -> bool {
    c == '-' || c == '_' || is_space(c)
}

/// A letter that is not a CJK ideograph.
fn is_alphabet(c: char) -> bool {
    if !is_letter(c) {
        return false;
    }
    let u = c as u32;
    !(u >= 0x3400
        && ((0x4E00..=0x9FCC).contains(&u)
            || (0x3400..=0x4D85).contains(&u)
            || (0x20000..=0x2B81D).contains(&u)))
}

/// `xstrings.ToCamelCase`: words separated by spaces, `_` or `-` become
/// capitalized and joined; runs of connectors keep all but one.
pub(crate) fn to_camel_case(s: &str) -> String {
    if s.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    let mut first_upper = false;
    let mut r0 = '\0';
    let mut consumed_any = false;
    // Leading connectors are kept.
    for c in chars.by_ref() {
        consumed_any = true;
        r0 = c;
        if !is_connector(c) {
            first_upper = is_upper(c);
            r0 = to_upper(c);
            break;
        }
        out.push(c);
    }
    let rest = chars.as_str();
    if rest.is_empty() {
        // A one-rune remainder (or a string of connectors) ends with that rune.
        if consumed_any {
            out.push(r0);
        }
        return out;
    }
    for c in rest.chars() {
        let r1 = r0;
        r0 = c;
        if is_connector(r0) && is_connector(r1) {
            out.push(r1);
            continue;
        }
        if is_connector(r1) {
            first_upper = is_upper(r0);
            r0 = to_upper(r0);
        } else {
            if first_upper {
                if is_upper(r0) {
                    r0 = to_lower(r0);
                } else {
                    first_upper = false;
                }
            }
            out.push(r1);
        }
    }
    out.push(r0);
    out
}

/// `xstrings.ToSnakeCase`.
pub(crate) fn to_snake_case(s: &str) -> String {
    camel_case_to_lower_case(s, '_')
}

/// `xstrings.ToKebabCase`.
pub(crate) fn to_kebab_case(s: &str) -> String {
    camel_case_to_lower_case(s, '-')
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum WordType {
    Invalid,
    Number,
    UpperCase,
    Alphabet,
    Connector,
    Punct,
    Other,
}

fn camel_case_to_lower_case(s: &str, connector: char) -> String {
    use WordType::*;
    if s.is_empty() {
        return String::new();
    }
    let mut out = String::with_capacity(s.len() + 4);
    let (mut wt, mut word, mut remaining) = next_word(s);
    while !remaining.is_empty() {
        if wt != Connector {
            to_lower_word(&mut out, wt, word, connector);
        }
        let prev = wt;
        let last = word;
        (wt, word, remaining) = next_word(remaining);
        match prev {
            Number => {
                while wt == Alphabet || wt == Number {
                    to_lower_word(&mut out, wt, word, connector);
                    (wt, word, remaining) = next_word(remaining);
                }
                if wt != Invalid && wt != Punct && wt != Connector {
                    out.push(connector);
                }
            }
            Connector => to_lower_word(&mut out, prev, last, connector),
            Punct => {}
            _ => {
                if wt != Number {
                    if wt != Connector && wt != Punct {
                        out.push(connector);
                    }
                    continue;
                }
                if remaining.is_empty() {
                    continue;
                }
                let number = word;
                (wt, word, remaining) = next_word(remaining);
                // A number followed by no letters belongs to the previous word.
                if wt != Alphabet {
                    to_lower_word(&mut out, Number, number, connector);
                    if wt != Connector && wt != Punct {
                        out.push(connector);
                    }
                    continue;
                }
                // A number followed by letters starts a new word ("HTTP2xx").
                out.push(connector);
                to_lower_word(&mut out, Number, number, connector);
                while wt == Alphabet || wt == Number {
                    to_lower_word(&mut out, wt, word, connector);
                    (wt, word, remaining) = next_word(remaining);
                }
                if wt != Invalid && wt != Connector && wt != Punct {
                    out.push(connector);
                }
            }
        }
    }
    to_lower_word(&mut out, wt, word, connector);
    out
}

/// The next rune that is not U+FFFD, and the bytes up to and including it;
/// `prev` if only U+FFFD runes remain.
fn next_valid_rune(s: &str, prev: char) -> (char, usize) {
    let mut size = 0;
    for c in s.chars() {
        size += c.len_utf8();
        if c != RUNE_ERROR {
            return (c, size);
        }
    }
    (prev, size)
}

/// Splits off the next word: its type, its text and the remaining text.
fn next_word(s: &str) -> (WordType, &str, &str) {
    use WordType::*;
    if s.is_empty() {
        return (Invalid, "", "");
    }
    let (mut r, mut size) = next_valid_rune(s, RUNE_ERROR);
    let mut offset = size;
    if r == RUNE_ERROR {
        return (Invalid, &s[..offset], &s[offset..]);
    }
    let mut remaining = &s[size..];
    // Extends the word while `keep` holds for the next valid rune.
    let extend = |offset: &mut usize,
                  remaining: &mut &str,
                  r: &mut char,
                  keep: &dyn Fn(char, usize) -> bool| {
        while !remaining.is_empty() {
            let (c, sz) = next_valid_rune(remaining, *r);
            *r = c;
            if !keep(c, sz) {
                break;
            }
            *offset += sz;
            *remaining = &remaining[sz..];
        }
    };
    let wt = if is_connector(r) {
        extend(&mut offset, &mut remaining, &mut r, &|c, _| is_connector(c));
        Connector
    } else if is_punct(r) {
        extend(&mut offset, &mut remaining, &mut r, &|c, _| is_punct(c));
        Punct
    } else if is_upper(r) {
        if !remaining.is_empty() {
            (r, size) = next_valid_rune(remaining, r);
            if is_upper(r) {
                let mut prev_size = size;
                offset += size;
                remaining = &remaining[size..];
                while !remaining.is_empty() {
                    (r, size) = next_valid_rune(remaining, r);
                    if !is_upper(r) {
                        break;
                    }
                    prev_size = size;
                    offset += size;
                    remaining = &remaining[size..];
                }
                // "HTTPStatus" splits into "HTTP" and "Status".
                if !remaining.is_empty() && is_alphabet(r) {
                    offset -= prev_size;
                    remaining = &s[offset..];
                }
            } else if is_alphabet(r) {
                offset += size;
                remaining = &remaining[size..];
                extend(&mut offset, &mut remaining, &mut r, &|c, _| {
                    is_alphabet(c) && !is_upper(c)
                });
            }
        }
        UpperCase
    } else if is_alphabet(r) {
        extend(&mut offset, &mut remaining, &mut r, &|c, _| {
            is_alphabet(c) && !is_upper(c)
        });
        Alphabet
    } else if is_number(r) {
        extend(&mut offset, &mut remaining, &mut r, &|c, _| is_number(c));
        Number
    } else {
        extend(&mut offset, &mut remaining, &mut r, &|c, sz| {
            !(sz == 0 || is_connector(c) || is_alphabet(c) || is_number(c) || is_punct(c))
        });
        Other
    };
    (wt, &s[..offset], remaining)
}

/// Appends a word, lowering upper-case words and replacing connectors.
fn to_lower_word(out: &mut String, wt: WordType, word: &str, connector: char) {
    if wt != WordType::UpperCase && wt != WordType::Connector {
        out.push_str(word);
        return;
    }
    for c in word.chars() {
        if is_connector(c) {
            out.push(connector);
        } else if is_upper(c) {
            out.push(to_lower(c));
        } else {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_follows_xstrings_examples() {
        let cases = [
            ("FirstName", "first_name"),
            ("HTTPServer", "http_server"),
            ("NoHTTPS", "no_https"),
            ("GO_PATH", "go_path"),
            ("GO PATH", "go_path"),
            ("GO-PATH", "go_path"),
            ("http2xx", "http_2xx"),
            ("HTTP20xOK", "http_20x_ok"),
            ("Duration2m3s", "duration_2m3s"),
            ("Bld4Floor3rd", "bld4_floor_3rd"),
        ];
        for (input, want) in cases {
            assert_eq!(to_snake_case(input), want, "{input}");
        }
        assert_eq!(to_kebab_case("HTTPServer"), "http-server");
    }

    #[test]
    fn camel_case_is_pascal_case() {
        assert_eq!(to_camel_case("some_words"), "SomeWords");
        assert_eq!(to_camel_case("_complex__case_"), "_Complex_Case_");
        assert_eq!(to_camel_case("GOLANG_IS_GREAT"), "GolangIsGreat");
        assert_eq!(to_camel_case("_"), "__");
        assert_eq!(to_camel_case("a"), "A");
    }
}
