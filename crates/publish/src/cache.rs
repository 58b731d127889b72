//! The build's memory between runs: what its slowest work made (the pages rendered, the
//! compressed twins), keyed by a hash of the work's input and of the build's own version, so
//! that a build after an edit redoes only the work whose input changed. A build with the cache
//! writes, byte for byte, what a clean build writes (tests/incremental.rs).
//!
//! The cache is one file in a folder (`--cache DIR`; see [`crate::BuildOptions`]), `pack-1.bin`:
//! the last build's results one after the other, then where each is (JSON), its length and a
//! mark. A build reads it a result at a time and writes a new one with only what it used, so
//! the cache never outgrows one build; the new file replaces the old in one rename, so two
//! builds at once leave one whole pack, never a mix. A pack that cannot be read is an error
//! naming it, never an empty cache in silence; a pack of another version of the build is not
//! read.
//!
//! Beside the pack, `files/` holds the files the build wrote, named by the hash of their bytes.
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

use crate::error::{BuildError, Result};

/// The pack's name carries its format: a pack of another format, under another name, is not
/// read (nor removed).
const PACK: &str = "pack-1.bin";
/// The end of a whole pack, after its index and the index's length.
const MARK: &[u8; 8] = b"cpd-pack";

/// The folder of the files kept by the hash of their bytes.
const FILES: &str = "files";

/// Where each result is in the pack, and which build wrote it.
#[derive(Serialize, Deserialize, Default)]
struct Index {
    version: String,
    /// A result's key (hex) to its offset and length in the pack.
    entries: HashMap<String, (u64, u64)>,
    /// The kept files, by the hash of their bytes (hex), as they were made. Not of a version:
    /// bytes are bytes whichever build wrote them.
    #[serde(default)]
    files: HashMap<String, Stamp>,
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

/// The cache of one build: the last build's pack, read a result at a time, and the pack this
/// build writes as it goes (neither is held in memory: a site of 10,000 pages has a pack of
/// hundreds of megabytes).
pub struct Cache {
    dir: PathBuf,
    version: String,
    old: HashMap<Key, (u64, u64)>,
    pack: Option<std::fs::File>,
    new: Mutex<NewPack>,
    old_files: HashMap<String, Stamp>,
    new_files: Mutex<HashMap<String, Stamp>>,
    /// The hash of each output file written through the cache.
    written: Mutex<HashMap<PathBuf, String>>,
    /// Cleared when the output is on another file system than the cache: no link can join them.
    linking: std::sync::atomic::AtomicBool,
}

/// The pack being written: the file, its length so far, and where each result is in it.
struct NewPack {
    file: std::io::BufWriter<std::fs::File>,
    path: PathBuf,
    len: u64,
    entries: HashMap<Key, (u64, u64)>,
}

impl Cache {
    /// The cache in `dir` (made if missing), for the build of `version`.
    pub fn open(dir: &Path, version: &str) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the cache folder"))?;
        let pack_path = dir.join(PACK);
        let (old, pack, old_files) = match std::fs::File::open(&pack_path) {
            Ok(pack) => match read_index(&pack, &pack_path)? {
                index if index.version == version => (index.entries, Some(pack), index.files),
                index => (HashMap::new(), None, index.files),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                (HashMap::new(), None, HashMap::new())
            }
            Err(e) => return Err(BuildError::io(&pack_path, "read the build's cache")(e)),
        };
        // A name of this process's own: another build at the same time writes its own.
        let new_path = dir.join(format!("{PACK}.{}.new", std::process::id()));
        let file = std::fs::File::create(&new_path)
            .map_err(BuildError::io(&new_path, "write the build's cache"))?;
        Ok(Self {
            dir: dir.to_path_buf(),
            version: version.to_string(),
            old,
            pack,
            new: Mutex::new(NewPack {
                // Large writes: the pack grows by hundreds of megabytes on a large site.
                file: std::io::BufWriter::with_capacity(8 << 20, file),
                path: new_path,
                len: 0,
                entries: HashMap::new(),
            }),
            old_files,
            new_files: Mutex::new(HashMap::new()),
            written: Mutex::new(HashMap::new()),
            linking: std::sync::atomic::AtomicBool::new(true),
        })
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
        make_folder(path)?;
        crate::files::remove(path)?;
        match std::fs::hard_link(&kept, path) {
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
        make_folder(&kept)?;
        crate::files::remove(&kept)?;
        match std::fs::hard_link(path, &kept) {
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
        let (Some((at, len)), Some(pack)) = (self.old.get(key), &self.pack) else {
            return Ok(None);
        };
        let mut bytes = vec![0; *len as usize];
        std::os::unix::fs::FileExt::read_exact_at(pack, &mut bytes, *at).map_err(
            BuildError::io(self.dir.join(PACK), "read the build's cache"),
        )?;
        self.put(key.clone(), &bytes)?;
        Ok(Some(bytes))
    }

    /// Keeps `bytes` as the result of `key` for the next build (in place of what the key held,
    /// which a build that found it stale replaces).
    pub fn put(&self, key: Key, bytes: &[u8]) -> Result<()> {
        let mut new = self.new.lock().expect("no panic holds it");
        let new = &mut *new;
        new.file
            .write_all(bytes)
            .map_err(BuildError::io(&new.path, "write the build's cache"))?;
        let at = new.len;
        new.len += bytes.len() as u64;
        new.entries.insert(key, (at, bytes.len() as u64));
        Ok(())
    }

    /// How many results came from the last build.
    pub fn reused(&self) -> usize {
        let new = self.new.lock().expect("no panic holds it");
        new.entries
            .keys()
            .filter(|k| self.old.contains_key(*k))
            .count()
    }

    /// Makes what this build used the next build's cache.
    pub fn save(self) -> Result<()> {
        let NewPack {
            file,
            path,
            entries,
            ..
        } = self.new.into_inner().expect("no panic holds it");
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
        let json = serde_json::to_vec(&index).expect("strings and numbers serialise");
        let mut file = file;
        file.write_all(&json)
            .and_then(|()| file.write_all(&(json.len() as u64).to_le_bytes()))
            .and_then(|()| file.write_all(MARK))
            .map_err(BuildError::io(&path, "write the build's cache"))?;
        file.into_inner()
            .map_err(|e| BuildError::io(&path, "write the build's cache")(e.into_error()))?
            .sync_all()
            .map_err(BuildError::io(&path, "write the build's cache"))?;
        let pack_path = self.dir.join(PACK);
        std::fs::rename(&path, &pack_path)
            .map_err(BuildError::io(&pack_path, "write the build's cache"))
    }
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

fn make_folder(path: &Path) -> Result<()> {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).map_err(BuildError::io(dir, "create the folder")),
        None => Ok(()),
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

/// The index at the end of `pack`: where each result is, and which build wrote them. A file
/// without the mark, or whose index points past it, is an error naming it.
fn read_index(pack: &std::fs::File, path: &Path) -> Result<Index> {
    use std::os::unix::fs::FileExt;
    let damaged = |why: &str| {
        BuildError::invalid(
            path.display().to_string(),
            format!("the build's cache is damaged ({why}): remove the folder"),
        )
    };
    let len = pack
        .metadata()
        .map_err(BuildError::io(path, "read the build's cache"))?
        .len();
    let mut tail = [0u8; 16];
    if len < 16 {
        return Err(damaged("cut short"));
    }
    pack.read_exact_at(&mut tail, len - 16)
        .map_err(BuildError::io(path, "read the build's cache"))?;
    if &tail[8..] != MARK {
        return Err(damaged("no end mark"));
    }
    let index_len = u64::from_le_bytes(tail[..8].try_into().expect("8 bytes"));
    let entries_end = (len - 16)
        .checked_sub(index_len)
        .ok_or_else(|| damaged("cut short"))?;
    let mut json = vec![0; index_len as usize];
    pack.read_exact_at(&mut json, entries_end)
        .map_err(BuildError::io(path, "read the build's cache"))?;
    let index: Index =
        serde_json::from_slice(&json).map_err(|e| damaged(&format!("its index: {e}")))?;
    if let Some((key, _)) = index
        .entries
        .iter()
        .find(|(_, (at, n))| at.checked_add(*n).is_none_or(|end| end > entries_end))
    {
        return Err(damaged(&format!("entry {key} past the end")));
    }
    Ok(index)
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

/// `bytes` in lowercase hexadecimal.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 15)] as char);
    }
    out
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
        let cache = Cache::open(dir.path(), "v1").unwrap();
        let k = key("twin", &[b"page", b"11"]);
        assert_eq!(cache.get_or(&k, || Ok(b"made".to_vec())).unwrap(), b"made");
        cache.save().unwrap();

        let cache = Cache::open(dir.path(), "v1").unwrap();
        let again = cache.get_or(&k, || panic!("made again")).unwrap();
        assert_eq!(again, b"made");
        assert_eq!(cache.reused(), 1);
        cache.save().unwrap();

        let cache = Cache::open(dir.path(), "v2").unwrap();
        assert_eq!(cache.get_or(&k, || Ok(b"new".to_vec())).unwrap(), b"new");
        assert_eq!(cache.reused(), 0);
    }

