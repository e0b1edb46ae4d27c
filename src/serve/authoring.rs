//! The clerk's workplace in the preview (SPEC §12): `/_thongbao/` lists the
//! notices with the problems of the last build, and a form with Vietnamese
//! labels creates or edits one; saving writes the notice file (nothing
//! else, and nothing outside `content/`) once it passes the same checks as
//! `thongbao check`, or as a draft.
//!
//! - **Safety:** every write is a temporary file renamed into place; a path
//!   with `..`, an absolute path, or one through a symbolic link is
//!   refused; a notice changed on disk since its form was opened is not
//!   overwritten (its version is the hash of the text the form was made
//!   from); a POST needs the page's token and, when the browser names its
//!   origin, this server's (403 otherwise).
//! - **Format kept:** the front matter is edited with `toml_edit`, so keys
//!   the form did not change keep their place, spelling and comments.

use std::hash::{BuildHasher, Hasher};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use serde::Deserialize;

use super::live::Live;
use crate::load::config::{Config, Language};
use crate::support::escape::escape_html;

/// What the authoring pages share.
#[derive(Clone)]
pub struct Authoring {
    pub root: PathBuf,
    /// The token every form carries and every POST must return.
    pub token: Arc<str>,
    pub live: Arc<Live>,
    /// The files an import brought (a Word file's images), by the id the
    /// form carries, until the notice is saved with them.
    pub stash: Arc<std::sync::Mutex<std::collections::HashMap<String, Files>>>,
}

/// Files by name: an import's images, waiting for their notice.
pub type Files = Vec<(String, Vec<u8>)>;

/// The largest file dropped on a page (a Word file, a PDF, an attachment).
pub const UPLOAD_LIMIT: usize = 32 * 1024 * 1024;

/// A token nobody else can guess: two hashers' keys, which the standard
/// library draws from the operating system's random source.
pub fn new_token() -> String {
    let part = || std::collections::hash_map::RandomState::new().build_hasher().finish();
    format!("{:016x}{:016x}", part(), part())
}

pub fn routes(authoring: Authoring) -> Router {
    Router::new()
        .route("/_thongbao/", get(list))
        .route("/_thongbao/new", get(new_form))
        .route("/_thongbao/edit", get(edit_form))
        .route("/_thongbao/save", post(save))
        .route("/_thongbao/built", get(built))
        .route("/_thongbao/import", post(import))
        .route("/_thongbao/attach", post(attach))
        .route("/_thongbao/authoring.css", get(stylesheet))
        .route("/_thongbao/authoring.js", get(script))
        .with_state(authoring)
}

/// `GET /_thongbao/built`: how many rebuilds have ended, for a saved
/// form's preview to wait for the rebuild of its save.
async fn built(State(authoring): State<Authoring>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        authoring.live.generation().to_string(),
    )
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("authoring.js"),
    )
}

async fn stylesheet() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        include_str!("authoring.css"),
    )
}

/// The words of the pages, in the site's language.
fn words(language: Language) -> &'static Words {
    match language {
        Language::Vi => &VI,
        Language::En => &EN,
    }
}

struct Words {
    heading: &'static str,
    new: &'static str,
    edit: &'static str,
    number: &'static str,
    date: &'static str,
    title: &'static str,
    kind: &'static str,
    issuer: &'static str,
    place: &'static str,
    signer: &'static str,
    authority: &'static str,
    signer_title: &'static str,
    recipients: &'static str,
    tags: &'static str,
    summary: &'static str,
    body: &'static str,
    draft: &'static str,
    save: &'static str,
    problems: &'static str,
    none: &'static str,
    one_per_line: &'static str,
    saved: &'static str,
    conflict: &'static str,
    not_saved: &'static str,
    preview: &'static str,
    proposed: &'static str,
    back: &'static str,
    import: &'static str,
    attach: &'static str,
    found: &'static str,
    not_found: &'static str,
}

const VI: Words = Words {
    heading: "Soạn thảo văn bản",
    new: "Văn bản mới",
    edit: "Sửa văn bản",
    number: "Số, ký hiệu",
    date: "Ngày ban hành",
    title: "Trích yếu (tiêu đề)",
    kind: "Loại văn bản",
    issuer: "Cơ quan ban hành",
    place: "Địa danh",
    signer: "Người ký",
    authority: "Quyền hạn ký (KT., TM., TL.)",
    signer_title: "Chức vụ người ký",
    recipients: "Nơi nhận",
    tags: "Chủ đề",
    summary: "Tóm tắt",
    body: "Nội dung (Markdown)",
    draft: "Lưu là bản nháp (chưa công bố)",
    save: "Lưu",
    problems: "Vấn đề",
    none: "Không có",
    one_per_line: "mỗi dòng một mục",
    saved: "Đã lưu. Trang được dựng lại bên dưới.",
    conflict: "Tệp đã được sửa ở nơi khác kể từ khi mở biểu mẫu này; chưa lưu. Mở lại để xem bản mới, rồi sửa lại.",
    not_saved: "Chưa lưu: văn bản có lỗi, xem các ô được đánh dấu.",
    preview: "Xem trước trang",
    proposed: "số tiếp theo của cơ quan trong năm: kiểm tra lại",
    back: "Danh sách văn bản",
    import: "Kéo thả tệp Word (.docx), văn bản (.txt) hoặc PDF vào đây, hoặc chọn tệp, để điền biểu mẫu",
    attach: "Kéo thả tệp đính kèm vào đây, hoặc chọn tệp",
    found: "Đã nhận ra",
    not_found: "Không tìm thấy, cần điền",
};

