//! The pipeline from a site folder to files in memory: load, link, render.
//! `build`, `check` and `serve` all run it; only `build` writes the result.

use std::path::Path;

use crate::archive::Archive;
use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::output::OutputFile;
use crate::site::{LoadOptions, Site};
use crate::theme::Theme;

/// What the command line may change about a build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Replaces `base_url` from site.toml.
    pub base_url: Option<String>,
}

/// A site built in memory.
#[derive(Debug)]
pub struct Built {
    pub archive: Archive,
    pub files: Vec<OutputFile>,
    /// Problems that did not stop the build.
    pub warnings: Diagnostics,
}

impl Built {
    /// How many HTML pages the build made.
    pub fn page_count(&self) -> usize {
        self.files.iter().filter(|file| file.path.ends_with(".html")).count()
    }
}

/// Reads the configuration, with the command line's overrides applied.
pub fn load_config(root: &Path, options: &BuildOptions) -> Result<Config, Diagnostics> {
    let mut config = Config::load(root).map_err(Diagnostics::from)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = crate::config::normalize_base_url(base_url).ok_or_else(|| {
            Diagnostics::from(vec![Diagnostic::error(
                "--base-url",
                0,
                0,
                format!(
                    "{base_url:?} is not \"/\", a path like \"/thongbao/\" or a URL like \"http://host/thongbao/\""
                ),
            )])
        })?;
    }
    Ok(config)
}

/// Runs the whole pipeline. Every error of every stage that could run is
/// returned together.
pub fn build_site(root: &Path, options: &BuildOptions) -> Result<Built, Diagnostics> {
    let config = load_config(root, options)?;
    let theme = Theme::load(root, &config);
    let site = Site::load_with_config(root, config, LoadOptions { drafts: options.drafts });
    let (theme, site) = match (theme, site) {
        (Ok(theme), Ok(site)) => (theme, site),
        (theme, site) => {
            let mut errors = Diagnostics::new();
            if let Err(theme_errors) = theme {
                errors.extend(theme_errors);
            }
            if let Err(site_errors) = site {
                errors.extend(site_errors);
            }
            errors.sort();
            return Err(errors);
        }
    };
    let archive = Archive::new(site)?;
    let files = crate::pages::render_site(&archive, &theme)?;
    let warnings = archive.warnings.clone();
    Ok(Built {
        archive,
        files,
        warnings,
    })
}
