//! The load stage: `site.toml` and every notice under `content/`, parsed in
//! parallel and checked against each other (SPEC §2).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use walkdir::WalkDir;

use crate::load::config::{BaseUrlFrom, Config};
use crate::model::notice::{Attachment, Notice};
use crate::support::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::support::fs::is_editor_temp;

/// What a build includes.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include notices marked `draft = true`.
    pub drafts: bool,
    /// Keep what was parsed in the cache for the next load (the preview);
    /// a one-shot build keeps nothing and reads no file times.
    pub keep_parsed: bool,
}

/// A site's configuration and its published notices, all checked.
#[derive(Debug, Clone)]
pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    /// The notices to publish (drafts left out unless asked for), sorted by
    /// file; the archive orders them for reading.
    pub notices: Vec<Arc<Notice>>,
    /// Files in bundle folders published beside their notice, by notice index.
    pub bundle_files: Vec<Vec<Attachment>>,
    /// Problems that do not stop the build.
    pub warnings: Diagnostics,
}

impl Site {
    /// Loads and checks the whole site. On failure, every error found in
    /// every file is returned.
    pub fn load(root: &Path, options: LoadOptions) -> Result<Site, Diagnostics> {
        let config = Config::load(root).map_err(Diagnostics::from)?;
        Site::load_with_config(root, config, options, &mut ParseCache::default())
    }

    /// Loads the notices of a site whose configuration is already read,
    /// parsing again only the files that changed since they entered `cache`.
    pub fn load_with_config(
        root: &Path,
        config: Config,
        options: LoadOptions,
        cache: &mut ParseCache,
    ) -> Result<Site, Diagnostics> {
        let mut diagnostics = Diagnostics::new();
        let content = root.join("content");
        // The files changed since the last load, when the caller knows
        // them: the others are as the cache has them, unread and unlisted.
        let changed = cache.changed.take().filter(|_| options.keep_parsed);
        let kept = changed
            .as_ref()
            .and_then(|changed| cache.listing.take()?.updated(changed));
        let (files, walk_errors) = match kept {
            Some(files) => (files, Vec::new()),
            None => content_files(root, &content),
        };
        let keep_listing = walk_errors.is_empty() && options.keep_parsed;
        diagnostics.extend(walk_errors);
        let trusted = |file: &PathBuf| changed.as_ref().is_some_and(|changed| !changed.contains(file));

        // Each file's notice, and whether it was read anew.
        let parsed: Vec<(Parsed, bool)> = files
            .markdown
            .par_iter()
            .map(|file| {
                let cached = cache.entries.get(file);
                if let Some(cached) = cached.filter(|_| trusted(file)) {
                    return (cached.clone(), false);
                }
                // A cache that keeps nothing needs no file times.
                let stamp = if options.keep_parsed { FileStamp::of(file) } else { None };
                match cached {
                    Some(cached) if stamp.is_some() && cached.stamp == stamp => (cached.clone(), false),
                    _ => {
                        let result = read_notice(root, file, &config).map(Arc::new);
                        (Parsed { stamp, result }, true)
                    }
                }
            })
            .collect();
        let mut notices = Vec::with_capacity(parsed.len());
        for ((parsed, read), file) in parsed.into_iter().zip(&files.markdown) {
            match &parsed.result {
                Ok(notice) => notices.push(notice.clone()),
                Err(errors) => diagnostics.extend(errors.iter().cloned()),
            }
            // Only what was read anew: the others are kept as they are.
            if read && options.keep_parsed {
                cache.entries.insert(file.clone(), parsed);
            }
        }
        // Files gone since: forgotten.
        if cache.entries.len() > files.markdown.len() {
            let present: FxHashSet<&PathBuf> = files.markdown.iter().collect();
            cache.entries.retain(|file, _| present.contains(file));
        }
        if !options.drafts {
            notices.retain(|notice| !notice.front.draft);
        }
        for notice in &notices {
            if !notice.front.classification.is_empty() && !config.allow_classified {
                diagnostics.push(
                    Diagnostic::error_at(
                        &notice.source,
                        notice.span_of("classification"),
                        format!("notice is classified {:?} and will not be published", notice.front.classification),
                    )
                    .with_label("classified")
                    .with_help("remove it from content/, or set allow_classified = true in site.toml if this archive may hold classified notices"),
                );
            }
        }
        // By file, as listed: the order the duplicate checks name the
        // first of two in, and the order `Builder::build_edited` searches.
        debug_assert!(notices.is_sorted_by(|a, b| a.file <= b.file));
        if !config.has_host() {
            diagnostics.push(host_less_base_url(&config));
        }
        diagnostics.extend(duplicate_numbers(&notices));
        diagnostics.extend(duplicate_urls(&notices));

        if diagnostics.has_errors() {
            if keep_listing {
                cache.listing = Some(files);
            }
            diagnostics.sort();
            return Err(diagnostics);
        }
        let bundle_files = notices
            .iter()
            .map(|notice| {
                if notice.is_bundle {
                    files.in_bundle(&notice.folder)
                } else {
                    Vec::new()
                }
            })
            .collect();
        if keep_listing {
            cache.listing = Some(files);
        }
        diagnostics.sort();
        Ok(Site {
            root: root.to_path_buf(),
            config,
            notices,
            bundle_files,
            warnings: diagnostics,
        })
    }
}

