//! One notice as every stage sees it: its front matter with the site's
//! defaults applied, its text and where each key is, its attachments, and
//! the order of listings. Reading it from a file is
//! [`crate::load::front_matter`].

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use serde_json::Value as Json;

use crate::model::number::DocumentNumber;
use crate::model::relation::Relation;
use crate::model::task::TaskEntry;
use crate::support::diagnostics::Source;

/// The front matter of a notice, with defaults from `site.toml` applied.
#[derive(Debug, Clone)]
pub struct FrontMatter {
    pub title: String,
    /// Số và ký hiệu, e.g. `45-TB/BDVTU`.
    pub number: Option<String>,
    /// Ngày ban hành.
    pub date: Date,
    pub kind: String,
    pub issuer: String,
    pub place: String,
    pub signer: String,
    pub signer_title: String,
    /// Quyền hạn ký, the line above `signer_title`: "KT. Chủ tịch",
    /// "TM. Ủy ban nhân dân", "T/M Ban Thường vụ".
    pub authority: String,
    pub recipients: Vec<String>,
    pub tags: Vec<String>,
    /// The documents it names in its lists of relations (`supersedes`,
    /// `amends`, …, `related`; SPEC §8), each list as written; lists not
    /// given are absent.
    pub documents: BTreeMap<Relation, Vec<String>>,
    /// Ngày có hiệu lực: when it takes effect (`date` when not given).
    pub effective: Date,
    /// Ngày hết hiệu lực: the first day it no longer has effect.
    pub expires: Option<Date>,
    /// Lĩnh vực.
    pub field: String,
    /// `[[tasks]]`: tasks added, or found ones corrected (SPEC §9).
    pub tasks: Vec<TaskEntry>,
    pub attachments: Vec<String>,
    pub summary: Option<String>,
    pub slug: Option<String>,
    pub draft: bool,
    pub classification: String,
    pub extra: Json,
}

impl FrontMatter {
    /// The documents its front matter names as `relation` (`supersedes`…).
    pub fn named(&self, relation: Relation) -> &[String] {
        self.documents.get(&relation).map_or(&[], Vec::as_slice)
    }
}

/// A file published beside a notice's page.
#[derive(Debug, Clone)]
pub struct Attachment {
    /// The name as the front matter gives it, relative to the notice's folder.
    pub name: String,
    pub file: PathBuf,
    pub size: u64,
}

/// One notice, parsed and checked on its own.
#[derive(Debug, Clone)]
pub struct Notice {
    /// The Markdown file on disk.
    pub file: PathBuf,
    /// Its text, for diagnostics that point into it.
    pub source: Source,
    /// The folder its attachments are relative to.
    pub folder: PathBuf,
    /// Whether it is `index.md` of a bundle folder, whose other files are
    /// all published beside it.
    pub is_bundle: bool,
    pub front: FrontMatter,
    /// Byte offset of the Markdown body in `source`.
    pub body_offset: usize,
    /// Byte span of every front matter key's value, for later diagnostics.
    pub spans: BTreeMap<&'static str, Range<usize>>,
    /// Byte span of each entry of the lists that name other documents
    /// (`supersedes`, `related`, `amends`…), in the order of the front
    /// matter's lists.
    pub entry_spans: BTreeMap<&'static str, Vec<Range<usize>>>,
    /// The last URL segment: from `slug`, else `number`, else the file name.
    pub slug: String,
    /// The page's path under the site root: `2021/45-tb-bdvtu/`.
    pub(crate) url: String,
    /// A hash of the file's path and text: equal fingerprints, same notice.
    pub fingerprint: u64,
    pub attachments: Vec<Attachment>,
}

