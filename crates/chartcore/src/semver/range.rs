//! Masterminds' hyphen-range rewrite (`rewriteRange`): every match of
//! `\s*(V)\s+-\s+(V)\s*` (V = the loose constraint version) becomes
//! `>= A, <= B ` before the constraint string is split.
//!
//! Go runs a leftmost-first regexp over the whole string and then replaces the
//! *first occurrence* of each matched text in the progressively rewritten
//! string. The matcher below is a direct scanner for that one expression.

/// `\s` in Go's (ASCII) regexp syntax.
pub(crate) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

/// The characters of a numeric-or-wildcard segment in a constraint version:
/// `[0-9|x|X|\*]` (the `|` is an accident of the original regexp, kept).
pub(crate) fn is_segment_char(b: u8) -> bool {
    b.is_ascii_digit() || matches!(b, b'x' | b'X' | b'*' | b'|')
}

pub(crate) fn is_ident_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-'
}

fn run_end(s: &[u8], mut i: usize, pred: fn(u8) -> bool) -> usize {
    while i < s.len() && pred(s[i]) {
        i += 1;
    }
    i
}

/// `[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*` taken greedily from `i`, or `None` if no
/// identifier starts there.
fn ident_list_end(s: &[u8], i: usize) -> Option<usize> {
    let mut end = run_end(s, i, is_ident_char);
    if end == i {
        return None;
    }
    while end + 1 < s.len() && s[end] == b'.' && is_ident_char(s[end + 1]) {
        end = run_end(s, end + 1, is_ident_char);
    }
    Some(end)
}

/// The greedy (first-preference) match of the version expression at `i`.
fn version_end(s: &[u8], i: usize) -> Option<usize> {
    let mut i = i;
    if s.get(i) == Some(&b'v') && s.get(i + 1).is_some_and(|&b| is_segment_char(b)) {
        i += 1;
    }
    let mut end = run_end(s, i, is_segment_char);
    if end == i {
        return None;
    }
    for _ in 0..2 {
        if end + 1 < s.len() && s[end] == b'.' && is_segment_char(s[end + 1]) {
            end = run_end(s, end + 1, is_segment_char);
        } else {
            break;
        }
    }
    for sep in [b'-', b'+'] {
        if s.get(end) == Some(&sep)
            && let Some(e) = ident_list_end(s, end + 1)
        {
            end = e;
        }
    }
    Some(end)
}

/// A match: the whole matched text and the two versions.
struct RangeMatch<'a> {
    whole: &'a str,
    low: &'a str,
    high: &'a str,
    end: usize,
}

/// The match starting exactly at `start`, if any. The first version must be
/// followed by whitespace, so it can only be the whole non-space run after any
/// leading whitespace.
fn match_at(text: &str, start: usize) -> Option<RangeMatch<'_>> {
    let s = text.as_bytes();
    let low_start = run_end(s, start, is_space);
    let low_end = run_end(s, low_start, |b| !is_space(b));
    if low_end == low_start || version_end(s, low_start) != Some(low_end) {
        return None;
    }
    let dash = run_end(s, low_end, is_space);
    if dash == low_end || s.get(dash) != Some(&b'-') {
        return None;
    }
    let high_start = run_end(s, dash + 1, is_space);
    if high_start == dash + 1 {
        return None;
    }
    let high_end = version_end(s, high_start)?;
    let end = run_end(s, high_end, is_space);
    Some(RangeMatch {
        whole: &text[start..end],
        low: &text[low_start..low_end],
        high: &text[high_start..high_end],
        end,
    })
}

/// Rewrites `A - B` ranges into `>= A, <= B `.
pub(crate) fn rewrite_range(input: &str) -> String {
    if !input.contains('-') {
        return input.to_string();
    }
    let mut matches = Vec::new();
    let mut pos = 0;
    while pos < input.len() {
        match (pos..input.len()).find_map(|i| match_at(input, i)) {
            Some(m) => {
                pos = m.end;
                matches.push(m);
            }
            None => break,
        }
    }
    let mut out = input.to_string();
    for m in matches {
        let replacement = format!(">= {}, <= {} ", m.low, m.high);
        out = out.replacen(m.whole, &replacement, 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::rewrite_range;

    #[test]
    fn rewrites_like_masterminds() {
        // Masterminds' TestRewriteRange table.
        let cases = [
            ("2 - 3", ">= 2, <= 3 "),
            ("2 - 3, 2 - 3", ">= 2, <= 3 ,>= 2, <= 3 "),
            ("2 - 3, 4.0.0 - 5.1", ">= 2, <= 3 ,>= 4.0.0, <= 5.1 "),
            ("2 - 3 4.0.0 - 5.1", ">= 2, <= 3 >= 4.0.0, <= 5.1 "),
            ("1.0.0 - 2.0.0 <=2.0.0", ">= 1.0.0, <= 2.0.0 <=2.0.0"),
            ("1.2.3", "1.2.3"),
            (">1.2.3 - 2", ">>= 1.2.3, <= 2 "),
        ];
        for (input, want) in cases {
            assert_eq!(rewrite_range(input), want, "{input:?}");
        }
    }
}
