//! Markdown → HTML with pulldown-cmark: CommonMark plus tables, footnotes
//! and strikethrough, ids on headings, raw HTML escaped unless the site
//! allows it, and a hook through which citations become links.

use std::collections::HashSet;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::link::tasks::BlockKind;
use crate::support::text::slugify;

/// Where a run of text stands: what the reader has read of its block, for
/// the wording of a citation ([`crate::link::wording`]).
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The block's text before the run (a paragraph, list item, heading
    /// or cell).
    pub block: &'a str,
    /// In a list that follows a paragraph ending in a colon ("Bãi bỏ các
    /// văn bản sau:"), that paragraph; else empty.
    pub lead: &'a str,
    /// Whether the block comes before the body's first heading.
    pub preamble: bool,
}

/// Turns the text of a body into HTML around the document numbers it
/// cites. Given a run of plain text (never code or link text), the byte
/// offset in the Markdown where it starts and where it stands, returns the
/// HTML to emit instead, or `None` to keep the text as it is.
pub trait TextLinker {
    fn link(&mut self, text: &str, offset: usize, context: Context) -> Option<String>;

    /// Told of a link or image whose address runs a script or embeds data
    /// (`javascript:`, `vbscript:`, `data:` but for images); the link is
    /// rendered without it.
    fn unsafe_link(&mut self, _url: &str, _offset: usize) {}

    /// Told of each block when it ends (a paragraph, a list item, a
    /// heading): its kind, its whole text, the byte offset in the Markdown
    /// where it starts, and the id it would carry. Returns whether it is
    /// to carry that id (a task is found in it, SPEC §9).
    fn block(&mut self, _kind: BlockKind, _text: &str, _offset: usize, _anchor: &str) -> bool {
        false
    }

    /// Told of each row of a table's body when it ends: the header's
    /// cells, the row's, the offset where the row starts, and the id it
    /// would carry. Returns whether it is to carry it (a task table's row).
    fn table_row(&mut self, _header: &[String], _cells: &[String], _offset: usize, _anchor: &str) -> bool {
        false
    }
}

/// Whether a link address may not be published: it would run a script
/// (`javascript:`, `vbscript:`) or carry a document inside it (`data:`,
/// allowed only for images).
pub fn is_unsafe_url(url: &str, image: bool) -> bool {
    let scheme: String = url
        .trim_start()
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take_while(|c| *c != ':')
        .flat_map(char::to_lowercase)
        .collect();
    if !url.contains(':') {
        return false;
    }
    match scheme.as_str() {
        "javascript" | "vbscript" => true,
        "data" => !image,
        _ => false,
    }
}

/// A linker that links nothing.
pub struct NoLinks;

impl TextLinker for NoLinks {
    fn link(&mut self, _text: &str, _offset: usize, _context: Context) -> Option<String> {
        None
    }
}

/// The rendered body of a notice.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    /// The text of the first paragraph, for listings and feeds.
    pub first_paragraph: String,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders a notice body. Raw HTML is shown as text unless `allow_html`.
pub fn render(markdown: &str, allow_html: bool, linker: &mut dyn TextLinker) -> Rendered {
    let (mut events, offsets): (Vec<Event>, Vec<usize>) = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .map(|(event, range)| (event, range.start))
        .unzip();
    let first_paragraph = first_paragraph(&events);
    let used = add_heading_ids(&mut events);
    let events = link_text(events, &offsets, allow_html, linker, used);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut html, events.into_iter());
    // Every body of the archive is held until its page is written: no
    // room to spare in each.
    html.shrink_to_fit();
    Rendered { html, first_paragraph }
}

