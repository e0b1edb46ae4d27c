//! Relative links (SPEC §11): with `relative_urls = true` or
//! `build --relative`, every URL of a page that points into the site is made
//! relative to the page's own folder and names its `index.html`, so that the
//! site works opened from a folder, a network share or a USB stick, whatever
//! the drive and however deep the folder.
//!
//! Pages are rendered as always, with links under `base_url`, and then
//! rewritten here by an HTML parser (`lol_html`): one place that sees every
//! link, whether a template, a citation in a notice body or raw HTML in it
//! made it, in any quoting. Feeds, the sitemap and the JSON data keep their
//! absolute URLs.

use std::borrow::Cow;

use lol_html::html_content::Element;
use lol_html::{ElementContentHandlers, HandlerResult, RewriteStrSettings, Selector, rewrite_str};

use crate::load::config::Config;

/// How a site's pages link when they link relatively.
pub struct RelativeLinks {
    /// The path part of `base_url` (`/`, `/luu-tru/`): a link starting with
    /// it points into the site.
    base_path: String,
    /// `base_url` itself when it names a host (`http://intranet/luu-tru/`):
    /// a link starting with it points into the site too.
    base_url: Option<String>,
    /// The elements of [`URL_ATTRIBUTES`], each selector parsed once for
    /// every page.
    selectors: Vec<(Selector, &'static str)>,
}

/// The attributes that hold URLs: one each, or a `srcset`'s list.
const URL_ATTRIBUTES: [(&str, &str); 7] = [
    ("[href]", "href"),
    ("[src]", "src"),
    ("[action]", "action"),
    ("[poster]", "poster"),
    ("object[data]", "data"),
    ("[formaction]", "formaction"),
    ("[srcset]", "srcset"),
];

impl RelativeLinks {
    /// The links of `config`'s site; `None` when it links under `base_url`.
    pub fn of(config: &Config) -> Option<RelativeLinks> {
        config.relative_urls.then(|| RelativeLinks {
            base_path: config.base_path().to_string(),
            base_url: config.has_host().then(|| config.base_url.clone()),
            selectors: URL_ATTRIBUTES
                .iter()
                .map(|&(selector, name)| (selector.parse().expect("a valid selector"), name))
                .collect(),
        })
    }

    /// `html`, the page written at `page` (a `/`-separated path in the
    /// output, such as `2021/45-tb-bdvtu/index.html`), with every link into
    /// the site made relative to the page's folder.
    pub fn rewrite(&self, page: &str, html: &str) -> Result<String, String> {
        let mut settings = RewriteStrSettings::new();
        for (selector, name) in &self.selectors {
            let name = *name;
            let handler = move |element: &mut Element<'_, '_>| -> HandlerResult {
                if let Some(url) = element.get_attribute(name) {
                    let relative = match name {
                        "srcset" => Some(self.relative_srcset(page, &url)),
                        _ => self.relative(page, &url),
                    };
                    if let Some(relative) = relative {
                        element.set_attribute(name, &relative)?;
                    }
                }
                Ok(())
            };
            settings = settings.append_element_content_handler((
                Cow::Borrowed(selector),
                ElementContentHandlers::default().element(handler),
            ));
        }
        rewrite_str(html, settings).map_err(|error| format!("cannot make the links of {page} relative: {error}"))
    }

    /// The relative form of `url` seen from the page at `page`, or `None`
    /// when `url` does not point into the site (another host, `mailto:`, a
    /// fragment of the page itself, a link already relative).
    pub fn relative(&self, page: &str, url: &str) -> Option<String> {
        let inside = match &self.base_url {
            Some(base_url) if url.starts_with(base_url.as_str()) => &url[base_url.len()..],
            _ if url.starts_with("//") => return None,
            _ => url.strip_prefix(self.base_path.as_str())?,
        };
        Some(relative_path(page, inside))
    }

