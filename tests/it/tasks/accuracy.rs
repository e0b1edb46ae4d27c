//! How well tasks are found (SPEC §9): a generated archive of conclusions
//! that assign tasks in every form offices use (an assigning verb and a
//! unit, a unit and an act, a numbered item under a unit's heading, a list
//! after "Giao … thực hiện các nội dung sau:", a deadline in a second
//! sentence or before the unit), with units in their full and short names,
//! every form of deadline, and decoys (a unit named without a task, a date
//! that is not a deadline, work already done "trước ngày …"). Each task and
//! decoy carries a code ("công trình CT-123") to match what was found with
//! what was written. Unit and deadline must be right for ≥ 95 % of the
//! tasks, and at most 3 % of the tasks found may be false.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use thongbao::support::text::slugify;

use crate::common::TestSite;

/// A unit as written, and the name the archive should give it.
const UNITS: &[(&str, &str)] = &[
    ("Sở Kế hoạch và Đầu tư", "Sở Kế hoạch và Đầu tư"),
    ("Sở KH&ĐT", "Sở Kế hoạch và Đầu tư"),
    ("Sở Tài chính", "Sở Tài chính"),
    ("Sở Xây dựng", "Sở Xây dựng"),
    ("Sở Nội vụ", "Sở Nội vụ"),
    ("Sở Y tế", "Sở Y tế"),
    ("Sở Giáo dục và Đào tạo", "Sở Giáo dục và Đào tạo"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("Sở Tài nguyên và Môi trường", "Sở Tài nguyên và Môi trường"),
    ("Sở TN&MT", "Sở Tài nguyên và Môi trường"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Uỷ ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Ủy ban nhân dân huyện Sơn Hà", "Ủy ban nhân dân huyện Sơn Hà"),
    (
        "UBND các huyện, thị xã, thành phố",
        "Ủy ban nhân dân các huyện, thị xã, thành phố",
    ),
    ("Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy"),
    ("Ban Tổ chức Tỉnh ủy", "Ban Tổ chức Tỉnh ủy"),
    ("Công an tỉnh", "Công an tỉnh"),
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh"),
    (
        "Sở Lao động - Thương binh và Xã hội",
        "Sở Lao động - Thương binh và Xã hội",
    ),
    ("Sở LĐTB&XH", "Sở Lao động - Thương binh và Xã hội"),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Nông nghiệp và Phát triển nông thôn",
    ),
    ("Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự tỉnh"),
    (
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
    ),
    ("Hội Nông dân tỉnh", "Hội Nông dân tỉnh"),
    ("Các sở, ban, ngành", "Các sở, ban, ngành"),
    ("Sở Giao thông vận tải", "Sở Giao thông vận tải"),
    ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông"),
    ("Sở TT&TT", "Sở Thông tin và Truyền thông"),
    ("Ban Quản lý các khu công nghiệp", "Ban Quản lý các khu công nghiệp"),
    ("Thanh tra tỉnh", "Thanh tra tỉnh"),
];

/// What is to be done, without its unit ("{code}" is the task's code).
const WHAT: &[&str] = &[
    "rà soát, hoàn thiện phương án bồi thường công trình {code}",
    "tổng hợp khó khăn, vướng mắc về mặt bằng công trình {code}",
    "xây dựng kế hoạch kiểm tra công trình {code}",
    "đề xuất bố trí kinh phí cho công trình {code}",
    "hướng dẫn các địa phương lập hồ sơ công trình {code}",
    "kiểm tra, xử lý dứt điểm kiến nghị của nhân dân về công trình {code}",
    "tham mưu điều chỉnh quy hoạch công trình {code}",
];

/// Acts that open a numbered item or a list item with no unit of its own.
const ACT_FIRST: &[&str] = &[
    "Rà soát, hoàn thiện phương án bồi thường công trình {code}",
    "Tổng hợp khó khăn, vướng mắc về mặt bằng công trình {code}",
    "Tăng cường kiểm tra công trình {code}",
    "Tiếp tục theo dõi, đôn đốc tiến độ công trình {code}",
    "Chủ động phối hợp với Sở Xây dựng kiểm tra công trình {code}",
];

/// A deadline as written, and the date (or recurrence) it means.
const DEADLINES: &[(&str, &str)] = &[
    ("trước ngày 30/6/2022", "2022-06-30"),
    ("chậm nhất ngày 15/12/2022", "2022-12-15"),
    ("chậm nhất là ngày 05/8/2022", "2022-08-05"),
    ("trong tháng 3/2023", "2023-03-31"),
    ("trong tháng 9 năm 2022", "2022-09-30"),
    ("trong quý III/2022", "2022-09-30"),
    ("trong quý 4 năm 2022", "2022-12-31"),
    ("trong năm 2023", "2023-12-31"),
    ("trước ngày 20 tháng 10 năm 2022", "2022-10-20"),
    ("trong 6 tháng đầu năm 2023", "2023-06-30"),
    ("hằng tháng", "every:month"),
    ("định kỳ hằng quý", "every:quarter"),
    ("", ""),
];

/// One generated task: its code, the canonical unit, the deadline meant
/// (form 17 names the unit's head, "Giám đốc Sở …": the unit is the
/// person's title as written).
struct Expected {
    code: String,
    unit: &'static str,
    due: &'static str,
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(0..items.len())]
}

