//! The preview's HTTP side: files of the private build folder (never
//! outside it), the live-reload script injected into HTML, and the event
//! stream that tells open tabs to reload or to show build errors.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect};
use axum::routing::get;
use percent_encoding::percent_decode_str;
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::live::{Live, LiveEvent};

const LIVE_RELOAD_JS: &str = include_str!("live-reload.js");
const SCRIPT_TAG: &str = "<script src=\"/__thongbao/live-reload.js\"></script>";

/// What the handlers share.
#[derive(Clone)]
pub struct Served {
    /// The private build folder, canonical.
    pub folder: PathBuf,
    pub live: Arc<Live>,
}

pub fn router(served: Served, authoring: Option<super::authoring::Authoring>) -> Router {
    let site = Router::new()
        .route("/__thongbao/events", get(events))
        .route("/__thongbao/live-reload.js", get(live_reload_js))
        .fallback(get(file))
        .with_state(served);
    match authoring {
        Some(authoring) => super::authoring::routes(authoring)
            .layer(axum::extract::DefaultBodyLimit::max(super::authoring::UPLOAD_LIMIT))
            .merge(site),
        None => site,
    }
}

async fn live_reload_js() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_RELOAD_JS,
    )
}

/// Server-sent events: `errors` (the current ones) at once when the last
/// build failed, then `reload` after each good rebuild and `errors` after
/// each failed one.
async fn events(State(served): State<Served>) -> impl IntoResponse {
    let receiver = served.live.subscribe();
    let first = served.live.current();
    let first = tokio_stream::once(Ok::<Event, Infallible>(to_event(&first)));
    let rest = BroadcastStream::new(receiver).filter_map(|event| event.ok().map(|event| Ok(to_event(&event))));
    Sse::new(first.chain(rest)).keep_alive(KeepAlive::default())
}

fn to_event(event: &LiveEvent) -> Event {
    match event {
        LiveEvent::Reload => Event::default().event("reload").data("reload"),
        LiveEvent::Ok => Event::default().event("ok").data("ok"),
        LiveEvent::Errors(json) => Event::default().event("errors").data(json.as_str()),
    }
}

/// Serves a file of the build folder. `..` in any form, and anything that
/// resolves outside the folder (a symbolic link), is refused.
async fn file(State(served): State<Served>, uri: Uri) -> Response<Body> {
    let Ok(decoded) = percent_decode_str(uri.path()).decode_utf8() else {
        return plain(StatusCode::BAD_REQUEST, "bad request: the path is not UTF-8");
    };
    if decoded.contains(['\0', '\\']) {
        return plain(StatusCode::FORBIDDEN, "forbidden");
    }
    let segments: Vec<&str> = decoded.split('/').filter(|segment| !segment.is_empty()).collect();
    if segments.iter().any(|segment| *segment == ".." || *segment == ".") {
        return plain(StatusCode::FORBIDDEN, "forbidden");
    }
    let mut path = served.folder.clone();
    path.extend(&segments);
    if path.is_dir() {
        if !decoded.ends_with('/') {
            return Redirect::permanent(&format!("{}/", uri.path())).into_response();
        }
        path.push("index.html");
    }
    match read_inside(&served.folder, &path).await {
        Ok(Some(bytes)) => respond(StatusCode::OK, &path, bytes),
        Ok(None) => not_found(&served.folder).await,
        Err(status) => plain(status, "forbidden"),
    }
}

/// Reads `path` if it is a file inside `folder`; `Err` when it resolves
/// outside it.
async fn read_inside(folder: &Path, path: &Path) -> Result<Option<Vec<u8>>, StatusCode> {
    let Ok(real) = tokio::fs::canonicalize(path).await else {
        return Ok(None);
    };
    if !real.starts_with(folder) {
        return Err(StatusCode::FORBIDDEN);
    }
    Ok(tokio::fs::read(&real).await.ok())
}

async fn not_found(folder: &Path) -> Response<Body> {
    let page = folder.join("404.html");
    match tokio::fs::read(&page).await {
        Ok(bytes) => respond(StatusCode::NOT_FOUND, &page, bytes),
        // Before the first good build there is no site at all: a page that
        // still listens, so the build's errors and its fix show up.
        Err(_) => respond(
            StatusCode::NOT_FOUND,
            Path::new("404.html"),
            b"<!DOCTYPE html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>thongbao</title></head><body><p>Not built yet.</p></body></html>".to_vec(),
        ),
    }
}

fn respond(status: StatusCode, path: &Path, mut bytes: Vec<u8>) -> Response<Body> {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let textual =
        mime.type_() == mime_guess::mime::TEXT || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml");
    let content_type = if textual {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    };
    if mime.subtype() == mime_guess::mime::HTML {
        bytes = inject_script(bytes);
    }
    let mut response = Response::new(Body::from(bytes));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Puts the live-reload script before `</body>` (or at the end).
fn inject_script(bytes: Vec<u8>) -> Vec<u8> {
    let Ok(mut html) = String::from_utf8(bytes) else {
        return Vec::new();
    };
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, SCRIPT_TAG),
        None => html.push_str(SCRIPT_TAG),
    }
    html.into_bytes()
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut response = Response::new(Body::from(text));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}
