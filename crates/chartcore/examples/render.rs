//! Renders a chart the way `helm template` does, from Rust.
//!
//!     cargo run -p chartcore --example render -- testdata/charts/my-web-app \
//!         testdata/charts/my-web-app/production-values.yaml

use std::error::Error;
use std::path::Path;

use chartcore::action::{TemplateOptions, render_release};
use chartcore::values::ValueOptions;

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let chart_dir = args
        .next()
        .unwrap_or_else(|| "testdata/charts/my-web-app".into());
    let value_files: Vec<String> = args.collect();

    // Load the chart (directory or .tgz), honouring .helmignore.
    let chart = chartcore::chart::load(Path::new(&chart_dir))?;

    // User values: -f files and --set lines, merged as Helm merges them.
    let mut opts = ValueOptions {
        value_files,
        ..Default::default()
    };
    opts.set.set.push("podAnnotations.example=render".into());
    let values = opts.merge(&mut |path| std::fs::read(path).map_err(|e| e.to_string()))?;

    // Render the release: dependencies, coalescing, schema, templates, sorting.
    let template_opts = TemplateOptions {
        release_name: "my-app".into(),
        namespace: "production".into(),
        ..Default::default()
    };
    let release = render_release(chart, &values, &template_opts)?;

    // Structured access...
    for m in &release.manifests {
        eprintln!("{:<24} {:<40} from {}", m.kind, m.name, m.source);
    }
    // ...or exactly what `helm template` prints.
    print!("{}", release.to_helm_output(&template_opts)?);
    Ok(())
}
