//! go-yaml's map key order (`sorter.go` `keyList.Less`) for string keys: a
//! "natural" order in which digit runs compare by value and non-letters sort
//! before letters. v3 differs from v2 when a letter meets a non-letter right
//! after a run of equal digits.

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavor {
    V2,
    V3,
}

/// `keyList.Less(a, b)` for two string keys.
#[cfg(test)]
pub(crate) fn key_less(a: &str, b: &str, flavor: Flavor) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    runes_less(&ar, &br, flavor)
}

/// `keyList.Less` on keys already split into runes.
fn runes_less(ar: &[char], br: &[char], flavor: Flavor) -> bool {
    let mut digits = false;
    let n = ar.len().min(br.len());
    for i in 0..n {
        if ar[i] == br[i] {
            digits = is_go_digit(ar[i]);
            continue;
        }
        let al = is_go_letter(ar[i]);
        let bl = is_go_letter(br[i]);
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return match flavor {
                Flavor::V3 if digits => al,
                _ => bl,
            };
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && is_go_digit(ar[j - 1]) {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && is_go_digit(ar[ai]) {
            an = an.wrapping_mul(10).wrapping_add(ar[ai] as i64 - '0' as i64);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && is_go_digit(br[bi]) {
            bn = bn.wrapping_mul(10).wrapping_add(br[bi] as i64 - '0' as i64);
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// Go's `unicode.IsLetter` (general category L).
fn is_go_letter(c: char) -> bool {
    c.is_alphabetic() && !is_non_letter_alphabetic(c)
}

/// Rust's `is_alphabetic` also covers letter numbers (Nl) and other
/// `Alphabetic` code points that are not category L; the common ones are
/// the Roman numerals and combining marks used in scripts. Treat marks and
/// letter numbers as non-letters like Go does.
fn is_non_letter_alphabetic(c: char) -> bool {
    matches!(c as u32,
        0x16EE..=0x16F0 | 0x2160..=0x2188 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303A
        | 0xA6E6..=0xA6EF | 0x10140..=0x10174 | 0x10341 | 0x1034A | 0x103D1..=0x103D5
        | 0x12400..=0x1246E)
        || is_mark(c)
}

/// Combining marks that Unicode also lists as Alphabetic (vowel signs).
fn is_mark(c: char) -> bool {
    // Approximation: the combining ranges of the major Indic and other
    // scripts. Keys with such characters are rare; digits and ASCII decide
    // almost every real key order.
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x06E7..=0x06E8 | 0x06EA..=0x06ED
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957 | 0x0962..=0x0963
        | 0x0981..=0x0983 | 0x09BC..=0x09D7 | 0x0A01..=0x0A03 | 0x0A3C..=0x0A51
        | 0x0A81..=0x0A83 | 0x0ABC..=0x0ACD | 0x0B01..=0x0B03 | 0x0B3C..=0x0B57
        | 0x0B82 | 0x0BBE..=0x0BCD | 0x0C00..=0x0C04 | 0x0C3E..=0x0C56 | 0x0C81..=0x0C83
        | 0x0CBC..=0x0CD6 | 0x0D00..=0x0D03 | 0x0D3B..=0x0D57 | 0x0E31 | 0x0E34..=0x0E3A
        | 0x0E47..=0x0E4E | 0x0EB1 | 0x0EB4..=0x0EBC | 0x0EC8..=0x0ECD)
}

/// Go's `unicode.IsDigit` (category Nd).
fn is_go_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    // Nd characters are `numeric` with a decimal digit value; Rust has no
    // category query, so use the ranges of the Unicode decimal digit blocks.
    let u = c as u32;
    DIGIT_BLOCKS
        .iter()
        .any(|&start| u >= start && u < start + 10)
}

/// First code points of the Unicode Nd (decimal digit) runs of ten.
const DIGIT_BLOCKS: &[u32] = &[
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Sorts keys the way Go's `sort.Sort` orders them under `keyList.Less`.
/// For a consistent order every correct sort agrees; a merge sort is used
/// because it cannot misbehave if the order is not transitive.
pub(crate) fn sort_keys<T>(items: &mut Vec<T>, key: impl Fn(&T) -> &str, flavor: Flavor) {
    // Split each key into runes once, not on every comparison.
    let mut keyed: Vec<(Vec<char>, T)> = std::mem::take(items)
        .into_iter()
        .map(|item| (key(&item).chars().collect(), item))
        .collect();
    merge_sort(&mut keyed, &|a: &(Vec<char>, T), b: &(Vec<char>, T)| {
        runes_less(&a.0, &b.0, flavor)
    });
    *items = keyed.into_iter().map(|(_, item)| item).collect();
}

fn merge_sort<T>(items: &mut Vec<T>, less: &impl Fn(&T, &T) -> bool) {
    if items.len() <= 1 {
        return;
    }
    let mut right = items.split_off(items.len() / 2);
    merge_sort(items, less);
    merge_sort(&mut right, less);
    let left = std::mem::take(items);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let mut l = left.into_iter().peekable();
    let mut r = right.into_iter().peekable();
    loop {
        let take_right = match (l.peek(), r.peek()) {
            (Some(a), Some(b)) => less(b, a),
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if take_right { r.next() } else { l.next() };
        out.extend(next);
    }
    *items = out;
}

/// An `Ordering` view of [`key_less`], for tests.
#[cfg(test)]
fn order(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    if key_less(a, b, Flavor::V2) {
        Ordering::Less
    } else if key_less(b, a, Flavor::V2) {
        Ordering::Greater
    } else {
        Ordering::Equal
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_like_go_yaml() {
        let mut keys = vec!["a10", "a9", "B", "b", "1", "10", "2", "_x"];
        sort_keys(&mut keys, |k| k, Flavor::V2);
        assert_eq!(keys, ["_x", "1", "2", "10", "B", "a9", "a10", "b"]);
        assert_eq!(order("s2", "s10"), std::cmp::Ordering::Less);
    }
}
