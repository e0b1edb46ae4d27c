//! Atom 1.0 feeds (RFC 4287): `/feed.xml` with the newest notices of the
//! whole archive, `/issuers/{slug}/feed.xml` for each issuer, and
//! `/tasks/{slug}/feed.xml` for each unit: its open tasks due in the 30
//! days from the build's date (SPEC §9).

use std::fmt::Write as _;

use crate::link::archive::{Archive, TaxonomyKind};
use crate::model::files::{Contents, OutputFile};
use crate::model::notice::Notice;
use crate::support::escape::escape_xml;

/// Every feed of the site.
pub fn feeds(archive: &Archive) -> Vec<OutputFile> {
    let config = &archive.site.config;
    if !config.writes_feeds() {
        return Vec::new();
    }
    let mut files = vec![OutputFile {
        path: "feed.xml".to_string(),
        contents: Contents::Bytes(feed(archive, &config.title, "", &archive.order).into_bytes()),
    }];
    for term in &archive.taxonomy(TaxonomyKind::Issuers).terms {
        let path = format!("issuers/{}/", term.slug);
        let title = format!("{} · {}", term.name, config.title);
        files.push(OutputFile {
            path: format!("{path}feed.xml"),
            contents: Contents::Bytes(feed(archive, &title, &path, &term.notices).into_bytes()),
        });
    }
    files.extend(task_feeds(archive));
    files
}

/// How many days ahead a unit's task feed looks.
pub const TASK_FEED_DAYS: i32 = 30;

/// One feed per unit with a task: the open tasks it leads that fall due
/// within [`TASK_FEED_DAYS`] of the build's date, soonest first.
fn task_feeds(archive: &Archive) -> Vec<OutputFile> {
    use jiff::ToSpan;
    let config = &archive.site.config;
    let today = config.today;
    let horizon = today.checked_add(TASK_FEED_DAYS.days()).unwrap_or(today);
    let tasks = &archive.tasks;
    tasks
        .units
        .iter()
        .map(|unit| {
            let path = format!("tasks/{}/", unit.unit.slug);
            let due: Vec<&crate::link::task_list::Task> = unit
                .leads
                .iter()
                .map(|&at| &tasks.all[at])
                .filter(|task| !task.done && task.due.is_some_and(|due| due >= today && due <= horizon))
                .collect();
            let title = match config.language {
                crate::load::config::Language::En => {
                    format!("Tasks due within {TASK_FEED_DAYS} days: {}", unit.unit.name)
                }
                _ => format!("Nhiệm vụ đến hạn trong {TASK_FEED_DAYS} ngày: {}", unit.unit.name),
            };
            let mut xml = String::with_capacity(1024 + due.len() * 768);
            feed_head(&mut xml, archive, &format!("{title} · {}", config.title), &path, today);
            for task in due {
                let notice = &archive.notices()[task.notice];
                let Some(day) = task.due else { continue };
                let page = task.path_in(notice);
                let number = notice.front.number.as_deref().unwrap_or(&notice.front.title);
                let heading = format!("{} {}: {}", day.strftime("%d/%m/%Y"), number, task.text);
                xml.push_str("  <entry>\n");
                let _ = writeln!(xml, "    <title>{}</title>", escape_xml(&heading));
                let _ = writeln!(
                    xml,
                    "    <id>{}</id>",
                    escape_xml(&id(
                        archive,
                        &format!("{page}/{}/{day}", unit.unit.slug),
                        notice.front.date
                    ))
                );
                let _ = writeln!(
                    xml,
                    "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
                    escape_xml(&permalink(archive, &page))
                );
                let _ = writeln!(xml, "    <published>{}</published>", timestamp(notice.front.date));
                let _ = writeln!(xml, "    <updated>{}</updated>", timestamp(notice.front.date));
                let _ = writeln!(xml, "    <summary>{}</summary>", escape_xml(&task.text));
                xml.push_str("  </entry>\n");
            }
            xml.push_str("</feed>\n");
            OutputFile {
                path: format!("{path}feed.xml"),
                contents: Contents::Bytes(xml.into_bytes()),
            }
        })
        .collect()
}

