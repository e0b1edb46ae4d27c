//! The render stage: which pages the archive has (SPEC §4), the data each
//! gets, and rendering them all in parallel into files held in memory.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;
use std::sync::OnceLock;

use minijinja::{Value, context};
use rayon::prelude::*;

use crate::link::archive::{Archive, PageSlice, TaxonomyKind, paginate};
use crate::load::config::DocumentStyle;
use crate::model::files::{Contents, OutputFile, Previous, Record, Sink};
use crate::model::relation::Relation;
use crate::outputs::sitemap::SitemapEntry;
use crate::render::relations::{self, notice_citation};
use crate::render::renderer::Renderer;
use crate::render::theme::{StaticFile, Theme};
use crate::render::views::*;
use crate::support::diagnostics::{Diagnostic, Diagnostics};
use crate::support::text::slugify;

/// The templates every theme must have, one per kind of page.
pub const TEMPLATES: [&str; 12] = [
    "index.html",
    "tasks.html",
    "diagram.html",
    "register.html",
    "notice.html",
    "year.html",
    "archive.html",
    "taxonomy.html",
    "term.html",
    "search.html",
    "404.html",
    "base.html",
];

/// One page to render: its file under the output root, its template, its
/// data, and a fingerprint of everything its output depends on.
struct PageJob<'a> {
    path: String,
    template: &'static str,
    context: JobContext<'a>,
    fingerprint: u64,
    /// For the sitemap: the newest date of what the page shows; `None`
    /// for pages that are not listed (404).
    lastmod: Option<jiff::civil::Date>,
}

/// A page's data: ready, a notice page's, or a listing page's, the last two
/// made only when the page is rendered (not when it is known unchanged).
enum JobContext<'a> {
    Ready(Value),
    Notice(usize),
    /// A notice's relations diagram.
    Diagram(usize),
    /// A year's register, by its place in the archive's years.
    Register(usize),
    Later(Later<'a>),
}

/// What a render produced.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderStats {
    /// HTML pages the site has.
    pub pages: usize,
    /// Pages rendered this time (the others were known to be unchanged).
    pub rendered: usize,
}

/// Pages rendered at once before they are handed to the sink.
const BATCH: usize = 512;

/// What was rendered last time, kept by the preview server or read from
/// the output a build replaces: a page whose fingerprint is unchanged is
/// not rendered again, and a page whose bytes come out the same is not
/// rewritten.
#[derive(Debug, Default)]
pub struct RenderCache {
    /// The sitemap's pages of the last render, for [`site_files`].
    pub sitemap_entries: std::sync::Arc<Vec<SitemapEntry>>,
    /// Each notice's template data, by file, with the key it was made for.
    views: HashMap<PathBuf, (u64, Value)>,
    /// Each page's and site-wide file's record, by output path.
    pages: HashMap<String, Record>,
    /// Fingerprints of files the last build listed but that are gone.
    lost: std::collections::HashSet<u64>,
    /// How many pages the last whole render made.
    page_count: usize,
    /// How many files the output read by [`RenderCache::keep_from`] listed.
    listed_before: Option<usize>,
}

impl RenderCache {
    /// Forgets everything rendered; the settings stay.
    pub fn clear(&mut self) {
        self.sitemap_entries = Default::default();
        self.views.clear();
        self.pages.clear();
        self.lost.clear();
        self.listed_before = None;
    }

    /// Starts from the files a build left in the output folder.
    pub fn keep_from(&mut self, previous: Previous) {
        self.pages = previous.files;
        self.lost = previous.lost;
        self.listed_before = Some(previous.listed);
    }

    /// Whether the last render made exactly the files the output it kept
    /// from listed, none of them lost: if every one was also unchanged,
    /// the output is already this build's.
    pub fn same_files_as_before(&self) -> bool {
        self.lost.is_empty() && self.listed_before == Some(self.pages.len())
    }

    /// The pages and site-wide files of the last render, by output path.
    pub fn records(&self) -> &HashMap<String, Record> {
        &self.pages
    }
}

/// A site-wide file every build writes: kept site-wide files are
/// recognised by it. (Not the sitemap, which a site whose `base_url` has no
/// host does not have.)
const SITE_FILES_MARK: &str = "notices.json";

/// What the site-wide files (feeds, sitemap, register, search index) are
/// made of besides the configuration and theme: every notice, in order,
/// and where it is published (what a notice cites follows from those).
fn site_key(archive: &Archive) -> u64 {
    let notices = archive.notices();
    hash_of(
        archive
            .order
            .iter()
            .map(|&index| (notices[index].fingerprint, notices[index].url_path()))
            .collect::<Vec<_>>(),
    )
}

fn hash_of(value: impl Hash) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// What a notice's page and listing entries depend on: the notice itself,
/// and the number, date, title and URL of every notice it cites or that
/// cites it (all in their files' fingerprints).
fn view_key(archive: &Archive, index: usize) -> u64 {
    let notices = archive.notices();
    let notice = &notices[index];
    let mut hasher = DefaultHasher::new();
    (notice.fingerprint, notice.url_path()).hash(&mut hasher);
    let related = |other: usize| (notices[other].fingerprint, notices[other].url_path());
    for citation in archive.citations.cites[index].iter() {
        (
            &citation.number,
            citation.date,
            citation.from as u8,
            citation.relation.code(),
            citation.part,
            citation.target.map(related),
        )
            .hash(&mut hasher);
    }
    for received in archive.citations.received[index].iter() {
        (related(received.from), received.relation.code(), received.part).hash(&mut hasher);
    }
    // Its tasks: their units' names come from the whole archive, and the
    // reports that closed them are linked.
    for task in archive.tasks.of(index) {
        (task, task.done_by_target.map(related)).hash(&mut hasher);
    }
    // The tasks it closed, as a report, and the notices that assigned them.
    for task in archive.tasks.closed_by(index) {
        (task, related(task.notice)).hash(&mut hasher);
    }
    hasher.finish()
}

