//! `thongbao import FILE|FOLDER…`: notices as offices hold them (text
//! copies, PDFs) into Markdown notices. A folder is read recursively; each
//! file gets one line (what was found, what is missing), the run a total.
//! A file that fails writes nothing; one that succeeds is written whole
//! (a temporary file renamed into place) or, with `--dry-run`, shown.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::CommandError;
use crate::import::{Imported, import_file, is_importable, to_notice};
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
    /// Show what was found; write nothing.
    pub dry_run: bool,
}

/// Imports every file; each is reported, and a failure writes nothing.
pub fn run(args: &ImportArgs) -> Result<(), CommandError> {
    let (files, from_folder) = files_to_import(&args.files)?;
    if args.out.is_some() && files.len() > 1 {
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
    let mut written: HashMap<PathBuf, PathBuf> = HashMap::new();
    for file in &files {
        match import_one(args, &config, file, today, &written) {
            Ok((target, imported)) => {
                let shown = display_path(&args.root, &target);
                let prefix = if args.dry_run { "would write " } else { "" };
                println!(
                    "{prefix}{} ← {}: {}",
                    shown.display(),
                    file.display(),
                    summary(&imported)
                );
                if args.dry_run {
                    print_findings(&imported);
                } else if !from_folder {
                    for note in &imported.notes {
                        println!("  check: {note}");
                    }
                }
                written.insert(target, file.clone());
            }
            Err(message) => {
                eprintln!("error: {}: {message}", file.display());
                failures.push(Diagnostic::error(file, 0, 0, message));
            }
        }
    }
    if files.len() > 1 || from_folder {
        let done = files.len() - failures.len();
        let action = if args.dry_run { "read" } else { "imported" };
        println!(
            "{action} {done} of {} file{}{}",
            files.len(),
            if files.len() == 1 { "" } else { "s" },
            if failures.is_empty() {
                String::new()
            } else {
                format!(", {} failed", failures.len())
            }
        );
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(CommandError::Content(Diagnostics::from(failures)))
    }
}

/// The files named, with every importable file under a folder named
/// (sorted, so that runs are alike); whether any came from a folder.
fn files_to_import(named: &[PathBuf]) -> Result<(Vec<PathBuf>, bool), CommandError> {
    let mut files = Vec::new();
    let mut from_folder = false;
    for path in named {
        if path.is_dir() {
            from_folder = true;
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_file() && is_importable(entry.path()))
                .map(|entry| entry.into_path())
                .collect();
            found.sort();
            if found.is_empty() {
                return Err(CommandError::Usage(format!(
                    "{} holds no .txt or .pdf file to import",
                    path.display()
                )));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    Ok((files, from_folder))
}

/// One line of what a file gave: the fields found, those missing.
fn summary(imported: &Imported) -> String {
    let fields: [(&str, bool); 10] = [
        ("title", !imported.title.is_empty()),
        ("kind", !imported.kind.is_empty()),
        ("number", imported.number.is_some()),
        ("date", imported.date.is_some()),
        ("place", !imported.place.is_empty()),
        ("issuer", !imported.issuer.is_empty()),
        ("signer", !imported.signer.is_empty()),
        (
            "signer_title",
            !imported.signer_title.is_empty() || !imported.authority.is_empty(),
        ),
        ("recipients", !imported.recipients.is_empty()),
        ("body", !imported.body.trim().is_empty()),
    ];
    let found = fields.iter().filter(|(_, found)| *found).count();
    let missing: Vec<&str> = fields
        .iter()
        .filter(|(_, found)| !found)
        .map(|(name, _)| *name)
        .collect();
    let mut line = format!("{found} of {} fields", fields.len());
    if !missing.is_empty() {
        line.push_str(&format!("; missing: {}", missing.join(", ")));
    }
    if imported.is_draft() {
        line.push_str("; a draft (blank number or day)");
    }
    line
}

/// `--dry-run`: every field as found, the first lines of the body, the notes.
fn print_findings(imported: &Imported) {
    let or_none = |text: &str| {
        if text.is_empty() {
            "— (not found)".to_string()
        } else {
            text.to_string()
        }
    };
    println!("  kind:         {}", or_none(&imported.kind));
    println!("  title:        {}", or_none(&imported.title));
    println!("  number:       {}", or_none(imported.number.as_deref().unwrap_or("")));
    let date = match (imported.date, &imported.proposed_date) {
        (Some(date), _) => date.to_string(),
        (None, Some((date, from))) => format!("— (proposed {date}, from {from:?})"),
        (None, None) => "— (not found)".to_string(),
    };
    println!("  date:         {date}");
    println!("  place:        {}", or_none(&imported.place));
    println!("  issuer:       {}", or_none(&imported.issuer));
    if !imported.parent_issuer.is_empty() {
        println!("  under:        {}", imported.parent_issuer);
    }
    println!("  authority:    {}", or_none(&imported.authority));
    println!("  signer_title: {}", or_none(&imported.signer_title));
    println!("  signer:       {}", or_none(&imported.signer));
    println!("  recipients:   {}", imported.recipients.len());
    for recipient in &imported.recipients {
        println!("    - {recipient}");
    }
    println!("  body:");
    for line in imported.body.lines().filter(|line| !line.trim().is_empty()).take(6) {
        let shown: String = line.chars().take(100).collect();
        let more = if line.chars().count() > 100 { "…" } else { "" };
        println!("    {shown}{more}");
    }
    for note in &imported.notes {
        println!("  check: {note}");
    }
}

fn import_one(
    args: &ImportArgs,
    config: &Config,
    file: &Path,
    today: jiff::civil::Date,
    written: &HashMap<PathBuf, PathBuf>,
) -> Result<(PathBuf, Imported), String> {
    let imported = import_file(file)?;
    let notice = to_notice(&imported, today);
    let mut target = target_of(args, &imported, today);
    if args.out.is_none() && imported.number.is_none() {
        // Named by its title (a draft, a text without a number): another
        // of the same title in this run gets the next name. A file there
        // from before is refused below, as for any notice: importing the
        // same text twice must not make two notices.
        let bundle = target.file_name().is_some_and(|name| name == "index.md");
        let stem = if bundle {
            target.parent().unwrap_or(&target).to_path_buf()
        } else {
            target.with_extension("")
        };
        let mut n = 2;
        while written.contains_key(&target) && n < 1000 {
            target = if bundle {
                PathBuf::from(format!("{}-{n}", stem.display())).join("index.md")
            } else {
                PathBuf::from(format!("{}-{n}.md", stem.display()))
            };
            n += 1;
        }
    }
    if let Some(other) = written.get(&target) {
        return Err(format!(
            "{} was already written from {} in this run (the same number and year?); import this one with --out",
            display_path(&args.root, &target).display(),
            other.display()
        ));
    }
    if target.exists() && !args.force {
        return Err(format!(
            "{} already exists; use --force to replace it",
            target.display()
        ));
    }
    let check = |path: &Path| {
        crate::load::front_matter::parse(path, &display_path(&args.root, &target), &notice, config)
            .map(|_| ())
            .map_err(|errors| {
                let first = errors.first().map(|error| error.to_string()).unwrap_or_default();
                format!("the imported notice does not check ({first}); please report this text")
            })
    };
    if !imported.attachments.is_empty() && target.file_name().is_none_or(|name| name != "index.md") {
        return Err(format!(
            "the notice brings {} attachment(s), so it is a bundle: give --out FOLDER/index.md",
            imported.attachments.len()
        ));
    }
    if imported.attachments.is_empty() {
        // The notice must be one the site accepts, before anything is written.
        check(&target)?;
        if !args.dry_run {
            write_whole(&target, &notice)?;
        }
    } else {
        write_bundle(args, &target, &notice, &imported.attachments, check)?;
    }
    Ok((target, imported))
}

/// A notice with attachments: a bundle folder (`{slug}/index.md` and the
/// files), made whole in a hidden folder beside it, checked there, then
/// renamed into place. A dry run makes it in a temporary folder only.
fn write_bundle(
    args: &ImportArgs,
    target: &Path,
    notice: &str,
    attachments: &[(String, Vec<u8>)],
    check: impl Fn(&Path) -> Result<(), String>,
) -> Result<(), String> {
    let parent = target.parent().unwrap_or(Path::new("."));
    let place = if args.dry_run {
        std::env::temp_dir()
    } else {
        parent.parent().unwrap_or(Path::new(".")).to_path_buf()
    };
    std::fs::create_dir_all(&place).map_err(|error| format!("cannot create {}: {error}", place.display()))?;
    let staging = tempfile::Builder::new()
        .prefix(".thongbao-import-")
        .tempdir_in(&place)
        .map_err(|error| format!("cannot write in {}: {error}", place.display()))?;
    for (name, bytes) in attachments {
        // The names are made safe by the reader; a name with a path is refused here too.
        if name.contains(['/', '\\']) || name.starts_with('.') {
            return Err(format!("an attachment named {name:?} was refused"));
        }
        std::fs::write(staging.path().join(name), bytes).map_err(|error| format!("cannot write {name}: {error}"))?;
    }
    let index = staging.path().join("index.md");
    std::fs::write(&index, notice).map_err(|error| format!("cannot write the notice: {error}"))?;
    check(&index)?;
    if args.dry_run {
        return Ok(());
    }
    if parent.exists() {
        // Only a bundle is replaced (--force): a folder of other notices never.
        let is_bundle = std::fs::read_dir(parent).into_iter().flatten().flatten().all(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            entry.file_type().is_ok_and(|kind| kind.is_file()) && (name == "index.md" || !name.ends_with(".md"))
        });
        if !args.force || !is_bundle {
            return Err(format!(
                "{} already exists{}",
                parent.display(),
                if is_bundle {
                    "; use --force to replace it"
                } else {
                    " and holds other notices: import with --out NEW-FOLDER/index.md"
                }
            ));
        }
        std::fs::remove_dir_all(parent).map_err(|error| format!("cannot replace {}: {error}", parent.display()))?;
    }
    let kept = staging.keep();
    std::fs::rename(&kept, parent).map_err(|error| {
        let _ = std::fs::remove_dir_all(&kept);
        format!("cannot write {}: {error}", parent.display())
    })
}

/// Where a notice goes: `--out`, else `content/{year}/{number or title}.md`
/// (`…/{slug}/index.md` when it brings attachments).
fn target_of(args: &ImportArgs, imported: &Imported, today: jiff::civil::Date) -> PathBuf {
    if let Some(out) = &args.out {
        return out.clone();
    }
    let date = imported
        .date
        .or(imported.proposed_date.as_ref().map(|(date, _)| *date))
        .unwrap_or(today);
    let slug = imported
        .number
        .as_deref()
        .map(slugify)
        .filter(|slug| !slug.is_empty())
        .unwrap_or_else(|| title_slug(&imported.title));
    let year = args.root.join("content").join(date.year().to_string());
    if imported.attachments.is_empty() {
        year.join(format!("{slug}.md"))
    } else {
        year.join(slug).join("index.md")
    }
}

/// Writes a notice whole or not at all: a temporary file beside it,
/// renamed into place.
fn write_whole(target: &Path, notice: &str) -> Result<(), String> {
    let parent = target.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    let mut temporary = tempfile::NamedTempFile::new_in(parent)
        .map_err(|error| format!("cannot write in {}: {error}", parent.display()))?;
    std::io::Write::write_all(&mut temporary, notice.as_bytes())
        .map_err(|error| format!("cannot write {}: {error}", target.display()))?;
    temporary
        .persist(target)
        .map_err(|error| format!("cannot write {}: {}", target.display(), error.error))?;
    Ok(())
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
