//! The default theme in Debian's headless Chromium: a notice prints like
//! the paper original (checked from the PDF's text positions), and axe-core
//! finds no serious or critical accessibility problem.

use std::path::{Path, PathBuf};
use std::process::Command;

use headless_chrome::types::PrintToPdfOptions;

const MM: f64 = 72.0 / 25.4;

/// Builds the repository's sample site into a temporary folder and serves
/// it as a plain web server would; returns the folder's guard and the URL.
fn sample_site() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let output = assert_cmd::Command::cargo_bin("thongbao")
        .unwrap()
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(dir.path().join("public"))
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", crate::common::text(&output));
    let base = crate::common::static_server::serve_folder(&dir.path().join("public"));
    (dir, base)
}

/// One line of text on a printed page, rebuilt from pdftotext's word boxes.
#[derive(Debug, Clone)]
struct Line {
    page: usize,
    text: String,
    x_min: f64,
    x_max: f64,
    y: f64,
}

/// Lines of the PDF, in reading order, from `pdftotext -bbox`.
fn pdf_lines(pdf: &Path) -> (f64, Vec<Line>) {
    let html = pdf.with_extension("html");
    let status = Command::new("pdftotext").arg("-bbox").arg(pdf).arg(&html).status();
    assert!(
        status.is_ok_and(|status| status.success()),
        "pdftotext (poppler-utils) must be installed"
    );
    let text = std::fs::read_to_string(&html).unwrap();
    let attribute = |tag: &str, name: &str| -> f64 {
        let start = tag.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
        tag[start..start + tag[start..].find('"').unwrap()].parse().unwrap()
    };
    let mut width = 0.0;
    let mut words: Vec<(usize, f64, f64, f64, f64, String)> = Vec::new();
    let mut page = 0;
    for piece in text.split('<').skip(1) {
        if piece.starts_with("page ") {
            page += 1;
            width = attribute(piece, "width");
        } else if piece.starts_with("word ") {
            let word = piece[piece.find('>').unwrap() + 1..].to_string();
            let (x0, y0, x1, y1) = (
                attribute(piece, "xMin"),
                attribute(piece, "yMin"),
                attribute(piece, "xMax"),
                attribute(piece, "yMax"),
            );
            words.push((page, (y0 + y1) / 2.0, x0, x1, y1 - y0, word.replace("&amp;", "&")));
        }
    }
    words.sort_by_key(|word| (word.0, word.1 as i64 / 4, word.2 as i64));
    let mut lines: Vec<Line> = Vec::new();
    for (page, y, x0, x1, _, word) in words {
        match lines.last_mut() {
            Some(line)
                if line.page == page
                    && (line.y - y).abs() < 4.0
                    && x0 >= line.x_max - 1.0
                    && x0 - line.x_max < 20.0 =>
            {
                // Touching boxes are one word split at a fallback glyph.
                if x0 - line.x_max > 1.0 {
                    line.text.push(' ');
                }
                line.text.push_str(&word);
                line.x_max = x1;
            }
            _ => lines.push(Line {
                page,
                text: word,
                x_min: x0,
                x_max: x1,
                y,
            }),
        }
    }
    (width, lines)
}

fn find<'a>(lines: &'a [Line], needle: &str) -> &'a Line {
    lines.iter().find(|line| line.text.contains(needle)).unwrap_or_else(|| {
        panic!(
            "{needle:?} is not printed; lines: {:#?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        )
    })
}

fn before(a: &Line, b: &Line) -> bool {
    (a.page, a.y) < (b.page, b.y)
}

/// Prints page `url` to a PDF on A4 as a browser's print dialog would, and
/// reads its lines back.
fn print(tab: &headless_chrome::Tab, url: &str, folder: &Path) -> (f64, Vec<Line>) {
    crate::common::browser::open(tab, url);
    let pdf = tab
        .print_to_pdf(Some(PrintToPdfOptions {
            prefer_css_page_size: Some(true),
            display_header_footer: Some(false),
            print_background: Some(false),
            ..Default::default()
        }))
        .unwrap();
    let file = folder.join("printed.pdf");
    std::fs::write(&file, pdf).unwrap();
    let (width, lines) = pdf_lines(&file);
    assert!((width - 595.0).abs() < 2.0, "A4 width, got {width}");
    (width, lines)
}