    #[test]
    fn a_damaged_cache_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path(), "v1").unwrap();
        cache.put(key("w", &[b"a"]), b"result").unwrap();
        cache.save().unwrap();
        let whole = std::fs::read(dir.path().join(PACK)).unwrap();
        for (what, bytes) in [
            ("cut short", whole[..whole.len() - 3].to_vec()),
            ("no end mark", [&whole[..], b"more"].concat()),
            ("past the end", {
                let mut b = whole.clone();
                let at = b.windows(3).position(|w| w == b"[0,").unwrap();
                b[at + 3] = b'9';
                b
            }),
        ] {
            std::fs::write(dir.path().join(PACK), bytes).unwrap();
            let error = Cache::open(dir.path(), "v1").err().unwrap().to_string();
            assert!(error.contains(PACK), "{what}: {error}");
        }
    }

    #[test]
    fn a_file_written_again_is_a_link_to_the_kept_one_until_it_is_changed() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let (cache_dir, out) = (dir.path().join("cache"), dir.path().join("out"));
        let cache = Cache::open(&cache_dir, "v1").unwrap();
        let page = out.join("a/page.html");
        cache.write(&page, b"<p>un</p>").unwrap();
        assert_eq!(std::fs::metadata(&page).unwrap().nlink(), 2, "kept");
        cache.save().unwrap();

        // The next build, on a fresh output folder: the same bytes are the same file.
        std::fs::remove_dir_all(&out).unwrap();
        let cache = Cache::open(&cache_dir, "v2").unwrap();
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
        let cache = Cache::open(&cache_dir, "v3").unwrap();
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
