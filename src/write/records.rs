//! Build records: what a build keeps for the next one (the list of pages
//! it wrote and what each body cites), in the user's cache folder, never in
//! the output. `public/` holds the site and nothing else (SPEC §4), so that
//! the same site built in two folders or on two machines gives the same
//! bytes; losing the records only costs a full build.
//!
//! The records of an output folder live in
//! `CACHE/thongbao/outputs/KEY/`, where `CACHE` is `--cache-dir`, else
//! `THONGBAO_CACHE_DIR`, else the user's cache folder (`$XDG_CACHE_HOME` or
//! `~/.cache` on Linux, `%LOCALAPPDATA%` on Windows), and `KEY` a hash of the
//! output's canonical path. Each list's first line names the output it
//! describes; a list of another folder, thongbao or configuration is not
//! read. Every listed file carries its size, modification time and inode as
//! it was after the build, so a file edited or replaced by hand since
//! (or a whole output replaced by another folder) is never taken for the
//! build's own.

use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The environment variable that names the cache folder.
pub const CACHE_DIR_VARIABLE: &str = "THONGBAO_CACHE_DIR";

/// Where one output folder's records are kept.
#[derive(Debug, Clone)]
pub struct Records {
    /// This output's folder of records.
    dir: PathBuf,
    /// The output folder, canonical.
    output: PathBuf,
}

/// The cache folder to keep records in: `chosen` (from `--cache-dir`), else
/// [`CACHE_DIR_VARIABLE`], else the user's cache folder; `None` when the
/// system has none (then every build is a full one).
pub fn cache_root(chosen: Option<&Path>) -> Option<PathBuf> {
    if let Some(chosen) = chosen {
        return Some(chosen.to_path_buf());
    }
    if let Some(variable) = std::env::var_os(CACHE_DIR_VARIABLE).filter(|value| !value.is_empty()) {
        return Some(PathBuf::from(variable));
    }
    dirs::cache_dir().map(|dir| dir.join("thongbao"))
}

/// The output's path as records name it: canonical when it exists, else
/// its canonical parent and its name.
fn canonical(output: &Path) -> PathBuf {
    if let Ok(path) = output.canonicalize() {
        return path;
    }
    let absolute = std::path::absolute(output).unwrap_or_else(|_| output.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => parent
            .canonicalize()
            .map(|parent| parent.join(name))
            .unwrap_or(absolute.clone()),
        _ => absolute,
    }
}

