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

use crate::link::task_list::TaskFrom;

use crate::link::archive::Archive;
use crate::link::citations::CitedFrom;
use crate::model::files::{Contents, OutputFile};
use crate::model::relation::Relation;
use crate::support::diagnostics::display_path;

/// The version of the format documented in `docs/notices-json.md`.
pub const FORMAT_VERSION: u32 = 4;

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

/// What opens and closes the `"notices"` member, the last of a file.
const RECORDS_OPEN: &[u8] = b",\"notices\":[";
const RECORDS_CLOSE: &[u8] = b"\n]}\n";

/// `head` (a serialised struct: a JSON object) with a last member
/// `"notices"`: `records` (the records as JSON, one a line, the first
/// without its separator). Sized exactly.
fn with_records(head: &[u8], records: &[u8]) -> Vec<u8> {
    // A serialised struct always ends with its closing brace.
    let head = head.strip_suffix(b"}").unwrap_or(head);
    let mut out = Vec::with_capacity(head.len() + RECORDS_OPEN.len() + 1 + records.len() + RECORDS_CLOSE.len());
    out.extend_from_slice(head);
    out.extend_from_slice(RECORDS_OPEN);
    out.push(b'\n');
    out.extend_from_slice(records);
    out.extend_from_slice(RECORDS_CLOSE);
    out
}

/// Writes JSON that is also safe inside an HTML page, straight into a
/// buffer: `<`, `>`, `&` only ever occur in strings, where their `\u`
/// escapes mean the same.
struct Embeddable<'a>(&'a mut Vec<u8>);

impl std::io::Write for Embeddable<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        for &byte in bytes {
            match byte {
                b'<' => self.0.extend_from_slice(b"\\u003c"),
                b'>' => self.0.extend_from_slice(b"\\u003e"),
                b'&' => self.0.extend_from_slice(b"\\u0026"),
                other => self.0.push(other),
            }
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    amends: &'a [String],
    repeals: &'a [String],
    guides: &'a [String],
    based_on: &'a [String],
    corrects: &'a [String],
    suspends: &'a [String],
    effective: String,
    expires: Option<String>,
    field: &'a str,
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
    relations: Vec<RelationRecord>,
    received: Vec<RelationRecord>,
    validity: ValidityRecord,
    tasks: Vec<TaskRecord<'a>>,
}

/// A task the notice assigns (SPEC §9).
#[derive(Serialize)]
struct TaskRecord<'a> {
    unit: &'a str,
    /// The unit's page, `/tasks/{slug}/`.
    unit_url: String,
    with: Vec<&'a str>,
    task: &'a str,
    /// The deadline, or `null` (none, or recurring only).
    due: Option<String>,
    /// For a recurring task: `week`, `month`, `quarter`, `half-year`, `year`.
    every: Option<&'static str>,
    /// The deadline as worded in the text.
    due_text: &'a str,
    /// `open`, `overdue` (as of the validity's `as_of`) or `done`.
    state: &'static str,
    done_on: Option<String>,
    /// The report that closed it.
    done_by: Option<CitationRecord>,
    /// The sentence in the notice's page; `null` for a task added in the
    /// front matter.
    url: Option<String>,
    /// `body`, `corrected` (found, then corrected by `[[tasks]]`) or
    /// `front_matter`.
    from: &'static str,
}

/// What a notice does to a document, or another notice to it.
#[derive(Serialize)]
struct RelationRecord {
    /// `supersedes`, `amends`, … `related`, `cites`.
    relation: &'static str,
    part: bool,
    #[serde(flatten)]
    document: CitationRecord,
}

#[derive(Serialize)]
struct ValidityRecord {
    /// The state as of `as_of`, the build's date.
    state: &'static str,
    as_of: String,
    /// Every period: from when (null: from always), the state, and the
    /// notice that brought it about.
    periods: Vec<PeriodRecord>,
}

