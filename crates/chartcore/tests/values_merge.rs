//! Coalescing across chart trees, against Helm v4.3.1: every case of
//! testdata/values/merge.jsonl (scripts/gen_merge_cases.py) is a chart with
//! subcharts printing `{{ toJson .Values }}`, rendered with `-f` files and
//! `--set` flags. The output, the error and the logged warnings must match.

mod chart_cases;

#[test]
fn merge_table_matches_helm() {
    chart_cases::check_table("values/merge.jsonl", 150, false);
}
