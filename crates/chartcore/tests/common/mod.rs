//! Reading the generated expectation tables: one case per line, fields
//! separated by tabs, each field a JSON string literal; `#` lines are comments.

#![allow(dead_code)]

use std::path::PathBuf;

pub fn testdata(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(rel)
}

/// The rows of a table, with their line numbers.
pub fn read_table(rel: &str) -> Vec<(usize, Vec<String>)> {
    let path = testdata(rel);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.is_empty() && !line.starts_with('#'))
        .map(|(i, line)| {
            let fields = line
                .split('\t')
                .map(|f| json_string(f).unwrap_or_else(|| panic!("{rel}:{}: bad field {f}", i + 1)))
                .collect();
            (i + 1, fields)
        })
        .collect()
}

/// Decodes a JSON string literal.
pub fn json_string(lit: &str) -> Option<String> {
    let inner = lit.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let unit = |chars: &mut std::str::Chars<'_>| {
                    let hex: String = chars.by_ref().take(4).collect();
                    u32::from_str_radix(&hex, 16).ok()
                };
                let hi = unit(&mut chars)?;
                let code = if (0xD800..0xDC00).contains(&hi) {
                    if chars.next()? != '\\' || chars.next()? != 'u' {
                        return None;
                    }
                    let lo = unit(&mut chars)?;
                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                } else {
                    hi
                };
                out.push(char::from_u32(code)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

/// One case of a function table (`testdata/funcs/**/*.cases`, see
/// `scripts/gen_func_cases.py`): `[@values JSON<TAB>]PIPELINE<TAB>=> "OUT"`
/// or `... =! "ERROR"`.
pub struct FuncCase {
    /// `FILE:LINE`, for failure messages.
    pub origin: String,
    /// The `.Values` JSON, if the case sets any.
    pub values: Option<String>,
    /// The pipeline inside `{{ }}`.
    pub pipeline: String,
    /// `=>` (output) or `=!` (error).
    pub kind: &'static str,
    /// Helm's output or error text.
    pub want: String,
}

/// The cases of every `.cases` file directly in `testdata/REL_DIR`, in
/// file-name order.
pub fn func_cases(rel_dir: &str) -> Vec<FuncCase> {
    let mut files: Vec<_> = std::fs::read_dir(testdata(rel_dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "cases"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let origin = format!("{name}:{}", n + 1);
            let (head, kind, want) = if let Some((h, w)) = line.rsplit_once("\t=> ") {
                (h, "=>", w)
            } else if let Some((h, w)) = line.rsplit_once("\t=! ") {
                (h, "=!", w)
            } else {
                panic!("{origin}: case without expectation");
            };
            let (values, pipeline) = match head.strip_prefix("@values ") {
                Some(rest) => {
                    let (v, p) = rest.split_once('\t').unwrap();
                    (Some(v.to_string()), p)
                }
                None => (None, head),
            };
            cases.push(FuncCase {
                want: serde_json::from_str(want).unwrap(),
                origin,
                values,
                pipeline: pipeline.to_string(),
                kind,
            });
        }
    }
    cases
}
