//! The pipeline from a site folder to files in memory: load, link, render.
//! `build` and `check` run it once; `serve` keeps a [`Builder`] between
//! rebuilds so that each stage redoes only what a change touched. There is
//! one pipeline, not a second copy for the preview.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::link::archive::{Archive, LinkCache, LinkOptions};
use crate::load::config::Config;
use crate::load::site::{LoadOptions, ParseCache, Site};
use crate::model::files::{Previous, Sink};
use crate::render::pages::{RenderCache, RenderOptions};
use crate::render::theme::{StaticFile, Theme};
use crate::support::diagnostics::{Diagnostic, Diagnostics};
use crate::write::records::Records;

/// What the command line may change about a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Replaces `base_url` from site.toml.
    pub base_url: Option<String>,
    /// Relative links (`--relative`), as `relative_urls = true` does.
    pub relative: bool,
}

/// A site built; its files went to the [`Sink`] the build was given (with
/// a warm [`Builder`], those whose bytes did not change arrive as
/// [`crate::model::files::Contents::Unchanged`]).
#[derive(Debug)]
pub struct Built {
    pub archive: Arc<Archive>,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
    /// How many HTML pages the site has.
    pub pages: usize,
    /// How many pages were rendered (the rest were known to be unchanged).
    pub rendered: usize,
}

/// Reads the configuration, with the command line's overrides applied.
pub fn load_config(root: &Path, options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(root).map_err(Diagnostics::from)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = crate::load::config::normalize_base_url(base_url).ok_or_else(|| {
            Diagnostics::from(vec![Diagnostic::error(
                "--base-url",
                0,
                0,
                format!(
                    "{base_url:?} is not \"/\", a path like \"/thongbao/\" or a URL like \"http://host/thongbao/\""
                ),
            )])
        })?;
        config.base_url_from = crate::load::config::BaseUrlFrom::Flag;
    }
    config.relative_urls |= options.relative;
    Ok(config)
}

/// Builds a site once, from nothing, handing its files to `sink`.
pub fn build_site(root: &Path, options: &BuildOptions, sink: &mut dyn Sink) -> Result<Built, Diagnostics> {
    Builder::one_shot(root, options).build(sink)
}

/// How the Builder runs its stages: one value, from which each stage's
/// options are made (the caches hold data only).
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Keep parsed notices, rendered bodies and views for the next run
    /// (the preview); a one-shot build keeps nothing.
    pub keep_caches: bool,
    /// Leave the site-wide files to [`crate::render::pages::site_files`]
    /// (the preview makes them after the tabs reloaded).
    pub defer_site_files: bool,
    /// Make the search index (off only to measure what it costs).
    pub search_index: bool,
    /// Let go of the notices' texts once linked (see
    /// [`Archive::release_texts`]): `thongbao build` reads none after.
    pub release_texts: bool,
}

impl Settings {
    /// A preview's: everything kept between runs.
    pub fn kept() -> Settings {
        Settings {
            keep_caches: true,
            defer_site_files: false,
            search_index: true,
            release_texts: false,
        }
    }

    fn load(&self, options: &BuildOptions) -> LoadOptions {
        LoadOptions {
            drafts: options.drafts,
            keep_parsed: self.keep_caches,
        }
    }

    fn link(&self, record: bool) -> LinkOptions {
        LinkOptions {
            keep_bodies: self.keep_caches,
            record,
        }
    }

    fn render(&self) -> RenderOptions {
        RenderOptions {
            keep_views: self.keep_caches,
            defer_site_files: self.defer_site_files,
            search_index: self.search_index,
        }
    }
}

/// Runs the pipeline repeatedly on one site, keeping parsed notices,
/// rendered bodies and page fingerprints between runs.
#[derive(Debug)]
pub struct Builder {
    root: PathBuf,
    options: BuildOptions,
    settings: Settings,
    parse_cache: ParseCache,
    link_cache: LinkCache,
    render_cache: RenderCache,
    /// Fingerprint of the configuration and theme the caches were made
    /// with: when it changes, everything is rebuilt.
    generation: Option<u64>,
    /// The records of the output folder the next build replaces: its files
    /// whose sources did not change are kept instead of rendered.
    records: Option<Records>,
    /// Whether the next build is to read them (once per build).
    read_records: bool,
    /// The last good build, which edits to notices start from
    /// ([`Builder::build_edited`]).
    last: Option<LastBuild>,
}