/// A listing of the archive: its pages are numbered from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Listing {
    Home,
    Year(i16),
    /// A term, by its place in its taxonomy.
    Term(TaxonomyKind, usize),
}

/// The pages that show one of some notices: their own, and the listing
/// pages they are on.
struct Touched<'a> {
    notices: &'a [usize],
    listings: HashSet<(Listing, usize)>,
    terms: HashSet<(TaxonomyKind, usize)>,
}

impl<'a> Touched<'a> {
    fn new(archive: &Archive, notices: &'a [usize], per_page: usize) -> Touched<'a> {
        let per_page = per_page.max(1);
        let mut touched = Touched {
            notices,
            listings: HashSet::new(),
            terms: HashSet::new(),
        };
        for &index in notices {
            // Every listing is in the archive's order, so a notice's place
            // in it is found by its rank.
            let rank = archive.rank[index];
            touched.listings.insert((Listing::Home, rank / per_page + 1));
            let year = archive.notices()[index].year();
            if let Some(first) = archive
                .years
                .iter()
                .find(|listing| listing.year == year)
                .and_then(|listing| listing.notices.first())
            {
                let place = rank - archive.rank[*first];
                touched.listings.insert((Listing::Year(year), place / per_page + 1));
            }
            for taxonomy in &archive.taxonomies {
                for (at, term) in taxonomy.terms.iter().enumerate() {
                    if let Ok(place) = term.notices.binary_search_by_key(&rank, |&other| archive.rank[other]) {
                        touched.terms.insert((taxonomy.kind, at));
                        touched
                            .listings
                            .insert((Listing::Term(taxonomy.kind, at), place / per_page + 1));
                    }
                }
            }
        }
        touched
    }
}

/// How the render stage runs.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Keep the notices' views in the cache for the next render (the
    /// preview); a one-shot build would only pay for filling it.
    pub keep_views: bool,
    /// Leave the site-wide files (feeds, sitemap, register, search index)
    /// to [`site_files`]: the preview makes them after the tabs reloaded.
    pub defer_site_files: bool,
    /// Make the search index (off only to measure what it costs,
    /// `examples/search-bench.rs`).
    pub search_index: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            keep_views: false,
            defer_site_files: false,
            search_index: true,
        }
    }
}

/// Everything a build writes, handed to `sink` in batches, and how many
/// pages were rendered. Pages `cache` knows to be unchanged are
/// [`Contents::Unchanged`].
pub fn render_site(
    archive: &Archive,
    theme: &Theme,
    options: RenderOptions,
    cache: &mut RenderCache,
    sink: &mut dyn Sink,
) -> Result<RenderStats, Diagnostics> {
    render(archive, theme, options, cache, sink, None)
}

/// Renders only the pages that show one of the `touched` notices after
/// edits that moved no notice ([`Archive::edit`]): their own pages and the
/// listing pages they are on. The site-wide files are left to
/// [`site_files`], as with [`RenderOptions::defer_site_files`]; every other
/// file stays as the last render made it, and is not handed to `sink`.
pub fn render_touched(
    archive: &Archive,
    theme: &Theme,
    options: RenderOptions,
    cache: &mut RenderCache,
    sink: &mut dyn Sink,
    touched: &[usize],
) -> Result<RenderStats, Diagnostics> {
    let touched = Touched::new(archive, touched, archive.site.config.paginate_by);
    render(archive, theme, options, cache, sink, Some(&touched))
}

/// Plans every page (or those `only` names), renders them in batches,
/// then finishes: the records of this render, attachments and theme files,
/// and the site-wide files.
fn render(
    archive: &Archive,
    theme: &Theme,
    options: RenderOptions,
    cache: &mut RenderCache,
    sink: &mut dyn Sink,
    only: Option<&Touched>,
) -> Result<RenderStats, Diagnostics> {
    let plan = Plan::new(archive, theme, std::mem::take(&mut cache.views), only)?;
    let jobs = plan.jobs();
    let sitemap_entries = sitemap_entries(&jobs);
    let mut view_updates: Vec<(PathBuf, (u64, Value))> = Vec::new();
    let result = std::thread::scope(|scope| {
        let previous = std::mem::take(&mut cache.pages);
        let site_files = SiteFiles::plan(archive, options, cache, &previous);
        // Otherwise the search index, which depends on the archive alone, is
        // made on a thread of its own while the pages render and are
        // written, which leaves a core idle now and then.
        let search = (site_files.make && options.search_index)
            .then(|| scope.spawn(|| crate::outputs::search::search_files(archive)));
        let mut stats = RenderStats {
            pages: if plan.whole() { jobs.len() } else { cache.page_count },
            rendered: 0,
        };
        let errors = render_batches(&plan, jobs, &previous, &mut cache.pages, sink, &mut stats)?;
        if options.keep_views {
            view_updates = plan.views_made();
        }
        if !plan.whole() {
            // Only some pages rendered: the others' records stay.
            let made = std::mem::replace(&mut cache.pages, previous);
            if errors.has_errors() {
                return Err(sorted(errors));
            }
            cache.pages.extend(made);
            return Ok(stats);
        }
        cache.page_count = stats.pages;
        if errors.has_errors() {
            // The next attempt must not trust fingerprints of pages that failed.
            cache.pages = previous;
            return Err(sorted(errors));
        }
        let mut copies = static_files(theme);
        copies.extend(attachment_files(archive));
        accept(sink, keep_copies(copies, &previous, &mut cache.pages))?;
        site_files.finish(archive, options, cache, sink, sitemap_entries, search)?;
        Ok(stats)
    });
    if options.keep_views {
        // A view is used only while its key holds, so the last render's
        // stay beside this one's; those of notices gone are forgotten.
        let mut views = plan.old_views;
        views.extend(view_updates);
        if views.len() > archive.notices().len() {
            let present: HashSet<&PathBuf> = archive.notices().iter().map(|notice| &notice.file).collect();
            views.retain(|file, _| present.contains(file));
        }
        cache.views = views;
    }
    result
}

