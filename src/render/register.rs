//! The register page of a year (sổ đăng ký văn bản, SPEC §10): the year's
//! notices in number order, in the columns of Nghị định 30/2020 Phụ lục IV.

use serde::Serialize;

use crate::link::archive::{Archive, Year};
use crate::model::number::DocumentNumber;
use crate::render::relations::short_date;
use crate::render::renderer::Renderer;

/// One row of the register.
#[derive(Debug, Clone, Serialize)]
pub struct RegisterRow {
    /// Số, ký hiệu văn bản; empty when the notice has none.
    pub number: String,
    /// Ngày tháng văn bản, `dd/mm/yyyy`, and ISO.
    pub date_text: String,
    pub date: String,
    /// Tên loại and trích yếu nội dung.
    pub kind: String,
    pub title: String,
    pub url: String,
    /// Người ký.
    pub signer: String,
    /// Nơi nhận: the recipients but the file copy.
    pub recipients: Vec<String>,
    /// Đơn vị, người nhận bản lưu: the recipients that begin "Lưu".
    pub keeper: Vec<String>,
    /// Số lượng bản: `extra.copies` when given.
    pub copies: String,
    /// Ghi chú: the validity when not in force, and by what.
    pub note: String,
}

/// The rows of a year's register, in number order (serial, then date;
/// notices without a number last, by date).
pub fn register_rows(archive: &Archive, year: &Year, renderer: &Renderer) -> Vec<RegisterRow> {
    let notices = archive.notices();
    let mut order = year.notices.clone();
    order.sort_by_cached_key(|&index| {
        let front = &notices[index].front;
        let serial = front
            .number
            .as_deref()
            .map(|number| DocumentNumber::new(number).serial());
        (serial.is_none(), serial, front.date, front.number.clone(), index)
    });
    let base = archive.site.config.base_path();
    order
        .into_iter()
        .map(|index| {
            let notice = &notices[index];
            let front = &notice.front;
            let (keeper, recipients): (Vec<String>, Vec<String>) = front
                .recipients
                .iter()
                .cloned()
                .partition(|recipient| is_file_copy(recipient));
            let period = archive.validity[index].on(archive.site.config.today);
            let note = match period.state {
                crate::link::validity::State::InForce => String::new(),
                state => {
                    let mut note = renderer.string(&format!("validity_{}", state.key()));
                    if let Some((by, relation)) = period.by {
                        let by = &notices[by].front;
                        note.push_str(&format!(
                            " ({} {})",
                            renderer
                                .string(&format!("relation_{}_by", relation.key()))
                                .to_lowercase(),
                            by.number.as_deref().unwrap_or(&by.title)
                        ));
                    }
                    note
                }
            };
            RegisterRow {
                number: front.number.clone().unwrap_or_default(),
                date_text: short_date(renderer, front.date),
                date: front.date.to_string(),
                kind: front.kind.clone(),
                title: front.title.clone(),
                url: format!("{base}{}", notice.url_path()),
                signer: front.signer.clone(),
                recipients,
                keeper: keeper
                    .iter()
                    .map(|line| {
                        line.trim_start_matches(|c: char| c == '-' || c.is_whitespace())
                            .trim_start_matches("Lưu")
                            .trim_start_matches(':')
                            .trim()
                            .to_string()
                    })
                    .collect(),
                copies: match front.extra.get("copies") {
                    Some(serde_json::Value::Number(number)) => number.to_string(),
                    Some(serde_json::Value::String(text)) => text.clone(),
                    _ => String::new(),
                },
                note,
            }
        })
        .collect()
}

/// Whether a "Nơi nhận" line is the file copy: "Lưu VT", "- Lưu: VP, TH".
fn is_file_copy(recipient: &str) -> bool {
    let line = recipient.trim_start_matches(|c: char| c == '-' || c.is_whitespace());
    let Some(rest) = line.strip_prefix("Lưu") else {
        return false;
    };
    rest.starts_with([':', '.']) || rest.starts_with(' ') && !rest.trim_start().starts_with("trữ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_copy_is_the_line_that_begins_luu() {
        assert!(is_file_copy("Lưu Văn phòng"));
        assert!(is_file_copy("- Lưu: VT, TH."));
        assert!(!is_file_copy("Lưu trữ lịch sử tỉnh"));
        assert!(!is_file_copy("Sở Nội vụ"));
    }
}
