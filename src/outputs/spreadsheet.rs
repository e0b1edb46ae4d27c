//! `/notices.csv`: the register as a spreadsheet for office tools (SPEC
//! §4, §10). UTF-8 with a byte-order mark, so that Excel and LibreOffice
//! read the diacritics right; one row per notice, newest first; Vietnamese
//! column names; lists in one cell, separated by "; "; dates ISO
//! (`2021-04-12`), which both read as dates.

use crate::link::archive::Archive;
use crate::model::files::{Contents, OutputFile};
use crate::model::relation::Relation;

/// The columns, in order.
pub const COLUMNS: [&str; 27] = [
    "Số, ký hiệu",
    "Ngày ban hành",
    "Loại văn bản",
    "Trích yếu nội dung",
    "Cơ quan ban hành",
    "Địa danh",
    "Người ký",
    "Chức vụ người ký",
    "Quyền hạn ký",
    "Lĩnh vực",
    "Chủ đề",
    "Nơi nhận",
    "Ngày có hiệu lực",
    "Ngày hết hiệu lực",
    "Tình trạng hiệu lực",
    "Tính đến ngày",
    "Thay thế",
    "Sửa đổi, bổ sung",
    "Bãi bỏ",
    "Tạm ngưng hiệu lực",
    "Đính chính",
    "Hướng dẫn",
    "Căn cứ",
    "Văn bản được dẫn chiếu",
    "Bị thay thế, bãi bỏ, sửa đổi hoặc tạm ngưng bởi",
    "Độ mật",
    "Địa chỉ trang",
];

/// `notices.csv`.
pub fn notices_csv(archive: &Archive) -> OutputFile {
    let config = &archive.site.config;
    let notices = archive.notices();
    let mut bytes = Vec::with_capacity(64 + notices.len() * 600);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(bytes);
    // Writing into memory cannot fail.
    let _ = writer.write_record(COLUMNS);
    let number_of = |index: usize| {
        let front = &notices[index].front;
        front.number.clone().unwrap_or_else(|| front.title.clone())
    };
    for &index in &archive.order {
        let notice = &notices[index];
        let front = &notice.front;
        let relations = &archive.citations.relations[index];
        let named = |kinds: &[Relation]| -> String {
            relations
                .iter()
                .filter(|citation| kinds.contains(&citation.relation))
                .map(|citation| match citation.target {
                    Some(target) => number_of(target),
                    None => citation.number.clone(),
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let acted_on_by = archive.citations.received[index]
            .iter()
            .filter(|received| {
                matches!(
                    received.relation,
                    Relation::Supersedes | Relation::Repeals | Relation::Amends | Relation::Suspends
                )
            })
            .map(|received| number_of(received.from))
            .collect::<Vec<_>>()
            .join("; ");
        let state = archive.validity[index].on(config.today).state;
        let record: [String; 27] = [
            front.number.clone().unwrap_or_default(),
            front.date.to_string(),
            front.kind.clone(),
            front.title.clone(),
            front.issuer.clone(),
            front.place.clone(),
            front.signer.clone(),
            front.signer_title.clone(),
            front.authority.clone(),
            front.field.clone(),
            front.tags.join("; "),
            front.recipients.join("; "),
            front.effective.to_string(),
            front.expires.map(|date| date.to_string()).unwrap_or_default(),
            state.name().to_string(),
            config.today.to_string(),
            named(&[Relation::Supersedes]),
            named(&[Relation::Amends]),
            named(&[Relation::Repeals]),
            named(&[Relation::Suspends]),
            named(&[Relation::Corrects]),
            named(&[Relation::Guides]),
            named(&[Relation::BasedOn]),
            named(&[Relation::Cites, Relation::Related]),
            acted_on_by,
            front.classification.clone(),
            format!("{}{}", config.base_url, notice.url_path()),
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    OutputFile {
        path: "notices.csv".to_string(),
        contents: Contents::Bytes(bytes),
    }
}

/// The columns of `tasks.csv`, in order.
pub const TASK_COLUMNS: [&str; 14] = [
    "Đơn vị chủ trì",
    "Đơn vị phối hợp",
    "Nhiệm vụ",
    "Thời hạn",
    "Thời hạn theo văn bản",
    "Định kỳ",
    "Tình trạng",
    "Tính đến ngày",
    "Ngày hoàn thành",
    "Văn bản báo cáo hoàn thành",
    "Số, ký hiệu văn bản giao",
    "Ngày văn bản giao",
    "Trích yếu văn bản giao",
    "Địa chỉ trang",
];

/// `tasks.csv` (SPEC §9): one row per task, in the order of `/tasks/`
/// (open ones by deadline, then done ones); UTF-8 with a byte-order mark.
pub fn tasks_csv(archive: &Archive) -> OutputFile {
    let config = &archive.site.config;
    let notices = archive.notices();
    let tasks = &archive.tasks;
    let mut bytes = Vec::with_capacity(64 + tasks.all.len() * 400);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(bytes);
    // Writing into memory cannot fail.
    let _ = writer.write_record(TASK_COLUMNS);
    let date = |day: Option<jiff::civil::Date>| day.map(|day| day.to_string()).unwrap_or_default();
    for &at in &tasks.order {
        let task = &tasks.all[at];
        let notice = &notices[task.notice];
        let state = crate::link::task_list::state(task, config.today);
        let page = format!("{}{}", config.base_url, task.path_in(notice));
        let with: Vec<&str> = task.with.iter().map(|unit| unit.name.as_str()).collect();
        let _ = writer.write_record([
            task.unit.name.as_str(),
            &with.join("; "),
            &task.text,
            &date(task.due),
            &task.due_text,
            task.every
                .map(crate::link::task_list::every_name_vi)
                .unwrap_or_default(),
            state.name_vi(),
            &config.today.to_string(),
            &date(task.done_on),
            task.done_by.as_deref().unwrap_or_default(),
            notice.front.number.as_deref().unwrap_or_default(),
            &notice.front.date.to_string(),
            &notice.front.title,
            &page,
        ]);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    OutputFile {
        path: "tasks.csv".to_string(),
        contents: Contents::Bytes(bytes),
    }
}
