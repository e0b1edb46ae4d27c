//! SPEC §8 and §10 on built sites: each relation on both notices with its
//! label in both voices, from the front matter and from the wording; the
//! validity states with the date they hold as of; the lược đồ; the
//! register; notices.csv read back; JSON-LD parsed; fields.

use crate::common::{TestSite, python_json, stderr, text};

/// The relations a notice's page lists under a heading: the `<h3>` of
/// class `class` and the numbers linked after it (up to the next heading).
fn listed_under(page: &str, class: &str) -> Vec<String> {
    let Some(start) = page.find(&format!("<h3 class=\"relation {class}\">")) else {
        return Vec::new();
    };
    let rest = &page[start + 4..];
    let end = rest
        .find("<h3")
        .or_else(|| rest.find("</section>"))
        .unwrap_or(rest.len());
    rest[..end]
        .split("\">")
        .skip(1)
        .filter_map(|piece| piece.split("</a>").next())
        .filter(|number| !number.contains('<') && number.contains(['-', '/']))
        .map(str::to_string)
        .collect()
}

const ACTIVE_AND_PASSIVE: [(&str, &str, &str); 7] = [
    ("supersedes", "Thay thế", "Bị thay thế bởi"),
    ("amends", "Sửa đổi, bổ sung", "Được sửa đổi, bổ sung bởi"),
    ("repeals", "Bãi bỏ", "Bị bãi bỏ bởi"),
    ("guides", "Hướng dẫn", "Được hướng dẫn bởi"),
    ("based_on", "Căn cứ", "Là căn cứ của"),
    ("corrects", "Đính chính", "Được đính chính bởi"),
    ("suspends", "Tạm ngưng hiệu lực", "Bị tạm ngưng hiệu lực bởi"),
];

#[test]
fn each_front_matter_relation_shows_on_both_notices_in_both_voices() {
    let site = TestSite::new();
    for (at, (key, _, _)) in ACTIVE_AND_PASSIVE.iter().enumerate() {
        site.simple(
            &format!("2021/t{at}.md"),
            &format!("{at}-TB/CU"),
            "2021-01-05",
            &format!("Cũ {at}"),
        );
        site.notice(
            &format!("2022/n{at}.md"),
            &format!("title = \"Mới {at}\"\nnumber = \"{at}-TB/MOI\"\ndate = 2022-02-01\n{key} = [\"{at}-TB/CU\"]"),
            "Nội dung không nêu số văn bản nào.",
        );
    }
    site.build_ok(&[]);
    for (at, (key, active, passive)) in ACTIVE_AND_PASSIVE.iter().enumerate() {
        let new = site.read(&format!("2022/{at}-tb-moi/index.html"));
        let old = site.read(&format!("2021/{at}-tb-cu/index.html"));
        assert!(new.contains(&format!(">{active}</h3>")), "{key}: {new}");
        assert_eq!(
            listed_under(&new, &format!("relation-{key}")),
            [format!("{at}-TB/CU")],
            "{key}"
        );
        assert!(old.contains(&format!(">{passive}</h3>")), "{key}: {old}");
        assert_eq!(
            listed_under(&old, &format!("relation-{key}-by")),
            [format!("{at}-TB/MOI")],
            "{key}"
        );
    }
}

