//! `thongbao import FILE…`: plain-text notices into Markdown notices.

use std::path::{Path, PathBuf};

use super::CommandError;
use crate::import::{decode_noting, import, to_notice};
use crate::load::config::Config;
use crate::support::diagnostics::{Diagnostic, Diagnostics, display_path};
use crate::support::text::slugify;

#[derive(Debug, Clone)]
pub struct ImportArgs {
    pub files: Vec<PathBuf>,
    pub root: PathBuf,
    /// Where to write (one file only); default `content/{year}/{slug}.md`.
    pub out: Option<PathBuf>,
    pub force: bool,
}

/// Imports every file; each is reported, and a failure writes nothing.
pub fn run(args: &ImportArgs) -> Result<(), CommandError> {
    if args.out.is_some() && args.files.len() > 1 {
        return Err(CommandError::Usage(
            "--out names one file: import one text at a time with it".to_string(),
        ));
    }
    let config = Config::load(&args.root).map_err(|errors| {
        let errors = Diagnostics::from(errors);
        errors.emit_to_stderr();
        CommandError::Content(errors)
    })?;
    let today = jiff::ZonedDateTime::now().date();
    let mut failures = Vec::new();
    for file in &args.files {
        match import_one(args, &config, file, today) {
            Ok((written, notes)) => {
                println!("{} ← {}", display_path(&args.root, &written).display(), file.display());
                for note in notes {
                    println!("  check: {note}");
                }
            }
            Err(message) => {
                eprintln!("error: {}: {message}", file.display());
                failures.push(Diagnostic::error(file, 0, 0, message));
            }
        }
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CommandError::Content(Diagnostics::from(failures)))
    }
}

fn import_one(
    args: &ImportArgs,
    config: &Config,
    file: &Path,
    today: jiff::civil::Date,
) -> Result<(PathBuf, Vec<String>), String> {
    let bytes = std::fs::read(file).map_err(|error| format!("cannot read: {error}"))?;
    let (text, encoding_note) = decode_noting(&bytes).map_err(|error| error.to_string())?;
    let mut imported = import(&text).map_err(|error| error.to_string())?;
    imported.notes.splice(0..0, encoding_note);
    let notice = to_notice(&imported, today);
    let date = imported
        .date
        .or(imported.proposed_date.as_ref().map(|(date, _)| *date))
        .unwrap_or(today);
    let target = match &args.out {
        Some(out) => out.clone(),
        None => {
            let slug = imported
                .number
                .as_deref()
                .map(slugify)
                .filter(|slug| !slug.is_empty())
                .unwrap_or_else(|| title_slug(&imported.title));
            args.root
                .join("content")
                .join(date.year().to_string())
                .join(format!("{slug}.md"))
        }
    };
    if target.exists() && !args.force {
        return Err(format!(
            "{} already exists; use --force to replace it",
            target.display()
        ));
    }
    // The notice must be one the site accepts, before anything is written.
    crate::load::front_matter::parse(&target, &display_path(&args.root, &target), &notice, config).map_err(
        |errors| {
            let first = errors.first().map(|error| error.to_string()).unwrap_or_default();
            format!("the imported notice does not check ({first}); please report this text")
        },
    )?;
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    std::fs::write(&target, notice).map_err(|error| format!("cannot write {}: {error}", target.display()))?;
    Ok((target, imported.notes))
}

/// A file name from a title: its first words, at most about 60 characters.
pub fn title_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= 60 {
        return slug;
    }
    let cut = slug[..60].rfind('-').unwrap_or(60);
    slug[..cut].to_string()
}