#[derive(Serialize)]
struct PeriodRecord {
    from: Option<String>,
    state: &'static str,
    by: Option<RelationRecord>,
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

/// `notices.json` and its yearly parts, all at once.
pub fn register(archive: &Archive) -> Vec<OutputFile> {
    let mut files = Vec::with_capacity(archive.years.len() + 1);
    let _ = register_each(archive, &mut |file| {
        files.push(file);
        Ok::<(), std::convert::Infallible>(())
    });
    files
}

/// `notices.json` and its yearly parts, handed to `emit` one at a time,
/// each year's file as soon as it is made, so that a writer can let go of
/// it before the next: besides the file being made, only notices.json is
/// held (a hundred megabytes at 100,000 notices).
pub fn register_each<E>(archive: &Archive, emit: &mut dyn FnMut(OutputFile) -> Result<(), E>) -> Result<(), E> {
    let config = &archive.site.config;
    let base = config.base_path();
    let notices = archive.notices();
    let notice_citation = |index: usize| CitationRecord {
        number: notices[index].front.number.clone().unwrap_or_default(),
        date: Some(notices[index].front.date.to_string()),
        url: Some(format!("{base}{}", notices[index].url_path())),
        from: None,
    };
    let years = archive
        .years
        .iter()
        .map(|year| YearPart {
            year: year.year,
            count: year.notices.len(),
            url: format!("{base}notices/{}.json", year.year),
        })
        .collect();
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
    // notices.json is made in place: its head, then every record, newest
    // first, a line each; each year's records are a contiguous part of it,
    // copied into the year's file. Nothing else holds all the records.
    let mut all: Vec<u8> = Vec::new();
    // Writing into a Vec cannot fail; a struct serialises to `{…}`, whose
    // closing brace the records' member replaces.
    let _ = serde_json::to_writer(Embeddable(&mut all), &index);
    all.pop();
    all.extend_from_slice(RECORDS_OPEN);
    let records_start = all.len();
    for (done, year) in archive.years.iter().enumerate() {
        // Sized from the first year's records, so that the buffer of a
        // large archive does not end up to twice its size by doubling.
        if done == 1 {
            let per_record = (all.len() - records_start) / archive.years[0].notices.len().max(1);
            all.reserve((per_record + per_record / 16) * (notices.len() - archive.years[0].notices.len()));
        }
        let first_record = all.len() + if all.len() == records_start { 1 } else { 2 };
        for &index in &year.notices {
            all.extend_from_slice(if all.len() == records_start { b"\n" } else { b",\n" });
            {
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
                    supersedes: front.named(Relation::Supersedes),
                    related: front.named(Relation::Related),
                    amends: front.named(Relation::Amends),
                    repeals: front.named(Relation::Repeals),
                    guides: front.named(Relation::Guides),
                    based_on: front.named(Relation::BasedOn),
                    corrects: front.named(Relation::Corrects),
                    suspends: front.named(Relation::Suspends),
                    effective: front.effective.to_string(),
                    expires: front.expires.map(|date| date.to_string()),
                    field: &front.field,
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
                                CitedFrom::FrontMatter => citation.relation.key(),
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
                    superseded_by: archive
                        .citations
                        .received_as(index, Relation::Supersedes)
                        .map(|received| notice_citation(received.from))
                        .collect(),
                    relations: archive.citations.relations[index]
                        .iter()
                        .map(|citation| RelationRecord {
                            relation: citation.relation.key(),
                            part: citation.part,
                            document: match citation.target {
                                Some(target) => notice_citation(target),
                                None => CitationRecord {
                                    number: citation.number.clone(),
                                    date: citation.date.map(|date| date.to_string()),
                                    url: None,
                                    from: None,
                                },
                            },
                        })
                        .collect(),
                    received: archive.citations.received[index]
                        .iter()
                        .map(|received| RelationRecord {
                            relation: received.relation.key(),
                            part: received.part,
                            document: notice_citation(received.from),
                        })
                        .collect(),
                    validity: {
                        let validity = &archive.validity[index];
                        ValidityRecord {
                            state: validity.on(config.today).state.key(),
                            as_of: config.today.to_string(),
                            periods: validity
                                .periods
                                .iter()
                                .map(|period| PeriodRecord {
                                    from: period.from.map(|date| date.to_string()),
                                    state: period.state.key(),
                                    by: period.by.map(|(by, relation)| RelationRecord {
                                        relation: relation.key(),
                                        part: false,
                                        document: notice_citation(by),
                                    }),
                                })
                                .collect(),
                        }
                    },
                    tasks: archive
                        .tasks
                        .of(index)
                        .iter()
                        .map(|task| TaskRecord {
                            unit: &task.unit.name,
                            unit_url: format!("{base}tasks/{}/", task.unit.slug),
                            with: task.with.iter().map(|unit| unit.name.as_str()).collect(),
                            task: &task.text,
                            due: task.due.map(|due| due.to_string()),
                            every: task.every.map(|every| every.key()),
                            due_text: &task.due_text,
                            state: crate::link::task_list::state(task, config.today).key(),
                            done_on: task.done_on.map(|day| day.to_string()),
                            done_by: task.done_by.as_ref().map(|number| match task.done_by_target {
                                Some(target) => notice_citation(target),
                                None => CitationRecord {
                                    number: number.clone(),
                                    date: None,
                                    url: None,
                                    from: None,
                                },
                            }),
                            url: task.anchor.is_some().then(|| format!("{base}{}", task.path_in(notice))),
                            from: match task.from {
                                TaskFrom::Body => "body",
                                TaskFrom::Corrected => "corrected",
                                TaskFrom::FrontMatter => "front_matter",
                            },
                        })
                        .collect(),
                };
                // Writing into a Vec cannot fail; a record always serialises.
                let _ = serde_json::to_writer(Embeddable(&mut all), &record);
            }
        }
        let head = PartHeader {
            version: FORMAT_VERSION,
            year: year.year,
        };
        emit(OutputFile {
            path: format!("notices/{}.json", year.year),
            contents: Contents::Bytes(with_records(
                &serde_json::to_vec(&head).unwrap_or_default(),
                &all[first_record..],
            )),
        })?;
    }
    all.extend_from_slice(RECORDS_CLOSE);
    emit(OutputFile {
        path: "notices.json".to_string(),
        contents: Contents::Bytes(all),
    })
}
