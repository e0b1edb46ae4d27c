//! What a reader sees of tasks (SPEC §9): the notice's task list with a
//! link to each sentence, `/tasks/` and `/tasks/{unit}/`, `tasks.csv`,
//! `notices.json`, a unit's feed, `thongbao check`, the front matter's
//! `[[tasks]]` and site.toml's `[units]`; and overdue worked out again in
//! a real browser.

use crate::common::{TestSite, text};

/// A conclusion that assigns tasks in several forms, a report that closes
/// one, built as of 2022-07-15.
fn site_with_tasks() -> TestSite {
    let site = TestSite::new();
    site.write(
        "site.toml",
        "title = \"Kho\"\nbase_url = \"http://kho.test/\"\n\n[units]\n\"Sở Kế hoạch và Đầu tư\" = [\"Sở KH&ĐT\"]\n",
    );
    site.notice(
        "2022/12-tb-ubnd.md",
        r#"title = "Kết luận về tiến độ các công trình trọng điểm"
number = "12/TB-UBND"
date = 2022-03-01
issuer = "Ủy ban nhân dân tỉnh"

[[tasks]]
unit = "Sở Tài chính"
due = 2022-06-30
done = 2022-06-20
done_by = "88/BC-STC"

[[tasks]]
unit = "Thanh tra tỉnh"
task = "Thanh tra việc quản lý vốn đầu tư công trình cầu Trà Khúc 3"
due = 2022-12-31"#,
        "Ngày 25/02/2022, Chủ tịch Ủy ban nhân dân tỉnh họp về tiến độ các công trình trọng điểm. Sau khi nghe Sở Xây dựng báo cáo, Chủ tịch kết luận:\n\n\
         1. Giao Sở Tài chính chủ trì, phối hợp với Sở KH&ĐT cân đối vốn cho công trình đường ven biển, hoàn thành trước ngày 30/6/2022.\n\n\
         2. Sở Kế hoạch và Đầu tư tham mưu điều chỉnh kế hoạch vốn trong quý III/2022.\n\n\
         3. Đề nghị Ủy ban nhân dân huyện Sơn Tịnh hằng tháng báo cáo tiến độ giải phóng mặt bằng.\n\n\
         4. Sở Xây dựng đã hoàn thành trước ngày 15/02/2022 việc thẩm định thiết kế.\n",
    );
    site.notice(
        "2022/88-bc-stc.md",
        "title = \"Báo cáo kết quả cân đối vốn công trình đường ven biển\"\nnumber = \"88/BC-STC\"\ndate = 2022-06-20\nkind = \"Báo cáo\"\nissuer = \"Sở Tài chính\"",
        "Sở Tài chính báo cáo kết quả thực hiện nhiệm vụ được giao.",
    );
    site.build_as_of("2022-07-15");
    site
}

