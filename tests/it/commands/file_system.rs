//! File-system oddities: each a clear message and no damage.

use std::os::unix::ffi::OsStrExt;

use crate::common::{TestSite, stderr, text};

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

#[test]
fn a_notice_changed_while_the_build_reads_it_costs_nothing() {
    let site = TestSite::new();
    for i in 0..300 {
        site.simple(
            &format!("2021/{i}.md"),
            &format!("{i}-TB/X"),
            "2021-01-01",
            &format!("Văn bản {i}"),
        );
    }
    site.build_ok(&[]);
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let file = site.path("content/2021/7.md");
        std::thread::spawn(move || {
            let mut n = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // Not atomic: a reader may see the file empty or half written.
                let body = "Nội dung thay đổi. ".repeat(n % 500);
                std::fs::write(
                    &file,
                    format!("+++\ntitle = \"Đang sửa {n}\"\nnumber = \"7-TB/X\"\ndate = 2021-01-01\n+++\n\n{body}\n"),
                )
                .unwrap();
                n += 1;
            }
        })
    };
    let mut outcomes = Vec::new();
    for _ in 0..6 {
        let output = site.build();
        match output.status.code() {
            Some(0) => outcomes.push("built"),
            Some(1) => {
                assert!(
                    stderr(&output).contains("content/2021/7.md"),
                    "a failure names the file: {}",
                    stderr(&output)
                );
                outcomes.push("refused");
            }
            other => panic!("exit {other:?}: {}", text(&output)),
        }
        // Whatever happened, the published site is whole.
        assert!(
            site.read("index.html")
                .contains("<meta name=\"generator\" content=\"thongbao\">")
        );
        assert!(site.read("2021/299-tb-x/index.html").contains("Văn bản 299"));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    writer.join().unwrap();
    eprintln!("{outcomes:?}");
}
