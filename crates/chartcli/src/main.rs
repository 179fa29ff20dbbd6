//! `chartrs`: a Helm-compatible command line over `chartcore`.

mod flags;
mod kubeconfig;
mod template;

use std::process::ExitCode;

const USAGE: &str = "chartrs renders Helm charts exactly as Helm v4.3.1 does.

Usage:
  chartrs [command]

Available Commands:
  template    locally render templates
  version     print the version information

Use \"chartrs [command] --help\" for more information about a command.
";

fn main() -> ExitCode {
    let argv: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = argv.first() else {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    };
    let rest = &argv[1..];
    let result: Result<(), template::Failure> = match cmd.as_str() {
        "template" => template::run(rest),
        "version" => {
            println!(
                "version.BuildInfo{{Version:\"v{}\", CompatibleHelm:\"{}\"}}",
                env!("CARGO_PKG_VERSION"),
                chartcore::engine::HELM_VERSION
            );
            Ok(())
        }
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(format!(
            "unknown command {} for \"chartrs\"\nRun 'chartrs --help' for usage.",
            gotemplate::strconv::quote(other)
        )
        .into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("Error: {}", failure.message);
            // chartrs' own explanation follows Helm's message.
            if let Some(detail) = failure.detail {
                eprint!("\n{detail}");
            }
            ExitCode::FAILURE
        }
    }
}
