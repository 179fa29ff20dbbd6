//! Command-line flags parsed the way Helm's cobra/pflag does, so scripts see
//! the same syntax and the same error messages: `--name=v`, `--name v`,
//! `-n v`, `-nv`, grouped boolean shorthands, flags after positional
//! arguments, `--` ending the flags, comma-splitting only for `strings` flags.

use std::collections::HashMap;

/// How a flag takes its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `--x`, `--x=false`.
    Bool,
    /// One value; the last one wins.
    String,
    /// Repeatable; values kept as given (`stringArray`).
    StringArray,
    /// Repeatable; each value split at commas (`strings`).
    StringSlice,
    /// A value that may be left out (`--dry-run`, `--wait`): the default
    /// applies then, and a following argument is not taken.
    OptionalString(&'static str),
}

/// A flag definition.
#[derive(Clone, Debug)]
pub struct Spec {
    pub name: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
}

pub const fn flag(name: &'static str, short: Option<char>, kind: Kind) -> Spec {
    Spec { name, short, kind }
}

/// Parsed flags and positional arguments.
#[derive(Debug, Default)]
pub struct Parsed {
    values: HashMap<&'static str, Vec<String>>,
    pub args: Vec<String>,
}

impl Parsed {
    /// Whether the flag was given at all.
    pub fn is_set(&self, name: &str) -> bool {
        self.values.contains_key(name)
    }

    pub fn bool(&self, name: &str) -> bool {
        self.values
            .get(name)
            .and_then(|v| v.last())
            .is_some_and(|v| v == "true")
    }

    pub fn string(&self, name: &str) -> Option<&str> {
        self.values
            .get(name)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    pub fn strings(&self, name: &str) -> Vec<String> {
        self.values.get(name).cloned().unwrap_or_default()
    }
}

/// Go's `strconv.ParseBool`.
fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// pflag's `stringSlice` value: a CSV record.
fn split_csv(s: &str) -> Vec<String> {
    if s.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut field_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if field_start && !quoted => quoted = true,
            '"' if quoted => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cur.push('"');
                } else {
                    quoted = false;
                }
            }
            ',' if !quoted => {
                out.push(std::mem::take(&mut cur));
                field_start = true;
                continue;
            }
            c => cur.push(c),
        }
        field_start = false;
    }
    out.push(cur);
    out
}

impl Spec {
    fn store(
        &self,
        p: &mut Parsed,
        raw: String,
        shown: &str,
        on_set: OnSet<'_>,
    ) -> Result<(), String> {
        on_set(self.name, &raw)
            .map_err(|e| format!("invalid argument {} for {shown} flag: {e}", go_quote(&raw)))?;
        let entry = p.values.entry(self.name).or_default();
        match self.kind {
            Kind::Bool => {
                let b = parse_bool(&raw).ok_or_else(|| {
                    format!(
                        "invalid argument {} for {shown} flag: strconv.ParseBool: parsing {}: invalid syntax",
                        go_quote(&raw),
                        go_quote(&raw)
                    )
                })?;
                entry.push(b.to_string());
            }
            Kind::String | Kind::OptionalString(_) => entry.push(raw),
            Kind::StringArray => entry.push(raw),
            Kind::StringSlice => entry.extend(split_csv(&raw)),
        }
        Ok(())
    }
}

fn go_quote(s: &str) -> String {
    gotemplate::strconv::quote(s)
}

/// Parses `argv` (after the command name) against `specs`.
#[cfg(test)]
pub fn parse(specs: &[Spec], argv: &[String]) -> Result<Parsed, String> {
    parse_with(specs, argv, &mut |_, _| Ok(()))
}

/// Checks a flag value as it is set (pflag's `Value.Set`): an error stops
/// parsing with `invalid argument "V" for "--NAME" flag: ERROR`.
pub type OnSet<'a> = &'a mut dyn FnMut(&str, &str) -> Result<(), String>;