#[test]
fn the_wording_around_a_citation_names_its_relation() {
    let site = TestSite::new();
    let sentences = [
        ("supersedes", "Thông báo này thay thế Thông báo số {n} ngày 05/01/2021."),
        (
            "amends",
            "Sửa đổi, bổ sung mục 2 Thông báo số {n} như sau: họp hằng tháng.",
        ),
        ("repeals", "Bãi bỏ Thông báo số {n} kể từ ngày ký."),
        ("guides", "Ban Dân vận hướng dẫn thực hiện Kết luận số {n} như sau."),
        ("based_on", "Căn cứ Thông báo số {n}, Ban Thường vụ kết luận như sau:"),
        (
            "corrects",
            "Đính chính Thông báo số {n}: cụm từ “quý II” sửa thành “quý III”.",
        ),
        (
            "suspends",
            "Tạm ngưng hiệu lực Thông báo số {n} đến khi có chỉ đạo mới.",
        ),
        ("cites", "Tiếp tục thực hiện Thông báo số {n}."),
    ];
    for (at, (_, sentence)) in sentences.iter().enumerate() {
        let number = format!("{at}-TB/CU");
        site.simple(&format!("2021/t{at}.md"), &number, "2021-01-05", &format!("Cũ {at}"));
        site.notice(
            &format!("2022/n{at}.md"),
            &format!("title = \"Mới {at}\"\nnumber = \"{at}-TB/MOI\"\ndate = 2022-02-01"),
            &sentence.replace("{n}", &number),
        );
    }
    site.build_ok(&[]);
    for (at, (key, _)) in sentences.iter().enumerate() {
        let new = site.read(&format!("2022/{at}-tb-moi/index.html"));
        assert_eq!(
            listed_under(&new, &format!("relation-{key}")),
            [format!("{at}-TB/CU")],
            "{key}: {new}"
        );
        let old = site.read(&format!("2021/{at}-tb-cu/index.html"));
        assert_eq!(
            listed_under(&old, &format!("relation-{key}-by")),
            [format!("{at}-TB/MOI")],
            "{key}"
        );
    }
    // Repeal and supersession end the old notice; the amendment ends a part.
    assert!(
        site.read("2021/0-tb-cu/index.html")
            .contains("validity-het-hieu-luc-toan-bo")
    );
    assert!(
        site.read("2021/2-tb-cu/index.html")
            .contains("validity-het-hieu-luc-toan-bo")
    );
    assert!(
        site.read("2021/1-tb-cu/index.html")
            .contains("validity-het-hieu-luc-mot-phan")
    );
    assert!(
        site.read("2021/6-tb-cu/index.html")
            .contains("validity-tam-ngung-hieu-luc")
    );
    assert!(site.read("2021/5-tb-cu/index.html").contains("validity-con-hieu-luc"));
}

#[test]
fn the_front_matter_wins_over_the_wording_and_a_notice_never_acts_on_itself() {
    let site = TestSite::new();
    site.simple("2021/a.md", "12-TB/CU", "2021-01-05", "Cũ");
    site.notice(
        "2022/b.md",
        "title = \"Mới\"\nnumber = \"12-TB/CU\"\ndate = 2022-02-01\nbased_on = [\"12-TB/CU\"]",
        "Bãi bỏ Thông báo số 12-TB/CU ngày 05/01/2021.",
    );
    site.build_ok(&[]);
    let new = site.read("2022/12-tb-cu/index.html");
    // The one of 2021, never itself; as the front matter says.
    assert_eq!(listed_under(&new, "relation-based_on"), ["12-TB/CU"]);
    assert!(new.contains("href=\"/2021/12-tb-cu/\""));
    assert!(listed_under(&new, "relation-repeals").is_empty(), "{new}");
    assert!(site.read("2021/12-tb-cu/index.html").contains("validity-con-hieu-luc"));
}

#[test]
fn a_relation_to_a_document_not_in_the_archive_is_a_warning() {
    let site = TestSite::new();
    site.notice(
        "2022/b.md",
        "title = \"Mới\"\nnumber = \"3-TB/MOI\"\ndate = 2022-02-01\namends = [\"mục II của 9-TB/CU\"]\nrepeals = [\"10-TB/CU\"]",
        "x",
    );
    let output = site.build_ok(&[]);
    let warnings = stderr(&output);
    assert!(
        warnings.contains("`amends` names 9-TB/CU, which is not in the archive yet"),
        "{warnings}"
    );
    assert!(warnings.contains("`repeals` names 10-TB/CU"), "{warnings}");
    let page = site.read("2022/3-tb-moi/index.html");
    assert!(
        page.contains("<span class=\"citation-number\">9-TB/CU</span>"),
        "{page}"
    );
    assert!(page.contains("(một phần)"));
}

