//! The link stage: the whole site as data. Notices in reading order, years,
//! taxonomies and citations are computed once here and shared by reference
//! by every page, so no page does work proportional to the archive.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::link::citations::{self, Citations, NumberIndex};
use crate::link::linker::CitationLinker;
use crate::link::markdown::{self, Rendered};
use crate::link::task_list::Tasks;
use crate::link::validity::{self, State, Validity};
use crate::load::config::Config;
use crate::load::site::Site;
use crate::model::notice::Notice;
use crate::model::notice::newest_first;
use crate::model::relation::Relation;
use crate::model::task::FoundTask;
use crate::support::diagnostics::{Diagnostic, Diagnostics};
use crate::support::text::slugify;

/// The five ways of browsing the archive besides time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaxonomyKind {
    Issuers,
    Kinds,
    Tags,
    Signers,
    /// Lĩnh vực.
    Fields,
    /// Tình trạng hiệu lực, as of the build's date.
    Validity,
}

impl TaxonomyKind {
    pub const ALL: [TaxonomyKind; 6] = [
        TaxonomyKind::Issuers,
        TaxonomyKind::Kinds,
        TaxonomyKind::Tags,
        TaxonomyKind::Signers,
        TaxonomyKind::Fields,
        TaxonomyKind::Validity,
    ];

    /// The URL segment and the template name of the taxonomy.
    pub fn slug(self) -> &'static str {
        match self {
            TaxonomyKind::Issuers => "issuers",
            TaxonomyKind::Kinds => "kinds",
            TaxonomyKind::Tags => "tags",
            TaxonomyKind::Signers => "signers",
            TaxonomyKind::Fields => "fields",
            TaxonomyKind::Validity => "validity",
        }
    }

    /// The terms a notice is filed under in this taxonomy; `state` is its
    /// validity as of the build.
    fn terms(self, notice: &Notice, state: State) -> Vec<&str> {
        let front = &notice.front;
        fn single(value: &str) -> Vec<&str> {
            if value.trim().is_empty() {
                Vec::new()
            } else {
                vec![value]
            }
        }
        match self {
            TaxonomyKind::Issuers => single(&front.issuer),
            TaxonomyKind::Kinds => single(&front.kind),
            TaxonomyKind::Tags => front.tags.iter().map(String::as_str).collect(),
            TaxonomyKind::Signers => single(&front.signer),
            TaxonomyKind::Fields => single(&front.field),
            TaxonomyKind::Validity => vec![state.name()],
        }
    }
}

/// One value of a taxonomy (an issuer, a tag…) and the notices filed under it.
#[derive(Debug, Clone)]
pub struct Term {
    pub name: String,
    pub slug: String,
    /// Indexes into [`Archive::notices`], newest first.
    pub notices: Vec<usize>,
}

#[derive(Debug, Clone)]
pub struct Taxonomy {
    pub kind: TaxonomyKind,
    /// Sorted by name.
    pub terms: Vec<Term>,
}

/// The notices of one year, newest first.
#[derive(Debug, Clone)]
pub struct Year {
    pub year: i16,
    pub notices: Vec<usize>,
}

/// The whole site, linked. A clone shares the notices and bodies.
#[derive(Debug, Clone)]
pub struct Archive {
    pub site: Site,
    /// Indexes into `site.notices`, newest first: the order of every listing.
    pub order: Vec<usize>,
    /// Each notice's place in `order`.
    pub rank: Vec<usize>,
    /// Newest year first.
    pub years: Vec<Year>,
    pub taxonomies: Vec<Taxonomy>,
    /// Each notice's body as HTML, its citations linked, by notice index:
    /// rendered while linking, or on first use ([`Archive::body`]) when
    /// what the body cites was known from the last build.
    bodies: Vec<OnceLock<Arc<Rendered>>>,
    /// What numbers resolve against, for bodies rendered later.
    index: Arc<NumberIndex>,
    pub citations: Citations,
    /// Each notice's validity over time (SPEC §8), by notice index.
    pub validity: Vec<Validity>,
    /// The tasks found in each body, by notice index.
    found_tasks: Vec<Arc<[FoundTask]>>,
    /// Every task of the archive (SPEC §9).
    pub tasks: Tasks,
    /// The site's warnings and those found while linking.
    pub warnings: Diagnostics,
}

