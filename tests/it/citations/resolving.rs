//! SPEC §5 on built sites: citations become links to the right notice when
//! numbers repeat across years and terms, backlinks and supersession show on
//! both pages, and documents outside the archive are listed by `check`.

use crate::common::{TestSite, stderr, text};

/// The href of the citation link whose text is `number` on a page.
fn citation_href(page: &str, number: &str) -> Option<String> {
    let marker = format!(">{number}</a>");
    let end = page.find(&marker)?;
    let start = page[..end].rfind("<a ")?;
    let tag = &page[start..end];
    if !tag.contains("class=\"citation") {
        return None;
    }
    let href = &tag[tag.find("href=\"")? + 6..];
    Some(href[..href.find('"').unwrap()].to_string())
}

/// A Party committee whose numbering restarted with a new term in 2020, and
/// a State body whose numbering restarts every year.
fn repeated_numbers() -> TestSite {
    let site = TestSite::new();
    site.simple("2020/a.md", "3-TB/TU", "2020-03-02", "Khóa XIX, số 3");
    site.notice(
        "2020/b.md",
        "title = \"Khóa XX, số 3\"\nnumber = \"3-TB/TU\"\ndate = 2020-11-02\nslug = \"3-tb-tu-khoa-xx\"",
        "x",
    );
    site.simple("2021/c.md", "12/TB-UBND", "2021-03-15", "UBND 2021 số 12");
    site.simple("2022/d.md", "12/TB-UBND", "2022-01-20", "UBND 2022 số 12");
    site
}

#[test]
fn dated_citations_resolve_by_number_and_date() {
    let site = repeated_numbers();
    site.notice(
        "2023/x.md",
        "title = \"X\"\nnumber = \"1-TB/X\"\ndate = 2023-05-01",
        "Theo Thông báo số 12/TB-UBND ngày 15/3/2021 và Thông báo số 3-TB/TU ngày 02/3/2020.",
    );
    site.build_ok(&[]);
    let page = site.read("2023/1-tb-x/index.html");
    assert_eq!(
        citation_href(&page, "12/TB-UBND").as_deref(),
        Some("/2021/12-tb-ubnd/"),
        "{page}"
    );
    assert_eq!(citation_href(&page, "3-TB/TU").as_deref(), Some("/2020/3-tb-tu/"));
}

#[test]
fn undated_citations_take_the_newest_notice_on_or_before_the_citing_date() {
    let site = repeated_numbers();
    site.notice(
        "2021/y.md",
        "title = \"Y\"\nnumber = \"2-TB/X\"\ndate = 2021-12-31",
        "Thực hiện Thông báo số 12/TB-UBND.",
    );
    site.notice(
        "2022/z.md",
        "title = \"Z\"\nnumber = \"3-TB/X\"\ndate = 2022-06-01",
        "Thực hiện Thông báo số 12/TB-UBND.",
    );
    site.notice(
        "2020/w.md",
        "title = \"W\"\nnumber = \"4-TB/X\"\ndate = 2020-06-01",
        "Theo Thông báo số 3-TB/TU.",
    );
    site.notice(
        "2020/v.md",
        "title = \"V\"\nnumber = \"5-TB/X\"\ndate = 2020-12-01",
        "Theo Thông báo số 3-TB/TU.",
    );
    site.build_ok(&[]);
    assert_eq!(
        citation_href(&site.read("2021/2-tb-x/index.html"), "12/TB-UBND").as_deref(),
        Some("/2021/12-tb-ubnd/")
    );
    assert_eq!(
        citation_href(&site.read("2022/3-tb-x/index.html"), "12/TB-UBND").as_deref(),
        Some("/2022/12-tb-ubnd/")
    );
    assert_eq!(
        citation_href(&site.read("2020/4-tb-x/index.html"), "3-TB/TU").as_deref(),
        Some("/2020/3-tb-tu/")
    );
    assert_eq!(
        citation_href(&site.read("2020/5-tb-x/index.html"), "3-TB/TU").as_deref(),
        Some("/2020/3-tb-tu-khoa-xx/")
    );
}