/// An absolute URL when `base_url` has a host, else a path under it.
pub fn permalink(archive: &Archive, path: &str) -> String {
    format!("{}{}", archive.site.config.base_url, path)
}

/// A stable id for an entry or feed: its permalink when `base_url` names a
/// host; otherwise a `tag:` URI (RFC 4151), since Atom ids must be absolute.
fn id(archive: &Archive, path: &str, date: jiff::civil::Date) -> String {
    let base = &archive.site.config.base_url;
    if base.contains("://") {
        format!("{base}{path}")
    } else {
        format!("tag:thongbao.invalid,{date}:{base}{path}")
    }
}

/// Midnight in Vietnam (UTC+7) on a notice's date, as RFC 3339.
fn timestamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00+07:00")
}

/// The XML declaration and a feed's own elements, up to its entries: the
/// feed at `path` (`""`, `issuers/{slug}/`, `tasks/{slug}/`).
fn feed_head(xml: &mut String, archive: &Archive, title: &str, path: &str, updated: jiff::civil::Date) {
    let config = &archive.site.config;
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        config.language.code()
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape_xml(title));
    let _ = writeln!(
        xml,
        "  <id>{}</id>",
        escape_xml(&id(archive, path, jiff::civil::date(2000, 1, 1)))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>",
        escape_xml(&permalink(archive, &format!("{path}feed.xml")))
    );
    let _ = writeln!(
        xml,
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
        escape_xml(&permalink(archive, path))
    );
    let _ = writeln!(xml, "  <updated>{}</updated>", timestamp(updated));
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape_xml(&config.title));
    let _ = writeln!(xml, "  <generator>thongbao</generator>");
}

fn feed(archive: &Archive, title: &str, path: &str, notices: &[usize]) -> String {
    let config = &archive.site.config;
    let newest: Vec<&Notice> = notices
        .iter()
        .take(config.feed_limit)
        .map(|&i| archive.notices()[i].as_ref())
        .collect();
    let first_date = archive.notices().iter().map(|notice| notice.front.date).min();
    let updated = newest
        .first()
        .map(|notice| notice.front.date)
        .or(first_date)
        .unwrap_or(jiff::civil::date(2000, 1, 1));
    let mut xml = String::with_capacity(1024 + newest.len() * 1024);
    feed_head(&mut xml, archive, title, path, updated);
    for (notice, &index) in newest.iter().zip(notices) {
        let url_path = notice.url_path();
        let front = &notice.front;
        let heading = match &front.number {
            Some(number) => format!("{number} · {}", front.title),
            None => front.title.clone(),
        };
        let summary = front
            .summary
            .clone()
            .unwrap_or_else(|| archive.body(index).first_paragraph.clone());
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape_xml(&heading));
        let _ = writeln!(xml, "    <id>{}</id>", escape_xml(&id(archive, url_path, front.date)));
        let _ = writeln!(
            xml,
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>",
            escape_xml(&permalink(archive, url_path))
        );
        let _ = writeln!(xml, "    <published>{}</published>", timestamp(front.date));
        let _ = writeln!(xml, "    <updated>{}</updated>", timestamp(front.date));
        let author = if front.issuer.is_empty() {
            &config.title
        } else {
            &front.issuer
        };
        let _ = writeln!(xml, "    <author><name>{}</name></author>", escape_xml(author));
        if let Some(number) = &front.number {
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"Số, ký hiệu\"/>",
                escape_xml(number)
            );
        }
        let _ = writeln!(
            xml,
            "    <category term=\"{}\" label=\"Loại văn bản\"/>",
            escape_xml(&front.kind)
        );
        for tag in &front.tags {
            let _ = writeln!(xml, "    <category term=\"{}\"/>", escape_xml(tag));
        }
        let _ = writeln!(xml, "    <summary>{}</summary>", escape_xml(&summary));
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}
