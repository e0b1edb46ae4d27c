//! How well the wording rules (SPEC §8) tell a citation's kind: a
//! generated corpus of sentences of every kind, written as offices write
//! them, and decoys (a verb of relation said of something else, of
//! another's act, after the number, or proposed rather than done), with
//! known answers; precision and recall per kind are measured on a real
//! build's `notices.json` and must be at least 95 %.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::common::TestSite;

/// The kinds as `notices.json` names them; `cites` is a plain citation.
const KINDS: [&str; 8] = [
    "supersedes",
    "amends",
    "repeals",
    "based_on",
    "guides",
    "corrects",
    "suspends",
    "cites",
];

/// Sentence forms per kind: `{doc}` is the cited document, `{part}` a part
/// of it, `{who}` the body that concludes, `{what}` a topic.
fn forms(kind: &str) -> &'static [&'static str] {
    match kind {
        "supersedes" => &[
            "Thông báo này thay thế {doc}.",
            "Kết luận này thay thế {doc} và có hiệu lực kể từ ngày ký.",
            "{who} thống nhất ban hành kết luận mới thay thế {doc}.",
            "Nội dung kết luận tại Thông báo này thay thế cho {doc}.",
            "Văn bản này thay thế {doc} về {what}.",
            "{doc} được thay thế bằng Thông báo này.",
            "Thông báo này có hiệu lực kể từ ngày ký và thay thế {doc}.",
        ],
        "amends" => &[
            "Sửa đổi, bổ sung {part} {doc} như sau:",
            "{who} kết luận sửa đổi {part} {doc}.",
            "Sửa đổi và bổ sung {doc} về {what}.",
            "Sửa đổi {part} {doc}: thời hạn báo cáo là ngày 05 hằng tháng.",
            "Thống nhất sửa đổi, bổ sung {doc} cho phù hợp với tình hình mới.",
            "Quy chế phối hợp ban hành kèm theo {doc} được sửa đổi, bổ sung như sau:",
            "Sửa đổi điểm b khoản 2 {doc} như sau:",
        ],
        "repeals" => &[
            "Bãi bỏ {doc}.",
            "Bãi bỏ {part} {doc}.",
            "{who} thống nhất bãi bỏ {doc} kể từ ngày ký.",
            "Hủy bỏ {doc} vì không còn phù hợp.",
            "Bãi bỏ các nội dung quy định tại {doc} về {what}.",
            "{doc} hết hiệu lực kể từ ngày Thông báo này có hiệu lực.",
            "Các nội dung trái với kết luận này tại {doc} bị bãi bỏ.",
        ],
        "based_on" => &[
            "Căn cứ {doc}, {who} kết luận như sau:",
            "Căn cứ Quy chế làm việc ban hành kèm theo {doc};",
            "Căn cứ {doc} và tình hình thực tế của địa phương;",
            "Căn cứ ý kiến chỉ đạo tại {doc}, {who} thông báo kết luận như sau:",
        ],
        "guides" => &[
            "Hướng dẫn thực hiện {doc} như sau:",
            "{who} hướng dẫn thực hiện {doc} trong toàn tỉnh.",
            "Để hướng dẫn triển khai {doc}, các cơ quan thực hiện như sau:",
            "Hướng dẫn thi hành {part} {doc}.",
        ],
        "corrects" => &[
            "Đính chính {doc} như sau:",
            "{who} đính chính sai sót tại {doc}.",
            "Đính chính {part} {doc}: cụm từ \"quý II\" được sửa thành \"quý III\".",
        ],
        "suspends" => &[
            "Tạm ngưng hiệu lực {doc} kể từ ngày ký.",
            "Tạm dừng thực hiện {part} {doc} đến khi có chỉ đạo mới.",
            "Tạm ngừng hiệu lực thi hành {doc} trong thời gian sắp xếp tổ chức bộ máy.",
            "{who} quyết định tạm ngưng {doc} về {what}.",
        ],
        // Plain citations, and decoys that must stay plain citations.
        _ => &[
            "Thực hiện {doc}, {who} đã tổ chức hội nghị sơ kết.",
            "Tiếp tục thực hiện nghiêm {doc}.",
            "Các đơn vị đã sửa đổi quy trình tiếp công dân theo {doc}.",
            "Quy chế làm việc đã được sửa đổi, bổ sung tại {doc}.",
            "{doc} đã bãi bỏ quy định cũ về chế độ báo cáo.",
            "Đề nghị Ủy ban nhân dân tỉnh xem xét bãi bỏ {doc}.",
            "Theo {doc}, việc thay thế thiết bị phải hoàn thành trong quý III.",
            "Trên cơ sở {doc}, các đơn vị căn cứ tình hình thực tế xây dựng kế hoạch.",
            "Thay thế thiết bị đã hư hỏng theo {doc}.",
            "Kết luận tại {doc} tiếp tục có hiệu lực.",
            "Tổ chức thực hiện căn cứ vào {doc} và kế hoạch của đơn vị.",
            "Báo cáo kết quả sửa đổi quy chế, đồng thời gửi kèm {doc}.",
            "Không bãi bỏ {doc} trong năm nay.",
            "Việc tạm dừng các cuộc họp được thực hiện theo {doc}.",
            "{who} chưa sửa đổi {doc}.",
            "Ban Thường vụ đã thống nhất thay thế {doc} vào phiên họp trước.",
            "{doc} đã được sửa đổi tại Quyết định số 9/QĐ-UBND.",
            "{doc} tiếp tục có hiệu lực thi hành.",
            "{doc} chưa hết hiệu lực.",
        ],
    }
}

