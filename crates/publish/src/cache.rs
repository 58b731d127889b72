//! The build's memory between runs: what its slowest work made (the pages parsed and rendered,
//! their search analysis, the compressed twins), keyed by a hash of the work's input and of the
//! build's own version, so that a build after an edit redoes only the work whose input changed.
//! A build with the cache writes, byte for byte, what a clean build writes
//! (tests/incremental.rs).
//!
//! The cache is a folder (`--cache DIR`; see [`crate::BuildOptions`]): results in packs
//! (`pack-2-N.bin`, one after the other), and an index (`index-2.bin`) of where each is, which
//! build version wrote them and which files are kept. A build reads the packs a result at a
//! time and appends what it makes to a pack of its own, so that an edit of one page writes a
//! few results, not the whole cache again; its index replaces the last in one rename. A pack
//! whose results are all gone is removed, and when the packs hold twice what is still used, the
//! used results are copied into one, so the cache never grows past twice one build's. One build
//! at a time uses the folder (a lock): a second builds without it, and says so. A cache that
//! cannot be read is an error naming it, never an empty cache in silence; results of another
//! version of the build are not read.
//!
//! Beside the packs, `files/` holds the files the build wrote, named by the hash of their bytes.
//! A build that writes the same bytes again links that file into the output instead of writing
//! a new one: a site of 10,000 pages has some 45,000 files, and on ext4 making a new file costs
//! many times what linking one does, the more so when the last build's were just deleted
//! (Trunk removes them). A kept file is used only while its size, inode and modification time
//! are the ones recorded when it was made, so that an output file edited in place (which shares
//! its bytes) is never linked again; and an output file is never written through, but replaced.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use cpd_content::conventions::hex;

use crate::error::{BuildError, Result};

/// The names carry the format: a cache of another format, under other names, is not read (nor
/// removed).
const INDEX: &str = "index-2.bin";
const PACK_PREFIX: &str = "pack-2-";
/// Held by the build that uses the folder.
const LOCK: &str = "lock";

/// The folder of the files kept by the hash of their bytes.
const FILES: &str = "files";

/// Where each result is, and which build wrote them.
#[derive(Serialize, Deserialize, Default)]
struct Index {
    version: String,
    /// A result's key to where it is.
    entries: HashMap<String, Loc>,
    /// The kept files, by the hash of their bytes (hex), as they were made. Not of a version:
    /// bytes are bytes whichever build wrote them.
    files: HashMap<String, Stamp>,
}

/// Where a result is: its pack's number, its offset and its length.
#[derive(Serialize, Deserialize, Clone, Copy, Debug)]
struct Loc {
    pack: u32,
    at: u64,
    len: u64,
}

/// What a kept file was when made: its size, inode and modification time (ns). Linking it
/// again changes none of them; writing into it changes the time.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp(u64, u64, i128);

impl Stamp {
    fn of(path: &Path) -> std::io::Result<Self> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path)?;
        Ok(Self(
            meta.len(),
            meta.ino(),
            i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec()),
        ))
    }
}

/// A key: the hash of what a piece of work reads, and of which work it is.
pub type Key = String;

/// The cache of one build: the last build's packs, read a result at a time, and the pack this
/// build appends to (none is held in memory: a site of 10,000 pages has hundreds of megabytes
/// of results).
pub struct Cache {
    dir: PathBuf,
    version: String,
    /// Held until the cache is dropped: the folder is this build's.
    _lock: std::fs::File,
    old: HashMap<Key, Loc>,
    packs: HashMap<u32, std::fs::File>,
    new: Mutex<NewPack>,
    old_files: HashMap<String, Stamp>,
    new_files: Mutex<HashMap<String, Stamp>>,
    /// The hash of each output file written through the cache.
    written: Mutex<HashMap<PathBuf, String>>,
    /// Cleared when the output is on another file system than the cache: no link can join them.
    linking: std::sync::atomic::AtomicBool,
    /// How many of the last build's results this one took.
    reused: std::sync::atomic::AtomicUsize,
}

