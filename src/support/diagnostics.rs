//! Errors and warnings about a user's files, with the file, line and column
//! they concern.
//!
//! Every stage of the pipeline collects all the problems it finds into a
//! [`Diagnostics`] list instead of stopping at the first, so one run of
//! `thongbao check` shows a clerk everything that needs fixing.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, termcolor};

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// The text of a file a diagnostic points into, shared between diagnostics.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path shown to the user (relative to the site root when possible).
    pub path: PathBuf,
    /// The text exactly as diagnostics index it (after BOM and CRLF removal).
    pub text: Arc<str>,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<Arc<str>>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        (line, column)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem found in a user's file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the problem is in, as shown to the user.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong and what was expected.
    pub message: String,
    /// A short text shown under the offending span on a terminal.
    pub label: Option<Box<str>>,
    /// How to fix it, when we can tell.
    pub help: Option<Box<str>>,
    /// Boxed: diagnostics travel in `Result`s and should stay small.
    source: Option<Box<(Source, Range<usize>)>>,
}

impl Diagnostic {
    /// An error at a byte span of a source file.
    pub fn error_at(source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Error, source, span, message)
    }

    /// A warning at a byte span of a source file.
    pub fn warning_at(source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        Self::at(Severity::Warning, source, span, message)
    }

    fn at(severity: Severity, source: &Source, span: Range<usize>, message: impl Into<String>) -> Self {
        let (line, column) = source.line_col(span.start);
        let len = source.text.len();
        let span = span.start.min(len)..span.end.min(len).max(span.start.min(len));
        Diagnostic {
            severity,
            path: source.path.clone(),
            line,
            column,
            message: message.into(),
            label: None,
            help: None,
            source: Some(Box::new((source.clone(), span))),
        }
    }

    /// An error about a file where no position inside it applies (an
    /// unreadable file, say), or a position known only as line and column.
    pub fn error(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line,
            column,
            message: message.into(),
            label: None,
            help: None,
            source: None,
        }
    }

    /// A warning about a file where no position inside it applies, or one
    /// known only as line and column.
    pub fn warning(path: impl Into<PathBuf>, line: usize, column: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, line, column, message)
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into().into_boxed_str());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into().into_boxed_str());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The text of the line the problem is on, when the diagnostic holds
    /// its file's text.
    pub fn line_text(&self) -> Option<&str> {
        let (source, _) = self.source.as_deref()?;
        source.text.lines().nth(self.line.checked_sub(1)?)
    }

    /// `path:line:column`, the location as editors and terminals understand it.
    pub fn location(&self) -> String {
        let path = self.path.display();
        match (self.line, self.column) {
            (0, _) => format!("{path}"),
            (line, 0) => format!("{path}:{line}"),
            (line, column) => format!("{path}:{line}:{column}"),
        }
    }

    fn to_report(&self) -> Report<()> {
        let report = match self.severity {
            Severity::Error => Report::error(),
            Severity::Warning => Report::warning(),
        }
        .with_message(&self.message);
        let report = match self.source.as_deref() {
            Some((_, span)) => report.with_labels(vec![
                Label::primary((), span.clone()).with_message(self.label.as_deref().unwrap_or_default()),
            ]),
            None => report.with_notes(vec![format!("in {}", self.location())]),
        };
        match &self.help {
            Some(help) => report.with_notes(vec![format!("help: {help}")]),
            None => report,
        }
    }

    /// Writes the diagnostic with the offending source line and a caret under
    /// the span, as `rustc` does.
    pub fn emit(&self, out: &mut dyn termcolor::WriteColor) {
        let config = term::Config::default();
        let result = match self.source.as_deref() {
            Some((source, _)) => {
                let file = SimpleFile::new(source.path.display().to_string(), source.text.as_ref());
                term::emit_to_write_style(out, &config, &file, &self.to_report())
            }
            None => {
                let file = SimpleFile::new(String::new(), "");
                term::emit_to_write_style(out, &config, &file, &self.to_report())
            }
        };
        if result.is_err() {
            let _ = std::io::Write::write_fmt(out, format_args!("{self}\n"));
        }
    }
}

/// The one-line form: `path:line:column: error: message`.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {kind}: {}", self.location(), self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

/// All the diagnostics of one run, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorts by file, position and message so output does not depend on the
    /// order parallel workers finished in.
    pub fn sort(&mut self) {
        self.items
            .sort_by(|a, b| (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message)));
        self.items
            .dedup_by(|a, b| a.path == b.path && a.line == b.line && a.column == b.column && a.message == b.message);
    }

    /// Prints every diagnostic to standard error, in colour on a terminal.
    pub fn emit_to_stderr(&self) {
        let choice = if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            termcolor::ColorChoice::Auto
        } else {
            termcolor::ColorChoice::Never
        };
        let stream = termcolor::StandardStream::stderr(choice);
        let mut out = stream.lock();
        for diagnostic in &self.items {
            diagnostic.emit(&mut out);
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(items: Vec<Diagnostic>) -> Self {
        Diagnostics { items }
    }
}

/// Shows `path` relative to `root` when it lies inside it.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let source = Source::new("a.md", "+++\ntitle = \"Thông\"\nx");
        assert_eq!(source.line_col(0), (1, 1));
        assert_eq!(source.line_col(4), (2, 1));
        let x = source.text.rfind('x').unwrap();
        assert_eq!(source.line_col(x), (3, 1));
        let quote = source.text.rfind('"').unwrap();
        assert_eq!(source.line_col(quote), (2, 15));
    }
}
