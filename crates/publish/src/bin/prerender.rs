//! The build's last step, run by Trunk as a `post_build` hook (see `Trunk.toml`): every page
//! prerendered into Trunk's staging directory, and the rest of the site (see `cpd_publish`).
//! Its options come from the environment (see `BuildOptions::from_env`); `--drafts` and
//! `--explain` (or `CPD_DRAFTS=1`, `CPD_EXPLAIN=1` under Trunk) build the drafts and list every
//! entry left out by name and every file written; `--cache DIR` keeps the build's cache there (`cpd_publish::cache`).
//! The build ends with one line that accounts for every entry of the
//! content folder. Any fault is printed as `file:line: message` (or `file: message`) and the
//! build fails. Under `scripts/serve.sh` (`CPD_SERVE_DIR` set), it also keeps Trunk's output and
//! marks how the build ended for the development server (`cpd_publish::serve`).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use cpd_publish::serve::{keep_trunk_output, mark};
use cpd_publish::{build, BuildOptions};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let flag = |name: &str, var: &str| {
        args.iter().any(|a| a == name)
            || std::env::var(var).is_ok_and(|v| !v.is_empty() && v != "0")
    };
    let mut cache = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--drafts" | "--explain" => {}
            "--cache" => match rest.next() {
                Some(dir) => cache = Some(PathBuf::from(dir)),
                None => {
                    eprintln!("error: `--cache` names a folder");
                    return ExitCode::FAILURE;
                }
            },
            unknown => {
                eprintln!(
                    "error: unknown option `{unknown}` (known: --drafts, --explain, --cache DIR)"
                );
                return ExitCode::FAILURE;
            }
        }
    }
    let seen = std::cell::RefCell::new(BTreeMap::new());
    let mut options = BuildOptions::from_env(|name| {
        let value = std::env::var(name).ok();
        if let Some(value) = &value {
            seen.borrow_mut().insert(name.to_string(), value.clone());
        }
        value
    });
    options.overrides.drafts |= args.iter().any(|a| a == "--drafts");
    options.cache = cache;
    let explain = flag("--explain", "CPD_EXPLAIN");
    // Under scripts/serve.sh, the server rebuilds content edits from Trunk's output as it is
    // now, and learns how this build ended.
    let serving = std::env::var_os("CPD_SERVE_DIR").map(PathBuf::from);
    if let Some(work) = &serving {
        if let Err(error) = keep_trunk_output(&options.out, work, &seen.into_inner()) {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    }
    let outcome = build(&options);
    if let Some(work) = &serving {
        let said = outcome.as_ref().map(|_| ()).map_err(|e| e.to_string());
        if let Err(error) = mark(work, said) {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    }
    match outcome {
        Ok(report) => {
            // Each file only when asked: a site of thousands of pages writes tens of thousands,
            // and a line each on the unbuffered stderr cost the build a tenth of its time.
            if explain {
                let mut list = String::new();
                for path in &report.written {
                    list.push_str(&format!("prerender: wrote {}\n", path.display()));
                }
                eprint!("{list}");
            }
            eprintln!(
                "prerender: wrote {} files in {}",
                report.written.len(),
                options.out.display()
            );
            for (stage, took) in report.stages {
                eprintln!("prerender: {stage}: {} ms", took.as_millis());
            }
            if let Some(reused) = report.reused {
                eprintln!("prerender: reused {reused} results of the last build's cache");
            }
            for note in &report.account.notes {
                eprintln!("note: {note}");
            }
            if explain {
                eprint!("{}", report.account.explain());
            }
            eprintln!("prerender: {}", report.account.summary());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
