//! Hostile values (alias bombs, merge-key amplification, deep nesting)
//! through `-f`, a chart's values.yaml and the `--set` family, as
//! `chartrs template` reads them: each fails with Helm's error, or loads
//! when Helm loads it (testdata/values/hostile.jsonl, from
//! scripts/gen_hostile_cases.py), in bounded time.

use std::time::{Duration, Instant};

mod chart_cases;

#[test]
fn hostile_values_fail_like_helm_and_fast() {
    // Building and dropping values 10000 levels deep takes a deep stack.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(|| {
            let start = Instant::now();
            chart_cases::check_table("values/hostile.jsonl", 30, false);
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "took {:?}",
                start.elapsed()
            );
        })
        .expect("spawn")
        .join()
        .unwrap_or_else(|e| std::panic::resume_unwind(e));
}