/// A notice effective 2023-06-01 until 2025-01-01, amended from 2024-02-01,
/// suspended from 2024-05-01 until 2024-09-01, repealed from 2026-01-01.
fn a_notice_with_a_history() -> TestSite {
    let site = TestSite::new();
    site.notice(
        "2023/a.md",
        "title = \"Gốc\"\nnumber = \"1-TB/X\"\ndate = 2023-05-20\neffective = 2023-06-01\nexpires = 2027-01-01",
        "x",
    );
    site.notice(
        "2024/b.md",
        "title = \"Sửa\"\nnumber = \"2-TB/X\"\ndate = 2024-02-01\namends = [\"1-TB/X\"]",
        "x",
    );
    site.notice(
        "2024/c.md",
        "title = \"Ngưng\"\nnumber = \"3-TB/X\"\ndate = 2024-05-01\nexpires = 2024-09-01\nsuspends = [\"1-TB/X\"]",
        "x",
    );
    site.notice(
        "2025/d.md",
        "title = \"Bỏ\"\nnumber = \"4-TB/X\"\ndate = 2025-12-20\neffective = 2026-01-01\nrepeals = [\"1-TB/X\"]",
        "x",
    );
    site
}

#[test]
fn validity_follows_dates_and_relations_as_of_the_build() {
    let site = a_notice_with_a_history();
    let cases = [
        ("2023-05-25", "chua-co-hieu-luc", "25/05/2023", None),
        ("2023-07-01", "con-hieu-luc", "01/07/2023", None),
        (
            "2024-03-01",
            "het-hieu-luc-mot-phan",
            "01/03/2024",
            Some("được sửa đổi, bổ sung bởi"),
        ),
        (
            "2024-06-15",
            "tam-ngung-hieu-luc",
            "15/06/2024",
            Some("bị tạm ngưng hiệu lực bởi"),
        ),
        (
            "2024-10-01",
            "het-hieu-luc-mot-phan",
            "01/10/2024",
            Some("được sửa đổi, bổ sung bởi"),
        ),
        (
            "2026-02-01",
            "het-hieu-luc-toan-bo",
            "01/02/2026",
            Some("bị bãi bỏ bởi"),
        ),
    ];
    for (day, state, as_of, by) in cases {
        site.build_as_of(day);
        let page = site.read("2023/1-tb-x/index.html");
        assert!(
            page.contains(&format!("<section class=\"banner validity validity-{state}")),
            "{day}: {page}"
        );
        assert!(
            page.contains(&format!(
                "Tính đến ngày <time class=\"validity-today\" datetime=\"{day}\">{as_of}</time>"
            )),
            "{day}"
        );
        if let Some(by) = by {
            assert!(page.contains(&format!("({by} <a href=")), "{day}: {by}");
        }
        let index: serde_json::Value = serde_json::from_str(&site.read("notices.json")).unwrap();
        let record = index["notices"]
            .as_array()
            .unwrap()
            .iter()
            .find(|record| record["number"] == "1-TB/X")
            .unwrap();
        assert_eq!(record["validity"]["state"], state, "{day}");
        assert_eq!(record["validity"]["as_of"], day);
        // The listing facet files it under its state of that day.
        assert!(
            site.read(&format!("validity/{state}/index.html"))
                .contains("/2023/1-tb-x/"),
            "{day}"
        );
    }
    // A notice past its own `expires` has ended, with no other notice.
    let site = TestSite::new();
    site.notice(
        "2020/a.md",
        "title = \"Hết hạn\"\nnumber = \"5-TB/X\"\ndate = 2020-01-01\nexpires = 2021-01-01",
        "x",
    );
    site.build_as_of("2021-01-01");
    let page = site.read("2020/5-tb-x/index.html");
    assert!(page.contains("validity-het-hieu-luc-toan-bo"), "{page}");
    assert!(page.contains("(hết thời hạn có hiệu lực)"));
}

#[test]
fn expires_must_come_after_effective() {
    let site = TestSite::new();
    site.notice(
        "a.md",
        "title = \"A\"\ndate = 2021-01-01\neffective = 2021-02-01\nexpires = 2021-01-15",
        "x",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        text(&output).contains("`expires` 2021-01-15 is not after `effective` 2021-02-01"),
        "{}",
        text(&output)
    );
}

