//! Citations in a notice body become links while its Markdown renders:
//! each document number found in plain text is resolved against the
//! archive and linked to the notice it names, or to `external_url` when
//! the archive does not hold it.

use std::ops::Range;
use std::sync::Arc;

use crate::link::citations::{Citation, CitedFrom, NumberIndex, Resolution};
use crate::link::markdown::{Context, TextLinker};
use crate::link::tasks::{BlockKind, Finder};
use crate::link::wording;
use crate::load::config::Config;
use crate::model::notice::Notice;
use crate::model::number::{self, same_number};
use crate::model::relation::Relation;
use crate::support::diagnostics::Diagnostic;
use crate::support::escape::escape_html;

/// Links the citations of one notice's body.
pub struct CitationLinker<'a> {
    index: &'a NumberIndex,
    notices: &'a [Arc<Notice>],
    /// The notice being rendered.
    citing: usize,
    config: &'a Config,
    /// What the body cites, in order, without repeats.
    pub citations: Vec<Citation>,
    /// Citations that resolved only by falling back to the same year.
    pub warnings: Vec<Diagnostic>,
    /// Every number the body mentions with its date, linked or not: what
    /// decides whether the rendered body can be reused after a change.
    pub seen: Vec<(String, Option<jiff::civil::Date>)>,
    /// Links that would run a script: errors, the notice is not published.
    pub errors: Vec<Diagnostic>,
    /// The tasks the body assigns (SPEC §9).
    pub tasks: Finder<'a>,
}

impl<'a> CitationLinker<'a> {
    pub fn new(index: &'a NumberIndex, notices: &'a [Arc<Notice>], citing: usize, config: &'a Config) -> Self {
        CitationLinker {
            index,
            notices,
            citing,
            config,
            citations: Vec::new(),
            warnings: Vec::new(),
            seen: Vec::new(),
            errors: Vec::new(),
            tasks: Finder::for_kind(
                notices[citing].front.date,
                &notices[citing].front.kind,
                &config.unit_names,
            ),
        }
    }

    fn record(&mut self, citation: Citation) {
        let repeat = self
            .citations
            .iter()
            .any(|seen| seen.names_same(&citation) && (seen.relation, seen.part) == (citation.relation, citation.part));
        if !repeat {
            self.citations.push(citation);
        }
    }

    fn warn_same_year(&mut self, found: &number::Found, target: usize, span: Range<usize>) {
        let notice = &self.notices[self.citing];
        let cited = found.date.map(|date| date.to_string()).unwrap_or_default();
        let actual = self.notices[target].front.date;
        self.warnings.push(
            Diagnostic::warning_at(
                &notice.source,
                span,
                format!(
                    "{} is cited as dated {cited}, but the archive's {} of that year is dated {actual}; linked to it",
                    found.number, found.number
                ),
            )
            .with_label("date does not match")
            .with_help("check the date in the text, or the date of the cited notice"),
        );
    }
}

impl TextLinker for CitationLinker<'_> {
    fn block(&mut self, kind: BlockKind, text: &str, offset: usize, anchor: &str) -> bool {
        let start = self.notices[self.citing].body_offset + offset;
        self.tasks.block(kind, text, start, anchor)
    }

    fn table_row(&mut self, header: &[String], cells: &[String], offset: usize, anchor: &str) -> bool {
        let start = self.notices[self.citing].body_offset + offset;
        self.tasks.table_row(header, cells, start, anchor)
    }

    fn unsafe_link(&mut self, url: &str, offset: usize) {
        let notice = &self.notices[self.citing];
        let start = notice.body_offset + offset;
        let shown: String = url.chars().take(40).collect();
        self.errors.push(
            Diagnostic::error_at(
                &notice.source,
                start..start + 1,
                format!("link to {shown:?} is not allowed: it would run a script or embed a document"),
            )
            .with_label("unsafe link")
            .with_help("link to a page or a file (http:, https:, a path); data: is allowed only for images"),
        );
    }

    fn link(&mut self, text: &str, offset: usize, context: Context) -> Option<String> {
        let found = number::find(text);
        if found.is_empty() {
            return None;
        }
        let citing = &self.notices[self.citing];
        let body_offset = citing.body_offset + offset;
        let mut html = String::with_capacity(text.len() + found.len() * 64);
        let mut written = 0;
        for number in found {
            self.seen.push((number.number.clone(), number.date));
            let resolution = self
                .index
                .resolve(&number.number, number.date, self.citing, citing.front.date);
            let target = resolution.target();
            if target.is_none()
                && citing
                    .front
                    .number
                    .as_deref()
                    .is_some_and(|own| same_number(own, &number.number))
            {
                // A notice naming its own number, with no other notice of
                // that number to mean, speaks of itself: not a citation.
                continue;
            }
            let source_span = body_offset + number.span.start..body_offset + number.span.end;
            if let (Resolution::SameYear(_), Some(target)) = (&resolution, target) {
                self.warn_same_year(&number, target, source_span.clone());
            }
            let separator = if context.lead.is_empty() { "" } else { "\n" };
            let before = [context.lead, separator, context.block, &text[..number.span.start]];
            let (relation, part) = wording::relation_before(&before, context.preamble)
                .or_else(|| wording::relation_after(&text[number.full_span.end..]))
                .unwrap_or((Relation::Cites, false));
            self.record(Citation {
                number: number.number.clone(),
                date: number.date,
                from: CitedFrom::Body,
                relation,
                part,
                target,
                offset: source_span.start,
            });
            let written_number = &text[number.span.clone()];
            let link = match target {
                Some(target) => {
                    let notice = &self.notices[target];
                    Some((
                        format!("{}{}", self.config.base_path(), notice.url_path()),
                        "citation",
                        notice.front.title.as_str(),
                    ))
                }
                None => self
                    .config
                    .external_link(&number.number)
                    .map(|url| (url, "citation citation-external", "")),
            };
            let Some((href, class, title)) = link else {
                continue;
            };
            html.push_str(&escape_html(&text[written..number.span.start]));
            html.push_str(&format!("<a class=\"{class}\" href=\"{}\"", escape_html(&href)));
            if !title.is_empty() {
                html.push_str(&format!(" title=\"{}\"", escape_html(title)));
            }
            html.push('>');
            html.push_str(&escape_html(written_number));
            html.push_str("</a>");
            written = number.span.end;
        }
        if written == 0 {
            return None;
        }
        html.push_str(&escape_html(&text[written..]));
        Some(html)
    }
}
