//! Citations: resolving the numbers a notice names, in its body and its
//! front matter, to notices of the archive, and the lists both ways
//! (SPEC §5). Finding numbers in text is [`crate::model::number`].

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use crate::model::notice::Notice;
use crate::model::number::{document_entry, number_key};
use crate::support::diagnostics::{Diagnostic, Source};

/// Where in a notice a citation was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CitedFrom {
    Body,
    Related,
    Supersedes,
}

/// One citation made by a notice.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The number as written in the citing notice.
    pub number: String,
    /// The date given with it, if any.
    pub date: Option<Date>,
    pub from: CitedFrom,
    /// The notice it names, by index into the site's notices.
    pub target: Option<usize>,
    /// Byte offset in the citing notice's source, for messages.
    pub offset: usize,
}

/// Every notice of the archive by number, oldest first: what a citation is
/// resolved against. Built once from front matter alone, before any body is
/// rendered.
#[derive(Debug, Default)]
pub struct NumberIndex {
    by_key: FxHashMap<String, Vec<(Date, usize)>>,
}

/// The outcome of resolving one citation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    Found(usize),
    /// The dated citation matched no date; this notice of the same number
    /// and year was taken instead (SPEC §5: with a warning).
    SameYear(usize),
    NotInArchive,
}

impl Resolution {
    pub fn target(&self) -> Option<usize> {
        match self {
            Resolution::Found(index) | Resolution::SameYear(index) => Some(*index),
            Resolution::NotInArchive => None,
        }
    }
}

impl NumberIndex {
    pub fn new(notices: &[Arc<Notice>]) -> NumberIndex {
        let mut by_key: FxHashMap<String, Vec<(Date, usize)>> =
            FxHashMap::with_capacity_and_hasher(notices.len(), Default::default());
        for (index, notice) in notices.iter().enumerate() {
            if let Some(number) = &notice.front.number {
                by_key
                    .entry(number_key(number))
                    .or_default()
                    .push((notice.front.date, index));
            }
        }
        for entries in by_key.values_mut() {
            entries.sort();
        }
        NumberIndex { by_key }
    }

    /// Resolves a citation of `number` (with its date, if written) made by
    /// notice `citing`, dated `citing_date` (SPEC §5). A notice never
    /// resolves to itself: where the number is its own (numbers restart
    /// every year or term), the newest *other* notice that fits is taken.
    pub fn resolve(&self, number: &str, date: Option<Date>, citing: usize, citing_date: Date) -> Resolution {
        let Some(entries) = self.by_key.get(&number_key(number)) else {
            return Resolution::NotInArchive;
        };
        let others = || entries.iter().filter(|(_, index)| *index != citing);
        match date {
            Some(date) => {
                if let Some((_, index)) = others().find(|(d, _)| *d == date) {
                    return Resolution::Found(*index);
                }
                let same_year: Vec<&(Date, usize)> = others().filter(|(d, _)| d.year() == date.year()).collect();
                // Of several in that year (two terms), the last one issued
                // by the cited date, else the first after it.
                let pick = same_year.iter().rev().find(|(d, _)| *d <= date).or(same_year.first());
                pick.map_or(Resolution::NotInArchive, |(_, index)| Resolution::SameYear(*index))
            }
            None => others()
                .rev()
                .find(|(d, _)| *d <= citing_date)
                .map_or(Resolution::NotInArchive, |(_, index)| Resolution::Found(*index)),
        }
    }
}

/// The citations of the whole archive, both ways.
///
/// Each notice's lists are shared, not copied, by a clone of the archive,
/// which [`crate::link::archive::Archive::edit`] makes for every edit.
#[derive(Debug, Clone, Default)]
pub struct Citations {
    /// What each notice cites, in order of first appearance, without repeats.
    pub cites: Vec<Arc<[Citation]>>,
    /// Which notices cite each notice.
    pub cited_by: Vec<Arc<[usize]>>,
    /// Which notices each notice is replaced by (`supersedes` the other way).
    pub superseded_by: Vec<Arc<[usize]>>,
}