impl Notice {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.source.text[self.body_offset..]
    }

    /// Lets go of the file's text once the body is rendered, in a build
    /// that will not read it again: the text of every notice is the
    /// largest part of a big archive's memory. Diagnostics made earlier
    /// keep their own copy; the body is empty from here on.
    pub fn release_text(&mut self) {
        self.source.text = Arc::from("");
        self.body_offset = 0;
    }

    pub fn year(&self) -> i16 {
        self.front.date.year()
    }

    /// The page's path under the site root, without leading slash:
    /// `2021/45-tb-bdvtu/`.
    pub fn url_path(&self) -> &str {
        &self.url
    }

    /// Whether `other` (a new version of this notice) stays where this one
    /// is in the archive: same file and URL, same place in every listing
    /// (date, number), same taxonomy terms spelled the same, same
    /// attachments, and published alike. Its title, body, summary and the
    /// rest may differ: they show on its own page, in its listing entries
    /// and on the pages of the notices it cites or that cite it.
    pub fn same_place(&self, other: &Notice) -> bool {
        let (a, b) = (&self.front, &other.front);
        fn attachment(attachment: &Attachment) -> (&String, &PathBuf, u64) {
            (&attachment.name, &attachment.file, attachment.size)
        }
        self.file == other.file
            && self.folder == other.folder
            && self.is_bundle == other.is_bundle
            && self.url == other.url
            && (a.date, &a.number, &a.issuer, &a.kind, &a.tags, &a.signer, &a.field)
                == (b.date, &b.number, &b.issuer, &b.kind, &b.tags, &b.signer, &b.field)
            && (a.draft, &a.classification) == (b.draft, &b.classification)
            && self
                .attachments
                .iter()
                .map(attachment)
                .eq(other.attachments.iter().map(attachment))
    }

    /// The span of a front matter value, or the first line when absent.
    pub fn span_of(&self, key: &str) -> Range<usize> {
        self.spans.get(key).cloned().unwrap_or(0..3)
    }

    /// The span of entry `at` of a list of documents (`supersedes`,
    /// `related`), or of the whole list when not known.
    pub fn entry_span(&self, key: &str, at: usize) -> Range<usize> {
        self.entry_spans
            .get(key)
            .and_then(|spans| spans.get(at))
            .cloned()
            .unwrap_or_else(|| self.span_of(key))
    }
}

/// Newest first: by date, then by number (`46-TB` before `45-TB`), then by
/// URL so the order never depends on how files were found.
pub fn newest_first(a: &Notice, b: &Notice) -> Ordering {
    b.front
        .date
        .cmp(&a.front.date)
        .then_with(|| compare_numbers(b.front.number.as_deref(), a.front.number.as_deref()))
        .then_with(|| a.url_path().cmp(b.url_path()))
}

/// Compares document numbers by their serial, then as text.
fn compare_numbers(a: Option<&str>, b: Option<&str>) -> Ordering {
    let serial = |number: &str| DocumentNumber::new(number).serial();
    match (a, b) {
        (Some(a), Some(b)) => serial(a).cmp(&serial(b)).then_with(|| a.cmp(b)),
        (a, b) => a.is_some().cmp(&b.is_some()),
    }
}

/// Whether `line` begins with a mark of signing authority (quyền hạn ký):
/// `KT.`/`K/T` (ký thay), `TM.`/`T/M` (thay mặt), `TL.`/`T/L` (thừa lệnh),
/// `TUQ.` (thừa ủy quyền), `Q.` (quyền), in any case.
pub fn is_authority(line: &str) -> bool {
    let upper = line.trim_start().to_uppercase();
    [
        "KT.", "K/T", "KT ", "TM.", "T/M", "TM ", "TL.", "T/L", "TL ", "TUQ.", "TUQ ", "T/UQ", "Q.",
    ]
    .iter()
    .any(|mark| upper.starts_with(mark))
}

/// The signature block's authority and title lines as they are printed.
/// `authority` is used as written; a notice written before `authority`
/// existed may hold both in `signer_title` ("K/T Chủ tịch - Phó Chủ tịch",
/// or the two on separate lines): when its first part is an authority
/// ([`is_authority`]) and a title follows, they are split there.
pub fn signature_lines(authority: &str, signer_title: &str) -> (String, String) {
    if !authority.trim().is_empty() || !is_authority(signer_title) {
        return (authority.trim().to_string(), signer_title.trim().to_string());
    }
    for separator in ["\n", " - ", " – ", " — ", ", "] {
        if let Some((first, rest)) = signer_title.split_once(separator)
            && !rest.trim().is_empty()
        {
            return (first.trim().to_string(), rest.trim().to_string());
        }
    }
    (String::new(), signer_title.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_compare_by_their_integer() {
        assert_eq!(
            compare_numbers(Some("46-TB/BDVTU"), Some("45-TB/BDVTU")),
            Ordering::Greater
        );
        assert_eq!(compare_numbers(Some("100-TB"), Some("99-TB")), Ordering::Greater);
        assert_eq!(compare_numbers(None, Some("1-TB")), Ordering::Less);
    }
}