/// The pack this build appends to, and where each result this build used is.
struct NewPack {
    file: std::io::BufWriter<std::fs::File>,
    number: u32,
    path: PathBuf,
    len: u64,
    entries: HashMap<Key, Loc>,
}

impl Cache {
    /// The cache in `dir` (made if missing), for the build of `version`; `None` when another
    /// build is using it.
    pub fn open(dir: &Path, version: &str) -> Result<Option<Self>> {
        std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the cache folder"))?;
        let lock_path = dir.join(LOCK);
        let lock = std::fs::File::create(&lock_path)
            .map_err(BuildError::io(&lock_path, "lock the build's cache"))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(BuildError::io(&lock_path, "lock the build's cache")(e))
            }
        }
        let index = read_index(dir)?;
        let mut packs = HashMap::new();
        for loc in index.entries.values() {
            if let std::collections::hash_map::Entry::Vacant(slot) = packs.entry(loc.pack) {
                let path = pack_path(dir, loc.pack);
                let file = std::fs::File::open(&path)
                    .map_err(BuildError::io(&path, "read the build's cache"))?;
                slot.insert(file);
            }
        }
        let mut lengths = HashMap::new();
        for (number, pack) in &packs {
            let len = pack
                .metadata()
                .map_err(BuildError::io(
                    pack_path(dir, *number),
                    "read the build's cache",
                ))?
                .len();
            lengths.insert(*number, len);
        }
        if let Some((key, _)) = index.entries.iter().find(|(_, loc)| {
            loc.at
                .checked_add(loc.len)
                .is_none_or(|end| end > lengths[&loc.pack])
        }) {
            return Err(damaged_cache(
                dir,
                &format!("entry {key} past the end of its pack"),
            ));
        }
        let number = pack_numbers(dir)?.into_iter().max().map_or(0, |n| n + 1);
        let new_path = pack_path(dir, number);
        let file = std::fs::File::create(&new_path)
            .map_err(BuildError::io(&new_path, "write the build's cache"))?;
        let (old, packs) = if index.version == version {
            (index.entries, packs)
        } else {
            (HashMap::new(), HashMap::new())
        };
        Ok(Some(Self {
            dir: dir.to_path_buf(),
            version: version.to_string(),
            _lock: lock,
            old,
            packs,
            new: Mutex::new(NewPack {
                file: std::io::BufWriter::with_capacity(1 << 20, file),
                number,
                path: new_path,
                len: 0,
                entries: HashMap::new(),
            }),
            old_files: index.files,
            new_files: Mutex::new(HashMap::new()),
            written: Mutex::new(HashMap::new()),
            linking: std::sync::atomic::AtomicBool::new(true),
            reused: std::sync::atomic::AtomicUsize::new(0),
        }))
    }

    /// Writes `bytes` to the output file `path` (making its folder), as a link to the file kept
    /// with these bytes when there is one, else as a new file then kept; returns the path.
    pub fn write(&self, path: &Path, bytes: &[u8]) -> Result<PathBuf> {
        self.write_hashed(path, bytes)?;
        Ok(path.to_path_buf())
    }

    /// Writes as [`Cache::write`]; returns the hash of `bytes` (hex).
    pub fn write_hashed(&self, path: &Path, bytes: &[u8]) -> Result<String> {
        let hash = hex(&Sha256::digest(bytes));
        if !self.link(&hash, path)? {
            crate::files::write(path, bytes)?;
            self.keep(&hash, path)?;
        }
        Ok(hash)
    }

    /// Writes to `path` the file the work of `key` makes: a link to the file the last build
    /// kept for that key, else `make`'s bytes, kept for the next build under the key (which
    /// holds the hash of the bytes, not the bytes: they are the kept file).
    pub fn write_made(
        &self,
        key: Key,
        path: &Path,
        make: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<PathBuf> {
        if let Some(hash) = self.get(&key)? {
            // A value that is no hash names no kept file: the file is made again.
            if self.link(&String::from_utf8_lossy(&hash), path)? {
                return Ok(path.to_path_buf());
            }
        }
        let hash = self.write_hashed(path, &make()?)?;
        self.put(key, hash.as_bytes())?;
        Ok(path.to_path_buf())
    }

    /// The hash of the bytes this build wrote to `path` through the cache, if it did.
    pub fn written(&self, path: &Path) -> Option<String> {
        self.written
            .lock()
            .expect("no panic holds it")
            .get(path)
            .cloned()
    }

    /// Makes the output file `path` a link to the kept file of `hash`; false when there is none
    /// (or it was changed since it was kept, or links cannot be made there).
    pub fn link(&self, hash: &str, path: &Path) -> Result<bool> {
        use std::sync::atomic::Ordering::Relaxed;
        if !self.linking.load(Relaxed) || hash.len() < 3 {
            return Ok(false);
        }
        let made = self
            .new_files
            .lock()
            .expect("no panic holds it")
            .get(hash)
            .copied();
        let Some(stamp) = made.or_else(|| self.old_files.get(hash).copied()) else {
            return Ok(false);
        };
        let kept = self.kept(hash);
        // A stamp that no longer matches: the kept file was changed, or removed.
        if Stamp::of(&kept).ok() != Some(stamp) {
            return Ok(false);
        }
        // Tried first as if the file were not there, as in a fresh output folder: a system
        // call a file fewer than making sure first.
        let linked = match hard_link(&kept, path) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                crate::files::remove(path)?;
                hard_link(&kept, path)
            }
            other => other,
        };
        match linked {
            Ok(()) => {}
            Err(e) if cannot_link(&e) => {
                self.linking.store(false, Relaxed);
                return Ok(false);
            }
            Err(e) => return Err(BuildError::io(path, "link")(e)),
        }
        if made.is_none() {
            self.new_files
                .lock()
                .expect("no panic holds it")
                .insert(hash.to_string(), stamp);
        }
        self.note_written(path, hash);
        Ok(true)
    }

    /// Keeps the output file `path`, of bytes of `hash`, for the next build.
    fn keep(&self, hash: &str, path: &Path) -> Result<()> {
        use std::sync::atomic::Ordering::Relaxed;
        self.note_written(path, hash);
        if !self.linking.load(Relaxed) {
            return Ok(());
        }
        let kept = self.kept(hash);
        let linked = match hard_link(path, &kept) {
            // Kept by an earlier build, but not as recorded (or not recorded): replaced.
            Err(e)
                if e.kind() == std::io::ErrorKind::AlreadyExists
                    && !self
                        .new_files
                        .lock()
                        .expect("no panic holds it")
                        .contains_key(hash) =>
            {
                crate::files::remove(&kept)?;
                hard_link(path, &kept)
            }
            other => other,
        };
        match linked {
            Ok(()) => {
                let stamp =
                    Stamp::of(&kept).map_err(BuildError::io(&kept, "read the metadata of"))?;
                self.new_files
                    .lock()
                    .expect("no panic holds it")
                    .insert(hash.to_string(), stamp);
            }
            // The same bytes kept by another thread of this build at the same moment.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) if cannot_link(&e) => self.linking.store(false, Relaxed),
            Err(e) => return Err(BuildError::io(&kept, "link")(e)),
        }
        Ok(())
    }

    fn note_written(&self, path: &Path, hash: &str) {
        self.written
            .lock()
            .expect("no panic holds it")
            .insert(path.to_path_buf(), hash.to_string());
    }

    fn kept(&self, hash: &str) -> PathBuf {
        kept_path(&self.dir, hash)
    }

    /// The result of `key`: the last build's, or `make`'s, kept for the next build.
    pub fn get_or(&self, key: &Key, make: impl FnOnce() -> Result<Vec<u8>>) -> Result<Vec<u8>> {
        if let Some(bytes) = self.get(key)? {
            return Ok(bytes);
        }
        let bytes = make()?;
        self.put(key.clone(), &bytes)?;
        Ok(bytes)
    }

    /// The last build's result of `key`, kept for the next build; `None` when it has none.
    pub fn get(&self, key: &Key) -> Result<Option<Vec<u8>>> {
        let Some(loc) = self.old.get(key) else {
            return Ok(None);
        };
        let mut bytes = vec![0; loc.len as usize];
        std::os::unix::fs::FileExt::read_exact_at(&self.packs[&loc.pack], &mut bytes, loc.at)
            .map_err(BuildError::io(
                pack_path(&self.dir, loc.pack),
                "read the build's cache",
            ))?;
        self.has(key);
        Ok(Some(bytes))
    }

    /// Whether the last build kept a result for `key`, which is then kept for the next build
    /// as [`Cache::get`] keeps it, without reading it: [`Cache::get`] reads it when needed.
    pub fn has(&self, key: &Key) -> bool {
        let Some(loc) = self.old.get(key) else {
            return false;
        };
        // Kept where it is: the next build reads it from the same pack.
        let mut new = self.new.lock().expect("no panic holds it");
        if let std::collections::hash_map::Entry::Vacant(slot) = new.entries.entry(key.clone()) {
            slot.insert(*loc);
            self.reused
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        true
    }

    /// Keeps `bytes` as the result of `key` for the next build (in place of what the key held,
    /// which a build that found it stale replaces).
    pub fn put(&self, key: Key, bytes: &[u8]) -> Result<()> {
        let mut new = self.new.lock().expect("no panic holds it");
        let new = &mut *new;
        new.file
            .write_all(bytes)
            .map_err(BuildError::io(&new.path, "write the build's cache"))?;
        let loc = Loc {
            pack: new.number,
            at: new.len,
            len: bytes.len() as u64,
        };
        new.len += loc.len;
        new.entries.insert(key, loc);
        Ok(())
    }

    /// How many results came from the last build.
    pub fn reused(&self) -> usize {
        self.reused.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Makes what this build used the next build's cache: its pack written, the packs no
    /// result is in any more removed, the used results copied into one pack when the packs
    /// hold more than twice their size, and the index replaced.
    pub fn save(self) -> Result<()> {
        let NewPack {
            file,
            number,
            path,
            len,
            mut entries,
        } = self.new.into_inner().expect("no panic holds it");
        let file = file
            .into_inner()
            .map_err(|e| BuildError::io(&path, "write the build's cache")(e.into_error()))?;
        file.sync_all()
            .map_err(BuildError::io(&path, "write the build's cache"))?;
        drop(file);
        let mut sizes: HashMap<u32, u64> = HashMap::new();
        for pack in pack_numbers(&self.dir)? {
            let path = pack_path(&self.dir, pack);
            let size = std::fs::metadata(&path)
                .map_err(BuildError::io(&path, "read the build's cache"))?
                .len();
            sizes.insert(pack, size);
        }
        sizes.insert(number, len);
        let used: u64 = entries.values().map(|loc| loc.len).sum();
        let held: u64 = sizes.values().sum();
        if held > 2 * used + (16 << 20) {
            // One pack again: the used results copied, the rest goes with the old packs.
            let number = sizes.keys().max().map_or(0, |n| n + 1);
            let compact = pack_path(&self.dir, number);
            let mut out = std::io::BufWriter::with_capacity(
                1 << 20,
                std::fs::File::create(&compact)
                    .map_err(BuildError::io(&compact, "write the build's cache"))?,
            );
            let mut at = 0;
            let mut sources: HashMap<u32, std::fs::File> = HashMap::new();
            let mut keys: Vec<&Key> = entries.keys().collect();
            keys.sort_by_key(|k| (entries[*k].pack, entries[*k].at));
            let mut moved = Vec::with_capacity(keys.len());
            for key in keys {
                let loc = entries[key];
                let source = match sources.entry(loc.pack) {
                    std::collections::hash_map::Entry::Occupied(f) => f.into_mut(),
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        let path = pack_path(&self.dir, loc.pack);
                        slot.insert(
                            std::fs::File::open(&path)
                                .map_err(BuildError::io(&path, "read the build's cache"))?,
                        )
                    }
                };
                let mut bytes = vec![0; loc.len as usize];
                std::os::unix::fs::FileExt::read_exact_at(&*source, &mut bytes, loc.at).map_err(
                    BuildError::io(pack_path(&self.dir, loc.pack), "read the build's cache"),
                )?;
                out.write_all(&bytes)
                    .map_err(BuildError::io(&compact, "write the build's cache"))?;
                moved.push((
                    key.clone(),
                    Loc {
                        pack: number,
                        at,
                        len: loc.len,
                    },
                ));
                at += loc.len;
            }
            out.into_inner()
                .map_err(|e| BuildError::io(&compact, "write the build's cache")(e.into_error()))?
                .sync_all()
                .map_err(BuildError::io(&compact, "write the build's cache"))?;
            entries.extend(moved);
            sizes.insert(number, at);
        }
        let files = self.new_files.into_inner().expect("no panic holds it");
        // The kept files this build did not write go: the cache never outgrows one build.
        for hash in self.old_files.keys().filter(|h| !files.contains_key(*h)) {
            crate::files::remove(&kept_path(&self.dir, hash))?;
        }
        let index = Index {
            version: self.version,
            entries,
            files,
        };
        let bytes = postcard::to_allocvec(&index).expect("strings and numbers serialise");
        let index_path = self.dir.join(INDEX);
        let new_index = self.dir.join(format!("{INDEX}.new"));
        let written = std::fs::File::create(&new_index).and_then(|mut f| {
            f.write_all(&bytes)?;
            f.sync_all()
        });
        written.map_err(BuildError::io(&new_index, "write the build's cache"))?;
        std::fs::rename(&new_index, &index_path)
            .map_err(BuildError::io(&index_path, "write the build's cache"))?;
        // Only now that the index names none of them: the packs no result is in.
        let live: std::collections::HashSet<u32> = index.entries.values().map(|l| l.pack).collect();
        for pack in sizes.keys().filter(|p| !live.contains(p)) {
            crate::files::remove(&pack_path(&self.dir, *pack))?;
        }
        Ok(())
    }
}