impl Citations {
    /// Puts together what each notice cites (found while its body was
    /// rendered, plus its front matter) and computes the reverse lists.
    pub fn new(notices: &[Arc<Notice>], cites: Vec<Vec<Citation>>) -> Citations {
        let mut cited_by = vec![Vec::new(); notices.len()];
        let mut superseded_by = vec![Vec::new(); notices.len()];
        for (citing, list) in cites.iter().enumerate() {
            for citation in list {
                let Some(target) = citation.target else {
                    continue;
                };
                if !cited_by[target].contains(&citing) {
                    cited_by[target].push(citing);
                }
                if citation.from == CitedFrom::Supersedes && !superseded_by[target].contains(&citing) {
                    superseded_by[target].push(citing);
                }
            }
        }
        let empty: Arc<[usize]> = Arc::from([]);
        let shared = |mut list: Vec<usize>| {
            if list.is_empty() {
                return empty.clone();
            }
            list.sort_by(|&a, &b| crate::model::notice::newest_first(&notices[a], &notices[b]));
            Arc::from(list)
        };
        Citations {
            cites: cites.into_iter().map(Arc::from).collect(),
            cited_by: cited_by.into_iter().map(shared).collect(),
            superseded_by: superseded_by.into_iter().map(shared).collect(),
        }
    }

    /// Replaces what notice `citing` cites, keeping the reverse lists
    /// right; the notices' order (dates, numbers, URLs) must not have
    /// changed since the lists were made.
    pub fn replace(&mut self, notices: &[Arc<Notice>], citing: usize, cites: Vec<Citation>) {
        fn edit(list: &mut Arc<[usize]>, change: impl FnOnce(&mut Vec<usize>)) {
            let mut owned = list.to_vec();
            change(&mut owned);
            *list = Arc::from(owned);
        }
        let old = std::mem::replace(&mut self.cites[citing], Arc::from(cites));
        for target in old.iter().filter_map(|citation| citation.target) {
            edit(&mut self.cited_by[target], |list| list.retain(|&other| other != citing));
            edit(&mut self.superseded_by[target], |list| {
                list.retain(|&other| other != citing)
            });
        }
        let place = |list: &mut Vec<usize>| {
            if !list.contains(&citing) {
                let at = list.partition_point(|&other| {
                    crate::model::notice::newest_first(&notices[other], &notices[citing]).is_lt()
                });
                list.insert(at, citing);
            }
        };
        for citation in self.cites[citing].iter() {
            let Some(target) = citation.target else {
                continue;
            };
            edit(&mut self.cited_by[target], place);
            if citation.from == CitedFrom::Supersedes {
                edit(&mut self.superseded_by[target], place);
            }
        }
    }

    /// Citations of documents not in the archive, by number key, with where
    /// each is cited: what a clerk might import next.
    pub fn not_in_archive<'a>(&self, notices: &'a [Arc<Notice>]) -> BTreeMap<String, MissingDocument<'a>> {
        let mut missing: BTreeMap<String, MissingDocument<'a>> = BTreeMap::new();
        for (citing, list) in self.cites.iter().enumerate() {
            for citation in list.iter().filter(|citation| citation.target.is_none()) {
                missing
                    .entry(number_key(&citation.number))
                    .or_insert_with(|| MissingDocument {
                        number: citation.number.clone(),
                        cited_at: Vec::new(),
                    })
                    .cited_at
                    .push((&notices[citing].source, citation.offset));
            }
        }
        missing
    }
}

/// A document cited by notices of the archive but not in it.
#[derive(Debug)]
pub struct MissingDocument<'a> {
    /// The number as first cited.
    pub number: String,
    /// Each citing file and the byte offset of the citation in it.
    pub cited_at: Vec<(&'a Source, usize)>,
}