#[test]
fn a_wrong_date_falls_back_to_the_same_year_with_a_warning() {
    let site = repeated_numbers();
    site.notice(
        "2023/x.md",
        "title = \"X\"\nnumber = \"1-TB/X\"\ndate = 2023-05-01",
        "Theo Thông báo số 12/TB-UBND ngày 16/3/2021.",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let err = stderr(&output);
    assert!(err.contains("warning: 12/TB-UBND is cited as dated 2021-03-16, but the archive's 12/TB-UBND of that year is dated 2021-03-15"), "{err}");
    assert!(err.contains("content/2023/x.md:7:19"), "{err}");
    site.build_ok(&[]);
    assert_eq!(
        citation_href(&site.read("2023/1-tb-x/index.html"), "12/TB-UBND").as_deref(),
        Some("/2021/12-tb-ubnd/")
    );
}

#[test]
fn citations_are_case_insensitive_and_cross_line_breaks() {
    let site = TestSite::new();
    site.simple("a.md", "45-TB/BDVTU", "2021-04-12", "Đích");
    site.notice(
        "b.md",
        "title = \"B\"\nnumber = \"2-TB/X\"\ndate = 2021-05-01",
        "Theo thông báo số 45-tb/bdvtu\nngày 12/4/2021 của Ban.",
    );
    site.build_ok(&[]);
    assert_eq!(
        citation_href(&site.read("2021/2-tb-x/index.html"), "45-tb/bdvtu").as_deref(),
        Some("/2021/45-tb-bdvtu/")
    );
}

#[test]
fn code_and_existing_links_are_left_alone() {
    let site = TestSite::new();
    site.simple("a.md", "45-TB/BDVTU", "2021-04-12", "Đích");
    site.notice(
        "b.md",
        "title = \"B\"\nnumber = \"2-TB/X\"\ndate = 2021-05-01",
        "Mã `45-TB/BDVTU` trong mã.\n\n```\n45-TB/BDVTU\n```\n\nXem [45-TB/BDVTU](/khac/).",
    );
    site.build_ok(&[]);
    let page = site.read("2021/2-tb-x/index.html");
    assert!(!page.contains("class=\"citation\""), "{page}");
    assert!(page.contains("<code>45-TB/BDVTU</code>"));
    assert!(page.contains("<a href=\"/khac/\">45-TB/BDVTU</a>"));
}

#[test]
fn both_pages_list_the_citation_and_supersession_shows_a_banner() {
    let site = TestSite::new();
    site.simple("a.md", "61-TB/BDVTU", "2022-07-08", "Quy chế cũ");
    site.notice(
        "b.md",
        "title = \"Quy chế mới\"\nnumber = \"15-TB/BDVTU\"\ndate = 2023-03-06\nsupersedes = [\"61-TB/BDVTU\"]\nrelated = [\"246-CV/TU\"]",
        "Sau một năm thực hiện Thông báo số 61-TB/BDVTU ngày 08/7/2022.",
    );
    site.build_ok(&[]);
    let old = site.read("2022/61-tb-bdvtu/index.html");
    assert!(old.contains("banner-superseded"), "{old}");
    assert!(
        old.contains("Hết hiệu lực toàn bộ</strong> từ ngày <time datetime=\"2023-03-06\">06/03/2023</time> (bị thay thế bởi <a href=\"/2023/15-tb-bdvtu/\">15-TB/BDVTU</a>)"),
        "{old}"
    );
    assert!(old.contains("Bị thay thế bởi"));
    assert!(old.contains("Quy chế mới"));
    let new = site.read("2023/15-tb-bdvtu/index.html");
    assert!(
        new.contains("<h3 class=\"relation relation-supersedes\">Thay thế</h3>"),
        "{new}"
    );
    assert!(new.contains("<h3 class=\"relation relation-related\">Văn bản liên quan</h3>"));
    assert!(
        new.contains("246-CV/TU"),
        "related is listed even when not in the archive"
    );
    assert!(new.contains("(không có trong kho lưu trữ)"));
    assert!(!new.contains("banner-superseded"));
}

#[test]
fn a_supersedes_that_names_a_missing_document_is_a_warning() {
    let site = TestSite::new();
    site.notice(
        "b.md",
        "title = \"B\"\nnumber = \"15-TB/X\"\ndate = 2023-03-06\nsupersedes = [\"61-TB/X\"]\nrelated = [\"9-CV/X ngày 01/02/2023\"]",
        "x",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let err = stderr(&output);
    let message = "`supersedes` names 61-TB/X, which is not in the archive yet";
    assert_eq!(err.matches(message).count(), 1, "printed once: {err}");
    assert!(err.contains("content/b.md:5:15"), "{err}");
    // `related`, like a citation in the body, is only listed by `check`.
    assert!(!err.contains("`related` names"), "{err}");
    // That one, and the one about base_url having no host.
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("2 warnings"),
        "{}",
        text(&output)
    );
    let page = site.read("2023/15-tb-x/index.html");
    assert!(page.contains("61-TB/X"), "listed as plain text: {page}");
    assert!(!page.contains("banner-superseded"));

    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("Cited but not in the archive (2 documents):"), "{out}");
    assert!(out.contains("61-TB/X  cited by content/b.md:5:15"), "{out}");
    assert!(out.contains("9-CV/X   cited by content/b.md:6:12"), "{out}");
}

