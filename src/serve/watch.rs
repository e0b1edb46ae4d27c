//! Watching the site's sources the way real editors save them: in place,
//! to a temporary file renamed over the original (VS Code, vim), with swap
//! and backup files beside it, and in bursts (a `git checkout`).

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::support::fs::is_editor_temp;

/// How long the watcher waits for a burst of events to end. An editor's
/// save (a temporary file written, then renamed over the notice, or a
/// truncate and write) is one burst well within it; it is most of the
/// time from a save to the reload (docs/benchmarks.md).
pub const DEBOUNCE: Duration = Duration::from_millis(20);

/// What a changed path means for the next rebuild.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A notice (`content/**.md`).
    Notice,
    /// Another file under `content/` (an attachment).
    ContentFile,
    /// site.toml, `templates/`, `themes/`: every page may change.
    Site,
}

/// What a changed path is, or `None` for paths the site does not use
/// (editor temporaries, `public/`, anything else in the folder).
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let names: Vec<String> = relative
        .components()
        .filter_map(|component| match component {
            Component::Normal(name) => Some(name.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if names.iter().any(|name| is_editor_temp(name)) {
        return None;
    }
    match names.first().map(String::as_str) {
        Some("site.toml") if names.len() == 1 => Some(Change::Site),
        Some("templates" | "themes") => Some(Change::Site),
        Some("content") if names.last().is_some_and(|name| name.ends_with(".md")) => Some(Change::Notice),
        Some("content") if names.len() > 1 => Some(Change::ContentFile),
        // The content folder itself appearing or going.
        Some("content") => Some(Change::ContentFile),
        _ => None,
    }
}

/// Starts watching the site at `root`; batches of changed paths that
/// matter are sent on `changes`. The watcher stops when dropped.
pub fn watch(
    root: &Path,
    changes: Sender<Vec<PathBuf>>,
) -> notify::Result<Debouncer<notify::RecommendedWatcher, RecommendedCache>> {
    let root_for_events = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        // Events lost (an error, a full kernel queue): the rebuild must
        // look at the whole content folder again, as for a folder changed.
        let rescan = || vec![root_for_events.join("content")];
        let Ok(events) = result else {
            let _ = changes.send(rescan());
            return;
        };
        if events.iter().any(|event| event.need_rescan()) {
            let _ = changes.send(rescan());
        }
        // Reads (the build's own among them) are not changes.
        let mut paths: Vec<PathBuf> = events
            .iter()
            .filter(|event| !event.kind.is_access() && !event.kind.is_other())
            .flat_map(|event| event.paths.iter())
            .filter(|path| classify(&root_for_events, path).is_some())
            .cloned()
            .collect();
        paths.sort();
        paths.dedup();
        if !paths.is_empty() {
            let _ = changes.send(paths);
        }
    })?;
    // The root itself only for site.toml and the folders appearing; the
    // folders recursively. Not the whole root: it may hold public/ or a
    // build tree with many thousands of files.
    debouncer.watch(root, RecursiveMode::NonRecursive)?;
    for folder in ["content", "templates", "themes"] {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(debouncer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_temporaries_and_other_folders_are_ignored() {
        let root = Path::new("/site");
        let change = |path: &str| classify(root, &root.join(path));
        assert_eq!(change("content/2021/a.md"), Some(Change::Notice));
        assert_eq!(change("content/2021/b/ban-ky.pdf"), Some(Change::ContentFile));
        assert_eq!(change("site.toml"), Some(Change::Site));
        assert_eq!(change("templates/notice.html"), Some(Change::Site));
        assert_eq!(change("themes/x/static/a.css"), Some(Change::Site));
        for ignored in [
            "content/2021/.a.md.swp",
            "content/2021/a.md~",
            "content/2021/4913",
            "content/2021/#a.md#",
            "content/.git/index",
            "public/index.html",
            "target/x",
            "notes.txt",
        ] {
            assert_eq!(change(ignored), None, "{ignored}");
        }
    }
}