const EN: Words = Words {
    heading: "Authoring",
    new: "New notice",
    edit: "Edit notice",
    number: "Number",
    date: "Date of issue",
    title: "Title",
    kind: "Kind",
    issuer: "Issuer",
    place: "Place",
    signer: "Signer",
    authority: "Signing authority",
    signer_title: "Signer's title",
    recipients: "Recipients",
    tags: "Topics",
    summary: "Summary",
    body: "Body (Markdown)",
    draft: "Save as a draft (not published)",
    save: "Save",
    problems: "Problems",
    none: "None",
    one_per_line: "one per line",
    saved: "Saved. The page is rebuilt below.",
    conflict: "The file was changed elsewhere since this form was opened; not saved. Open it again to see the new text, then redo your change.",
    not_saved: "Not saved: the notice has errors, see the marked fields.",
    preview: "Page preview",
    proposed: "the issuer's next number this year: check it",
    back: "All notices",
    import: "Drop a Word file (.docx), a text (.txt) or a PDF here, or choose one, to fill the form",
    attach: "Drop an attachment here, or choose a file",
    found: "Found",
    not_found: "Not found, to fill in",
};

fn config_of(root: &Path) -> Config {
    Config::load(root).unwrap_or_default()
}

/// A page of the workplace around `main`.
fn page(words: &Words, language: Language, title: &str, main: &str) -> Html<String> {
    Html(format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · {}</title>\n<link rel=\"stylesheet\" href=\"/_thongbao/authoring.css\">\n<script src=\"/_thongbao/authoring.js\" defer></script>\n</head>\n<body>\n<header><nav aria-label=\"{}\"><a href=\"/_thongbao/\">{}</a> · <a href=\"/_thongbao/new\">{}</a> · <a href=\"/\">{}</a></nav></header>\n<main>\n{main}\n</main>\n</body>\n</html>\n",
        language.code(),
        escape_html(title),
        words.heading,
        words.heading,
        words.back,
        words.new,
        words.preview,
    ))
}

/// The notice files under `content/`, as `content/…` paths, sorted.
fn notice_files(root: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file() && entry.path().extension().is_some_and(|ext| ext == "md"))
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(root).ok()?;
            Some(relative.to_str()?.replace('\\', "/"))
        })
        .collect();
    files.sort();
    files
}

/// `/_thongbao/`: every notice, newest first, with the problems of the
/// last build.
async fn list(State(authoring): State<Authoring>) -> Html<String> {
    let config = config_of(&authoring.root);
    let words = words(config.language);
    let problems = authoring.live.problems();
    let mut rows: Vec<(jiff::civil::Date, String, String)> = Vec::new();
    for file in notice_files(&authoring.root) {
        let path = authoring.root.join(&file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mine: Vec<&super::live::Problem> = problems.iter().filter(|problem| problem.file == file).collect();
        let problem_cell = if mine.is_empty() {
            words.none.to_string()
        } else {
            let items: Vec<String> = mine
                .iter()
                .map(|problem| {
                    format!(
                        "<li class=\"{}\"><a href=\"/_thongbao/edit?path={}#{}\">{}</a></li>",
                        problem.severity,
                        url_encode(&file),
                        problem
                            .field
                            .as_deref()
                            .map_or("f-body".to_string(), |key| format!("f-{key}")),
                        escape_html(&problem.message)
                    )
                })
                .collect();
            format!("<ul>{}</ul>", items.join(""))
        };
        let (date, cells) = match crate::load::front_matter::parse(&path, Path::new(&file), &text, &config) {
            Ok(notice) => (
                notice.front.date,
                format!(
                    "<td>{}</td><td>{}</td><td><a href=\"/_thongbao/edit?path={}\">{}</a></td><td>{}</td>",
                    escape_html(notice.front.number.as_deref().unwrap_or("")),
                    notice.front.date.strftime("%d/%m/%Y"),
                    url_encode(&file),
                    escape_html(&notice.front.title),
                    escape_html(&notice.front.issuer)
                ),
            ),
            Err(_) => (
                jiff::civil::date(9999, 12, 31),
                format!(
                    "<td></td><td></td><td><a href=\"/_thongbao/edit?path={}\">{}</a></td><td></td>",
                    url_encode(&file),
                    escape_html(&file)
                ),
            ),
        };
        rows.push((date, file, format!("<tr>{cells}<td>{problem_cell}</td></tr>")));
    }
    rows.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let body: String = rows.into_iter().map(|row| row.2).collect::<Vec<_>>().join("\n");
    let main = format!(
        "<h1>{}</h1>\n<p><a class=\"button\" href=\"/_thongbao/new\">{}</a></p>\n<table class=\"notices\">\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>",
        words.heading, words.new, words.number, words.date, words.title, words.issuer, words.problems
    );
    page(words, config.language, words.heading, &main)
}

/// How a front matter key is edited.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Input {
    /// One line of text.
    Line,
    /// A date picker.
    Date,
    /// A list, one entry per line.
    Lines,
    /// A paragraph of text.
    Text,
}

