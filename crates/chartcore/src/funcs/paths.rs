//! Sprig's path functions: Go's `path` (`base`, `dir`, `clean`, `ext`,
//! `isAbs`) and `path/filepath` (`osBase`, ...). Helm runs on Linux, where
//! `filepath` uses `/` and no volume names, so both families share one
//! implementation.

use gotemplate::{FuncMap, GoType, Value};

use super::{def, s};

/// A path transformation shared by the `path` and `filepath` names.
type PathFn = fn(&str) -> String;

pub(super) fn register(m: &mut FuncMap) {
    let funcs: [(&str, &str, PathFn); 4] = [
        ("base", "osBase", base),
        ("dir", "osDir", dir),
        ("clean", "osClean", clean),
        ("ext", "osExt", |p| ext(p).to_string()),
    ];
    for (plain, os, f) in funcs {
        for name in [plain, os] {
            def(m, name, &[GoType::String], move |a| {
                Ok(Value::str(f(s(&a[0]))))
            });
        }
    }
    for name in ["isAbs", "osIsAbs"] {
        def(m, name, &[GoType::String], |a| {
            Ok(Value::Bool(s(&a[0]).starts_with('/')))
        });
    }
}

/// Go's `path.Clean`: the shortest equivalent path by lexical processing.
pub(crate) fn clean(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let rooted = path.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    // Number of leading ".." elements that cannot be removed.
    let mut dotdot = 0;
    for elem in path.split('/') {
        match elem {
            "" | "." => {}
            ".." => {
                if parts.len() > dotdot {
                    parts.pop();
                } else if !rooted {
                    parts.push("..");
                    dotdot += 1;
                }
            }
            other => parts.push(other),
        }
    }
    let joined = parts.join("/");
    match (rooted, joined.is_empty()) {
        (true, _) => format!("/{joined}"),
        (false, true) => ".".to_string(),
        (false, false) => joined,
    }
}

/// Go's `path.Base`: the last element, trailing slashes removed.
pub(crate) fn base(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    match trimmed.rfind('/') {
        Some(i) => trimmed[i + 1..].to_string(),
        None => trimmed.to_string(),
    }
}

/// Go's `path.Dir`: everything but the last element, cleaned.
pub(crate) fn dir(path: &str) -> String {
    let cut = path.rfind('/').map_or(0, |i| i + 1);
    clean(&path[..cut])
}

/// Go's `path.Ext`: the suffix from the last dot of the last element.
pub(crate) fn ext(path: &str) -> &str {
    for (i, b) in path.bytes().enumerate().rev() {
        match b {
            b'/' => break,
            b'.' => return &path[i..],
            _ => {}
        }
    }
    ""
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_follows_go() {
        let cases = [
            ("", "."),
            ("a/b/../c", "a/c"),
            ("/../a", "/a"),
            ("../../a/./b/..", "../../a"),
            ("/a/b/../../..", "/"),
            ("a/..", "."),
            ("//", "/"),
            ("a//b///c/", "a/b/c"),
        ];
        for (input, want) in cases {
            assert_eq!(clean(input), want, "{input}");
        }
    }

    #[test]
    fn base_dir_ext_follow_go() {
        assert_eq!(base("a/b/"), "b");
        assert_eq!(base("////"), "/");
        assert_eq!(dir("a"), ".");
        assert_eq!(dir("//a//b//"), "/a/b");
        assert_eq!(ext("a.b\\c"), ".b\\c");
        assert_eq!(ext("a/b.c/"), "");
    }
}