/// [`parse`], calling `on_set(name, value)` for every flag value in order.
pub fn parse_with(specs: &[Spec], argv: &[String], on_set: OnSet<'_>) -> Result<Parsed, String> {
    let mut p = Parsed::default();
    let mut i = 0;
    while i < argv.len() {
        let arg = &argv[i];
        i += 1;
        if arg == "--" {
            p.args.extend(argv[i..].iter().cloned());
            break;
        }
        if let Some(long) = arg.strip_prefix("--") {
            if long.starts_with('-') || long.starts_with('=') {
                return Err(format!("bad flag syntax: {arg}"));
            }
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let spec = specs
                .iter()
                .find(|s| s.name == name)
                .ok_or_else(|| format!("unknown flag: --{name}"))?;
            let shown = format!("\"--{name}\"");
            let value = match (inline, spec.kind) {
                (Some(v), _) => v,
                (None, Kind::Bool) => "true".into(),
                (None, Kind::OptionalString(default)) => default.into(),
                (None, _) => {
                    if i >= argv.len() {
                        return Err(format!("flag needs an argument: --{name}"));
                    }
                    i += 1;
                    argv[i - 1].clone()
                }
            };
            spec.store(&mut p, value, &shown, on_set)?;
            continue;
        }
        if arg.len() > 1 && arg.starts_with('-') {
            let shorts: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < shorts.len() {
                let c = shorts[j];
                j += 1;
                let spec = specs
                    .iter()
                    .find(|s| s.short == Some(c))
                    .ok_or_else(|| format!("unknown shorthand flag: '{c}' in {arg}"))?;
                let shown = format!("\"-{c}\"");
                let rest: String = shorts[j..].iter().collect();
                match spec.kind {
                    Kind::Bool => {
                        if let Some(v) = rest.strip_prefix('=') {
                            spec.store(&mut p, v.to_string(), &shown, on_set)?;
                            break;
                        }
                        spec.store(&mut p, "true".into(), &shown, on_set)?;
                    }
                    _ => {
                        let value = if let Some(v) = rest.strip_prefix('=') {
                            v.to_string()
                        } else if !rest.is_empty() {
                            rest
                        } else if let Kind::OptionalString(default) = spec.kind {
                            default.to_string()
                        } else {
                            if i >= argv.len() {
                                return Err(format!("flag needs an argument: '{c}' in {arg}"));
                            }
                            i += 1;
                            argv[i - 1].clone()
                        };
                        spec.store(&mut p, value, &shown, on_set)?;
                        break;
                    }
                }
            }
            continue;
        }
        p.args.push(arg.clone());
    }
    Ok(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[Spec] = &[
        flag("namespace", Some('n'), Kind::String),
        flag("values", Some('f'), Kind::StringSlice),
        flag("set", None, Kind::StringArray),
        flag("generate-name", Some('g'), Kind::Bool),
        flag("dry-run", None, Kind::OptionalString("unset")),
    ];

    fn argv(s: &[&str]) -> Vec<String> {
        s.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn parses_like_pflag() {
        let p = parse(
            SPECS,
            &argv(&[
                "r",
                "-nfoo",
                "c",
                "--set",
                "a=1,b=2",
                "-f",
                "x.yaml,y.yaml",
                "-g",
                "--dry-run",
            ]),
        )
        .unwrap();
        assert_eq!(p.args, ["r", "c"]);
        assert_eq!(p.string("namespace"), Some("foo"));
        assert_eq!(p.strings("set"), ["a=1,b=2"]);
        assert_eq!(p.strings("values"), ["x.yaml", "y.yaml"]);
        assert!(p.bool("generate-name"));
        assert_eq!(p.string("dry-run"), Some("unset"));
    }

    #[test]
    fn errors_like_pflag() {
        let cases: &[(&[&str], &str)] = &[
            (&["--foo"], "unknown flag: --foo"),
            (&["-x"], "unknown shorthand flag: 'x' in -x"),
            (&["--namespace"], "flag needs an argument: --namespace"),
            (&["-n"], "flag needs an argument: 'n' in -n"),
            (
                &["--generate-name=yes"],
                "invalid argument \"yes\" for \"--generate-name\" flag: strconv.ParseBool: parsing \"yes\": invalid syntax",
            ),
        ];
        for (args, want) in cases {
            assert_eq!(parse(SPECS, &argv(args)).unwrap_err(), *want, "{args:?}");
        }
    }
}