/// The front matter keys the form edits, in its order.
const KEYS: [(&str, Input); 12] = [
    ("title", Input::Line),
    ("number", Input::Line),
    ("date", Input::Date),
    ("kind", Input::Line),
    ("issuer", Input::Line),
    ("place", Input::Line),
    ("signer", Input::Line),
    ("authority", Input::Line),
    ("signer_title", Input::Line),
    ("recipients", Input::Lines),
    ("tags", Input::Lines),
    ("summary", Input::Text),
];

/// What the form holds: the values of [`KEYS`] by key, the body, and what
/// ties the form to its file.
#[derive(Debug, Default, Clone)]
pub struct Fields {
    pub values: std::collections::BTreeMap<String, String>,
    pub path: String,
    pub version: String,
    pub token: String,
    pub body: String,
    pub draft: bool,
    /// The stash of files an import brought, saved beside the notice.
    pub attachments: String,
}

impl Fields {
    /// The fields of a submitted form (names as the form's inputs).
    fn of_form(mut form: std::collections::HashMap<String, String>) -> Fields {
        let mut take = |name: &str| form.remove(name).unwrap_or_default();
        let mut fields = Fields {
            path: take("path"),
            version: take("version"),
            token: take("token"),
            body: take("body"),
            draft: !take("draft").is_empty(),
            attachments: take("attachments"),
            ..Fields::default()
        };
        for (key, _) in KEYS {
            fields.set(key, take(key));
        }
        fields
    }

    fn get(&self, key: &str) -> &str {
        self.values.get(key).map_or("", String::as_str)
    }

    fn set(&mut self, key: &str, value: String) {
        self.values.insert(key.to_string(), value);
    }

    /// The fields of a notice file's text.
    fn of_text(text: &str) -> Fields {
        let mut fields = Fields::default();
        let (front, body) = split(text);
        if let Ok(document) = front.parse::<toml_edit::DocumentMut>() {
            for (key, input) in KEYS {
                let Some(item) = document.get(key) else { continue };
                let value = if input == Input::Lines {
                    item.as_array()
                        .map(|array| {
                            array
                                .iter()
                                .filter_map(|value| value.as_str())
                                .collect::<Vec<_>>()
                                .join("\n")
                        })
                        .unwrap_or_default()
                } else if let Some(text) = item.as_str() {
                    text.to_string()
                } else {
                    // Dates and numbers as written.
                    item.as_value()
                        .map(|value| value.to_string().trim().to_string())
                        .unwrap_or_default()
                };
                fields.set(key, value);
            }
            fields.draft = document.get("draft").and_then(|item| item.as_bool()) == Some(true);
        }
        fields.body = body.trim_start_matches('\n').to_string();
        fields
    }
}

