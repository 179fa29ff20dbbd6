//! `values.schema.json` validation against Helm v4.3.1: every case of
//! testdata/schema/cases.jsonl (scripts/gen_schema_cases.py) renders a chart
//! with a schema; the error report must match byte for byte (sibling errors,
//! which Helm prints in a random order, compared sorted).

mod chart_cases;

#[test]
fn schema_table_matches_helm() {
    chart_cases::check_table("schema/cases.jsonl", 80, true);
}