/// How the link stage runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkOptions {
    /// Keep the rendered bodies in the cache for the next link stage (the
    /// preview); a one-shot build would only pay for filling it.
    pub keep_bodies: bool,
    /// Note what each body cites, for the build records
    /// ([`LinkCache::list`]).
    pub record: bool,
}

impl Archive {
    /// Links a loaded site. Fails when a body has an error (an unsafe link).
    pub fn new(site: Site) -> Result<Archive, Diagnostics> {
        Archive::link(site, LinkOptions::default(), &mut LinkCache::default())
    }

    /// Links a loaded site, reusing the bodies in `cache` whose notice and
    /// citations have not changed.
    pub fn link(site: Site, options: LinkOptions, cache: &mut LinkCache) -> Result<Archive, Diagnostics> {
        let notices = &site.notices;
        let mut order: Vec<usize> = (0..notices.len()).collect();
        order.par_sort_by(|&a, &b| newest_first(&notices[a], &notices[b]));
        let mut rank = vec![0; notices.len()];
        for (place, &index) in order.iter().enumerate() {
            rank[index] = place;
        }

        let mut years: Vec<Year> = Vec::new();
        for &index in &order {
            let year = notices[index].year();
            match years.last_mut() {
                Some(last) if last.year == year => last.notices.push(index),
                _ => years.push(Year {
                    year,
                    notices: vec![index],
                }),
            }
        }

        let LinkedBodies {
            bodies,
            cites,
            tasks: found_tasks,
            mut warnings,
            errors,
            index,
        } = link_bodies(&site, options, cache);
        if !errors.is_empty() {
            let mut errors = Diagnostics::from(errors);
            errors.sort();
            return Err(errors);
        }
        let citations = Citations::new(notices, cites);
        let validity = validity::validities(notices, &citations);
        let today = site.config.today;
        let states: Vec<State> = validity.iter().map(|validity| validity.on(today).state).collect();
        let taxonomies = TaxonomyKind::ALL
            .par_iter()
            .map(|&kind| build_taxonomy(kind, notices, &order, &states))
            .collect();
        let mut task_warnings = Vec::new();
        let tasks = Tasks::new(notices, &found_tasks, &index, &site.config.units, &mut task_warnings);
        warnings.extend(task_warnings);
        warnings.extend(site.warnings.clone());
        warnings.sort();
        Ok(Archive {
            site,
            order,
            rank,
            years,
            taxonomies,
            bodies,
            index: Arc::new(index),
            citations,
            validity,
            found_tasks,
            tasks,
            warnings,
        })
    }

