//! The write stage: files written into a fresh folder beside the output,
//! then swapped in at once, so a failed or killed build never leaves a
//! half-written site where the old one was (SPEC §6).

use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::files::{Contents, OutputError, OutputFile, Previous, Record, Sink, io_error};
use crate::write::records::Records;

/// What every page of the built-in theme says of its maker, and what tells
/// an output folder made by thongbao from any other (see
/// [`is_thongbao_output`]).
pub const GENERATOR_META: &str = "<meta name=\"generator\" content=\"thongbao\">";

impl Previous {
    /// The files of the last build into `records`' output that are still
    /// there as it wrote them (same size, modification time and inode, a
    /// regular file), if it was made by this very thongbao (`maker`) from
    /// the same configuration and theme (`generation`). Anything else is
    /// simply built anew.
    pub fn read(records: &Records, maker: u64, generation: u64) -> Previous {
        let Some(text) = records.read("pages") else {
            return Previous::default();
        };
        let (first, rest) = text.split_once('\n').unwrap_or((&text, ""));
        if first != records.header("pages", maker, generation) {
            return Previous::default();
        }
        let output = records.output();
        let entries: Vec<crate::write::records::Entry> =
            rest.par_lines().filter_map(crate::write::records::parse_line).collect();
        let (kept, lost): (Vec<_>, Vec<_>) = entries.into_par_iter().partition(|entry| {
            !entry.path.split('/').any(|part| part == ".." || part.is_empty())
                && std::fs::symlink_metadata(output.join(entry.path))
                    .is_ok_and(|meta| meta.file_type().is_file() && crate::write::records::stamp(&meta) == entry.stamp)
        });
        let record = |entry: &crate::write::records::Entry| Record {
            fingerprint: entry.fingerprint,
            hash: entry.hash,
            size: entry.stamp.0,
        };
        Previous {
            listed: rest.lines().count(),
            files: kept
                .iter()
                .map(|entry| (entry.path.to_string(), record(entry)))
                .collect(),
            lost: lost.into_iter().map(|entry| entry.fingerprint).collect(),
        }
    }

    /// The list of `files` for the next build, sorted by path, each with
    /// the stamp it has now in `records`' output (written just before).
    /// A file that cannot be read back is left out: the next build makes it.
    pub fn write(
        records: &Records,
        maker: u64,
        generation: u64,
        files: &std::collections::HashMap<String, Record>,
    ) -> String {
        let mut sorted: Vec<(&String, &Record)> = files.par_iter().collect();
        sorted.par_sort_unstable_by_key(|(path, _)| *path);
        let output = records.output();
        let lines: Vec<String> = sorted
            .par_iter()
            .filter_map(|(path, record)| {
                let meta = std::fs::symlink_metadata(output.join(path)).ok()?;
                let stamp = crate::write::records::stamp(&meta);
                if stamp.0 != record.size {
                    return None;
                }
                let mut line = String::with_capacity(path.len() + 80);
                crate::write::records::format_line(
                    &mut line,
                    &crate::write::records::Entry {
                        fingerprint: record.fingerprint,
                        hash: record.hash,
                        stamp,
                        path,
                    },
                );
                Some(line)
            })
            .collect();
        let mut text = records.header("pages", maker, generation);
        text.push('\n');
        text.reserve(lines.iter().map(String::len).sum());
        for line in lines {
            text.push_str(&line);
        }
        text
    }
}

