//! Reading one notice file: the `+++` fences, every front matter key with
//! its position, defaults from site.toml, and the rules that concern a
//! single file (SPEC §2). Rules that compare notices with each other live
//! in [`crate::load::site`].

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Component, Path};

use crate::load::config::Config;
use crate::load::fields::{self, FieldReader};
use crate::model::notice::{Attachment, FrontMatter, Notice};
use crate::model::relation::Relation;
use crate::model::task::{Done, TaskEntry};
use crate::support::diagnostics::{Diagnostic, Source};
use crate::support::text::slugify;

/// Every key a notice's front matter may hold.
pub const KEYS: &[&str] = &[
    "title",
    "number",
    "date",
    "kind",
    "issuer",
    "place",
    "signer",
    "signer_title",
    "authority",
    "recipients",
    "tags",
    "supersedes",
    "related",
    "amends",
    "repeals",
    "guides",
    "based_on",
    "corrects",
    "suspends",
    "effective",
    "expires",
    "field",
    "tasks",
    "attachments",
    "summary",
    "slug",
    "draft",
    "classification",
    "extra",
];

/// Parses a notice from its file's text. `path` is how the user sees the
/// file; `file` is where it is on disk.
pub fn parse(file: &Path, path: &Path, text: &str, config: &Config) -> Result<Notice, Vec<Diagnostic>> {
    let source = Source::new(path, crate::support::text::normalize(text));
    let text = source.text.clone();
    let mut diagnostics = Vec::new();

    let Some((front_range, body_offset)) = split_front_matter(&source, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let Some(document) = fields::parse(&source, &text[front_range.clone()], front_range.start, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let mut reader = FieldReader::new(&source, &document, 0..3, &mut diagnostics);
    reader.reject_unknown(KEYS, "front matter");

    let mut spans = BTreeMap::new();
    for key in KEYS {
        if let Some(span) = reader.value_span(key) {
            spans.insert(*key, span);
        }
    }

    let (title, date) = title_and_date(&mut reader, &spans);
    let optional = |reader: &mut FieldReader, key: &str| reader.string(key).map(|(value, _)| value.trim().to_string());
    let number = optional(&mut reader, "number").filter(|number| !number.is_empty());
    let kind = optional(&mut reader, "kind").filter(|kind| !kind.is_empty());
    let issuer = optional(&mut reader, "issuer").filter(|issuer| !issuer.is_empty());
    let place = optional(&mut reader, "place").unwrap_or_default();
    let signer = optional(&mut reader, "signer").unwrap_or_default();
    let signer_title = optional(&mut reader, "signer_title").unwrap_or_default();
    let authority = optional(&mut reader, "authority").unwrap_or_default();
    let summary = optional(&mut reader, "summary").filter(|summary| !summary.is_empty());
    let slug_field = optional(&mut reader, "slug").filter(|slug| !slug.is_empty());
    let classification = optional(&mut reader, "classification").unwrap_or_default();
    let draft = reader.bool("draft").unwrap_or(false);
    let spanned_list = |reader: &mut FieldReader, key: &str| -> Vec<(String, Range<usize>)> {
        reader
            .string_array(key)
            .into_iter()
            .map(|(value, span)| (value.trim().to_string(), span))
            .filter(|(value, _)| !value.is_empty())
            .collect()
    };
    let list = |reader: &mut FieldReader, key: &str| -> Vec<String> {
        spanned_list(reader, key).into_iter().map(|(value, _)| value).collect()
    };
    let recipients = list(&mut reader, "recipients");
    let tags = list(&mut reader, "tags");
    let mut entry_spans = BTreeMap::new();
    let mut documents = |reader: &mut FieldReader, key: &'static str| -> Vec<String> {
        let (values, spans): (Vec<String>, Vec<Range<usize>>) = spanned_list(reader, key).into_iter().unzip();
        entry_spans.insert(key, spans);
        values
    };
    let mut named = BTreeMap::new();
    for &relation in Relation::FRONT_MATTER {
        let list = documents(&mut reader, relation.key());
        if !list.is_empty() {
            named.insert(relation, list);
        }
    }
    let field = optional(&mut reader, "field").unwrap_or_default();
    if !field.is_empty() && !config.fields.is_empty() && !config.fields.contains(&field) {
        let help = match closest_field(&field, &config.fields) {
            Some(near) => format!(
                "did you mean {near:?}? site.toml's `fields` lists: {}",
                config.fields.join(", ")
            ),
            None => format!("site.toml's `fields` lists: {}", config.fields.join(", ")),
        };
        reader.error_at_value(
            "field",
            format!("`field` {field:?} is not one of site.toml's `fields`"),
            Some(help),
        );
    }
    let effective = reader.local_date("effective").map(|(date, _)| date);
    let expires = reader.local_date("expires").map(|(date, _)| date);
    if let (Some(effective), Some(expires)) = (effective, expires)
        && expires <= effective
    {
        reader.error_at_value(
            "expires",
            format!("`expires` {expires} is not after `effective` {effective}"),
            Some("`expires` is the first day the notice no longer has effect".to_string()),
        );
    }
    let tasks = task_entries(&mut reader);
    let attachment_names = reader.string_array("attachments");
    let extra = reader.table_as_json("extra");

    let is_bundle = file.file_name().is_some_and(|name| name == "index.md");
    let folder = file.parent().map(Path::to_path_buf).unwrap_or_default();
    let attachments = check_attachments(&mut reader, &folder, &attachment_names);

    let slug = url_slug(&mut reader, slug_field.as_deref(), number.as_deref(), file, is_bundle);
    let (Some(title), Some(date)) = (title, date) else {
        return Err(diagnostics);
    };
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let fingerprint = fingerprint(file, &text, &attachments);
    Ok(Notice {
        url: format!("{}/{}/", date.year(), slug),
        fingerprint,
        file: file.to_path_buf(),
        folder,
        is_bundle,
        body_offset,
        source,
        spans,
        entry_spans,
        slug,
        attachments,
        front: FrontMatter {
            title,
            number,
            date,
            kind: kind.unwrap_or_else(|| config.default_kind.clone()),
            issuer: issuer.unwrap_or_else(|| config.issuer.clone()),
            place,
            signer,
            signer_title,
            authority,
            recipients,
            tags,
            documents: named,
            effective: effective.unwrap_or(date),
            expires,
            field,
            tasks,
            attachments: attachment_names.into_iter().map(|(name, _)| name).collect(),
            summary,
            slug: slug_field,
            draft,
            classification,
            extra,
        },
    })
}

/// The keys of a `[[tasks]]` table.
const TASK_KEYS: &[&str] = &["unit", "with", "task", "due", "done", "done_by"];

/// The `[[tasks]]` tables (SPEC §9): each needs its `unit`.
fn task_entries(reader: &mut FieldReader) -> Vec<TaskEntry> {
    let mut entries = Vec::new();
    for (table, span) in reader.tables("tasks") {
        let mut task = reader.nested(table);
        task.reject_unknown(TASK_KEYS, "[[tasks]]");
        let text = |task: &mut FieldReader, key: &str| {
            task.string(key)
                .map(|(value, _)| value.split_whitespace().collect::<Vec<_>>().join(" "))
                .filter(|value| !value.is_empty())
        };
        let Some(unit) = text(&mut task, "unit") else {
            task.error_at(
                span.clone(),
                "a [[tasks]] table needs `unit`, the unit that leads the task",
                Some("for example unit = \"Sở Tài chính\"".to_string()),
            );
            continue;
        };
        let with = task.has("with").then(|| {
            task.string_array("with")
                .into_iter()
                .map(|(name, _)| name.trim().to_string())
                .filter(|name| !name.is_empty())
                .collect()
        });
        let due = task.local_date("due").map(|(date, _)| date);
        let (done, on) = task.bool_or_date("done").unwrap_or((false, None));
        let done_by = task.string("done_by").filter(|(number, _)| !number.trim().is_empty());
        entries.push(TaskEntry {
            unit,
            with,
            task: text(&mut task, "task"),
            due,
            done: Done {
                // A report that closed it says it is done.
                done: done || done_by.is_some(),
                on,
                by: done_by.as_ref().map(|(number, _)| number.trim().to_string()),
            },
            span: span.clone(),
            done_by_span: done_by.map(|(_, span)| span),
        });
    }
    entries
}

/// The field of `fields` a misspelt one was meant to be, compared without
/// marks and case ("dan van" → "Dân vận").
fn closest_field<'a>(field: &str, fields: &'a [String]) -> Option<&'a str> {
    use crate::support::text::fold;
    let folded: Vec<String> = fields.iter().map(|known| fold(known)).collect();
    let known: Vec<&str> = folded.iter().map(String::as_str).collect();
    let near = fields::closest(&fold(field), &known)?;
    let at = known.iter().position(|candidate| *candidate == near)?;
    Some(&fields[at])
}