    /// Puts edited notices (`edits`: index and new version) in place of
    /// the old ones without linking the whole archive again, for edits
    /// that moved none of them ([`Notice::same_place`]): their bodies, and
    /// the bodies that cite them (whose links show their titles), are
    /// rendered again and the citations both ways updated.
    ///
    /// Returns the notices whose pages or listing entries may show
    /// something new, and the bodies to keep in the [`LinkCache`] (see
    /// [`LinkCache::keep`]); `None` when a body so rendered has a warning
    /// or an error, which the whole link stage must report.
    pub fn edit(&mut self, edits: &[(usize, Arc<Notice>)]) -> Option<(Vec<usize>, Vec<Arc<LinkedBody>>)> {
        for (index, notice) in edits {
            self.site.notices[*index] = notice.clone();
        }
        let mut relink: Vec<usize> = Vec::new();
        for &(index, _) in edits {
            relink.push(index);
            relink.extend(self.citations.cited_by[index].iter());
        }
        relink.sort_unstable();
        relink.dedup();
        let mut touched = relink.clone();
        let mut kept = Vec::with_capacity(relink.len());
        for citing in relink {
            let notices = &self.site.notices;
            let linked = link_fresh(notices, &self.site.config, &self.index, citing);
            let mut warnings = Vec::new();
            let mut cites = linked.cites.clone();
            cites.extend(citations::front_matter_citations(
                &self.index,
                notices,
                citing,
                &mut warnings,
            ));
            if !(warnings.is_empty() && linked.errors.is_empty() && linked.warnings.is_empty()) {
                return None;
            }
            // What it cited and cites now: their "cited by" lists change.
            let targets = |list: &[citations::Citation]| list.iter().filter_map(|c| c.target).collect::<Vec<_>>();
            touched.extend(targets(&self.citations.cites[citing]));
            touched.extend(targets(&cites));
            self.bodies[citing] = linked.body.clone().map(OnceLock::from).unwrap_or_default();
            self.found_tasks[citing] = linked.tasks.clone();
            self.citations.replace(notices, citing, cites);
            kept.push(Arc::new(linked));
        }
        touched.sort_unstable();
        touched.dedup();
        let today = self.site.config.today;
        for &index in &touched {
            let validity = validity::validity_of(self.notices(), &self.citations, index);
            // A notice that changed state moves to another validity term:
            // the whole link stage files it there.
            if validity.on(today).state != self.validity[index].on(today).state {
                return None;
            }
            self.validity[index] = validity;
        }
        // Tasks that changed move on the task pages: the whole link stage
        // lists them again.
        let mut warnings = Vec::new();
        let notices = &self.site.notices;
        let tasks = Tasks::new(
            notices,
            &self.found_tasks,
            &self.index,
            &self.site.config.units,
            &mut warnings,
        );
        if tasks.all != self.tasks.all || !warnings.is_empty() {
            return None;
        }
        // The reports that closed their tasks show them.
        let reports: Vec<usize> = touched
            .iter()
            .flat_map(|&index| self.tasks.of(index).iter().filter_map(|task| task.done_by_target))
            .collect();
        touched.extend(reports);
        touched.sort_unstable();
        touched.dedup();
        Some((touched, kept))
    }

    /// Notice `index`'s body as HTML, its citations linked.
    pub fn body(&self, index: usize) -> &Rendered {
        self.bodies[index].get_or_init(|| {
            let (notices, config) = (self.notices(), &self.site.config);
            let mut linker = CitationLinker::new(&self.index, notices, index, config);
            Arc::new(markdown::render(notices[index].body(), config.allow_html, &mut linker))
        })
    }

    /// Lets go of every notice's text (see [`Notice::release_text`]) where
    /// nothing else holds the notice: for a build that only renders pages
    /// from here on. Not for `check`, whose report of missing documents
    /// points into the texts.
    /// Bodies not rendered yet keep their text.
    pub fn release_texts(&mut self) {
        for (notice, body) in self.site.notices.iter_mut().zip(&self.bodies) {
            if let Some(notice) = Arc::get_mut(notice).filter(|_| body.get().is_some()) {
                notice.release_text();
            }
        }
    }

    pub fn notices(&self) -> &[Arc<Notice>] {
        &self.site.notices
    }

    pub fn taxonomy(&self, kind: TaxonomyKind) -> &Taxonomy {
        &self.taxonomies[kind as usize]
    }
}

/// Rendered bodies kept between rebuilds. A body is reused when its notice
/// was not parsed again and every number it mentions still resolves to the
/// same notice (same URL, same title), so adding, removing or retitling a
/// cited notice re-renders exactly the bodies that cite it.
///
/// Between runs of `thongbao build`, what each body cites is kept in the
/// build records (`links`, see [`crate::write::records`] and
/// [`LinkCache::read_list`]): a notice whose
/// file and cited notices did not change is not rendered at link time,
/// only if one of its pages must be.
#[derive(Debug, Default)]
pub struct LinkCache {
    bodies: FxHashMap<PathBuf, Arc<LinkedBody>>,
    /// What the last build found in each body, by file.
    listed: FxHashMap<PathBuf, Listed>,
    found: Vec<(PathBuf, Listed)>,
}

