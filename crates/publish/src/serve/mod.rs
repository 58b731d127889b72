//! The development server of `scripts/serve.sh`: the built site served as a static host serves
//! it, rebuilt in this process when the content changes, and the browser told to reload.
//!
//! Two loops share the served folder (`dist/`):
//! - **code edits** take Trunk's path: `trunk watch` rebuilds the wasm and runs the prerender
//!   hook, which (when `CPD_SERVE_DIR` names this server's work folder) keeps Trunk's raw output
//!   and the options it was built with ([`keep_trunk_output`]), then says how the build ended
//!   ([`mark`]);
//! - **content edits** (the content folder, `_config.yml`, `i18n/`) never reach cargo: the
//!   server rebuilds the site from the kept Trunk output into a staging folder, in process, and
//!   moves into `dist/` only the files whose bytes changed ([`sync`]).
//!
//! Either way the pages open in a browser learn it over server-sent events (`/_cpd/events`,
//! read by `live.js`, which the server adds to every page it serves, and only then): `reload`
//! after a good build; `failed` with the error (`file:line: message`) after a bad one, shown over
//! the page until the next good build (`ok`). A failed build leaves `dist/` as it was: the last
//! good pages stay served.

mod http;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::error::{BuildError, Result};
use crate::options::BuildOptions;

/// The hook's record of a good build, in the work folder.
const BUILT: &str = "built";
/// The hook's record of a failed build (its error), in the work folder.
const FAILED: &str = "failed";
/// Trunk's output as the hook found it, before the build consumed it.
const TRUNK_OUTPUT: &str = "trunk";
/// The environment the hook read its options from.
const HOOK_ENV: &str = "env.json";
/// Where the server builds before moving what changed into the served folder.
const STAGE: &str = "stage";
/// How long a burst of file events (an editor's save is several) is let to settle.
const SETTLE: Duration = Duration::from_millis(15);

/// What the server serves and watches.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Where Trunk writes the site, which is served.
    pub dist: PathBuf,
    /// The work folder the hook keeps Trunk's output in (`CPD_SERVE_DIR`).
    pub work: PathBuf,
    /// The address to listen on.
    pub address: String,
}

/// The hook's side, before its build: Trunk's output in `out`, which the build consumes, copied
/// into the work folder with the environment the options came from, for the server's rebuilds.
pub fn keep_trunk_output(out: &Path, work: &Path, env: &BTreeMap<String, String>) -> Result<()> {
    let kept = work.join(TRUNK_OUTPUT);
    remove_dir(&kept)?;
    copy_tree(out, &kept)?;
    let json = serde_json::to_vec_pretty(env).expect("strings serialise");
    crate::files::write(&work.join(HOOK_ENV), &json)?;
    Ok(())
}

/// The hook's side, after its build: `built`, or `failed` with the error, for the server.
pub fn mark(work: &Path, outcome: std::result::Result<(), String>) -> Result<()> {
    let (write, remove, text) = match &outcome {
        Ok(()) => (BUILT, FAILED, String::new()),
        Err(message) => (FAILED, BUILT, message.clone()),
    };
    remove_file(&work.join(remove))?;
    crate::files::write(&work.join(write), text.as_bytes())?;
    Ok(())
}

