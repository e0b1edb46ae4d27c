//! File-system oddities: each a clear message and no damage.

mod common;

use std::os::unix::ffi::OsStrExt;

use common::{TestSite, stderr, text};

#[test]
fn a_symlink_loop_is_reported_and_skipped() {
    let site = TestSite::new();
    site.simple("2021/a.md", "1-TB/X", "2021-01-01", "A");
    std::os::unix::fs::symlink(site.path("content"), site.path("content/2021/loop")).unwrap();
    let output = site.build();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        stderr(&output).contains("loops back to a folder above it"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_symlink_out_of_the_site_is_refused() {
    let site = TestSite::new();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("secret.md"),
        "+++\ntitle = \"Bí mật\"\ndate = 2021-01-01\n+++\n",
    )
    .unwrap();
    std::fs::create_dir_all(site.path("content")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.md"), site.path("content/secret.md")).unwrap();
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("content/secret.md"));
    assert!(
        stderr(&output).contains("points outside the site"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_file_name_that_is_not_utf8_is_reported() {
    let site = TestSite::new();
    site.simple("a.md", "1-TB/X", "2021-01-01", "A");
    let name = std::ffi::OsStr::from_bytes(b"b\xff.md");
    std::fs::write(
        site.path("content").join(name),
        "+++\ntitle = \"B\"\ndate = 2021-01-01\n+++\n",
    )
    .unwrap();
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("the file name is not valid UTF-8"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_output_folder_on_a_read_only_path_is_a_clear_error() {
    let site = TestSite::new();
    site.simple("a.md", "1-TB/X", "2021-01-01", "A");
    // /proc is read-only even for root, who may write anywhere else.
    let output = site.run(&["build", "--output", "/proc/thongbao-test/public"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    assert!(
        stderr(&output).contains("cannot write /proc/thongbao-test"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_very_large_notice_builds() {
    let site = TestSite::new();
    let paragraph = "Tiếp tục thực hiện Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị về dân vận. ";
    let body = paragraph.repeat(50 * 1024 * 1024 / paragraph.len());
    site.notice(
        "big.md",
        "title = \"Rất dài\"\nnumber = \"1-TB/X\"\ndate = 2021-01-01",
        &body,
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(
        std::fs::metadata(site.path("public/2021/1-tb-x/index.html"))
            .unwrap()
            .len()
            > 40_000_000
    );
}
