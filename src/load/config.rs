//! `site.toml` → [`Config`]. Every key has a default, so a site without the
//! file builds; an unknown key is an error, as in front matter.

use std::path::Path;

use serde::Serialize;

use crate::load::fields::{self, FieldReader};
use crate::support::diagnostics::{Diagnostic, Source};

/// The UI language of the theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Vi,
    En,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::Vi => "vi",
            Language::En => "en",
        }
    }
}

/// The paper layout of printed notices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentStyle {
    /// Party style for numbers like `45-TB/BDVTU`, State style for numbers
    /// like `12/TB-UBND`.
    Auto,
    Party,
    State,
}

/// Where links to documents outside the archive go.
#[derive(Debug, Clone, Default, Serialize)]
pub struct References {
    /// A URL with `{number}` in it, or empty for plain text.
    pub external_url: String,
}

/// The site configuration.
#[derive(Debug, Clone, Serialize)]
pub struct Config {
    pub title: String,
    /// Always ends with `/`: `/`, `/sub/path/` or `http://host/sub/`.
    pub base_url: String,
    pub language: Language,
    pub theme: String,
    pub paginate_by: usize,
    pub default_kind: String,
    pub issuer: String,
    pub allow_classified: bool,
    /// Lets raw HTML in notices through instead of escaping it.
    pub allow_html: bool,
    /// Every link relative and naming its `index.html`, so the site works
    /// opened from a folder, a share or a USB stick (SPEC §11).
    pub relative_urls: bool,
    /// How many of the newest notices each Atom feed holds.
    pub feed_limit: usize,
    /// URLs per sitemap file before a sitemap index is made (the protocol
    /// allows 50,000).
    pub sitemap_max_urls: usize,
    /// Which paper layout notices print in: `auto` (from each number's
    /// form), `party` or `state`.
    pub document_style: DocumentStyle,
    /// The closed list of lĩnh vực a notice's `field` is one of; empty:
    /// any field.
    pub fields: Vec<String>,
    /// The units tasks are assigned to (`[units]`, SPEC §9): each name with
    /// its short names, which mean the same unit.
    pub units: Vec<(String, Vec<String>)>,
    /// Every name and short name of `units`, for finding them in bodies.
    #[serde(skip)]
    pub unit_names: Vec<String>,
    pub references: References,
    /// The day validity is worked out as of (SPEC §8): the build's date,
    /// or the day of `SOURCE_DATE_EPOCH` when set (reproducible builds).
    #[serde(skip)]
    pub today: jiff::civil::Date,
    /// Where `base_url` came from, for the warning about one without a host.
    #[serde(skip)]
    pub base_url_from: BaseUrlFrom,
}

/// Where a site's `base_url` was set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BaseUrlFrom {
    /// Not set: the default `/`.
    #[default]
    Default,
    /// site.toml, at this line and column.
    SiteToml(usize, usize),
    /// The command line (`--base-url`).
    Flag,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Thông báo kết luận".to_string(),
            base_url: "/".to_string(),
            language: Language::Vi,
            theme: "default".to_string(),
            paginate_by: 30,
            default_kind: "Thông báo kết luận".to_string(),
            issuer: String::new(),
            allow_classified: false,
            allow_html: false,
            relative_urls: false,
            document_style: DocumentStyle::Auto,
            feed_limit: 50,
            sitemap_max_urls: 50_000,
            fields: Vec::new(),
            units: Vec::new(),
            unit_names: Vec::new(),
            references: References::default(),
            today: build_date(),
            base_url_from: BaseUrlFrom::Default,
        }
    }
}

const KEYS: &[&str] = &[
    "title",
    "base_url",
    "language",
    "theme",
    "paginate_by",
    "default_kind",
    "issuer",
    "allow_classified",
    "allow_html",
    "relative_urls",
    "document_style",
    "feed_limit",
    "sitemap_max_urls",
    "fields",
    "units",
    "references",
];
const REFERENCE_KEYS: &[&str] = &["external_url"];

