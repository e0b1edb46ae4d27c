//! The files of a built site as every stage hands them on: what a page or
//! a site-wide file holds ([`OutputFile`], [`Contents`]), where they go
//! ([`Sink`]), and what a build records of each file for the next one
//! ([`Record`], [`Previous`]). Made by render and outputs, taken by write.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// What goes into one output file.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    /// A file copied from the site (attachments, theme files on disk).
    Copy(PathBuf),
    /// The same bytes as the last build wrote: the preview leaves the
    /// file alone, and `build` hard-links it from the output it replaces.
    Unchanged,
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Relative to the output root, `/`-separated, never with `..`.
    pub path: String,
    pub contents: Contents,
}

/// Why the output folder was refused or could not be written.
#[derive(Debug)]
pub enum OutputError {
    /// The folder must not be written to (it is the site, holds content, or
    /// holds files a build did not make). A usage error.
    Refused(String),
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl fmt::Display for OutputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OutputError::Refused(reason) => write!(f, "{reason}"),
            OutputError::Io { path, error } => {
                write!(f, "cannot write {}: {error}", path.display())
            }
        }
    }
}

impl std::error::Error for OutputError {}

pub(crate) fn io_error(path: &Path) -> impl FnOnce(io::Error) -> OutputError + '_ {
    move |error| OutputError::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// What a file was made from and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    /// A fingerprint of everything the file was made from.
    pub fingerprint: u64,
    /// A hash of its bytes.
    pub hash: u64,
    pub size: u64,
}

impl Record {
    /// The record of `bytes` made from what `fingerprint` sums up.
    pub fn of(fingerprint: u64, bytes: &[u8]) -> Record {
        Record {
            fingerprint,
            hash: bytes_hash(bytes),
            size: bytes.len() as u64,
        }
    }
}

/// A hash of a file's bytes, to tell whether it must be written again.
pub fn bytes_hash(bytes: &[u8]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// What the last build left in the output folder, by path.
#[derive(Debug, Default)]
pub struct Previous {
    pub files: std::collections::HashMap<String, Record>,
    /// The fingerprints of files it listed that are gone or changed, so
    /// that a set of files made together is kept only whole.
    pub lost: std::collections::HashSet<u64>,
    /// How many lines the list had, read or not.
    pub listed: usize,
}

const PATH_SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

/// Percent-encodes a relative path for use in a URL, keeping its slashes.
pub fn encode_path(path: &str) -> String {
    utf8_percent_encode(path, PATH_SEGMENT).to_string()
}

/// Where a build's files go, a batch at a time as they are rendered, so
/// that a large archive is never held in memory whole.
pub trait Sink {
    fn accept(&mut self, files: Vec<OutputFile>) -> Result<(), OutputError>;
}

/// Keeps every file (for `check --links`, the preview, tests).
#[derive(Debug, Default)]
pub struct Collect(pub Vec<OutputFile>);

impl Sink for Collect {
    fn accept(&mut self, files: Vec<OutputFile>) -> Result<(), OutputError> {
        self.0.extend(files);
        Ok(())
    }
}

/// Drops every file (`check` without `--links`).
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn accept(&mut self, _files: Vec<OutputFile>) -> Result<(), OutputError> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_encoded_for_urls() {
        assert_eq!(encode_path("ban ký.pdf"), "ban%20k%C3%BD.pdf");
        assert_eq!(encode_path("phu-luc/a#1.pdf"), "phu-luc/a%231.pdf");
    }
}
