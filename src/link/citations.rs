//! Citations: resolving the numbers a notice names, in its body and its
//! front matter, to notices of the archive, and the lists both ways
//! (SPEC §5). Finding numbers in text is [`crate::model::number`].

use std::collections::BTreeMap;
use std::sync::Arc;

use jiff::civil::Date;
use rustc_hash::FxHashMap;

use crate::model::notice::Notice;
use crate::model::number::{document_entry, number_key};
use crate::model::relation::Relation;
use crate::support::diagnostics::{Diagnostic, Source};

/// Where in a notice a citation was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum CitedFrom {
    Body,
    /// A list of the front matter: `related`, `supersedes`, `amends`…
    FrontMatter,
}

/// One citation made by a notice.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The number as written in the citing notice.
    pub number: String,
    /// The date given with it, if any.
    pub date: Option<Date>,
    pub from: CitedFrom,
    /// What the citing notice does to the document: the front matter's
    /// list, or what the wording around it says ([`crate::link::wording`]).
    pub relation: Relation,
    /// Whether it acts on a part of the document only ("bãi bỏ khoản 2
    /// Điều 3 của …"); always so for `amends`.
    pub part: bool,
    /// The notice it names, by index into the site's notices.
    pub target: Option<usize>,
    /// Byte offset in the citing notice's source, for messages.
    pub offset: usize,
}

impl Citation {
    /// Whether both name the same document: the same notice of the
    /// archive, or, outside it, the same number.
    pub fn names_same(&self, other: &Citation) -> bool {
        match (self.target, other.target) {
            (Some(a), Some(b)) => a == b,
            (None, None) => number_key(&self.number) == number_key(&other.number),
            _ => false,
        }
    }
}

/// A relation another notice has to this one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Received {
    /// The notice that names this one.
    pub from: usize,
    pub relation: Relation,
    pub part: bool,
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
    /// What each notice does to each document it names: one entry per
    /// document and kind, in order of first appearance ([`relations_of`]).
    pub relations: Vec<Arc<[Citation]>>,
    /// Which notices name each notice, in any way, newest first.
    pub cited_by: Vec<Arc<[usize]>>,
    /// The relations other notices have to each notice, newest first.
    pub received: Vec<Arc<[Received]>>,
}

impl Citations {
    /// Puts together what each notice cites (found while its body was
    /// rendered, plus its front matter) and computes the reverse lists.
    pub fn new(notices: &[Arc<Notice>], cites: Vec<Vec<Citation>>) -> Citations {
        let relations: Vec<Vec<Citation>> = cites.iter().map(|list| relations_of(list)).collect();
        let mut received = vec![Vec::new(); notices.len()];
        for (citing, list) in relations.iter().enumerate() {
            for citation in list {
                if let Some(target) = citation.target {
                    received[target].push(Received {
                        from: citing,
                        relation: citation.relation,
                        part: citation.part,
                    });
                }
            }
        }
        let (cited_by, received_lists) = received.into_iter().map(|list| reverse_lists(notices, list)).unzip();
        Citations {
            cites: cites.into_iter().map(Arc::from).collect(),
            relations: relations.into_iter().map(Arc::from).collect(),
            cited_by,
            received: received_lists,
        }
    }

    /// Replaces what notice `citing` cites, keeping the reverse lists
    /// right; the notices' order (dates, numbers, URLs) must not have
    /// changed since the lists were made.
    pub fn replace(&mut self, notices: &[Arc<Notice>], citing: usize, cites: Vec<Citation>) {
        let relations = relations_of(&cites);
        let old = std::mem::replace(&mut self.relations[citing], Arc::from(relations));
        self.cites[citing] = Arc::from(cites);
        let mut targets: Vec<usize> = old.iter().filter_map(|citation| citation.target).collect();
        targets.extend(self.relations[citing].iter().filter_map(|citation| citation.target));
        targets.sort_unstable();
        targets.dedup();
        for target in targets {
            let mut received: Vec<Received> = self.received[target]
                .iter()
                .filter(|received| received.from != citing)
                .copied()
                .collect();
            received.extend(
                self.relations[citing]
                    .iter()
                    .filter(|citation| citation.target == Some(target))
                    .map(|citation| Received {
                        from: citing,
                        relation: citation.relation,
                        part: citation.part,
                    }),
            );
            (self.cited_by[target], self.received[target]) = reverse_lists(notices, received);
        }
    }

