//! Authoring: `import` on the seed and on plain-text notices in Party and
//! State layouts, bad input refused, `new` with the next number, and
//! `init` making a site that builds at once.

use std::path::Path;

use crate::common::{TestSite, stderr, text};
use thongbao::import::{decode, import};

/// The seed notice of shared/seeds, kept with the tests.
const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/imports/seed.txt");

fn seed_path() -> &'static Path {
    Path::new(SEED)
}

#[test]
fn the_seed_imports_into_a_notice_that_builds() {
    let site = TestSite::new();
    let output = site.run(&["import", seed_path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(report.contains("no number: the text has no \"Số …\" line"), "{report}");
    assert!(report.contains("no issue date"), "{report}");
    assert!(
        report.contains("proposed 2021-04-09 from \"Ngày 09/4/2021\""),
        "{report}"
    );

    let files = site.files("content");
    assert_eq!(files.len(), 1, "{files:?}");
    let notice = std::fs::read_to_string(site.path("content").join(&files[0])).unwrap();
    assert!(files[0].starts_with("2021/"));
    assert!(notice.contains("title = \"Kết luận của Trưởng Ban Dân vận Tỉnh ủy tại Hội nghị trực báo công tác dân vận quý I, nhiệm vụ trọng tâm quý II năm 2021\""), "{notice}");
    assert!(notice.contains("kind = \"Thông báo kết luận\""));
    assert!(notice.contains("signer = \"Võ Thanh An\""));
    assert!(notice.contains("signer_title = \"Trưởng Ban\""));
    assert!(notice.contains("date = 2021-04-09"));
    assert!(!notice.contains("\nnumber ="), "no number is invented");
    let recipients: Vec<&str> = notice.lines().filter(|line| line.starts_with("  \"")).collect();
    assert_eq!(recipients.len(), 10, "{recipients:?}");
    assert!(
        recipients
            .iter()
            .all(|line| line.ends_with("\",") && !line.ends_with(",\",")),
        "no trailing commas: {recipients:?}"
    );
    assert_eq!(recipients[9], "  \"Lưu Văn Phòng Tỉnh ủy\",");

    let headings: Vec<&str> = notice
        .lines()
        .filter(|line| line.starts_with('#') && !line.starts_with("# "))
        .collect();
    assert_eq!(
        headings,
        [
            "## I. Về kết quả thực hiện nhiệm vụ quý I/2021",
            "## II. Nhiệm vụ trọng tâm quý II/2021",
            "### 1. Công tác tham mưu Ban Thường vụ cấp ủy chỉ đạo:",
            "### 2. Ban dân vận cấp ủy các cấp",
            "### 3. Ủy ban Mặt trận Tổ quốc Việt Nam và các tổ chức chính trị - xã hội tỉnh",
            "### 4. Lực lượng vũ trang tỉnh",
            "## III. Đối với các kiến nghị, đề xuất",
        ]
    );
    for item in [
        "1.1. Triển khai thực hiện",
        "1.7. Chỉ đạo",
        "2.1. Tăng cường",
        "3.3. Chủ động",
        "4.2. Tăng cường",
    ] {
        assert!(
            notice.lines().any(|line| line.starts_with(item)),
            "{item} is a numbered paragraph"
        );
    }
    assert!(
        notice.contains("Quy chế dân chủ ở cơ sở năm 2021 còn chậm"),
        "the broken line is joined"
    );
    assert!(
        notice.contains("\"*Đẩy mạnh thực hiện Quy chế dân chủ ở cơ sở*\""),
        "emphasis kept"
    );

    site.build_ok(&[]);
    let page = site.read("2021/ket-luan-cua-truong-ban-dan-van-tinh-uy-tai-hoi-nghi-truc/index.html");
    assert!(page.contains("<h3 id=\"muc-1-cong-tac-tham-muu-ban-thuong-vu-cap-uy-chi-dao\">"));

    // Never overwritten without --force.
    let again = site.run(&["import", seed_path().to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists; use --force"));
    assert_eq!(
        site.run(&["import", "--force", seed_path().to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

/// (file, number, date, kind, issuer, parent issuer, signer, signer title, recipients, place)
#[allow(clippy::type_complexity)]
const LAYOUTS: &[(
    &str,
    Option<&str>,
    Option<&str>,
    &str,
    &str,
    &str,
    &str,
    &str,
    usize,
    &str,
)] = &[
    (
        "party-cong-van.txt",
        Some("246-CV/TU"),
        Some("2021-02-08"),
        "Công văn",
        "Ban Thường vụ Tỉnh ủy",
        "Đảng bộ tỉnh Quảng Ngãi",
        "Nguyễn Thị Hạnh",
        "T/M Ban Thường vụ|Phó Bí thư Thường trực",
        3,
        "Quảng Ngãi",
    ),
    (
        "party-thong-bao.txt",
        Some("38-TB/BDVTU"),
        Some("2020-12-28"),
        "Thông báo kết luận",
        "Ban Dân vận",
        "Tỉnh ủy Quảng Ngãi",
        "Võ Thanh An",
        "Trưởng Ban",
        2,
        "Quảng Ngãi",
    ),
    (
        "party-huyen-uy.txt",
        Some("15-TB/HU"),
        Some("2022-07-20"),
        "Thông báo kết luận",
        "Huyện ủy Bình Sơn",
        "Đảng bộ tỉnh Quảng Ngãi",
        "Phạm Văn Hùng",
        "T/M Ban Thường vụ|Bí thư",
        2,
        "Bình Sơn",
    ),
    (
        "state-thong-bao.txt",
        Some("12/TB-UBND"),
        Some("2021-03-15"),
        "Thông báo kết luận",
        "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "",
        "Đặng Văn Minh",
        "Chủ tịch",
        3,
        "Quảng Ngãi",
    ),
    (
        "state-kt.txt",
        Some("45/TB-UBND"),
        Some("2023-05-22"),
        "Thông báo kết luận",
        "Ủy ban nhân dân tỉnh Quảng Ngãi",
        "",
        "Trần Phước Hiền",
        "K/T Chủ tịch|Phó Chủ tịch",
        3,
        "Quảng Ngãi",
    ),
    (
        "state-so.txt",
        Some("7/TB-SNV"),
        Some("2022-06-03"),
        "Thông báo kết luận",
        "Sở Nội vụ",
        "UBND tỉnh Quảng Ngãi",
        "Lê Thị Lan",
        "Giám đốc",
        3,
        "Quảng Ngãi",
    ),
    (
        "bao-cao.txt",
        Some("90-BC/BDVTU"),
        Some("2023-09-30"),
        "Báo cáo",
        "Ban Dân vận Tỉnh ủy",
        "",
        "Võ Thanh An",
        "Trưởng Ban",
        2,
        "Quảng Ngãi",
    ),
    ("no-header.txt", None, None, "Thông báo kết luận", "", "", "", "", 0, ""),
];

#[test]
fn party_and_state_layouts_give_the_expected_fields() {
    for &(file, number, date, kind, issuer, parent, signer, signer_title, recipients, place) in LAYOUTS {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports").join(file);
        let imported = import(&decode(&std::fs::read(&path).unwrap()).unwrap()).unwrap();
        assert_eq!(imported.number.as_deref(), number, "{file}: number");
        assert_eq!(imported.date.map(|d| d.to_string()).as_deref(), date, "{file}: date");
        assert_eq!(imported.kind, kind, "{file}: kind");
        assert_eq!(imported.issuer, issuer, "{file}: issuer");
        assert_eq!(imported.parent_issuer, parent, "{file}: parent issuer");
        assert_eq!(imported.signer, signer, "{file}: signer");
        // "authority|title" where the block has both lines.
        let (authority, signer_title) = signer_title.split_once('|').unwrap_or(("", signer_title));
        assert_eq!(imported.authority, authority, "{file}: authority");
        assert_eq!(imported.signer_title, signer_title, "{file}: signer title");
        assert_eq!(
            imported.recipients.len(),
            recipients,
            "{file}: recipients {:?}",
            imported.recipients
        );
        assert!(
            imported.recipients.iter().all(|r| !r.ends_with([',', ';', '.'])),
            "{file}: {:?}",
            imported.recipients
        );
        assert_eq!(imported.place, place, "{file}: place");
        assert!(
            !imported.body.contains("Nơi nhận"),
            "{file}: the list is not in the body"
        );
        assert!(
            !imported.body.contains(signer) || signer.is_empty(),
            "{file}: the signer is not in the body"
        );
        if date.is_none() {
            assert!(
                imported.notes.iter().any(|note| note.starts_with("no issue date")),
                "{file}: {:?}",
                imported.notes
            );
        }
        if number.is_none() {
            assert!(
                imported.notes.iter().any(|note| note.starts_with("no number")),
                "{file}"
            );
        }
    }
}

#[test]
fn windows_utf16_text_is_read() {
    let site = TestSite::new();
    let plain =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports/state-thong-bao.txt"))
            .unwrap();
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(plain.replace('\n', "\r\n").encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    site.write("van-ban.txt", bytes);
    let output = site.run(&["import", site.path("van-ban.txt").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(site.path("content/2021/12-tb-ubnd.md").is_file());
    site.build_ok(&[]);
    assert!(site.read("2021/12-tb-ubnd/index.html").contains("Số: 12/TB-UBND"));
}

#[test]
fn bad_input_is_refused_with_nothing_written() {
    let site = TestSite::new();
    site.write("empty.txt", "");
    site.write(
        "binary.txt",
        [
            0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0xFF, 0xFE, 0xFD,
        ],
    );
    site.write(
        "prose.txt",
        "Chỉ là một đoạn văn bình thường.\nKhông có tiêu đề, không có số.\n",
    );
    for (file, message) in [
        ("empty.txt", "the file is empty"),
        ("binary.txt", "this is not a text file"),
        ("prose.txt", "no notice found: the text has no kind line"),
    ] {
        let output = site.run(&["import", site.path(file).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{file}");
        assert!(stderr(&output).contains(message), "{file}: {}", stderr(&output));
    }
    assert!(!site.path("content").exists(), "nothing written");
}

#[test]
fn new_scaffolds_a_notice_with_the_next_number() {
    let site = TestSite::new();
    site.write("site.toml", "issuer = \"Ban Dân vận Tỉnh ủy\"\n");
    let year = jiff::ZonedDateTime::now().date().year();
    site.notice(
        &format!("{year}/a.md"),
        &format!("title = \"A\"\nnumber = \"45-TB/BDVTU\"\ndate = {year}-01-05"),
        "x",
    );
    site.notice(
        &format!("{year}/b.md"),
        &format!("title = \"B\"\nnumber = \"12/TB-UBND\"\ndate = {year}-01-06\nissuer = \"Ủy ban nhân dân tỉnh\""),
        "x",
    );
    let output = site.run(&["new", "Kết luận hội nghị giao ban"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let path = String::from_utf8_lossy(&output.stdout).trim().to_string();
    assert_eq!(path, format!("content/{year}/46-tb-bdvtu.md"));
    let notice = std::fs::read_to_string(site.root().join(&path)).unwrap();
    assert!(notice.contains("number = \"46-TB/BDVTU\""), "{notice}");
    assert!(notice.contains(&format!("date = {}", jiff::ZonedDateTime::now().date())));
    assert!(notice.contains("issuer = \"Ban Dân vận Tỉnh ủy\""));
    assert!(notice.contains("kind = \"Thông báo kết luận\""));
    site.build_ok(&[]);

    let output = site.run(&[
        "new",
        "--issuer",
        "Ủy ban nhân dân tỉnh",
        "--kind",
        "Kết luận",
        "Một kết luận khác",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let notice = std::fs::read_to_string(site.root().join(String::from_utf8_lossy(&output.stdout).trim())).unwrap();
    assert!(notice.contains("number = \"13/TB-UBND\""), "{notice}");
    assert!(notice.contains("kind = \"Kết luận\""));
}

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("kho");
    let run = |args: &[&str]| {
        assert_cmd::Command::cargo_bin("thongbao")
            .unwrap()
            .args(args)
            .output()
            .unwrap()
    };
    let output = run(&["init", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(site.join("site.toml").is_file());
    assert!(!site.join("themes").exists(), "the built-in theme needs no copy");
    let output = run(&["build", "--root", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    assert!(site.join("public/index.html").is_file());

    let output = run(&["init", site.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "a site is never overwritten");

    let copied = dir.path().join("kho2");
    let output = run(&["init", "--copy-theme", copied.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(copied.join("themes/default/templates/notice.html").is_file());
    assert!(copied.join("themes/default/i18n/vi.toml").is_file());
    let output = run(&["build", "--root", copied.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
}

/// An invented notice in TCVN3 (the .VnTime fonts' encoding), its heading
/// lines typed in .VnTimeH, as the Latin-1 characters of its bytes.
const TCVN3_NOTICE: &str = "BAN D©N VËN TØNH ñY\nSè 7-TB/BDVTU\n\n§¶NG CéNG S¶N VIÖT NAM\nQu¶ng Ng·i, ngµy 5 th¸ng 3 n¨m 2021\n\nTH«NG B¸O\nKÕt luËn cña Tr\u{AD}ëng Ban vÒ c«ng t¸c d©n vËn quý I n¨m 2021\n\nBan D©n vËn TØnh ñy ®· tæ chøc héi nghÞ.\n\nTR¦ëNG BAN\n\nVâ Thanh An\n\nN¬i nhËn:\n- L\u{AD}u V¨n phßng.\n";

/// The same notice in VNI (the VNI-Times fonts' encoding).
const VNI_NOTICE: &str = "BAN DAÂN VAÄN TÆNH UÛY\nSoá 7-TB/BDVTU\n\nÑAÛNG COÄNG SAÛN VIEÄT NAM\nQuaûng Ngaõi, ngaøy 5 thaùng 3 naêm 2021\n\nTHOÂNG BAÙO\nKeát luaän cuûa Tröôûng Ban veà coâng taùc daân vaän quyù I naêm 2021\n\nBan Daân vaän Tænh uûy ñaõ toå chöùc hoäi nghò.\n\nTRÖÔÛNG BAN\n\nVoõ Thanh An\n\nNôi nhaän:\n- Löu Vaên phoøng.\n";

#[test]
fn a_tcvn3_or_vni_file_imports_as_unicode_and_says_so() {
    // Both ways each arrives: single bytes ("text only" from an old Word),
    // and Unicode text copied out of a document still in the old fonts.
    let single_bytes = |text: &str| -> Vec<u8> { text.chars().map(|c| u8::try_from(u32::from(c)).unwrap()).collect() };
    for (name, contents, encoding) in [
        ("tcvn3.txt", single_bytes(TCVN3_NOTICE), "TCVN3"),
        ("dan-tu-word.txt", TCVN3_NOTICE.as_bytes().to_vec(), "TCVN3"),
        ("vni.txt", single_bytes(VNI_NOTICE), "VNI"),
        ("dan-tu-vni.txt", VNI_NOTICE.as_bytes().to_vec(), "VNI"),
    ] {
        let site = TestSite::new();
        site.write(name, &contents);
        let output = site.run(&["import", site.path(name).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{name}: {}", text(&output));
        assert!(
            String::from_utf8_lossy(&output.stdout).contains(encoding),
            "{name}: {}",
            text(&output)
        );
        let notice = std::fs::read_to_string(site.path("content/2021/7-tb-bdvtu.md")).unwrap();
        for expected in [
            "title = \"Kết luận của Trưởng Ban về công tác dân vận quý I năm 2021\"",
            "number = \"7-TB/BDVTU\"",
            "date = 2021-03-05",
            "issuer = \"Ban Dân vận Tỉnh ủy\"",
            "place = \"Quảng Ngãi\"",
            "signer = \"Võ Thanh An\"",
            "signer_title = \"Trưởng Ban\"",
            "\"Lưu Văn phòng\"",
            "Ban Dân vận Tỉnh ủy đã tổ chức hội nghị.",
        ] {
            assert!(notice.contains(expected), "{name}: {expected} in\n{notice}");
        }
        assert!(site.build().status.success(), "{name}: the notice builds");
    }
}