#[test]
fn a_self_numbered_supersedes_names_the_other_notice_of_that_number() {
    // Numbers restart every year: 3-TB/TU of 2022 replaces 3-TB/TU of 2021.
    let site = TestSite::new();
    site.notice(
        "2021/a.md",
        "title = \"Cũ\"\nnumber = \"3-TB/TU\"\ndate = 2021-02-01",
        "x",
    );
    site.notice(
        "2022/b.md",
        "title = \"Mới\"\nnumber = \"3-TB/TU\"\ndate = 2022-02-03\nsupersedes = [\"3-TB/TU\"]",
        "Thông báo này thay thế Thông báo số 3-TB/TU.",
    );
    let output = site.build_ok(&[]);
    assert!(!stderr(&output).contains("not in the archive"), "{}", text(&output));
    let old = site.read("2021/3-tb-tu/index.html");
    assert!(
        old.contains("thay thế bởi <a href=\"/2022/3-tb-tu/\">3-TB/TU</a>"),
        "{old}"
    );
    let new = site.read("2022/3-tb-tu/index.html");
    assert!(!new.contains("banner-superseded"), "never superseded by itself: {new}");
    assert_eq!(citation_href(&new, "3-TB/TU").as_deref(), Some("/2021/3-tb-tu/"));
}

#[test]
fn a_dated_entry_picks_the_notice_of_that_date() {
    // Two terms in one year reuse 12-TB/BDVTU; the date says which one.
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"Khóa cũ\"\nnumber = \"12-TB/BDVTU\"\ndate = 2021-03-05\nslug = \"12-tb-bdvtu-khoa-cu\"",
        "x",
    );
    site.notice(
        "b.md",
        "title = \"Khóa mới\"\nnumber = \"12-TB/BDVTU\"\ndate = 2021-09-10",
        "x",
    );
    site.notice(
        "c.md",
        "title = \"Sau\"\nnumber = \"40-TB/BDVTU\"\ndate = 2021-12-01\nsupersedes = [\"12-TB/BDVTU ngày 05/3/2021\"]",
        "x",
    );
    site.build_ok(&[]);
    assert!(
        site.read("2021/12-tb-bdvtu-khoa-cu/index.html")
            .contains("banner-superseded")
    );
    assert!(!site.read("2021/12-tb-bdvtu/index.html").contains("banner-superseded"));
}