/// What a body cites, as the next build reads it back.
#[derive(Debug, Clone)]
struct Listed {
    /// The notice's fingerprint: its file's path and text.
    fingerprint: u64,
    seen: Vec<SeenNumber>,
    /// Citations made by the body; their targets are resolved anew.
    cites: Vec<citations::Citation>,
    tasks: Arc<[FoundTask]>,
}

/// One line of the `links` record: file (from the site's root),
/// fingerprint, numbers seen (number, date, URL and title of the notice it
/// named), citations (number, date, where, byte offset, relation, in part),
/// tasks found.
type ListLine = (
    String,
    String,
    Vec<(String, Option<String>, Option<String>, Option<String>)>,
    Vec<(String, Option<String>, u8, usize, u8, bool)>,
    Vec<FoundTask>,
);

impl LinkCache {
    /// Forgets every body kept or listed; the settings stay.
    pub fn clear(&mut self) {
        self.bodies.clear();
        self.listed.clear();
        self.found.clear();
    }

    /// Keeps bodies rendered by [`Archive::edit`] for the next link stage.
    pub fn keep(&mut self, bodies: Vec<Arc<LinkedBody>>) {
        for body in bodies {
            self.bodies.insert(body.notice.file.clone(), body);
        }
    }

    /// Reads what the last build found in each body (the `links` record's
    /// `text`); a list
    /// of another thongbao or configuration (`header`), or none, is no
    /// list. Lines that cannot be read are skipped: their bodies are
    /// rendered.
    pub fn read_list(&mut self, root: &Path, text: &str, header: &str) {
        let mut lines = text.lines();
        if lines.next() != Some(header) {
            return;
        }
        let date = |text: Option<String>| -> Result<Option<jiff::civil::Date>, ()> {
            text.map(|text| text.parse().map_err(|_| ())).transpose()
        };
        let lines: Vec<&str> = lines.collect();
        self.listed = lines
            .par_iter()
            .filter_map(|line| {
                let (file, fingerprint, seen, cites, tasks): ListLine = serde_json::from_str(line).ok()?;
                let seen = seen
                    .into_iter()
                    .map(|(number, when, url_path, title)| {
                        let target = match (url_path, title) {
                            (Some(url_path), Some(title)) => Some(Target { url_path, title }),
                            _ => None,
                        };
                        Ok(SeenNumber {
                            number,
                            date: date(when)?,
                            target,
                        })
                    })
                    .collect::<Result<Vec<_>, ()>>()
                    .ok()?;
                let cites = cites
                    .into_iter()
                    .map(|(number, when, from, offset, relation, part)| {
                        Ok(citations::Citation {
                            number,
                            date: date(when)?,
                            from: match from {
                                0 => citations::CitedFrom::Body,
                                _ => citations::CitedFrom::FrontMatter,
                            },
                            relation: Relation::from_code(relation).ok_or(())?,
                            part,
                            target: None,
                            offset,
                        })
                    })
                    .collect::<Result<Vec<_>, ()>>()
                    .ok()?;
                let listed = Listed {
                    fingerprint: u64::from_str_radix(&fingerprint, 16).ok()?,
                    seen,
                    cites,
                    tasks: tasks.into(),
                };
                Some((root.join(file), listed))
            })
            .collect();
    }

