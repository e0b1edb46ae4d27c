//! The PDF reader: a PDF's text layer through poppler's `pdftotext`
//! (Debian's `poppler-utils`), laid out as on the page (`-layout`: the
//! header's two columns side by side, the signature beside "Nơi nhận:"),
//! pages split by form feeds. Measured against its reading-order mode on
//! the test PDFs (`tests/it/commands/import_accuracy.rs`), the layout
//! keeps more fields; see `docs/import.md`.
//!
//! A hostile file is refused in bounded time and memory: at most
//! [`MAX_BYTES`] read, `pdftotext` stopped after [`TIME_LIMIT`], at most
//! [`MAX_TEXT`] of text taken from it.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The largest PDF read.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;
/// How long `pdftotext` may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(30);
/// The most text taken from a PDF (a notice is a few dozen KiB).
pub const MAX_TEXT: usize = 16 * 1024 * 1024;

/// How `pdftotext` lays out the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// `-layout`: as on the page, columns side by side.
    Layout,
    /// Reading order: each column's text after the other.
    Reading,
}

/// Why a PDF gave no text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    NotPdf,
    TooLarge(u64),
    Encrypted,
    NoText,
    Damaged(String),
    NoTool,
    TimedOut,
    Io(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::NotPdf => write!(f, "this is not a PDF (it does not begin with %PDF-)"),
            PdfError::TooLarge(size) => write!(
                f,
                "the PDF is {} MiB, more than the {} MiB a notice could need: refused",
                size / (1024 * 1024),
                MAX_BYTES / (1024 * 1024)
            ),
            PdfError::Encrypted => write!(
                f,
                "the PDF is encrypted (password protected): save an unprotected copy and import that"
            ),
            PdfError::NoText => write!(
                f,
                "the PDF has no text layer (a scanned image?): run OCR on it first (for example `ocrmypdf`), then import the result"
            ),
            PdfError::Damaged(why) => write!(f, "the PDF could not be read (damaged or truncated?): {why}"),
            PdfError::NoTool => write!(
                f,
                "reading PDFs needs `pdftotext`: install Debian's poppler-utils package (apt install poppler-utils)"
            ),
            PdfError::TimedOut => write!(f, "reading the PDF took more than {} s: refused", TIME_LIMIT.as_secs()),
            PdfError::Io(why) => write!(f, "{why}"),
        }
    }
}

/// The text of a PDF's text layer, pages split by form feeds.
pub fn text(path: &Path, mode: Mode) -> Result<String, PdfError> {
    let meta = std::fs::metadata(path).map_err(|error| PdfError::Io(format!("cannot read: {error}")))?;
    if meta.len() > MAX_BYTES {
        return Err(PdfError::TooLarge(meta.len()));
    }
    let mut start = [0u8; 5];
    let mut file = std::fs::File::open(path).map_err(|error| PdfError::Io(format!("cannot read: {error}")))?;
    if file.read_exact(&mut start).is_err() || &start != b"%PDF-" {
        return Err(PdfError::NotPdf);
    }
    let mut command = Command::new("pdftotext");
    if mode == Mode::Layout {
        command.arg("-layout");
    }
    let mut child = command
        .args(["-enc", "UTF-8"])
        .arg(path)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => PdfError::NoTool,
            _ => PdfError::Io(format!("cannot run pdftotext: {error}")),
        })?;
    let reader = read_in_background(child.stdout.take(), MAX_TEXT);
    let errors = read_in_background(child.stderr.take(), 64 * 1024);
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(PdfError::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(error) => return Err(PdfError::Io(format!("pdftotext: {error}"))),
        }
    };
    let bytes = reader.join().unwrap_or_default();
    if !status.success() {
        let reason = String::from_utf8_lossy(&errors.join().unwrap_or_default()).into_owned();
        if reason.contains("password") || reason.contains("ncrypt") {
            return Err(PdfError::Encrypted);
        }
        let first = reason
            .lines()
            .find(|line| !line.trim().is_empty())
            .unwrap_or("pdftotext failed")
            .trim()
            .to_string();
        return Err(PdfError::Damaged(first));
    }
    let text = String::from_utf8_lossy(&bytes).into_owned();
    if text.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

/// Reads at most `limit` bytes of a child's output on a thread of its own
/// (so that neither pipe fills while the other is read), dropping the rest.
fn read_in_background<R: Read + Send + 'static>(out: Option<R>, limit: usize) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut out) = out {
            let _ = (&mut out).take(limit as u64).read_to_end(&mut bytes);
            // Drain what is over the limit so that the child can finish.
            let _ = std::io::copy(&mut out, &mut std::io::sink());
        }
        bytes
    })
}