#[test]
fn citations_outside_the_archive_link_to_external_url_or_stay_text() {
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"A\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01",
        "Theo Nghị định số 30/2020/NĐ-CP và Kết luận số 120-KL/TW.",
    );
    site.build_ok(&[]);
    let page = site.read("2021/1-tb-x/index.html");
    assert!(page.contains("Nghị định số 30/2020/NĐ-CP và"), "plain text: {page}");
    assert!(citation_href(&page, "30/2020/NĐ-CP").is_none());

    site.write(
        "site.toml",
        "[references]\nexternal_url = \"http://vanban.local/tim?so={number}\"\n",
    );
    site.build_ok(&[]);
    let page = site.read("2021/1-tb-x/index.html");
    assert_eq!(
        citation_href(&page, "30/2020/NĐ-CP").as_deref(),
        Some("http://vanban.local/tim?so=30%2F2020%2FN%C4%90%2DCP")
    );
    assert!(page.contains("class=\"citation citation-external\""));
}

#[test]
fn check_lists_documents_not_in_the_archive_by_number() {
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"A\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01",
        "Theo Kết luận số 120-KL/TW.",
    );
    site.notice(
        "b.md",
        "title = \"B\"\nnumber = \"2-TB/X\"\ndate = 2021-02-01",
        "Theo 120-kl/tw và Nghị định số 30/2020/NĐ-CP.\nThông báo số 1-TB/X.",
    );
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("Cited but not in the archive (2 documents):"), "{out}");
    assert!(
        out.contains("120-KL/TW      cited by content/a.md:7:18, content/b.md:7:6"),
        "{out}"
    );
    assert!(out.contains("30/2020/NĐ-CP  cited by content/b.md:7:32"), "{out}");
    assert!(!out.contains("1-TB/X "), "{out}");
}

#[test]
fn a_notice_naming_its_own_number_does_not_cite_itself() {
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"A\"\nnumber = \"15-TB/X\"\ndate = 2021-01-01",
        "Thông báo số 15-TB/X này thay thế các thỏa thuận trước.",
    );
    site.build_ok(&[]);
    let page = site.read("2021/15-tb-x/index.html");
    assert!(!page.contains("class=\"citation\""));
    assert!(!page.contains("Văn bản được dẫn chiếu"));
}

#[test]
fn a_generated_archive_with_numbers_reused_across_years_builds() {
    // The benchmark corpus: numbers restart every year, and one notice in
    // 29 supersedes the notice of its own number of an earlier year.
    let examples = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples");
    let generator = examples.join(format!("gen-corpus{}", std::env::consts::EXE_SUFFIX));
    assert!(
        generator.is_file(),
        "cargo test builds the examples: {}",
        generator.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let made = std::process::Command::new(&generator)
        .args(["--notices", "1500", "--out"])
        .arg(&corpus)
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    let supersedes = walkdir::WalkDir::new(corpus.join("content"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .filter(|entry| {
            std::fs::read_to_string(entry.path())
                .unwrap()
                .lines()
                .any(|line| line.starts_with("supersedes = "))
        })
        .count();
    assert!(supersedes > 20, "{supersedes}");
    let output = assert_cmd::Command::cargo_bin("thongbao")
        .unwrap()
        .args(["build", "--root"])
        .arg(&corpus)
        .env("THONGBAO_CACHE_DIR", dir.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(!stderr(&output).contains("supersedes"), "{}", stderr(&output));
    let banners = walkdir::WalkDir::new(corpus.join("public"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_name() == "index.html")
        .filter(|entry| {
            std::fs::read_to_string(entry.path())
                .unwrap()
                .contains("banner-superseded")
        })
        .count();
    assert_eq!(banners, supersedes, "each superseded notice says so");
}
