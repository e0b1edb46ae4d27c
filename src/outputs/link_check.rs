//! `thongbao check --links`: every `href` and `src` of every built page
//! must point at a file of the site, and every `#anchor` at an id of that
//! page. Links to other hosts are not followed.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use percent_encoding::percent_decode_str;
use regex::Regex;

use crate::model::files::{Contents, OutputFile};

/// A link that leads nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page it is on, as a path under the output root.
    pub page: String,
    pub link: String,
    pub reason: &'static str,
}

static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)="([^"]*)""#).expect("valid"));
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]*)""#).expect("valid"));

/// Checks the links of every HTML page in `files`. `base_url` and its path
/// are what internal links start with; in a `relative` site (SPEC §11) a
/// link to a folder is broken too, as opened from disk it shows no page.
pub fn check_links(files: &[OutputFile], base_url: &str, base_path: &str, relative: bool) -> Vec<BrokenLink> {
    let pages: HashMap<&str, &str> = files
        .iter()
        .filter(|file| file.path.ends_with(".html"))
        .filter_map(|file| match &file.contents {
            Contents::Bytes(bytes) => std::str::from_utf8(bytes).ok().map(|html| (file.path.as_str(), html)),
            _ => None,
        })
        .collect();
    let existing: HashSet<&str> = files.iter().map(|file| file.path.as_str()).collect();
    let mut ids: HashMap<&str, HashSet<String>> = HashMap::new();
    let mut broken = Vec::new();
    let mut sorted: Vec<(&&str, &&str)> = pages.iter().collect();
    sorted.sort();
    for (page, html) in sorted {
        for capture in LINK.captures_iter(html) {
            let link = html_unescape(&capture[1]);
            let Some(target) = internal_target(page, &link, base_url, base_path) else {
                continue;
            };
            let path_part = link.split(['?', '#']).next().unwrap_or("");
            if relative && !link.starts_with('#') && (path_part.is_empty() || path_part.ends_with('/')) {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    link,
                    reason: "names a folder, not its index.html (opened from disk it shows no page)",
                });
                continue;
            }
            let (path, fragment) = match target.split_once('#') {
                Some((path, fragment)) => (path.to_string(), Some(fragment.to_string())),
                None => (target, None),
            };
            let file = if path.is_empty() {
                page.to_string()
            } else if path.ends_with('/') || path.is_empty() {
                format!("{path}index.html")
            } else {
                path
            };
            if !existing.contains(file.as_str()) {
                broken.push(BrokenLink {
                    page: page.to_string(),
                    link,
                    reason: "no such file",
                });
                continue;
            }
            if let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty()) {
                let Some(target_html) = pages.get(file.as_str()) else {
                    continue;
                };
                let page_ids = ids
                    .entry(pages.get_key_value(file.as_str()).map(|(key, _)| *key).unwrap_or(""))
                    .or_insert_with(|| ID.captures_iter(target_html).map(|id| html_unescape(&id[1])).collect());
                let fragment = percent_decode_str(&fragment).decode_utf8_lossy().into_owned();
                if !page_ids.contains(&fragment) {
                    broken.push(BrokenLink {
                        page: page.to_string(),
                        link,
                        reason: "no such anchor",
                    });
                }
            }
        }
    }
    broken
}

/// The target of an internal link as a path under the output root, or
/// `None` for links elsewhere (another host, `mailto:`).
fn internal_target(page: &str, link: &str, base_url: &str, base_path: &str) -> Option<String> {
    let link = link.split('?').next().unwrap_or("");
    let path = if let Some(rest) = link.strip_prefix(base_url).filter(|_| base_url.contains("://")) {
        rest.to_string()
    } else if link.contains("://")
        || link.starts_with("//")
        || link.contains(':') && !link.starts_with('/') && !link.starts_with('#')
    {
        return None;
    } else if let Some(rest) = link.strip_prefix(base_path) {
        rest.to_string()
    } else if link.starts_with('/') {
        // An absolute path outside base_url's path: nothing of the site is there.
        return Some(format!("\u{0}{link}"));
    } else if link.starts_with('#') {
        link.to_string()
    } else {
        let folder = page.rsplit_once('/').map_or("", |(folder, _)| folder);
        let mut parts: Vec<&str> = folder.split('/').filter(|part| !part.is_empty()).collect();
        for part in link.split('/') {
            match part {
                ".." => {
                    parts.pop();
                }
                "." => {}
                part => parts.push(part),
            }
        }
        parts.join("/")
    };
    Some(percent_decode_str(&path).decode_utf8_lossy().into_owned())
}

fn html_unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_site_may_not_link_to_a_folder() {
        let files = vec![
            page(
                "2021/a/index.html",
                r##"<a href="../b/">b</a> <a href="../b/index.html">b</a> <a href="#top">t</a> <a href="?q=x">q</a>"##,
            ),
            page("2021/b/index.html", r#"<h2 id="top">x</h2>"#),
        ];
        let broken = check_links(&files, "/", "/", true);
        let links: Vec<&str> = broken.iter().map(|b| b.link.as_str()).collect();
        assert_eq!(links, ["../b/", "#top", "?q=x"]);
        assert!(broken[0].reason.starts_with("names a folder"));
    }

    fn page(path: &str, html: &str) -> OutputFile {
        OutputFile {
            path: path.to_string(),
            contents: Contents::Bytes(html.as_bytes().to_vec()),
        }
    }

    #[test]
    fn finds_missing_pages_and_anchors() {
        let files = vec![
            page(
                "index.html",
                r##"<a href="/tb/2021/">y</a> <a href="/tb/2022/">n</a> <a href="#top">t</a> <a href="/tb/2021/#m4">m</a> <a href="http://other/">o</a> <img src="static/a.png">"##,
            ),
            page("2021/index.html", r#"<h2 id="m4">x</h2>"#),
        ];
        let broken = check_links(&files, "/tb/", "/tb/", false);
        let links: Vec<(&str, &str)> = broken.iter().map(|b| (b.link.as_str(), b.reason)).collect();
        assert_eq!(
            links,
            [
                ("/tb/2022/", "no such file"),
                ("#top", "no such anchor"),
                ("static/a.png", "no such file")
            ]
        );
    }
}