/// Whether `output` (an existing folder) is one thongbao made, which a
/// build may replace. It is when it is empty; or when its `index.html`
/// names thongbao as its generator ([`GENERATOR_META`], in the page's first
/// 4 KiB: every page of the built-in theme carries it, wherever the folder
/// was built or copied); or when the build records (`records`) list its
/// `index.html` as the very file there now (a site of a theme without the
/// meta, built on this machine).
pub fn is_thongbao_output(output: &Path, records: Option<&Records>) -> Result<bool, OutputError> {
    if std::fs::read_dir(output).map_err(io_error(output))?.next().is_none() {
        return Ok(true);
    }
    let index = output.join("index.html");
    let mut head = Vec::with_capacity(4096);
    if let Ok(file) = std::fs::File::open(&index) {
        use std::io::Read as _;
        let _ = file.take(4096).read_to_end(&mut head);
        if String::from_utf8_lossy(&head).contains(GENERATOR_META) {
            return Ok(true);
        }
    }
    Ok(records.is_some_and(|records| records.lists_unchanged("index.html")))
}

/// Checks that `output` may be replaced by a build of the site at `root`.
pub fn check_output_folder(
    root: &Path,
    output: &Path,
    force: bool,
    records: Option<&Records>,
) -> Result<(), OutputError> {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let real = |path: &Path| path.canonicalize().unwrap_or_else(|_| absolute(path));
    let (root, output_real) = (real(root), real(output));
    if output_real == root || root.starts_with(&output_real) {
        return Err(OutputError::Refused(format!(
            "refusing to write the site into {}: it is the site's own folder or holds it",
            output.display()
        )));
    }
    if output_real.parent().is_none() {
        return Err(OutputError::Refused(format!(
            "refusing to write the site into the file system root {}",
            output.display()
        )));
    }
    if !output.exists() {
        return Ok(());
    }
    if !output.is_dir() {
        return Err(OutputError::Refused(format!(
            "{} exists and is not a folder",
            output.display()
        )));
    }
    if output.join("content").exists() {
        return Err(OutputError::Refused(format!(
            "refusing to replace {}: it holds a content/ folder, so it looks like a site, not a build",
            output.display()
        )));
    }
    if !force && !is_thongbao_output(output, records)? {
        return Err(OutputError::Refused(format!(
            "refusing to replace {}: it holds files thongbao did not make (use --force to replace it anyway)",
            output.display()
        )));
    }
    Ok(())
}

/// Passes files on to another sink and shows how far the build is on a
/// terminal, from one second on (short builds and logs show only the
/// summary line).
pub struct Progress<'a> {
    inner: &'a mut dyn Sink,
    bar: indicatif::ProgressBar,
    started: std::time::Instant,
    pages: usize,
    terminal: bool,
}

