//! Scalar text built without copying where possible.

use std::borrow::Cow;

/// A token's text as the scanner builds it: a slice of the input for as
/// long as every appended piece is the input's next stretch, an owned
/// string once anything else (a folded line break, an escape) is appended.
#[derive(Default)]
pub(crate) struct Text {
    span: Option<(usize, usize)>,
    owned: Option<String>,
}

impl Text {
    /// Append `input[start..end]`.
    #[inline]
    pub(crate) fn push_input(&mut self, input: &str, start: usize, end: usize) {
        if start == end {
            return;
        }
        if let Some(s) = &mut self.owned {
            s.push_str(&input[start..end]);
            return;
        }
        match &mut self.span {
            None => self.span = Some((start, end)),
            Some((_, e)) if *e == start => *e = end,
            Some(_) => self.make_owned(input).push_str(&input[start..end]),
        }
    }

    /// Append text that is not the input's next stretch.
    #[inline]
    pub(crate) fn push_str(&mut self, input: &str, piece: &str) {
        if !piece.is_empty() {
            self.make_owned(input).push_str(piece);
        }
    }

    /// Append one character that is not the input's next stretch.
    #[inline]
    pub(crate) fn push_char(&mut self, input: &str, c: char) {
        self.make_owned(input).push(c);
    }

    fn make_owned(&mut self, input: &str) -> &mut String {
        let span = self.span.take();
        self.owned.get_or_insert_with(|| match span {
            Some((a, b)) => {
                let mut s = String::with_capacity((b - a) * 2 + 16);
                s.push_str(&input[a..b]);
                s
            }
            None => String::new(),
        })
    }

    /// The text, borrowed from `input` when nothing forced a copy.
    pub(crate) fn finish(self, input: &str) -> Cow<'_, str> {
        match (self.owned, self.span) {
            (Some(s), _) => Cow::Owned(s),
            (None, Some((a, b))) => Cow::Borrowed(&input[a..b]),
            (None, None) => Cow::Borrowed(""),
        }
    }
}
