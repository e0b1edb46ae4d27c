//! `thongbao check`: the whole build, with nothing written, and the list of
//! cited documents the archive does not hold yet.

use std::path::PathBuf;
use std::time::Instant;

use super::build::warning_suffix;
use super::{CommandError, seconds};
use crate::link::archive::Archive;
use crate::model::files::{Collect, Discard};
use crate::outputs::link_check::check_links;
use crate::pipeline::{BuildOptions, build_site};

#[derive(Debug, Clone)]
pub struct CheckArgs {
    pub root: PathBuf,
    pub options: BuildOptions,
    /// Also check that every link of every page leads somewhere.
    pub links: bool,
    /// Print only the tasks past their deadline.
    pub tasks_only: bool,
}

/// Validates everything a build would; prints what it found.
pub fn run(args: &CheckArgs) -> Result<(), CommandError> {
    let started = Instant::now();
    // Pages are kept only when their links are to be checked.
    let mut files = Collect::default();
    let mut discard = Discard;
    let sink: &mut dyn crate::model::files::Sink = if args.links { &mut files } else { &mut discard };
    let built = build_site(&args.root, &args.options, sink).map_err(|errors| {
        errors.emit_to_stderr();
        CommandError::Content(errors)
    })?;
    if args.tasks_only {
        print!("{}", overdue_report(&built.archive));
        return Ok(());
    }
    built.warnings.emit_to_stderr();
    print!("{}", missing_citations_report(&built.archive));
    print!("{}", overdue_report(&built.archive));
    if args.links {
        let config = &built.archive.site.config;
        let broken = check_links(&files.0, &config.base_url, config.base_path(), config.relative_urls);
        for link in &broken {
            eprintln!("error: broken link on /{}: {} ({})", link.page, link.link, link.reason);
        }
        if !broken.is_empty() {
            return Err(CommandError::Content(crate::support::diagnostics::Diagnostics::from(
                broken
                    .iter()
                    .map(|link| {
                        crate::support::diagnostics::Diagnostic::error(
                            &link.page,
                            0,
                            0,
                            format!("broken link {}", link.link),
                        )
                    })
                    .collect::<Vec<_>>(),
            )));
        }
        println!("Every link of {} pages leads to a file of the site.", built.pages);
    }
    println!(
        "Checked {} notices, {} pages in {}: no errors{}",
        built.archive.notices().len(),
        built.pages,
        seconds(started.elapsed()),
        warning_suffix(built.warnings.warning_count()),
    );
    Ok(())
}

/// The tasks past their deadline as of the build's day and not done, per
/// unit (SPEC §9): facts to follow up, not errors.
pub fn overdue_report(archive: &Archive) -> String {
    let today = archive.site.config.today;
    let tasks = &archive.tasks;
    let units: Vec<(&str, Vec<usize>)> = tasks
        .units
        .iter()
        .map(|unit| {
            let late: Vec<usize> = unit
                .leads
                .iter()
                .copied()
                .filter(|&at| tasks.all[at].overdue_on(today))
                .collect();
            (unit.unit.name.as_str(), late)
        })
        .filter(|(_, late)| !late.is_empty())
        .collect();
    let count: usize = units.iter().map(|(_, late)| late.len()).sum();
    if count == 0 {
        return format!("No task is past its deadline as of {today}.\n");
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut report = format!(
        "Tasks past their deadline and not done, as of {today} ({}, {}):\n",
        plural(count, "task"),
        plural(units.len(), "unit")
    );
    for (name, late) in units {
        report.push_str(&format!("  {name} ({})\n", late.len()));
        for at in late {
            let task = &tasks.all[at];
            let notice = &archive.notices()[task.notice];
            let (line, column) = notice.source.line_col(task.offset);
            let number = notice.front.number.as_deref().unwrap_or("(không số)");
            let text: String = task.text.chars().take(90).collect();
            let cut = if text.len() < task.text.len() { "…" } else { "" };
            report.push_str(&format!(
                "    {}  {number}  {text}{cut}  ({}:{line}:{column})\n",
                task.due.map(|due| due.to_string()).unwrap_or_default(),
                notice.source.path.display(),
            ));
        }
    }
    report
}

/// The documents cited but not in the archive, one number a line with the
/// places that cite it: what a clerk might import next.
pub fn missing_citations_report(archive: &Archive) -> String {
    let missing = archive.citations.not_in_archive(archive.notices());
    if missing.is_empty() {
        return String::new();
    }
    let mut report = format!(
        "Cited but not in the archive ({} document{}):\n",
        missing.len(),
        if missing.len() == 1 { "" } else { "s" }
    );
    let width = missing
        .values()
        .map(|document| document.number.chars().count())
        .max()
        .unwrap_or(0);
    for document in missing.values() {
        let number = &document.number;
        let places: Vec<String> = document
            .cited_at
            .iter()
            .map(|(source, offset)| {
                let (line, column) = source.line_col(*offset);
                format!("{}:{line}:{column}", source.path.display())
            })
            .collect();
        report.push_str(&format!("  {number:<width$}  cited by {}\n", places.join(", ")));
    }
    report
}
