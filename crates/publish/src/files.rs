//! Reading and writing the output directory, and the [`Manifest`] of what is in it.

use std::path::{Path, PathBuf};

use crate::error::{BuildError, Result};

/// Writes `contents` to `path`, making its folder; returns the path. A file already there is
/// replaced, never written through: it may be a link to a file the build's cache keeps.
pub fn write(path: &Path, contents: &[u8]) -> Result<PathBuf> {
    use std::io::ErrorKind::{AlreadyExists, NotFound};
    use std::io::Write;
    // Tried first as a new file in a folder that is there, the common case: a system call or
    // two fewer than making sure first.
    let create = || {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
    };
    let file = match create() {
        Err(e) if e.kind() == NotFound => {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the folder"))?;
            }
            create()
        }
        Err(e) if e.kind() == AlreadyExists => {
            remove(path)?;
            create()
        }
        other => other,
    };
    file.and_then(|mut file| file.write_all(contents))
        .map_err(BuildError::io(path, "write"))?;
    Ok(path.to_path_buf())
}

/// Writes as [`write`], through `cache` when there is one ([`crate::cache::Cache::write`]).
pub fn write_with(
    cache: Option<&crate::cache::Cache>,
    path: &Path,
    contents: &[u8],
) -> Result<PathBuf> {
    match cache {
        Some(cache) => cache.write(path, contents),
        None => write(path, contents),
    }
}

/// Removes the file `path`, if there is one.
pub fn remove(path: &Path) -> Result<()> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(BuildError::io(path, "remove")(e))
        }
        _ => Ok(()),
    }
}

/// Every file under `root` but the precompressed twins, as (path relative to `root` with `/`,
/// full path), in name order.
pub fn list(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = all(root)?;
    files.retain(|(name, _)| !is_twin(name));
    Ok(files)
}

/// Every file under `root`, twins included, as [`list`] gives them.
pub fn all(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::Io {
            path: e.path().unwrap_or(root).to_path_buf(),
            action: "list the output",
            source: e.into(),
        })?;
        if entry.file_type().is_file() {
            let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
            let name = relative.to_string_lossy().replace('\\', "/");
            files.push((name, entry.into_path()));
        }
    }
    Ok(files)
}

/// Whether `name` is a precompressed twin (`.br`, `.gz`) of another file.
fn is_twin(name: &str) -> bool {
    name.ends_with(".br") || name.ends_with(".gz")
}

/// The files of the output folder, as the stages made them: Trunk's (read by the load stage),
/// then each stage's, so that a later stage reads this instead of listing the folder. In the
/// order a listing gives (by path component), without the precompressed twins.
#[derive(Debug, Default, Clone)]
pub struct Manifest {
    root: PathBuf,
    files: std::collections::BTreeMap<PathBuf, PathBuf>,
}

impl Manifest {
    /// The files under `root` now: what Trunk left there.
    pub fn read(root: &Path) -> Result<Self> {
        let mut manifest = Self {
            root: root.to_path_buf(),
            files: Default::default(),
        };
        for (_, path) in list(root)? {
            manifest.add(path);
        }
        Ok(manifest)
    }

    /// Adds files a stage wrote; a path outside the output folder (the tests' data) or a twin
    /// is not the site's listing.
    pub fn add(&mut self, path: PathBuf) {
        let Ok(relative) = path.strip_prefix(&self.root) else {
            return;
        };
        if !is_twin(&relative.to_string_lossy()) {
            self.files.insert(relative.to_path_buf(), path);
        }
    }

    /// Every file a stage wrote, as [`Manifest::add`].
    pub fn extend(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        for path in paths {
            self.add(path);
        }
    }

    /// Takes out a file a stage moved or removed.
    pub fn remove(&mut self, path: &Path) {
        if let Ok(relative) = path.strip_prefix(&self.root) {
            self.files.remove(relative);
        }
    }

    /// Every file, as (path relative to the root with `/`, full path).
    pub fn files(&self) -> impl Iterator<Item = (String, &Path)> {
        self.files.iter().map(|(relative, path)| {
            (
                relative.to_string_lossy().replace('\\', "/"),
                path.as_path(),
            )
        })
    }
}