    /// What this link stage found in each body, for the next build; bodies
    /// with warnings are left out, so their warnings are given again.
    pub fn list(&self, root: &Path, header: &str) -> String {
        let date = |date: Option<jiff::civil::Date>| date.map(|date| date.to_string());
        // As [`ListLine`], borrowed.
        type Line<'a> = (
            &'a str,
            String,
            Vec<(&'a str, Option<String>, Option<&'a str>, Option<&'a str>)>,
            Vec<(&'a str, Option<String>, u8, usize, u8, bool)>,
            &'a [FoundTask],
        );
        let lines: Vec<String> = self
            .found
            .par_iter()
            .filter_map(|(file, listed)| {
                let line: Line = (
                    // Relative to the site: the list is published with
                    // the site, and says nothing of the machine it was
                    // built on.
                    file.strip_prefix(root).ok()?.to_str()?,
                    format!("{:016x}", listed.fingerprint),
                    listed
                        .seen
                        .iter()
                        .map(|seen| {
                            let target = seen.target.as_ref();
                            (
                                seen.number.as_str(),
                                date(seen.date),
                                target.map(|target| target.url_path.as_str()),
                                target.map(|target| target.title.as_str()),
                            )
                        })
                        .collect(),
                    listed
                        .cites
                        .iter()
                        .map(|cite| {
                            (
                                cite.number.as_str(),
                                date(cite.date),
                                cite.from as u8,
                                cite.offset,
                                cite.relation.code(),
                                cite.part,
                            )
                        })
                        .collect(),
                    &listed.tasks,
                );
                serde_json::to_string(&line).ok()
            })
            .collect();
        let mut text = String::with_capacity(lines.iter().map(|line| line.len() + 1).sum::<usize>() + 80);
        text.push_str(header);
        text.push('\n');
        for line in lines {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }
}

/// One notice's body with its citations linked.
#[derive(Debug, Clone)]
pub struct LinkedBody {
    notice: Arc<Notice>,
    /// `None` when known from the last build's list and not rendered yet.
    body: Option<Arc<Rendered>>,
    /// Every number the body mentions and what it resolved to.
    seen: Vec<SeenNumber>,
    /// Citations made by the body (targets re-resolved on reuse).
    cites: Vec<citations::Citation>,
    /// The tasks found in the body.
    tasks: Arc<[FoundTask]>,
    warnings: Vec<Diagnostic>,
    /// Unsafe links: the body is kept, the build fails.
    errors: Vec<Diagnostic>,
}

/// What the link stage makes of every notice's body.
struct LinkedBodies {
    bodies: Vec<OnceLock<Arc<Rendered>>>,
    cites: Vec<Vec<citations::Citation>>,
    tasks: Vec<Arc<[FoundTask]>>,
    warnings: Diagnostics,
    errors: Vec<Diagnostic>,
    index: NumberIndex,
}

/// Renders every body with its citations linked, in parallel, reusing what
/// `cache` holds, and resolves the front matter's `related` and `supersedes`.
fn link_bodies(site: &Site, options: LinkOptions, cache: &mut LinkCache) -> LinkedBodies {
    let notices = &site.notices;
    let config = &site.config;
    let index = NumberIndex::new(notices);
    // Whether a number seen in a body still names what it named then.
    let still = |seen: &SeenNumber, citing: usize| {
        let now = index
            .resolve(&seen.number, seen.date, citing, notices[citing].front.date)
            .target();
        match (now, &seen.target) {
            (Some(now), Some(then)) => then.is(&notices[now]),
            (now, then) => now.is_none() && then.is_none(),
        }
    };
    // Each body, its citations, its errors, and whether `cache` holds it.
    type Linked = (
        Arc<LinkedBody>,
        Vec<citations::Citation>,
        Vec<Diagnostic>,
        Vec<Diagnostic>,
        bool,
    );
    let linked: Vec<Linked> = (0..notices.len())
        .into_par_iter()
        .map(|citing| {
            let notice = &notices[citing];
            let kept = cache
                .bodies
                .get(&notice.file)
                .filter(|cached| {
                    Arc::ptr_eq(&cached.notice, notice) && cached.seen.iter().all(|seen| still(seen, citing))
                })
                .cloned();
            let held = kept.is_some();
            let reusable = kept.or_else(|| {
                let listed = cache.listed.get(&notice.file).filter(|listed| {
                    listed.fingerprint == notice.fingerprint && listed.seen.iter().all(|seen| still(seen, citing))
                })?;
                Some(Arc::new(LinkedBody {
                    notice: notice.clone(),
                    body: None,
                    seen: listed.seen.clone(),
                    cites: listed.cites.clone(),
                    tasks: listed.tasks.clone(),
                    warnings: Vec::new(),
                    errors: Vec::new(),
                }))
            });
            let (linked, mut cites) = match reusable {
                Some(cached) => {
                    let mut cites = cached.cites.clone();
                    // The same notices, but their indexes may have moved.
                    for citation in &mut cites {
                        citation.target = index
                            .resolve(&citation.number, citation.date, citing, notice.front.date)
                            .target();
                    }
                    (cached, cites)
                }
                None => {
                    let linked = link_fresh(notices, config, &index, citing);
                    let cites = linked.cites.clone();
                    (Arc::new(linked), cites)
                }
            };
            let errors = linked.errors.clone();
            let mut warnings = Vec::new();
            cites.extend(citations::front_matter_citations(
                &index,
                notices,
                citing,
                &mut warnings,
            ));
            (linked, cites, errors, warnings, held)
        })
        .collect();
    let mut result = LinkedBodies {
        bodies: Vec::with_capacity(linked.len()),
        cites: Vec::with_capacity(linked.len()),
        tasks: Vec::with_capacity(linked.len()),
        warnings: Diagnostics::new(),
        errors: Vec::new(),
        index,
    };
    cache.listed.clear();
    cache.found.clear();
    for (linked, cites, errors, front_warnings, held) in linked {
        result.bodies.push(match &linked.body {
            Some(body) => OnceLock::from(body.clone()),
            None => OnceLock::new(),
        });
        result.warnings.extend(linked.warnings.iter().cloned());
        result.warnings.extend(front_warnings);
        result.errors.extend(errors);
        result.cites.push(cites);
        result.tasks.push(linked.tasks.clone());
        if options.record && linked.warnings.is_empty() && linked.errors.is_empty() {
            let listed = Listed {
                fingerprint: linked.notice.fingerprint,
                seen: linked.seen.clone(),
                cites: linked.cites.clone(),
                tasks: linked.tasks.clone(),
            };
            cache.found.push((linked.notice.file.clone(), listed));
        }
        // Those the cache holds already stay as they are.
        if options.keep_bodies && !held {
            cache.bodies.insert(linked.notice.file.clone(), linked);
        }
    }
    // Notices gone since (removed, or now drafts left out): forgotten.
    if cache.bodies.len() > notices.len() {
        let present: FxHashSet<&PathBuf> = notices.iter().map(|notice| &notice.file).collect();
        cache.bodies.retain(|file, _| present.contains(file));
    }
    result
}

/// Renders notice `citing`'s body with its citations linked.
fn link_fresh(notices: &[Arc<Notice>], config: &Config, index: &NumberIndex, citing: usize) -> LinkedBody {
    let notice = &notices[citing];
    let mut linker = CitationLinker::new(index, notices, citing, config);
    let body = markdown::render(notice.body(), config.allow_html, &mut linker);
    let seen = linker
        .seen
        .iter()
        .map(|(number, date)| SeenNumber {
            number: number.clone(),
            date: *date,
            target: index
                .resolve(number, *date, citing, notice.front.date)
                .target()
                .map(|target| Target::of(&notices[target])),
        })
        .collect();
    LinkedBody {
        notice: notice.clone(),
        body: Some(Arc::new(body)),
        seen,
        tasks: std::mem::take(&mut linker.tasks.found).into(),
        cites: linker.citations,
        warnings: linker.warnings,
        errors: linker.errors,
    }
}

/// A number seen in a body and the notice it named then.
#[derive(Debug, Clone)]
struct SeenNumber {
    number: String,
    date: Option<jiff::civil::Date>,
    target: Option<Target>,
}

/// What a body's link to a notice shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Target {
    url_path: String,
    title: String,
}

impl Target {
    fn is(&self, notice: &Notice) -> bool {
        self.url_path == notice.url_path() && self.title == notice.front.title
    }