/// The warning for a `base_url` without a host: the sitemap needs
/// absolute URLs, so none is written (SPEC §3).
fn host_less_base_url(config: &Config) -> Diagnostic {
    let (path, line, column) = match config.base_url_from {
        BaseUrlFrom::Flag => ("--base-url", 0, 0),
        BaseUrlFrom::SiteToml(line, column) => ("site.toml", line, column),
        BaseUrlFrom::Default => ("site.toml", 0, 0),
    };
    // A relative site without a host loses its feeds too (SPEC §11).
    let (lost, publish) = if config.writes_feeds() {
        ("no sitemap.xml is written (a sitemap needs", "a sitemap")
    } else {
        (
            "this relative site has no sitemap.xml and no Atom feeds (they need",
            "a sitemap and feeds",
        )
    };
    Diagnostic::warning(
        path,
        line,
        column,
        format!(
            "`base_url` {:?} names no host, so {lost} absolute URLs)",
            config.base_url
        ),
    )
    .with_help(format!(
        "set base_url = \"http://your-intranet-host/\" in site.toml (or pass --base-url) to publish {publish}"
    ))
}

/// Notices parsed by earlier loads, kept by the preview server so that a
/// rebuild parses only the files that changed. Valid for one configuration.
#[derive(Debug, Default)]
pub struct ParseCache {
    entries: FxHashMap<PathBuf, Parsed>,
    /// The files under `content/` at the last load.
    listing: Option<ContentFiles>,
    /// The notice files changed since the last load, if known.
    changed: Option<Vec<PathBuf>>,
}

impl ParseCache {
    /// Forgets every notice kept; the setting stays.
    pub fn clear(&mut self) {
        self.entries.clear();
        self.listing = None;
        self.changed = None;
    }

    /// Tells the next load which notice files (`.md` under `content/`)
    /// were written, made or removed since the last one, as a watcher saw them:
    /// it reads only those, and trusts the content folder's listing and
    /// every other file to be as they were.
    pub fn changed(&mut self, files: Vec<PathBuf>) {
        // Added to those a failed build did not get to load.
        self.changed.get_or_insert_with(Vec::new).extend(files);
    }

    /// Reads and parses one notice again, outside a whole load; `None`
    /// when it cannot be read or has errors, which a whole load reports.
    pub fn reread(root: &Path, file: &Path, config: &Config) -> Option<Reread> {
        let stamp = FileStamp::of(file);
        let notice = read_notice(root, file, config).ok()?;
        Some(Reread {
            stamp,
            notice: Arc::new(notice),
        })
    }