fn sorted(mut errors: Diagnostics) -> Diagnostics {
    errors.sort();
    errors
}

/// Hands `files` to the sink; a sink's error is the build's.
fn accept(sink: &mut dyn Sink, files: Vec<OutputFile>) -> Result<(), Diagnostics> {
    sink.accept(files)
        .map_err(|error| Diagnostics::from(vec![Diagnostic::error("public", 0, 0, error.to_string())]))
}

/// What every page of one render shares, each made at most once: the
/// renderer, the site's data, each notice's view key and its listing view
/// (or the one kept from the last render while its key holds).
struct Plan<'a> {
    archive: &'a Archive,
    renderer: Renderer,
    site: Value,
    /// The pages to render after edits in place; `None`: all of them.
    only: Option<&'a Touched<'a>>,
    keys: Vec<OnceLock<u64>>,
    old_views: HashMap<PathBuf, (u64, Value)>,
    views: Vec<OnceLock<Value>>,
    /// What pages show of each notice again and again.
    cache: relations::Cache,
    /// How links are made relative, when they are (SPEC §11).
    relative: Option<crate::render::relative::RelativeLinks>,
}

impl<'a> Plan<'a> {
    fn new(
        archive: &'a Archive,
        theme: &Theme,
        old_views: HashMap<PathBuf, (u64, Value)>,
        only: Option<&'a Touched<'a>>,
    ) -> Result<Plan<'a>, Diagnostics> {
        let config = &archive.site.config;
        let renderer = Renderer::new(theme, config).map_err(Diagnostics::from)?;
        let missing: Vec<&str> = TEMPLATES
            .iter()
            .copied()
            .filter(|name| !renderer.has_template(name))
            .collect();
        if !missing.is_empty() {
            return Err(Diagnostics::from(vec![
                Diagnostic::error(
                    "site.toml",
                    0,
                    0,
                    format!("theme {:?} has no template {}", config.theme, missing.join(", ")),
                )
                .with_help(format!("a theme needs every one of: {}", TEMPLATES.join(", "))),
            ]));
        }
        let count = archive.notices().len();
        // Every notice's key for a whole render, computed together; else
        // those of the pages rendered, when first needed.
        let keys = if only.is_none() {
            (0..count)
                .into_par_iter()
                .map(|index| OnceLock::from(view_key(archive, index)))
                .collect()
        } else {
            (0..count).map(|_| OnceLock::new()).collect()
        };
        Ok(Plan {
            archive,
            site: to_value(SiteView::new(config)),
            renderer,
            only,
            keys,
            old_views,
            views: (0..count).map(|_| OnceLock::new()).collect(),
            cache: relations::Cache::new(count),
            relative: crate::render::relative::RelativeLinks::of(config),
        })
    }

    fn whole(&self) -> bool {
        self.only.is_none()
    }

    fn wanted(&self, listing: Listing, page: usize) -> bool {
        self.only.is_none_or(|only| only.listings.contains(&(listing, page)))
    }

    fn key(&self, index: usize) -> u64 {
        *self.keys[index].get_or_init(|| view_key(self.archive, index))
    }

    /// A notice's listing data, made when a listing page that shows it is
    /// rendered, at most once, or kept from the last render.
    fn view(&self, index: usize) -> Value {
        self.views[index]
            .get_or_init(|| match self.old_views.get(&self.archive.notices()[index].file) {
                Some((old, view)) if *old == self.key(index) => view.clone(),
                _ => to_value(notice_view(self.archive, index, &self.renderer, &self.cache, false)),
            })
            .clone()
    }

    fn listed(&self, items: &[usize]) -> Vec<u64> {
        items.iter().map(|&i| self.key(i)).collect()
    }

    /// The views made this render, to keep beside the others.
    fn views_made(&self) -> Vec<(PathBuf, (u64, Value))> {
        self.views
            .iter()
            .enumerate()
            .filter_map(|(index, view)| {
                let view = view.get()?.clone();
                Some((self.archive.notices()[index].file.clone(), (self.key(index), view)))
            })
            .collect()
    }

    /// Every page to render: the notices', the listings', the pages of
    /// counts and facets, search and 404.
    fn jobs(&'a self) -> Vec<PageJob<'a>> {
        let archive = self.archive;
        let notice_job = |index: usize| {
            let notice = &archive.notices()[index];
            PageJob {
                path: format!("{}index.html", notice.url_path()),
                template: "notice.html",
                // The full view (body, citation lists) is made when the page
                // is rendered, so the archive's bodies are never all copied at once.
                context: JobContext::Notice(index),
                fingerprint: self.key(index),
                lastmod: Some(notice.front.date),
            }
        };
        let mut jobs: Vec<PageJob> = match self.only {
            None => (0..archive.notices().len()).into_par_iter().map(notice_job).collect(),
            Some(only) => only.notices.iter().map(|&index| notice_job(index)).collect(),
        };
        self.diagram_jobs(&mut jobs);
        self.register_jobs(&mut jobs);
        self.task_jobs(&mut jobs);
        self.home_and_year_jobs(&mut jobs);
        if self.whole() {
            // The pages of counts and facets: the same after edits that
            // moved no notice.
            jobs.push(self.archive_job());
        }
        for taxonomy in &archive.taxonomies {
            self.taxonomy_jobs(&mut jobs, taxonomy);
        }
        if self.whole() {
            self.search_and_404_jobs(&mut jobs);
        }
        jobs
    }

    /// A relations diagram for every notice, also one with no relation yet
    /// (its page says so): its address never stops answering (after
    /// edits, those of the touched notices and of the notices they show).
    fn diagram_jobs(&self, jobs: &mut Vec<PageJob<'a>>) {
        let archive = self.archive;
        let wanted: Vec<usize> = match self.only {
            None => (0..archive.notices().len()).collect(),
            Some(only) => {
                let mut wanted: Vec<usize> = only.notices.to_vec();
                for &index in only.notices {
                    wanted.extend(relations::diagram_notices(archive, index));
                }
                wanted.sort_unstable();
                wanted.dedup();
                wanted
            }
        };
        let made: Vec<PageJob<'a>> = wanted
            .into_par_iter()
            .map(|index| {
                let notice = &archive.notices()[index];
                let shown = relations::diagram_notices(archive, index);
                PageJob {
                    path: format!("{}luoc-do/index.html", notice.url_path()),
                    template: "diagram.html",
                    context: JobContext::Diagram(index),
                    fingerprint: hash_of((
                        self.key(index),
                        shown.iter().map(|&other| self.key(other)).collect::<Vec<_>>(),
                    )),
                    lastmod: Some(notice.front.date),
                }
            })
            .collect();
        jobs.extend(made);
    }

    /// The register of every year (after edits, of the touched notices' years).
    fn register_jobs(&self, jobs: &mut Vec<PageJob<'a>>) {
        let archive = self.archive;
        for (at, year) in archive.years.iter().enumerate() {
            if let Some(only) = self.only
                && !only
                    .notices
                    .iter()
                    .any(|&index| archive.notices()[index].year() == year.year)
            {
                continue;
            }
            jobs.push(PageJob {
                path: format!("register/{}/index.html", year.year),
                template: "register.html",
                context: JobContext::Register(at),
                fingerprint: hash_of((year.year, self.listed(&year.notices))),
                lastmod: year.notices.first().map(|&i| archive.notices()[i].front.date),
            });
        }
    }

    /// `/tasks/` and each unit's `/tasks/{slug}/`, paginated (after edits,
    /// only when a touched notice has tasks: their titles show there).
    fn task_jobs(&'a self, jobs: &mut Vec<PageJob<'a>>) {
        use crate::render::tasks::{TASKS_PER_PAGE, task_view, unit_views};
        let archive = self.archive;
        let tasks = &archive.tasks;
        if let Some(only) = self.only
            && !only.notices.iter().any(|&index| !tasks.of(index).is_empty())
        {
            return;
        }
        let config = &archive.site.config;
        let base = config.base_path();
        let units = unit_views(archive);
        // One copy of the list of units for every page of /tasks/.
        let units_value = to_value(&units);
        let units_key = hash_of(&units);
        let as_of = (
            config.today.to_string(),
            relations::short_date(&self.renderer, config.today),
        );
        let newest = self.newest();
        let mut listing =
            |path: String, unit: Option<&crate::render::tasks::UnitView>, items: Vec<(usize, &'static str)>| {
                for slice in paginate(items.len(), TASKS_PER_PAGE) {
                    let views: Vec<_> = items[slice.start..slice.end]
                        .iter()
                        .map(|&(at, role)| task_view(archive, &tasks.all[at], &self.renderer, role))
                        .collect();
                    let paginator = PaginatorView::new(base, &path, &slice, items.len());
                    let fingerprint = hash_of((
                        &views,
                        units_key,
                        unit.map(|unit| &unit.slug),
                        slice.number,
                        slice.total,
                        &as_of,
                    ));
                    let (unit_value, units_value, as_of) = (unit.map(to_value), units_value.clone(), as_of.clone());
                    let count = items.len();
                    // Made when the page is rendered: the pages of a large
                    // archive's tasks are never all held at once.
                    let context: Later<'a> = Box::new(move || {
                        context! {
                            site => self.site.clone(),
                            unit => unit_value,
                            units => units_value,
                            tasks => to_value(&views),
                            count => count,
                            as_of => as_of.0,
                            as_of_text => as_of.1,
                            paginator => to_value(paginator),
                        }
                    });
                    jobs.push(PageJob {
                        path: format!("{}index.html", crate::link::archive::page_path(&path, slice.number)),
                        template: "tasks.html",
                        context: JobContext::Later(context),
                        fingerprint,
                        lastmod: newest,
                    });
                }
            };
        listing(
            "tasks/".to_string(),
            None,
            tasks.order.iter().map(|&at| (at, "lead")).collect(),
        );
        for (unit, view) in tasks.units.iter().zip(&units) {
            // "page" would be the listing's own page/N/.
            if unit.unit.slug == "page" {
                continue;
            }
            let items = unit
                .leads
                .iter()
                .map(|&at| (at, "lead"))
                .chain(unit.assists.iter().map(|&at| (at, "assist")))
                .collect();
            listing(format!("tasks/{}/", unit.unit.slug), Some(view), items);
        }
    }

    fn newest(&self) -> Option<jiff::civil::Date> {
        self.archive
            .order
            .first()
            .map(|&i| self.archive.notices()[i].front.date)
    }

    /// Adds a job for every page of a listing (`listing` is its URL under
    /// the site, `items` its notices), each made by `make`.
    fn listing_jobs(
        &self,
        jobs: &mut Vec<PageJob<'a>>,
        (listing, which): (&str, Listing),
        items: &[usize],
        mut make: impl FnMut(&PageSlice, PaginatorView) -> (&'static str, u64, Later<'a>),
    ) {
        let config = &self.archive.site.config;
        let notices = self.archive.notices();
        for slice in paginate(items.len(), config.paginate_by) {
            if !self.wanted(which, slice.number) {
                continue;
            }
            let paginator = PaginatorView::new(config.base_path(), listing, &slice, items.len());
            let paginator_key = hash_of((slice.number, slice.total, items.len()));
            let (template, fingerprint, context) = make(&slice, paginator);
            jobs.push(PageJob {
                path: format!("{}index.html", crate::link::archive::page_path(listing, slice.number)),
                template,
                context: JobContext::Later(context),
                fingerprint: hash_of((fingerprint, paginator_key)),
                lastmod: items.get(slice.start).map(|&i| notices[i].front.date),
            });
        }
    }

    fn home_and_year_jobs(&'a self, jobs: &mut Vec<PageJob<'a>>) {
        let archive = self.archive;
        self.listing_jobs(jobs, ("", Listing::Home), &archive.order, |slice, paginator| {
                let items = &archive.order[slice.start..slice.end];
                (
                    "index.html",
                    hash_of(self.listed(items)),
                    Box::new(move || {
                        context! { site => self.site.clone(), notices => slice_views(&|i| self.view(i), items), paginator => to_value(paginator) }
                    }),
                )
            },
        );
        for year in &archive.years {
            let listing = format!("{}/", year.year);
            self.listing_jobs(jobs, (&listing, Listing::Year(year.year)), &year.notices, |slice, paginator| {
                    let items = &year.notices[slice.start..slice.end];
                    (
                        "year.html",
                        hash_of(self.listed(items)),
                        Box::new(move || {
                            let months = months_of(&|i| self.view(i), archive, items, &self.renderer);
                            context! { site => self.site.clone(), year => year.year, months => to_value(months), paginator => to_value(paginator) }
                        }),
                    )
                },
            );
        }
    }

    fn archive_job(&self) -> PageJob<'a> {
        let archive = self.archive;
        let renderer = &self.renderer;
        let years = year_views(archive, archive.site.config.base_path(), renderer);
        PageJob {
            path: "archive/index.html".to_string(),
            template: "archive.html",
            lastmod: self.newest(),
            fingerprint: hash_of(
                years
                    .iter()
                    .map(|year| (year.year, year.months.iter().map(|m| m.count).collect::<Vec<_>>()))
                    .collect::<Vec<_>>(),
            ),
            context: JobContext::Ready(
                context! { site => self.site.clone(), years => to_value(years), total => archive.order.len(), month_names => (1..=12i8).map(|month| month_name(renderer, month)).collect::<Vec<_>>() },
            ),
        }
    }

    fn taxonomy_jobs(&'a self, jobs: &mut Vec<PageJob<'a>>, taxonomy: &'a crate::link::archive::Taxonomy) {
        let archive = self.archive;
        let config = &archive.site.config;
        let base = config.base_path();
        let kind = taxonomy.kind;
        let taxonomy_view = TaxonomyView {
            slug: kind.slug(),
            name: self.renderer.string(&format!("taxonomy_{}", kind.slug())),
            url: format!("{base}{}/", kind.slug()),
        };
        let term_view = |term: &crate::link::archive::Term| TermView {
            // Validity terms are named in the UI language.
            name: match kind {
                TaxonomyKind::Validity => self.renderer.string(&format!("validity_{}", term.slug)),
                _ => term.name.clone(),
            },
            slug: term.slug.clone(),
            url: format!("{base}{}/{}/", kind.slug(), term.slug),
            count: term.notices.len(),
        };
        if self.whole() {
            let terms: Vec<TermView> = taxonomy.terms.iter().map(term_view).collect();
            jobs.push(PageJob {
                path: format!("{}/index.html", kind.slug()),
                template: "taxonomy.html",
                lastmod: taxonomy
                    .terms
                    .iter()
                    .filter_map(|term| term.notices.first())
                    .map(|&i| archive.notices()[i].front.date)
                    .max()
                    .or(self.newest()),
                fingerprint: hash_of(
                    terms
                        .iter()
                        .map(|term| (&term.name, &term.slug, term.count))
                        .collect::<Vec<_>>(),
                ),
                context: JobContext::Ready(
                    context! { site => self.site.clone(), taxonomy => to_value(&taxonomy_view), terms => to_value(&terms) },
                ),
            });
        }
        let taxonomy_value = to_value(&taxonomy_view);
        for (at, term) in taxonomy.terms.iter().enumerate() {
            if self.only.is_some_and(|only| !only.terms.contains(&(kind, at))) {
                continue;
            }
            let term_value = to_value(term_view(term));
            let listing = format!("{}/{}/", kind.slug(), term.slug);
            self.listing_jobs(jobs, (&listing, Listing::Term(kind, at)), &term.notices, |slice, paginator| {
                    let items = &term.notices[slice.start..slice.end];
                    let (taxonomy, term_data) = (taxonomy_value.clone(), term_value.clone());
                    (
                        "term.html",
                        hash_of((&term.name, self.listed(items))),
                        Box::new(move || {
                            context! { site => self.site.clone(), taxonomy => taxonomy, term => term_data, notices => slice_views(&|i| self.view(i), items), paginator => to_value(paginator) }
                        }),
                    )
                },
            );
        }
    }

    fn search_and_404_jobs(&self, jobs: &mut Vec<PageJob<'a>>) {
        let archive = self.archive;
        let facets = crate::outputs::search::facet_values(archive);
        let year_numbers: Vec<i16> = archive.years.iter().map(|year| year.year).collect();
        jobs.push(PageJob {
            path: "search/index.html".to_string(),
            template: "search.html",
            fingerprint: hash_of((&year_numbers, &facets)),
            context: JobContext::Ready(
                context! { site => self.site.clone(), years => year_numbers, issuers => to_value(&facets.issuers), kinds => to_value(&facets.kinds), fields => to_value(&facets.fields) },
            ),
            lastmod: self.newest(),
        });
        jobs.push(PageJob {
            path: "404.html".to_string(),
            template: "404.html",
            context: JobContext::Ready(context! { site => self.site.clone() }),
            fingerprint: 0,
            lastmod: None,
        });
    }
}

