//! A Go `text/template` compatible template engine.
//!
//! The crate does no IO and knows nothing of Helm: hosts register functions
//! ([`FuncMap`]) and objects ([`Object`]) and feed it data ([`Value`]).
//! Output, failures and error texts match Go's `text/template` as built into
//! Helm v4.3.1.
//!
//! ```
//! use gotemplate::{FuncMap, Function, GoType, Templates, Value};
//!
//! // A host function; the engine checks and converts arguments against the
//! // declared Go parameter types before the body runs.
//! let mut funcs = FuncMap::new();
//! funcs.insert(
//!     "shout",
//!     Function::new(&[GoType::String], |_ctx, args| {
//!         let s = args[0].as_str().unwrap_or_default();
//!         Ok(Value::str(s.to_uppercase()))
//!     }),
//! );
//!
//! let mut set = Templates::new("example", funcs);
//! set.parse(
//!     "greeting",
//!     r#"{{ define "name" }}{{ .name | shout }}{{ end }}hello {{ template "name" . }}!"#,
//! )?;
//!
//! let data = Value::map([("name", Value::str("world"))]);
//! let out = set.execute("greeting", &data)?;
//! println!("{out}");
//! assert_eq!(out, "hello WORLD!");
//! # Ok::<(), gotemplate::Error>(())
//! ```

#![deny(missing_docs)]

pub mod ast;
mod builtins;
pub mod error;
mod exec;
pub mod func;
mod fxhash;
pub mod gofmt;
pub mod gostr;
pub mod lex;
pub mod literal;
pub mod parse;
pub mod strconv;
mod unicode_tables;
pub mod value;

pub use error::{Error, ExecError, ExecErrorKind, Location};
pub use exec::{Limits, MAX_EXEC_DEPTH, MissingKey, Templates};
pub use func::{CallContext, Extensions, FuncError, FuncMap, Function};
pub use value::{ElemType, GoType, Kind, List, Map, Object, Signature, Str, Value};