/// Writes one task in a random form: returns the Markdown and fills
/// `expected`.
fn task_markdown(rng: &mut fastrand::Rng, code: &str, expected: &mut Vec<Expected>) -> String {
    let (unit, canonical) = *pick(rng, UNITS);
    let (mut other, _) = *pick(rng, UNITS);
    if other == unit {
        other = "Sở Tư pháp";
    }
    let (due_text, due) = *pick(rng, DEADLINES);
    let what = pick(rng, WHAT).replace("{code}", code);
    let act = pick(rng, ACT_FIRST).replace("{code}", code);
    let due_part = if due_text.is_empty() {
        String::new()
    } else {
        format!(", {due_text}")
    };
    let form = rng.usize(0..22);
    expected.push(Expected {
        code: code.to_string(),
        unit: canonical,
        due,
    });
    match form {
        0 => format!("Giao {unit} chủ trì, phối hợp với {other} {what}{due_part}."),
        1 => format!("Đề nghị {unit} {what}, báo cáo kết quả về Ban Thường vụ Tỉnh ủy{due_part}."),
        2 => format!("{unit} tham mưu Ủy ban nhân dân tỉnh {what}{due_part}."),
        3 => format!("Yêu cầu {unit} khẩn trương {what}{due_part}."),
        4 => format!("Ban Thường vụ Tỉnh ủy giao {unit} {what}{due_part}."),
        5 => format!("Thống nhất giao {unit} phối hợp với {other} {what}{due_part}."),
        6 => format!("1. {unit}: {what}{due_part}."),
        7 if !due_text.is_empty() && !due.starts_with("every") => {
            let opener = due_text[..1].to_uppercase() + &due_text[1..];
            format!("{opener}, {unit} {what}.")
        }
        8 if !due_text.is_empty() && !due.starts_with("every") => format!("Giao {unit} {what}. Hoàn thành {due_text}."),
        9 => format!("### 3. {unit}\n\n3.1. {act}{due_part}.\n\n## III. Tổ chức thực hiện"),
        10 => format!("Giao {unit} thực hiện các nội dung sau:\n\n- {act}{due_part}."),
        11 => format!("{unit} chủ trì, phối hợp với {other} {what}{due_part}."),
        // Two units lead: the first is the unit, the other assists.
        12 => format!("Giao {unit} và {other} {what}{due_part}."),
        13 => format!("{unit} có trách nhiệm {what}{due_part}."),
        14 => format!("Giao cho {unit} {what}{due_part}."),
        // A bold paragraph naming the unit, as Word files give it, then
        // lettered paragraphs.
        15 => {
            let colon = if rng.bool() { ":" } else { "" };
            format!("**4. {unit}{colon}**\n\na) {act}{due_part}.\n\n## IV. Tổ chức thực hiện")
        }
        16 if !due_text.is_empty() && !due.starts_with("every") => {
            format!(
                "Đề nghị {unit} {what}. Thời gian hoàn thành: {}.",
                due_text
                    .trim_start_matches("trước ngày ")
                    .trim_start_matches("chậm nhất là ngày ")
                    .trim_start_matches("chậm nhất ngày ")
            )
        }
        17 => format!("Giao Giám đốc {unit} {what}{due_part}."),
        // Two units before the act: the first leads.
        19 => format!("{unit}, {other} phối hợp {what}{due_part}."),
        // A list item naming the unit, its tasks in a list inside it.
        20 => format!("1. {unit}:\n    - {act}{due_part}.\n\n## IV. Tổ chức thực hiện"),
        18 if due_text.starts_with("trước ngày") => {
            format!(
                "Chậm nhất đến ngày {}, {unit} phải {what}.",
                due_text.trim_start_matches("trước ngày ")
            )
        }
        _ => format!("Giao {unit} {what}{due_part}."),
    }
}

