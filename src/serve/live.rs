//! The state open browser tabs follow: whether the last build succeeded,
//! and a channel announcing each rebuild.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use tokio::sync::broadcast;

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

    /// A rebuild succeeded.
    pub fn rebuilt(&self) {
        if let Ok(mut current) = self.current.lock() {
            *current = LiveEvent::Ok;
        }
        let _ = self.sender.send(LiveEvent::Reload);
    }

    /// A rebuild failed with these errors.
    pub fn failed(&self, errors: &Diagnostics) {
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
