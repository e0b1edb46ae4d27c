//! Every front matter rule of SPEC §2: the message a clerk sees, where it
//! points, and exit status 1.

use crate::common::{TestSite, stderr, text};

/// Builds a site holding one notice file and returns what the build printed,
/// checking that it failed with status 1 and left no site behind.
fn failing(file: &str, contents: &str) -> String {
    let site = TestSite::new();
    site.write(&format!("content/{file}"), contents);
    let output = site.build();
    assert_eq!(output.status.code(), Some(1), "expected failure:\n{}", text(&output));
    assert!(!site.exists("index.html"));
    stderr(&output)
}

#[test]
fn a_valid_notice_builds() {
    let site = TestSite::new();
    site.simple("2021/a.md", "45-TB/BDVTU", "2021-04-12", "Kết luận");
    site.build_ok(&[]);
    assert!(site.exists("2021/45-tb-bdvtu/index.html"));
}

#[test]
fn missing_title_and_date_are_both_reported() {
    let err = failing("2021/a.md", "+++\nnumber = \"1-TB/X\"\n+++\nBody\n");
    assert!(err.contains("missing required key `title`"), "{err}");
    assert!(err.contains("missing required key `date`"), "{err}");
    assert!(err.contains("content/2021/a.md:1:1"), "{err}");
}

#[test]
fn empty_title_is_an_error() {
    let err = failing("a.md", "+++\ntitle = \"  \"\ndate = 2021-01-01\n+++\n");
    assert!(err.contains("`title` must not be empty"), "{err}");
    assert!(err.contains("a.md:2:9"), "{err}");
}

#[test]
fn unknown_key_names_the_key_and_suggests_the_closest() {
    let err = failing("a.md", "+++\ntitel = \"X\"\ndate = 2021-01-01\n+++\n");
    assert!(err.contains("unknown key `titel`"), "{err}");
    assert!(err.contains("did you mean `title`?"), "{err}");
    assert!(err.contains("a.md:2:1"), "{err}");
}

#[test]
fn wrong_types_say_what_was_expected() {
    let err = failing(
        "a.md",
        "+++\ntitle = \"X\"\ndate = 2021-01-01\ntags = \"Dân vận\"\ndraft = \"yes\"\nnumber = 45\n+++\n",
    );
    assert!(err.contains("`tags` must be an array of strings"), "{err}");
    assert!(err.contains("a.md:4:8"), "{err}");
    assert!(err.contains("`draft` must be true or false, found string"), "{err}");
    assert!(err.contains("`number` must be a string, found integer"), "{err}");
}

#[test]
fn impossible_dates_are_errors() {
    let err = failing("a.md", "+++\ntitle = \"X\"\ndate = 2021-02-30\n+++\n");
    assert!(err.contains("a.md:3:8"), "{err}");
    assert!(err.contains("invalid date, expected day between 01 and 28"), "{err}");

    let err = failing("a.md", "+++\ntitle = \"X\"\ndate = \"2021-04-12\"\n+++\n");
    assert!(err.contains("`date` must be a TOML date without quotes"), "{err}");

    let err = failing("a.md", "+++\ntitle = \"X\"\ndate = 2021-04-12T08:00:00\n+++\n");
    assert!(err.contains("`date` must be a date without a time"), "{err}");
}

#[test]
fn invalid_toml_points_at_the_line() {
    let err = failing(
        "a.md",
        "+++\ntitle = \"X\"\ndate = 2021-01-01\nsigner = \"Võ Thanh An\n+++\n",
    );
    assert!(err.contains("invalid TOML"), "{err}");
    assert!(err.contains("a.md:4:"), "{err}");
}

#[test]
fn files_without_toml_front_matter_are_errors() {
    let err = failing("a.md", "---\ntitle: X\n---\nBody\n");
    assert!(err.contains("YAML front matter (`---`) is not supported"), "{err}");
    assert!(err.contains("TOML"), "{err}");

    let err = failing("b.md", "# Just Markdown\n");
    assert!(err.contains("must begin with TOML front matter"), "{err}");
    assert!(err.contains("b.md:1:1"), "{err}");

    let err = failing("c.md", "+++\ntitle = \"X\"\ndate = 2021-01-01\n");
    assert!(err.contains("the front matter is never closed"), "{err}");
}

