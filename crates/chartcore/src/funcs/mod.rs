//! The template function library Helm v4.3.1 registers: Sprig v3.3.0 (minus
//! `env` and `expandenv`) overlaid with Helm's own functions.
//!
//! Each submodule registers one family. Functions declare Go parameter types
//! so the engine converts and checks arguments as Go's `text/template` does;
//! a body therefore only sees values of its declared types.

use gotemplate::{FuncError, FuncMap, Function, GoType, Value};

pub mod conv;
mod crypto;
mod dates;
mod defaults;
mod dicts;
mod durations;
mod encoding;
pub mod helm;
mod lists;
mod math;
mod paths;
mod random;
mod reflection;
mod regex;
mod semver;
mod strings;
pub mod toml;
pub(crate) mod urls;

pub(crate) use strings::gounicode::is_space as is_go_space;

/// The functions templates can call: Sprig's, then Helm's on top.
///
/// Helm's render-bound functions (`include`, `tpl`, `required`, ...) are added
/// by the renderer, which owns the state they need.
pub fn function_map() -> FuncMap {
    let mut m = sprig_functions();
    helm::register(&mut m);
    durations::register(&mut m);
    m
}

/// Every Sprig function Helm keeps, without Helm's overrides and additions.
pub fn sprig_functions() -> FuncMap {
    let mut m = FuncMap::new();
    strings::register(&mut m);
    lists::register(&mut m);
    dicts::register(&mut m);
    math::register(&mut m);
    defaults::register(&mut m);
    reflection::register(&mut m);
    encoding::register(&mut m);
    regex::register(&mut m);
    paths::register(&mut m);
    urls::register(&mut m);
    random::register(&mut m);
    dates::register(&mut m);
    crypto::register(&mut m);
    semver::register(&mut m);
    m
}

/// Registers a function that needs no engine context.
pub(crate) fn def(
    m: &mut FuncMap,
    name: &str,
    params: &[GoType],
    body: impl Fn(Vec<Value>) -> Result<Value, FuncError> + Send + Sync + 'static,
) {
    m.insert(name, Function::new(params, move |_, args| body(args)));
}

/// Registers a variadic function that needs no engine context.
pub(crate) fn def_variadic(
    m: &mut FuncMap,
    name: &str,
    params: &[GoType],
    rest: GoType,
    body: impl Fn(Vec<Value>) -> Result<Value, FuncError> + Send + Sync + 'static,
) {
    m.insert(
        name,
        Function::variadic(params, rest, move |_, args| body(args)),
    );
}

/// The string in a value the engine already checked to be a `string`.
pub(crate) fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_default()
}

/// The integer in a value the engine already checked to be an `int`/`int64`.
pub(crate) fn i(v: &Value) -> i64 {
    v.as_int().unwrap_or_default()
}