    fn of(notice: &Notice) -> Target {
        Target {
            url_path: notice.url_path().to_string(),
            title: notice.front.title.clone(),
        }
    }
}

fn build_taxonomy(kind: TaxonomyKind, notices: &[Arc<Notice>], order: &[usize], states: &[State]) -> Taxonomy {
    // Spellings that make the same slug ("Dân vận khéo", "dân vận khéo") are
    // one term: they would otherwise be written to the same page. Few
    // distinct names, many notices: each name is slugged once.
    struct Gathered<'a> {
        slug: String,
        spellings: BTreeMap<&'a str, usize>,
        notices: Vec<usize>,
    }
    let mut gathered: Vec<Gathered> = Vec::new();
    let mut by_slug: FxHashMap<String, usize> = FxHashMap::default();
    // Each name's term, or `None` when it slugs to nothing.
    let mut by_name: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    for &index in order {
        for name in kind.terms(&notices[index], states[index]) {
            let term = *by_name.entry(name).or_insert_with(|| {
                let slug = slugify(name);
                if slug.is_empty() {
                    return None;
                }
                let next = gathered.len();
                let term = *by_slug.entry(slug.clone()).or_insert(next);
                if term == next {
                    gathered.push(Gathered {
                        slug,
                        spellings: BTreeMap::new(),
                        notices: Vec::new(),
                    });
                }
                Some(term)
            });
            let Some(term) = term else {
                continue;
            };
            // Two spellings of one term on the same notice: listed once
            // (the notices come one at a time, so it would be the last).
            let gathered = &mut gathered[term];
            if gathered.notices.last() == Some(&index) {
                continue;
            }
            *gathered.spellings.entry(name).or_default() += 1;
            gathered.notices.push(index);
        }
    }
    let mut terms: Vec<Term> = gathered
        .into_iter()
        .map(|term| {
            // The most used spelling names the term; ties go to the first in order.
            let name = term
                .spellings
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(name, _)| name.to_string())
                .unwrap_or_default();
            Term {
                name,
                slug: term.slug,
                notices: term.notices,
            }
        })
        .collect();
    terms.sort_by_cached_key(|term| (collation_key(&term.name), term.slug.clone()));
    Taxonomy { kind, terms }
}