#[test]
fn a_notice_lists_its_tasks_and_links_each_sentence() {
    let site = site_with_tasks();
    let page = site.read("2022/12-tb-ubnd/index.html");
    // Each sentence with a task carries an anchor the list links to.
    assert!(
        page.contains("<li id=\"nhiem-vu-1\">\n<p>Giao Sở Tài chính chủ trì"),
        "{page}"
    );
    assert!(page.contains("<li id=\"nhiem-vu-2\">\n<p>Sở Kế hoạch và Đầu tư tham mưu"));
    assert!(page.contains(r##"href="/2022/12-tb-ubnd/#nhiem-vu-1""##));
    assert!(page.contains(r##"href="/2022/12-tb-ubnd/#nhiem-vu-3""##));
    // Work already done is no task: three found, one added.
    assert!(!page.contains(r#"id="nhiem-vu-4""#));
    assert!(page.contains("Nhiệm vụ được giao <span class=\"tasks-count\">(4)</span>"));
    // The short name is the unit site.toml lists; the report that closed
    // the first task is linked; states as of the build's day.
    assert!(page.contains(r#"<a href="/tasks/so-ke-hoach-va-dau-tu/">Sở Kế hoạch và Đầu tư</a>"#));
    assert!(page.contains(r#"theo báo cáo <a href="/2022/88-bc-stc/">88/BC-STC</a>"#));
    assert!(page.contains(r#"<li class="task task-done" data-due="2022-06-30" data-done="true">"#));
    assert!(page.contains(r#"<li class="task task-open" data-due="2022-09-30" data-done="false">"#));
    assert!(page.contains("Hằng tháng"));
    assert!(page.contains("Tính đến ngày <time class=\"tasks-today\" datetime=\"2022-07-15\""));
    // The report links back to the task it closed.
    let report = site.read("2022/88-bc-stc/index.html");
    assert!(
        report.contains("<h2 id=\"closes-heading\">Báo cáo hoàn thành nhiệm vụ</h2>"),
        "{report}"
    );
    assert!(report.contains(r##"<a href="/2022/12-tb-ubnd/#nhiem-vu-1">Giao Sở Tài chính chủ trì"##));
}

#[test]
fn the_task_pages_list_open_tasks_by_deadline_then_done_ones() {
    let site = site_with_tasks();
    let all = site.read("tasks/index.html");
    let at = |needle: &str| all.find(needle).unwrap_or_else(|| panic!("{needle} not on /tasks/"));
    // Open by deadline (the one without a date last among them), then done.
    assert!(at("Sở Kế hoạch và Đầu tư tham mưu") < at("Thanh tra việc quản lý vốn"));
    assert!(at("Thanh tra việc quản lý vốn") < at("hằng tháng báo cáo"));
    assert!(at("hằng tháng báo cáo") < at("Giao Sở Tài chính chủ trì"));
    assert!(all.contains("4 nhiệm vụ"));
    // Filters for the browser, hidden without it.
    assert!(all.contains(r#"<form class="tasks-filter" hidden"#));
    assert!(all.contains(r#"<option value="so-tai-chinh">Sở Tài chính</option>"#));
    // A unit's page: what it leads and what it assists with.
    let unit = site.read("tasks/so-ke-hoach-va-dau-tu/index.html");
    assert!(unit.contains("<h1>Nhiệm vụ của Sở Kế hoạch và Đầu tư</h1>"), "{unit}");
    assert!(unit.contains("Sở Kế hoạch và Đầu tư tham mưu"));
    assert!(unit.contains("<span class=\"task-role\">Phối hợp:</span>"));
    assert!(unit.contains(r#"href="/tasks/so-ke-hoach-va-dau-tu/feed.xml""#));
    // No page for a unit only named in work already done.
    assert!(!site.path("public/tasks/so-xay-dung").exists());
}

#[test]
fn tasks_are_data_too() {
    let site = site_with_tasks();
    // tasks.csv: UTF-8 with a byte-order mark, Vietnamese columns, a row per task.
    let bytes = std::fs::read(site.path("public/tasks.csv")).unwrap();
    assert!(bytes.starts_with("\u{feff}".as_bytes()));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..4],
        ["Đơn vị chủ trì", "Đơn vị phối hợp", "Nhiệm vụ", "Thời hạn"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let state = header.iter().position(|name| name == "Tình trạng").unwrap();
    assert_eq!(&rows[0][0], "Sở Kế hoạch và Đầu tư");
    assert_eq!(&rows[0][3], "2022-09-30");
    assert_eq!(&rows[3][state], "Đã hoàn thành");
    assert!(rows[3].iter().any(|cell| cell == "88/BC-STC"));
    // notices.json: tasks with their state and where they are.
    let index: serde_json::Value = serde_json::from_str(&site.read("notices.json")).unwrap();
    let record = index["notices"]
        .as_array()
        .unwrap()
        .iter()
        .find(|record| record["number"] == "12/TB-UBND")
        .unwrap();
    let tasks = record["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 4);
    assert_eq!(tasks[0]["unit"], "Sở Tài chính");
    assert_eq!(tasks[0]["with"][0], "Sở Kế hoạch và Đầu tư");
    assert_eq!(tasks[0]["state"], "done");
    assert_eq!(tasks[0]["done_by"]["url"], "/2022/88-bc-stc/");
    assert_eq!(tasks[0]["from"], "corrected");
    assert_eq!(tasks[2]["every"], "month");
    assert_eq!(tasks[3]["from"], "front_matter");
    assert!(tasks[3]["url"].is_null());
    // A unit's feed: its open tasks due within 30 days of the build.
    let site_later = site_with_tasks();
    site_later.build_as_of("2022-09-10");
    let feed = site_later.read("tasks/so-ke-hoach-va-dau-tu/feed.xml");
    assert!(
        feed.contains("<title>30/09/2022 12/TB-UBND: Sở Kế hoạch và Đầu tư tham mưu"),
        "{feed}"
    );
    assert!(!site_later.read("tasks/thanh-tra-tinh/feed.xml").contains("<entry>"));
}

#[test]
fn check_lists_overdue_tasks_per_unit_and_exits_0() {
    let site = site_with_tasks();
    let output = site.run_as_of(&["check"], "2022-10-05");
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("Tasks past their deadline and not done, as of 2022-10-05 (1 task, 1 unit):"),
        "{stdout}"
    );
    assert!(stdout.contains("  Sở Kế hoạch và Đầu tư (1)\n    2022-09-30  12/TB-UBND  Sở Kế hoạch và Đầu tư tham mưu"));
    assert!(stdout.contains("content/2022/12-tb-ubnd.md:"));
    assert!(stdout.contains("Checked 2 notices"));
    // --tasks: only the list.
    let only = site.run_as_of(&["check", "--tasks"], "2023-01-02");
    assert_eq!(only.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&only.stdout);
    assert!(
        stdout.starts_with("Tasks past their deadline and not done, as of 2023-01-02 (2 tasks, 2 units):"),
        "{stdout}"
    );
    assert!(!stdout.contains("Checked"));
}

#[test]
fn a_tasks_table_needs_its_unit_and_a_missing_report_is_a_warning() {
    let site = TestSite::new();
    site.notice(
        "2022/a.md",
        "title = \"A\"\nnumber = \"1-TB/X\"\ndate = 2022-01-05\n\n[[tasks]]\ntask = \"Không có đơn vị\"\n\n[[tasks]]\nunit = \"Sở Y tế\"\ndone_by = \"9/BC-SYT\"\nwhen = 2022-02-01",
        "Nội dung.",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let stderr = text(&output);
    assert!(stderr.contains("a [[tasks]] table needs `unit`"), "{stderr}");
    assert!(stderr.contains("content/2022/a.md:6:1"), "{stderr}");
    assert!(stderr.contains("unknown key `when` in [[tasks]]"), "{stderr}");

    let site = TestSite::new();
    site.notice(
        "2022/a.md",
        "title = \"A\"\nnumber = \"1-TB/X\"\ndate = 2022-01-05\n\n[[tasks]]\nunit = \"Sở Y tế\"\ndone_by = \"9/BC-SYT\"",
        "Nội dung.",
    );
    let output = site.build();
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let stderr = text(&output);
    assert!(
        stderr.contains("`done_by` names 9/BC-SYT, which is not in the archive yet"),
        "{stderr}"
    );
    assert!(site.read("2022/1-tb-x/index.html").contains("Đã hoàn thành"));
}

#[test]
fn the_browser_marks_overdue_tasks_for_today_and_filters_them() {
    let profile = tempfile::tempdir().unwrap();
    let Some(browser) = crate::common::browser::chromium(profile.path()) else {
        return;
    };
    let site = site_with_tasks();
    // Built in July: the September task is open; read in October, overdue.
    assert!(
        site.read("2022/12-tb-ubnd/index.html")
            .contains(r#"<li class="task task-open" data-due="2022-09-30""#)
    );
    let base = crate::common::static_server::serve_folder(&site.path("public"));
    let tab = browser.new_tab().unwrap();
    crate::common::browser::fake_clock(&tab, "2022-10-05");
    crate::common::browser::open(&tab, &format!("{base}2022/12-tb-ubnd/"));
    let shown = crate::common::browser::wait_for(
        &tab,
        "JSON.stringify([...document.querySelectorAll('.task-list .task')].map(t => [t.className, t.querySelector('.task-state').textContent]).concat([[document.querySelector('.notice-tasks .tasks-today').textContent, '']]))",
        "the tasks worked out again",
        |value| {
            value
                .as_str()
                .filter(|text| text.contains("overdue"))
                .map(str::to_string)
        },
    );
    let shown: Vec<(String, String)> = serde_json::from_str(&shown).unwrap();
    assert_eq!(shown[0], ("task task-done".to_string(), "Đã hoàn thành".to_string()));
    assert_eq!(shown[1], ("task task-overdue".to_string(), "Quá hạn".to_string()));
    assert_eq!(shown[2].1, "Đang thực hiện", "no deadline, not overdue");
    assert_eq!(shown[4].0, "05/10/2022");
    // /tasks/: filter by state, then by unit; the count is announced.
    crate::common::browser::open(&tab, &format!("{base}tasks/?state=overdue"));
    let visible = crate::common::browser::wait_for(
        &tab,
        "document.querySelector('form.tasks-filter').hidden ? '' : JSON.stringify([[...document.querySelectorAll('tr.task')].filter(r => !r.hidden).map(r => r.querySelector('td:nth-child(3)').textContent.slice(0, 25)), document.querySelector('.tasks-shown').textContent])",
        "the filtered task list",
        |value| value.as_str().filter(|text| !text.is_empty()).map(str::to_string),
    );
    let (rows, shown): (Vec<String>, String) = serde_json::from_str(&visible).unwrap();
    assert_eq!(rows, ["Sở Kế hoạch và Đầu tư tha"]);
    assert_eq!(shown, "Đang hiện 1 trong 4 nhiệm vụ");
    let by_unit = tab
        .evaluate(
            "(() => { const f = document.querySelector('form.tasks-filter'); f.querySelector('[name=state]').value = ''; f.querySelector('[name=unit]').value = 'so-tai-chinh'; f.dispatchEvent(new Event('change')); return [...document.querySelectorAll('tr.task')].filter(r => !r.hidden).length; })()",
            false,
        )
        .unwrap()
        .value
        .unwrap();
    assert_eq!(by_unit, 1);
    let _ = tab.close(true);
}