impl Config {
    /// Reads `site.toml` in `root`, or the defaults when there is none.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join("site.toml");
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Config::default());
            }
            Err(error) => {
                return Err(vec![Diagnostic::error(
                    "site.toml",
                    0,
                    0,
                    format!("cannot read site.toml: {error}"),
                )]);
            }
        };
        let Ok(text) = String::from_utf8(text) else {
            return Err(vec![Diagnostic::error(
                "site.toml",
                0,
                0,
                "site.toml is not valid UTF-8 text",
            )]);
        };
        let text = crate::support::text::normalize(&text);
        Config::parse(&Source::new("site.toml", &*text))
    }

    /// Parses the text of a `site.toml`.
    pub fn parse(source: &Source) -> Result<Config, Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let Some(document) = fields::parse(source, &source.text, 0, &mut diagnostics) else {
            return Err(diagnostics);
        };
        let mut config = Config::default();
        let mut reader = FieldReader::new(source, &document, 0..0, &mut diagnostics);
        reader.reject_unknown(KEYS, "site.toml");
        if let Some((title, _)) = reader.string("title") {
            config.title = title;
        }
        if let Some((base_url, span)) = reader.string("base_url") {
            match normalize_base_url(&base_url) {
                Some(url) => {
                    config.base_url = url;
                    let (line, column) = source.line_col(span.start);
                    config.base_url_from = BaseUrlFrom::SiteToml(line, column);
                }
                None => reader.error_at_value(
                    "base_url",
                    format!("`base_url` must be \"/\", a path like \"/thongbao/\" or a URL like \"http://host/thongbao/\", found {base_url:?}"),
                    None,
                ),
            }
        }
        if let Some((language, _)) = reader.string("language") {
            match language.as_str() {
                "vi" => config.language = Language::Vi,
                "en" => config.language = Language::En,
                other => reader.error_at_value(
                    "language",
                    format!("`language` must be \"vi\" or \"en\", found {other:?}"),
                    None,
                ),
            }
        }
        if let Some((theme, _)) = reader.string("theme") {
            if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
                reader.error_at_value(
                    "theme",
                    format!("`theme` must be the name of a folder in themes/, found {theme:?}"),
                    None,
                );
            } else {
                config.theme = theme;
            }
        }
        if let Some(per_page) = reader.positive_integer("paginate_by") {
            config.paginate_by = per_page;
        }
        if let Some((kind, _)) = reader.string("default_kind") {
            config.default_kind = kind;
        }
        if let Some((issuer, _)) = reader.string("issuer") {
            config.issuer = issuer;
        }
        if let Some(flag) = reader.bool("allow_classified") {
            config.allow_classified = flag;
        }
        if let Some(flag) = reader.bool("allow_html") {
            config.allow_html = flag;
        }
        if let Some(flag) = reader.bool("relative_urls") {
            config.relative_urls = flag;
        }
        if let Some(limit) = reader.positive_integer("feed_limit") {
            config.feed_limit = limit;
        }
        if let Some(limit) = reader.positive_integer("sitemap_max_urls") {
            if limit > 50_000 {
                reader.error_at_value(
                    "sitemap_max_urls",
                    "`sitemap_max_urls` can be at most 50000, the sitemap protocol's limit",
                    None,
                );
            } else {
                config.sitemap_max_urls = limit;
            }
        }
        if let Some((style, _)) = reader.string("document_style") {
            match style.as_str() {
                "auto" => config.document_style = DocumentStyle::Auto,
                "party" => config.document_style = DocumentStyle::Party,
                "state" => config.document_style = DocumentStyle::State,
                other => reader.error_at_value(
                    "document_style",
                    format!("`document_style` must be \"auto\", \"party\" or \"state\", found {other:?}"),
                    None,
                ),
            }
        }
        let fields = reader.string_array("fields");
        for (at, (field, span)) in fields.iter().enumerate() {
            let problem = if field.trim().is_empty() {
                Some(("`fields` lists an empty name", "empty"))
            } else if fields[..at].iter().any(|(earlier, _)| earlier.trim() == field.trim()) {
                Some(("`fields` lists a lĩnh vực twice", "listed already"))
            } else {
                None
            };
            if let Some((message, label)) = problem {
                reader.diagnostics.push(
                    Diagnostic::error_at(source, span.clone(), message)
                        .with_label(label)
                        .with_help("list each lĩnh vực once, by its name"),
                );
            }
        }
        config.fields = fields.into_iter().map(|(field, _)| field.trim().to_string()).collect();
        if let Some(table) = reader.sub_table("units") {
            let mut units = reader.nested(table);
            for name in units.keys() {
                let short_names: Vec<String> = units
                    .string_array(&name)
                    .into_iter()
                    .map(|(short, _)| short.trim().to_string())
                    .filter(|short| !short.is_empty())
                    .collect();
                if name.trim().is_empty() {
                    units.error_at_value(&name, "`[units]` names a unit with an empty name", None);
                    continue;
                }
                config.unit_names.push(name.trim().to_string());
                config.unit_names.extend(short_names.iter().cloned());
                config.units.push((name.trim().to_string(), short_names));
            }
        }
        if let Some(table) = reader.sub_table("references") {
            let mut references = reader.nested(table);
            references.reject_unknown(REFERENCE_KEYS, "[references]");
            if let Some((url, _)) = references.string("external_url") {
                if !url.is_empty() && !url.contains("{number}") {
                    references.error_at_value(
                        "external_url",
                        "`external_url` must contain {number}, where the cited number goes",
                        Some("for example \"http://vanban.local/tim?so={number}\"".to_string()),
                    );
                }
                config.references.external_url = url;
            }
        }
        if diagnostics.is_empty() {
            Ok(config)
        } else {
            Err(diagnostics)
        }
    }

    /// The link for a citation of a document outside the archive, from
    /// `references.external_url`; `None` when that is not set.
    pub fn external_link(&self, number: &str) -> Option<String> {
        let template = &self.references.external_url;
        if template.is_empty() {
            return None;
        }
        // The whole number is one query value: its slashes are encoded too.
        let encoded = percent_encoding::utf8_percent_encode(number, percent_encoding::NON_ALPHANUMERIC).to_string();
        Some(template.replace("{number}", &encoded))
    }

    /// Whether `base_url` names a host (`http://intranet/tb/`): only then can
    /// feeds and the sitemap hold the absolute URLs they need.
    pub fn has_host(&self) -> bool {
        self.base_url.contains("://")
    }

    /// Whether the Atom feeds are written: they need absolute URLs, which a
    /// relative site without a host in `base_url` cannot give (SPEC §11).
    pub fn writes_feeds(&self) -> bool {
        !self.relative_urls || self.has_host()
    }

    /// The path part of `base_url` (`/sub/`): pages link with it, so the
    /// site works whatever host name the intranet reaches it by.
    pub fn base_path(&self) -> &str {
        match self.base_url.find("://") {
            Some(scheme_end) => {
                let after = &self.base_url[scheme_end + 3..];
                after.find('/').map_or("/", |slash| &after[slash..])
            }
            None => &self.base_url,
        }
    }
}

