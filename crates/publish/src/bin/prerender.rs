//! The build's last step, run by Trunk as a `post_build` hook (see `Trunk.toml`): every page
//! prerendered into Trunk's staging directory, and the rest of the site (see `cpd_publish`).
//! Its options come from the environment (see `BuildOptions::from_env`). Any fault is printed
//! as `file:line: message` (or `file: message`) and the build fails.

use std::process::ExitCode;

use cpd_publish::{build, BuildOptions};

fn main() -> ExitCode {
    let options = BuildOptions::from_env(|name| std::env::var(name).ok());
    match build(&options) {
        Ok(report) => {
            for path in report.written {
                eprintln!("prerender: wrote {}", path.display());
            }
            for (stage, took) in report.stages {
                eprintln!("prerender: {stage}: {} ms", took.as_millis());
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
