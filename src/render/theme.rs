//! Finding the active theme: the built-in default (compiled into the
//! binary), or a site's own `themes/NAME/`, with single templates
//! overridden from the site's `templates/` (SPEC §1).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::load::config::Config;
use crate::support::diagnostics::{Diagnostic, display_path};

/// The default theme's source, compiled in so a site needs no `themes/`.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// A template's text and the file it came from, for error messages.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub text: String,
    /// As shown to the user: `templates/notice.html`,
    /// `themes/default/templates/notice.html` (built in or on disk).
    pub path: PathBuf,
}

/// A file from the theme's `static/` folder, copied to the output as is.
#[derive(Debug, Clone)]
pub enum StaticFile {
    BuiltIn(&'static [u8]),
    OnDisk(PathBuf),
}

/// The active theme with the site's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// By template name (`notice.html`, `partials/list.html`).
    pub templates: BTreeMap<String, TemplateSource>,
    /// By path under the output root (`static/style.css`).
    pub static_files: BTreeMap<String, StaticFile>,
    /// UI strings of the configured language.
    pub strings: BTreeMap<String, String>,
    /// Every file the theme was read from, for the preview's watcher.
    pub folder: Option<PathBuf>,
}

impl Theme {
    /// Loads the theme that `config` selects for the site at `root`.
    pub fn load(root: &Path, config: &Config) -> Result<Theme, Vec<Diagnostic>> {
        let folder = root.join("themes").join(&config.theme);
        let mut theme = if folder.is_dir() {
            Theme::from_folder(root, &folder)?
        } else if config.theme == "default" {
            Theme::built_in()
        } else {
            return Err(vec![
                Diagnostic::error("site.toml", 0, 0, format!("theme {:?} not found: there is no folder themes/{}/", config.theme, config.theme))
                    .with_help("remove `theme` to use the built-in theme, or run `thongbao init --copy-theme` to write it out for editing"),
            ]);
        };
        let overrides = root.join("templates");
        if overrides.is_dir() {
            theme.read_templates(root, &overrides)?;
        }
        theme.strings = theme.load_strings(root, config)?;
        Ok(theme)
    }

    /// The theme compiled into the binary.
    pub fn built_in() -> Theme {
        let mut theme = Theme::default();
        for file in all_files(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            if let Some(name) = path.strip_prefix("templates/") {
                theme.templates.insert(
                    name.to_string(),
                    TemplateSource {
                        text: String::from_utf8_lossy(file.contents()).into_owned(),
                        path: PathBuf::from("themes/default").join(&path),
                    },
                );
            } else if path.starts_with("static/") {
                theme.static_files.insert(path, StaticFile::BuiltIn(file.contents()));
            }
        }
        theme
    }

    /// Reads the `.html` templates under `folder`, each in place of a
    /// template of that name.
    fn read_templates(&mut self, root: &Path, folder: &Path) -> Result<(), Vec<Diagnostic>> {
        for (name, path) in files_under(folder, "html") {
            let text = read_text(root, &path)?;
            self.templates.insert(
                name,
                TemplateSource {
                    text,
                    path: display_path(root, &path),
                },
            );
        }
        Ok(())
    }

    fn from_folder(root: &Path, folder: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme {
            folder: Some(folder.to_path_buf()),
            ..Theme::default()
        };
        theme.read_templates(root, &folder.join("templates"))?;
        // Pages added after a theme was written are made with the
        // built-in templates until the theme has its own.
        let built_in = Theme::built_in();
        for name in ADDED_TEMPLATES {
            if !theme.templates.contains_key(name)
                && let Some(template) = built_in.templates.get(name)
            {
                theme.templates.insert(name.to_string(), template.clone());
            }
        }
        for (name, path) in files_under(&folder.join("static"), "") {
            theme
                .static_files
                .insert(format!("static/{name}"), StaticFile::OnDisk(path));
        }
        Ok(theme)
    }

    /// The UI strings for the configured language: the theme's
    /// `i18n/{lang}.toml`, or the built-in theme's when the theme has none.
    fn load_strings(&self, root: &Path, config: &Config) -> Result<BTreeMap<String, String>, Vec<Diagnostic>> {
        let file_name = format!("{}.toml", config.language.code());
        let on_disk = self
            .folder
            .as_ref()
            .map(|folder| folder.join("i18n").join(&file_name))
            .filter(|path| path.is_file());
        let own = on_disk.is_some();
        let (text, shown): (Cow<str>, PathBuf) = match on_disk {
            Some(path) => (Cow::Owned(read_text(root, &path)?), display_path(root, &path)),
            None => {
                let file = DEFAULT_THEME.get_file(format!("i18n/{file_name}")).ok_or_else(|| {
                    vec![Diagnostic::error(
                        "site.toml",
                        0,
                        0,
                        format!("no UI strings for language {:?}", config.language.code()),
                    )]
                })?;
                (
                    String::from_utf8_lossy(file.contents()),
                    PathBuf::from("themes/default/i18n").join(&file_name),
                )
            }
        };
        let mut strings: BTreeMap<String, String> = toml::from_str(&text).map_err(|error| {
            let source = crate::support::diagnostics::Source::new(&shown, text.as_ref());
            let span = error.span().unwrap_or(0..0);
            vec![Diagnostic::error_at(
                &source,
                span,
                format!("invalid UI strings file: {}", error.message()),
            )]
        })?;
        // A theme's own file may predate strings the built-in templates
        // use: those come from the built-in theme.
        if own
            && let Some(file) = DEFAULT_THEME.get_file(format!("i18n/{file_name}"))
            && let Ok(defaults) = toml::from_str::<BTreeMap<String, String>>(&String::from_utf8_lossy(file.contents()))
        {
            for (key, value) in defaults {
                strings.entry(key).or_insert(value);
            }
        }
        Ok(strings)
    }

    /// Writes the built-in theme into `folder` (for `init --copy-theme`).
    pub fn write_built_in(folder: &Path) -> std::io::Result<()> {
        for file in all_files(&DEFAULT_THEME) {
            let target = folder.join(file.path());
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)?;
            }
            std::fs::write(target, file.contents())?;
        }
        Ok(())
    }
}

/// Templates a theme written before them may lack: the built-in ones are
/// used (the relations diagram and the register).
const ADDED_TEMPLATES: [&str; 3] = ["diagram.html", "register.html", "tasks.html"];

fn all_files(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut files: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        files.extend(all_files(sub));
    }
    files.sort_by_key(|file| file.path());
    files
}

/// Files below `folder` (with the given extension, or all when empty), by
/// their `/`-separated path relative to it.
fn files_under(folder: &Path, extension: &str) -> Vec<(String, PathBuf)> {
    if !folder.is_dir() {
        return Vec::new();
    }
    WalkDir::new(folder)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            entry.depth() == 0 || !crate::support::fs::is_editor_temp(&entry.file_name().to_string_lossy())
        })
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| extension.is_empty() || entry.path().extension().is_some_and(|ext| ext == extension))
        .filter_map(|entry| {
            let name = entry.path().strip_prefix(folder).ok()?.to_str()?.replace('\\', "/");
            Some((name, entry.path().to_path_buf()))
        })
        .collect()
}

fn read_text(root: &Path, path: &Path) -> Result<String, Vec<Diagnostic>> {
    std::fs::read_to_string(path)
        .map(|text| crate::support::text::normalize(&text).into_owned())
        .map_err(|error| {
            vec![Diagnostic::error(
                display_path(root, path),
                0,
                0,
                format!("cannot read: {error}"),
            )]
        })
}
