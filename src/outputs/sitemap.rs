//! `/sitemap.xml` per the sitemaps.org protocol: every page with its
//! `lastmod`; beyond the protocol's 50,000 URLs a sitemap index over
//! several files (`sitemaps/1.xml`, …).

use std::fmt::Write as _;

use crate::link::archive::Archive;
use crate::model::files::{Contents, OutputFile};
use crate::outputs::feeds::permalink;
use crate::support::escape::escape_xml;

/// A page of the site and the date its content last changed.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    pub path: String,
    pub lastmod: jiff::civil::Date,
}

/// The sitemap file(s) for these pages; none when `base_url` names no host
/// (a sitemap of relative URLs would be invalid; the site's load warned).
pub fn sitemap(archive: &Archive, entries: &[SitemapEntry]) -> Vec<OutputFile> {
    if !archive.site.config.has_host() {
        return Vec::new();
    }
    let limit = archive.site.config.sitemap_max_urls;
    if entries.len() <= limit {
        return vec![OutputFile {
            path: "sitemap.xml".to_string(),
            contents: Contents::Bytes(urlset(archive, entries).into_bytes()),
        }];
    }
    let mut files = Vec::new();
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (number, chunk) in entries.chunks(limit).enumerate() {
        let path = format!("sitemaps/{}.xml", number + 1);
        let lastmod = chunk
            .iter()
            .map(|entry| entry.lastmod)
            .max()
            .unwrap_or(jiff::civil::date(2000, 1, 1));
        let _ = writeln!(
            index,
            "  <sitemap><loc>{}</loc><lastmod>{lastmod}</lastmod></sitemap>",
            escape_xml(&permalink(archive, &path))
        );
        files.push(OutputFile {
            path,
            contents: Contents::Bytes(urlset(archive, chunk).into_bytes()),
        });
    }
    index.push_str("</sitemapindex>\n");
    files.push(OutputFile {
        path: "sitemap.xml".to_string(),
        contents: Contents::Bytes(index.into_bytes()),
    });
    files
}

fn urlset(archive: &Archive, entries: &[SitemapEntry]) -> String {
    let mut xml = String::with_capacity(128 + entries.len() * 120);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for entry in entries {
        let _ = writeln!(
            xml,
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>",
            escape_xml(&permalink(archive, &entry.path)),
            entry.lastmod
        );
    }
    xml.push_str("</urlset>\n");
    xml
}
