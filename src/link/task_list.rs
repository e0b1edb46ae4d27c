//! The archive's tasks (SPEC §9): those found in each body, put together
//! with the front matter's `[[tasks]]`, their units named one way, the
//! reports that closed them resolved like citations.
//!
//! A `[[tasks]]` table corrects and completes the found task of the same
//! unit and `due` date; failing that, the one found task of its unit when
//! there is exactly one not yet matched (so a wrong deadline can be
//! corrected); else it adds a task. What the table gives wins; what it
//! leaves out is kept from the text.

use std::ops::Range;
use std::sync::Arc;

use jiff::civil::Date;

use crate::link::citations::NumberIndex;
use crate::link::units::{Unit, Units};
use crate::model::notice::Notice;
use crate::model::number::document_entry;
use crate::model::task::{Every, FoundTask};
use crate::support::diagnostics::Diagnostic;

/// Where a task comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TaskFrom {
    /// Found in the body, as it is.
    Body,
    /// Found in the body, corrected or completed by `[[tasks]]`.
    Corrected,
    /// Added by `[[tasks]]`.
    FrontMatter,
}

/// One task of the archive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Task {
    /// The notice that assigns it (index in the site's notices).
    pub notice: usize,
    /// The id of its block in the notice's body, when found there.
    pub anchor: Option<String>,
    pub unit: Unit,
    /// The assisting units, each as one unit of the archive.
    pub with: Vec<Unit>,
    pub text: String,
    pub due: Option<Date>,
    pub every: Option<Every>,
    /// The deadline as the text words it.
    pub due_text: String,
    pub done: bool,
    pub done_on: Option<Date>,
    /// The report that closed it, as written, and the notice it names.
    pub done_by: Option<String>,
    pub done_by_target: Option<usize>,
    pub from: TaskFrom,
    /// Byte offset in the notice's file: the block, or the table.
    pub offset: usize,
}

impl Task {
    /// Where the task is, under the site: its sentence in the page of
    /// `notice` (the notice that assigns it), or the page.
    pub fn path_in(&self, notice: &Notice) -> String {
        match &self.anchor {
            Some(anchor) => format!("{}#{anchor}", notice.url_path()),
            None => notice.url_path().to_string(),
        }
    }

    /// Past its deadline on `day` and not done.
    pub fn overdue_on(&self, day: Date) -> bool {
        !self.done && self.due.is_some_and(|due| due < day)
    }
}

/// One unit's tasks.
#[derive(Debug, Clone)]
pub struct UnitTasks {
    pub unit: Unit,
    /// Tasks it leads, in the archive's task order.
    pub leads: Vec<usize>,
    /// Tasks it assists with.
    pub assists: Vec<usize>,
}

/// Every task of the archive.
#[derive(Debug, Clone, Default)]
pub struct Tasks {
    pub all: Vec<Task>,
    /// Each notice's tasks: a range of `all`, in the order of its text.
    pub by_notice: Vec<Range<usize>>,
    /// `all` in the order of `/tasks/`: open ones by deadline (those with
    /// none last), then done ones.
    pub order: Vec<usize>,
    /// Units with a task, by name.
    pub units: Vec<UnitTasks>,
    /// For each notice, the tasks it closed (`done_by` naming it), in the
    /// archive's task order.
    pub closed_by: Vec<Vec<usize>>,
}

impl Tasks {
    /// Puts the archive's tasks together: `found` holds each notice's
    /// tasks as found in its body. Reports that closed a task and are not
    /// in the archive are warnings.
    pub fn new(
        notices: &[Arc<Notice>],
        found: &[Arc<[FoundTask]>],
        index: &NumberIndex,
        listed: &[(String, Vec<String>)],
        warnings: &mut Vec<Diagnostic>,
    ) -> Tasks {
        let written = found
            .iter()
            .flat_map(|tasks| tasks.iter())
            .flat_map(|task| std::iter::once(task.unit.as_str()).chain(task.with.iter().map(String::as_str)))
            .chain(notices.iter().flat_map(|notice| {
                notice.front.tasks.iter().flat_map(|entry| {
                    std::iter::once(entry.unit.as_str()).chain(entry.with.iter().flatten().map(String::as_str))
                })
            }));
        let units = Units::new(listed, written);
        let mut tasks = Tasks::default();
        for (at, notice) in notices.iter().enumerate() {
            let start = tasks.all.len();
            let found = found.get(at).map_or(&[][..], |found| &found[..]);
            tasks
                .all
                .extend(notice_tasks(at, notice, found, &units, index, warnings));
            tasks.by_notice.push(start..tasks.all.len());
        }
        tasks.order = (0..tasks.all.len()).collect();
        let all = &tasks.all;
        tasks.order.sort_by(|&a, &b| {
            let (a, b) = (&all[a], &all[b]);
            let key = |task: &Task| (task.done, task.due.is_none(), task.due);
            key(a)
                .cmp(&key(b))
                .then(a.notice.cmp(&b.notice))
                .then(a.offset.cmp(&b.offset))
        });
        // One page per slug: two spellings of a name are one unit, named
        // as its first task names it.
        let mut by_slug: std::collections::BTreeMap<String, UnitTasks> = Default::default();
        for &at in &tasks.order {
            let task = &tasks.all[at];
            let mut add = |unit: &Unit, lead: bool| {
                if unit.slug.is_empty() {
                    return;
                }
                let entry = by_slug.entry(unit.slug.clone()).or_insert_with(|| UnitTasks {
                    unit: unit.clone(),
                    leads: Vec::new(),
                    assists: Vec::new(),
                });
                let list = if lead { &mut entry.leads } else { &mut entry.assists };
                if list.last() != Some(&at) {
                    list.push(at);
                }
            };
            add(&task.unit, true);
            for with in &task.with {
                if with.slug != task.unit.slug {
                    add(with, false);
                }
            }
        }
        tasks.units = by_slug.into_values().collect();
        tasks.closed_by = vec![Vec::new(); notices.len()];
        for &at in &tasks.order {
            if let Some(report) = tasks.all[at].done_by_target {
                tasks.closed_by[report].push(at);
            }
        }
        tasks
    }

