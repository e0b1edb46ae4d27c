//! The deadline of a task read from its wording (SPEC §9): "trước ngày
//! 30/6/2021", "chậm nhất ngày …", "trong tháng 3/2022" (the last day of the
//! month), "trong quý III/2023" or "quý 3 năm 2023" (the last day of the
//! quarter), "trong năm 2024", "6 tháng đầu năm 2022"; and a recurring one,
//! "hằng tháng", which has no single date.
//!
//! A date counts only after a word of deadline ("trước", "chậm nhất",
//! "hạn", "thời hạn", "thời gian hoàn thành", "trong", "đến hết"): the
//! dates of cited documents and of meetings are not deadlines. A deadline
//! said of work already done ("đã hoàn thành trước ngày …") is not one.
//! "Trước" a month, quarter or year means by the end of the one before.

use std::sync::LazyLock;

use jiff::ToSpan;
use jiff::civil::Date;
use regex::{Captures, Regex};

use crate::model::task::Every;

/// A deadline as read: the day (if any), how often (if recurring), and
/// the words that said it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Deadline {
    pub due: Option<Date>,
    pub every: Option<Every>,
    pub text: String,
}

impl Deadline {
    pub fn is_some(&self) -> bool {
        self.due.is_some() || self.every.is_some()
    }
}

static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    let marker = r"(?P<marker>trước|chậm\s+nhất(?:\s+là)?(?:\s+(?:vào|trước|đến|trong))?|muộn\s+nhất(?:\s+là)?|hạn\s+chót(?:\s+là)?|thời\s+hạn(?:\s+hoàn\s+thành)?(?:\s+là)?\s*:?|thời\s+gian\s+(?:hoàn\s+thành|thực\s+hiện)(?:\s+là)?\s*:?|thời\s+gian\s*:|hoàn\s+thành(?:\s+vào)?\s*:?|trong|đến(?:\s+hết)?|xong\s+trước)";
    let day = r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.\-]\s*(?P<m>\d{1,2})(?:\s*[/.\-]\s*(?P<y>\d{4}))?\b";
    let day_words = r"(?:ngày\s+)?(?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y2>\d{4}))?";
    let month = r"(?P<end_m>cuối\s+)?tháng\s+(?P<m3>\d{1,2})(?:\s*(?:[/.\-]|năm)\s*(?P<y3>\d{4}))?\b";
    let quarter = r"(?P<end_q>cuối\s+)?quý\s+(?P<q>iv|iii|ii|i|[1-4])\b(?:\s*(?:[/.\-]|năm)\s*(?P<yq>\d{4}))?";
    let half = r"(?:6|sáu)\s+tháng\s+(?P<half>đầu|cuối)\s+năm\s+(?P<yh>\d{4})";
    let year = r"(?P<end_y>cuối\s+)?năm\s+(?P<yy>\d{4})\b";
    Regex::new(&format!(
        r"(?i)\b{marker}\s+(?:{day_words}|{day}|{month}|{quarter}|{half}|{year})"
    ))
    .expect("the deadline pattern is valid")
});

static EVERY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?:định\s+kỳ\s+)?(?:hằng|hàng)\s+(?P<a>tuần|tháng|quý|năm)|định\s+kỳ\s+(?P<b>tuần|tháng|quý|năm)|định\s+kỳ\s+(?P<c>6|sáu)\s+tháng|(?:hằng|hàng|mỗi)\s+(?P<d>6|sáu)\s+tháng)\b",
    )
    .expect("the recurrence pattern is valid")
});

/// Words that, just before a deadline, make it one of work already done.
const DONE_BEFORE: &[&str] = &["đã", "đang", "vừa", "được"];