/// The sitemap's pages: every page with the newest date of what it shows.
fn sitemap_entries(jobs: &[PageJob]) -> Vec<SitemapEntry> {
    jobs.iter()
        .filter_map(|job| {
            let lastmod = job.lastmod?;
            let path = job.path.strip_suffix("index.html").unwrap_or(&job.path).to_string();
            Some(SitemapEntry { path, lastmod })
        })
        .collect()
}

/// Renders `jobs` in batches, in parallel, keeping each page the last
/// build left whose fingerprint is the same, and hands each batch to
/// `sink`. Returns the pages' errors: after the first, pages are still
/// rendered (to report every error) but no longer written.
fn render_batches(
    plan: &Plan,
    jobs: Vec<PageJob>,
    previous: &HashMap<String, Record>,
    pages: &mut HashMap<String, Record>,
    sink: &mut dyn Sink,
    stats: &mut RenderStats,
) -> Result<Diagnostics, Diagnostics> {
    let mut errors = Diagnostics::new();
    let mut pending = jobs;
    while !pending.is_empty() {
        let rest = pending.split_off(pending.len().min(BATCH));
        let batch = std::mem::replace(&mut pending, rest);
        let rendered: Vec<Result<(OutputFile, Record, bool), Diagnostic>> = batch
            .into_par_iter()
            .map(|job| render_job(plan, job, previous))
            .collect();
        let mut files = Vec::with_capacity(rendered.len());
        for result in rendered {
            match result {
                Ok((file, record, was_rendered)) => {
                    pages.insert(file.path.clone(), record);
                    stats.rendered += usize::from(was_rendered);
                    files.push(file);
                }
                Err(error) => errors.push(error),
            }
        }
        if !errors.has_errors() {
            accept(sink, files)?;
        }
    }
    Ok(errors)
}

