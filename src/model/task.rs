//! A task a notice assigns (SPEC §9): who leads it, who assists, what is to
//! be done and by when. Found in the body ([`crate::link::tasks`]) or
//! written in the front matter (`[[tasks]]`), and put together per notice
//! by the link stage.

use std::ops::Range;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// How often a recurring task comes due ("hằng tháng báo cáo …").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Every {
    Week,
    Month,
    Quarter,
    HalfYear,
    Year,
}

impl Every {
    /// The key in data (`notices.json`) and in the theme's strings
    /// (`task_every_month`).
    pub fn key(self) -> &'static str {
        match self {
            Every::Week => "week",
            Every::Month => "month",
            Every::Quarter => "quarter",
            Every::HalfYear => "half-year",
            Every::Year => "year",
        }
    }
}

/// A task as found in a body: the unit as written, the deadline as worked
/// out from the wording, and where it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FoundTask {
    /// The id of the paragraph or list item it is in (`nhiem-vu-1`).
    pub anchor: String,
    /// The lead unit (chủ trì), as written.
    pub unit: String,
    /// The assisting units (phối hợp), as written.
    pub with: Vec<String>,
    /// The sentence or list item, trimmed.
    pub text: String,
    /// The deadline: a day, or the last day of the month, quarter or
    /// year named.
    pub due: Option<Date>,
    /// For a recurring task, how often.
    pub every: Option<Every>,
    /// The wording of the deadline ("trong quý III/2023").
    pub due_text: String,
    /// Byte offset of its block in the notice file.
    pub offset: usize,
}

/// Whether and how a task was closed (`done`, `done_by` in front matter).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Done {
    /// `done = true` or `done = <date>`.
    pub done: bool,
    pub on: Option<Date>,
    /// The number of the report that closed it, as written.
    pub by: Option<String>,
}

/// One `[[tasks]]` table of a notice's front matter.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct TaskEntry {
    pub unit: String,
    pub with: Option<Vec<String>>,
    pub task: Option<String>,
    pub due: Option<Date>,
    pub done: Done,
    /// Where the table is in the file, for messages.
    pub span: Range<usize>,
    /// Where `done_by` is, for a warning when the archive lacks it.
    pub done_by_span: Option<Range<usize>>,
}
