//! Reading and writing the output directory.

use std::path::{Path, PathBuf};

use crate::error::{BuildError, Result};

/// Writes `contents` to `path`, making its folder; returns the path.
pub fn write(path: &Path, contents: &[u8]) -> Result<PathBuf> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the folder"))?;
    }
    std::fs::write(path, contents).map_err(BuildError::io(path, "write"))?;
    Ok(path.to_path_buf())
}

/// Every file under `root` but the precompressed twins, as (path relative to `root` with `/`,
/// full path), in name order.
pub fn list(root: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.map_err(|e| BuildError::Io {
            path: e.path().unwrap_or(root).to_path_buf(),
            action: "list the output",
            source: e.into(),
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let name = relative.to_string_lossy().replace('\\', "/");
        if !name.ends_with(".br") && !name.ends_with(".gz") {
            files.push((name, entry.into_path()));
        }
    }
    Ok(files)
}