/// One page: kept when the last build made it from the same fingerprint,
/// else rendered (and still unchanged when its bytes came out the same).
fn render_job(
    plan: &Plan,
    job: PageJob,
    previous: &HashMap<String, Record>,
) -> Result<(OutputFile, Record, bool), Diagnostic> {
    let fingerprint = hash_of((job.template, job.fingerprint));
    let known = previous.get(&job.path).copied();
    if let Some(record) = known.filter(|record| record.fingerprint == fingerprint) {
        let file = OutputFile {
            path: job.path,
            contents: Contents::Unchanged,
        };
        return Ok((file, record, false));
    }
    let context = match job.context {
        JobContext::Ready(context) => context,
        JobContext::Later(make) => make(),
        JobContext::Notice(index) => {
            context! { site => plan.site.clone(), notice => to_value(notice_view(plan.archive, index, &plan.renderer, &plan.cache, true)) }
        }
        JobContext::Diagram(index) => {
            let (active, passive) = relations::diagram(plan.archive, index, &plan.renderer, &plan.cache);
            context! {
                site => plan.site.clone(),
                notice => plan.view(index),
                active => to_value(active),
                passive => to_value(passive),
            }
        }
        JobContext::Register(at) => {
            let year = &plan.archive.years[at];
            let rows = crate::render::register::register_rows(plan.archive, year, &plan.renderer);
            context! { site => plan.site.clone(), year => year.year, rows => to_value(rows) }
        }
    };
    let mut html = plan.renderer.render(job.template, &context)?;
    if let Some(relative) = &plan.relative {
        html = relative
            .rewrite(&job.path, &html)
            .map_err(|message| Diagnostic::error(job.template, 0, 0, message))?;
    }
    let record = Record::of(fingerprint, html.as_bytes());
    let contents = if known.is_some_and(|old| (old.hash, old.size) == (record.hash, record.size)) {
        Contents::Unchanged
    } else {
        Contents::Bytes(html.into_bytes())
    };
    let file = OutputFile {
        path: job.path,
        contents,
    };
    Ok((file, record, true))
}