/// Deadlines as a table's column gives them.
const CELL_DEADLINES: &[(&str, &str)] = &[
    ("30/6/2022", "2022-06-30"),
    ("15/12/2022", "2022-12-15"),
    ("Quý III/2022", "2022-09-30"),
    ("Quý IV năm 2022", "2022-12-31"),
    ("Tháng 3/2023", "2023-03-31"),
    ("Năm 2023", "2023-12-31"),
    ("Trước ngày 20/10/2022", "2022-10-20"),
    ("Hằng tháng", "every:month"),
    ("", ""),
];

/// A table of tasks, as conclusions often attach one: a row per task.
fn task_table(rng: &mut fastrand::Rng, codes: &[String], expected: &mut Vec<Expected>) -> String {
    let mut table = String::from(
        "| TT | Nội dung nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian hoàn thành |\n| --- | --- | --- | --- | --- |\n",
    );
    for (at, code) in codes.iter().enumerate() {
        let (unit, canonical) = *pick(rng, UNITS);
        let (other, _) = *pick(rng, UNITS);
        let (due_text, due) = *pick(rng, CELL_DEADLINES);
        let act = pick(rng, ACT_FIRST).replace("{code}", code);
        let _ = writeln!(table, "| {} | {act} | {unit} | {other} | {due_text} |", at + 1);
        expected.push(Expected {
            code: code.clone(),
            unit: canonical,
            due,
        });
    }
    table
}

/// Sentences with a unit, a date or a deadline word that assign nothing.
fn decoy_markdown(rng: &mut fastrand::Rng, code: &str) -> String {
    let (unit, _) = *pick(rng, UNITS);
    let forms = [
        format!("{unit} đã hoàn thành trước ngày 30/6/2021 việc kiểm kê công trình {code}."),
        format!("Ngày 15/3/2022, {unit} tổ chức hội nghị sơ kết công trình {code}."),
        format!("Sau khi nghe {unit} báo cáo tiến độ công trình {code}, Ban Thường vụ Tỉnh ủy kết luận như sau:"),
        format!("Ban Thường vụ Tỉnh ủy đánh giá cao {unit} đã triển khai công trình {code}."),
        format!("Đại diện {unit} tham dự hội nghị về công trình {code}."),
        format!("{unit} đang triển khai công trình {code} theo Kế hoạch số 12/KH-UBND ngày 10/02/2022."),
        format!("Hội nghị thống nhất với báo cáo của {unit} về công trình {code}."),
        format!("Trong năm 2021, {unit} đã giải ngân 80 % kế hoạch vốn công trình {code}."),
        format!("Công trình {code} do {unit} làm chủ đầu tư được khởi công ngày 02/9/2021."),
        format!("Theo đề nghị của {unit}, công trình {code} được điều chỉnh tiến độ."),
        format!("Tại hội nghị giao ban, {unit} đã báo cáo tiến độ công trình {code}."),
        format!("Theo báo cáo của {unit}, đến ngày 30/6/2022 đã giải phóng mặt bằng công trình {code}."),
        format!("Giao ban định kỳ hằng tháng về công trình {code} do {unit} chủ trì."),
    ];
    pick(rng, &forms).clone()
}

fn ratio(right: usize, total: usize) -> String {
    if total == 0 {
        return "—".to_string();
    }
    format!("{right}/{total} ({:.1} %)", 100.0 * right as f64 / total as f64)
}

