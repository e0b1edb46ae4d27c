//! The pages of SPEC §4: every kind of page, pagination, base_url,
//! languages, themes, determinism, and what a failed build leaves behind.

use crate::common::{TestSite, stderr, text};

/// Three issuers over two years; paginate_by 2 so listings paginate.
fn archive() -> TestSite {
    let site = TestSite::new();
    site.write("site.toml", "title = \"Kho thông báo\"\npaginate_by = 2\n");
    let notices = [
        (
            "2020/a.md",
            "10-TB/BDVTU",
            "2020-05-04",
            "Ban Dân vận Tỉnh ủy",
            "Võ Thanh An",
            "[\"Dân vận khéo\"]",
        ),
        (
            "2021/b.md",
            "45-TB/BDVTU",
            "2021-04-12",
            "Ban Dân vận Tỉnh ủy",
            "Võ Thanh An",
            "[\"Dân vận khéo\", \"Quy chế dân chủ ở cơ sở\"]",
        ),
        (
            "2021/c.md",
            "46-TB/BDVTU",
            "2021-04-12",
            "Ban Dân vận Tỉnh ủy",
            "Võ Thanh An",
            "[]",
        ),
        (
            "2021/d.md",
            "12/TB-UBND",
            "2021-06-01",
            "Ủy ban nhân dân tỉnh",
            "Đặng Văn Minh",
            "[\"Cải cách hành chính\"]",
        ),
        (
            "2021/e.md",
            "246-CV/TU",
            "2021-02-08",
            "Ban Thường vụ Tỉnh ủy",
            "Nguyễn Thị Hạnh",
            "[\"dân vận khéo\"]",
        ),
    ];
    for (file, number, date, issuer, signer, tags) in notices {
        site.notice(
            file,
            &format!("title = \"Kết luận {number}\"\nnumber = \"{number}\"\ndate = {date}\nissuer = \"{issuer}\"\nsigner = \"{signer}\"\nsigner_title = \"Trưởng Ban\"\nplace = \"Quảng Ngãi\"\nrecipients = [\"Sở Nội vụ\", \"Lưu VP\"]\ntags = {tags}"),
            "## I. Kết quả\n\nNội dung **chính**.\n",
        );
    }
    site
}

/// The notice titles of a listing page, in order.
fn titles(page: &str) -> Vec<String> {
    page.match_indices("class=\"register-title\"")
        .map(|(at, _)| {
            let rest = &page[at..];
            let start = rest.find('>').unwrap() + 1;
            let end = rest.find("</a>").unwrap();
            rest[start..end].to_string()
        })
        .collect()
}

#[test]
fn every_page_kind_is_written() {
    let site = archive();
    let output = site.build_ok(&[]);
    for page in [
        "index.html",
        "page/2/index.html",
        "page/3/index.html",
        "2021/45-tb-bdvtu/index.html",
        "2021/12-tb-ubnd/index.html",
        "2020/index.html",
        "2021/index.html",
        "2021/page/2/index.html",
        "archive/index.html",
        "issuers/index.html",
        "issuers/ban-dan-van-tinh-uy/index.html",
        "issuers/ban-dan-van-tinh-uy/page/2/index.html",
        "kinds/index.html",
        "kinds/thong-bao-ket-luan/index.html",
        "tags/index.html",
        "tags/dan-van-kheo/index.html",
        "tags/quy-che-dan-chu-o-co-so/index.html",
        "signers/index.html",
        "signers/vo-thanh-an/index.html",
        "404.html",
        "static/style.css",
    ] {
        assert!(site.exists(page), "missing {page}");
    }
    assert!(!site.exists("page/4/index.html"));
    let summary = String::from_utf8_lossy(&output.stdout);
    assert!(summary.starts_with("Built 5 notices, "), "{summary}");
    assert!(summary.contains(" pages in "), "{summary}");
}