/// Resolves one notice's front matter citations (`related`, `supersedes`).
/// A relation (`supersedes`) to a document the archive does not hold yet is
/// a warning at its entry, never an error: archives are imported piecemeal
/// (SPEC §5). Such a `related` entry, like a citation in the body, is only
/// listed by `check`.
pub fn front_matter_citations(
    index: &NumberIndex,
    notices: &[Arc<Notice>],
    citing: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Citation> {
    let notice = &notices[citing];
    let mut citations = Vec::new();
    let lists = [
        (&notice.front.related, CitedFrom::Related, "related"),
        (&notice.front.supersedes, CitedFrom::Supersedes, "supersedes"),
    ];
    for (entries, from, key) in lists {
        for (at, entry) in entries.iter().enumerate() {
            let (number, date) = document_entry(entry);
            let resolution = index.resolve(&number, date, citing, notice.front.date);
            let span = notice.entry_span(key, at);
            let target = resolution.target();
            match (&resolution, target) {
                // `related` is a citation made in the front matter: like one
                // in the body, `check` lists it when not in the archive.
                (_, None) if from == CitedFrom::Related => {}
                (_, None) => warnings.push(
                    Diagnostic::warning_at(
                        &notice.source,
                        span.clone(),
                        format!("`{key}` names {number}, which is not in the archive yet"),
                    )
                    .with_label("not in the archive")
                    .with_help("the page shows it as plain text until that document is imported"),
                ),
                (Resolution::SameYear(_), Some(target)) => warnings.push(
                    Diagnostic::warning_at(
                        &notice.source,
                        span.clone(),
                        format!(
                            "`{key}` names {number} of {}, but the archive's {number} of that year is dated {}",
                            date.map(|date| date.to_string()).unwrap_or_default(),
                            notices[target].front.date
                        ),
                    )
                    .with_label("no notice of this number has this date")
                    .with_help("correct the date, or leave it out to take the newest one"),
                ),
                _ => {}
            }
            citations.push(Citation {
                number,
                date,
                from,
                target,
                offset: span.start,
            });
        }
    }
    citations
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_notice_never_resolves_to_itself() {
        let mut index = NumberIndex::default();
        // 3-TB/TU of 2021 (notice 0) and of 2022 (notice 1): numbers restart.
        index
            .by_key
            .insert("3-tb/tu".into(), vec![(date(2021, 2, 1), 0), (date(2022, 2, 3), 1)]);
        assert_eq!(
            index.resolve("3-TB/TU", None, 1, date(2022, 2, 3)),
            Resolution::Found(0)
        );
        assert_eq!(
            index.resolve("3-TB/TU", None, 0, date(2021, 2, 1)),
            Resolution::NotInArchive
        );
        assert_eq!(
            index.resolve("3-TB/TU", Some(date(2022, 2, 3)), 1, date(2022, 2, 3)),
            Resolution::NotInArchive
        );
        assert_eq!(
            index.resolve("3-TB/TU", Some(date(2021, 2, 1)), 1, date(2022, 2, 3)),
            Resolution::Found(0)
        );
    }

    #[test]
    fn undated_citations_take_the_newest_earlier_notice() {
        let mut index = NumberIndex::default();
        index.by_key.insert(
            "12/tb-ubnd".into(),
            vec![(date(2021, 3, 15), 0), (date(2022, 1, 20), 1)],
        );
        assert_eq!(
            index.resolve("12/TB-UBND", None, usize::MAX, date(2021, 12, 31)),
            Resolution::Found(0)
        );
        assert_eq!(
            index.resolve("12/TB-UBND", None, usize::MAX, date(2023, 1, 1)),
            Resolution::Found(1)
        );
        assert_eq!(
            index.resolve("12/TB-UBND", None, usize::MAX, date(2020, 1, 1)),
            Resolution::NotInArchive
        );
        assert_eq!(
            index.resolve("12/tb-ubnd", Some(date(2022, 1, 20)), usize::MAX, date(2021, 1, 1)),
            Resolution::Found(1)
        );
        assert_eq!(
            index.resolve("12/TB-UBND", Some(date(2021, 3, 16)), usize::MAX, date(2023, 1, 1)),
            Resolution::SameYear(0)
        );
        assert_eq!(
            index.resolve("12/TB-UBND", Some(date(2019, 3, 15)), usize::MAX, date(2023, 1, 1)),
            Resolution::NotInArchive
        );
    }
}