/// Serves `dist/` and rebuilds on content edits, until the process is stopped.
pub fn run(options: &ServeOptions) -> Result<std::convert::Infallible> {
    let hub = Arc::new(http::Hub::default());
    let server = tiny_http::Server::http(&options.address)
        .map_err(|e| BuildError::invalid(&options.address, format!("cannot listen there: {e}")))?;
    let mut base = hook_options(options)?
        .overrides
        .base
        .unwrap_or_else(|| "/".into());
    if !base.ends_with('/') {
        base.push('/');
    }
    let site = Arc::new(http::Site {
        dist: options.dist.clone(),
        base,
    });
    {
        let (hub, site) = (hub.clone(), site.clone());
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let (hub, site) = (hub.clone(), site.clone());
                std::thread::spawn(move || http::answer(&site, &hub, request));
            }
        });
    }
    std::fs::create_dir_all(&options.work)
        .map_err(BuildError::io(&options.work, "create the folder"))?;
    let (events, changes) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event| {
        // The receiver lives as long as the loop below, which never ends but with the process.
        let _ = events.send(event);
    })
    .map_err(|e| watch_error(&options.work, e))?;
    let watched = watched_folders(options)?;
    for (folder, mode) in &watched {
        watcher
            .watch(folder, *mode)
            .map_err(|e| watch_error(folder, e))?;
    }
    eprintln!(
        "serve: http://{}/ — content edits rebuild here, code edits through Trunk",
        options.address
    );
    loop {
        let first = changes
            .recv()
            .map_err(|_| BuildError::invalid("watcher", "the file watcher stopped"))?;
        let mut burst = vec![first];
        while let Ok(event) = changes.recv_timeout(SETTLE) {
            burst.push(event);
        }
        let mut content = false;
        let mut hook = None;
        for event in burst {
            let event = match event {
                Ok(event) => event,
                Err(e) => {
                    eprintln!("serve: the file watcher: {e}");
                    continue;
                }
            };
            if matches!(event.kind, notify::EventKind::Access(_)) {
                continue;
            }
            for path in &event.paths {
                if path.parent() == Some(options.work.as_path()) {
                    match path.file_name().and_then(|n| n.to_str()) {
                        Some(BUILT) => hook = Some(true),
                        Some(FAILED) => hook = Some(false),
                        _ => {}
                    }
                } else if !path.starts_with(&options.work) {
                    content = true;
                }
            }
        }
        if let Some(good) = hook {
            hook_finished(options, &hub, good)?;
        }
        if content {
            rebuild_and_tell(options, &hub);
        }
    }
}

/// The folders whose changes the server acts on: the content and `i18n/` of the hook's build
/// (recursively), and the work folder (the hook's marks).
fn watched_folders(options: &ServeOptions) -> Result<Vec<(PathBuf, RecursiveMode)>> {
    let build = hook_options(options)?;
    Ok(vec![
        (build.content_dir, RecursiveMode::Recursive),
        (build.i18n_dir, RecursiveMode::Recursive),
        (options.work.clone(), RecursiveMode::NonRecursive),
    ])
}

fn watch_error(path: &Path, e: notify::Error) -> BuildError {
    BuildError::invalid(path.display().to_string(), format!("cannot watch it: {e}"))
}

/// The options of the hook's last build, from the environment it recorded; before its first
/// build, the server's own environment's.
fn hook_options(options: &ServeOptions) -> Result<BuildOptions> {
    let path = options.work.join(HOOK_ENV);
    let env: BTreeMap<String, String> = match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| BuildError::invalid(path.display().to_string(), e.to_string()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(BuildOptions::from_env(|name| std::env::var(name).ok()));
        }
        Err(e) => return Err(BuildError::io(&path, "read")(e)),
    };
    Ok(BuildOptions::from_env(|name| env.get(name).cloned()))
}

/// Trunk's build ended: once it has moved its staging folder into `dist/`, the pages reload, or
/// show the hook's error.
fn hook_finished(options: &ServeOptions, hub: &http::Hub, good: bool) -> Result<()> {
    let stage = options.dist.join(".stage");
    let start = Instant::now();
    while stage.exists() && start.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(10));
    }
    if good {
        hub.good();
    } else {
        let path = options.work.join(FAILED);
        let message = std::fs::read_to_string(&path)
            .map_err(BuildError::io(&path, "read the hook's error"))?;
        hub.failed(&message);
    }
    Ok(())
}