/// FNV-1a: a hash that stays the same across Rust versions, so that a
/// folder's records keep their place.
fn stable_hash(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in bytes {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A file's size, modification time (nanoseconds) and inode: what tells
/// whether it is still the file a build wrote.
pub fn stamp(meta: &std::fs::Metadata) -> (u64, u128, u64) {
    let modified = meta
        .modified()
        .ok()
        .and_then(|time| time.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |since| since.as_nanos());
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    (meta.len(), modified, inode)
}

impl Records {
    /// The records of builds into `output`, kept under `cache_root`.
    pub fn for_output(cache_root: &Path, output: &Path) -> Records {
        let output = canonical(output);
        let key = stable_hash(output.as_os_str().as_encoded_bytes());
        Records {
            dir: cache_root.join("outputs").join(format!("{key:016x}")),
            output,
        }
    }

    /// The output folder these records describe (canonical).
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// The path of list `name` (`pages`, `links`).
    pub fn list(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// The first line of a list: which list, in which format, made by which
    /// thongbao (`maker`) from which configuration and theme (`generation`),
    /// for which output. A list with another first line is not read.
    pub fn header(&self, list: &str, maker: u64, generation: u64) -> String {
        format!(
            "thongbao-{list} 3 {maker:016x} {generation:016x} {}",
            self.output.to_string_lossy().replace('\n', " ")
        )
    }

    /// Reads list `name`; `None` when there is none or it cannot be read.
    pub fn read(&self, name: &str) -> Option<String> {
        std::fs::read_to_string(self.list(name)).ok()
    }

    /// Writes list `name` atomically (a temporary file renamed over it), so
    /// a killed build leaves the old list or the new one, never half.
    pub fn write(&self, name: &str, bytes: &[u8]) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.list(name);
        let temporary = self.dir.join(format!(".{name}.{}.tmp", std::process::id()));
        std::fs::write(&temporary, bytes)?;
        std::fs::rename(&temporary, &path).inspect_err(|_| {
            let _ = std::fs::remove_file(&temporary);
        })?;
        // For people and for the sweep: which folder these records are of.
        let named = self.dir.join("output");
        let wanted = self.output.to_string_lossy();
        if std::fs::read_to_string(&named).ok().as_deref() != Some(&*wanted) {
            std::fs::write(named, wanted.as_bytes())?;
        }
        Ok(())
    }

    /// Forgets these records (after a build that could not write them whole).
    pub fn remove(&self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }

    /// Whether the records list `path` (relative to the output) as the
    /// file that is there now, unchanged since the build that wrote it.
    pub fn lists_unchanged(&self, path: &str) -> bool {
        let Some(text) = self.read("pages") else {
            return false;
        };
        let mut lines = text.lines();
        let Some(first) = lines.next() else { return false };
        if !first.ends_with(&*self.output.to_string_lossy()) {
            return false;
        }
        let Ok(meta) = std::fs::symlink_metadata(self.output.join(path)) else {
            return false;
        };
        lines.any(|line| parse_line(line).is_some_and(|entry| entry.path == path && entry.stamp == stamp(&meta)))
    }
}

/// One line of the pages list, as [`crate::model::files::Previous`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry<'a> {
    pub fingerprint: u64,
    pub hash: u64,
    /// Size, modification time and inode after the build.
    pub stamp: (u64, u128, u64),
    pub path: &'a str,
}

/// `fingerprint hash size mtime inode path`, numbers in hexadecimal.
pub fn parse_line(line: &str) -> Option<Entry<'_>> {
    let mut parts = line.splitn(6, ' ');
    let mut number = || u64::from_str_radix(parts.next()?, 16).ok();
    let (fingerprint, hash, size) = (number()?, number()?, number()?);
    let modified = u128::from_str_radix(parts.next()?, 16).ok()?;
    let inode = u64::from_str_radix(parts.next()?, 16).ok()?;
    let path = parts.next()?;
    Some(Entry {
        fingerprint,
        hash,
        stamp: (size, modified, inode),
        path,
    })
}

/// Writes one line of the pages list (see [`parse_line`]).
pub fn format_line(line: &mut String, entry: &Entry<'_>) {
    use std::fmt::Write as _;
    let (size, modified, inode) = entry.stamp;
    let _ = writeln!(
        line,
        "{:016x} {:016x} {size:x} {modified:x} {inode:x} {}",
        entry.fingerprint, entry.hash, entry.path
    );
}

/// Removes the records of output folders that no longer exist: they would
/// only take room (a list of 100,000 pages is megabytes). Looks at a
/// bounded number of folders, so a huge cache costs a bounded time.
pub fn sweep(cache_root: &Path) {
    let Ok(entries) = std::fs::read_dir(cache_root.join("outputs")) else {
        return;
    };
    for entry in entries.flatten().take(1000) {
        let named = entry.path().join("output");
        if let Ok(output) = std::fs::read_to_string(&named)
            && !Path::new(&output).is_dir()
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_read_back_as_written() {
        let entry = Entry {
            fingerprint: 0xabc,
            hash: u64::MAX,
            stamp: (12, 1_700_000_000_123_456_789, 42),
            path: "2021/45-tb-bdvtu/index.html",
        };
        let mut line = String::new();
        format_line(&mut line, &entry);
        assert_eq!(parse_line(line.trim_end()), Some(entry));
        assert_eq!(parse_line("zz 1 2 3 4 a"), None);
    }

    #[test]
    fn each_output_folder_has_its_own_records() {
        let cache = Path::new("/cache");
        let a = Records::for_output(cache, Path::new("/srv/a/public"));
        let b = Records::for_output(cache, Path::new("/srv/b/public"));
        assert_ne!(a.list("pages"), b.list("pages"));
        assert_eq!(
            a.list("pages"),
            Records::for_output(cache, Path::new("/srv/a/public")).list("pages")
        );
        assert!(a.header("pages", 1, 2).ends_with("/srv/a/public"));
    }
}
