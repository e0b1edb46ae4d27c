//! Document numbers: finding them in text and resolving them to notices of
//! the archive (SPEC §5).
//!
//! Two styles of number are recognised:
//! - Party: serial, hyphen, kind, then `/` and the issuing body:
//!   `120-KL/TW`, `45-TB/BDVTU`, `36-HD/VPTW`;
//! - State: serial, `/`, an optional year, kind, hyphen, issuing body:
//!   `12/TB-UBND`, `30/2020/NĐ-CP`, `15/CT-TTg`.
//!
//! Spacing: spaces (never a line break) are tolerated around the `-` and `/`
//! *inside* a number only when its letters are written in capitals
//! (`120 - KL/TW`, `12 / TB-UBND`), because lower-case words around a
//! dash or slash are ordinary prose (`mục 2 - và/hoặc`). A number written
//! in lower case (`120-kl/tw`) is still found when it has no spaces. A space
//! never stands in for a separator: `120 KL TW` is not a citation.
//!
//! A date directly after the number, optionally after a comma or a line
//! break, is the cited document's date: `ngày 07/01/2016`, `ngày 7/1/2016`,
//! `ngày 07-01-2016`, `ngày 07.01.2016`, `ngày 07 tháng 01 năm 2016`.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;
use rustc_hash::FxHashMap;

use crate::model::notice::Notice;
use crate::support::diagnostics::{Diagnostic, Source};

/// The form under which two document numbers are the same: NFC, lowercase,
/// without spaces, any dash as `-` (`45-TB/BDVTU`, `45-tb/bdvtu` and
/// `45 – TB/BDVTU` agree).
pub fn number_key(number: &str) -> String {
    // Most numbers are ASCII ("45-TB/BDVTU"): nothing to compose, and the
    // only dash is `-`. Keys are made for every citation of every body.
    if number.is_ascii() {
        return number
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    any_number_key(number)
}

/// Whether two numbers as written are the same number ([`number_key`]).
pub fn same_number(a: &str, b: &str) -> bool {
    number_key(a) == number_key(b)
}

fn any_number_key(number: &str) -> String {
    crate::support::text::normalize(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}')
}

/// A document number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the number in the text.
    pub span: Range<usize>,
    /// The number as written, without inner spaces and with plain hyphens.
    pub number: String,
    /// The date written after it, when there is one and it exists.
    pub date: Option<Date>,
    /// Byte range of the number and its date together.
    pub full_span: Range<usize>,
}

const LETTERS: &str = r"[\p{L}][\p{L}\d]*";

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let dash = "[-\u{2010}\u{2011}\u{2012}\u{2013}]";
    let party = format!(r"\d{{1,5}} *{dash} *{LETTERS}(?: */ *{LETTERS}(?:{dash}{LETTERS})*)+");
    let state = format!(r"\d{{1,5}} */ *(?:\d{{4}} */ *)?{LETTERS}(?: *{dash} *{LETTERS})+");
    Regex::new(&format!("(?:{party})|(?:{state})")).expect("valid number pattern")
});

static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[ \t]*,?\s*ngày\s+(?:(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
    )
    .expect("valid date pattern")
});

/// Characters that, right before a number, mean it is part of something
/// else: a URL, a path, a longer code, a decimal or a phone number.
fn joins_before(c: char) -> bool {
    c.is_alphanumeric() || is_dash(c) || "/._:@#=&?%+\\".contains(c)
}

/// Finds every document number in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for m in NUMBER.find_iter(text) {
        let (start, mut end) = (m.start(), m.end());
        if text[..start].chars().next_back().is_some_and(joins_before) || inside_url(text, start) {
            continue;
        }
        // The pattern is greedy; what follows must not continue the token.
        let after = &text[end..];
        let mut rest = after.chars();
        match (rest.next(), rest.next()) {
            (Some(c), _) if c.is_alphanumeric() => continue,
            (Some(c), Some(d)) if (c == '/' || is_dash(c)) && d.is_alphanumeric() => continue,
            (Some('.'), Some(d)) if d.is_ascii_digit() => continue,
            _ => {}
        }
        let written = &text[start..end];
        if written.contains(' ') && written.chars().any(char::is_lowercase) {
            continue;
        }
        let number: String = written
            .chars()
            .filter(|c| *c != ' ')
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect();
        let number_end = end;
        let date = DATE_AFTER.captures(after).and_then(|captures| {
            let part = |i: usize| captures.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
            let (day, month, year) = match part(1) {
                Some(day) => (day, part(3)?, part(4)?),
                None => (part(5)?, part(6)?, part(7)?),
            };
            let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
            end = number_end + captures.get(0)?.end();
            Some(date)
        });
        found.push(Found {
            span: start..number_end,
            number,
            date,
            full_span: start..end,
        });
    }
    found
}

fn inside_url(text: &str, start: usize) -> bool {
    // After the last whitespace, which may be more than one byte (U+00A0).
    let token_start = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let token = &text[token_start..start];
    token.contains("://") || token.starts_with("www.")
}

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
            list.sort_by(|&a, &b| crate::link::archive::newest_first(&notices[a], &notices[b]));
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
                    crate::link::archive::newest_first(&notices[other], &notices[citing]).is_lt()
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

/// Splits a front matter entry naming a document into its number and the
/// date it may carry (`"12-TB/BDVTU ngày 05/3/2021"`).
pub fn document_entry(entry: &str) -> (String, Option<Date>) {
    match find(entry).into_iter().next() {
        Some(found) => (found.number, found.date),
        None => (entry.trim().to_string(), None),
    }
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

    fn date(y: i16, m: i8, d: i8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn keys_ignore_case_spacing_and_dash_kind() {
        assert_eq!(number_key("45-TB/BDVTU"), number_key("45 – tb/bdvtu"));
        assert_eq!(number_key("30/2020/NĐ-CP"), "30/2020/nđ-cp");
        // Decomposed, as pasted from a word processor: the same key.
        assert_eq!(number_key("5/TB-Tỉnh"), number_key("5/TB-Ti\u{0309}nh"));
    }

    #[test]
    fn ascii_keys_are_made_as_any_other() {
        // Every ASCII character, alone and between the parts of a number.
        for byte in 0..=127u8 {
            let c = char::from(byte);
            for number in [c.to_string(), format!("45{c}TB/BDVTU"), format!("30/2020/{c}ND-CP")] {
                if number.is_ascii() {
                    assert_eq!(number_key(&number), any_number_key(&number), "{number:?}");
                }
            }
        }
    }

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
    fn dated_entries_pick_that_notice() {
        assert_eq!(
            document_entry("12-TB/BDVTU ngày 05/3/2021"),
            ("12-TB/BDVTU".to_string(), Some(date(2021, 3, 5)))
        );
        assert_eq!(document_entry(" 246-CV/TU "), ("246-CV/TU".to_string(), None));
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
