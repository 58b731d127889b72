//! `scripts/serve.sh`'s server (see `cpd_publish::serve`): serves `dist/` on `127.0.0.1:PORT`
//! and rebuilds the site in process when the content changes, while `trunk watch` takes code
//! edits. `CPD_SERVE_DIR` names the work folder it shares with the prerender hook.

use std::path::PathBuf;
use std::process::ExitCode;

use cpd_publish::serve::{run, ServeOptions};

fn main() -> ExitCode {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let options = ServeOptions {
        dist: PathBuf::from(var("TRUNK_DIST").unwrap_or_else(|| "dist".into())),
        work: PathBuf::from(var("CPD_SERVE_DIR").unwrap_or_else(|| "target/cpd-serve".into())),
        address: format!("127.0.0.1:{}", var("PORT").unwrap_or_else(|| "8080".into())),
    };
    let Err(error) = run(&options);
    eprintln!("serve: error: {error}");
    ExitCode::FAILURE
}