    /// Each candidate URL of a `srcset` made relative; descriptors kept.
    fn relative_srcset(&self, page: &str, set: &str) -> String {
        set.split(',')
            .map(|candidate| {
                let candidate = candidate.trim();
                let (url, descriptor) = candidate.split_once(' ').unwrap_or((candidate, ""));
                match self.relative(page, url) {
                    Some(relative) if descriptor.is_empty() => relative,
                    Some(relative) => format!("{relative} {descriptor}"),
                    None => candidate.to_string(),
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `target` (a path in the site, with any query and fragment, a folder
/// ending in `/`) as seen from the folder of the file `page`: `../` up to
/// the folders they share, then down, naming `index.html` for a folder.
pub fn relative_path(page: &str, target: &str) -> String {
    let split = target.find(['?', '#']).unwrap_or(target.len());
    let (path, rest) = target.split_at(split);
    let page_folders: Vec<&str> = page.split('/').collect();
    let page_folders = &page_folders[..page_folders.len() - 1];
    let mut target_parts: Vec<&str> = path.split('/').collect();
    let file = target_parts.pop().unwrap_or_default();
    let shared = page_folders
        .iter()
        .zip(&target_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let file = if file.is_empty() { "index.html" } else { file };
    let page_file = page.rsplit('/').next().unwrap_or(page);
    if rest.starts_with('#') && shared == page_folders.len() && target_parts.len() == shared && file == page_file {
        // A fragment of the page itself.
        return rest.to_string();
    }
    let mut relative = "../".repeat(page_folders.len() - shared);
    for folder in &target_parts[shared..] {
        relative.push_str(folder);
        relative.push('/');
    }
    relative.push_str(file);
    relative.push_str(rest);
    relative
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(base_url: &str) -> RelativeLinks {
        let mut config = Config {
            base_url: base_url.to_string(),
            ..Config::default()
        };
        config.relative_urls = true;
        RelativeLinks::of(&config).unwrap()
    }

    #[test]
    fn paths_go_up_to_the_shared_folder_and_name_index_html() {
        assert_eq!(relative_path("index.html", ""), "index.html");
        assert_eq!(relative_path("index.html", "2021/"), "2021/index.html");
        assert_eq!(relative_path("2021/45-tb/index.html", ""), "../../index.html");
        assert_eq!(
            relative_path("2021/45-tb/index.html", "2021/46-tb/"),
            "../46-tb/index.html"
        );
        assert_eq!(
            relative_path("2021/45-tb/index.html", "2021/45-tb/#nhiem-vu-1"),
            "#nhiem-vu-1"
        );
        assert_eq!(
            relative_path("2021/45-tb/index.html", "2021/45-tb/luoc-do/#can-cu"),
            "luoc-do/index.html#can-cu"
        );
        assert_eq!(
            relative_path("2021/45-tb/index.html", "static/style.css"),
            "../../static/style.css"
        );
        assert_eq!(
            relative_path("2021/45-tb/index.html", "2021/45-tb/files/a%20b.pdf"),
            "files/a%20b.pdf"
        );
        assert_eq!(
            relative_path("search/index.html", "search/?q=d%C3%A2n"),
            "index.html?q=d%C3%A2n"
        );
        assert_eq!(relative_path("404.html", "archive/"), "archive/index.html");
        assert_eq!(
            relative_path("tags/page/2/index.html", "2021/"),
            "../../../2021/index.html"
        );
    }

    #[test]
    fn only_links_into_the_site_change() {
        let sub = links("http://127.0.0.1:8080/luu-tru/");
        let page = "2021/45-tb/index.html";
        assert_eq!(
            sub.relative(page, "/luu-tru/2022/").as_deref(),
            Some("../../2022/index.html")
        );
        assert_eq!(
            sub.relative(page, "http://127.0.0.1:8080/luu-tru/feed.xml").as_deref(),
            Some("../../feed.xml")
        );
        assert_eq!(sub.relative(page, "/elsewhere/"), None);
        assert_eq!(sub.relative(page, "https://vbpl.vn/?q=1"), None);
        assert_eq!(sub.relative(page, "mailto:vanthu@example.vn"), None);
        assert_eq!(sub.relative(page, "#dieu-1"), None);
        assert_eq!(sub.relative(page, "files/a.pdf"), None);
        let root = links("/");
        assert_eq!(root.relative(page, "//cdn.example/x.js"), None);
        assert_eq!(root.relative(page, "/").as_deref(), Some("../../index.html"));
    }

    #[test]
    fn every_url_attribute_of_a_page_is_rewritten_whatever_its_quoting() {
        let root = links("/");
        let html = concat!(
            "<link rel=\"stylesheet\" href=\"/static/style.css\">",
            "<a href='/2021/'>năm 2021</a><a href=/tags/dan-van/>tag</a>",
            "<form action=\"/search/\"><input name=q></form>",
            "<img src=\"/2021/45-tb/files/a.png\" srcset=\"/2021/45-tb/files/a.png 1x, /2021/45-tb/files/b.png 2x\">",
            "<script src=\"/static/search.js\"></script>",
            "<script>var text = 'href=\"/2021/\"';</script>",
            "<p>href=\"/2021/\" in text stays text</p>",
        );
        let out = root.rewrite("2021/45-tb/index.html", html).unwrap();
        assert!(out.contains("href=\"../../static/style.css\""), "{out}");
        assert!(out.contains("href=\"../index.html\""), "{out}");
        assert!(out.contains("href=\"../../tags/dan-van/index.html\""), "{out}");
        assert!(out.contains("action=\"../../search/index.html\""), "{out}");
        assert!(
            out.contains("src=\"files/a.png\" srcset=\"files/a.png 1x, files/b.png 2x\""),
            "{out}"
        );
        assert!(out.contains("var text = 'href=\"/2021/\"';"), "{out}");
        assert!(out.contains("<p>href=\"/2021/\" in text stays text</p>"), "{out}");
    }
}
