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
mod durations;
mod semver;
mod strings;

pub(crate) use strings::go_space as is_go_space;

/// The functions templates can call: Sprig's, then Helm's on top.
///
/// Helm's render-bound functions (`include`, `tpl`, `required`, ...) are added
/// by the renderer, which owns the state they need.
pub fn function_map() -> FuncMap {
    let mut m = sprig_functions();
    durations::register(&mut m);
    m
}

/// Every Sprig function Helm keeps, without Helm's overrides and additions.
pub fn sprig_functions() -> FuncMap {
    let mut m = FuncMap::new();
    strings::register(&mut m);
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