#[test]
fn one_run_reports_every_error_in_every_file() {
    let site = TestSite::new();
    site.write("content/a.md", "+++\ntitel = \"X\"\ndate = 2021-01-01\n+++\n");
    site.write("content/b.md", "no front matter\n");
    site.write("content/sub/c.md", "+++\ntitle = \"C\"\ndate = 2021-13-01\n+++\n");
    let output = site.run(&["check"]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    for expected in ["content/a.md:2:1", "content/b.md:1:1", "content/sub/c.md:3:"] {
        assert!(err.contains(expected), "missing {expected} in:\n{err}");
    }
    assert!(err.contains("4 errors"), "{err}");
}

#[test]
fn byte_order_mark_and_crlf_are_accepted_and_text_is_nfc() {
    let site = TestSite::new();
    // "Dân vận" typed decomposed, as word processors sometimes paste it.
    let decomposed = "Da\u{0302}n va\u{0323}\u{0302}n";
    site.write(
        "content/a.md",
        format!(
            "\u{feff}+++\r\ntitle = \"{decomposed}\"\r\nnumber = \"1-TB/X\"\r\ndate = 2021-01-01\r\n+++\r\n\r\nBody\r\n"
        ),
    );
    site.build_ok(&[]);
    let page = site.read("2021/1-tb-x/index.html");
    assert!(page.contains("Dân vận"), "title not NFC");
    assert!(!page.contains(decomposed));
}

#[test]
fn same_number_and_date_names_both_files() {
    let site = TestSite::new();
    site.simple("a.md", "45-TB/BDVTU", "2021-04-12", "A");
    site.simple("b.md", "45-tb/bdvtu", "2021-04-12", "B");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("content/b.md:3:"), "{err}");
    assert!(err.contains("also used by content/a.md:3:"), "{err}");
}