/// A notice file's front matter (between its `+++` lines) and its body;
/// the whole text as front matter when it has none.
fn split(text: &str) -> (&str, &str) {
    let Some(rest) = text.strip_prefix("+++\n").or_else(|| text.strip_prefix("+++\r\n")) else {
        return ("", text);
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            return (&rest[..offset], &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    (rest, "")
}

/// The notice file the form makes: `original`'s front matter with the
/// form's values set where they differ (other keys, their order and their
/// comments untouched), and the form's body.
fn compose(original: &str, fields: &Fields) -> String {
    let (front, _) = split(original);
    let mut document: toml_edit::DocumentMut = front.parse().unwrap_or_default();
    let before = Fields::of_text(original);
    for (key, input) in KEYS {
        let value = fields.get(key).replace("\r\n", "\n");
        let value = if input == Input::Lines {
            value
        } else {
            value.trim().to_string()
        };
        if value == before.get(key) && (document.contains_key(key) || value.is_empty()) {
            continue;
        }
        if value.is_empty() && !matches!(key, "title" | "date") {
            // An optional key emptied: gone, unless it was there empty.
            if document.contains_key(key) && !before.get(key).is_empty() {
                document.remove(key);
            }
            continue;
        }
        let item = if input == Input::Lines {
            let mut array = toml_edit::Array::new();
            for line in value.lines().map(str::trim).filter(|line| !line.is_empty()) {
                array.push(line);
            }
            toml_edit::value(array)
        } else if input == Input::Date {
            match value.parse::<toml_edit::Datetime>() {
                Ok(date) => toml_edit::value(date),
                // Left as text: the check names the field.
                Err(_) => toml_edit::value(value.clone()),
            }
        } else {
            toml_edit::value(value.clone())
        };
        match document.get_mut(key) {
            // The value replaced, its comment kept.
            Some(existing) if existing.is_value() => {
                let decor = existing.as_value().map(|value| value.decor().clone());
                *existing = item;
                if let (Some(decor), Some(value)) = (decor, existing.as_value_mut()) {
                    *value.decor_mut() = decor;
                }
            }
            _ => {
                document.insert(key, item);
            }
        }
    }
    if fields.draft && !before.draft {
        document.insert("draft", toml_edit::value(true));
    } else if !fields.draft && before.draft {
        document.remove("draft");
    }
    let mut front = document.to_string();
    if !front.ends_with('\n') {
        front.push('\n');
    }
    let body = fields.body.replace("\r\n", "\n");
    format!("+++\n{front}+++\n\n{}\n", body.trim_end())
}

/// `GET /_thongbao/new`: an empty form, with today's date, the site's
/// issuer and kind, and the issuer's next number.
async fn new_form(State(authoring): State<Authoring>) -> Response {
    let config = config_of(&authoring.root);
    let today = jiff::ZonedDateTime::now().date();
    let number = crate::cmd::new::next_number(&authoring.root, &config, &config.issuer, today.year());
    let mut fields = Fields::default();
    fields.set("date", today.to_string());
    fields.set("kind", config.default_kind.clone());
    fields.set("issuer", config.issuer.clone());
    fields.set("number", number.clone().unwrap_or_default());
    form_page(
        &authoring,
        &config,
        &fields,
        &[],
        Notice::New {
            proposed: number.is_some(),
        },
    )
    .into_response()
}

#[derive(Deserialize)]
struct EditQuery {
    path: String,
    #[serde(default)]
    saved: Option<String>,
    /// The rebuild count when it was saved.
    #[serde(default)]
    after: Option<u64>,
}

/// `GET /_thongbao/edit?path=content/…`: the form of an existing notice.
async fn edit_form(State(authoring): State<Authoring>, Query(query): Query<EditQuery>) -> Response {
    let config = config_of(&authoring.root);
    let file = match inside_content(&authoring.root, &query.path) {
        Ok(file) => file,
        Err(message) => return (StatusCode::FORBIDDEN, message).into_response(),
    };
    let Ok(text) = std::fs::read_to_string(&file) else {
        return (StatusCode::NOT_FOUND, "no such notice").into_response();
    };
    let mut fields = Fields::of_text(&text);
    fields.path = query.path.clone();
    fields.version = version_of(&text);
    let problems: Vec<(Option<String>, String)> = authoring
        .live
        .problems()
        .into_iter()
        .filter(|problem| problem.file == query.path)
        .map(|problem| (problem.field, problem.message))
        .collect();
    form_page(
        &authoring,
        &config,
        &fields,
        &problems,
        Notice::Edit {
            saved: query.saved.is_some(),
            url: page_url(&authoring.root, &config, &file, &text),
            after: query.after,
        },
    )
    .into_response()
}

/// The preview's address of a notice's page, when the notice parses.
fn page_url(root: &Path, config: &Config, file: &Path, text: &str) -> Option<String> {
    let shown = file.strip_prefix(root).unwrap_or(file);
    let notice = crate::load::front_matter::parse(file, shown, text, config).ok()?;
    Some(format!("/{}", notice.url_path()))
}

/// What the form is for, and what the clerk is told above it.
enum Notice {
    New {
        proposed: bool,
    },
    /// `after`: the rebuild count when it was saved; the preview is
    /// loaded again once the count is past it.
    Edit {
        saved: bool,
        url: Option<String>,
        after: Option<u64>,
    },
    Rejected,
    Conflict,
}

/// The version of a file's text the form was made from.
fn version_of(text: &str) -> String {
    let mut hasher = std::hash::DefaultHasher::new();
    hasher.write(text.as_bytes());
    format!("{:016x}", hasher.finish())
}

fn form_page(
    authoring: &Authoring,
    config: &Config,
    fields: &Fields,
    problems: &[(Option<String>, String)],
    notice: Notice,
) -> Html<String> {
    let words = words(config.language);
    let heading = if fields.path.is_empty() { words.new } else { words.edit };
    let mut main = format!("<h1>{heading}</h1>\n");
    match &notice {
        Notice::Edit { saved: true, .. } => {
            main.push_str(&format!("<p class=\"saved\" role=\"status\">{}</p>\n", words.saved));
        }
        Notice::Rejected => main.push_str(&format!("<p class=\"error\" role=\"alert\">{}</p>\n", words.not_saved)),
        Notice::Conflict => main.push_str(&format!("<p class=\"error\" role=\"alert\">{}</p>\n", words.conflict)),
        _ => {}
    }
    let general: Vec<&String> = problems
        .iter()
        .filter(|(field, _)| field.as_deref().is_none_or(|key| !KEYS.iter().any(|(k, _)| *k == key)))
        .map(|(_, message)| message)
        .collect();
    if !general.is_empty() {
        main.push_str("<ul class=\"problems\">");
        for message in general {
            main.push_str(&format!("<li>{}</li>", escape_html(message)));
        }
        main.push_str("</ul>\n");
    }
    main.push_str("<div class=\"workplace\">\n<div class=\"notice-side\">\n");
    if fields.path.is_empty() {
        main.push_str(&format!(
            "<div class=\"drop\" data-drop=\"import\"><label for=\"import-file\">{}</label>\n<input id=\"import-file\" type=\"file\" accept=\".docx,.txt,.pdf,.odt,.doc,.rtf\"></div>\n<div id=\"findings\" class=\"findings\" role=\"status\" aria-live=\"polite\" data-found=\"{}\" data-missing=\"{}\"></div>\n",
            words.import, words.found, words.not_found
        ));
    } else {
        main.push_str(&format!(
            "<div class=\"drop\" data-drop=\"attach\"><label for=\"attach-file\">{}</label>\n<input id=\"attach-file\" type=\"file\"></div>\n<div id=\"findings\" class=\"findings\" role=\"status\" aria-live=\"polite\"></div>\n",
            words.attach
        ));
    }
    main.push_str(&format!(
        "<form method=\"post\" action=\"/_thongbao/save\" class=\"notice-form\" data-token=\"{}\">\n",
        escape_html(&authoring.token)
    ));
    main.push_str(&format!(
        "<input type=\"hidden\" name=\"token\" value=\"{}\">\n<input type=\"hidden\" name=\"path\" value=\"{}\">\n<input type=\"hidden\" name=\"version\" value=\"{}\">\n<input type=\"hidden\" name=\"attachments\" value=\"{}\">\n",
        escape_html(&authoring.token),
        escape_html(&fields.path),
        escape_html(&fields.version),
        escape_html(&fields.attachments)
    ));
    let (kinds, issuers) = known_values(&authoring.live, config);
    let label = |key: &str| match key {
        "title" => words.title,
        "number" => words.number,
        "date" => words.date,
        "kind" => words.kind,
        "issuer" => words.issuer,
        "place" => words.place,
        "signer" => words.signer,
        "authority" => words.authority,
        "signer_title" => words.signer_title,
        "recipients" => words.recipients,
        "tags" => words.tags,
        "summary" => words.summary,
        _ => "",
    };
    for (key, input) in KEYS {
        let value = fields.get(key);
        let errors: Vec<&String> = problems
            .iter()
            .filter(|(field, _)| field.as_deref() == Some(key))
            .map(|(_, message)| message)
            .collect();
        let described = if errors.is_empty() {
            String::new()
        } else {
            format!(" aria-invalid=\"true\" aria-describedby=\"e-{key}\"")
        };
        main.push_str(&format!(
            "<div class=\"field{}\">\n",
            if errors.is_empty() { "" } else { " invalid" }
        ));
        let hint = match (key, &notice) {
            ("number", Notice::New { proposed: true }) => format!(" <small>({})</small>", words.proposed),
            ("recipients" | "tags", _) => format!(" <small>({})</small>", words.one_per_line),
            _ => String::new(),
        };
        main.push_str(&format!("<label for=\"f-{key}\">{}{hint}</label>\n", label(key)));
        let required = if matches!(key, "title" | "date") {
            " required"
        } else {
            ""
        };
        if matches!(input, Input::Lines | Input::Text) {
            main.push_str(&format!(
                "<textarea id=\"f-{key}\" name=\"{key}\" rows=\"3\"{described}>{}</textarea>\n",
                escape_html(value)
            ));
        } else {
            let (kind, list_id) = match key {
                _ if input == Input::Date => ("date", ""),
                "kind" => ("text", " list=\"known-kinds\""),
                "issuer" => ("text", " list=\"known-issuers\""),
                _ => ("text", ""),
            };
            main.push_str(&format!(
                "<input id=\"f-{key}\" name=\"{key}\" type=\"{kind}\" value=\"{}\"{list_id}{required}{described}>\n",
                escape_html(value)
            ));
        }
        if !errors.is_empty() {
            let joined: Vec<String> = errors.iter().map(|message| escape_html(message).into_owned()).collect();
            main.push_str(&format!(
                "<p class=\"field-error\" id=\"e-{key}\">{}</p>\n",
                joined.join(" ")
            ));
        }
        main.push_str("</div>\n");
    }
    let options = |values: &[String]| {
        values
            .iter()
            .map(|value| format!("<option value=\"{}\">", escape_html(value)))
            .collect::<String>()
    };
    main.push_str(&format!(
        "<datalist id=\"known-kinds\">{}</datalist>\n<datalist id=\"known-issuers\">{}</datalist>\n",
        options(&kinds),
        options(&issuers)
    ));
    main.push_str(&format!(
        "<div class=\"field\">\n<label for=\"f-body\">{}</label>\n<textarea id=\"f-body\" name=\"body\" rows=\"18\">{}</textarea>\n</div>\n",
        words.body,
        escape_html(&fields.body)
    ));
    main.push_str(&format!(
        "<div class=\"field check\"><input id=\"f-draft\" name=\"draft\" type=\"checkbox\"{}><label for=\"f-draft\">{}</label></div>\n",
        if fields.draft { " checked" } else { "" },
        words.draft
    ));
    main.push_str(&format!(
        "<p><button type=\"submit\">{}</button></p>\n</form>\n</div>\n",
        words.save
    ));
    if let Notice::Edit {
        url: Some(url), after, ..
    } = &notice
    {
        let after = after
            .map(|after| format!(" data-after=\"{after}\""))
            .unwrap_or_default();
        main.push_str(&format!(
            "<iframe class=\"preview\" title=\"{}\" src=\"{}\"{after}></iframe>\n",
            words.preview,
            escape_html(url)
        ));
    }
    main.push_str("</div>");
    page(words, config.language, heading, &main)
}

/// The kinds and issuers the last good build's archive uses (the search
/// page's facets), and the site's own, for the form's suggestions: no
/// notice file is read.
fn known_values(live: &Live, config: &Config) -> (Vec<String>, Vec<String>) {
    let (mut kinds, mut issuers) = match live.archive() {
        Some(archive) => {
            let facets = crate::outputs::search::facet_values(&archive);
            (facets.kinds, facets.issuers)
        }
        None => (Vec::new(), Vec::new()),
    };
    kinds.push(config.default_kind.clone());
    issuers.push(config.issuer.clone());
    for list in [&mut kinds, &mut issuers] {
        list.retain(|value| !value.is_empty());
        list.sort();
        list.dedup();
    }
    (kinds, issuers)
}

/// `content/…` resolved inside the site's `content/` folder: a relative
/// path of plain names ending in `.md`, through no symbolic link.
fn inside_content(root: &Path, relative: &str) -> Result<PathBuf, &'static str> {
    let path = Path::new(relative);
    // Plain names only, as written (components() would drop a `.`).
    let plain = path
        .components()
        .all(|component| matches!(component, Component::Normal(_)))
        && relative.split('/').all(|segment| !matches!(segment, "" | "." | ".."));
    let mut components = path.components();
    let starts_in_content = components.next() == Some(Component::Normal("content".as_ref()));
    if !plain || !starts_in_content || relative.contains('\\') || path.extension().is_none_or(|ext| ext != "md") {
        return Err("forbidden: only notice files (content/….md) can be written");
    }
    let mut at = root.to_path_buf();
    for component in path.components() {
        at.push(component);
        if std::fs::symlink_metadata(&at).is_ok_and(|meta| meta.file_type().is_symlink()) {
            return Err("forbidden: the path goes through a symbolic link");
        }
    }
    Ok(at)
}

/// Whether a POST comes from this server's own pages: the browser's
/// `Origin` (when sent) names the host asked, and the token matches.
fn same_origin(headers: &HeaderMap, token: &str, sent: &str) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    let origin_ok = match headers.get(header::ORIGIN).and_then(|value| value.to_str().ok()) {
        Some(origin) => origin == format!("http://{host}"),
        None => true,
    };
    // Compared whole: no early exit on the first differing byte.
    let token_ok =
        token.len() == sent.len() && token.bytes().zip(sent.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
    origin_ok && token_ok
}

/// `POST /_thongbao/save`: checks, then writes the notice atomically.
async fn save(
    State(authoring): State<Authoring>,
    headers: HeaderMap,
    Form(form): Form<std::collections::HashMap<String, String>>,
) -> Response {
    let mut fields = Fields::of_form(form);
    if !same_origin(&headers, &authoring.token, &fields.token) {
        return (
            StatusCode::FORBIDDEN,
            "forbidden: this form did not come from the preview's own page",
        )
            .into_response();
    }
    let config = config_of(&authoring.root);
    let creating = fields.path.is_empty();
    let (file, original) = if creating {
        let year = fields
            .get("date")
            .get(..4)
            .filter(|year| year.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or("draft");
        let slug = Some(crate::support::text::slugify(fields.get("number").trim()))
            .filter(|slug| !slug.is_empty())
            .unwrap_or_else(|| crate::cmd::import::title_slug(fields.get("title")));
        // With files from the import: a bundle, the files beside it.
        let bundle = !fields.attachments.is_empty();
        let name = |n: usize| {
            let stem = if n == 1 { slug.clone() } else { format!("{slug}-{n}") };
            if bundle {
                format!("content/{year}/{stem}/index.md")
            } else {
                format!("content/{year}/{stem}.md")
            }
        };
        let mut n = 1;
        let mut relative = name(n);
        while authoring.root.join(&relative).exists()
            || (bundle && authoring.root.join(&relative).parent().is_some_and(Path::exists))
        {
            n += 1;
            relative = name(n);
        }
        fields.path = relative;
        let template = "+++\n+++\n";
        (authoring.root.join(&fields.path), template.to_string())
    } else {
        let file = match inside_content(&authoring.root, &fields.path) {
            Ok(file) => file,
            Err(message) => return (StatusCode::FORBIDDEN, message).into_response(),
        };
        let Ok(text) = std::fs::read_to_string(&file) else {
            return (StatusCode::NOT_FOUND, "no such notice").into_response();
        };
        if version_of(&text) != fields.version {
            // The clerk's text is shown again, not lost; nothing is written.
            return (
                StatusCode::CONFLICT,
                form_page(&authoring, &config, &fields, &[], Notice::Conflict),
            )
                .into_response();
        }
        (file, text)
    };
    if inside_content(&authoring.root, &fields.path).is_err() {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    let text = compose(&original, &fields);
    // Read before the write: the rebuild that follows ends past it.
    let generation = authoring.live.generation();
    let shown = PathBuf::from(&fields.path);
    // The same checks as the build, unless it is saved as a draft.
    let problems: Vec<(Option<String>, String)> = match crate::load::front_matter::parse(&file, &shown, &text, &config)
    {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .map(|diagnostic| (diagnostic.line_text().and_then(key_of_line), diagnostic.message.clone()))
            .collect(),
    };
    if !problems.is_empty() && !fields.draft {
        if creating {
            fields.path.clear();
        }
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            form_page(&authoring, &config, &fields, &problems, Notice::Rejected),
        )
            .into_response();
    }
    // The import's files first, so that the notice never names a missing one.
    if creating && !fields.attachments.is_empty() {
        let files = authoring
            .stash
            .lock()
            .ok()
            .and_then(|mut stash| stash.remove(&fields.attachments))
            .unwrap_or_default();
        let folder = file.parent().unwrap_or(&authoring.root).to_path_buf();
        for (name, bytes) in files {
            if let Err(error) = write_atomically(&folder.join(safe_name(&name)), &bytes) {
                return (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("cannot save {name}: {error}"),
                )
                    .into_response();
            }
        }
    }
    if let Err(error) = write_atomically(&file, text.as_bytes()) {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot save {}: {error}", fields.path),
        )
            .into_response();
    }
    Redirect::to(&format!(
        "/_thongbao/edit?path={}&saved=1&after={generation}",
        url_encode(&fields.path)
    ))
    .into_response()
}

#[derive(Deserialize)]
struct Upload {
    name: String,
    #[serde(default)]
    path: String,
}

/// Whether an upload comes from this server's own page: its origin (when
/// the browser names one) and the token in `X-Thongbao-Token`.
fn upload_allowed(authoring: &Authoring, headers: &HeaderMap) -> bool {
    let sent = headers
        .get("x-thongbao-token")
        .and_then(|value| value.to_str().ok())
        .unwrap_or("");
    same_origin(headers, &authoring.token, sent)
}

/// A file name reduced to plain letters, digits, `.`, `-` and `_`, never
/// hidden and never empty: an uploaded name cannot leave the folder.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_string();
    if cleaned.is_empty() {
        "tep-dinh-kem".to_string()
    } else {
        cleaned
    }
}