fn pack_path(dir: &Path, number: u32) -> PathBuf {
    dir.join(format!("{PACK_PREFIX}{number}.bin"))
}

/// The numbers of the packs in `dir`.
fn pack_numbers(dir: &Path) -> Result<Vec<u32>> {
    let mut numbers = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(BuildError::io(dir, "read the build's cache"))?;
    for entry in entries {
        let entry = entry.map_err(BuildError::io(dir, "read the build's cache"))?;
        let name = entry.file_name();
        let number = name
            .to_str()
            .and_then(|n| n.strip_prefix(PACK_PREFIX))
            .and_then(|n| n.strip_suffix(".bin"))
            .and_then(|n| n.parse::<u32>().ok());
        numbers.extend(number);
    }
    Ok(numbers)
}

fn damaged_cache(dir: &Path, why: &str) -> BuildError {
    BuildError::invalid(
        dir.join(INDEX).display().to_string(),
        format!("the build's cache is damaged ({why}): remove the folder"),
    )
}

/// The parsed pages of the content folder are kept with the rest.
impl cpd_content::site::memo::Memo for Cache {
    fn get(&self, key: &str) -> std::result::Result<Option<Vec<u8>>, String> {
        Cache::get(self, &key.to_string()).map_err(|e| e.to_string())
    }
    fn put(&self, key: String, bytes: &[u8]) -> std::result::Result<(), String> {
        Cache::put(self, key, bytes).map_err(|e| e.to_string())
    }
}