#[test]
fn listings_are_newest_first_and_paginated() {
    let site = archive();
    site.build_ok(&[]);
    assert_eq!(
        titles(&site.read("index.html")),
        ["Kết luận 12/TB-UBND", "Kết luận 46-TB/BDVTU"]
    );
    assert_eq!(
        titles(&site.read("page/2/index.html")),
        ["Kết luận 45-TB/BDVTU", "Kết luận 246-CV/TU"]
    );
    assert_eq!(titles(&site.read("page/3/index.html")), ["Kết luận 10-TB/BDVTU"]);
    let home = site.read("index.html");
    assert!(home.contains(r#"href="/page/2/""#));
    assert!(home.contains(r#"href="/page/3/""#));
    let second = site.read("page/2/index.html");
    assert!(second.contains(r#"href="/" rel="prev""#), "{second}");
    assert!(second.contains(r#"href="/page/3/" rel="next""#));
}

#[test]
fn year_pages_group_by_month() {
    let site = archive();
    site.build_ok(&[]);
    let year = site.read("2021/index.html");
    let june = year.find("Tháng 6").expect("June heading");
    let april = year.find("Tháng 4").expect("April heading");
    assert!(june < april, "months newest first");
    assert_eq!(titles(&year), ["Kết luận 12/TB-UBND", "Kết luận 46-TB/BDVTU"]);
    assert_eq!(
        titles(&site.read("2021/page/2/index.html")),
        ["Kết luận 45-TB/BDVTU", "Kết luận 246-CV/TU"]
    );
}

#[test]
fn archive_page_counts_every_year() {
    let site = archive();
    site.build_ok(&[]);
    let archive = site.read("archive/index.html");
    assert!(archive.contains(r#"<a href="/2021/">2021</a></th>"#), "{archive}");
    assert!(archive.contains(r#"<a href="/2020/">2020</a></th>"#));
    assert!(archive.find("/2021/").unwrap() < archive.find("/2020/").unwrap());
    assert!(archive.contains("<td>4</td>"));
}

#[test]
fn taxonomies_list_terms_and_merge_spellings() {
    let site = archive();
    site.build_ok(&[]);
    let tags = site.read("tags/index.html");
    assert!(
        tags.contains(r#"<a href="/tags/dan-van-kheo/">Dân vận khéo</a> <span class="count">3</span>"#),
        "{tags}"
    );
    let issuers = site.read("issuers/index.html");
    for issuer in ["Ban Dân vận Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "Ủy ban nhân dân tỉnh"] {
        assert!(issuers.contains(issuer), "{issuer}");
    }
    let term = site.read("signers/vo-thanh-an/index.html");
    assert_eq!(titles(&term), ["Kết luận 46-TB/BDVTU", "Kết luận 45-TB/BDVTU"]);
    assert!(term.contains(r#"href="/signers/vo-thanh-an/page/2/""#));
}

#[test]
fn a_notice_page_shows_the_document() {
    let site = archive();
    site.build_ok(&[]);
    let page = site.read("2021/45-tb-bdvtu/index.html");
    assert!(page.contains(r#"<html lang="vi">"#));
    assert!(page.contains("ngày 12 tháng 4 năm 2021"));
    assert!(page.contains("Quảng Ngãi, ngày 12 tháng 4 năm 2021"));
    assert!(page.contains("Số 45-TB/BDVTU"));
    assert!(page.contains("ĐẢNG CỘNG SẢN VIỆT NAM"));
    assert!(page.contains("TRƯỞNG BAN"));
    assert!(page.contains("<li>Sở Nội vụ</li>"));
    assert!(page.contains(r#"<h2 id="i-ket-qua">I. Kết quả</h2>"#));
    assert!(page.contains("<strong>chính</strong>"));
    assert!(page.contains(r#"href="/issuers/ban-dan-van-tinh-uy/""#));
    assert!(page.contains(r#"href="/tags/quy-che-dan-chu-o-co-so/""#));
    // State style for a State number.
    let state = site.read("2021/12-tb-ubnd/index.html");
    assert!(state.contains("Số: 12/TB-UBND"));
    assert!(state.contains("Độc lập - Tự do - Hạnh phúc"));
}

#[test]
fn site_toml_can_force_the_paper_layout() {
    let site = archive();
    site.write("site.toml", "document_style = \"state\"\n");
    site.build_ok(&[]);
    let page = site.read("2021/45-tb-bdvtu/index.html");
    assert!(page.contains("Số: 45-TB/BDVTU"), "{page}");
    assert!(page.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    site.write("site.toml", "document_style = \"party\"\n");
    site.build_ok(&[]);
    assert!(
        site.read("2021/12-tb-ubnd/index.html")
            .contains("ĐẢNG CỘNG SẢN VIỆT NAM")
    );
    site.write("site.toml", "document_style = \"mixed\"\n");
    assert_eq!(site.build().status.code(), Some(1));
}

#[test]
fn base_url_sub_path_is_used_by_every_link() {
    let site = archive();
    site.write(
        "site.toml",
        "paginate_by = 2\nbase_url = \"http://intranet.local/thongbao\"\n",
    );
    site.build_ok(&[]);
    for page in [
        "index.html",
        "2021/45-tb-bdvtu/index.html",
        "tags/dan-van-kheo/index.html",
        "archive/index.html",
        "404.html",
    ] {
        let html = site.read(page);
        for (at, _) in html.match_indices("href=\"") {
            let link = &html[at + 6..];
            let link = &link[..link.find('"').unwrap()];
            assert!(
                link.starts_with("/thongbao/") || link.starts_with('#'),
                "{page}: {link}"
            );
        }
    }
    assert!(site.read("index.html").contains(r#"href="/thongbao/static/style.css""#));

    // --base-url overrides site.toml.
    site.build_ok(&["--base-url", "/vanban/"]);
    assert!(site.read("index.html").contains(r#"href="/vanban/page/2/""#));
}

#[test]
fn english_ui_with_language_en() {
    let site = archive();
    site.write("site.toml", "language = \"en\"\n");
    site.build_ok(&[]);
    let page = site.read("2021/45-tb-bdvtu/index.html");
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains("April 12, 2021"));
    assert!(page.contains("About this notice"));
    assert!(site.read("2021/index.html").contains("April"));
}

#[test]
fn builds_are_deterministic() {
    let site = archive();
    site.build_ok(&[]);
    let first = site.snapshot("public");
    site.build_ok(&[]);
    let second = site.snapshot("public");
    assert!(first.len() > 20);
    assert!(first == second, "the two builds differ");
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let site = archive();
    site.build_ok(&[]);
    let before = site.snapshot("public");
    site.write(
        "content/2021/broken.md",
        "+++\ntitle = \"Broken\"\ndate = 2021-02-30\n+++\n",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let after = site.snapshot("public");
    assert!(before == after, "public/ changed after a failed build");
    // No staging folder is left behind either.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().contains("thongbao-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_template_error_fails_the_build_naming_file_and_line() {
    let site = archive();
    site.build_ok(&[]);
    let before = site.read("index.html");
    site.write(
        "templates/notice.html",
        "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ notice.titel }}</h1>\n{% endblock %}\n",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let err = stderr(&output);
    assert!(err.contains("templates/notice.html:3:"), "{err}");
    assert!(err.contains("undefined"), "{err}");
    assert_eq!(site.read("index.html"), before);
}

#[test]
fn site_templates_override_single_theme_templates() {
    let site = archive();
    site.write(
        "templates/404.html",
        "<!DOCTYPE html><html lang=\"vi\"><title>x</title><p>Không có trang {{ site.title }}</p></html>\n",
    );
    site.build_ok(&[]);
    assert!(site.read("404.html").contains("Không có trang Kho thông báo"));
    // The other templates are still the theme's.
    assert!(site.read("index.html").contains("register-title"));
}

#[test]
fn a_site_theme_replaces_the_built_in_one() {
    let site = archive();
    site.write("site.toml", "theme = \"plain\"\n");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("theme \"plain\" not found"));

    site.write("themes/plain/templates/index.html", "x");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("theme \"plain\" has no template notice.html, year.html"),
        "{}",
        stderr(&output)
    );

    for name in [
        "index", "notice", "year", "archive", "taxonomy", "term", "search", "404", "base",
    ] {
        site.write(
            &format!("themes/plain/templates/{name}.html"),
            format!("<!DOCTYPE html><html lang=\"vi\"><title>{name}</title></html>\n"),
        );
    }
    site.write("themes/plain/static/plain.css", "body{}");
    site.build_ok(&[]);
    assert!(site.read("index.html").contains("<title>index</title>"));
    assert!(site.exists("static/plain.css"));
    assert!(!site.exists("static/style.css"));
}

#[test]
fn raw_html_is_escaped_unless_allowed() {
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"X\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01",
        "<script>alert(1)</script>\n\nA <span class=\"x\">b</span>",
    );
    site.build_ok(&[]);
    let page = site.read("2021/1-tb-x/index.html");
    assert!(!page.contains("<script>"), "{page}");
    assert!(page.contains("&lt;script&gt;"));
    site.write("site.toml", "allow_html = true\n");
    site.build_ok(&[]);
    assert!(
        site.read("2021/1-tb-x/index.html")
            .contains("<span class=\"x\">b</span>")
    );
}

#[test]
fn check_writes_nothing() {
    let site = archive();
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("Checked 5 notices"));
    assert!(!site.path("public").exists());
}

#[test]
fn dangerous_output_folders_are_refused() {
    let site = archive();
    let root = site.root().to_str().unwrap().to_string();
    let output = site.run(&["build", "--output", &root]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(stderr(&output).contains("site's own folder"));

    site.write("other/content/keep.md", "x");
    let other = site.path("other");
    let output = site.run(&["build", "--output", other.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("holds a content/ folder"));

    site.write("mine/notes.txt", "my own file");
    let mine = site.path("mine");
    let output = site.run(&["build", "--output", mine.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("files thongbao did not make"));
    assert!(mine.join("notes.txt").exists());

    let output = site.run(&["build", "--force", "--output", mine.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(mine.join("index.html").exists());
    assert!(!mine.join("notes.txt").exists());
}

#[test]
fn an_output_is_recognised_by_its_generator_meta_or_its_records() {
    let site = archive();
    site.build_ok(&[]);
    // Copied to another machine (no records): the meta says whose it is.
    std::fs::remove_dir_all(site.cache()).unwrap();
    site.build_ok(&[]);
    // A theme whose home page has no generator meta: the records say the
    // output is this build's own...
    site.write(
        "templates/index.html",
        "<!DOCTYPE html><html lang=\"vi\"><head><title>T</title></head><body><p>T</p></body></html>\n",
    );
    site.build_ok(&[]);
    assert!(!site.read("index.html").contains("generator"));
    site.build_ok(&[]);
    // ... and without them, nothing does: refused, and left as it is.
    std::fs::remove_dir_all(site.cache()).unwrap();
    let output = site.build();
    assert_eq!(output.status.code(), Some(2), "{}", text(&output));
    assert!(stderr(&output).contains("files thongbao did not make"));
    assert!(site.exists("2021/45-tb-bdvtu/index.html"));
    site.build_ok(&["--force"]);
}

#[test]
fn usage_errors_exit_with_status_2() {
    let site = TestSite::new();
    let output = site.run(&["build", "--no-such-flag"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn pages_are_html5_with_lang_and_load_nothing_from_elsewhere() {
    let site = archive();
    site.build_ok(&[]);
    for file in site.files("public").into_iter().filter(|file| file.ends_with(".html")) {
        let html = site.read(&file);
        assert!(html.starts_with("<!DOCTYPE html>"), "{file}");
        assert!(html.contains("<html lang=\"vi\">"), "{file}");
        for attribute in ["src=\"", "href=\""] {
            for (at, _) in html.match_indices(attribute) {
                let value = &html[at + attribute.len()..];
                let value = &value[..value.find('"').unwrap()];
                assert!(!value.contains("//"), "{file} loads {value} from elsewhere");
            }
        }
    }
}

#[test]
fn an_empty_site_builds() {
    let site = TestSite::new();
    site.build_ok(&[]);
    for page in [
        "index.html",
        "archive/index.html",
        "tags/index.html",
        "search/index.html",
        "404.html",
        "feed.xml",
        "notices.json",
    ] {
        assert!(site.exists(page), "{page}");
    }
    // No host in base_url: no sitemap rather than an invalid one.
    assert!(!site.exists("sitemap.xml"));
    assert!(site.read("index.html").contains("Chưa có văn bản nào."));
    let output = site.run(&["check", "--links"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}