/// `POST /_thongbao/import?name=…`: a dropped Word file, text or PDF run
/// through the importer; its findings as JSON for the form, field by
/// field. Nothing is written to the site.
async fn import(
    State(authoring): State<Authoring>,
    headers: HeaderMap,
    Query(upload): Query<Upload>,
    bytes: axum::body::Bytes,
) -> Response {
    if !upload_allowed(&authoring, &headers) {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    let name = safe_name(&upload.name);
    if !crate::import::is_importable(Path::new(&name)) {
        return import_refused(format!("{name}: not a Word file, a text or a PDF"));
    }
    let result = tokio::task::spawn_blocking(move || -> Result<crate::import::Imported, String> {
        let folder = tempfile::tempdir().map_err(|error| error.to_string())?;
        let path = folder.path().join(&name);
        std::fs::write(&path, &bytes).map_err(|error| error.to_string())?;
        crate::import::import_file(&path).map_err(|error| format!("{name}: {error}"))
    })
    .await
    .unwrap_or_else(|error| Err(error.to_string()));
    let imported = match result {
        Ok(imported) => imported,
        Err(error) => return import_refused(error),
    };
    let stash = if imported.attachments.is_empty() {
        String::new()
    } else {
        let id = new_token();
        if let Ok(mut stash) = authoring.stash.lock() {
            stash.insert(id.clone(), imported.attachments.clone());
        }
        id
    };
    let date = imported.date.or(imported.proposed_date.as_ref().map(|(date, _)| *date));
    let fields = serde_json::json!({
        "title": imported.title,
        "number": imported.number.clone().unwrap_or_default(),
        "date": date.map(|date| date.to_string()).unwrap_or_default(),
        "kind": imported.kind,
        "issuer": imported.issuer,
        "place": imported.place,
        "signer": imported.signer,
        "authority": imported.authority,
        "signer_title": imported.signer_title,
        "recipients": imported.recipients.join("\n"),
        "body": imported.body,
    });
    let attachments: Vec<&String> = imported.attachments.iter().map(|(name, _)| name).collect();
    axum::Json(serde_json::json!({
        "fields": fields,
        "draft": imported.is_draft(),
        "notes": imported.notes,
        "attachments": attachments,
        "stash": stash,
    }))
    .into_response()
}

/// Why a dropped file could not be imported, as the page's script reads it.
fn import_refused(error: String) -> Response {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        axum::Json(serde_json::json!({ "error": error })),
    )
        .into_response()
}

