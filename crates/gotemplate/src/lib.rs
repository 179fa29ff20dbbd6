//! A Go `text/template` compatible template engine.
//!
//! The crate does no IO and knows nothing of Helm: hosts register functions
//! ([`FuncMap`]) and objects ([`Object`]) and feed it data ([`Value`]).

pub mod ast;
mod builtins;
pub mod error;
mod exec;
pub mod func;
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