/// Reads the deadline of a task's text; `issued` is the notice's date,
/// which gives the year a deadline leaves out ("trước ngày 30/6").
pub fn find(text: &str, issued: Date) -> Deadline {
    let mut deadline = Deadline::default();
    for found in DEADLINE.captures_iter(text) {
        let whole = found.get(0).map_or(0..0, |m| m.range());
        if said_of_done(&text[..whole.start]) {
            continue;
        }
        if let Some(due) = date_of(&found, issued) {
            deadline.due = Some(due);
            deadline.text = text[whole].split_whitespace().collect::<Vec<_>>().join(" ");
            break;
        }
    }
    if let Some(found) = EVERY.captures(text) {
        let unit = ["a", "b", "c", "d"]
            .iter()
            .find_map(|name| found.name(name))
            .map(|m| m.as_str().to_lowercase());
        deadline.every = match unit.as_deref() {
            Some("tuần") => Some(Every::Week),
            Some("tháng") => Some(Every::Month),
            Some("quý") => Some(Every::Quarter),
            Some("năm") => Some(Every::Year),
            Some(_) => Some(Every::HalfYear),
            None => None,
        };
        if deadline.text.is_empty() {
            deadline.text = found[0].split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
    deadline
}

/// Whether the words just before a deadline say the work is done.
fn said_of_done(before: &str) -> bool {
    before
        .split_whitespace()
        .rev()
        .take(3)
        .any(|word| DONE_BEFORE.contains(&word.to_lowercase().as_str()))
}

fn number<T: std::str::FromStr>(found: &Captures, name: &str) -> Option<T> {
    found.name(name)?.as_str().parse().ok()
}

fn date_of(found: &Captures, issued: Date) -> Option<Date> {
    let before = found.name("marker")?.as_str().to_lowercase().starts_with("trước");
    let year_or = |name: &str| number::<i16>(found, name);
    // A day or month without its year: the next one from the notice's date.
    let within_a_year = |date: Date| {
        if date < issued {
            date.checked_add(1.year()).ok()
        } else {
            Some(date)
        }
    };
    if let Some(day) = number::<i8>(found, "d").or_else(|| number(found, "d2")) {
        let month = number::<i8>(found, "m").or_else(|| number(found, "m2"))?;
        return match year_or("y").or_else(|| year_or("y2")) {
            Some(year) => Date::new(year, month, day).ok(),
            None => within_a_year(Date::new(issued.year(), month, day).ok()?),
        };
    }
    if let Some(month) = number::<i8>(found, "m3") {
        let first = match year_or("y3") {
            Some(year) => Date::new(year, month, 1).ok()?,
            None => {
                let first = Date::new(issued.year(), month, 1).ok()?;
                if first.last_of_month() < issued {
                    first.checked_add(1.year()).ok()?
                } else {
                    first
                }
            }
        };
        return end_or_before(first, first.last_of_month(), before && found.name("end_m").is_none());
    }
    if let Some(quarter) = found.name("q") {
        let quarter: i8 = match quarter.as_str().to_lowercase().as_str() {
            "i" | "1" => 1,
            "ii" | "2" => 2,
            "iii" | "3" => 3,
            _ => 4,
        };
        let year = year_or("yq").unwrap_or(issued.year());
        let first = Date::new(year, (quarter - 1) * 3 + 1, 1).ok()?;
        let last = Date::new(year, quarter * 3, 1).ok()?.last_of_month();
        return end_or_before(first, last, before && found.name("end_q").is_none());
    }
    if let Some(half) = found.name("half") {
        let year = year_or("yh")?;
        let first_half = half.as_str().to_lowercase() == "đầu";
        return Date::new(year, if first_half { 6 } else { 12 }, if first_half { 30 } else { 31 }).ok();
    }
    let year = year_or("yy")?;
    end_or_before(
        Date::new(year, 1, 1).ok()?,
        Date::new(year, 12, 31).ok()?,
        before && found.name("end_y").is_none(),
    )
}

/// The last day of a period, or with "trước", the day before it starts.
fn end_or_before(first: Date, last: Date, before: bool) -> Option<Date> {
    if before { first.yesterday().ok() } else { Some(last) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn due(text: &str) -> Option<Date> {
        find(text, date(2021, 4, 12)).due
    }

    #[test]
    fn days_months_quarters_and_years() {
        assert_eq!(due("hoàn thành trước ngày 30/6/2021."), Some(date(2021, 6, 30)));
        assert_eq!(due("chậm nhất ngày 15-12-2021"), Some(date(2021, 12, 15)));
        assert_eq!(due("chậm nhất là ngày 5 tháng 8 năm 2022"), Some(date(2022, 8, 5)));
        assert_eq!(due("trước ngày 30/6"), Some(date(2021, 6, 30)));
        assert_eq!(due("trước ngày 15/3"), Some(date(2022, 3, 15)), "the next 15 March");
        assert_eq!(due("trong tháng 3/2022"), Some(date(2022, 3, 31)));
        assert_eq!(due("trong tháng 02 năm 2024"), Some(date(2024, 2, 29)));
        assert_eq!(due("trong quý III/2023"), Some(date(2023, 9, 30)));
        assert_eq!(due("hoàn thành trong quý 3 năm 2023"), Some(date(2023, 9, 30)));
        assert_eq!(due("trong Quý IV"), Some(date(2021, 12, 31)));
        assert_eq!(due("trong năm 2024"), Some(date(2024, 12, 31)));
        assert_eq!(due("trước năm 2025"), Some(date(2024, 12, 31)));
        assert_eq!(due("trước tháng 6/2022"), Some(date(2022, 5, 31)));
        assert_eq!(due("trước cuối năm 2022"), Some(date(2022, 12, 31)));
        assert_eq!(due("trong 6 tháng đầu năm 2022"), Some(date(2022, 6, 30)));
        assert_eq!(due("Thời gian hoàn thành: 30/9/2022"), Some(date(2022, 9, 30)));
        assert_eq!(due("hoàn thành quý I/2022"), Some(date(2022, 3, 31)));
        assert_eq!(due("đến hết ngày 31/12/2022"), Some(date(2022, 12, 31)));
        assert_eq!(due("đã hoàn thành năm 2021"), None);
        assert_eq!(due("thời hạn hoàn thành là ngày 1/10/2022"), Some(date(2022, 10, 1)));
    }

    #[test]
    fn dates_that_are_not_deadlines() {
        assert_eq!(due("theo Kế hoạch số 12/KH-UBND ngày 10/2/2021 của UBND tỉnh"), None);
        assert_eq!(due("Ngày 15/3/2022, Sở Y tế tổ chức hội nghị"), None);
        assert_eq!(due("Sở Tài chính đã hoàn thành trước ngày 30/6/2021"), None);
        assert_eq!(due("trước ngày 31/2/2022"), None, "no such day");
        assert_eq!(due("trong 15 ngày"), None);
        assert_eq!(
            due("đã hoàn thành trước ngày 1/3/2021; phần còn lại hoàn thành trước ngày 30/6/2021"),
            Some(date(2021, 6, 30))
        );
    }

    #[test]
    fn recurring_tasks_say_how_often() {
        let found = find("hằng tháng báo cáo kết quả", date(2021, 1, 1));
        assert_eq!((found.due, found.every), (None, Some(Every::Month)));
        assert_eq!(find("định kỳ hàng quý", date(2021, 1, 1)).every, Some(Every::Quarter));
        assert_eq!(
            find("định kỳ 6 tháng báo cáo", date(2021, 1, 1)).every,
            Some(Every::HalfYear)
        );
        assert_eq!(find("hàng hóa", date(2021, 1, 1)).every, None);
    }
}