/// What changed since the last build, as the preview's watcher saw it.
#[derive(Debug, Clone, Default)]
pub struct Changes {
    /// Every path that changed.
    pub paths: Vec<PathBuf>,
    /// Whether every one of them is a notice file: then edits that move no
    /// notice are rebuilt in place ([`Builder::build_edited`]).
    pub notices_only: bool,
    /// Whether an attachment or a folder under `content/` changed: pages
    /// list their attachments' sizes, so nothing kept can be trusted.
    pub content_files: bool,
}

/// What [`Builder::apply`] made: the sink got either only the pages that
/// show the edited notices, or the whole site.
#[derive(Debug)]
pub enum Rebuilt {
    /// Only some pages: every other file stays as it was.
    Edited(Built),
    /// Every page (site-wide files left to the preview's worker).
    Whole(Built),
}

/// The archive of a good build and the theme it was rendered with.
#[derive(Debug)]
struct LastBuild {
    archive: Arc<Archive>,
    theme: Theme,
}

impl Builder {
    pub fn new(root: &Path, options: BuildOptions) -> Builder {
        Builder {
            root: root.to_path_buf(),
            options,
            parse_cache: ParseCache::default(),
            link_cache: LinkCache::default(),
            render_cache: RenderCache::default(),
            generation: None,
            settings: Settings::kept(),
            records: None,
            read_records: false,
            last: None,
        }
    }

    /// A builder for one build, which keeps nothing for a next one.
    pub fn one_shot(root: &Path, options: &BuildOptions) -> Builder {
        let mut builder = Builder::new(root, options.clone());
        builder.settings.keep_caches = false;
        builder
    }

    /// For `thongbao build`, which reads no notice's text after linking:
    /// lets go of them then, which keeps a large archive's build smaller.
    pub fn release_texts_after_linking(&mut self) {
        self.settings.release_texts = true;
    }

    /// The next build starts from what the last build into `records`'
    /// output recorded (see [`crate::model::files::Previous`]); pages it would
    /// render the same are kept, and the sink is handed them as
    /// [`crate::model::files::Contents::Unchanged`].
    pub fn keep_unchanged_from(&mut self, records: Records) {
        self.records = Some(records);
        self.read_records = true;
    }

    /// Writes the records of this build for the next one: the list of its
    /// pages (with each file's stamp in the output, so call this once the
    /// output is in place) and what each body cites. When the output was
    /// left as it was (`output_kept`), its pages list still holds, file for
    /// file and stamp for stamp, and is not made again (a stat of every
    /// file: 123,511 at 100,000 notices). When they cannot be written, the
    /// old ones are removed: the next build is a full one.
    pub fn write_records(&self, output_kept: bool) -> std::io::Result<()> {
        let Some(records) = &self.records else {
            return Ok(());
        };
        let generation = self.generation.unwrap_or_default();
        let links = self
            .link_cache
            .list(&self.root, &records.header("links", maker(), generation));
        let written = if output_kept {
            Ok(())
        } else {
            let pages = Previous::write(records, maker(), generation, self.render_cache.records());
            records.write("pages", pages.as_bytes())
        }
        .and_then(|()| records.write("links", links.as_bytes()));
        if written.is_err() {
            records.remove();
        }
        written
    }