/// Whether the site-wide files (feeds, sitemap, register, search index)
/// are to be made, or kept whole from the last build: the same notices
/// give the same files.
struct SiteFiles {
    /// The fingerprint they are recorded with.
    key: u64,
    /// Kept from the last build, which left every one of them.
    kept: Option<Vec<(String, Record)>>,
    make: bool,
}

impl SiteFiles {
    fn plan(
        archive: &Archive,
        options: RenderOptions,
        cache: &RenderCache,
        previous: &HashMap<String, Record>,
    ) -> SiteFiles {
        let key = if options.defer_site_files { 0 } else { site_key(archive) };
        let kept: Option<Vec<(String, Record)>> = previous
            .get(SITE_FILES_MARK)
            .filter(|record| !options.defer_site_files && record.fingerprint == key && !cache.lost.contains(&key))
            .map(|_| {
                previous
                    .iter()
                    .filter(|(_, record)| record.fingerprint == key)
                    .map(|(path, record)| (path.clone(), *record))
                    .collect()
            });
        let make = !options.defer_site_files && kept.is_none();
        SiteFiles { key, kept, make }
    }

    /// Hands the site-wide files to `sink`: kept, or made (the search index
    /// from its thread); none when the preview makes them later.
    fn finish(
        self,
        archive: &Archive,
        options: RenderOptions,
        cache: &mut RenderCache,
        sink: &mut dyn Sink,
        sitemap_entries: Vec<SitemapEntry>,
        search: Option<std::thread::ScopedJoinHandle<Vec<OutputFile>>>,
    ) -> Result<(), Diagnostics> {
        if options.defer_site_files {
            cache.sitemap_entries = std::sync::Arc::new(sitemap_entries);
            return Ok(());
        }
        if let Some(kept) = self.kept {
            let files = kept
                .into_iter()
                .map(|(path, record)| {
                    cache.pages.insert(path.clone(), record);
                    OutputFile {
                        path,
                        contents: Contents::Unchanged,
                    }
                })
                .collect();
            return accept(sink, files);
        }
        let key = self.key;
        let mut record = |files: Vec<OutputFile>| {
            for file in &files {
                if let Contents::Bytes(bytes) = &file.contents {
                    cache.pages.insert(file.path.clone(), Record::of(key, bytes));
                }
            }
            files
        };
        // Joined only when the index is due, after the feeds and register.
        let mut search = search;
        let mut joined = || {
            search
                .take()
                .map(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        };
        each_site_file(archive, &sitemap_entries, &mut joined, &mut |files| {
            accept(sink, record(files))
        })
    }
}

/// The site-wide files a render with `defer_site_files` left out: feeds,
/// sitemap, register and search index, which depend on every notice.
pub fn site_files(archive: &Archive, sitemap_entries: &[SitemapEntry]) -> Vec<OutputFile> {
    let mut files = Vec::new();
    let mut search = || Some(crate::outputs::search::search_files(archive));
    let _ = each_site_file(archive, sitemap_entries, &mut search, &mut |batch| {
        files.extend(batch);
        Ok::<(), std::convert::Infallible>(())
    });
    files
}

/// The one place the site-wide files are made, for a build and for the
/// preview alike: feeds and sitemap, then the register a file at a time
/// (each year's handed on before the next is made), then the search index
/// `search` gives (a build makes it on a thread of its own meanwhile;
/// `None`: no index).
fn each_site_file<E>(
    archive: &Archive,
    sitemap_entries: &[SitemapEntry],
    search: &mut dyn FnMut() -> Option<Vec<OutputFile>>,
    emit: &mut dyn FnMut(Vec<OutputFile>) -> Result<(), E>,
) -> Result<(), E> {
    let mut feeds = crate::outputs::feeds::feeds(archive);
    feeds.extend(crate::outputs::sitemap::sitemap(archive, sitemap_entries));
    emit(feeds)?;
    crate::outputs::register::register_each(archive, &mut |file| emit(vec![file]))?;
    emit(vec![
        crate::outputs::spreadsheet::notices_csv(archive),
        crate::outputs::spreadsheet::tasks_csv(archive),
    ])?;
    match search() {
        Some(files) => emit(files),
        None => Ok(()),
    }
}

/// The data of a listing page, made if it is rendered.
type Later<'a> = Box<dyn FnOnce() -> Value + Send + 'a>;

fn slice_views(view: &(dyn Fn(usize) -> Value + Sync), items: &[usize]) -> Vec<Value> {
    items.iter().map(|&i| view(i)).collect()
}

fn month_name(renderer: &Renderer, month: i8) -> String {
    renderer.string(&format!("month_{month}"))
}

/// The notices of one page of a year, grouped by month (newest first).
fn months_of(
    view: &(dyn Fn(usize) -> Value + Sync),
    archive: &Archive,
    items: &[usize],
    renderer: &Renderer,
) -> Vec<MonthView> {
    let mut months: Vec<MonthView> = Vec::new();
    for &index in items {
        let month = archive.notices()[index].front.date.month();
        match months.last_mut() {
            Some(last) if last.month == month => last.notices.push(view(index)),
            _ => months.push(MonthView {
                month,
                name: month_name(renderer, month),
                notices: vec![view(index)],
            }),
        }
    }
    months
}

fn year_views(archive: &Archive, base: &str, renderer: &Renderer) -> Vec<YearView> {
    archive
        .years
        .iter()
        .map(|year| {
            let mut counts = [0usize; 12];
            for &index in &year.notices {
                counts[archive.notices()[index].front.date.month() as usize - 1] += 1;
            }
            YearView {
                year: year.year,
                url: format!("{base}{}/", year.year),
                count: year.notices.len(),
                months: (1..=12i8)
                    .map(|month| MonthCount {
                        month,
                        name: month_name(renderer, month),
                        count: counts[month as usize - 1],
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The date as written on paper in the UI language.
pub fn date_text(renderer: &Renderer, date: jiff::civil::Date) -> String {
    renderer
        .string("date_format")
        .replace("{day}", &date.day().to_string())
        .replace("{month}", &date.month().to_string())
        .replace("{month_name}", &month_name(renderer, date.month()))
        .replace("{year}", &date.year().to_string())
}

/// A notice's template data. Listings get it without the body and the
/// citation lists (`full` false): they show neither, and a large archive's
/// listings would otherwise carry every body.
fn notice_view(
    archive: &Archive,
    index: usize,
    renderer: &Renderer,
    cache: &relations::Cache,
    full: bool,
) -> NoticeView {
    let base = archive.site.config.base_path();
    let notice = &archive.notices()[index];
    let front = &notice.front;
    let term_url = |kind: TaxonomyKind, name: &str| {
        let slug = slugify(name);
        if slug.is_empty() {
            String::new()
        } else {
            format!("{base}{}/{slug}/", kind.slug())
        }
    };
    let url = format!("{base}{}", notice.url_path());
    let signature = crate::model::notice::signature_lines(&front.authority, &front.signer_title);
    let mut attachments: Vec<AttachmentView> = notice
        .attachments
        .iter()
        .map(|attachment| AttachmentView {
            name: attachment.name.clone(),
            url: format!("{url}{}", crate::model::files::encode_path(&attachment.name)),
            size: attachment.size,
            file_type: std::path::Path::new(&attachment.name)
                .extension()
                .map(|ext| ext.to_string_lossy().to_uppercase())
                .unwrap_or_default(),
        })
        .collect();
    attachments.dedup_by(|a, b| a.name == b.name);
    NoticeView {
        title: front.title.clone(),
        number: front.number.clone().unwrap_or_default(),
        date: front.date.to_string(),
        date_text: date_text(renderer, front.date),
        year: front.date.year(),
        month: front.date.month(),
        day: front.date.day(),
        kind: front.kind.clone(),
        kind_url: term_url(TaxonomyKind::Kinds, &front.kind),
        kind_heading: kind_heading(&front.kind),
        style: match archive.site.config.document_style {
            DocumentStyle::Auto => document_style(front.number.as_deref(), &front.issuer),
            DocumentStyle::Party => "party",
            DocumentStyle::State => "state",
        },
        parent_issuer: front
            .extra
            .get("parent_issuer")
            .and_then(|value| value.as_str())
            .unwrap_or_default()
            .to_string(),
        issuer: front.issuer.clone(),
        issuer_url: term_url(TaxonomyKind::Issuers, &front.issuer),
        place: front.place.clone(),
        signer: front.signer.clone(),
        signer_url: term_url(TaxonomyKind::Signers, &front.signer),
        authority: signature.0,
        signer_title: signature.1,
        recipients: front.recipients.clone(),
        tags: front
            .tags
            .iter()
            .map(|tag| Link {
                name: tag.clone(),
                url: term_url(TaxonomyKind::Tags, tag),
            })
            .collect(),
        summary: front
            .summary
            .clone()
            .unwrap_or_else(|| archive.body(index).first_paragraph.clone()),
        attachments,
        classification: front.classification.clone(),
        draft: front.draft,
        content: if full {
            archive.body(index).html.clone()
        } else {
            String::new()
        },
        cites: if full {
            citation_views(archive, index, renderer, cache, &[Relation::Cites, Relation::Related])
        } else {
            Vec::new()
        },
        supersedes: if full {
            citation_views(archive, index, renderer, cache, &[Relation::Supersedes])
        } else {
            Vec::new()
        },
        cited_by: match full {
            true => archive.citations.cited_by[index]
                .iter()
                .map(|&other| notice_citation(archive, other, renderer, cache))
                .collect(),
            false => Vec::new(),
        },
        superseded_by: archive
            .citations
            .received_as(index, Relation::Supersedes)
            .map(|received| notice_citation(archive, received.from, renderer, cache))
            .collect(),
        relations: match full {
            true => relations::relation_groups(archive, index, renderer, cache),
            false => Vec::new(),
        },
        received: match full {
            true => relations::received_groups(archive, index, renderer, cache),
            false => Vec::new(),
        },
        diagram_url: if relations::has_relations(archive, index) {
            format!("{url}luoc-do/")
        } else {
            String::new()
        },
        validity: relations::validity_view(archive, index, renderer, cache),
        tasks: crate::render::tasks::notice_tasks(archive, index, renderer),
        closes: archive
            .tasks
            .closed_by(index)
            .map(|task| crate::render::tasks::task_view(archive, task, renderer, "lead"))
            .collect(),
        effective: front.effective.to_string(),
        effective_text: date_text(renderer, front.effective),
        expires: front.expires.map(|date| date.to_string()).unwrap_or_default(),
        expires_text: front.expires.map(|date| date_text(renderer, date)).unwrap_or_default(),
        field: front.field.clone(),
        field_url: term_url(TaxonomyKind::Fields, &front.field),
        json_ld: if full {
            relations::json_ld(archive, index)
        } else {
            String::new()
        },
        extra: front.extra.clone(),
        url,
    }
}

/// What notice `index` does to documents in the given ways, one entry
/// per document.
fn citation_views(
    archive: &Archive,
    index: usize,
    renderer: &Renderer,
    cache: &relations::Cache,
    kinds: &[Relation],
) -> Vec<CitationView> {
    // One relation per document and kind already (relations_of).
    archive.citations.relations[index]
        .iter()
        .filter(|citation| kinds.contains(&citation.relation))
        .map(|citation| relations::cited_document(archive, citation, renderer, cache))
        .collect()
}

fn static_files(theme: &Theme) -> Vec<OutputFile> {
    theme
        .static_files
        .iter()
        .map(|(path, file)| OutputFile {
            path: path.clone(),
            contents: match file {
                StaticFile::BuiltIn(bytes) => Contents::Static(bytes),
                StaticFile::OnDisk(path) => Contents::Copy(path.clone()),
            },
        })
        .collect()
}

/// Files published as they are (theme files, attachments), recorded by
/// what they are copied from (a built-in file's bytes, a file's path, size
/// and time): those the last output holds from the same source are kept.
fn keep_copies(
    files: Vec<OutputFile>,
    previous: &HashMap<String, Record>,
    records: &mut HashMap<String, Record>,
) -> Vec<OutputFile> {
    files
        .into_iter()
        .map(|mut file| {
            let record = match &file.contents {
                Contents::Static(bytes) => Some(Record {
                    fingerprint: hash_of(("static", bytes)),
                    hash: 0,
                    size: bytes.len() as u64,
                }),
                Contents::Copy(source) => std::fs::metadata(source).ok().map(|meta| Record {
                    fingerprint: hash_of(("copy", source, meta.len(), meta.modified().ok())),
                    hash: 0,
                    size: meta.len(),
                }),
                Contents::Bytes(_) | Contents::Unchanged => None,
            };
            if let Some(record) = record {
                if previous.get(&file.path) == Some(&record) {
                    file.contents = Contents::Unchanged;
                }
                records.insert(file.path.clone(), record);
            }
            file
        })
        .collect()
}

/// Listed attachments and every file of a bundle, beside the notice's page.
fn attachment_files(archive: &Archive) -> Vec<OutputFile> {
    let mut files: HashMap<String, OutputFile> = HashMap::new();
    for (notice, bundle) in archive.notices().iter().zip(&archive.site.bundle_files) {
        for attachment in notice.attachments.iter().chain(bundle) {
            let path = format!("{}{}", notice.url_path(), attachment.name);
            files.entry(path.clone()).or_insert(OutputFile {
                path,
                contents: Contents::Copy(attachment.file.clone()),
            });
        }
    }
    files.into_values().collect()
}
