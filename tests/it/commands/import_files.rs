//! `thongbao import` of folders, PDFs and bad files (SPEC §6): one line per
//! file and a total, `--dry-run`, clear refusals with nothing written.

use std::path::Path;

use crate::common::{TestSite, stderr, text, tool};

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports").join(name)
}

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// True when PDFs can be read here; in CI they must be.
fn pdf_tools() -> bool {
    tool("pdftotext", &["-v"])
}

#[test]
fn a_folder_imports_every_file_with_one_line_each_and_a_total() {
    let site = TestSite::new();
    for (from, to) in [
        ("set/01-word-state-kt.txt", "incoming/a.txt"),
        ("set/05-layout-party-ban.txt", "incoming/2026/b.txt"),
        ("set/10-draft-state.txt", "incoming/2026/drafts/c.TXT"),
        ("set/23-windows-1258.txt", "incoming/d.txt"),
    ] {
        site.write(to, std::fs::read(sample(from)).unwrap());
    }
    site.write("incoming/notes.md", "not a notice to import");
    site.write("incoming/broken.txt", "Chỉ là một đoạn văn, không phải thông báo.\n");
    let output = site.run(&["import", site.path("incoming").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1), "one file failed: {}", text(&output));
    let out = stdout(&output);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5, "one line per file and a total:\n{out}");
    assert!(out.contains("incoming/a.txt: 10 of 10 fields"), "{out}");
    assert!(
        out.contains("c.TXT: 8 of 10 fields; missing: number, date; a draft"),
        "what is missing is said: {out}"
    );
    assert_eq!(lines[4], "imported 4 of 5 files, 1 failed");
    assert!(
        stderr(&output).contains("broken.txt: no notice found"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        site.files("content"),
        [
            "2026/41-tb-bdvtu.md",
            "2026/46-tb-ubnd.md",
            "2026/58-tb-ubnd.md",
            "2026/ket-luan-cua-chu-tich-uy-ban-nhan-dan-tinh-ve-sap-xep-don.md",
        ]
    );
    let draft = site.read_source("content/2026/ket-luan-cua-chu-tich-uy-ban-nhan-dan-tinh-ve-sap-xep-don.md");
    assert!(draft.contains("draft = true"), "{draft}");
    assert!(!draft.contains("\nnumber ="), "no bare symbol as a number:\n{draft}");
    assert!(
        !draft.contains("date = 2020-10-07"),
        "never the date of a decree cited in the body:\n{draft}"
    );
    // What was written passes check and builds (the draft is left out).
    let check = site.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    site.build_ok(&[]);
    assert!(site.read("2026/58-tb-ubnd/index.html").contains("Trần Minh Khoa"));
    let page = site.read("2026/41-tb-bdvtu/index.html");
    assert!(
        page.contains("<li>Tiếp tục thực hiện có hiệu quả Quy chế dân chủ ở cơ sở"),
        "lists kept"
    );
}

#[test]
fn dry_run_shows_the_fields_and_writes_nothing() {
    let site = TestSite::new();
    let output = site.run(&["import", "--dry-run", sample("set/08-ocr-stamp.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let out = stdout(&output);
    for expected in [
        "would write content/2026/132-tb-ubnd.md ← ",
        "  kind:         Thông báo kết luận",
        "  title:        Kết luận của Chủ tịch Ủy ban nhân dân tỉnh tại buổi kiểm tra công tác phòng, chống thiên tai năm 2026",
        "  number:       132/TB-UBND",
        "  date:         2026-07-21",
        "  signer:       Nguyễn Hoàng Nam",
        "  recipients:   3",
        "    ## I- Đánh giá chung",
        "check: left out 4 line(s) of an e-signature stamp",
        "read as II (OCR?)",
    ] {
        assert!(out.contains(expected), "{expected:?} in:\n{out}");
    }
    assert!(!site.path("content").exists(), "a dry run writes nothing");
}

#[test]
fn a_pdf_imports_like_its_paper() {
    if !pdf_tools() {
        return;
    }
    let site = TestSite::new();
    let output = site.run(&["import", sample("pdf/02-party-tm.pdf").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let notice = site.read_source("content/2026/112-tb-hu.md");
    for expected in [
        "number = \"112-TB/HU\"",
        "date = 2026-01-20",
        "issuer = \"Huyện ủy Đông Lâm\"",
        "authority = \"T/M Ban Thường vụ\"",
        "signer_title = \"Phó Bí thư Thường trực\"",
        "signer = \"Lê Văn Tùng\"",
        "## II. Nhiệm vụ trọng tâm",
    ] {
        assert!(notice.contains(expected), "{expected} in\n{notice}");
    }
    site.build_ok(&[]);
}

/// A PDF of `objects` with a correct cross-reference table.
fn tiny_pdf(objects: &[&str], trailer: &str) -> Vec<u8> {
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{body}\nendobj\n", i + 1));
    }
    let xref = out.len();
    out.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!(
        "trailer\n<< /Size {} /Root 1 0 R {trailer}>>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    ));
    out.into_bytes()
}

#[test]
fn bad_pdfs_and_huge_files_are_refused_with_nothing_written() {
    if !pdf_tools() {
        return;
    }
    let site = TestSite::new();
    let page = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    site.write("scanned.pdf", tiny_pdf(&page, ""));
    let mut encrypted = page.to_vec();
    let key = format!(
        "<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>",
        "41".repeat(32),
        "42".repeat(32)
    );
    encrypted.push(&key);
    site.write(
        "encrypted.pdf",
        tiny_pdf(
            &encrypted,
            "/Encrypt 4 0 R /ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>] ",
        ),
    );
    let whole = std::fs::read(sample("pdf/01-state-kt.pdf")).unwrap();
    site.write("truncated.pdf", &whole[..whole.len() / 3]);
    site.write("renamed.pdf", "THÔNG BÁO\nnot a PDF at all\n");
    for name in ["huge.pdf", "huge.txt"] {
        let file = std::fs::File::create(site.path(name)).unwrap();
        file.set_len(100 * 1024 * 1024).unwrap();
    }
    for (file, message) in [
        ("scanned.pdf", "the PDF has no text layer (a scanned image?)"),
        ("encrypted.pdf", "the PDF is encrypted"),
        ("truncated.pdf", "damaged or truncated"),
        ("renamed.pdf", "this is not a PDF"),
        ("huge.pdf", "the PDF is 100 MiB"),
        ("huge.txt", "the file is 100 MiB"),
    ] {
        let started = std::time::Instant::now();
        let output = site.run(&["import", site.path(file).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{file}: {}", text(&output));
        assert!(stderr(&output).contains(message), "{file}: {}", stderr(&output));
        // Bounded: refused at once, not after reading 100 MB (generous,
        // for a loaded machine; the limits themselves are in the reader).
        assert!(started.elapsed().as_secs() < 20, "{file}");
    }
    assert!(!site.path("content").exists(), "nothing written");
}

#[test]
fn a_missing_pdftotext_is_named_with_its_debian_package() {
    let site = TestSite::new();
    let output = site.run_without_tools(&["import", sample("pdf/01-state-kt.pdf").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("install Debian's poppler-utils package"),
        "{}",
        stderr(&output)
    );
}