/// Rebuilds after a content edit and tells the pages; an error is printed and shown, and the
/// server goes on.
fn rebuild_and_tell(options: &ServeOptions, hub: &http::Hub) {
    let start = Instant::now();
    match rebuild(options) {
        Ok(Some(changed)) => {
            eprintln!(
                "serve: rebuilt in {} ms, {changed} files changed",
                start.elapsed().as_millis()
            );
            hub.good();
        }
        Ok(None) => eprintln!("serve: the first build has not finished: it will have the edit"),
        Err(error) => {
            let message = error.to_string();
            eprintln!("serve: error: {message}");
            hub.failed(&message);
        }
    }
}

/// The site built from the kept Trunk output into the stage, then what changed moved into
/// `dist/`; the number of files moved or removed. `None` before the hook's first build.
fn rebuild(options: &ServeOptions) -> Result<Option<usize>> {
    let kept = options.work.join(TRUNK_OUTPUT);
    if !kept.is_dir() {
        return Ok(None);
    }
    let stage = options.work.join(STAGE);
    remove_dir(&stage)?;
    copy_tree(&kept, &stage)?;
    let mut build = hook_options(options)?;
    build.out = stage.clone();
    crate::build(&build)?;
    sync(&stage, &options.dist).map(Some)
}

/// Makes `to` hold what `from` holds: each file whose bytes differ moved over, each file `to`
/// has and `from` has not removed (but Trunk's staging folder). The number of changes.
pub fn sync(from: &Path, to: &Path) -> Result<usize> {
    let new = tree(from)?;
    let old = tree(to)?;
    let mut changes = 0;
    for name in &new {
        let (source, target) = (from.join(name), to.join(name));
        let bytes = std::fs::read(&source).map_err(BuildError::io(&source, "read"))?;
        let same = match std::fs::read(&target) {
            Ok(old) => old == bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
            Err(e) => return Err(BuildError::io(&target, "read")(e)),
        };
        if !same {
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the folder"))?;
            }
            std::fs::rename(&source, &target).map_err(BuildError::io(&target, "replace"))?;
            changes += 1;
        }
    }
    for name in old.difference(&new) {
        if name.starts_with(".stage/") {
            continue;
        }
        remove_file(&to.join(name))?;
        changes += 1;
    }
    Ok(changes)
}

/// Every file under `root`, as paths relative to it with `/`; an absent root has none.
fn tree(root: &Path) -> Result<std::collections::BTreeSet<String>> {
    if !root.exists() {
        return Ok(Default::default());
    }
    Ok(crate::files::all(root)?
        .into_iter()
        .map(|(name, _)| name)
        .collect())
}

fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for name in tree(from)? {
        if name.starts_with(".stage/") {
            continue;
        }
        let (source, target) = (from.join(&name), to.join(&name));
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the folder"))?;
        }
        std::fs::copy(&source, &target).map_err(BuildError::io(&source, "copy"))?;
    }
    Ok(())
}

fn remove_dir(path: &Path) -> Result<()> {
    match std::fs::remove_dir_all(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(BuildError::io(path, "remove the folder")(e))
        }
        _ => Ok(()),
    }
}

fn remove_file(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(BuildError::io(path, "remove")(e))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sync_moves_what_changed_and_removes_what_is_gone() {
        let (from, to) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let put = |root: &Path, name: &str, text: &str| {
            crate::files::write(&root.join(name), text.as_bytes()).unwrap();
        };
        put(from.path(), "a.html", "same");
        put(from.path(), "dir/b.html", "new");
        put(to.path(), "a.html", "same");
        put(to.path(), "dir/b.html", "old");
        put(to.path(), "gone.html", "old");
        put(to.path(), ".stage/x.js", "Trunk's");
        assert_eq!(sync(from.path(), to.path()).unwrap(), 2);
        let read = |name: &str| std::fs::read_to_string(to.path().join(name)).unwrap();
        assert_eq!(read("a.html"), "same");
        assert_eq!(read("dir/b.html"), "new");
        assert!(!to.path().join("gone.html").exists());
        assert_eq!(read(".stage/x.js"), "Trunk's");
    }
}