/// `POST /_thongbao/attach?path=content/…&name=…`: a file added to a
/// notice's bundle. A single-file notice (`a.md`) becomes a bundle
/// (`a/index.md`) first. Answers the notice's path, which may have changed.
async fn attach(
    State(authoring): State<Authoring>,
    headers: HeaderMap,
    Query(upload): Query<Upload>,
    bytes: axum::body::Bytes,
) -> Response {
    if !upload_allowed(&authoring, &headers) {
        return (StatusCode::FORBIDDEN, "forbidden").into_response();
    }
    let file = match inside_content(&authoring.root, &upload.path) {
        Ok(file) if file.is_file() => file,
        Ok(_) => return (StatusCode::NOT_FOUND, "no such notice").into_response(),
        Err(message) => return (StatusCode::FORBIDDEN, message).into_response(),
    };
    let name = safe_name(&upload.name);
    if name.ends_with(".md") {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            "an attachment cannot be a notice file (.md)",
        )
            .into_response();
    }
    let (file, path) = if file.file_name().is_some_and(|name| name == "index.md") {
        (file, upload.path.clone())
    } else {
        let stem = upload.path.trim_end_matches(".md").to_string();
        let folder = authoring.root.join(&stem);
        if folder.exists() {
            return (
                StatusCode::CONFLICT,
                format!("{stem}/ already exists: cannot make the notice a bundle"),
            )
                .into_response();
        }
        let bundled = folder.join("index.md");
        if let Err(error) = std::fs::create_dir(&folder).and_then(|()| std::fs::rename(&file, &bundled)) {
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot make the notice a bundle: {error}"),
            )
                .into_response();
        }
        (bundled, format!("{stem}/index.md"))
    };
    let folder = file.parent().unwrap_or(&authoring.root);
    if let Err(error) = write_atomically(&folder.join(&name), &bytes) {
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot save {name}: {error}"),
        )
            .into_response();
    }
    axum::Json(serde_json::json!({ "path": path, "name": name })).into_response()
}