    /// The notices that act on notice `index` in the given way, newest first.
    pub fn received_as(&self, index: usize, relation: Relation) -> impl Iterator<Item = &Received> {
        self.received[index]
            .iter()
            .filter(move |received| received.relation == relation)
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

/// A notice's `cited_by` and `received`.
type ReverseLists = (Arc<[usize]>, Arc<[Received]>);

/// The relations other notices have to one notice, newest first (then
/// strongest first), and the notices among them once each: the two
/// reverse lists of [`Citations`].
/// Most notices are named by none: their lists share one allocation each.
fn reverse_lists(notices: &[Arc<Notice>], mut received: Vec<Received>) -> ReverseLists {
    static NONE: std::sync::LazyLock<ReverseLists> = std::sync::LazyLock::new(|| (Arc::from([]), Arc::from([])));
    if received.is_empty() {
        return NONE.clone();
    }
    received.sort_by(|a, b| {
        crate::model::notice::newest_first(&notices[a.from], &notices[b.from]).then(a.relation.cmp(&b.relation))
    });
    let mut citing: Vec<usize> = received.iter().map(|received| received.from).collect();
    citing.dedup();
    (Arc::from(citing), Arc::from(received))
}

/// What a notice does to each document it names, from all it cites: one
/// entry per document, in order of first appearance. The front matter
/// wins over the wording: a document a typed list of the front matter
/// names has the kinds those lists give (one entry each); else the
/// strongest kind its wording states (in part only if every such
/// mention is); else `related` if listed there; else it is cited.
pub fn relations_of(cites: &[Citation]) -> Vec<Citation> {
    let same = Citation::names_same;
    let mut relations: Vec<Citation> = Vec::new();
    for (at, citation) in cites.iter().enumerate() {
        if cites[..at].iter().any(|earlier| same(earlier, citation)) {
            continue;
        }
        let mentions: Vec<&Citation> = cites[at..].iter().filter(|other| same(other, citation)).collect();
        let stated: Vec<&Citation> = mentions
            .iter()
            .copied()
            .filter(|m| m.from == CitedFrom::FrontMatter && m.relation.is_typed())
            .collect();
        if !stated.is_empty() {
            for mention in stated {
                if !relations
                    .iter()
                    .any(|r| same(r, mention) && r.relation == mention.relation)
                {
                    relations.push(mention.clone());
                }
            }
            continue;
        }
        let strongest = mentions
            .iter()
            .filter(|m| m.relation.is_typed())
            .map(|m| m.relation)
            .min();
        let chosen = match strongest {
            Some(kind) => {
                let of_kind: Vec<&&Citation> = mentions.iter().filter(|m| m.relation == kind).collect();
                let mut chosen = (*of_kind[0]).clone();
                chosen.part = of_kind.iter().all(|m| m.part);
                chosen
            }
            None => {
                let related = mentions.iter().find(|m| m.relation == Relation::Related);
                (*related.unwrap_or(&mentions[0])).clone()
            }
        };
        relations.push(chosen);
    }
    relations
}

/// Resolves one notice's front matter citations (`related`, `supersedes`
/// and the other lists of SPEC §8). A relation to a document the archive
/// does not hold yet is a warning at its entry, never an error: archives
/// are imported piecemeal (SPEC §5). Such a `related` entry, like a
/// citation in the body, is only listed by `check`.
pub fn front_matter_citations(
    index: &NumberIndex,
    notices: &[Arc<Notice>],
    citing: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Citation> {
    let notice = &notices[citing];
    let mut citations = Vec::new();
    for &relation in Relation::FRONT_MATTER {
        let key = relation.key();
        for (at, entry) in notice.front.named(relation).iter().enumerate() {
            let (number, date) = document_entry(entry);
            let resolution = index.resolve(&number, date, citing, notice.front.date);
            let span = notice.entry_span(key, at);
            let target = resolution.target();
            match (&resolution, target) {
                // `related` is a citation made in the front matter: like one
                // in the body, `check` lists it when not in the archive.
                (_, None) if relation == Relation::Related => {}
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
                part: relation == Relation::Amends || names_a_part(entry),
                number,
                date,
                from: CitedFrom::FrontMatter,
                relation,
                target,
                offset: span.start,
            });
        }
    }
    citations
}

/// Whether a front matter entry names a part of the document before its
/// number: "mục II của 12-TB/BDVTU", "khoản 2 Điều 5 của 30/2020/NĐ-CP".
fn names_a_part(entry: &str) -> bool {
    let Some(found) = crate::model::number::find(entry).into_iter().next() else {
        return false;
    };
    crate::link::wording::names_a_part(&entry[..found.span.start])
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