#[test]
fn the_diagram_shows_every_relation_both_ways_two_levels_deep() {
    let site = a_notice_with_a_history();
    site.notice(
        "2022/z.md",
        "title = \"Nền\"\nnumber = \"9-KL/TU\"\ndate = 2022-01-01",
        "x",
    );
    site.notice(
        "2025/e.md",
        "title = \"Hướng dẫn\"\nnumber = \"5-HD/X\"\ndate = 2025-03-01\nguides = [\"2-TB/X\"]",
        "x",
    );
    // 1-TB/X is based on 9-KL/TU; 2-TB/X (which amends it) is guided by 5-HD/X.
    site.write(
        "content/2023/a.md",
        "+++\ntitle = \"Gốc\"\nnumber = \"1-TB/X\"\ndate = 2023-05-20\n+++\n\nCăn cứ Kết luận số 9-KL/TU, Ban kết luận.\n",
    );
    site.build_as_of("2024-03-01");
    let page = site.read("2023/1-tb-x/index.html");
    assert!(
        page.contains("href=\"/2023/1-tb-x/luoc-do/\""),
        "linked from the notice page"
    );
    let diagram = site.read("2023/1-tb-x/luoc-do/index.html");
    for label in [
        "Căn cứ",
        "Được sửa đổi, bổ sung bởi",
        "Bị tạm ngưng hiệu lực bởi",
        "Bị bãi bỏ bởi",
    ] {
        assert!(
            diagram.contains(&format!(">{label} <span class=\"diagram-count\">(1)</span></h3>")),
            "{label}: {diagram}"
        );
    }
    for number in ["9-KL/TU", "2-TB/X", "3-TB/X", "4-TB/X"] {
        assert!(diagram.contains(&format!(">{number}</a>")), "{number}");
    }
    // The second level: what acts on 2-TB/X, without the notice itself.
    let deeper = &diagram[diagram.find(">2-TB/X</a>").unwrap()..];
    let deeper = &deeper[..deeper.find("</details>").unwrap()];
    assert!(
        deeper.contains("Được hướng dẫn bởi") && deeper.contains(">5-HD/X</a>"),
        "{deeper}"
    );
    assert!(!deeper.contains(">1-TB/X</a>"));
    // A notice with no relation yet: its diagram says so, and its page
    // does not link to it.
    site.simple("2020/q.md", "77-TB/Q", "2020-01-01", "Riêng");
    site.build_ok(&[]);
    assert!(site.read("2020/77-tb-q/luoc-do/index.html").contains("chưa có quan hệ"));
    assert!(!site.read("2020/77-tb-q/index.html").contains("luoc-do"));
}

#[test]
fn the_register_lists_a_year_in_number_order_in_the_columns_of_the_decree() {
    let site = TestSite::new();
    for (number, date) in [
        ("10/TB-UBND", "2024-02-01"),
        ("2/TB-UBND", "2024-01-10"),
        ("33/TB-UBND", "2024-06-01"),
    ] {
        site.notice(
            &format!("2024/{}.md", number.replace('/', "-")),
            &format!(
                "title = \"Kết luận số {number}\"\nnumber = \"{number}\"\ndate = {date}\nsigner = \"Nguyễn Văn A\"\nrecipients = [\"Sở Nội vụ\", \"Lưu: VT, NC\"]\n[extra]\ncopies = 12"
            ),
            "x",
        );
    }
    site.build_ok(&[]);
    let register = site.read("register/2024/index.html");
    let columns = [
        "Số, ký hiệu văn bản",
        "Ngày tháng văn bản",
        "Tên loại và trích yếu nội dung văn bản",
        "Người ký",
        "Nơi nhận văn bản",
        "Đơn vị, người nhận bản lưu",
        "Số lượng bản",
        "Ghi chú",
    ];
    let mut at = 0;
    for column in columns {
        let found = register[at..]
            .find(&format!("<th scope=\"col\">{column}</th>"))
            .unwrap_or_else(|| panic!("{column}"));
        at += found;
    }
    let order: Vec<usize> = ["2/TB-UBND", "10/TB-UBND", "33/TB-UBND"]
        .iter()
        .map(|number| {
            register
                .find(&format!("<td class=\"register-number\">{number}</td>"))
                .unwrap()
        })
        .collect();
    assert!(order.is_sorted(), "number order: {order:?}");
    assert!(
        register.contains("<td>Sở Nội vụ</td>\n      <td>VT, NC</td>\n      <td>12</td>"),
        "{register}"
    );
    assert!(site.read("2024/index.html").contains("href=\"/register/2024/\""));
    assert!(site.read("archive/index.html").contains("href=\"/register/2024/\""));
    // Printed on A4 landscape, the header row on every page.
    let css = site.read("static/style.css");
    assert!(css.contains("@page register { size: A4 landscape;"));
    assert!(css.contains(".register-table thead { display: table-header-group; }"));
}