    /// Whether the last build made the very files listed by the output
    /// it kept pages from (see [`RenderCache::same_files_as_before`]).
    pub fn same_files_as_previous_output(&self) -> bool {
        self.render_cache.same_files_as_before()
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// For the preview: builds leave out the site-wide files, which
    /// [`Builder::site_files`] then makes for the last good build.
    pub fn defer_site_files(&mut self) {
        self.settings.defer_site_files = true;
    }

    /// Builds without the search index, to measure what it costs.
    pub fn leave_out_search_index(&mut self) {
        self.settings.search_index = false;
    }

    /// The sitemap's pages of the last build, for [`crate::render::pages::site_files`].
    pub fn sitemap_entries(&self) -> Arc<Vec<crate::outputs::sitemap::SitemapEntry>> {
        self.render_cache.sitemap_entries.clone()
    }

    /// Tells the next build which notice files were written or removed
    /// since the last one (the preview's watcher knows): it reads only
    /// those, without listing the content folder or checking every file's
    /// time (see [`ParseCache::changed`]).
    pub fn changed_files(&mut self, files: Vec<PathBuf>) {
        self.parse_cache.changed(files);
    }

    /// Forgets everything kept from earlier runs; the settings (what is
    /// kept at all, where the last output is) stay.
    pub fn clear(&mut self) {
        self.parse_cache.clear();
        self.link_cache.clear();
        self.render_cache.clear();
        self.generation = None;
        self.last = None;
    }

    /// Rebuilds after edits to the notice files `files` that moved none of
    /// them ([`crate::model::notice::Notice::same_place`]: a new title, body,
    /// summary, citations…), from the last good build: only these notices,
    /// the bodies that cite them and the pages that show them are made
    /// again, and the sink gets only those pages. The site-wide files are
    /// left to [`crate::render::pages::site_files`], as the preview does.
    ///
    /// `None` when the edits need the whole pipeline (a notice added,
    /// removed or moved, an error or a warning to report, no good build
    /// yet): the caller runs [`Builder::build`], and nothing kept changed.
    pub fn build_edited(&mut self, files: &[PathBuf], sink: &mut dyn Sink) -> Option<Built> {
        if !self.settings.defer_site_files || !self.settings.keep_caches || files.is_empty() {
            return None;
        }
        let last = self.last.as_ref()?;
        let notices = last.archive.notices();
        let mut edits = Vec::with_capacity(files.len());
        let mut rereads = Vec::with_capacity(files.len());
        for file in files {
            let at = notices
                .binary_search_by(|notice| notice.file.as_path().cmp(file))
                .ok()?;
            let reread = ParseCache::reread(&self.root, file, &last.archive.site.config)?;
            let shown = crate::support::diagnostics::display_path(&self.root, file);
            if !notices[at].same_place(&reread.notice)
                || last.archive.warnings.iter().any(|warning| warning.path == shown)
            {
                return None;
            }
            edits.push((at, reread.notice.clone()));
            rereads.push(reread);
        }
        let mut archive = Archive::clone(&last.archive);
        let (touched, bodies) = archive.edit(&edits)?;
        // Rendered as the last build was: a change to the theme is a
        // change of its own, for the whole pipeline.
        let stats = crate::render::pages::render_touched(
            &archive,
            &last.theme,
            self.settings.render(),
            &mut self.render_cache,
            sink,
            &touched,
        )
        .ok()?;
        self.link_cache.keep(bodies);
        for reread in rereads {
            self.parse_cache.keep(reread);
        }
        let archive = Arc::new(archive);
        if let Some(last) = &mut self.last {
            last.archive = archive.clone();
        }
        Some(Built {
            warnings: archive.warnings.clone(),
            archive,
            pages: stats.pages,
            rendered: stats.rendered,
        })
    }

    /// Rebuilds after `changes`, doing no more than they need: the pages
    /// of edited notices alone when that is all it takes, else the whole
    /// pipeline, told which notice files changed when only those did.
    /// The invalidation rules of the preview live here, not in `serve`.
    pub fn apply(&mut self, changes: &Changes, sink: &mut dyn Sink) -> Result<Rebuilt, Diagnostics> {
        if changes.content_files {
            self.clear();
        }
        if changes.notices_only {
            // Collected apart: an edit that turns out to need the whole
            // pipeline hands nothing to the sink.
            let mut edited = crate::model::files::Collect::default();
            if let Some(built) = self.build_edited(&changes.paths, &mut edited) {
                sink.accept(edited.0)
                    .map_err(|error| Diagnostics::from(vec![Diagnostic::error("public", 0, 0, error.to_string())]))?;
                return Ok(Rebuilt::Edited(built));
            }
            // Only these notice files changed: the whole pipeline need not
            // list and check the others.
            self.changed_files(changes.paths.clone());
        }
        self.build(sink).map(Rebuilt::Whole)
    }

    /// Runs the whole pipeline. Every error of every stage that could run
    /// is returned together. A failed run keeps the caches of the last
    /// good one, so fixing the error costs no more than any other change.
    pub fn build(&mut self, sink: &mut dyn Sink) -> Result<Built, Diagnostics> {
        self.last = None;
        let config = load_config(&self.root, &self.options)?;
        let theme = Theme::load(&self.root, &config);
        if let Ok(theme) = &theme {
            self.start_generation(&config, theme);
        }
        let site = self.load(config);
        let (theme, site) = both(theme, site)?;
        let archive = self.link(site)?;
        let stats =
            crate::render::pages::render_site(&archive, &theme, self.settings.render(), &mut self.render_cache, sink)?;
        Ok(self.finish(archive, theme, stats))
    }

    /// Clears every cache when the configuration or theme changed, and
    /// reads the build records of the output, once.
    fn start_generation(&mut self, config: &Config, theme: &Theme) {
        let generation = generation(config, theme);
        if self.generation != Some(generation) {
            self.clear();
            self.generation = Some(generation);
        }
        if let Some(records) = self.records.as_ref().filter(|_| self.read_records) {
            self.read_records = false;
            self.render_cache
                .keep_from(Previous::read(records, maker(), generation));
            if let Some(list) = records.read("links") {
                self.link_cache
                    .read_list(&self.root, &list, &records.header("links", maker(), generation));
            }
        }
    }

    /// The load stage.
    fn load(&mut self, config: Config) -> Result<Site, Diagnostics> {
        Site::load_with_config(
            &self.root,
            config,
            self.settings.load(&self.options),
            &mut self.parse_cache,
        )
    }

    /// The link stage; then the texts are let go of, when asked.
    fn link(&mut self, site: Site) -> Result<Archive, Diagnostics> {
        let mut archive = Archive::link(site, self.settings.link(self.records.is_some()), &mut self.link_cache)?;
        if self.settings.release_texts {
            archive.release_texts();
        }
        Ok(archive)
    }

    /// What a good build leaves: the archive for edits in place, and what
    /// the caller is told.
    fn finish(&mut self, archive: Archive, theme: Theme, stats: crate::render::pages::RenderStats) -> Built {
        let warnings = archive.warnings.clone();
        let archive = Arc::new(archive);
        if self.settings.keep_caches {
            self.last = Some(LastBuild {
                archive: archive.clone(),
                theme,
            });
        }
        Built {
            archive,
            warnings,
            pages: stats.pages,
            rendered: stats.rendered,
        }
    }
}

/// The theme and the site when both loaded; else every error of both.
fn both(theme: Result<Theme, Vec<Diagnostic>>, site: Result<Site, Diagnostics>) -> Result<(Theme, Site), Diagnostics> {
    match (theme, site) {
        (Ok(theme), Ok(site)) => Ok((theme, site)),
        (theme, site) => {
            let mut errors = Diagnostics::new();
            if let Err(theme_errors) = theme {
                errors.extend(theme_errors);
            }
            if let Err(site_errors) = site {
                errors.extend(site_errors);
            }
            errors.sort();
            Err(errors)
        }
    }
}

/// Which thongbao made an output: its version and the executable itself
/// (its size and time), so that pages kept from an earlier build were
/// rendered by the same code.
/// Read once: it is the same for every list of the process (and the
/// running code is what it was at the start, whatever happens on disk).
fn maker() -> u64 {
    static MAKER: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *MAKER.get_or_init(|| {
        let executable = std::env::current_exe().and_then(std::fs::metadata).ok();
        let mut hasher = std::hash::DefaultHasher::new();
        env!("CARGO_PKG_VERSION").hash(&mut hasher);
        executable.as_ref().map(|meta| meta.len()).hash(&mut hasher);
        executable.and_then(|meta| meta.modified().ok()).hash(&mut hasher);
        hasher.finish()
    })
}

/// A fingerprint of everything besides the notices that pages depend on.
fn generation(config: &Config, theme: &Theme) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    format!("{config:?}").hash(&mut hasher);
    for (name, template) in &theme.templates {
        (name, &template.text).hash(&mut hasher);
    }
    theme.strings.hash(&mut hasher);
    for (path, file) in &theme.static_files {
        path.hash(&mut hasher);
        match file {
            StaticFile::BuiltIn(bytes) => bytes.hash(&mut hasher),
            StaticFile::OnDisk(source) => {
                let meta = std::fs::metadata(source).ok();
                meta.as_ref().map(|meta| meta.len()).hash(&mut hasher);
                meta.and_then(|meta| meta.modified().ok()).hash(&mut hasher);
            }
        }
    }
    hasher.finish()
}
