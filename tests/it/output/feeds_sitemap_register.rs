//! The machine-readable outputs: Atom feeds, the sitemap (and its index
//! beyond the limit), notices.json, and the internal link check; the feeds
//! and sitemap validated by real tools (xmllint with the sitemaps.org
//! schema, Python's feedparser).

use std::path::Path;
use std::process::Command;

use crate::common::{TestSite, stderr, text, tool};

fn archive() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "base_url = \"http://intranet.local/tb/\"\nfeed_limit = 3\n",
    );
    for (file, number, date, issuer) in [
        ("a.md", "1-TB/X", "2020-01-05", "Ban Dân vận Tỉnh ủy"),
        ("b.md", "2-TB/X", "2021-03-01", "Ban Dân vận Tỉnh ủy"),
        ("c.md", "3/TB-UBND", "2021-06-01", "Ủy ban nhân dân tỉnh"),
        ("d.md", "4-TB/X", "2022-02-02", "Ban Dân vận Tỉnh ủy"),
        ("e.md", "5-TB/X", "2022-09-09", "Ban Dân vận Tỉnh ủy"),
    ] {
        site.notice(
            file,
            &format!("title = \"Thông báo {number} & <b>\"\nnumber = \"{number}\"\ndate = {date}\nissuer = \"{issuer}\"\ntags = [\"Dân vận\"]"),
            "Tóm tắt đầu tiên.\n\nĐoạn hai.",
        );
    }
    site
}

/// The values of `<tag>` elements in order.
fn elements(xml: &str, tag: &str) -> Vec<String> {
    xml.split(&format!("<{tag}>"))
        .skip(1)
        .map(|rest| rest[..rest.find(&format!("</{tag}>")).unwrap()].to_string())
        .collect()
}

