//! The state open browser tabs follow: whether the last build succeeded,
//! and a channel announcing each rebuild.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::broadcast;

use crate::link::archive::Archive;
use crate::support::diagnostics::Diagnostics;

/// What a tab is told.
#[derive(Debug, Clone)]
pub enum LiveEvent {
    /// A rebuild succeeded: reload.
    Reload,
    /// The site is fine (sent to a tab when it connects).
    Ok,
    /// The last rebuild failed: show these errors (JSON).
    Errors(Arc<String>),
}

/// The live state shared by the rebuild loop and the server.
pub struct Live {
    current: Mutex<LiveEvent>,
    sender: broadcast::Sender<LiveEvent>,
    /// The errors and warnings of the last build, for the authoring pages.
    problems: Mutex<Vec<Problem>>,
    /// How many rebuilds have ended, good or not: a page saved at one
    /// count is rebuilt once the count is past it.
    generation: std::sync::atomic::AtomicU64,
    /// The archive of the last good build.
    archive: Mutex<Option<Arc<Archive>>>,
}

/// One error or warning of the last build, by file.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The file as shown (`content/2021/a.md`).
    pub file: String,
    /// The front matter key it is about, when it is on a key's line.
    pub field: Option<String>,
    /// `error` or `warning`.
    pub severity: &'static str,
    pub message: String,
}

#[derive(Serialize)]
struct ErrorView<'a> {
    location: String,
    message: &'a str,
    help: Option<&'a str>,
}

impl Live {
    pub fn new() -> Live {
        let (sender, _) = broadcast::channel(16);
        Live {
            current: Mutex::new(LiveEvent::Ok),
            sender,
            problems: Mutex::new(Vec::new()),
            generation: std::sync::atomic::AtomicU64::new(0),
            archive: Mutex::new(None),
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.sender.subscribe()
    }

    /// What a newly connected tab should know.
    pub fn current(&self) -> LiveEvent {
        self.current
            .lock()
            .map(|current| current.clone())
            .unwrap_or(LiveEvent::Ok)
    }

    /// The problems of the last build.
    pub fn problems(&self) -> Vec<Problem> {
        self.problems
            .lock()
            .map(|problems| problems.clone())
            .unwrap_or_default()
    }

    /// Keeps a build's errors or warnings, each with the front matter key
    /// of the line it is on (from the text the diagnostic holds: no file
    /// is read again).
    pub fn record(&self, diagnostics: &Diagnostics) {
        let problems: Vec<Problem> = diagnostics
            .iter()
            .map(|diagnostic| {
                let file = diagnostic.path.to_string_lossy().replace('\\', "/");
                let field = diagnostic.line_text().and_then(super::authoring::key_of_line);
                Problem {
                    file,
                    field,
                    severity: if diagnostic.is_error() { "error" } else { "warning" },
                    message: diagnostic.message.clone(),
                }
            })
            .collect();
        if let Ok(mut kept) = self.problems.lock() {
            *kept = problems;
        }
    }

    /// How many rebuilds have ended.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// The archive of the last good build, if there was one.
    pub fn archive(&self) -> Option<Arc<Archive>> {
        self.archive.lock().ok().and_then(|archive| archive.clone())
    }

    /// A rebuild of `archive` succeeded.
    pub fn rebuilt(&self, archive: &Arc<Archive>) {
        if let Ok(mut kept) = self.archive.lock() {
            *kept = Some(archive.clone());
        }
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        if let Ok(mut current) = self.current.lock() {
            *current = LiveEvent::Ok;
        }
        let _ = self.sender.send(LiveEvent::Reload);
    }

    /// A rebuild failed with these errors.
    pub fn failed(&self, errors: &Diagnostics) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let views: Vec<ErrorView> = errors
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .map(|diagnostic| ErrorView {
                location: diagnostic.location(),
                message: &diagnostic.message,
                help: diagnostic.help.as_deref(),
            })
            .collect();
        let event = LiveEvent::Errors(Arc::new(
            serde_json::to_string(&views).unwrap_or_else(|_| "[]".to_string()),
        ));
        if let Ok(mut current) = self.current.lock() {
            *current = event.clone();
        }
        let _ = self.sender.send(event);
    }
}

impl Default for Live {
    fn default() -> Self {
        Live::new()
    }
}