    /// Keeps a notice read by [`ParseCache::reread`] for the next load.
    pub fn keep(&mut self, reread: Reread) {
        let parsed = Parsed {
            stamp: reread.stamp,
            result: Ok(reread.notice.clone()),
        };
        self.entries.insert(reread.notice.file.clone(), parsed);
    }
}

/// A notice read again after an edit ([`ParseCache::reread`]).
#[derive(Debug, Clone)]
pub struct Reread {
    stamp: Option<FileStamp>,
    pub notice: Arc<Notice>,
}

#[derive(Debug, Clone)]
struct Parsed {
    stamp: Option<FileStamp>,
    result: Result<Arc<Notice>, Vec<Diagnostic>>,
}

/// What tells a changed file from an unchanged one without reading it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileStamp {
    len: u64,
    modified: SystemTime,
}

impl FileStamp {
    fn of(file: &Path) -> Option<FileStamp> {
        let meta = std::fs::metadata(file).ok()?;
        Some(FileStamp {
            len: meta.len(),
            modified: meta.modified().ok()?,
        })
    }
}

fn read_notice(root: &Path, file: &Path, config: &Config) -> Result<Notice, Vec<Diagnostic>> {
    let shown = display_path(root, file);
    let bytes = std::fs::read(file).map_err(|error| match error.kind() {
        // Deleted since the folder was listed (a preview racing an editor):
        // it is simply not there any more.
        std::io::ErrorKind::NotFound => Vec::new(),
        _ => vec![Diagnostic::error(
            &shown,
            0,
            0,
            format!("cannot read the notice: {error}"),
        )],
    })?;
    // Validated with SIMD: checking a large archive's text for UTF-8 one
    // character at a time took a tenth of a build that found nothing to
    // render. The standard check only runs to say where it fails.
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        let error = std::str::from_utf8(&bytes).err();
        let valid = &bytes[..error.map_or(0, |error| error.valid_up_to())];
        let valid = String::from_utf8_lossy(valid);
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |tail| tail.chars().count()) + 1;
        return Err(vec![
            Diagnostic::error(&shown, line, column, "the notice is not UTF-8 text")
                .with_help("save the file as UTF-8 (most editors offer it under \"Save with encoding\")"),
        ]);
    };
    crate::load::front_matter::parse(file, &shown, text, config)
}

/// The files found under `content/`, each list in path order (the order
/// of a walk that visits a folder's entries sorted by name).
#[derive(Debug, Default)]
struct ContentFiles {
    markdown: Vec<PathBuf>,
    other: Vec<PathBuf>,
}

impl ContentFiles {
    /// The listing after the notice files `changed` were written or
    /// removed; `None` for a change only a walk may judge (a link, a
    /// folder).
    fn updated(mut self, changed: &[PathBuf]) -> Option<ContentFiles> {
        for path in changed {
            let at = self.markdown.binary_search(path);
            match (std::fs::symlink_metadata(path), at) {
                (Ok(meta), Ok(_)) if meta.is_file() => {}
                (Ok(meta), Err(at)) if meta.is_file() && path.to_str().is_some_and(|path| path.ends_with(".md")) => {
                    self.markdown.insert(at, path.clone());
                }
                (Err(error), at) if error.kind() == std::io::ErrorKind::NotFound => {
                    if let Ok(at) = at {
                        self.markdown.remove(at);
                    }
                }
                _ => return None,
            }
        }
        Some(self)
    }

    /// Every non-Markdown file below a bundle's folder, as attachments.
    fn in_bundle(&self, folder: &Path) -> Vec<Attachment> {
        let first = self.other.partition_point(|file| file.as_path() < folder);
        self.other[first..]
            .iter()
            .take_while(|file| file.starts_with(folder))
            .filter_map(|file| {
                let name = file.strip_prefix(folder).ok()?;
                let size = std::fs::metadata(file).ok()?.len();
                Some(Attachment {
                    name: name.to_string_lossy().replace('\\', "/"),
                    file: file.clone(),
                    size,
                })
            })
            .collect()
    }
}

