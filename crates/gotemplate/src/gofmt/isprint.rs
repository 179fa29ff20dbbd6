//! Go's `strconv.IsPrint`, from a table generated out of the reference Helm.

#[path = "isprint_table.rs"]
mod table;

/// Whether Go's `strconv.IsPrint` accepts the rune: letters, marks, numbers,
/// punctuation, symbols and the ASCII space, per Go's Unicode tables.
pub(crate) fn is_print(r: u32) -> bool {
    table::PRINTABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < r {
                std::cmp::Ordering::Less
            } else if lo > r {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_go_categories() {
        assert!(is_print(' ' as u32));
        assert!(is_print('é' as u32));
        assert!(is_print(0x1F600));
        assert!(!is_print(0x7F));
        assert!(!is_print(0xA0));
        assert!(!is_print(0xAD));
        assert!(!is_print(0x2028));
        assert!(!is_print(0xFEFF));
        assert!(!is_print(0xD800));
        assert!(!is_print(0x110000));
    }
}