#[test]
fn tasks_are_found_with_their_unit_and_deadline() {
    let mut rng = fastrand::Rng::with_seed(20_261_203);
    let site = TestSite::new();
    let mut expected: Vec<Expected> = Vec::new();
    let mut decoys: Vec<String> = Vec::new();
    let mut written: BTreeMap<String, String> = BTreeMap::new();
    let mut code = 100;
    for notice in 0..120 {
        let mut blocks = vec![format!(
            "Ngày 10/02/2022, Ban Thường vụ Tỉnh ủy họp nghe báo cáo tình hình triển khai các công trình trọng điểm năm 2022."
        )];
        blocks.push("## I. Kết quả".to_string());
        for _ in 0..2 {
            code += 1;
            let decoy = format!("CT-{code}");
            blocks.push(decoy_markdown(&mut rng, &decoy));
            decoys.push(decoy);
        }
        blocks.push("## II. Nhiệm vụ thời gian tới".to_string());
        for _ in 0..5 {
            code += 1;
            let markdown = task_markdown(&mut rng, &format!("CT-{code}"), &mut expected);
            written.insert(format!("CT-{code}"), markdown.clone());
            blocks.push(markdown);
        }
        if notice % 4 == 0 {
            let codes: Vec<String> = (0..3)
                .map(|_| {
                    code += 1;
                    format!("CT-{code}")
                })
                .collect();
            blocks.push("Các nhiệm vụ cụ thể như sau:".to_string());
            blocks.push(task_table(&mut rng, &codes, &mut expected));
        }
        site.notice(
            &format!("2022/ket-luan-{notice}.md"),
            &format!(
                "title = \"Kết luận {notice}\"\nnumber = \"{}-TB/TU\"\ndate = 2022-03-01",
                notice + 1
            ),
            &blocks.join("\n\n"),
        );
    }
    site.build_ok(&[]);

    let index: serde_json::Value = serde_json::from_str(&site.read("notices.json")).unwrap();
    // Each task found, by the code its text holds.
    let mut found: BTreeMap<String, (String, String)> = BTreeMap::new();
    let mut without_code = Vec::new();
    for record in index["notices"].as_array().unwrap() {
        for task in record["tasks"].as_array().unwrap() {
            let text = task["task"].as_str().unwrap();
            let due = match (task["due"].as_str(), task["every"].as_str()) {
                (Some(due), _) => due.to_string(),
                (None, Some(every)) => format!("every:{every}"),
                (None, None) => String::new(),
            };
            let slug = task["unit_url"]
                .as_str()
                .unwrap()
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            let codes: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '-'))
                .filter(|word| word.starts_with("CT-"))
                .collect();
            if codes.is_empty() {
                without_code.push(text.to_string());
            }
            for code in codes {
                found.insert(code.to_string(), (slug.clone(), due.clone()));
            }
        }
    }
    let total_found: usize = index["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|record| record["tasks"].as_array().unwrap().len())
        .sum();

    let (mut unit_right, mut due_right, mut both_right) = (0, 0, 0);
    let mut wrong = Vec::new();
    for task in &expected {
        let want_slug = slugify(task.unit);
        match found.get(&task.code) {
            Some((slug, due)) => {
                let unit_ok = *slug == want_slug;
                let due_ok = due == task.due;
                unit_right += unit_ok as usize;
                due_right += due_ok as usize;
                both_right += (unit_ok && due_ok) as usize;
                if !(unit_ok && due_ok) {
                    wrong.push(format!(
                        "{}: want {want_slug} {:?}, got {slug} {due:?}",
                        task.code, task.due
                    ));
                }
            }
            None => wrong.push(format!("{}: not found in {:?}", task.code, written[&task.code])),
        }
    }
    let false_tasks = decoys.iter().filter(|code| found.contains_key(*code)).count() + without_code.len();
    let mut table = String::from("| measure | result |\n| --- | --- |\n");
    let _ = writeln!(
        table,
        "| tasks found | {} |",
        ratio(
            expected.iter().filter(|t| found.contains_key(&t.code)).count(),
            expected.len()
        )
    );
    let _ = writeln!(table, "| unit right | {} |", ratio(unit_right, expected.len()));
    let _ = writeln!(table, "| deadline right | {} |", ratio(due_right, expected.len()));
    let _ = writeln!(
        table,
        "| unit and deadline right | {} |",
        ratio(both_right, expected.len())
    );
    let _ = writeln!(
        table,
        "| false tasks (of those found) | {} |",
        ratio(false_tasks, total_found)
    );
    let _ = writeln!(
        table,
        "| decoys taken for tasks | {} |",
        ratio(
            decoys.iter().filter(|code| found.contains_key(*code)).count(),
            decoys.len()
        )
    );
    println!("{table}");
    if std::env::var_os("TASKS_WRONG").is_some() {
        println!("{}", wrong.join("\n"));
    }
    let false_decoys: Vec<&String> = decoys.iter().filter(|code| found.contains_key(*code)).collect();
    assert!(
        both_right * 100 >= expected.len() * 95 && false_tasks * 100 <= total_found * 3,
        "{table}\n{}\nfalse: {false_decoys:?} {without_code:?}",
        wrong.join("\n")
    );
}
