//! `thongbao import` of Word files (.docx): real Word files (pandoc opens
//! them), a notice that builds, and hostile files refused in bounded time
//! with nothing written.

use std::io::Write;
use std::path::Path;

use crate::common::{TestSite, stderr, text, tool};

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/imports/docx")
        .join(name)
}

#[test]
fn the_test_word_files_are_real_word_files() {
    // pandoc reads each, and finds the title our reader finds.
    if !tool("pandoc", &["--version"]) {
        return;
    }
    for entry in std::fs::read_dir(sample("")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|ext| ext != "docx") {
            continue;
        }
        let output = std::process::Command::new("pandoc")
            .args(["-f", "docx", "-t", "plain"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
        let plain = String::from_utf8_lossy(&output.stdout).to_lowercase();
        let imported = thongbao::import::import_file(&path).unwrap();
        let first_words: String = imported.signer.to_lowercase();
        assert!(
            plain.contains(&first_words),
            "{}: pandoc reads no {first_words:?}",
            path.display()
        );
    }
}

#[test]
fn a_word_file_imports_into_a_notice_that_builds() {
    let site = TestSite::new();
    let output = site.run(&["import", sample("05-footnotes-links-emphasis.docx").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let notice = site.read_source("content/2026/215-tb-sct.md");
    assert!(notice.contains("signer = \"Hoàng Văn Bình\""), "{notice}");
    site.build_ok(&[]);
    let page = site.read("2026/215-tb-sct/index.html");
    assert!(page.contains("<strong>Dân vận khéo</strong>"), "emphasis");
    assert!(page.contains("href=\"https://congthuong.sonha.example/\""), "the link");
    assert!(page.contains("Kế hoạch số 12/KH-SCT ngày 05/01/2026."), "the footnote");
}

/// A zip of `entries` (name, contents), deflated.
fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    {
        let mut writer = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, contents) in entries {
            writer.start_file(*name, options).unwrap();
            writer.write_all(contents).unwrap();
        }
        writer.finish().unwrap();
    }
    out.into_inner()
}

#[test]
fn hostile_word_files_are_refused_with_nothing_written() {
    let site = TestSite::new();
    let good = std::fs::read(sample("01-state-auto-numbers.docx")).unwrap();
    // A zip bomb: 200 MiB of zeros deflate to a few hundred KiB.
    let bomb = zip_of(&[("word/document.xml", vec![b' '; 200 * 1024 * 1024])]);
    let nested = format!("<w:document>{}{}</w:document>", "<a>".repeat(5000), "</a>".repeat(5000));
    let entities = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document><w:body><w:p><w:r><w:t>&b;&b;&b;</w:t></w:r></w:p></w:body></w:document>";
    let escaping = zip_of(&[
        ("../../escape.txt", b"x".to_vec()),
        ("/etc/evil", b"x".to_vec()),
        (
            "word/document.xml",
            b"<w:document><w:body></w:body></w:document>".to_vec(),
        ),
    ]);
    for (name, bytes, message) in [
        ("bomb.docx", bomb, "refused (a zip bomb?)"),
        (
            "nested.docx",
            zip_of(&[("word/document.xml", nested.into_bytes())]),
            "nested deeper than",
        ),
        (
            "entities.docx",
            zip_of(&[("word/document.xml", entities.as_bytes().to_vec())]),
            "declares a DTD",
        ),
        ("escaping.docx", escaping, "no notice found"),
        ("not-zip.docx", b"THONG BAO, not a zip".to_vec(), "not a Word file"),
        (
            "truncated.docx",
            good[..good.len() / 2].to_vec(),
            "damaged or truncated",
        ),
        (
            "protected.docx",
            [&[0xD0u8, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..], &[0; 512]].concat(),
            "password-protected",
        ),
        (
            "no-document.docx",
            zip_of(&[("hello.txt", b"hi".to_vec())]),
            "no word/document.xml",
        ),
    ] {
        site.write(name, bytes);
        let started = std::time::Instant::now();
        let output = site.run(&["import", site.path(name).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{name}: {}", text(&output));
        assert!(stderr(&output).contains(message), "{name}: {}", stderr(&output));
        assert!(started.elapsed().as_secs() < 20, "{name}: bounded");
    }
    assert!(!site.path("content").exists(), "nothing written");
    assert!(!site.root().parent().unwrap().join("escape.txt").exists());
}

#[test]
fn old_office_files_need_libreoffice_and_say_so() {
    let site = TestSite::new();
    site.write("old.doc", [0xD0u8, 0xCF, 0x11, 0xE0]);
    let output = site.run_without_tools(&["import", site.path("old.doc").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("libreoffice-writer-nogui"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_word_files_images_become_attachments_of_a_bundle() {
    let site = TestSite::new();
    let output = site.run(&["import", sample("17-image-attachment.docx").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(
        site.files("content"),
        ["2026/77-tb-ubnd/image1.png", "2026/77-tb-ubnd/index.md"]
    );
    let notice = site.read_source("content/2026/77-tb-ubnd/index.md");
    assert!(notice.contains("attachments = [\"image1.png\"]"), "{notice}");
    site.build_ok(&[]);
    assert!(site.exists("2026/77-tb-ubnd/image1.png"), "published beside its notice");
    assert!(
        notice.contains("![Hình ảnh](image1.png)"),
        "the image where it stood:\n{notice}"
    );
    let page = site.read("2026/77-tb-ubnd/index.html");
    assert!(page.contains("src=\"image1.png\""), "the page shows it");
    // Again: refused without --force, replaced whole with it.
    let again = site.run(&["import", sample("17-image-attachment.docx").to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    let forced = site.run(&[
        "import",
        "--force",
        sample("17-image-attachment.docx").to_str().unwrap(),
    ]);
    assert_eq!(forced.status.code(), Some(0), "{}", text(&forced));
    assert_eq!(site.files("content").len(), 2);
}

#[test]
fn an_image_named_to_leave_the_bundle_stays_in_it() {
    let site = TestSite::new();
    // The relationship and the entry both say ../../evil.png.
    let sample_zip = std::fs::read(sample("17-image-attachment.docx")).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(sample_zip)).unwrap();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).unwrap();
        if name == "word/media/image1.png" {
            entries.push(("word/../../evil.png".to_string(), bytes));
        } else if name == "word/_rels/document.xml.rels" {
            let text = String::from_utf8(bytes)
                .unwrap()
                .replace("media/image1.png", "../../evil.png");
            entries.push((name, text.into_bytes()));
        } else {
            entries.push((name, bytes));
        }
    }
    let entries: Vec<(&str, Vec<u8>)> = entries.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    site.write("incoming/evil.docx", zip_of(&entries));
    let output = site.run(&["import", site.path("incoming/evil.docx").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert_eq!(
        site.files("content"),
        ["2026/77-tb-ubnd/evil.png", "2026/77-tb-ubnd/index.md"]
    );
    assert!(!site.path("evil.png").exists() && !site.root().parent().unwrap().join("evil.png").exists());
}