/// A key that sorts Vietnamese names roughly as a reader expects: by the
/// letters without marks first, then by the marks.
pub fn collation_key(name: &str) -> (String, String) {
    (slugify(name), name.to_lowercase())
}

/// One page of a paginated listing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageSlice {
    /// 1-based page number.
    pub number: usize,
    pub total: usize,
    pub start: usize,
    pub end: usize,
}

/// Splits `len` items into pages of `per_page`; an empty listing still has
/// one (empty) page.
pub fn paginate(len: usize, per_page: usize) -> Vec<PageSlice> {
    let per_page = per_page.max(1);
    let total = len.div_ceil(per_page).max(1);
    (0..total)
        .map(|i| PageSlice {
            number: i + 1,
            total,
            start: i * per_page,
            end: ((i + 1) * per_page).min(len),
        })
        .collect()
}

/// The path of page `number` of the listing at `listing` (`""`, `2021/`,
/// `kinds/thong-bao/`): page 1 is the listing itself, page N is `page/N/`.
pub fn page_path(listing: &str, number: usize) -> String {
    if number <= 1 {
        listing.to_string()
    } else {
        format!("{listing}page/{number}/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_covers_every_item_once() {
        assert_eq!(paginate(0, 30).len(), 1);
        let pages = paginate(61, 30);
        assert_eq!(pages.len(), 3);
        assert_eq!((pages[2].start, pages[2].end), (60, 61));
        assert_eq!(page_path("2021/", 2), "2021/page/2/");
        assert_eq!(page_path("", 1), "");
    }
}
