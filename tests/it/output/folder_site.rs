//! SPEC §11: a site that works from a folder, a share or a USB stick.
//! `build --relative` (or `relative_urls = true`) makes every link relative
//! and name its `index.html`; `--zip` hands the same site over as one
//! archive.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::common::{TestSite, files_in, links_of, stderr, text};

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the sample site with `extra` arguments into a temporary folder,
/// as if on 1 June 2026.
fn build_sample(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let public = crate::common::build_sample_into(&dir.path().join("public"), extra, Some("2026-06-01"));
    (dir, public)
}

/// Every HTML page under `public`, as its path there and its text.
fn pages(public: &Path) -> Vec<(String, String)> {
    files_in(public)
        .into_iter()
        .filter(|path| path.ends_with(".html"))
        .map(|path| {
            let html = std::fs::read_to_string(public.join(&path)).unwrap();
            (path, html)
        })
        .collect()
}

fn percent_decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[test]
fn every_link_of_a_relative_build_names_a_file_that_exists_from_the_page_folder() {
    let (_dir, public) = build_sample(&["--relative"]);
    let pages = pages(&public);
    assert!(pages.len() > 100, "{} pages", pages.len());
    let mut problems = Vec::new();
    let mut followed = 0;
    for (page, html) in &pages {
        let folder = public.join(page).parent().unwrap().to_path_buf();
        for link in links_of(html) {
            if link.contains("://") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            if link.starts_with('/') {
                problems.push(format!("{page}: {link} starts with /"));
                continue;
            }
            let path = link.split(['?', '#']).next().unwrap();
            if path.is_empty() || path.ends_with('/') {
                problems.push(format!("{page}: {link} names a folder, not its index.html"));
                continue;
            }
            let target = folder.join(percent_decoded(path));
            if !target.is_file() {
                problems.push(format!("{page}: {link} → {} does not exist", target.display()));
            }
            followed += 1;
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(followed > 3000, "{followed} links followed");

    // The cases that matter most, by name.
    let notice = std::fs::read_to_string(public.join("2022/61-tb-bdvtu/index.html")).unwrap();
    assert!(notice.contains(r#"<link rel="stylesheet" href="../../static/style.css">"#));
    assert!(notice.contains(r#"<script src="../../static/validity.js">"#));
    assert!(notice.contains(r#"href="luoc-do/index.html""#), "the lược đồ");
    assert!(
        notice.contains(r#"action="../../search/index.html""#),
        "the header's search form"
    );
    let second = std::fs::read_to_string(public.join("page/2/index.html")).unwrap();
    assert!(second.contains(r#"href="../../index.html""#), "back to the first page");
    // Feeds and the sitemap keep absolute URLs: base_url names a host.
    let feed = std::fs::read_to_string(public.join("feed.xml")).unwrap();
    assert!(feed.contains("http://thongbao.intranet/2022/"), "{feed}");
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>http://thongbao.intranet/"));
    // The search page names index.html in its results, served or not.
    let search = std::fs::read_to_string(public.join("search/index.html")).unwrap();
    assert!(search.contains("data-relative"));
}

#[test]
fn relative_urls_in_site_toml_is_the_same_as_the_flag() {
    let (_dir, flagged) = build_sample(&["--relative"]);
    let site = TestSite::new();
    for part in ["content", "themes"] {
        let copied = std::process::Command::new("cp")
            .arg("-r")
            .arg(repository().join(part))
            .arg(site.root())
            .status()
            .unwrap();
        assert!(copied.success());
    }
    let toml = std::fs::read_to_string(repository().join("site.toml")).unwrap();
    site.write("site.toml", format!("relative_urls = true\n{toml}"));
    let output = site.run_as_of(&["build"], "2026-06-01");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let a = pages(&flagged);
    let b = pages(&site.path("public"));
    assert_eq!(a.len(), b.len());
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs");
    }
}

#[test]
fn a_relative_site_without_a_host_has_no_feeds_and_says_so() {
    let site = TestSite::new();
    site.write("site.toml", "title = \"Lưu trữ\"\nrelative_urls = true\n")
        .simple("2024/5-tb.md", "5-TB/VP", "2024-03-01", "Thông báo năm")
        .simple("2024/6-tb.md", "6-TB/VP", "2024-03-02", "Thông báo sáu");
    let output = site.build_ok(&[]);
    let note = stderr(&output);
    assert!(note.contains("no sitemap.xml and no Atom feeds"), "the note: {note}");
    assert!(!site.exists("feed.xml"));
    assert!(!site.exists("sitemap.xml"));
    assert!(!site.exists("issuers/vp/feed.xml"));
    for (page, html) in pages(&site.path("public")) {
        assert!(!html.contains("feed.xml"), "{page} links to a feed that is not there");
        assert!(!html.contains("application/atom+xml"), "{page}");
    }
    // Links under a sub-path of base_url are relative just the same.
    site.write(
        "site.toml",
        "title = \"Lưu trữ\"\nbase_url = \"/luu-tru/\"\nrelative_urls = true\n",
    );
    site.build_ok(&[]);
    let home = site.read("index.html");
    assert!(home.contains(r#"href="2024/5-tb-vp/index.html""#), "{home}");
    assert!(!home.contains("/luu-tru/"), "{home}");
}

/// The names and bytes of every file of a zip archive, read back with
/// Python's zipfile (what a clerk's unzip tool would see).
fn zip_entries(zip: &Path) -> Vec<(String, String)> {
    let script = [
        "import sys, zipfile, hashlib",
        "with zipfile.ZipFile(sys.argv[1]) as z:",
        "    assert z.testzip() is None",
        "    for info in z.infolist():",
        "        print(info.filename, hashlib.sha256(z.read(info)).hexdigest(), info.date_time[:3], oct(info.external_attr >> 16))",
    ]
    .join("\n");
    let output = std::process::Command::new("python3")
        .args(["-c", &script])
        .arg(zip)
        .output()
        .expect("python3 runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let (name, rest) = line.split_once(' ').unwrap();
            (name.to_string(), rest.to_string())
        })
        .collect()
}

fn sha256(path: &Path) -> String {
    let output = std::process::Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn the_zip_holds_the_whole_relative_site_and_is_the_same_bytes_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("luu-tru.zip");
    let (_a, public) = build_sample(&["--relative", "--zip", first.to_str().unwrap()]);
    let second = dir.path().join("lan-hai.zip");
    let (_b, _) = build_sample(&["--relative", "--zip", second.to_str().unwrap()]);
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap(),
        "two builds of the same site give different archives"
    );

    let entries = zip_entries(&first);
    let names: Vec<&str> = entries.iter().map(|(name, _)| name.as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries in name order");
    let files: BTreeSet<String> = files_in(&public).into_iter().collect();
    assert_eq!(
        names.iter().map(|name| name.to_string()).collect::<BTreeSet<_>>(),
        files
    );
    for (name, rest) in &entries {
        let hash = sha256(&public.join(name));
        assert!(rest.starts_with(&hash), "{name}: {rest}");
        // Dated the build's day, readable by all.
        assert!(rest.ends_with("(2026, 6, 1) 0o100644"), "{name}: {rest}");
    }
    assert!(names.contains(&"index.html") && names.contains(&"2022/61-tb-bdvtu/index.html"));
}

#[test]
fn a_zip_inside_the_output_or_not_named_zip_is_refused_before_building() {
    let site = TestSite::new();
    site.simple("2024/5-tb.md", "5-TB/VP", "2024-03-01", "Thông báo năm");
    let inside = site.path("public/site.zip");
    let output = site.run(&["build", "--relative", "--zip", inside.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(
        stderr(&output).contains("cannot go inside the output folder"),
        "{}",
        stderr(&output)
    );
    assert!(!site.exists("index.html"), "nothing was built");

    let named = site.path("site.tar");
    let output = site.run(&["build", "--zip", named.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(stderr(&output).contains("must end in .zip"), "{}", stderr(&output));
    assert!(!named.exists());
}

/// The `file://` address of `path`, as a browser's address bar shows it.
fn file_url(path: &Path) -> String {
    const PATH: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    format!(
        "file://{}",
        percent_encoding::utf8_percent_encode(path.to_str().unwrap(), PATH)
    )
}

/// Whether the page open in `tab` has the site's stylesheet applied.
fn styled(tab: &headless_chrome::Tab) -> bool {
    let value = tab
        .evaluate(
            "getComputedStyle(document.querySelector('.visually-hidden')).position",
            false,
        )
        .unwrap()
        .value;
    value.as_ref().and_then(|value| value.as_str()) == Some("absolute")
}

#[test]
fn the_relative_site_opened_from_disk_browses_cites_pages_and_searches() {
    use crate::common::browser::{follow, open, problems, record_problems, wait_for};
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    // A folder of the kind a clerk copies to a share: a space and marks in
    // its name, some way down.
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Ổ chung/Lưu trữ 2026");
    let (_built, public) = build_sample(&["--relative"]);
    std::fs::create_dir_all(folder.parent().unwrap()).unwrap();
    std::fs::rename(&public, &folder).unwrap();

    let tab = browser.new_tab().unwrap();
    record_problems(&tab);
    let home = file_url(&folder.join("index.html"));
    open(&tab, &home);
    let mut visited = vec![home.clone()];
    let mut check = |tab: &headless_chrome::Tab, what: &str| {
        assert!(styled(tab), "{what}: the stylesheet did not load at {}", tab.get_url());
        let problems = problems(tab);
        assert!(problems.is_empty(), "{what} at {}: {problems:?}", tab.get_url());
        visited.push(tab.get_url());
    };
    check(&tab, "the home page");

    // The second listing page, and a notice from it.
    let second = follow(&tab, "a[rel=next]");
    assert!(second.ends_with("/page/2/index.html"), "{second}");
    check(&tab, "the second page");
    let notice = follow(&tab, "a.register-title");
    assert!(
        notice.starts_with("file://") && notice.ends_with("/index.html"),
        "{notice}"
    );
    check(&tab, "a notice from the second page");

    // A year page from the archive, a notice, and a citation in it.
    follow(&tab, "nav a[href$='archive/index.html']");
    check(&tab, "the archive");
    let year = follow(&tab, "a[href$='2022/index.html']");
    assert!(year.ends_with("/2022/index.html"), "{year}");
    check(&tab, "the year page");
    let notice = follow(&tab, "a.register-title[href*='61-tb-bdvtu']");
    check(&tab, "the notice 61-TB/BDVTU");
    let cited = follow(&tab, "a.citation");
    assert!(cited.ends_with("/2021/246-cv-tu/index.html"), "{notice} cites {cited}");
    check(&tab, "the cited notice");
    let diagram = follow(&tab, "a[href='luoc-do/index.html']");
    assert!(diagram.ends_with("/2021/246-cv-tu/luoc-do/index.html"), "{diagram}");
    check(&tab, "the lược đồ");

    // The header's search box, then a result.
    tab.evaluate(
        "window.thongbaoTestOldPage = true; document.getElementById('site-search-q').value = 'dan van kheo'; document.querySelector('form.site-search').requestSubmit()",
        false,
    )
    .unwrap();
    wait_for(
        &tab,
        "!window.thongbaoTestOldPage && document.querySelectorAll('.search-title').length",
        "search results from disk",
        |value| (value.as_u64()? > 0).then_some(()),
    );
    assert!(
        tab.get_url().contains("/search/index.html?q=dan+van+kheo"),
        "{}",
        tab.get_url()
    );
    check(&tab, "the search page");
    let result = follow(&tab, ".search-title");
    assert!(
        result.starts_with("file://") && result.ends_with("/index.html"),
        "{result}"
    );
    let title = tab
        .evaluate("document.querySelector('h1').textContent", false)
        .unwrap()
        .value
        .unwrap();
    assert!(title.as_str().unwrap().to_lowercase().contains("dân vận"), "{title}");
    check(&tab, "a search result");
    assert!(visited.iter().all(|page| page.starts_with("file://")), "{visited:?}");

    // Opened from disk, the pages are as accessible as served ones.
    let Some(axe) = super::print_and_accessibility::axe_core() else {
        return;
    };
    let mut report = Vec::new();
    for page in [&home, &notice, &diagram, &second] {
        open(&tab, page);
        let violations = super::print_and_accessibility::axe_violations(&tab, &axe);
        if violations != "[]" {
            report.push(format!("{page}: {violations}"));
        }
    }
    assert!(report.is_empty(), "axe-core found:\n{}", report.join("\n"));
}
