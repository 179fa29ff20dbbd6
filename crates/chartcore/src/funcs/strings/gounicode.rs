//! Go's `unicode` package predicates and simple case mappings.
//!
//! Go classifies runes by general category (`IsUpper` is category Lu, not
//! Unicode's wider Uppercase property that Rust's `char::is_uppercase` uses)
//! and maps case rune by rune with the simple mappings of UnicodeData.txt,
//! where Rust's `to_uppercase` applies the full (sometimes multi-rune)
//! mappings of SpecialCasing.txt.

use unicode_general_category::{GeneralCategory as Gc, get_general_category};

/// `unicode.IsUpper`: category Lu.
pub(crate) fn is_upper(c: char) -> bool {
    get_general_category(c) == Gc::UppercaseLetter
}

/// `unicode.IsLower`: category Ll.
pub(crate) fn is_lower(c: char) -> bool {
    get_general_category(c) == Gc::LowercaseLetter
}

/// `unicode.IsTitle`: category Lt.
pub(crate) fn is_title(c: char) -> bool {
    get_general_category(c) == Gc::TitlecaseLetter
}

/// `unicode.IsLetter`: category L.
pub(crate) fn is_letter(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::UppercaseLetter
            | Gc::LowercaseLetter
            | Gc::TitlecaseLetter
            | Gc::ModifierLetter
            | Gc::OtherLetter
    )
}

/// `unicode.IsDigit`: category Nd.
pub(crate) fn is_digit(c: char) -> bool {
    get_general_category(c) == Gc::DecimalNumber
}

/// `unicode.IsNumber`: category N.
pub(crate) fn is_number(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::DecimalNumber | Gc::LetterNumber | Gc::OtherNumber
    )
}

/// `unicode.IsPunct`: category P.
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        get_general_category(c),
        Gc::ConnectorPunctuation
            | Gc::DashPunctuation
            | Gc::OpenPunctuation
            | Gc::ClosePunctuation
            | Gc::InitialPunctuation
            | Gc::FinalPunctuation
            | Gc::OtherPunctuation
    )
}

/// `unicode.IsSpace`: the Latin-1 spaces, then the White_Space property.
pub(crate) fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\x0b' | '\x0c' | '\r' | ' ' | '\u{85}' | '\u{a0}'
    ) || (c as u32 > 0xff && c.is_whitespace())
}

/// `unicode.ToUpper`: the simple uppercase mapping.
pub(crate) fn to_upper(c: char) -> char {
    if let Some(u) = greek_iota_upper(c) {
        return u;
    }
    single(c.to_uppercase()).unwrap_or(c)
}

/// `unicode.ToLower`: the simple lowercase mapping.
pub(crate) fn to_lower(c: char) -> char {
    if c == '\u{130}' {
        // İ lowercases to "i̇" in full, to plain i in the simple mapping.
        return 'i';
    }
    single(c.to_lowercase()).unwrap_or(c)
}

/// `unicode.ToTitle`: the simple titlecase mapping, which differs from the
/// uppercase one only for the Latin digraphs and Georgian Mkhedruli.
pub(crate) fn to_title(c: char) -> char {
    match c as u32 {
        0x1C4..=0x1C6 => '\u{1C5}',
        0x1C7..=0x1C9 => '\u{1C8}',
        0x1CA..=0x1CC => '\u{1CB}',
        0x1F1..=0x1F3 => '\u{1F2}',
        // Mkhedruli letters have uppercase forms (Mtavruli) but title to themselves.
        0x10D0..=0x10FA | 0x10FD..=0x10FF => c,
        _ => to_upper(c),
    }
}

/// Greek letters with ypogegrammeni: their full uppercase is two runes, the
/// simple one the matching prosgegrammeni letter.
fn greek_iota_upper(c: char) -> Option<char> {
    let u = c as u32;
    let mapped = match u {
        0x1F80..=0x1F87 | 0x1F90..=0x1F97 | 0x1FA0..=0x1FA7 => u + 8,
        0x1FB3 => 0x1FBC,
        0x1FC3 => 0x1FCC,
        0x1FF3 => 0x1FFC,
        _ => return None,
    };
    char::from_u32(mapped)
}

fn single(mut it: impl Iterator<Item = char>) -> Option<char> {
    let c = it.next()?;
    if it.next().is_some() { None } else { Some(c) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_follow_go_not_rust_properties() {
        // Roman numeral one is Nl with Other_Uppercase: Go says not upper.
        assert!(!is_upper('\u{2160}'));
        assert!('\u{2160}'.is_uppercase());
        assert!(is_punct('!'));
        assert!(!is_punct('$'));
        assert!(is_number('½'));
        assert!(!is_digit('½'));
        assert!(is_letter('é'));
        assert!(!is_letter('\u{345}'));
    }

    #[test]
    fn case_mappings_are_simple() {
        assert_eq!(to_upper('ß'), 'ß');
        assert_eq!(to_upper('ﬀ'), 'ﬀ');
        assert_eq!(to_upper('ᾳ'), 'ᾼ');
        assert_eq!(to_upper('ǆ'), 'Ǆ');
        assert_eq!(to_title('ǆ'), 'ǅ');
        assert_eq!(to_title('ა'), 'ა');
        assert_eq!(to_lower('İ'), 'i');
        assert_eq!(to_lower('ǅ'), 'ǆ');
    }
}