/// The front matter key a line of a notice file sets (`date = …`).
pub fn key_of_line(line: &str) -> Option<String> {
    let key = line.split('=').next()?.trim();
    (!key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')).then(|| key.to_string())
}

/// Writes `bytes` to a temporary file beside `file` and renames it into
/// place: a reader (or the watcher) sees the old text or the new, never
/// half of one.
fn write_atomically(file: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let folder = file.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder)?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".thongbao-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    std::io::Write::write_all(&mut temporary, bytes)?;
    temporary.as_file().sync_all()?;
    temporary.persist(file).map_err(|error| error.error)?;
    Ok(())
}

fn url_encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn untouched_keys_keep_their_place_and_comments() {
        let original = "+++\n# Thông báo của Ban\ntitle = \"Cũ\"  # trích yếu\nnumber = \"1-TB/X\"\ndate = 2021-01-10\nextra_key = 5 # giữ nguyên\n+++\n\nNội dung.\n";
        let mut fields = Fields::of_text(original);
        assert_eq!(fields.get("title"), "Cũ");
        assert_eq!(fields.get("date"), "2021-01-10");
        fields.set("title", "Mới".to_string());
        fields.set("tags", "Dân vận\nCải cách".to_string());
        let text = compose(original, &fields);
        assert_eq!(
            text,
            "+++\n# Thông báo của Ban\ntitle = \"Mới\"  # trích yếu\nnumber = \"1-TB/X\"\ndate = 2021-01-10\nextra_key = 5 # giữ nguyên\ntags = [\"Dân vận\", \"Cải cách\"]\n+++\n\nNội dung.\n"
        );
        // Nothing changed: the same text.
        assert_eq!(compose(original, &Fields::of_text(original)), original);
    }

    #[test]
    fn only_plain_paths_inside_content_are_written() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("content")).unwrap();
        assert!(inside_content(root.path(), "content/2021/a.md").is_ok());
        for bad in [
            "content/../site.toml",
            "/etc/passwd",
            "content/a.txt",
            "templates/x.md",
            "content/./a.md",
            "content\\..\\a.md",
            "",
        ] {
            assert!(inside_content(root.path(), bad).is_err(), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", root.path().join("content/link")).unwrap();
            assert!(inside_content(root.path(), "content/link/a.md").is_err());
        }
    }
}