/// The day a build works validity out as of: `SOURCE_DATE_EPOCH` (seconds
/// since 1970, the reproducible-builds convention) when set, else today in
/// the machine's time zone.
pub fn build_date() -> jiff::civil::Date {
    let now = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|seconds| seconds.trim().parse::<i64>().ok())
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    jiff::ZonedDateTime::new(now, jiff::tz::TimeZone::system()).date()
}

/// `base_url` as stored: trimmed and ending with `/`; `None` when invalid.
pub fn normalize_base_url(url: &str) -> Option<String> {
    let url = url.trim();
    let valid = url.starts_with('/') && !url.starts_with("//")
        || url.starts_with("http://") && url.len() > 7
        || url.starts_with("https://") && url.len() > 8;
    if !valid || url.contains(char::is_whitespace) {
        return None;
    }
    let mut url = url.to_string();
    if !url.ends_with('/') {
        url.push('/');
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, Vec<Diagnostic>> {
        Config::parse(&Source::new("site.toml", text))
    }

    #[test]
    fn defaults_and_base_path() {
        let config = parse("base_url = \"http://intranet/thongbao\"").unwrap();
        assert_eq!(config.base_url, "http://intranet/thongbao/");
        assert_eq!(config.base_path(), "/thongbao/");
        assert_eq!(config.paginate_by, 30);
        assert_eq!(parse("base_url = \"/tb\"").unwrap().base_path(), "/tb/");
    }

    #[test]
    fn fields_are_a_list_of_distinct_names() {
        assert_eq!(
            parse("fields = [\"Dân vận\", \"Nội chính\"]").unwrap().fields,
            ["Dân vận", "Nội chính"]
        );
        let errors = parse("fields = [\"Dân vận\", \"\", \"Dân vận\"]").unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|error| error.message.as_str()).collect();
        assert_eq!(
            messages,
            ["`fields` lists an empty name", "`fields` lists a lĩnh vực twice"]
        );
    }

    #[test]
    fn unknown_keys_are_errors_with_a_suggestion() {
        let errors = parse("titel = \"x\"\n[references]\nexternal = \"\"").unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].help.as_deref(), Some("did you mean `title`?"));
        assert_eq!((errors[1].line, errors[1].column), (3, 1));
    }
}