#[test]
fn notices_csv_reads_back_with_its_diacritics() {
    let site = TestSite::new();
    site.write("site.toml", "fields = [\"Dân vận\"]\n");
    site.simple("2021/a.md", "61-TB/BDVTU", "2021-07-08", "Quy chế phối hợp, \\\"cũ\\\"");
    site.notice(
        "2022/b.md",
        "title = \"Kết luận về sửa đổi Quy chế\"\nnumber = \"15-TB/BDVTU\"\ndate = 2022-03-06\nfield = \"Dân vận\"\nsupersedes = [\"61-TB/BDVTU\"]\nrecipients = [\"Sở Nội vụ\", \"Lưu Văn phòng\"]",
        "x",
    );
    site.build_ok(&[]);
    let bytes = std::fs::read(site.path("public/notices.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()), "a byte-order mark first");
    let script = r#"
import csv, json, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    print(json.dumps(list(csv.DictReader(f)), ensure_ascii=False))
"#;
    let csv = site.path("public/notices.csv");
    let Some(rows) = python_json(&["csv"], script, &[csv.as_os_str()], "") else {
        return;
    };
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["Số, ký hiệu"], "15-TB/BDVTU");
    assert_eq!(rows[0]["Trích yếu nội dung"], "Kết luận về sửa đổi Quy chế");
    assert_eq!(rows[0]["Lĩnh vực"], "Dân vận");
    assert_eq!(rows[0]["Thay thế"], "61-TB/BDVTU");
    assert_eq!(rows[0]["Nơi nhận"], "Sở Nội vụ; Lưu Văn phòng");
    assert_eq!(rows[1]["Trích yếu nội dung"], "Quy chế phối hợp, \"cũ\"");
    assert_eq!(rows[1]["Tình trạng hiệu lực"], "Hết hiệu lực toàn bộ");
    assert_eq!(
        rows[1]["Bị thay thế, bãi bỏ, sửa đổi hoặc tạm ngưng bởi"],
        "15-TB/BDVTU"
    );
}

#[test]
fn each_notice_page_carries_json_ld_a_parser_reads() {
    let site = a_notice_with_a_history();
    site.write("site.toml", "base_url = \"http://vanban.local/\"\n");
    site.build_as_of("2024-03-01");
    let page = site.read("2024/2-tb-x/index.html");
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let json = &page[start..start + page[start..].find("</script>").unwrap()];
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["@type"], "Legislation");
    assert_eq!(data["legislationIdentifier"], "2-TB/X");
    assert_eq!(data["legislationChanges"][0]["@id"], "http://vanban.local/2023/1-tb-x/");
    let old = site.read("2023/1-tb-x/index.html");
    assert!(old.contains("\"legislationLegalForce\":{\"@id\":\"https://schema.org/PartiallyInForce\"}"));
    // A JSON-LD processor expands it with no network: the context is inline.
    let script = r#"
import json, sys
from pyld import jsonld
expanded = jsonld.expand(json.loads(sys.stdin.read()))
node = expanded[0]
print(json.dumps({
  "type": node["@type"],
  "id": node["@id"],
  "identifier": node["https://schema.org/legislationIdentifier"][0]["@value"],
  "changes": [c["@id"] for c in node["https://schema.org/legislationChanges"]],
  "force": node["https://schema.org/legislationLegalForce"][0]["@id"],
}))
"#;
    let Some(read) = python_json(&["pyld"], script, &[], json) else {
        return;
    };
    assert_eq!(read["type"][0], "https://schema.org/Legislation");
    assert_eq!(read["id"], "http://vanban.local/2024/2-tb-x/");
    assert_eq!(read["identifier"], "2-TB/X");
    assert_eq!(read["changes"][0], "http://vanban.local/2023/1-tb-x/");
    assert_eq!(read["force"], "https://schema.org/InForce");
}