#[test]
fn a_state_notice_prints_in_the_form_of_nghi_dinh_30() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let (_site, base) = sample_site();
    let tab = browser.new_tab().unwrap();
    let (width, lines) = print(&tab, &format!("{base}2022/12-tb-ubnd/"), profile.path());
    let middle = width / 2.0;

    // The motto and the place-date line each on one line, in the right
    // block; the issuer block in about the left third.
    let nation = find(&lines, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    let motto = find(&lines, "Độc lập - Tự do - Hạnh phúc");
    let place_date = find(&lines, "Quảng Ngãi, ngày 20 tháng 1 năm 2022");
    let issuer = find(&lines, "ỦY BAN NHÂN DÂN TỈNH");
    let number = find(&lines, "Số: 12/TB-UBND");
    assert!(before(nation, motto) && before(motto, place_date));
    assert!(
        (nation.y - issuer.y).abs() < 15.0,
        "the two blocks start on one line: {nation:?} {issuer:?}"
    );
    let text_left = lines.iter().map(|line| line.x_min).fold(f64::MAX, f64::min);
    let text_width = lines.iter().map(|line| line.x_max).fold(0.0, f64::max) - text_left;
    let third = text_left + text_width * 0.4;
    assert!(
        issuer.x_max < third && number.x_max < third,
        "issuer block: {issuer:?} {number:?}"
    );
    assert!(nation.x_min > text_left + text_width * 0.3, "motto block: {nation:?}");
    assert!(place_date.x_min > text_left + text_width * 0.3, "{place_date:?}");

    // The signature block on the right: authority, title, name.
    let authority = find(&lines, "TM. ỦY BAN NHÂN DÂN");
    let title = lines.iter().find(|line| line.text == "CHỦ TỊCH").unwrap_or_else(|| {
        panic!(
            "no signer title line: {:#?}",
            lines.iter().map(|l| &l.text).collect::<Vec<_>>()
        )
    });
    let signer = find(&lines, "Đặng Văn Minh");
    assert!(
        before(authority, title) && before(title, signer),
        "{authority:?} {title:?} {signer:?}"
    );
    assert!(authority.x_min > middle && title.x_min > middle && signer.x_min > middle);

    // A notice written before `authority` existed ("K/T Chủ tịch - Phó
    // Chủ tịch" in signer_title) prints the same way.
    let (_, lines) = print(&tab, &format!("{base}2023/45-tb-ubnd/"), profile.path());
    let authority = find(&lines, "K/T CHỦ TỊCH");
    let title = find(&lines, "PHÓ CHỦ TỊCH");
    // pdftotext may read the name's stacked marks ("ầ", "ướ") as words of
    // their own: the name is the line with its unaccented letters.
    let signer = lines
        .iter()
        .find(|line| line.text.contains("Ph") && line.text.contains("Hi"))
        .expect("the signer's name is printed");
    assert!(
        before(authority, title) && before(title, signer),
        "{authority:?} {title:?} {signer:?}"
    );
    assert!(!lines.iter().any(|line| line.text.contains("CHỦ TỊCH - PHÓ")));
}

