//! `precompress DIR…`: a `.br` and a `.gz` beside every file of each folder that the site's
//! policy serves compressed, at brotli's best, as the build compresses its assets. The
//! benchmark compresses the sites it compares with it, so that all are served alike.

use std::path::Path;
use std::process::ExitCode;

use cpd_publish::compress::compress_dir;
use cpd_publish::policy::BEST;

fn main() -> ExitCode {
    let dirs: Vec<String> = std::env::args().skip(1).collect();
    if dirs.is_empty() {
        eprintln!("usage: precompress DIR…");
        return ExitCode::from(2);
    }
    for dir in dirs {
        match compress_dir(Path::new(&dir), |_| BEST) {
            Ok(written) => eprintln!("precompress: {dir}: {} files", written.len()),
            Err(error) => {
                eprintln!("error: {error}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}