#[test]
fn same_output_url_names_both_files_and_suggests_slug() {
    let site = TestSite::new();
    // A committee's new term restarts its numbering within one year.
    site.simple("a.md", "3-TB/TU", "2020-03-01", "Khóa XIX");
    site.simple("b.md", "3-TB/TU", "2020-11-01", "Khóa XX");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("would be written to /2020/3-tb-tu/, like content/a.md"),
        "{err}"
    );
    assert!(err.contains("slug"), "{err}");

    site.notice(
        "b.md",
        "title = \"Khóa XX\"\nnumber = \"3-TB/TU\"\ndate = 2020-11-01\nslug = \"3-tb-tu-khoa-xx\"",
        "x",
    );
    site.build_ok(&[]);
    assert!(site.exists("2020/3-tb-tu/index.html"));
    assert!(site.exists("2020/3-tb-tu-khoa-xx/index.html"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = TestSite::new();
    site.simple("a.md", "1-TB/X", "2021-01-01", "Published");
    site.notice(
        "b.md",
        "title = \"Draft\"\nnumber = \"2-TB/X\"\ndate = 2021-02-01\ndraft = true",
        "x",
    );
    site.build_ok(&[]);
    assert!(!site.exists("2021/2-tb-x/index.html"));
    assert!(!site.read("index.html").contains("Draft"));
    site.build_ok(&["--drafts"]);
    assert!(site.exists("2021/2-tb-x/index.html"));
}

#[test]
fn classified_notices_are_never_published_by_accident() {
    let site = TestSite::new();
    site.notice(
        "secret.md",
        "title = \"X\"\nnumber = \"9-TB/X\"\ndate = 2021-01-01\nclassification = \"Mật\"",
        "x",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("content/secret.md:5:"), "{err}");
    assert!(err.contains("classified \"Mật\""), "{err}");
    assert!(err.contains("allow_classified"), "{err}");

    site.write("site.toml", "allow_classified = true\n");
    site.build_ok(&[]);
    assert!(site.exists("2021/9-tb-x/index.html"));
}

#[test]
fn attachments_must_exist_and_stay_in_the_notice_folder() {
    let site = TestSite::new();
    site.write("secret.txt", "not for publishing");
    site.notice(
        "2021/a.md",
        "title = \"X\"\ndate = 2021-01-01\nattachments = [\"../../secret.txt\", \"/etc/passwd\", \"missing.pdf\"]",
        "x",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(
        err.contains("attachment \"../../secret.txt\" must be a path inside the notice's folder"),
        "{err}"
    );
    assert!(
        err.contains("attachment \"/etc/passwd\" must be a path inside the notice's folder"),
        "{err}"
    );
    assert!(
        err.contains("attachment \"missing.pdf\" does not exist beside the notice"),
        "{err}"
    );
    assert!(err.contains("content/2021/a.md:4:"), "{err}");
}

#[test]
fn attachments_and_bundle_files_are_copied_beside_the_page() {
    let site = TestSite::new();
    site.write("content/2021/ban-ky.pdf", "%PDF-1.4 single");
    site.notice(
        "2021/a.md",
        "title = \"A\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01\nattachments = [\"ban-ky.pdf\"]",
        "x",
    );
    site.write("content/2021/46-tb/phu-luc.pdf", "%PDF-1.4 bundle");
    site.notice(
        "2021/46-tb/index.md",
        "title = \"B\"\nnumber = \"46-TB/X\"\ndate = 2021-02-01\nattachments = [\"phu-luc.pdf\"]",
        "x",
    );
    site.build_ok(&[]);
    assert_eq!(site.read("2021/1-tb-x/ban-ky.pdf"), "%PDF-1.4 single");
    assert_eq!(site.read("2021/46-tb-x/phu-luc.pdf"), "%PDF-1.4 bundle");
    let page = site.read("2021/46-tb-x/index.html");
    assert!(page.contains(r#"href="/2021/46-tb-x/phu-luc.pdf""#), "{page}");
    assert!(page.contains("PDF"));
}

#[test]
fn bundles_whose_folder_names_share_a_beginning_keep_their_own_files() {
    let site = TestSite::new();
    site.write("content/2021/46-tb/phu-luc.pdf", "%PDF-1.4 a");
    site.simple("2021/46-tb/index.md", "46-TB/X", "2021-02-01", "A");
    site.write("content/2021/46-tb-2/bien-ban.pdf", "%PDF-1.4 b");
    site.write("content/2021/46-tb-2/phu-luc/bang.pdf", "%PDF-1.4 c");
    site.simple("2021/46-tb-2/index.md", "47-TB/X", "2021-02-02", "B");
    site.build_ok(&[]);
    // Every file of a bundle is published beside its page, and only there.
    assert_eq!(site.read("2021/46-tb-x/phu-luc.pdf"), "%PDF-1.4 a");
    assert_eq!(site.read("2021/47-tb-x/bien-ban.pdf"), "%PDF-1.4 b");
    assert_eq!(site.read("2021/47-tb-x/phu-luc/bang.pdf"), "%PDF-1.4 c");
    assert!(!site.path("public/2021/46-tb-x/bien-ban.pdf").exists());
    assert!(!site.path("public/2021/46-tb-x/phu-luc/bang.pdf").exists());
    assert!(!site.path("public/2021/47-tb-x/phu-luc.pdf").exists());
}

#[test]
fn a_notice_that_is_not_utf8_is_reported() {
    let site = TestSite::new();
    site.write("content/a.md", b"+++\ntitle = \"Th\xf4ng b\xe1o\"\n+++\n");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("content/a.md:2:"), "{err}");
    assert!(err.contains("not UTF-8"), "{err}");
}

#[test]
fn slugs_come_from_slug_then_number_then_file_name() {
    let site = TestSite::new();
    site.notice(
        "x.md",
        "title = \"A\"\nnumber = \"30/2020/NĐ-CP\"\ndate = 2020-03-05",
        "x",
    );
    site.notice("Kết luận Đà Nẵng.md", "title = \"B\"\ndate = 2020-03-06", "x");
    site.notice(
        "y.md",
        "title = \"C\"\nnumber = \"7-TB/X\"\ndate = 2020-03-07\nslug = \"khoa-xx\"",
        "x",
    );
    site.build_ok(&[]);
    assert!(site.exists("2020/30-2020-nd-cp/index.html"));
    assert!(site.exists("2020/ket-luan-da-nang/index.html"));
    assert!(site.exists("2020/khoa-xx/index.html"));
}

#[test]
fn a_slug_override_must_already_be_a_slug() {
    // Never rewritten behind the clerk's back: the error shows the slug.
    for (wanted, could_be) in [
        ("Họp thường trực", "hop-thuong-truc"),
        ("../../etc", "etc"),
        ("2021/hop", "2021-hop"),
        ("Khoa-XX", "khoa-xx"),
    ] {
        let site = TestSite::new();
        site.notice(
            "y.md",
            &format!("title = \"C\"\nnumber = \"7-TB/X\"\ndate = 2020-03-07\nslug = \"{wanted}\""),
            "x",
        );
        let output = site.build();
        assert_eq!(output.status.code(), Some(1), "{wanted}: {}", text(&output));
        let err = stderr(&output);
        assert!(err.contains("content/y.md:5:8"), "{wanted}: {err}");
        assert!(err.contains("is not a slug"), "{wanted}: {err}");
        assert!(err.contains(&format!("write slug = \"{could_be}\"")), "{wanted}: {err}");
        assert!(!site.path("public").exists(), "nothing published");
    }
}

#[test]
fn site_toml_unknown_key_is_an_error() {
    let site = TestSite::new();
    site.write("site.toml", "title = \"X\"\npaginate = 10\n");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("site.toml:2:1"), "{err}");
    assert!(err.contains("unknown key `paginate`"), "{err}");
    assert!(err.contains("did you mean `paginate_by`?"), "{err}");
}