/// The two keys every notice must have; each is reported when missing.
fn title_and_date(
    reader: &mut FieldReader,
    spans: &BTreeMap<&'static str, Range<usize>>,
) -> (Option<String>, Option<jiff::civil::Date>) {
    let title = match reader.string("title") {
        Some((title, _)) if title.trim().is_empty() => {
            reader.error_at_value("title", "`title` must not be empty", None);
            None
        }
        Some((title, _)) => Some(title.trim().to_string()),
        None if spans.contains_key("title") => None,
        None => {
            reader.missing("title", "title = \"Kết luận của …\"");
            None
        }
    };
    let date = match reader.local_date("date") {
        Some((date, _)) => Some(date),
        None if spans.contains_key("date") => None,
        None => {
            reader.missing("date", "date = 2021-04-12");
            None
        }
    };
    (title, date)
}

/// The last URL segment: `slug` as written (which must already be a
/// slug), else made from the number, else from the file name.
fn url_slug(
    reader: &mut FieldReader,
    slug_field: Option<&str>,
    number: Option<&str>,
    file: &Path,
    is_bundle: bool,
) -> String {
    let slug = match slug_field {
        Some(wanted) => {
            // Used as written, never rewritten: a URL a clerk chose must be
            // the URL published (SPEC §2).
            let slug = slugify(wanted);
            if slug.is_empty() {
                reader.error_at_value(
                    "slug",
                    format!("`slug` {wanted:?} has no letters or digits to make a URL from"),
                    Some("use lowercase ASCII letters, digits and `-`, like \"hop-thuong-truc\"".to_string()),
                );
            } else if slug != wanted {
                reader.error_at_value(
                    "slug",
                    format!("`slug` {wanted:?} is not a slug: only lowercase ASCII letters, digits and `-`"),
                    Some(format!("write slug = \"{slug}\"")),
                );
            }
            slug
        }
        None => number
            .map(slugify)
            .filter(|slug| !slug.is_empty())
            .unwrap_or_else(|| file_slug(file, is_bundle)),
    };
    if slug.is_empty() && slug_field.is_none() {
        reader.error_at_value(
            "title",
            "cannot make a URL for this notice: it has no number and its file name has no letters or digits",
            Some("add `slug = \"…\"` to the front matter".to_string()),
        );
    }

    slug
}