/// Where the file of bytes of `hash` is kept, in the cache folder `dir`: in one of 256 folders,
/// so that none holds tens of thousands.
fn kept_path(dir: &Path, hash: &str) -> PathBuf {
    dir.join(FILES).join(&hash[..2]).join(&hash[2..])
}

/// Links `to` to the file `from`, making the folder of `to` when it is missing.
fn hard_link(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(from, to) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && from.exists() => {
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::hard_link(from, to)
        }
        other => other,
    }
}

/// Whether a link failed because the file system cannot make it there (another device, no
/// hard links), rather than for a fault to report.
fn cannot_link(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::CrossesDevices | std::io::ErrorKind::Unsupported
    ) || error.raw_os_error() == Some(1) // EPERM: a file system without hard links
}

/// The index in `dir`, or an empty one when there is none; one that cannot be read is an error
/// naming it.
fn read_index(dir: &Path) -> Result<Index> {
    let path = dir.join(INDEX);
    match std::fs::read(&path) {
        Ok(bytes) => {
            postcard::from_bytes(&bytes).map_err(|e| damaged_cache(dir, &format!("its index: {e}")))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Index::default()),
        Err(e) => Err(BuildError::io(&path, "read the build's cache")(e)),
    }
}

/// The key of a piece of work: its name and every input it reads.
pub fn key(work: &str, inputs: &[&[u8]]) -> Key {
    let mut hash = Sha256::new();
    hash.update(work.as_bytes());
    for input in inputs {
        hash.update((input.len() as u64).to_le_bytes());
        hash.update(input);
    }
    hex(&hash.finalize())
}

