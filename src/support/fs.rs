//! Files on disk as the user leaves them.

/// Whether a file name is an editor's temporary or backup file, which is
/// never content: vim's `.swp` and `4913`, emacs's `#…#` and `.#…`, `~` backups.
pub fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crdownload", ".part"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}