/// A hash of the file's path, text and attachments: equal fingerprints,
/// same notice.
fn fingerprint(file: &Path, text: &str, attachments: &[Attachment]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    (
        file,
        text,
        attachments.iter().map(|a| (&a.name, a.size)).collect::<Vec<_>>(),
    )
        .hash(&mut hasher);
    hasher.finish()
}

/// Finds the `+++` fences. Returns the byte range of the TOML text and the
/// offset where the body begins.
fn split_front_matter(source: &Source, diagnostics: &mut Vec<Diagnostic>) -> Option<(Range<usize>, usize)> {
    let text = &source.text;
    let first_line = text.lines().next().unwrap_or("");
    if first_line.trim_end() != "+++" {
        let first_len = first_line.len();
        let diagnostic = if first_line.trim_end() == "---" {
            Diagnostic::error_at(source, 0..first_len, "YAML front matter (`---`) is not supported")
                .with_label("front matter must be TOML")
                .with_help("write the front matter in TOML between lines of `+++`, e.g. title = \"…\"")
        } else {
            Diagnostic::error_at(
                source,
                0..first_len,
                "a notice must begin with TOML front matter: a line of exactly `+++`",
            )
            .with_label("expected `+++` here")
            .with_help("start the file with `+++`, the keys (title, date, …), then `+++`, then the body")
        };
        diagnostics.push(diagnostic);
        return None;
    }
    let start = first_line.len() + 1;
    let mut offset = start;
    for line in text[start.min(text.len())..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return Some((start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    diagnostics.push(
        Diagnostic::error_at(source, 0..3, "the front matter is never closed")
            .with_label("opened here")
            .with_help("add a line of exactly `+++` after the last key"),
    );
    None
}

fn file_slug(file: &Path, is_bundle: bool) -> String {
    let name = if is_bundle {
        file.parent().and_then(Path::file_name)
    } else {
        file.file_stem()
    };
    slugify(&name.map(|name| name.to_string_lossy()).unwrap_or_default())
}

/// Attachments must stay inside the notice's folder and exist.
fn check_attachments(reader: &mut FieldReader, folder: &Path, names: &[(String, Range<usize>)]) -> Vec<Attachment> {
    let mut attachments = Vec::new();
    for (name, span) in names {
        let relative = Path::new(name);
        let escapes = name.is_empty()
            || name.contains('\\')
            || relative
                .components()
                .any(|component| !matches!(component, Component::Normal(_)));
        if escapes {
            reader.diagnostics.push(
                Diagnostic::error_at(
                    reader.source(),
                    span.clone(),
                    format!("attachment {name:?} must be a path inside the notice's folder"),
                )
                .with_label("leaves the notice's folder")
                .with_help("put the file beside the notice and give its name, like \"ban-ky.pdf\""),
            );
            continue;
        }
        let file = folder.join(relative);
        match std::fs::metadata(&file) {
            Ok(meta) if meta.is_file() => attachments.push(Attachment {
                name: name.clone(),
                file,
                size: meta.len(),
            }),
            _ => reader.diagnostics.push(
                Diagnostic::error_at(
                    reader.source(),
                    span.clone(),
                    format!("attachment {name:?} does not exist beside the notice"),
                )
                .with_label("no such file")
                .with_help(format!("expected a file at {}", file.display())),
            ),
        }
    }
    attachments
}
