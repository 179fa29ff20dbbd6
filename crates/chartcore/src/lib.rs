//! Helm semantics on top of the `gotemplate` engine: charts, values, the
//! function library, rendering and `helm template` output.

#![deny(missing_docs)]

pub mod action;
pub mod chart;
pub mod engine;
pub mod funcs;
pub mod ignore;
pub mod json;
pub mod manifest;
mod netip;
mod parallel;
pub mod schema;
pub mod semver;
pub mod strvals;
pub mod values;
pub mod yaml;
