//! The data templates receive: plain serializable structs made for them,
//! never the pipeline's internals. The theme guide in the README lists them.

use serde::Serialize;

use crate::link::archive::{PageSlice, page_path};
use crate::load::config::Config;
use crate::model::number::{DocumentNumber, NumberStyle};

/// Turns template data into a template value.
pub fn to_value<T: Serialize>(data: T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(data))
}

/// `site` in every template.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    /// As configured, ending with `/`.
    pub base_url: String,
    /// The path part of `base_url`, which every link starts with.
    pub base_path: String,
    /// `vi` or `en`: the page's `lang`.
    pub language: &'static str,
    /// Whether links are relative (SPEC §11): the search page's results
    /// then name their `index.html` too.
    pub relative: bool,
    /// Whether the Atom feeds are written (not by a relative site whose
    /// `base_url` names no host): pages link to them only then.
    pub feeds: bool,
}

impl SiteView {
    pub fn new(config: &Config) -> SiteView {
        SiteView {
            title: config.title.clone(),
            base_url: config.base_url.clone(),
            base_path: config.base_path().to_string(),
            language: config.language.code(),
            relative: config.relative_urls,
            feeds: config.writes_feeds(),
        }
    }
}

/// A name with the URL of its page (a tag, an issuer…).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct Link {
    pub name: String,
    pub url: String,
}

/// A file published beside a notice.
#[derive(Debug, Clone, Serialize)]
pub struct AttachmentView {
    pub name: String,
    pub url: String,
    /// Bytes.
    pub size: u64,
    /// Upper-case extension, e.g. `PDF`; empty when the name has none.
    pub file_type: String,
}

/// A notice as templates see it: on its own page as `notice`, in listings
/// as each item of `notices`.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeView {
    pub title: String,
    /// Empty when the notice has none.
    pub number: String,
    /// ISO `2021-04-12`.
    pub date: String,
    /// As written on paper: "ngày 12 tháng 4 năm 2021".
    pub date_text: String,
    pub year: i16,
    pub month: i8,
    pub day: i8,
    pub url: String,
    pub kind: String,
    pub kind_url: String,
    /// The kind as it heads the printed page: "THÔNG BÁO" for every kind
    /// of "Thông báo …" (the rest of the kind is in the title), else the
    /// kind in capitals.
    pub kind_heading: String,
    /// `party` (numbers like `45-TB/BDVTU`) or `state` (`12/TB-UBND`): which
    /// paper layout the notice follows.
    pub style: &'static str,
    /// `extra.parent_issuer`, printed above the issuer ("TỈNH ỦY QUẢNG NGÃI").
    pub parent_issuer: String,
    pub issuer: String,
    /// Empty when there is no issuer.
    pub issuer_url: String,
    pub place: String,
    pub signer: String,
    pub signer_url: String,
    /// Quyền hạn ký ("KT. Chủ tịch", "T/M Ban Thường vụ"), printed in
    /// capitals on its own line above `signer_title`; empty when none.
    pub authority: String,
    pub signer_title: String,
    pub recipients: Vec<String>,
    pub tags: Vec<Link>,
    pub summary: String,
    pub attachments: Vec<AttachmentView>,
    pub classification: String,
    pub draft: bool,
    /// The body as HTML, citations linked.
    pub content: String,
    /// What this notice cites in its body and `related` ("Văn bản được dẫn
    /// chiếu"), in order of first appearance.
    pub cites: Vec<CitationView>,
    /// The notices that cite this one ("Được dẫn chiếu bởi"), newest first.
    pub cited_by: Vec<CitationView>,
    /// The notices this one replaces ("Thay thế").
    pub supersedes: Vec<CitationView>,
    /// The notices that replace this one: a banner says so.
    pub superseded_by: Vec<CitationView>,
    /// What this notice does to the documents it names, by kind
    /// (strongest first, "Văn bản được dẫn chiếu" last): "Sửa đổi, bổ
    /// sung", "Căn cứ"… (SPEC §8).
    pub relations: Vec<RelationGroup>,
    /// What other notices do to this one, by kind, in the passive voice:
    /// "Được sửa đổi, bổ sung bởi", "Là căn cứ của"…
    pub received: Vec<RelationGroup>,
    /// Its relations diagram (lược đồ), when it has a relation.
    pub diagram_url: String,
    /// The tasks it assigns (SPEC §9), in the order of its text.
    pub tasks: Vec<crate::render::tasks::TaskView>,
    /// The tasks it closed, as the report a `done_by` names.
    pub closes: Vec<crate::render::tasks::TaskView>,
    pub validity: ValidityView,
    /// Ngày có hiệu lực (ISO), and as written.
    pub effective: String,
    pub effective_text: String,
    /// Ngày hết hiệu lực (ISO), empty when none; and as written.
    pub expires: String,
    pub expires_text: String,
    /// Lĩnh vực, and its page; empty when none.
    pub field: String,
    pub field_url: String,
    /// schema.org JSON-LD of the notice, for the page's head (on its own
    /// page only), safe inside a `<script>` element.
    pub json_ld: String,
    /// The front matter's `[extra]` table.
    pub extra: serde_json::Value,
}

/// A cited or citing document.
#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    /// The notice's number, or the number as cited when not in the archive.
    pub number: String,
    /// ISO date of the notice, or the date given with the citation; may be empty.
    pub date: String,
    pub date_text: String,
    /// Empty when the document is not in the archive.
    pub title: String,
    /// The notice's page, the `external_url` link, or empty.
    pub url: String,
    pub in_archive: bool,
    /// Whether the relation is to a part of it only ("bãi bỏ mục II").
    pub part: bool,
}