#[test]
fn a_field_must_be_one_of_the_sites_and_fields_are_a_taxonomy() {
    let site = TestSite::new();
    site.write("site.toml", "fields = [\"Dân vận\", \"Cải cách hành chính\"]\n");
    site.notice("a.md", "title = \"A\"\ndate = 2021-01-01\nfield = \"dan van\"", "x");
    let output = site.build();
    assert_eq!(output.status.code(), Some(1));
    let message = text(&output);
    assert!(
        message.contains("`field` \"dan van\" is not one of site.toml's `fields`"),
        "{message}"
    );
    assert!(message.contains("did you mean \"Dân vận\"?"), "{message}");
    assert!(message.contains("a.md:4:9"), "{message}");
    site.notice("a.md", "title = \"A\"\ndate = 2021-01-01\nfield = \"Dân vận\"", "x");
    site.build_ok(&[]);
    assert!(site.read("fields/index.html").contains("href=\"/fields/dan-van/\""));
    assert!(site.read("fields/dan-van/index.html").contains("/2021/a/"));
    assert!(
        site.read("2021/a/index.html")
            .contains("<dt>Lĩnh vực</dt><dd><a href=\"/fields/dan-van/\">Dân vận</a></dd>")
    );
}

#[test]
fn the_browser_works_validity_out_again_for_today() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = a_notice_with_a_history();
    // Built before it took effect; read on later days.
    site.build_as_of("2023-05-25");
    assert!(
        site.read("2023/1-tb-x/index.html")
            .contains("validity-chua-co-hieu-luc")
    );
    let base = crate::common::static_server::serve_folder(&site.path("public"));
    for (day, state, label, as_of) in [
        ("2024-06-15", "tam-ngung-hieu-luc", "Tạm ngưng hiệu lực", "15/06/2024"),
        (
            "2024-10-01",
            "het-hieu-luc-mot-phan",
            "Hết hiệu lực một phần",
            "01/10/2024",
        ),
        (
            "2026-02-01",
            "het-hieu-luc-toan-bo",
            "Hết hiệu lực toàn bộ",
            "01/02/2026",
        ),
    ] {
        let tab = browser.new_tab().unwrap();
        crate::common::browser::fake_clock(&tab, day);
        crate::common::browser::open(&tab, &format!("{base}2023/1-tb-x/"));
        let shown = crate::common::browser::wait_for(
            &tab,
            "document.querySelector('section.validity').getAttribute('data-as-of') ? JSON.stringify([document.querySelector('section.validity').className, document.querySelector('.validity-now').textContent, document.querySelector('.validity-today').textContent, document.querySelector('.validity-badge').textContent]) : ''",
            "the validity worked out again",
            |value| value.as_str().filter(|text| !text.is_empty()).map(str::to_string),
        );
        let shown: Vec<String> = serde_json::from_str(&shown).unwrap();
        assert!(shown[0].contains(&format!("validity-{state}")), "{day}: {shown:?}");
        assert!(shown[1].starts_with(label), "{day}: {shown:?}");
        assert_eq!(shown[2], as_of);
        assert_eq!(shown[3], label, "the badge too");
        // And the listing's badge.
        crate::common::browser::open(&tab, &format!("{base}2023/"));
        let badge = crate::common::browser::wait_for(
            &tab,
            "document.querySelector('.register-item .validity-badge').textContent",
            "the listing's badge",
            |value| value.as_str().filter(|text| *text == label).map(str::to_string),
        );
        assert_eq!(badge, label);
        let _ = tab.close(true);
    }
}

#[test]
fn relations_and_validity_speak_english_with_language_en() {
    let site = TestSite::new();
    site.write("site.toml", "language = \"en\"\n");
    site.simple("2021/a.md", "1-TB/CU", "2021-01-05", "Old");
    site.notice(
        "2022/b.md",
        "title = \"New\"\nnumber = \"2-TB/MOI\"\ndate = 2022-02-01\namends = [\"1-TB/CU\"]",
        "Based on nothing.",
    );
    site.build_as_of("2023-01-01");
    let new = site.read("2022/2-tb-moi/index.html");
    assert!(
        new.contains("<h3 class=\"relation relation-amends\">Amends</h3>"),
        "{new}"
    );
    let old = site.read("2021/1-tb-cu/index.html");
    assert!(
        old.contains("<h3 class=\"relation relation-amends-by\">Amended by</h3>"),
        "{old}"
    );
    assert!(old.contains(">Partly no longer in force</strong>"), "{old}");
    assert!(old.contains("As of <time class=\"validity-today\" datetime=\"2023-01-01\">"));
    assert!(
        site.read("validity/index.html")
            .contains(">Partly no longer in force</a>")
    );
}