/// Plain text of the first paragraph, whitespace collapsed.
fn first_paragraph(events: &[Event]) -> String {
    let mut text = String::new();
    let mut inside = false;
    for event in events {
        match event {
            Event::Start(Tag::Paragraph) => inside = true,
            Event::End(TagEnd::Paragraph) if inside => break,
            Event::Text(t) | Event::Code(t) if inside => text.push_str(t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Gives every heading without an explicit `{#id}` an id made from its text,
/// unique within the page, so sections can be linked to. Returns the ids.
fn add_heading_ids(events: &mut [Event]) -> HashSet<String> {
    let mut used: HashSet<String> = events
        .iter()
        .filter_map(|event| match event {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { id: None, .. }) = &events[index] {
            let mut text = String::new();
            for event in &events[index + 1..] {
                match event {
                    Event::End(TagEnd::Heading(_)) => break,
                    Event::Text(t) | Event::Code(t) => text.push_str(t),
                    _ => {}
                }
            }
            let base = match slugify(&text) {
                slug if slug.is_empty() => "muc".to_string(),
                slug if slug.starts_with(|c: char| c.is_ascii_digit()) => format!("muc-{slug}"),
                slug => slug,
            };
            let mut id = base.clone();
            let mut n = 1;
            while !used.insert(id.clone()) {
                n += 1;
                id = format!("{base}-{n}");
            }
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[index] {
                *slot = Some(CowStr::from(id));
            }
        }
        index += 1;
    }
    used
}

/// The block whose end the linker is told of ([`TextLinker::block`]).
struct OpenBlock {
    kind: BlockKind,
    /// Its start event's place in the output.
    at: usize,
    offset: usize,
    text: String,
}

/// The table being read: its header's cells, the row's so far.
#[derive(Default)]
struct TableRows {
    header: Vec<String>,
    cells: Vec<String>,
    in_cell: bool,
    /// The first cell's start event's place in the output.
    first_cell: Option<usize>,
    row_offset: usize,
}

/// What the reader gathers for [`TextLinker::block`] and
/// [`TextLinker::table_row`].
#[derive(Default)]
struct Blocks {
    open: Option<OpenBlock>,
    table: Option<TableRows>,
}

impl Blocks {
    fn push(&mut self, text: &str) {
        if let Some(open) = &mut self.open {
            open.text.push_str(text);
        }
        if let Some(table) = &mut self.table
            && table.in_cell
            && let Some(cell) = table.cells.last_mut()
        {
            cell.push_str(text);
        }
    }
}

/// Ids for the blocks that hold tasks: `nhiem-vu-1`, `nhiem-vu-2`, … none
/// a heading's.
struct Anchors {
    used: HashSet<String>,
    next: usize,
    candidate: String,
}

impl Anchors {
    fn new(used: HashSet<String>) -> Anchors {
        let mut anchors = Anchors {
            used,
            next: 0,
            candidate: String::new(),
        };
        anchors.advance();
        anchors
    }

    /// Tells the linker of a block that ended; when it holds a task, the
    /// block's start tag gets the next id (a heading keeps its own).
    fn close(&mut self, block: OpenBlock, out: &mut [Event], linker: &mut dyn TextLinker) {
        let anchored = linker.block(block.kind, &block.text, block.offset, &self.candidate);
        let tag = match block.kind {
            BlockKind::Paragraph => "p",
            BlockKind::Item => "li",
            BlockKind::Heading(_) => return,
        };
        if anchored {
            out[block.at] = Event::Html(CowStr::from(format!("<{tag} id=\"{}\">", self.candidate)));
            self.advance();
        }
    }

    fn advance(&mut self) {
        loop {
            self.next += 1;
            self.candidate = format!("nhiem-vu-{}", self.next);
            if !self.used.contains(&self.candidate) {
                break;
            }
        }
    }
}

/// What [`link_text`] knows of the block it is in.
#[derive(Default)]
struct Reading {
    /// The current block's text so far.
    block: String,
    /// The paragraph a list follows, when it ends in a colon.
    lead: String,
    /// The last paragraph's text, while it may still lead a list.
    last_paragraph: String,
    lists: usize,
    headings_seen: bool,
}

impl Reading {
    fn context(&self) -> Context<'_> {
        Context {
            block: &self.block,
            lead: if self.lists > 0 { &self.lead } else { "" },
            preamble: !self.headings_seen,
        }
    }

    /// Follows the blocks: a new block starts empty; a list takes the
    /// paragraph before it as its lead when that ends in a colon.
    fn see(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::Paragraph) if self.lists > 0 => self.block.clear(),
            Event::Start(Tag::Paragraph) => {
                self.block.clear();
                self.lead.clear();
            }
            Event::Start(Tag::Heading { .. }) => {
                self.headings_seen = true;
                self.block.clear();
                self.lead.clear();
            }
            Event::Start(Tag::Item | Tag::TableCell) => self.block.clear(),
            Event::End(TagEnd::Paragraph) if self.lists == 0 => {
                self.last_paragraph = std::mem::take(&mut self.block);
            }
            Event::Start(Tag::List(_)) => {
                if self.lists == 0 {
                    self.lead = if self.last_paragraph.trim_end().ends_with(':') {
                        std::mem::take(&mut self.last_paragraph)
                    } else {
                        String::new()
                    };
                }
                self.lists += 1;
            }
            Event::End(TagEnd::List(_)) => {
                self.lists = self.lists.saturating_sub(1);
                if self.lists == 0 {
                    self.lead.clear();
                }
            }
            Event::Start(_) if self.lists == 0 => self.last_paragraph.clear(),
            Event::Code(text) => self.block.push_str(text),
            _ => {}
        }
    }
}

/// Escapes raw HTML (unless allowed) and hands runs of plain text to the
/// linker. Adjacent text and soft breaks are joined first so a citation
/// broken across lines is still seen whole.
fn link_text<'a>(
    events: Vec<Event<'a>>,
    offsets: &[usize],
    allow_html: bool,
    linker: &mut dyn TextLinker,
    used_ids: HashSet<String>,
) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut blocks = Blocks::default();
    let mut anchors = Anchors::new(used_ids);
    let mut run = String::new();
    let mut run_offset = 0;
    let mut depth_code = 0usize;
    let mut depth_link = 0usize;
    let mut reading = Reading::default();

    fn flush<'a>(
        run: &mut String,
        offset: usize,
        out: &mut Vec<Event<'a>>,
        linker: &mut dyn TextLinker,
        reading: &mut Reading,
        blocks: &mut Blocks,
    ) {
        if run.is_empty() {
            return;
        }
        let linked = linker.link(run, offset, reading.context());
        reading.block.push_str(run);
        blocks.push(run);
        match linked {
            Some(html) => out.push(Event::InlineHtml(CowStr::from(html))),
            None => out.push(Event::Text(CowStr::from(std::mem::take(run)))),
        }
        run.clear();
    }

    for (event, &offset) in events.into_iter().zip(offsets) {
        let plain = depth_code == 0 && depth_link == 0;
        match event {
            Event::Text(text) if plain => {
                if run.is_empty() {
                    run_offset = offset;
                }
                run.push_str(&text);
            }
            Event::SoftBreak if plain && !run.is_empty() => run.push('\n'),
            other => {
                flush(&mut run, run_offset, &mut out, linker, &mut reading, &mut blocks);
                let kind = match &other {
                    Event::Start(Tag::Paragraph) if reading.lists == 0 => Some(BlockKind::Paragraph),
                    Event::Start(Tag::Item) => Some(BlockKind::Item),
                    Event::Start(Tag::Heading { level, .. }) => Some(BlockKind::Heading(*level as u8)),
                    _ => None,
                };
                if let Some(kind) = kind {
                    // A list inside an item: the item's own text so far is
                    // a block of its own ("1. Sở Tài chính:" above its tasks).
                    if let Some(outer) = blocks.open.take() {
                        anchors.close(outer, &mut out, linker);
                    }
                    blocks.open = Some(OpenBlock {
                        kind,
                        at: out.len(),
                        offset,
                        text: String::new(),
                    });
                }
                let row_ends = matches!(other, Event::End(TagEnd::TableRow));
                let ends = match &other {
                    Event::End(TagEnd::Paragraph) => reading.lists == 0,
                    Event::End(TagEnd::Item | TagEnd::Heading(_)) => true,
                    _ => false,
                };
                reading.see(&other);
                match &other {
                    Event::Text(text) | Event::Code(text) => {
                        // Link text: read as part of the block, not linked.
                        if matches!(other, Event::Text(_)) {
                            reading.block.push_str(text);
                        }
                        blocks.push(text);
                    }
                    Event::SoftBreak | Event::HardBreak => blocks.push(" "),
                    Event::Start(Tag::Table(_)) => blocks.table = Some(TableRows::default()),
                    Event::End(TagEnd::Table) => blocks.table = None,
                    Event::Start(Tag::TableRow) => {
                        if let Some(table) = &mut blocks.table {
                            table.cells.clear();
                            table.first_cell = None;
                            table.row_offset = offset;
                        }
                    }
                    Event::Start(Tag::TableCell) => {
                        if let Some(table) = &mut blocks.table {
                            table.cells.push(String::new());
                            table.in_cell = true;
                            table.first_cell.get_or_insert(out.len());
                        }
                    }
                    Event::End(TagEnd::TableCell) => {
                        if let Some(table) = &mut blocks.table {
                            table.in_cell = false;
                        }
                    }
                    Event::End(TagEnd::TableHead) => {
                        if let Some(table) = &mut blocks.table {
                            table.header = std::mem::take(&mut table.cells);
                        }
                    }
                    _ => {}
                }
                let mut other = other;
                // A link or image to javascript: and the like loses its
                // destination, and the linker reports it.
                if let Event::Start(tag) = &mut other {
                    let image = matches!(tag, Tag::Image { .. });
                    if let Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } = tag
                        && is_unsafe_url(dest_url, image)
                    {
                        linker.unsafe_link(dest_url, offset);
                        *dest_url = CowStr::from("");
                    }
                }
                match &other {
                    Event::Start(Tag::CodeBlock(_)) => depth_code += 1,
                    Event::End(TagEnd::CodeBlock) => depth_code = depth_code.saturating_sub(1),
                    Event::Start(Tag::Link { .. } | Tag::Image { .. }) => depth_link += 1,
                    Event::End(TagEnd::Link | TagEnd::Image) => depth_link = depth_link.saturating_sub(1),
                    _ => {}
                }
                let other = match other {
                    Event::Html(raw) | Event::InlineHtml(raw) if !allow_html => Event::Text(raw),
                    other => other,
                };
                out.push(other);
                if row_ends
                    && let Some(table) = &mut blocks.table
                    && let Some(first) = table.first_cell
                    && linker.table_row(&table.header, &table.cells, table.row_offset, &anchors.candidate)
                {
                    // An empty span opens the row's first cell: the row's anchor.
                    let span = format!("<span id=\"{}\"></span>", anchors.candidate);
                    out.insert(first + 1, Event::InlineHtml(CowStr::from(span)));
                    anchors.advance();
                }
                if ends && let Some(block) = blocks.open.take() {
                    anchors.close(block, &mut out, linker);
                }
            }
        }
    }
    flush(&mut run, run_offset, &mut out, linker, &mut reading, &mut blocks);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str) -> String {
        render(markdown, false, &mut NoLinks).html
    }

    #[test]
    fn headings_get_ids_and_extensions_work() {
        let out = html(
            "## I. Về kết quả\n\n## I. Về kết quả\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ [^1]\n\n[^1]: note\n",
        );
        assert!(out.contains(r#"<h2 id="i-ve-ket-qua">"#), "{out}");
        assert!(out.contains(r#"<h2 id="i-ve-ket-qua-2">"#), "{out}");
        assert!(out.contains("<table>"));
        assert!(out.contains("<del>x</del>"));
        assert!(out.contains("footnote"));
    }

    #[test]
    fn raw_html_is_escaped_unless_allowed() {
        assert!(html("<script>alert(1)</script>\n\na <b>b</b>").contains("&lt;script&gt;"));
        assert!(!html("a <b>b</b>").contains("<b>"));
        assert!(render("a <b>b</b>", true, &mut NoLinks).html.contains("<b>b</b>"));
    }

    #[test]
    fn first_paragraph_is_plain_text() {
        let rendered = render(
            "## Head\n\nNgày *09/4/2021*,\nBan Dân vận.\n\nSecond.",
            false,
            &mut NoLinks,
        );
        assert_eq!(rendered.first_paragraph, "Ngày 09/4/2021, Ban Dân vận.");
    }
}
