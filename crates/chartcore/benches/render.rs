//! In-process rendering of whole charts: the bundled example and a large
//! generated chart (the example's templates copied into 40 subcharts, about
//! the template volume of a big public chart), from loaded chart to Helm's
//! printed output.
//!
//! `cargo bench -p chartcore --bench render`

use std::path::{Path, PathBuf};

use chartcore::action::{TemplateOptions, render_release};
use chartcore::chart::{self, Chart};
use gotemplate::Map;

fn main() {
    divan::main();
}

fn example_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/charts/my-web-app")
}

fn example() -> Chart {
    chart::load(&example_dir()).expect("the example chart loads")
}

/// The example chart with 40 renamed copies of itself (minus its own
/// dependencies) as enabled subcharts.
fn large() -> Chart {
    let base = example();
    let mut big = base.clone();
    let mut sub = base.clone();
    sub.dependencies.clear();
    sub.metadata.dependencies.clear();
    big.dependencies = (0..40)
        .map(|i| {
            let mut c = sub.clone();
            c.metadata.name = format!("web{i}");
            c.templates = c
                .templates
                .iter()
                .map(|t| chart::ChartFile {
                    name: t.name.clone(),
                    data: String::from_utf8_lossy(&t.data)
                        .replace("my-web-app.", &format!("web{i}."))
                        .as_bytes()
                        .into(),
                })
                .collect();
            c
        })
        .collect();
    big
}

fn render(chart: Chart) -> String {
    let opts = TemplateOptions {
        release_name: "bench".into(),
        ..Default::default()
    };
    let release = render_release(chart, &Map::new(), &opts).expect("renders");
    release.to_helm_output(&opts).expect("prints")
}

#[divan::bench]
fn load_example(b: divan::Bencher) {
    let dir = example_dir();
    b.bench(|| chart::load(&dir).expect("loads"));
}

#[divan::bench]
fn render_example(b: divan::Bencher) {
    let chart = example();
    b.with_inputs(|| chart.clone()).bench_values(render);
}

#[divan::bench(sample_count = 20)]
fn render_large(b: divan::Bencher) {
    let chart = large();
    b.with_inputs(|| chart.clone()).bench_values(render);
}
