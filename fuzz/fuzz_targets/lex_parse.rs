//! Lexes and parses arbitrary text: no panics, no hangs, no stack overflow,
//! and every error carries a location.
#![no_main]

use gotemplate::lex::{LexOptions, TokenKind, lex};
use gotemplate::{FuncMap, Templates};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let opts = LexOptions {
        emit_comment: true,
        break_ok: true,
        continue_ok: true,
    };
    let tokens = lex(text, opts);
    let last = tokens
        .last()
        .expect("the lexer always ends with EOF or an error");
    assert!(matches!(last.kind, TokenKind::Eof | TokenKind::Error));
    for t in &tokens {
        assert!(t.pos <= text.len());
    }
    let mut set = Templates::new("fuzz", FuncMap::new());
    if let Err(e) = set.parse("fuzz", text) {
        assert!(e.location().is_some(), "parse error without location: {e}");
        let _ = e.to_string();
    }
});
