//! `thongbao new TITLE`: a notice scaffolded with today's date, the site's
//! defaults, and the issuer's next number when its numbers follow a pattern.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::CommandError;
use crate::load::config::Config;
use crate::model::number::DocumentNumber;
use crate::support::diagnostics::{Diagnostics, display_path};
use crate::support::text::slugify;

#[derive(Debug, Clone)]
pub struct NewArgs {
    pub root: PathBuf,
    pub title: String,
    pub kind: Option<String>,
    pub issuer: Option<String>,
}

pub fn run(args: &NewArgs) -> Result<(), CommandError> {
    let config = Config::load(&args.root).map_err(|errors| {
        let errors = Diagnostics::from(errors);
        errors.emit_to_stderr();
        CommandError::Content(errors)
    })?;
    if args.title.trim().is_empty() {
        return Err(CommandError::Usage("the title must not be empty".to_string()));
    }
    let today = jiff::ZonedDateTime::now().date();
    let issuer = args.issuer.clone().unwrap_or_else(|| config.issuer.clone());
    let kind = args.kind.clone().unwrap_or_else(|| config.default_kind.clone());
    let number = next_number(&args.root, &config, &issuer, today.year());
    let slug = number
        .as_deref()
        .map(slugify)
        .filter(|slug| !slug.is_empty())
        .unwrap_or_else(|| super::import::title_slug(&args.title));
    let folder = args.root.join("content").join(today.year().to_string());
    let mut path = folder.join(format!("{slug}.md"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("{slug}-{n}.md"));
        n += 1;
    }
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut text = String::from("+++\n");
    text.push_str(&format!("title = {}\n", quote(args.title.trim())));
    match &number {
        Some(number) => text.push_str(&format!(
            "number = {}      # the issuer's next number this year: check it\n",
            quote(number)
        )),
        None => text.push_str("# number = \"…\"         # số và ký hiệu\n"),
    }
    text.push_str(&format!("date = {today}\n"));
    text.push_str(&format!("kind = {}\n", quote(&kind)));
    if !issuer.is_empty() {
        text.push_str(&format!("issuer = {}\n", quote(&issuer)));
    }
    text.push_str(
        "place = \"\"\nsigner = \"\"\nauthority = \"\"            # quyền hạn ký: \"KT. Chủ tịch\", \"T/M Ban Thường vụ\"\nsigner_title = \"\"\nrecipients = []\ntags = []\n+++\n\nNội dung thông báo.\n",
    );
    std::fs::create_dir_all(&folder)
        .map_err(|error| CommandError::Io(format!("cannot create {}: {error}", folder.display())))?;
    std::fs::write(&path, text)
        .map_err(|error| CommandError::Io(format!("cannot write {}: {error}", path.display())))?;
    println!("{}", display_path(&args.root, &path).display());
    Ok(())
}

/// After `45-TB/BDVTU` comes `46-TB/BDVTU`: the highest serial the issuer
/// used this year with its usual suffix, plus one; 1 in a new year.
pub fn next_number(root: &Path, config: &Config, issuer: &str, year: i16) -> Option<String> {
    // (suffix → (last year used, highest serial that year)); suffixes by use.
    let mut suffixes: BTreeMap<String, (i16, u32, usize)> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(entry.path()) else {
            continue;
        };
        let Ok(notice) = crate::load::front_matter::parse(entry.path(), entry.path(), &text, config) else {
            continue;
        };
        let (Some(number), true) = (&notice.front.number, notice.front.issuer == issuer) else {
            continue;
        };
        let number = DocumentNumber::new(number);
        let Ok(serial) = number.serial_digits().parse::<u32>() else {
            continue;
        };
        let suffix = number.suffix().to_string();
        let entry = suffixes.entry(suffix).or_insert((notice.year(), 0, 0));
        entry.2 += 1;
        match notice.year().cmp(&entry.0) {
            std::cmp::Ordering::Greater => *entry = (notice.year(), serial, entry.2),
            std::cmp::Ordering::Equal => entry.1 = entry.1.max(serial),
            std::cmp::Ordering::Less => {}
        }
    }
    let (suffix, (last_year, serial, _)) = suffixes
        .into_iter()
        .max_by_key(|(_, (last_year, _, uses))| (*last_year, *uses))?;
    let next = if last_year == year { serial + 1 } else { 1 };
    Some(format!("{next}{suffix}"))
}