    /// Notice `index`'s tasks.
    pub fn of(&self, index: usize) -> &[Task] {
        self.by_notice.get(index).map_or(&[], |range| &self.all[range.clone()])
    }

    /// The tasks notice `index` closed, as the report `done_by` names.
    pub fn closed_by(&self, index: usize) -> impl Iterator<Item = &Task> {
        self.closed_by.get(index).into_iter().flatten().map(|&at| &self.all[at])
    }
}

/// One notice's tasks: those found, corrected by its `[[tasks]]`, then
/// those the tables add.
fn notice_tasks(
    at: usize,
    notice: &Notice,
    found: &[FoundTask],
    units: &Units,
    index: &NumberIndex,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Task> {
    let mut tasks: Vec<Task> = found
        .iter()
        .map(|task| Task {
            notice: at,
            anchor: Some(task.anchor.clone()),
            unit: units.unit(&task.unit),
            with: task.with.iter().map(|name| units.unit(name)).collect(),
            text: task.text.clone(),
            due: task.due,
            every: task.every,
            due_text: task.due_text.clone(),
            done: false,
            done_on: None,
            done_by: None,
            done_by_target: None,
            from: TaskFrom::Body,
            offset: task.offset,
        })
        .collect();
    let mut matched = vec![false; tasks.len()];
    for entry in &notice.front.tasks {
        let unit = units.unit(&entry.unit);
        let same_due = tasks
            .iter()
            .enumerate()
            .position(|(i, task)| !matched[i] && task.unit == unit && task.due == entry.due);
        let only_of_unit = || {
            let of_unit: Vec<usize> = (0..tasks.len())
                .filter(|&i| !matched[i] && tasks[i].unit == unit && tasks[i].from == TaskFrom::Body)
                .collect();
            (of_unit.len() == 1).then(|| of_unit[0])
        };
        let target = same_due.or_else(only_of_unit);
        let (done_by_target, done_by) = match &entry.done.by {
            Some(number) => {
                let (key, date) = document_entry(number);
                // A report comes after the task: without a date, the newest
                // document of that number, whatever its date.
                let target = index.resolve(&key, date, at, jiff::civil::Date::MAX).target();
                if target.is_none() {
                    let span = entry.done_by_span.clone().unwrap_or(entry.span.clone());
                    warnings.push(
                        Diagnostic::warning_at(
                            &notice.source,
                            span,
                            format!("`done_by` names {number}, which is not in the archive yet"),
                        )
                        .with_label("not in the archive")
                        .with_help("the task is shown done; the report is linked once it is imported"),
                    );
                }
                (target, Some(number.clone()))
            }
            None => (None, None),
        };
        let with = entry
            .with
            .as_ref()
            .map(|with| with.iter().map(|name| units.unit(name)).collect::<Vec<_>>());
        match target {
            Some(i) => {
                matched[i] = true;
                let task = &mut tasks[i];
                task.unit = unit;
                if let Some(with) = with {
                    task.with = with;
                }
                if let Some(text) = &entry.task {
                    task.text = text.clone();
                }
                if entry.due.is_some() && entry.due != task.due {
                    task.due = entry.due;
                    task.due_text = String::new();
                }
                task.done = entry.done.done;
                task.done_on = entry.done.on;
                task.done_by = done_by;
                task.done_by_target = done_by_target;
                task.from = TaskFrom::Corrected;
            }
            None => tasks.push(Task {
                notice: at,
                anchor: None,
                unit,
                with: with.unwrap_or_default(),
                text: entry.task.clone().unwrap_or_default(),
                due: entry.due,
                every: None,
                due_text: String::new(),
                done: entry.done.done,
                done_on: entry.done.on,
                done_by,
                done_by_target,
                from: TaskFrom::FrontMatter,
                offset: entry.span.start,
            }),
        }
    }
    tasks
}

/// Where a task stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskState {
    Open,
    Overdue,
    Done,
}

impl TaskState {
    /// The key in data and CSS classes.
    pub fn key(self) -> &'static str {
        match self {
            TaskState::Open => "open",
            TaskState::Overdue => "overdue",
            TaskState::Done => "done",
        }
    }

    /// The Vietnamese name, for `tasks.csv`.
    pub fn name_vi(self) -> &'static str {
        match self {
            TaskState::Open => "Đang thực hiện",
            TaskState::Overdue => "Quá hạn",
            TaskState::Done => "Đã hoàn thành",
        }
    }
}

/// Where `task` stands on `day`.
pub fn state(task: &Task, day: Date) -> TaskState {
    if task.done {
        TaskState::Done
    } else if task.overdue_on(day) {
        TaskState::Overdue
    } else {
        TaskState::Open
    }
}

/// "Hằng tháng", for `tasks.csv`.
pub fn every_name_vi(every: Every) -> &'static str {
    match every {
        Every::Week => "Hằng tuần",
        Every::Month => "Hằng tháng",
        Every::Quarter => "Hằng quý",
        Every::HalfYear => "6 tháng một lần",
        Every::Year => "Hằng năm",
    }
}
