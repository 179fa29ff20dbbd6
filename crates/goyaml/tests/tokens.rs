//! The scanner's tokens, one kind (or quirk) at a time.

use std::borrow::Cow;

use goyaml::{Mark, ScalarStyle, Scanner, Token, TokenKind};

fn tokens(input: &str) -> Vec<Token<'_>> {
    Scanner::new(input)
        .collect::<Result<_, _>>()
        .unwrap_or_else(|e| panic!("{input:?}: {e}"))
}

/// Tokens in a compact notation: `K` key, `V` value, `S(text)` plain
/// scalar, `'(text)` / `"(text)` / `|(text)` / `>(text)` other styles.
fn show(input: &str) -> String {
    tokens(input)
        .iter()
        .map(|t| match &t.kind {
            TokenKind::StreamStart => "<".to_string(),
            TokenKind::StreamEnd => ">".to_string(),
            TokenKind::VersionDirective { major, minor } => format!("%YAML({major}.{minor})"),
            TokenKind::TagDirective { handle, prefix } => format!("%TAG({handle} {prefix})"),
            TokenKind::DocumentStart => "---".to_string(),
            TokenKind::DocumentEnd => "...".to_string(),
            TokenKind::BlockSequenceStart => "BS".to_string(),
            TokenKind::BlockMappingStart => "BM".to_string(),
            TokenKind::BlockEnd => "BE".to_string(),
            TokenKind::FlowSequenceStart => "[".to_string(),
            TokenKind::FlowSequenceEnd => "]".to_string(),
            TokenKind::FlowMappingStart => "{".to_string(),
            TokenKind::FlowMappingEnd => "}".to_string(),
            TokenKind::BlockEntry => "-".to_string(),
            TokenKind::FlowEntry => ",".to_string(),
            TokenKind::Key => "K".to_string(),
            TokenKind::Value => "V".to_string(),
            TokenKind::Alias(a) => format!("*{a}"),
            TokenKind::Anchor(a) => format!("&{a}"),
            TokenKind::Tag { handle, suffix } => format!("!({handle}|{suffix})"),
            TokenKind::Scalar { value, style } => {
                let sigil = match style {
                    ScalarStyle::Plain => "S",
                    ScalarStyle::SingleQuoted => "'",
                    ScalarStyle::DoubleQuoted => "\"",
                    ScalarStyle::Literal => "|",
                    ScalarStyle::Folded => ">",
                };
                format!("{sigil}({value})")
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn mark(index: usize, line: usize, column: usize) -> Mark {
    Mark {
        index,
        line,
        column,
    }
}

#[test]
fn stream_of_nothing() {
    assert_eq!(show(""), "< >");
    assert_eq!(show("# only a comment\n\n"), "< >");
}

#[test]
fn directives() {
    assert_eq!(show("%YAML 1.1\n---\n"), "< %YAML(1.1) --- >");
    assert_eq!(
        show("%TAG !e! tag:example.com,2000:app/ # c\n---\n"),
        "< %TAG(!e! tag:example.com,2000:app/) --- >"
    );
}

#[test]
fn document_indicators() {
    assert_eq!(show("---\na\n...\n"), "< --- S(a) ... >");
    // Only at the start of a line and before a blank.
    assert_eq!(show("a ---\n"), "< S(a ---) >");
    assert_eq!(show("---a\n"), "< S(---a) >");
}

#[test]
fn block_collections() {
    assert_eq!(
        show("a: 1\nb:\n  - x\n  - y\n"),
        "< BM K S(a) V S(1) K S(b) V BS - S(x) - S(y) BE BE >"
    );
    // A sequence as indented as its key needs no BLOCK-SEQUENCE-START.
    assert_eq!(show("a:\n- x\n"), "< BM K S(a) V - S(x) BE >");
    assert_eq!(show("? a\n: b\n"), "< BM K S(a) V S(b) BE >");
    assert_eq!(show("- - x\n"), "< BS - BS - S(x) BE BE >");
}

#[test]
fn flow_collections() {
    assert_eq!(
        show("{a: [b, c], d}"),
        "< { K S(a) V [ S(b) , S(c) ] , S(d) } >"
    );
    assert_eq!(show("[a: b]"), "< [ K S(a) V S(b) ] >");
    assert_eq!(show("[? a]"), "< [ K S(a) ] >");
}

#[test]
fn anchors_aliases_and_tags() {
    assert_eq!(show("&x a: *x"), "< BM K &x S(a) V *x BE >");
    assert_eq!(show("!!str a"), "< !(!!|str) S(a) >");
    assert_eq!(show("!local a"), "< !(!|local) S(a) >");
    assert_eq!(show("! a"), "< !(|!) S(a) >");
    assert_eq!(show("!<tag:x,2000:y> a"), "< !(|tag:x,2000:y) S(a) >");
    assert_eq!(show("!e!x%21%C3%A9 a"), "< !(!e!|x!é) S(a) >");
    // go-yaml reads `,`, `[` and `]` as part of a tag.
    assert_eq!(show("[!a,b]"), "< [ !(!|a,b]) >");
}

#[test]
fn plain_scalars() {
    assert_eq!(show("a b  c"), "< S(a b  c) >");
    assert_eq!(show("a\n  b\n\n  c\n"), "< S(a b\nc) >");
    assert_eq!(show("a:b"), "< S(a:b) >");
    // In flow context go-yaml keeps a `:` that is not before a blank.
    assert_eq!(show("[a:, b:]"), "< [ S(a:) , S(b:) ] >");
    assert_eq!(show("[a?b]"), "< [ S(a) K S(b) ] >");
    assert_eq!(show("a # c\n"), "< S(a) >");
    assert_eq!(show("a#b"), "< S(a#b) >");
}

#[test]
fn quoted_scalars() {
    assert_eq!(show("'it''s'"), "< '(it's) >");
    assert_eq!(show("'a\n  b\n\n  c'"), "< '(a b\nc) >");
    assert_eq!(
        show(r#""\t\n\\\"\x41\u00e9\U0001F600\'\ \_\N""#),
        "< \"(\t\n\\\"Aé😀' \u{a0}\u{85}) >"
    );
    assert_eq!(show("\"a\\\n  b\""), "< \"(ab) >");
    assert_eq!(show("\"a \n b\""), "< \"(a b) >");
}

#[test]
fn block_scalars() {
    assert_eq!(show("|\n a\n b\n\n"), "< |(a\nb\n) >");
    assert_eq!(show("|-\n a\n\n"), "< |(a) >");
    assert_eq!(show("|+\n a\n\n"), "< |(a\n\n) >");
    assert_eq!(show(">\n a\n b\n\n c\n  d\n"), "< >(a b\nc\n d\n) >");
    assert_eq!(show("|2\n   a\n"), "< |( a\n) >");
    assert_eq!(show("- |\n  a\n- b\n"), "< BS - |(a\n) - S(b) BE >");
    assert_eq!(show("| # c\n a"), "< |(a) >");
}

#[test]
fn values_borrow_from_the_input() {
    let borrowed = |input: &str| {
        tokens(input).into_iter().any(|t| {
            matches!(
                t.kind,
                TokenKind::Scalar {
                    value: Cow::Borrowed(_),
                    ..
                }
            )
        })
    };
    assert!(borrowed("plain text here"));
    assert!(borrowed("'single quoted'"));
    assert!(borrowed("\"double quoted\""));
    assert!(!borrowed("folded\n plain"));
    assert!(!borrowed("\"esc\\n\""));
}

#[test]
fn marks_count_characters() {
    let t = tokens("é: [ü, 😀]\n");
    let starts: Vec<Mark> = t.iter().map(|t| t.start).collect();
    assert_eq!(starts[2], mark(0, 0, 0)); // KEY
    assert_eq!(starts[4], mark(1, 0, 1)); // VALUE
    assert_eq!(t[8].start, mark(7, 0, 7)); // 😀
    assert_eq!(t[8].end, mark(8, 0, 8));
    // CR LF is one line break but two characters.
    let t = tokens("a: 1\r\nb: c");
    let b = t
        .iter()
        .find(|t| matches!(&t.kind, TokenKind::Scalar { value, .. } if value == "b"));
    assert_eq!(b.map(|t| t.start), Some(mark(6, 1, 0)));
    // The stream end forces a new line.
    assert_eq!(t.last().map(|t| t.start), Some(mark(10, 2, 0)));
}

#[test]
fn leading_bom_is_not_counted() {
    let t = tokens("\u{feff}a");
    assert_eq!(t[1].start, mark(0, 0, 0));
}

#[test]
fn bom_check_looks_at_the_buffer_start() {
    // go-yaml skips the current character at a line start while its
    // buffer starts with a BOM, whatever that character is: here the
    // second BOM, then the `:` after the NEL line break.
    assert_eq!(show("\u{feff}\u{feff}\u{85}: \n"), "< >");
    // Once the buffer has been refilled elsewhere, a BOM is text.
    assert_eq!(
        show("a: 1\n\u{feff}b: 2\n"),
        "< BM K S(a) V S(1) K S(\u{feff}b) V S(2) BE >"
    );
}

#[test]
fn errors_stop_the_scanner() {
    let mut s = Scanner::new("a: b: c");
    let results: Vec<_> = s.by_ref().collect();
    let last = results.last().expect("tokens");
    let err = last.as_ref().expect_err("an error ends the tokens");
    assert_eq!(
        err.problem,
        "mapping values are not allowed in this context"
    );
    assert_eq!(err.problem_mark, mark(4, 0, 4));
    assert!(s.next().is_none());
    assert_eq!(s.next_token().unwrap_err(), err.clone());
}