/// The documents of one kind of relation, with its label in the voice of
/// the list.
#[derive(Debug, Clone, Serialize)]
pub struct RelationGroup {
    /// `amends`, `repeals`, … `cites`: the relation's key (SPEC §2).
    pub key: &'static str,
    /// Its CSS class: `relation-amends`, or `relation-amends-by` in the
    /// passive voice.
    pub class: String,
    pub label: String,
    pub documents: Vec<CitationView>,
}

/// A notice's validity as of the build, and every period of it for the
/// page to pick today's from.
#[derive(Debug, Clone, Serialize)]
pub struct ValidityView {
    /// The state's key (`con-hieu-luc`…) as of `as_of`.
    pub state: &'static str,
    pub label: String,
    /// The build's date, ISO, and as `dd/mm/yyyy`.
    pub as_of: String,
    pub as_of_text: String,
    /// The period `as_of` falls in.
    pub current: PeriodView,
    /// The period `as_of` falls in and those after it: what a page needs
    /// to be right on a later day.
    pub periods: Vec<PeriodView>,
    /// `[[from, state, label], …]` of `periods` as JSON, for scripts of
    /// listings; empty when the state will not change.
    pub periods_json: String,
}

/// From a day on, one state, and the notice that brought it about.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    /// ISO; empty for the first period.
    pub from: String,
    /// `dd/mm/yyyy`; empty for the first period.
    pub from_text: String,
    pub state: &'static str,
    pub label: String,
    /// The relation's label in the passive voice ("Bị thay thế bởi"),
    /// empty when the state follows from the notice's own dates.
    pub by_label: String,
    /// The relation's key (`supersedes`, `repeals`, …), empty when none.
    pub by_relation: &'static str,
    pub by: Option<CitationView>,
}

/// A link to one page of a listing.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub current: bool,
}

/// `paginator` on listing pages.
#[derive(Debug, Clone, Serialize)]
pub struct PaginatorView {
    pub number: usize,
    pub total: usize,
    /// How many notices the whole listing holds.
    pub items: usize,
    pub first_url: String,
    pub last_url: String,
    /// Empty on the first page.
    pub prev_url: String,
    /// Empty on the last page.
    pub next_url: String,
    /// The first, the last, and the pages near the current one, with gaps
    /// shown where `number` jumps.
    pub pages: Vec<PageLink>,
}

impl PaginatorView {
    /// The paginator of `slice` in the listing at `listing` (a path under
    /// the site root) with `items` notices in all.
    pub fn new(base_path: &str, listing: &str, slice: &PageSlice, items: usize) -> PaginatorView {
        let url = |number: usize| format!("{base_path}{}", page_path(listing, number));
        let near = |n: usize| n == 1 || n == slice.total || n.abs_diff(slice.number) <= 2;
        PaginatorView {
            number: slice.number,
            total: slice.total,
            items,
            first_url: url(1),
            last_url: url(slice.total),
            prev_url: if slice.number > 1 {
                url(slice.number - 1)
            } else {
                String::new()
            },
            next_url: if slice.number < slice.total {
                url(slice.number + 1)
            } else {
                String::new()
            },
            pages: (1..=slice.total)
                .filter(|&n| near(n))
                .map(|n| PageLink {
                    number: n,
                    url: url(n),
                    current: n == slice.number,
                })
                .collect(),
        }
    }
}

/// A month of a year page.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    pub month: i8,
    pub name: String,
    pub notices: Vec<minijinja::Value>,
}

/// A year on the archive page.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    pub year: i16,
    pub url: String,
    pub count: usize,
    /// Notices per month, January first; zero for empty months.
    pub months: Vec<MonthCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MonthCount {
    pub month: i8,
    pub name: String,
    pub count: usize,
}

/// A term on a taxonomy's index page, or the term of a term page.
#[derive(Debug, Clone, Serialize)]
pub struct TermView {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub count: usize,
}

/// `taxonomy` on taxonomy pages.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    /// `issuers`, `kinds`, `tags` or `signers`.
    pub slug: &'static str,
    /// Its name in the UI language.
    pub name: String,
    pub url: String,
}

/// The printed heading of a kind of document.
pub fn kind_heading(kind: &str) -> String {
    let upper = kind.to_uppercase();
    if upper.starts_with("THÔNG BÁO") {
        "THÔNG BÁO".to_string()
    } else {
        upper
    }
}

/// Party numbers put a hyphen after the serial (`45-TB/BDVTU`), State
/// numbers a slash (`12/TB-UBND`, `30/2020/NĐ-CP`). Without a number, a
/// State body's name decides; Party style is the default.
pub fn document_style(number: Option<&str>, issuer: &str) -> &'static str {
    match number.and_then(|number| DocumentNumber::new(number).style()) {
        Some(NumberStyle::State) => return "state",
        Some(NumberStyle::Party) => return "party",
        None => {}
    }
    let issuer = issuer.to_lowercase();
    let state_bodies = [
        "ủy ban nhân dân",
        "ubnd",
        "hội đồng nhân dân",
        "sở ",
        "bộ ",
        "chính phủ",
        "thủ tướng",
    ];
    if state_bodies.iter().any(|body| issuer.starts_with(body)) {
        "state"
    } else {
        "party"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_follows_the_number() {
        assert_eq!(document_style(Some("45-TB/BDVTU"), ""), "party");
        assert_eq!(document_style(Some("12/TB-UBND"), ""), "state");
        assert_eq!(document_style(None, "Ủy ban nhân dân tỉnh"), "state");
        assert_eq!(document_style(None, "Ban Dân vận Tỉnh ủy"), "party");
        assert_eq!(kind_heading("Thông báo kết luận"), "THÔNG BÁO");
        assert_eq!(kind_heading("Kết luận"), "KẾT LUẬN");
    }
}