#[test]
fn the_site_feed_holds_the_newest_notices_first() {
    let site = archive();
    site.build_ok(&[]);
    let feed = site.read("feed.xml");
    assert!(
        feed.starts_with("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"")
    );
    let titles = elements(&feed, "title");
    assert_eq!(
        titles[1..],
        [
            "5-TB/X · Thông báo 5-TB/X &amp; &lt;b&gt;",
            "4-TB/X · Thông báo 4-TB/X &amp; &lt;b&gt;",
            "3/TB-UBND · Thông báo 3/TB-UBND &amp; &lt;b&gt;"
        ]
    );
    let ids = elements(&feed, "id");
    assert_eq!(
        ids[1], "http://intranet.local/tb/2022/5-tb-x/",
        "entry ids are permalinks"
    );
    assert!(feed.contains("<updated>2022-09-09T00:00:00+07:00</updated>"));
    assert!(feed.contains("<summary>Tóm tắt đầu tiên.</summary>"));
    assert!(feed.contains("<author><name>Ban Dân vận Tỉnh ủy</name></author>"));
    assert!(feed.contains("<category term=\"5-TB/X\" label=\"Số, ký hiệu\"/>"));
    // Linked from every page.
    assert!(site.read("index.html").contains(
        r#"<link rel="alternate" type="application/atom+xml" title="Thông báo kết luận" href="/tb/feed.xml">"#
    ));
}

#[test]
fn every_issuer_has_its_own_feed_linked_from_its_page() {
    let site = archive();
    site.build_ok(&[]);
    let state = site.read("issuers/uy-ban-nhan-dan-tinh/feed.xml");
    assert_eq!(elements(&state, "title").len(), 2, "the feed title and one entry");
    assert!(state.contains("3/TB-UBND"));
    assert!(!state.contains("5-TB/X"));
    let page = site.read("issuers/uy-ban-nhan-dan-tinh/index.html");
    assert!(page.contains(r#"href="/tb/issuers/uy-ban-nhan-dan-tinh/feed.xml""#));
}

#[test]
fn the_sitemap_lists_every_page_with_lastmod() {
    let site = archive();
    site.build_ok(&[]);
    let sitemap = site.read("sitemap.xml");
    let locs = elements(&sitemap, "loc");
    let pages = site
        .files("public")
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .count();
    assert_eq!(locs.len(), pages, "every page but 404.html");
    assert!(locs.contains(&"http://intranet.local/tb/2022/5-tb-x/".to_string()));
    assert!(
        sitemap.contains("<url><loc>http://intranet.local/tb/2022/5-tb-x/</loc><lastmod>2022-09-09</lastmod></url>")
    );
    assert!(sitemap.contains("<url><loc>http://intranet.local/tb/</loc><lastmod>2022-09-09</lastmod></url>"));
    assert!(!sitemap.contains("404"));
}

#[test]
fn beyond_the_limit_the_sitemap_becomes_an_index() {
    let site = archive();
    site.write(
        "site.toml",
        "base_url = \"http://intranet.local/tb/\"\nsitemap_max_urls = 5\n",
    );
    site.build_ok(&[]);
    let index = site.read("sitemap.xml");
    assert!(index.contains("<sitemapindex"));
    let parts = elements(&index, "loc");
    let pages = site
        .files("public")
        .into_iter()
        .filter(|f| f.ends_with("index.html"))
        .count();
    assert_eq!(parts.len(), pages.div_ceil(5));
    let mut listed = 0;
    for (number, loc) in parts.iter().enumerate() {
        assert_eq!(loc, &format!("http://intranet.local/tb/sitemaps/{}.xml", number + 1));
        let part = site.read(&format!("sitemaps/{}.xml", number + 1));
        listed += elements(&part, "loc").len();
        assert!(elements(&part, "loc").len() <= 5);
    }
    assert_eq!(listed, pages);
}

#[test]
fn notices_json_round_trips_the_front_matter_of_every_sample_notice() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = assert_cmd::Command::cargo_bin("thongbao")
        .unwrap()
        .args(["build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(dir.path().join("p"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", text(&output));
    let read_json = |path: &str| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("p").join(path)).unwrap()).unwrap()
    };
    let index = read_json("notices.json");
    assert_eq!(index["version"], 4);
    // One record per published notice in notices.json itself, newest first.
    let mut records = std::collections::HashMap::new();
    let all = index["notices"].as_array().unwrap();
    for record in all {
        records.insert(record["source"].as_str().unwrap().to_string(), record.clone());
    }
    assert_eq!(records.len(), all.len(), "one record per notice");
    assert_eq!(records.len() as u64, index["count"].as_u64().unwrap());
    let dates: Vec<&str> = all.iter().map(|record| record["date"].as_str().unwrap()).collect();
    assert!(dates.is_sorted_by(|a, b| a >= b), "{dates:?}");
    // The yearly files hold the same records.
    let mut in_years = Vec::new();
    for year in index["years"].as_array().unwrap() {
        let part = read_json(year["url"].as_str().unwrap().trim_start_matches('/'));
        assert_eq!(part["year"], year["year"]);
        in_years.extend(part["notices"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(&in_years, all);
    let config: toml::Table = toml::from_str(&std::fs::read_to_string(root.join("site.toml")).unwrap()).unwrap();
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.path().extension().is_none_or(|ext| ext != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let front: toml::Table = toml::from_str(text.split("+++").nth(1).unwrap()).unwrap();
        let source = entry.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if front.get("draft").and_then(|d| d.as_bool()) == Some(true) {
            assert!(!records.contains_key(&source), "drafts are not published");
            continue;
        }
        let record = &records[&source];
        for (key, value) in &front {
            if key == "tasks" {
                // The record's tasks are those found with the front
                // matter's put in (docs/tasks.md): at least as many.
                let tables = value.as_array().map_or(0, Vec::len);
                assert!(record["tasks"].as_array().unwrap().len() >= tables, "{source}: tasks");
                continue;
            }
            let expected: serde_json::Value = match value {
                toml::Value::Datetime(date) => serde_json::Value::String(date.to_string()),
                other => serde_json::to_value(other).unwrap(),
            };
            assert_eq!(record[key.as_str()], expected, "{source}: {key}");
        }
        if !front.contains_key("kind") {
            assert_eq!(record["kind"], config["default_kind"].as_str().unwrap());
        }
        assert!(record["url"].as_str().unwrap().starts_with('/'));
        compared += 1;
    }
    assert!(compared >= 12);
    let seed = &records["content/2021/ket-luan-truc-bao-quy-i-2021.md"];
    assert!(
        seed["cites"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["number"] == "246-CV/TU" && c["url"] == "/2021/246-cv-tu/")
    );
    assert!(
        seed["cites"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["number"] == "120-KL/TW" && c["url"].is_null())
    );
}

#[test]
fn check_links_reports_links_that_lead_nowhere() {
    let site = archive();
    let output = site.run(&["check", "--links"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    site.write("templates/404.html", "<!DOCTYPE html><html lang=\"vi\"><title>x</title><a href=\"{{ url('khong-co/') }}\">x</a><a href=\"{{ url('2022/5-tb-x/') }}#khong-co\">y</a></html>\n");
    let output = site.run(&["check", "--links"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("broken link on /404.html: /tb/khong-co/ (no such file)"),
        "{err}"
    );
    assert!(
        err.contains("broken link on /404.html: /tb/2022/5-tb-x/#khong-co (no such anchor)"),
        "{err}"
    );
}

#[test]
fn the_sample_site_links_all_resolve() {
    let output = assert_cmd::Command::cargo_bin("thongbao")
        .unwrap()
        .args(["check", "--links", "--root", env!("CARGO_MANIFEST_DIR")])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Every link of"));
}

#[test]
fn without_a_host_there_is_no_sitemap_and_one_warning() {
    let site = archive();
    site.write("site.toml", "title = \"T\"\nbase_url = \"/tb/\"\n");
    let output = site.build_ok(&[]);
    let err = stderr(&output);
    assert_eq!(err.matches("names no host").count(), 1, "{err}");
    assert!(err.contains("`base_url` \"/tb/\""), "{err}");
    assert!(err.contains("site.toml:2:12"), "{err}");
    assert!(err.contains("help: set base_url = \"http://"), "{err}");
    assert!(!site.exists("sitemap.xml"));
    // A host given on the command line: the sitemap is back.
    let output = site.build_ok(&["--base-url", "http://intranet.local/tb/"]);
    assert!(!stderr(&output).contains("names no host"), "{}", stderr(&output));
    assert!(
        site.read("sitemap.xml")
            .contains("<loc>http://intranet.local/tb/</loc>")
    );
    // And a host-less one there names the flag.
    let output = site.build_ok(&["--base-url", "/x/"]);
    assert!(stderr(&output).contains("in --base-url"), "{}", stderr(&output));
    assert!(!site.exists("sitemap.xml"));
}

#[test]
fn feeds_and_sitemaps_pass_real_validators() {
    let site = archive();
    site.build_ok(&[]);
    let public = site.path("public");
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas");
    if tool("xmllint", &["--version"]) {
        let check = |file: &str, schema: &str| {
            let output = Command::new("xmllint")
                .args(["--noout", "--schema"])
                .arg(schemas.join(schema))
                .arg(public.join(file))
                .output()
                .unwrap();
            assert!(output.status.success(), "{file}: {}", text(&output));
        };
        check("sitemap.xml", "sitemap.xsd");
        for feed in ["feed.xml", "issuers/ban-dan-van-tinh-uy/feed.xml"] {
            let output = Command::new("xmllint")
                .arg("--noout")
                .arg(public.join(feed))
                .output()
                .unwrap();
            assert!(
                output.status.success(),
                "{feed} is not well-formed XML: {}",
                text(&output)
            );
        }
        site.write(
            "site.toml",
            "base_url = \"http://intranet.local/tb/\"\nsitemap_max_urls = 5\n",
        );
        site.build_ok(&[]);
        check("sitemap.xml", "siteindex.xsd");
        check("sitemaps/1.xml", "sitemap.xsd");
    }
    if tool("xmllint", &["--version"]) {
        // The sample site has a host: its sitemap is made, and valid.
        let dir = tempfile::tempdir().unwrap();
        let output = assert_cmd::Command::cargo_bin("thongbao")
            .unwrap()
            .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
            .arg(dir.path().join("p"))
            .env("THONGBAO_CACHE_DIR", dir.path().join("cache"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output));
        assert!(!text(&output).contains("base_url"), "{}", text(&output));
        let sitemap = dir.path().join("p/sitemap.xml");
        assert!(std::fs::read_to_string(&sitemap).unwrap().contains("<loc>http://"));
        let output = Command::new("xmllint")
            .args(["--noout", "--schema"])
            .arg(schemas.join("sitemap.xsd"))
            .arg(&sitemap)
            .output()
            .unwrap();
        assert!(output.status.success(), "sample sitemap: {}", text(&output));
    }
    if tool("python3", &["-c", "import feedparser"]) {
        let script = "import sys, feedparser\nfor path in sys.argv[1:]:\n    feed = feedparser.parse(path)\n    if feed.bozo or feed.version != 'atom10' or not feed.entries:\n        sys.exit(f'{path}: {feed.version} {feed.get(\"bozo_exception\")}')\n    for entry in feed.entries:\n        assert entry.id and entry.link and entry.title and entry.updated_parsed, entry\n";
        let output = Command::new("python3")
            .args(["-c", script])
            .arg(public.join("feed.xml"))
            .arg(public.join("issuers/uy-ban-nhan-dan-tinh/feed.xml"))
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", text(&output));
    }
}