impl<'a> Progress<'a> {
    pub fn new(inner: &'a mut dyn Sink) -> Progress<'a> {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::hidden());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        Progress {
            inner,
            bar,
            started: std::time::Instant::now(),
            pages: 0,
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    /// Clears the bar before the summary line.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

impl Sink for Progress<'_> {
    fn accept(&mut self, files: Vec<OutputFile>) -> Result<(), OutputError> {
        self.pages += files.iter().filter(|file| file.path.ends_with(".html")).count();
        if self.terminal && self.bar.is_hidden() && self.started.elapsed() > std::time::Duration::from_secs(1) {
            self.bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
        self.bar.set_message(format!("{} pages written", self.pages));
        self.bar.tick();
        self.inner.accept(files)
    }
}

/// Writes a file of the preview beside its place and renames it over the
/// old one, so that a request reads the old file or the new, never half.
fn replace_file(target: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
    }
    let name = target
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{name}.thongbao-tmp"));
    std::fs::write(&temporary, bytes).map_err(io_error(&temporary))?;
    std::fs::rename(&temporary, target).map_err(io_error(target))
}

/// A new site being written beside the output folder. It replaces the
/// output at once on [`Staging::commit`]; dropped without a commit (a failed
/// build), it is removed and the output is left exactly as it was.
///
/// The folder is made with the first file that is not the output's own
/// unchanged file: until then those are only noted, so that a build which
/// changes nothing can leave the output as it is ([`Staging::keep_output`]).
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    folders: std::collections::HashSet<PathBuf>,
    /// Whether the staging folder was made.
    begun: bool,
    /// Unchanged files accepted before it was: linked in when it is.
    pending: Vec<OutputFile>,
    committed: bool,
}

impl Staging {
    /// Starts a new site for `output`, clearing what a killed build left.
    pub fn begin(output: &Path) -> Result<Staging, OutputError> {
        let output = std::path::absolute(output).map_err(io_error(output))?;
        let parent = output
            .parent()
            .ok_or_else(|| OutputError::Refused("the output folder has no parent".to_string()))?;
        let name = output
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        std::fs::create_dir_all(parent).map_err(io_error(parent))?;
        let staging = parent.join(format!(".{name}.thongbao-new"));
        let retired = parent.join(format!(".{name}.thongbao-old"));
        // Leftovers of a build that was killed: nothing else writes these names.
        for leftover in [&staging, &retired] {
            if leftover.exists() {
                std::fs::remove_dir_all(leftover).map_err(io_error(leftover))?;
            }
        }
        // Old sites whose background removal was cut short.
        let trash_prefix = format!(".{name}.thongbao-old.trash-");
        for entry in std::fs::read_dir(parent).map_err(io_error(parent))?.flatten() {
            if entry.file_name().to_string_lossy().starts_with(&trash_prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        Ok(Staging {
            output,
            staging,
            retired,
            folders: std::collections::HashSet::new(),
            begun: false,
            pending: Vec::new(),
            committed: false,
        })
    }

    /// Makes the staging folder and links in the files accepted so far.
    fn start(&mut self) -> Result<(), OutputError> {
        if !self.begun {
            std::fs::create_dir(&self.staging).map_err(io_error(&self.staging))?;
            self.begun = true;
            let pending = std::mem::take(&mut self.pending);
            write_files(&self.staging, &pending, &mut self.folders, &self.output)?;
        }
        Ok(())
    }

    /// Whether the output already holds `file` as it is ([`unchanged`]).
    /// A file marked unchanged is taken as held without reading it: the
    /// render checked it against the build records.
    fn holds(&self, file: &OutputFile) -> bool {
        let Some(made) = Written::of(&file.contents) else {
            return true;
        };
        let held = std::fs::read(self.output.join(&file.path)).map(|bytes| Written::Bytes(quick_hash(&bytes)));
        unchanged(Some(&made), held.ok().as_ref())
    }

    /// Whether every file accepted so far is one of the output's own,
    /// unchanged: committing would only remake the output as it is.
    pub fn nothing_new(&self) -> bool {
        !self.begun
    }

    /// Ends a build that found nothing to change, leaving the output as
    /// it is: for when [`Staging::nothing_new`] holds and the output has no
    /// file besides those accepted.
    pub fn keep_output(mut self) {
        debug_assert!(!self.begun);
        self.committed = true;
    }

    /// Puts the new site in place of the old one.
    pub fn commit(mut self) -> Result<(), OutputError> {
        self.start()?;
        if self.output.exists() {
            swap(&self.staging, &self.output, &self.retired)?;
            // The old site is now under the staging name: out of the way
            // under a name of its own, removed in the background (deleting
            // tens of thousands of files is no part of publishing).
            let trash = self.retired.with_file_name(format!(
                "{}.trash-{}",
                self.retired
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                std::process::id()
            ));
            std::fs::rename(&self.staging, &trash).map_err(io_error(&self.staging))?;
            remove_in_background(&trash);
        } else {
            std::fs::rename(&self.staging, &self.output).map_err(io_error(&self.output))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Sink for Staging {
    fn accept(&mut self, files: Vec<OutputFile>) -> Result<(), OutputError> {
        if !self.begun && files.iter().all(|file| self.holds(file)) {
            self.pending.extend(files.into_iter().map(|file| OutputFile {
                path: file.path,
                contents: Contents::Unchanged,
            }));
            return Ok(());
        }
        self.start()?;
        write_files(&self.staging, &files, &mut self.folders, &self.output)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && self.begun {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// Writes `files` as the new contents of `output`, atomically: the old
/// folder stays untouched until every file of the new one is written.
pub fn write_site(output: &Path, files: Vec<OutputFile>) -> Result<(), OutputError> {
    let mut staging = Staging::begin(output)?;
    staging.accept(files)?;
    staging.commit()
}

/// Removes a replaced site without waiting for it: a detached `rm -rf` on
/// Unix (it outlives this process), else at once.
fn remove_in_background(folder: &Path) {
    #[cfg(unix)]
    {
        let spawned = std::process::Command::new("rm")
            .arg("-rf")
            .arg(folder)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn();
        if spawned.is_ok() {
            return;
        }
    }
    let _ = std::fs::remove_dir_all(folder);
}

/// Puts `new` in place of `old`. On Linux both names are exchanged in one
/// step, so `old`'s path never stops holding a complete site; elsewhere the
/// old folder is moved aside first.
fn swap(new: &Path, old: &Path, retired: &Path) -> Result<(), OutputError> {
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, new, CWD, old, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS | rustix::io::Errno::NOTSUP) => {}
            Err(error) => {
                return Err(OutputError::Io {
                    path: old.to_path_buf(),
                    error: error.into(),
                });
            }
        }
    }
    std::fs::rename(old, retired).map_err(io_error(old))?;
    std::fs::rename(new, old).map_err(io_error(old))?;
    // The retired site now sits where `new` was; the caller removes it.
    std::fs::rename(retired, new).map_err(io_error(retired))
}

/// Writes `files` under `root`; those [`Contents::Unchanged`] are
/// hard-linked (or, where links are refused, copied) from `previous`.
fn write_files(
    root: &Path,
    files: &[OutputFile],
    made: &mut std::collections::HashSet<PathBuf>,
    previous: &Path,
) -> Result<(), OutputError> {
    let mut folders: Vec<PathBuf> = files
        .iter()
        .filter_map(|file| Path::new(&file.path).parent().map(|parent| root.join(parent)))
        .filter(|folder| !made.contains(folder))
        .collect();
    folders.sort();
    folders.dedup();
    // In parallel: making a notice's folder is a system call each, and
    // create_dir_all copes with another thread making a parent meanwhile.
    folders
        .par_iter()
        .try_for_each(|folder| std::fs::create_dir_all(folder).map_err(io_error(folder)))?;
    made.extend(folders);
    files.par_iter().try_for_each(|file| {
        let target = root.join(&file.path);
        match &file.contents {
            Contents::Bytes(bytes) => std::fs::write(&target, bytes),
            Contents::Static(bytes) => std::fs::write(&target, bytes),
            Contents::Copy(source) => std::fs::copy(source, &target).map(|_| ()),
            Contents::Unchanged => {
                let source = previous.join(&file.path);
                std::fs::hard_link(&source, &target).or_else(|error| match error.kind() {
                    io::ErrorKind::NotFound => Err(error),
                    _ => std::fs::copy(&source, &target).map(|_| ()),
                })
            }
        }
        .map_err(io_error(&target))
    })
}

/// A folder the preview serves, written in place (a preview has no old
/// site to keep whole: it shows the newest good build as soon as it can).
/// Each file that changed is written beside its place and renamed over it,
/// so a request reads the old file or the new one, never half; files no
/// longer made are removed, with folders left empty. The preview keeps one
/// for its pages and one for the site-wide files, which a worker of their
/// own makes after the pages.
///
/// What is left alone follows the one rule of both writers, [`unchanged`]:
/// here the folder's files are known by the hash of what was written, or
/// the source a copy was made from.
#[derive(Debug)]
pub struct InPlace {
    root: PathBuf,
    files: std::collections::HashMap<String, Written>,
}

/// What a file of an [`InPlace`] folder was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Written {
    /// Bytes, by their hash.
    Bytes(u64),
    /// A copy of a file: its path, size and time then.
    Copy(PathBuf, u64, Option<std::time::SystemTime>),
}

impl Written {
    /// A copy of `source` as it is now.
    fn copy_of(source: &Path) -> Written {
        let meta = std::fs::metadata(source).ok();
        Written::Copy(
            source.to_path_buf(),
            meta.as_ref().map_or(0, |meta| meta.len()),
            meta.and_then(|meta| meta.modified().ok()),
        )
    }
}

impl Written {
    /// What `contents` would make the file hold; `None` for a file marked
    /// [`Contents::Unchanged`], which makes nothing new.
    fn of(contents: &Contents) -> Option<Written> {
        match contents {
            Contents::Unchanged => None,
            Contents::Bytes(bytes) => Some(Written::Bytes(quick_hash(bytes))),
            Contents::Static(bytes) => Some(Written::Bytes(quick_hash(bytes))),
            Contents::Copy(source) => Some(Written::copy_of(source)),
        }
    }
}

/// The one rule of both writers, [`Staging`] and [`InPlace`], of what need
/// not be written again: `made` (what a file would hold, [`Written::of`])
/// against `held` (what the folder holds there): a file marked unchanged
/// where the folder has one, the same bytes, or a copy of the same source
/// (path, size, time).
fn unchanged(made: Option<&Written>, held: Option<&Written>) -> bool {
    match (made, held) {
        (_, None) => false,
        (None, Some(_)) => true,
        (Some(made), Some(held)) => made == held,
    }
}

/// How many files a write changed and removed.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub written: usize,
    pub removed: usize,
}

/// A hash of bytes the preview wrote, to tell whether they must be written
/// again: every page of a preview's first build is hashed, so a fast one.
fn quick_hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

impl InPlace {
    /// A writer for `root`, which holds nothing yet.
    pub fn new(root: &Path) -> InPlace {
        InPlace {
            root: root.to_path_buf(),
            files: std::collections::HashMap::new(),
        }
    }

    /// Makes the folder hold exactly `files`: writes those that changed and
    /// removes those it wrote before that are not among them.
    pub fn write_all(&mut self, files: &[OutputFile]) -> Result<WriteStats, OutputError> {
        let mut stats = self.write_some(files)?;
        let now: std::collections::HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
        let gone: Vec<String> = self
            .files
            .keys()
            .filter(|path| !now.contains(path.as_str()))
            .cloned()
            .collect();
        for path in gone {
            self.files.remove(&path);
            let target = self.root.join(&path);
            if std::fs::remove_file(&target).is_ok() {
                stats.removed += 1;
            }
            // Folders left empty (a deleted notice's) go too.
            let mut folder = target.parent();
            while let Some(dir) = folder.filter(|dir| *dir != self.root) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
        }
        Ok(stats)
    }

    /// Writes those of `files` that changed; every other file stays (a
    /// rebuild that made only some pages).
    pub fn write_some(&mut self, files: &[OutputFile]) -> Result<WriteStats, OutputError> {
        let mut stats = WriteStats::default();
        for file in files {
            let target = self.root.join(&file.path);
            let made = Written::of(&file.contents);
            if unchanged(made.as_ref(), self.files.get(&file.path)) {
                continue;
            }
            let bytes: Option<std::borrow::Cow<[u8]>> = match &file.contents {
                Contents::Bytes(bytes) => Some(bytes.into()),
                Contents::Static(bytes) => Some((*bytes).into()),
                Contents::Copy(source) => Some(std::fs::read(source).map_err(io_error(source))?.into()),
                Contents::Unchanged => None,
            };
            let (Some(written), Some(bytes)) = (made, bytes) else {
                return Err(OutputError::Io {
                    path: target,
                    error: io::Error::other("marked unchanged but never written"),
                });
            };
            replace_file(&target, &bytes)?;
            self.files.insert(file.path.clone(), written);
            stats.written += 1;
        }
        Ok(stats)
    }
}
