//! What pages show of tasks (SPEC §9): the task list of a notice page,
//! `/tasks/` (open tasks by deadline, then done ones) and `/tasks/{unit}/`.
//! Each task carries its deadline in the page (`data-due`), so that
//! `validity.js` marks what is overdue as of the reader's day; without
//! JavaScript the page says so as of the build.

use serde::Serialize;

use crate::link::archive::Archive;
use crate::link::task_list::{Task, state};
use crate::render::relations::short_date;
use crate::render::renderer::Renderer;
use crate::render::views::Link;

/// Tasks on one page of `/tasks/` or a unit's page.
pub const TASKS_PER_PAGE: usize = 200;

/// One task as a page shows it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Hash)]
pub struct TaskView {
    pub unit: Link,
    pub with: Vec<Link>,
    pub text: String,
    /// ISO date, or empty.
    pub due: String,
    pub due_text: String,
    /// The wording of the deadline in the text.
    pub due_words: String,
    /// `week`, `month`, … for a recurring task, else empty.
    pub every: String,
    /// `open`, `overdue` or `done`, as of the build.
    pub state: &'static str,
    pub done_on: String,
    pub done_on_text: String,
    pub done_by: Option<Link>,
    /// The sentence in its notice's page (or the page).
    pub url: String,
    pub notice: Link,
    pub notice_title: String,
    /// On a unit's page: `lead` or `assist`.
    pub role: &'static str,
}

/// The view of one task.
pub fn task_view(archive: &Archive, task: &Task, renderer: &Renderer, role: &'static str) -> TaskView {
    let base = archive.site.config.base_path();
    let notice = &archive.notices()[task.notice];
    let page = format!("{base}{}", notice.url_path());
    let unit_link = |unit: &crate::link::units::Unit| Link {
        name: unit.name.clone(),
        url: if unit.slug.is_empty() {
            String::new()
        } else {
            format!("{base}tasks/{}/", unit.slug)
        },
    };
    TaskView {
        unit: unit_link(&task.unit),
        with: task.with.iter().map(unit_link).collect(),
        text: task.text.clone(),
        due: task.due.map(|due| due.to_string()).unwrap_or_default(),
        due_text: task.due.map(|due| short_date(renderer, due)).unwrap_or_default(),
        due_words: task.due_text.clone(),
        every: task.every.map(|every| every.key().to_string()).unwrap_or_default(),
        state: state(task, archive.site.config.today).key(),
        done_on: task.done_on.map(|day| day.to_string()).unwrap_or_default(),
        done_on_text: task.done_on.map(|day| short_date(renderer, day)).unwrap_or_default(),
        done_by: task.done_by.as_ref().map(|number| Link {
            name: number.clone(),
            url: task
                .done_by_target
                .map(|target| format!("{base}{}", archive.notices()[target].url_path()))
                .unwrap_or_default(),
        }),
        url: match &task.anchor {
            Some(_) => format!("{base}{}", task.path_in(notice)),
            None => format!("{page}#task-list"),
        },
        notice: Link {
            name: notice
                .front
                .number
                .clone()
                .unwrap_or_else(|| notice.front.title.clone()),
            url: page,
        },
        notice_title: notice.front.title.clone(),
        role,
    }
}

/// A notice's own tasks, in the order of its text.
pub fn notice_tasks(archive: &Archive, index: usize, renderer: &Renderer) -> Vec<TaskView> {
    archive
        .tasks
        .of(index)
        .iter()
        .map(|task| task_view(archive, task, renderer, "lead"))
        .collect()
}

/// A unit in the list of units of `/tasks/`.
#[derive(Debug, Clone, Serialize, Hash)]
pub struct UnitView {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Tasks it leads, open ones, and those overdue as of the build.
    pub leads: usize,
    pub open: usize,
    pub overdue: usize,
    pub assists: usize,
}

/// Every unit with a task, by name.
pub fn unit_views(archive: &Archive) -> Vec<UnitView> {
    let base = archive.site.config.base_path();
    let today = archive.site.config.today;
    let tasks = &archive.tasks;
    tasks
        .units
        .iter()
        .map(|unit| {
            let led = || unit.leads.iter().map(|&at| &tasks.all[at]);
            UnitView {
                name: unit.unit.name.clone(),
                slug: unit.unit.slug.clone(),
                url: format!("{base}tasks/{}/", unit.unit.slug),
                leads: unit.leads.len(),
                open: led().filter(|task| !task.done).count(),
                overdue: led().filter(|task| task.overdue_on(today)).count(),
                assists: unit.assists.len(),
            }
        })
        .collect()
}
