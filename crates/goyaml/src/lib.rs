//! A faithful Rust port of go-yaml v2's reader, scanner and parser
//! (`gopkg.in/yaml.v2` 2.4, which Helm reads YAML with through
//! `sigs.k8s.io/yaml`).
//!
//! go-yaml v2 is a port of libyaml with differences of its own (`\'`
//! escapes but no `\/`, `,[]` inside tags, `:` kept in flow plain scalars,
//! no "found unexpected ':'" check, its simple-key bookkeeping, its BOM
//! check and its 512-byte reader batches). This crate reproduces them: the
//! same events with the same marks, and the same errors (problem, context
//! and marks), so messages read exactly like go-yaml's.
//!
//! ```
//! use goyaml::{EventKind, Parser};
//!
//! let values: Vec<String> = Parser::new("a: [b, 'c']\n")
//!     .filter_map(|e| match e.unwrap().kind {
//!         EventKind::Scalar { value, .. } => Some(value.into_owned()),
//!         _ => None,
//!     })
//!     .collect();
//! assert_eq!(values, ["a", "b", "c"]);
//!
//! let err = Parser::new("a: b: c\n").find_map(Result::err).unwrap();
//! assert_eq!(err.to_string(), "yaml: mapping values are not allowed in this context");
//! ```
//!
//! Scalar values borrow from the input unless escapes or folded line
//! breaks required a copy. Nesting is limited to go-yaml's 10000 levels
//! and never recurses.

#![deny(missing_docs)]

mod error;
mod event;
mod mark;
mod parser;
mod reader;
mod scan_props;
mod scan_scalar;
mod scanner;
mod text;
mod token;

pub use error::{Error, ErrorKind};
pub use event::{
    Event, EventKind, MappingStyle, ScalarStyle, SequenceStyle, TagDirective, VersionDirective,
};
pub use mark::Mark;
pub use parser::Parser;
pub use reader::first_byte_problem;
pub use scanner::Scanner;
pub use token::{Token, TokenKind};
