//! Writes a generated site for the benchmark (scripts/bench/pages.sh): N Markdown pages into DIR
//! (emptied first), or, with `--posts`, the same pages as a Jekyll blog's posts. The same N
//! always writes the same site.
//!
//! `cargo run --example site -p cpd-publish -- DIR N [--posts]`
use std::fmt;
use std::path::PathBuf;

mod generator;

/// What `main` fails with: its message as is (`Error: …`), not quoted as a `String`'s Debug.
struct Usage(String);

impl fmt::Debug for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn main() -> Result<(), Usage> {
    let usage = || Usage("usage: site DIR N [--posts]".to_owned());
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next()) else {
        return Err(usage());
    };
    let posts = match args.next() {
        None => false,
        Some(flag) if flag == "--posts" => true,
        Some(_) => return Err(usage()),
    };
    if args.next().is_some() {
        return Err(usage());
    }
    let n: usize = n
        .to_str()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
        .ok_or_else(|| Usage(format!("not a number of pages: {}", n.to_string_lossy())))?;
    let dir = PathBuf::from(dir);
    if posts {
        generator::write_posts(&dir, n);
    } else {
        generator::write_site(&dir, n);
    }
    Ok(())
}
