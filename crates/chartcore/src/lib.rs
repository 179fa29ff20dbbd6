//! Helm semantics on top of the `gotemplate` engine: charts, values, the
//! function library, rendering and `helm template` output.

pub mod json;
pub mod yaml;