#[test]
fn the_seed_notice_prints_like_the_paper_original() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let (_site, base) = sample_site();
    let tab = browser.new_tab().unwrap();
    let (width, lines) = print(
        &tab,
        &format!("{base}2021/ket-luan-truc-bao-quy-i-2021/"),
        profile.path(),
    );
    let middle = width / 2.0;
    let centre = |line: &Line| (line.x_min + line.x_max) / 2.0;

    // Header: issuer and number block left, nation and place-date right.
    let parent = find(&lines, "TỈNH ỦY QUẢNG NGÃI");
    let issuer = find(&lines, "BAN DÂN VẬN TỈNH ỦY");
    let nation = find(&lines, "ĐẢNG CỘNG SẢN VIỆT NAM");
    let place_date = find(&lines, "Quảng Ngãi, ngày 9 tháng 4 năm 2021");
    assert!(parent.x_max < middle && issuer.x_max < middle, "{issuer:?}");
    assert!(
        centre(nation) > middle && place_date.x_min > middle - 20.0,
        "{nation:?} {place_date:?}"
    );
    assert!(
        parent.page == 1 && nation.page == 1 && (parent.y - nation.y).abs() < 15.0,
        "both columns start at the top"
    );
    assert!(before(parent, issuer) && before(nation, place_date));

    // Kind and title centred under the header.
    let kind = find(&lines, "THÔNG BÁO");
    let title = find(&lines, "Kết luận của Trưởng Ban Dân vận Tỉnh ủy");
    assert!(before(place_date, kind) && before(issuer, kind) && before(kind, title));
    assert!(
        (centre(kind) - middle).abs() < 25.0 && (centre(title) - middle).abs() < 25.0,
        "{kind:?} {title:?}"
    );

    // The body, then the signer block on the right and the recipients on
    // the left, at the end.
    let body_start = find(&lines, "Ngày 09/4/2021, Ban Dân vận Tỉnh ủy");
    let body_end = find(&lines, "Ban Thường vụ Tỉnh ủy chỉ đạo.");
    let signer_title = find(&lines, "TRƯỞNG BAN");
    let signer = find(&lines, "Võ Thanh An");
    let recipients = find(&lines, "Nơi nhận:");
    let last_recipient = find(&lines, "Lưu Văn Phòng Tỉnh ủy");
    assert!(before(title, body_start) && before(body_start, body_end));
    assert!(
        before(body_end, signer_title) && before(signer_title, signer),
        "{signer_title:?} {signer:?}"
    );
    assert!(before(body_end, recipients) && before(recipients, last_recipient));
    assert!(
        signer_title.x_min > middle && signer.x_min > middle,
        "signer on the right"
    );
    assert!(
        recipients.x_max < middle && last_recipient.x_max < middle + 20.0,
        "recipients on the left"
    );

    // Margins of the administrative rules: left 30–35 mm, right 15–20 mm.
    let text_left = lines.iter().map(|line| line.x_min).fold(f64::MAX, f64::min);
    let text_right = lines.iter().map(|line| line.x_max).fold(0.0, f64::max);
    assert!(
        (30.0 * MM - 2.0..=35.0 * MM + 2.0).contains(&text_left),
        "left margin {:.1} mm",
        text_left / MM
    );
    assert!(
        width - text_right >= 15.0 * MM - 2.0,
        "right margin {:.1} mm",
        (width - text_right) / MM
    );

    // Nothing of the screen's navigation or citation lists is printed.
    for screen_only in [
        "Trang chủ",
        "Thông tin văn bản",
        "Được dẫn chiếu bởi",
        "Văn bản được dẫn chiếu",
    ] {
        assert!(
            !lines.iter().any(|line| line.text.contains(screen_only)),
            "{screen_only} is printed"
        );
    }
}

/// axe-core's browser build: `AXE_CORE_JS`, or where `.ci/run` installs it.
pub(crate) fn axe_core() -> Option<String> {
    let path = std::env::var_os("AXE_CORE_JS").map(PathBuf::from).unwrap_or_else(|| {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("target/ci-tools/node_modules/axe-core/axe.min.js")
    });
    match std::fs::read_to_string(&path) {
        Ok(script) => Some(script),
        Err(_) => {
            assert!(
                std::env::var("CI").is_err(),
                "axe-core must be installed in CI (see .ci/run)"
            );
            eprintln!(
                "skipped: axe-core not found at {} (npm install axe-core)",
                path.display()
            );
            None
        }
    }
}

/// axe-core's serious and critical violations on the page open in `tab`,
/// as JSON (`[]` when none).
pub(crate) fn axe_violations(tab: &headless_chrome::Tab, axe: &str) -> String {
    tab.evaluate(axe, false).unwrap();
    let result = tab
        .evaluate(
            "axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }).then(r => JSON.stringify(r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')) }))))",
            true,
        )
        .unwrap();
    result
        .value
        .and_then(|value| value.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[test]
fn axe_finds_no_serious_or_critical_violation() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let Some(axe) = axe_core() else { return };
    let (_site, base) = sample_site();
    let tab = browser.new_tab().unwrap();
    let mut report = Vec::new();
    for page in [
        "",
        "2021/ket-luan-truc-bao-quy-i-2021/",
        "2022/61-tb-bdvtu/",
        "2022/61-tb-bdvtu/luoc-do/",
        "register/2022/",
        "tasks/",
        "tasks/so-noi-vu/",
        "2020/150-tb-ubnd/",
        "validity/het-hieu-luc-toan-bo/",
        "fields/",
        "2021/",
        "archive/",
        "tags/",
        "tags/dan-van-kheo/",
        "page/2/",
        "404.html",
        "search/?q=dan%20van%20kheo",
    ] {
        crate::common::browser::open(&tab, &format!("{base}{page}"));
        let violations = axe_violations(&tab, &axe);
        if violations != "[]" {
            report.push(format!("/{page}: {violations}"));
        }
    }
    assert!(report.is_empty(), "axe-core found:\n{}", report.join("\n"));
}