/// The build's own version: its crate's version, and the identity of the binary running it (its
/// size and modification time), which changes whenever any code of the build is rebuilt.
pub fn build_version() -> Result<String> {
    let exe = std::env::current_exe().map_err(BuildError::io("the build's binary", "find"))?;
    let meta = std::fs::metadata(&exe).map_err(BuildError::io(&exe, "read the metadata of"))?;
    let modified = meta
        .modified()
        .map_err(BuildError::io(&exe, "read the modification time of"))?
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|e| BuildError::invalid(exe.display().to_string(), format!("modified {e}")))?
        .as_nanos();
    Ok(format!(
        "{} {} {} {modified}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        meta.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_result_is_kept_for_the_next_build_of_the_same_version_only() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
        let k = key("twin", &[b"page", b"11"]);
        assert_eq!(cache.get_or(&k, || Ok(b"made".to_vec())).unwrap(), b"made");
        cache.save().unwrap();

        let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
        let again = cache.get_or(&k, || panic!("made again")).unwrap();
        assert_eq!(again, b"made");
        assert_eq!(cache.reused(), 1);
        cache.save().unwrap();

        let cache = Cache::open(dir.path(), "v2").unwrap().unwrap();
        assert_eq!(cache.get_or(&k, || Ok(b"new".to_vec())).unwrap(), b"new");
        assert_eq!(cache.reused(), 0);
    }

    #[test]
    fn a_damaged_cache_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
        cache.put(key("w", &[b"a"]), b"result").unwrap();
        cache.save().unwrap();
        let index = std::fs::read(dir.path().join(INDEX)).unwrap();
        let pack = std::fs::read(pack_path(dir.path(), 0)).unwrap();
        for (what, file, bytes) in [
            ("index cut short", INDEX, index[..index.len() - 3].to_vec()),
            (
                "pack cut short",
                "pack-2-0.bin",
                pack[..pack.len() - 1].to_vec(),
            ),
        ] {
            std::fs::write(dir.path().join(file), &bytes).unwrap();
            let error = Cache::open(dir.path(), "v1").err().unwrap().to_string();
            assert!(
                error.contains(INDEX) && error.contains("damaged"),
                "{what}: {error}"
            );
            std::fs::write(dir.path().join(INDEX), &index).unwrap();
            std::fs::write(pack_path(dir.path(), 0), &pack).unwrap();
        }
        std::fs::remove_file(pack_path(dir.path(), 0)).unwrap();
        let error = Cache::open(dir.path(), "v1").err().unwrap().to_string();
        assert!(error.contains("pack-2-0.bin"), "a pack gone: {error}");
    }

    #[test]
    fn an_edit_appends_a_pack_and_the_packs_are_gathered_when_mostly_unused() {
        let dir = tempfile::tempdir().unwrap();
        let big = vec![7u8; 6 << 20];
        let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
        for i in 0..4u8 {
            cache.put(key("page", &[&[i]]), &big).unwrap();
        }
        cache.save().unwrap();
        assert_eq!(pack_numbers(dir.path()).unwrap(), [0]);
        // An edit: three results taken as they are, one made again.
        for round in 1..=3u8 {
            let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
            for i in 0..3u8 {
                assert_eq!(cache.get(&key("page", &[&[i]])).unwrap().unwrap(), big);
            }
            cache
                .put(key("page", &[&[3]]), &vec![round; 6 << 20])
                .unwrap();
            assert_eq!(cache.reused(), 3);
            cache.save().unwrap();
        }
        // 24 MiB used; the first pack kept for its three results, the edits' packs gone with
        // their results but for the last.
        let mut packs = pack_numbers(dir.path()).unwrap();
        packs.sort();
        assert_eq!(packs, [0, 3]);
        // A build that uses a quarter: the rest goes, the used results copied into one pack.
        let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
        assert_eq!(
            cache.get(&key("page", &[&[3]])).unwrap().unwrap(),
            vec![3u8; 6 << 20]
        );
        cache.save().unwrap();
        let cache = Cache::open(dir.path(), "v1").unwrap().unwrap();
        assert_eq!(
            pack_numbers(dir.path()).unwrap().len(),
            2,
            "its own and the gathered one"
        );
        assert_eq!(
            cache.get(&key("page", &[&[3]])).unwrap().unwrap(),
            vec![3u8; 6 << 20]
        );
        assert_eq!(cache.get(&key("page", &[&[0]])).unwrap(), None);
    }

    #[test]
    fn a_second_build_at_once_builds_without_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let first = Cache::open(dir.path(), "v1").unwrap().unwrap();
        assert!(Cache::open(dir.path(), "v1").unwrap().is_none());
        first.save().unwrap();
        assert!(Cache::open(dir.path(), "v1").unwrap().is_some());
    }

    #[test]
    fn a_file_written_again_is_a_link_to_the_kept_one_until_it_is_changed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (cache_dir, out) = (dir.path().join("cache"), dir.path().join("out"));
        let cache = Cache::open(&cache_dir, "v1").unwrap().unwrap();
        let page = out.join("a/page.html");
        cache.write(&page, b"<p>un</p>").unwrap();
        assert_eq!(std::fs::metadata(&page).unwrap().nlink(), 2, "kept");
        cache.save().unwrap();

        // The next build, on a fresh output folder: the same bytes are the same file.
        std::fs::remove_dir_all(&out).unwrap();
        let cache = Cache::open(&cache_dir, "v2").unwrap().unwrap();
        cache.write(&page, b"<p>un</p>").unwrap();
        assert_eq!(std::fs::metadata(&page).unwrap().nlink(), 2);
        assert_eq!(std::fs::read(&page).unwrap(), b"<p>un</p>");
        // Written again with other bytes: replaced, the kept file untouched.
        let other = out.join("b.html");
        cache.write(&other, b"<p>deux</p>").unwrap();
        cache.write(&page, b"<p>trois</p>").unwrap();
        cache.save().unwrap();
        let kept = |bytes: &[u8]| kept_path(&cache_dir, &hex(&Sha256::digest(bytes)));
        assert_eq!(std::fs::read(kept(b"<p>deux</p>")).unwrap(), b"<p>deux</p>");

        // An output file edited in place changes the kept file it shares: never linked again.
        std::fs::write(&other, b"<p>edited</p>").unwrap();
        std::fs::remove_dir_all(&out).unwrap();
        let cache = Cache::open(&cache_dir, "v3").unwrap().unwrap();
        cache.write(&other, b"<p>deux</p>").unwrap();
        assert_eq!(std::fs::read(&other).unwrap(), b"<p>deux</p>");
        cache.save().unwrap();
        assert_eq!(std::fs::read(kept(b"<p>deux</p>")).unwrap(), b"<p>deux</p>");
        assert!(
            !kept(b"<p>un</p>").exists(),
            "what a build did not write is not kept"
        );
    }

    #[test]
    fn keys_tell_inputs_apart_wherever_they_split() {
        assert_ne!(key("w", &[b"ab", b"c"]), key("w", &[b"a", b"bc"]));
        assert_ne!(key("w", &[b"a"]), key("v", &[b"a"]));
    }
}
