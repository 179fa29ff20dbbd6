//! The `--set` family parser on arbitrary lines, in every mode: the first
//! byte picks the mode, the rest is one or two lines applied in turn to the
//! same values (as repeated flags are).

#![no_main]

use chartcore::strvals::{Mode, parse_into};
use gotemplate::Map;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let dest = Map::new();
    for line in text.splitn(2, '\n') {
        let mut read = |path: &str| -> Result<String, String> {
            if path.starts_with('!') {
                Err(format!("open {path}: no such file or directory"))
            } else {
                Ok(path.repeat(2))
            }
        };
        let mode = match selector % 5 {
            0 => Mode::Set,
            1 => Mode::SetString,
            2 => Mode::SetLiteral,
            3 => Mode::SetJson,
            _ => Mode::SetFile(&mut read),
        };
        let _ = parse_into(line, &dest, mode);
    }
});