const WHO: [&str; 4] = [
    "Ban Dân vận Tỉnh ủy",
    "Thường trực Tỉnh ủy",
    "Chủ tịch Ủy ban nhân dân tỉnh",
    "Ban Thường vụ Huyện ủy",
];
const WHAT: [&str; 4] = [
    "công tác dân vận chính quyền",
    "chế độ thông tin, báo cáo",
    "cải cách hành chính",
    "quy chế dân chủ ở cơ sở",
];
const PARTS: [&str; 5] = [
    "mục 2",
    "khoản 3 Điều 5 của",
    "một số nội dung của",
    "điểm a khoản 1 mục II",
    "phần III",
];

/// A cited document as written: its kind, its number, sometimes its date
/// and issuer. Returns the text and the number.
fn document(rng: &mut fastrand::Rng, serial: usize) -> (String, String) {
    let (kind, number) = match rng.usize(0..4) {
        0 => ("Thông báo", format!("{serial}-TB/BDVTU")),
        1 => ("Kết luận", format!("{serial}-KL/TU")),
        2 => ("Quyết định", format!("{serial}/QĐ-UBND")),
        _ => ("Công văn", format!("{serial}/UBND-NC")),
    };
    let mut text = format!("{kind} số {number}");
    if rng.bool() {
        text.push_str(&format!(" ngày {}/{}/2021", rng.u8(1..28), rng.u8(1..13)));
    }
    if rng.u8(0..3) == 0 {
        text.push_str(" của Ban Thường vụ Tỉnh ủy");
    }
    (text, number)
}

/// Ratios as a table row: right/total and percent.
fn ratio(right: usize, total: usize) -> String {
    if total == 0 {
        return "—".to_string();
    }
    format!("{right}/{total} ({:.1} %)", 100.0 * right as f64 / total as f64)
}

#[test]
fn wording_rules_have_high_precision_and_recall_per_kind() {
    let mut rng = fastrand::Rng::with_seed(20_261_202);
    let site = TestSite::new();
    // (citing notice's number, cited number, expected kind)
    let mut cases: Vec<(String, String, &str)> = Vec::new();
    let mut serial = 100;
    for kind in KINDS {
        let count = if kind == "cites" { 160 } else { 60 };
        for _ in 0..count {
            serial += 1;
            let form = rng.choice(forms(kind).iter()).unwrap();
            let (text, number) = document(&mut rng, serial);
            let sentence = form
                .replace("{doc}", &text)
                .replace("{part}", rng.choice(PARTS).unwrap())
                .replace("{who}", rng.choice(WHO).unwrap())
                .replace("{what}", rng.choice(WHAT).unwrap());
            let citing = format!("{serial}-TB/KT");
            // The cited document is in the archive, issued before.
            site.simple(
                &format!("2021/cited-{serial}.md"),
                &number,
                "2021-01-01",
                &format!("Văn bản được nêu {serial}"),
            );
            // The sentence as a paragraph of its own, or after an opening
            // paragraph and a heading (the body, not the preamble).
            let body = if rng.bool() {
                sentence.clone()
            } else {
                format!(
                    "Ngày 10/02/2022, {} họp.\n\n## I. Kết luận\n\n{sentence}",
                    rng.choice(WHO).unwrap()
                )
            };
            site.notice(
                &format!("2022/citing-{serial}.md"),
                &format!("title = \"Kết luận {serial}\"\nnumber = \"{citing}\"\ndate = 2022-03-01"),
                &body,
            );
            cases.push((citing, number, kind));
        }
    }
    // Sentences with a verb of relation and no number: no relation at all.
    site.notice(
        "2022/no-number.md",
        "title = \"Không số\"\nnumber = \"1-TB/KT\"\ndate = 2022-03-01",
        "Ban đã sửa đổi quy trình tiếp công dân. Bãi bỏ thủ tục không cần thiết.",
    );
    site.build_ok(&[]);

    let index: serde_json::Value = serde_json::from_str(&site.read("notices.json")).unwrap();
    let mut found: BTreeMap<(String, String), String> = BTreeMap::new();
    for record in index["notices"].as_array().unwrap() {
        let citing = record["number"].as_str().unwrap_or_default().to_string();
        for relation in record["relations"].as_array().unwrap() {
            found.insert(
                (citing.clone(), relation["number"].as_str().unwrap().to_string()),
                relation["relation"].as_str().unwrap().to_string(),
            );
        }
        if citing == "1-TB/KT" {
            assert!(record["relations"].as_array().unwrap().is_empty(), "{record}");
        }
    }

    let mut table = String::from("| kind | precision | recall |\n| --- | --- | --- |\n");
    let mut failures = Vec::new();
    for kind in KINDS {
        let expected = cases.iter().filter(|case| case.2 == kind).count();
        let predicted: Vec<&(String, String, &str)> = cases
            .iter()
            .filter(|(citing, number, _)| {
                found.get(&(citing.clone(), number.clone())).map(String::as_str) == Some(kind)
            })
            .collect();
        let right = predicted.iter().filter(|case| case.2 == kind).count();
        let _ = writeln!(
            table,
            "| {kind} | {} | {} |",
            ratio(right, predicted.len()),
            ratio(right, expected)
        );
        if right * 100 < predicted.len() * 95 || right * 100 < expected * 95 {
            failures.push(kind);
        }
    }
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|(citing, number, kind)| {
            let got = found
                .get(&(citing.clone(), number.clone()))
                .cloned()
                .unwrap_or_default();
            (got != *kind).then(|| format!("{citing}: expected {kind}, got {got:?}"))
        })
        .collect();
    println!("{table}");
    assert!(
        failures.is_empty(),
        "below 95 %: {failures:?}\n{table}\n{}",
        wrong.join("\n")
    );
}
