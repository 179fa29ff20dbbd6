//! Helm semantics on top of the `gotemplate` engine: charts, values, the
//! function library, rendering and `helm template` output.

pub mod funcs;
pub mod ignore;
pub mod semver;
pub mod strvals;
pub mod chart;
pub mod engine;
pub mod manifest;
pub mod values;
