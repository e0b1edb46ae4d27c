//! The repository is itself a working site (SPEC §1): its sample content
//! builds, shows what an archive looks like, and every page is valid HTML.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::text;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the sample site into a temporary folder.
fn build_sample() -> (tempfile::TempDir, PathBuf) {
    build_sample_with(&[])
}

/// Builds the sample site into a temporary folder, with `extra` arguments.
fn build_sample_with(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let public = crate::common::build_sample_into(&dir.path().join("public"), extra, None);
    (dir, public)
}

#[test]
fn the_sample_site_builds_with_the_seed_notice() {
    let (_dir, public) = build_sample();
    let seed = std::fs::read_to_string(public.join("2021/ket-luan-truc-bao-quy-i-2021/index.html")).unwrap();
    assert!(seed.contains("Kết luận của Trưởng Ban Dân vận Tỉnh ủy tại Hội nghị trực báo công tác dân vận quý I"));
    assert!(seed.contains(
        r#"<h2 id="i-ve-ket-qua-thuc-hien-nhiem-vu-quy-i-2021">I. Về kết quả thực hiện nhiệm vụ quý I/2021</h2>"#
    ));
    assert!(seed.contains("<h3 id=\"muc-1-cong-tac-tham-muu-ban-thuong-vu-cap-uy-chi-dao\">1. Công tác tham mưu Ban Thường vụ cấp ủy chỉ đạo:</h3>"));
    assert!(seed.contains("<li>Lưu Văn Phòng Tỉnh ủy</li>"));
    assert!(
        seed.contains("Quy chế dân chủ ở cơ sở năm 2021 còn chậm"),
        "the broken line is joined"
    );

    // At least twelve notices over three years and three issuers.
    let notices = walkdir::WalkDir::new(&public)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name() == "index.html" && entry.depth() == 3)
        .count();
    assert!(notices >= 12, "{notices} notice pages");
    let archive = std::fs::read_to_string(public.join("archive/index.html")).unwrap();
    for year in ["2020", "2021", "2022", "2023"] {
        assert!(archive.contains(&format!("href=\"/{year}/\"")), "{year}");
    }
    let issuers = std::fs::read_to_string(public.join("issuers/index.html")).unwrap();
    assert!(issuers.matches("<li><a href=\"/issuers/").count() >= 3);
    assert!(public.join("2023/88-tb-bdvtu/ban-ky.pdf").is_file());
}

#[test]
fn the_seed_notice_cites_into_the_archive_and_check_lists_the_rest() {
    let (_dir, public) = build_sample();
    let seed = std::fs::read_to_string(public.join("2021/ket-luan-truc-bao-quy-i-2021/index.html")).unwrap();
    assert!(
        seed.contains(r#"<a class="citation" href="/2021/246-cv-tu/""#),
        "246-CV/TU is in the sample archive"
    );
    let cited = std::fs::read_to_string(public.join("2021/246-cv-tu/index.html")).unwrap();
    assert!(cited.contains("Được dẫn chiếu bởi"));
    assert!(cited.contains(r#"href="/2021/ket-luan-truc-bao-quy-i-2021/""#));
    let superseded = std::fs::read_to_string(public.join("2022/61-tb-bdvtu/index.html")).unwrap();
    assert!(superseded.contains("banner-superseded"));

    let output = assert_cmd::Command::cargo_bin("thongbao")
        .unwrap()
        .args(["check", "--root"])
        .arg(repository())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("Cited but not in the archive"), "{report}");
    assert!(report.contains("120-KL/TW"), "{report}");
    assert!(
        report.contains("content/2021/ket-luan-truc-bao-quy-i-2021.md:46:158"),
        "{report}"
    );
    assert!(!report.contains("246-CV/TU"), "{report}");
}

/// The Nu Html Checker over every page. It needs Java and `vnu.jar` (the
/// npm package `vnu-jar`, which `.ci/run` installs and names in VNU_JAR).
/// Skips when they are missing, except in CI.
#[test]
fn every_page_of_the_sample_site_is_valid_html_relative_links_or_not() {
    let jar = std::env::var_os("VNU_JAR")
        .map(PathBuf::from)
        .filter(|jar| jar.is_file());
    let Some(jar) = jar else {
        assert!(
            std::env::var("CI").is_err(),
            "VNU_JAR must name vnu.jar in CI (see .ci/run)"
        );
        eprintln!("skipped: set VNU_JAR to the Nu Html Checker's vnu.jar to run this test");
        return;
    };
    // The folder site too (SPEC §11): its links differ, nothing else may.
    let (_dir, public) = build_sample();
    let (_relative_dir, relative) = build_sample_with(&["--relative"]);
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--skip-non-html", "--errors-only", "--format", "gnu"])
        .arg(&public)
        .arg(&relative)
        .output()
        .expect("java runs");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "the checker found errors:\n{report}"
    );
}

/// Every file under `folder`, dotfiles included, with its bytes.
fn tree(folder: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(folder)
        .into_iter()
        .map(Result::unwrap)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let path = entry
                .path()
                .strip_prefix(folder)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (path, std::fs::read(entry.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_same_site_copied_elsewhere_builds_the_same_bytes() {
    // Copied as a clerk would (`cp -r`, no -p): new folders, new times.
    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for name in ["may-a", "o-khac/may-b"] {
        let site = dir.path().join(name);
        std::fs::create_dir_all(&site).unwrap();
        let copied = Command::new("cp")
            .arg("-r")
            .args(["site.toml", "content", "themes"].map(|part| repository().join(part)))
            .arg(&site)
            .status()
            .unwrap();
        assert!(copied.success());
        let output = assert_cmd::Command::cargo_bin("thongbao")
            .unwrap()
            .args(["build", "--root"])
            .arg(&site)
            .env(
                "THONGBAO_CACHE_DIR",
                dir.path().join(format!("cache-{}", outputs.len())),
            )
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{}", text(&output));
        outputs.push(tree(&site.join("public")));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    assert!(outputs[0].len() > 50);
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|(path, _)| path.clone()).collect::<Vec<_>>();
    assert_eq!(names(&outputs[0]), names(&outputs[1]));
    for ((path, a), (_, b)) in outputs[0].iter().zip(&outputs[1]) {
        assert!(a == b, "{path} differs between the two copies");
    }
    // public/ holds the site and nothing else: no build records.
    let hidden: Vec<String> = names(&outputs[0])
        .into_iter()
        .filter(|path| path.split('/').any(|part| part.starts_with('.')))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}
