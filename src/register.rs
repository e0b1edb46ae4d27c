//! `/notices.json`: the register as data for other office systems.
//!
//! `notices.json` holds one record per published notice (all front matter,
//! URL, citations made and received, SPEC §4), after the site, counts and
//! one entry per year. For consumers that want a year at a time,
//! `notices/{year}.json` holds the same records of that year. Each record
//! is serialised once and its bytes used in both files. The format is
//! documented in `docs/notices-json.md`; `version` changes when it changes
//! incompatibly.

use serde::Serialize;

use crate::archive::Archive;
use crate::citations::CitedFrom;
use crate::diagnostics::display_path;
use crate::output::{Contents, OutputFile};

/// The version of the format documented in `docs/notices-json.md`.
pub const FORMAT_VERSION: u32 = 2;

#[derive(Serialize)]
struct Index<'a> {
    version: u32,
    generator: &'static str,
    site: SiteInfo<'a>,
    count: usize,
    years: Vec<YearPart>,
}

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    base_url: &'a str,
    language: &'static str,
}

#[derive(Serialize)]
struct YearPart {
    year: i16,
    count: usize,
    url: String,
}

/// `{"version":…,"year":…}`, to which the year's records are added.
#[derive(Serialize)]
struct PartHeader {
    version: u32,
    year: i16,
}

/// `head` (a JSON object) with a last member `"notices"`: the records given
/// as JSON, one a line.
fn with_records(head: Vec<u8>, records: &[Vec<u8>]) -> Vec<u8> {
    let mut out = head;
    // A serialised struct always ends with its closing brace.
    out.pop();
    out.extend_from_slice(b",\"notices\":[");
    for (at, record) in records.iter().enumerate() {
        out.extend_from_slice(if at == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(record);
    }
    out.extend_from_slice(b"\n]}\n");
    out
}

/// One notice: its front matter as written (defaults applied), where it
/// is, and its citations both ways.
#[derive(Serialize)]
struct Record<'a> {
    title: &'a str,
    number: Option<&'a str>,
    date: String,
    kind: &'a str,
    issuer: &'a str,
    place: &'a str,
    signer: &'a str,
    signer_title: &'a str,
    authority: &'a str,
    recipients: &'a [String],
    tags: &'a [String],
    supersedes: &'a [String],
    related: &'a [String],
    attachments: &'a [String],
    summary: Option<&'a str>,
    slug: Option<&'a str>,
    draft: bool,
    classification: &'a str,
    extra: &'a serde_json::Value,
    url: String,
    source: String,
    cites: Vec<CitationRecord>,
    cited_by: Vec<CitationRecord>,
    superseded_by: Vec<CitationRecord>,
}

#[derive(Serialize)]
struct CitationRecord {
    number: String,
    /// The cited notice's date, or the date given with the citation.
    date: Option<String>,
    /// The notice's URL; `null` for documents not in the archive.
    url: Option<String>,
    /// `body`, `related` or `supersedes` (for `cites`).
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'static str>,
}

/// JSON that is also safe inside an HTML page (`<`, `>`, `&` only ever
/// occur in strings, where these escapes mean the same).
fn embeddable(json: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    for byte in json {
        match byte {
            b'<' => out.extend_from_slice(b"\\u003c"),
            b'>' => out.extend_from_slice(b"\\u003e"),
            b'&' => out.extend_from_slice(b"\\u0026"),
            other => out.push(other),
        }
    }
    out
}

/// `notices.json` and its yearly parts.
pub fn register(archive: &Archive) -> Vec<OutputFile> {
    let config = &archive.site.config;
    let base = config.base_path();
    let notices = archive.notices();
    let notice_citation = |index: usize| CitationRecord {
        number: notices[index].front.number.clone().unwrap_or_default(),
        date: Some(notices[index].front.date.to_string()),
        url: Some(format!("{base}{}", notices[index].url_path())),
        from: None,
    };
    let mut files = Vec::with_capacity(archive.years.len() + 1);
    let mut years = Vec::with_capacity(archive.years.len());
    let mut all: Vec<Vec<u8>> = Vec::with_capacity(notices.len());
    for year in &archive.years {
        let records: Vec<Vec<u8>> = year
            .notices
            .iter()
            .map(|&index| {
                let notice = &notices[index];
                let front = &notice.front;
                let record = Record {
                    title: &front.title,
                    number: front.number.as_deref(),
                    date: front.date.to_string(),
                    kind: &front.kind,
                    issuer: &front.issuer,
                    place: &front.place,
                    signer: &front.signer,
                    signer_title: &front.signer_title,
                    authority: &front.authority,
                    recipients: &front.recipients,
                    tags: &front.tags,
                    supersedes: &front.supersedes,
                    related: &front.related,
                    attachments: &front.attachments,
                    summary: front.summary.as_deref(),
                    slug: front.slug.as_deref(),
                    draft: front.draft,
                    classification: &front.classification,
                    extra: &front.extra,
                    url: format!("{base}{}", notice.url_path()),
                    source: display_path(&archive.site.root, &notice.file)
                        .to_string_lossy()
                        .replace('\\', "/"),
                    cites: archive.citations.cites[index]
                        .iter()
                        .map(|citation| {
                            let from = Some(match citation.from {
                                CitedFrom::Body => "body",
                                CitedFrom::Related => "related",
                                CitedFrom::Supersedes => "supersedes",
                            });
                            match citation.target {
                                Some(target) => CitationRecord {
                                    from,
                                    ..notice_citation(target)
                                },
                                None => CitationRecord {
                                    number: citation.number.clone(),
                                    date: citation.date.map(|date| date.to_string()),
                                    url: None,
                                    from,
                                },
                            }
                        })
                        .collect(),
                    cited_by: archive.citations.cited_by[index]
                        .iter()
                        .map(|&other| notice_citation(other))
                        .collect(),
                    superseded_by: archive.citations.superseded_by[index]
                        .iter()
                        .map(|&other| notice_citation(other))
                        .collect(),
                };
                embeddable(serde_json::to_vec(&record).unwrap_or_default())
            })
            .collect();
        let path = format!("notices/{}.json", year.year);
        years.push(YearPart {
            year: year.year,
            count: records.len(),
            url: format!("{base}{path}"),
        });
        let head = PartHeader {
            version: FORMAT_VERSION,
            year: year.year,
        };
        files.push(OutputFile {
            path,
            contents: Contents::Bytes(with_records(serde_json::to_vec(&head).unwrap_or_default(), &records)),
        });
        all.extend(records);
    }
    let index = Index {
        version: FORMAT_VERSION,
        generator: "thongbao",
        site: SiteInfo {
            title: &config.title,
            base_url: &config.base_url,
            language: config.language.code(),
        },
        count: notices.len(),
        years,
    };
    let head = embeddable(serde_json::to_vec(&index).unwrap_or_default());
    files.push(OutputFile {
        path: "notices.json".to_string(),
        contents: Contents::Bytes(with_records(head, &all)),
    });
    files
}