fn content_files(root: &Path, content: &Path) -> (ContentFiles, Vec<Diagnostic>) {
    let mut files = ContentFiles::default();
    let mut errors = Vec::new();
    if !content.is_dir() {
        return (files, errors);
    }
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let walker = WalkDir::new(content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_editor_temp(&entry.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map(|path| display_path(root, path))
                    .unwrap_or_else(|| PathBuf::from("content"));
                let message = if error.loop_ancestor().is_some() {
                    "a symbolic link here loops back to a folder above it; it is skipped".to_string()
                } else {
                    format!("cannot read: {error}")
                };
                errors.push(Diagnostic::error(path, 0, 0, message));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        if entry.path_is_symlink() {
            let inside = path.canonicalize().is_ok_and(|target| target.starts_with(&real_root));
            if !inside {
                errors.push(Diagnostic::error(
                    display_path(root, path),
                    0,
                    0,
                    "a symbolic link here points outside the site; only files inside the site are published",
                ));
                continue;
            }
        }
        if path.to_str().is_none() {
            errors.push(
                Diagnostic::error(display_path(root, path), 0, 0, "the file name is not valid UTF-8")
                    .with_help("rename the file using UTF-8 characters"),
            );
            continue;
        }
        if path.extension().is_some_and(|ext| ext == "md") {
            files.markdown.push(path.to_path_buf());
        } else {
            files.other.push(path.to_path_buf());
        }
    }
    (files, errors)
}

/// Two notices with the same number and date are one document entered
/// twice. `notices` are sorted by file.
fn duplicate_numbers(notices: &[Arc<Notice>]) -> Vec<Diagnostic> {
    let mut seen: FxHashMap<(String, jiff::civil::Date), &Notice> =
        FxHashMap::with_capacity_and_hasher(notices.len(), Default::default());
    let mut errors = Vec::new();
    for notice in notices.iter().map(|notice| notice.as_ref()) {
        let Some(number) = &notice.front.number else {
            continue;
        };
        let key = (crate::model::number::number_key(number), notice.front.date);
        if let Some(first) = seen.get(&key) {
            let (line, column) = first.source.line_col(first.span_of("number").start);
            errors.push(
                Diagnostic::error_at(
                    &notice.source,
                    notice.span_of("number"),
                    format!(
                        "number {number} dated {} is also used by {}:{line}:{column}",
                        notice.front.date,
                        first.source.path.display()
                    ),
                )
                .with_label("duplicate number and date")
                .with_help("the same document is entered twice, or one of the numbers or dates is mistyped"),
            );
        } else {
            seen.insert(key, notice);
        }
    }
    errors
}

/// Two notices must not be written to the same page. `notices` are sorted
/// by file.
fn duplicate_urls(notices: &[Arc<Notice>]) -> Vec<Diagnostic> {
    let mut seen: FxHashMap<&str, &Notice> = FxHashMap::with_capacity_and_hasher(notices.len(), Default::default());
    let mut errors = Vec::new();
    for notice in notices.iter().map(|notice| notice.as_ref()) {
        let url = notice.url_path();
        if let Some(first) = seen.get(url) {
            let key = if notice.spans.contains_key("slug") {
                "slug"
            } else {
                "number"
            };
            errors.push(
                Diagnostic::error_at(
                    &notice.source,
                    notice.span_of(key),
                    format!("this notice would be written to /{url}, like {}", first.source.path.display()),
                )
                .with_label("same output URL")
                .with_help("numbers restart with a new term or year: give one of them a distinct `slug = \"…\"`, e.g. with the term (\"45-tb-bdvtu-khoa-xx\")"),
            );
        } else {
            seen.insert(url, notice);
        }
    }
    errors
}
