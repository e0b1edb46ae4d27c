//! The Word reader: a `.docx` (a zip of WordprocessingML parts, read with
//! `zip` and `quick-xml`) into the recognizer's blocks, in document order.
//! - A table's rows become rows of blocks side by side: the header table
//!   (issuer | nation, "Số" | place-date) and the signature table
//!   ("Nơi nhận:" | authority, title, name) read as a page laid out so.
//! - Word's automatic numbering (`numbering.xml`: `lvlText` such as "%1." or
//!   "%1.%2.", formats, starts, `lvlOverride`) is written out as the reader
//!   sees it; bullets become "-" items.
//! - Bold and italic runs inside a paragraph become Markdown emphasis;
//!   hyperlinks links; footnote references `[^n]` (the notes themselves
//!   come back beside the blocks); insertions are read and deletions left
//!   out (changes taken as accepted); text boxes and fields read in place.
//! - Runs in the legacy fonts (`.VnTime`, `.VnTimeH`, `VNI-Times`) are
//!   converted from TCVN3 or VNI.
//!
//! Hostile files are refused in bounded time and memory: a part inflating
//! past [`MAX_PART`] (a zip bomb), more than [`MAX_ENTRIES`] entries, XML
//! nested deeper than [`MAX_DEPTH`]; entity references other than XML's
//! own are never expanded. Nothing is written from the archive here.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};

use super::blocks::{Block, Side};
use super::case::roman;
use super::legacy;

/// The largest `.docx` file read.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;
/// The most a part may inflate to.
pub const MAX_PART: u64 = 64 * 1024 * 1024;
/// The most entries a Word file may hold.
pub const MAX_ENTRIES: usize = 10_000;
/// The deepest XML nesting read.
pub const MAX_DEPTH: usize = 256;

/// What a Word file gave: the blocks, its footnotes (`[^id]` in the text)
/// and notes for the clerk.
#[derive(Debug, Default)]
pub struct Document {
    pub blocks: Vec<Block>,
    pub footnotes: Vec<(String, String)>,
    pub notes: Vec<String>,
    /// Images and embedded files: a safe file name each, and the bytes.
    pub media: Vec<(String, Vec<u8>)>,
}

/// Reads a `.docx` file.
pub fn read(path: &Path) -> Result<Document, String> {
    let size = std::fs::metadata(path)
        .map_err(|error| format!("cannot read: {error}"))?
        .len();
    if size > MAX_FILE {
        return Err(format!(
            "the Word file is {} MiB, more than the {} MiB a notice could need: refused",
            size / (1024 * 1024),
            MAX_FILE / (1024 * 1024)
        ));
    }
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read: {error}"))?;
    read_bytes(&bytes)
}

/// Reads a `.docx` held in memory.
pub fn read_bytes(bytes: &[u8]) -> Result<Document, String> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(
            "this is a password-protected Word file or an old .doc: remove the password (or save as .docx) and import that"
                .to_string(),
        );
    }
    if !bytes.starts_with(b"PK") {
        return Err("this is not a Word file (.docx is a zip archive; this one is not)".to_string());
    }
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|error| format!("the Word file could not be opened (damaged or truncated?): {error}"))?;
    if archive.len() > MAX_ENTRIES {
        return Err(format!("the Word file holds {} entries: refused", archive.len()));
    }
    let document = part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "the Word file has no word/document.xml: not a Word document".to_string())?;
    let relations = part(&mut archive, "word/_rels/document.xml.rels")?
        .map(|xml| relations(&xml))
        .transpose()?
        .unwrap_or_default();
    let numbering = part(&mut archive, "word/numbering.xml")?
        .map(|xml| Numbering::parse(&xml))
        .transpose()?
        .unwrap_or_default();
    let styles = part(&mut archive, "word/styles.xml")?
        .map(|xml| style_numbers(&xml))
        .transpose()?
        .unwrap_or_default();
    let footnotes = part(&mut archive, "word/footnotes.xml")?
        .map(|xml| footnotes(&xml))
        .transpose()?
        .unwrap_or_default();
    let mut walker = Walker {
        relations,
        numbering,
        styles,
        ..Walker::default()
    };
    walker.walk(&document)?;
    let mut notes = Vec::new();
    if walker.legacy_runs > 0 {
        notes.push(format!(
            "{} run(s) in the legacy fonts (.VnTime, VNI-Times) were converted to Unicode: check them",
            walker.legacy_runs
        ));
    }
    let used: Vec<(String, String)> = walker
        .footnote_refs
        .iter()
        .filter_map(|id| footnotes.get(id).map(|text| (id.clone(), text.clone())))
        .collect();
    let media = media(&mut archive, &walker.media)?;
    let mut blocks = walker.blocks;
    for block in &mut blocks {
        if block.text.contains(PLACE_START) {
            block.text = place_media(&block.text, &media);
        }
    }
    blocks.retain(|block| !block.text.trim().is_empty());
    Ok(Document {
        blocks,
        footnotes: used,
        notes,
        media: media.into_iter().map(|(name, bytes, _)| (name, bytes)).collect(),
    })
}

/// Marks around an image's or embedded file's archive name in the text,
/// until it has its file name (characters of Unicode's private use area).
const PLACE_START: char = '\u{E000}';
const PLACE_END: char = '\u{E001}';

/// The marks of `text` as Markdown: `![Hình ảnh](image1.png)` for an image,
/// `[Tệp đính kèm: x.bin](x.bin)` for an embedded file; nothing for a file
/// the archive did not hold.
fn place_media(text: &str, media: &[(String, Vec<u8>, String)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(PLACE_START) {
        out.push_str(&rest[..start]);
        let after = &rest[start + PLACE_START.len_utf8()..];
        let Some(end) = after.find(PLACE_END) else {
            rest = after;
            break;
        };
        let mark = &after[..end];
        let (image, archived) = match mark.strip_prefix('!') {
            Some(name) => (true, name),
            None => (false, mark),
        };
        if let Some((name, _, _)) = media.iter().find(|(_, _, from)| from == archived) {
            if image {
                out.push_str(&format!("![Hình ảnh]({name})"));
            } else {
                out.push_str(&format!("[Tệp đính kèm: {name}]({name})"));
            }
        }
        rest = &after[end + PLACE_END.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The images and embedded files the document uses, each under a file
/// name of its own made safe (its last part, ASCII letters, digits, `.`,
/// `-`, `_`): an entry named `../../x` or `/etc/x` is never a path here.
fn media<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    names: &[String],
) -> Result<Vec<(String, Vec<u8>, String)>, String> {
    let mut out: Vec<(String, Vec<u8>, String)> = Vec::new();
    let mut total = 0u64;
    for name in names {
        let Some(bytes) = part_bytes(archive, name)? else {
            continue;
        };
        total += bytes.len() as u64;
        if total > MAX_PART {
            return Err(format!(
                "the Word file's images inflate past {} MiB: refused",
                MAX_PART / (1024 * 1024)
            ));
        }
        let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
        let mut safe: String = last
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        safe = safe.trim_start_matches('.').to_string();
        if safe.is_empty() {
            safe = "attachment".to_string();
        }
        while out.iter().any(|(taken, _, _)| *taken == safe) {
            safe = format!("{}-{safe}", out.len());
        }
        out.push((safe, bytes, name.clone()));
    }
    Ok(out)
}

/// A part of the archive as text, inflated to at most [`MAX_PART`].
fn part<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>, name: &str) -> Result<Option<String>, String> {
    let Some(bytes) = part_bytes(archive, name)? else {
        return Ok(None);
    };
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8 XML: the Word file is damaged"))
}

/// A part of the archive, inflated to at most [`MAX_PART`].
fn part_bytes<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<Vec<u8>>, String> {
    let mut file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(zip::result::ZipError::UnsupportedArchive(why)) if why.contains("ncrypt") || why.contains("assword") => {
            return Err("the Word file is password protected: remove the password and import that".to_string());
        }
        Err(error) => {
            return Err(format!(
                "the Word file could not be read (damaged or truncated?): {error}"
            ));
        }
    };
    if file.size() > MAX_PART {
        return Err(format!(
            "{name} inflates to {} MiB: refused (a zip bomb?)",
            file.size() / (1024 * 1024)
        ));
    }
    let mut bytes = Vec::new();
    (&mut file)
        .take(MAX_PART + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("the Word file could not be read (damaged or truncated?): {error}"))?;
    if bytes.len() as u64 > MAX_PART {
        return Err(format!(
            "{name} inflates past {} MiB: refused (a zip bomb?)",
            MAX_PART / (1024 * 1024)
        ));
    }
    Ok(Some(bytes))
}

/// The value of attribute `name` (its local name: `w:val` is `val`).
fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element.attributes().flatten().find_map(|attr| {
        // An attribute's value with XML's own references resolved.
        (attr.key.local_name().as_ref() == name).then(|| {
            attr.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| attr.value.to_string(), |v| v.into_owned())
        })
    })
}

/// An XML reader that expands no entity of its own and refuses nesting
/// past [`MAX_DEPTH`]; `each` gets every event with the path's depth.
fn events(xml: &str, mut each: impl FnMut(&Event, usize) -> Result<(), String>) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|error| {
            format!(
                "the Word file's XML is damaged at byte {}: {error}",
                reader.buffer_position()
            )
        })?;
        match &event {
            Event::Eof => return Ok(()),
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!(
                        "the Word file's XML is nested deeper than {MAX_DEPTH}: refused"
                    ));
                }
            }
            Event::DocType(_) => return Err("the Word file's XML declares a DTD: refused".to_string()),
            _ => {}
        }
        each(&event, depth)?;
        if matches!(event, Event::End(_)) {
            depth = depth.saturating_sub(1);
        }
    }
}

/// The text of a text or reference event.
fn text_of(event: &Event) -> Option<String> {
    match event {
        Event::Text(text) => Some(text.xml10_content().into_owned()),
        Event::CData(data) => Some(data.xml10_content().into_owned()),
        Event::GeneralRef(reference) => {
            if let Ok(Some(c)) = reference.resolve_char_ref() {
                return Some(c.to_string());
            }
            // XML's five entities only: a document's own are never expanded.
            quick_xml::escape::resolve_predefined_entity(&reference.xml10_content()).map(str::to_string)
        }
        _ => None,
    }
}

/// `word/_rels/document.xml.rels`: relation id → target.
fn relations(xml: &str) -> Result<HashMap<String, String>, String> {
    let mut map = HashMap::new();
    events(xml, |event, _| {
        if let Event::Empty(e) | Event::Start(e) = event
            && e.local_name().as_ref() == "Relationship"
            && let (Some(id), Some(target)) = (attribute(e, "Id"), attribute(e, "Target"))
        {
            map.insert(id, target);
        }
        Ok(())
    })?;
    Ok(map)
}

/// `styles.xml`: the numbering a paragraph style carries (numId, level).
fn style_numbers(xml: &str) -> Result<HashMap<String, (String, usize)>, String> {
    let mut map = HashMap::new();
    let mut style: Option<String> = None;
    let mut number: (Option<String>, usize) = (None, 0);
    events(xml, |event, _| {
        match event {
            Event::Start(e) if e.local_name().as_ref() == "style" => {
                style = attribute(e, "styleId");
                number = (None, 0);
            }
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "numId" => number.0 = attribute(e, "val"),
            Event::Empty(e) | Event::Start(e) if e.local_name().as_ref() == "ilvl" => {
                number.1 = attribute(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
            }
            Event::End(e) if e.local_name().as_ref() == "style" => {
                if let (Some(id), Some(num)) = (style.take(), number.0.take()) {
                    map.insert(id, (num, number.1));
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(map)
}

/// `footnotes.xml`: footnote id → its text.
fn footnotes(xml: &str) -> Result<HashMap<String, String>, String> {
    let mut map = HashMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    events(xml, |event, _| {
        match event {
            Event::Start(e) if e.local_name().as_ref() == "footnote" => {
                current = attribute(e, "id").map(|id| (id, String::new()));
            }
            Event::Start(e) if e.local_name().as_ref() == "t" => in_text = true,
            Event::End(e) if e.local_name().as_ref() == "t" => in_text = false,
            Event::End(e) if e.local_name().as_ref() == "p" => {
                if let Some((_, text)) = current.as_mut()
                    && !text.is_empty()
                {
                    text.push(' ');
                }
            }
            Event::End(e) if e.local_name().as_ref() == "footnote" => {
                if let Some((id, text)) = current.take() {
                    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                    if !text.is_empty() {
                        map.insert(id, text);
                    }
                }
            }
            _ if in_text => {
                if let (Some((_, text)), Some(t)) = (current.as_mut(), text_of(event)) {
                    text.push_str(&t);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(map)
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// `numbering.xml`: the abstract definitions and the numbering instances.
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    instances: HashMap<String, (String, HashMap<usize, u32>)>,
    /// Counters by abstract definition, one per level.
    counters: HashMap<String, Vec<u32>>,
    /// Instances whose start overrides were applied.
    started: std::collections::HashSet<String>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, String> {
        let mut numbering = Numbering::default();
        let mut abstract_id: Option<String> = None;
        let mut level: Option<(usize, Level)> = None;
        let mut num_id: Option<String> = None;
        let mut override_level: Option<usize> = None;
        events(xml, |event, _| {
            let (Event::Start(e) | Event::Empty(e)) = event else {
                if let Event::End(e) = event {
                    match e.local_name().as_ref().as_bytes() {
                        b"lvl" => {
                            if let (Some(id), Some((at, lvl))) = (&abstract_id, level.take()) {
                                let levels = numbering.abstracts.entry(id.clone()).or_default();
                                if levels.len() <= at {
                                    levels.resize(at + 1, Level::default());
                                }
                                levels[at] = lvl;
                            }
                        }
                        b"abstractNum" => abstract_id = None,
                        b"num" => num_id = None,
                        b"lvlOverride" => override_level = None,
                        _ => {}
                    }
                }
                return Ok(());
            };
            let value = || attribute(e, "val");
            match e.local_name().as_ref().as_bytes() {
                b"abstractNum" => abstract_id = attribute(e, "abstractNumId"),
                b"lvl" if num_id.is_none() => {
                    let at = attribute(e, "ilvl")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0usize)
                        .min(8);
                    level = Some((
                        at,
                        Level {
                            start: 1,
                            ..Level::default()
                        },
                    ));
                }
                b"start" => {
                    if let Some((_, lvl)) = level.as_mut() {
                        lvl.start = value().and_then(|v| v.parse().ok()).unwrap_or(1);
                    }
                }
                b"numFmt" => {
                    if let Some((_, lvl)) = level.as_mut() {
                        lvl.format = value().unwrap_or_default();
                    }
                }
                b"lvlText" => {
                    if let Some((_, lvl)) = level.as_mut() {
                        lvl.text = value().unwrap_or_default();
                    }
                }
                b"num" => {
                    num_id = attribute(e, "numId");
                    if let Some(id) = &num_id {
                        numbering.instances.insert(id.clone(), (String::new(), HashMap::new()));
                    }
                }
                b"abstractNumId" => {
                    if let (Some(id), Some(abs)) = (&num_id, value())
                        && let Some(instance) = numbering.instances.get_mut(id)
                    {
                        instance.0 = abs;
                    }
                }
                b"lvlOverride" => override_level = attribute(e, "ilvl").and_then(|v| v.parse().ok()),
                b"startOverride" => {
                    if let (Some(id), Some(at), Some(start)) =
                        (&num_id, override_level, value().and_then(|v| v.parse().ok()))
                        && let Some(instance) = numbering.instances.get_mut(id)
                    {
                        instance.1.insert(at, start);
                    }
                }
                _ => {}
            }
            Ok(())
        })?;
        Ok(numbering)
    }

    /// The label of the next paragraph numbered `num_id` at `level`
    /// ("II.", "1.2.", "a)"), or "-" for a bullet; `None` when unknown.
    fn next(&mut self, num_id: &str, level: usize) -> Option<String> {
        let (abstract_id, overrides) = self.instances.get(num_id)?.clone();
        let levels = self.abstracts.get(&abstract_id)?.clone();
        let this = levels.get(level)?;
        let counters = self
            .counters
            .entry(abstract_id.clone())
            .or_insert_with(|| levels.iter().map(|lvl| lvl.start.saturating_sub(1)).collect());
        if self.started.insert(num_id.to_string()) {
            for (&at, &start) in &overrides {
                if let Some(counter) = counters.get_mut(at) {
                    *counter = start.saturating_sub(1);
                }
            }
        }
        if this.format == "bullet" {
            return Some("-".to_string());
        }
        if let Some(counter) = counters.get_mut(level) {
            *counter += 1;
        }
        // A level restarts under each new item above it.
        for (deeper, counter) in counters.iter_mut().enumerate().skip(level + 1) {
            *counter = levels.get(deeper).map_or(0, |lvl| lvl.start.saturating_sub(1));
        }
        let mut label = this.text.clone();
        for (at, lvl) in levels.iter().enumerate().take(level + 1) {
            let value = counters.get(at).copied().unwrap_or(1);
            label = label.replace(&format!("%{}", at + 1), &format_number(value, &lvl.format));
        }
        (!label.trim().is_empty()).then_some(label)
    }
}

/// A counter in one of Word's number formats.
fn format_number(value: u32, format: &str) -> String {
    match format {
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).to_lowercase(),
        "upperLetter" => letter(value).to_uppercase(),
        "lowerLetter" => letter(value),
        _ => value.to_string(),
    }
}

fn letter(value: u32) -> String {
    // Vietnamese lists run a, b, c, d, đ, e…
    const LETTERS: [&str; 24] = [
        "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x",
        "y", "z",
    ];
    LETTERS
        .get(value.saturating_sub(1) as usize)
        .copied()
        .unwrap_or("z")
        .to_string()
}

/// A run of text with its look.
#[derive(Debug, Default, Clone)]
struct Run {
    text: String,
    bold: bool,
    italic: bool,
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    runs: Vec<Run>,
    style: Option<String>,
    num: Option<(String, usize)>,
}

impl Paragraph {
    /// Its text, emphasis written as Markdown unless the whole paragraph
    /// has it (a bold title is a title, not emphasis).
    fn text(&self) -> String {
        let visible: Vec<&Run> = self.runs.iter().filter(|run| !run.text.trim().is_empty()).collect();
        let all_bold = visible.iter().all(|run| run.bold);
        let all_italic = visible.iter().all(|run| run.italic);
        // The look each run is written with; a blank run takes the look
        // around it, so that runs of one look join ("**a b**", not
        // "**a** **b**").
        let look = |run: &Run| (run.bold && !all_bold, run.italic && !all_italic);
        let mut spans: Vec<((bool, bool), String)> = Vec::new();
        for run in &self.runs {
            let blank = run.text.trim().is_empty();
            match spans.last_mut() {
                Some((last, text)) if blank || *last == look(run) => text.push_str(&run.text),
                _ => spans.push((if blank { (false, false) } else { look(run) }, run.text.clone())),
            }
        }
        let mut out = String::new();
        for ((bold, italic), text) in spans {
            let marks = match (bold, italic) {
                (true, true) => "***",
                (true, false) => "**",
                (false, true) => "*",
                _ => "",
            };
            // Marks hug the words: spaces stay outside them.
            let start = text.len() - text.trim_start().len();
            let end = text.trim_end().len().max(start);
            out.push_str(&text[..start]);
            if !marks.is_empty() && start < end {
                out.push_str(marks);
                out.push_str(&text[start..end]);
                out.push_str(marks);
            } else {
                out.push_str(&text[start..end]);
            }
            out.push_str(&text[end..]);
        }
        out
    }
}

/// A table being read: rows of cells, each cell its lines.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<Vec<String>>>,
}

/// The walk over `document.xml`.
#[derive(Debug, Default)]
struct Walker {
    relations: HashMap<String, String>,
    numbering: Numbering,
    styles: HashMap<String, (String, usize)>,
    blocks: Vec<Block>,
    footnote_refs: Vec<String>,
    media: Vec<String>,
    legacy_runs: usize,
    /// Paragraphs open (a text box's inside another's).
    paragraphs: Vec<Paragraph>,
    tables: Vec<Table>,
    run: Run,
    font: Option<String>,
    in_text: bool,
    deleted: usize,
    instruction: bool,
    link: Option<String>,
    link_start: usize,
    row: usize,
    blank: bool,
}

impl Walker {
    fn walk(&mut self, xml: &str) -> Result<(), String> {
        events(xml, |event, _| {
            match event {
                Event::Start(e) => self.start(e, false),
                Event::Empty(e) => self.start(e, true),
                Event::End(e) => self.end(e.local_name().as_ref().as_bytes()),
                _ if self.in_text && self.deleted == 0 && !self.instruction => {
                    if let Some(text) = text_of(event) {
                        self.run.text.push_str(&text);
                    }
                }
                _ => {}
            }
            Ok(())
        })
    }

    fn start(&mut self, e: &BytesStart, empty: bool) {
        let name = e.local_name();
        match name.as_ref().as_bytes() {
            b"p" if !empty => self.paragraphs.push(Paragraph::default()),
            b"p" => self.blank = true,
            b"pStyle" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    p.style = attribute(e, "val");
                }
            }
            b"ilvl" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    let level = attribute(e, "val").and_then(|v| v.parse().ok()).unwrap_or(0);
                    p.num = Some((p.num.take().map(|n| n.0).unwrap_or_default(), level));
                }
            }
            b"numId" => {
                if let Some(p) = self.paragraphs.last_mut() {
                    let level = p.num.as_ref().map_or(0, |n| n.1);
                    p.num = attribute(e, "val").map(|id| (id, level));
                }
            }
            b"r" if !empty => {
                self.run = Run::default();
                self.font = None;
            }
            b"b" => self.run.bold = attribute(e, "val").is_none_or(|v| v != "0" && v != "false"),
            b"i" => self.run.italic = attribute(e, "val").is_none_or(|v| v != "0" && v != "false"),
            b"rFonts" => self.font = attribute(e, "ascii").or_else(|| attribute(e, "hAnsi")),
            b"t" if !empty => self.in_text = true,
            // A tab in a run (a tab stop of the paragraph's properties has a position).
            b"tab" if attribute(e, "pos").is_none() => self.run.text.push('\t'),
            b"br" | b"cr" => self.run.text.push('\n'),
            b"del" if !empty => self.deleted += 1,
            b"instrText" if !empty => self.instruction = true,
            b"hyperlink" if !empty => {
                self.flush_run();
                self.link = attribute(e, "id").and_then(|id| self.relations.get(&id).cloned());
                self.link_start = self.paragraphs.last().map_or(0, |p| p.runs.len());
            }
            b"footnoteReference" => {
                if let Some(id) = attribute(e, "id") {
                    self.run.text.push_str(&format!("[^{id}]"));
                    self.footnote_refs.push(id);
                }
            }
            // An image (DrawingML or VML) or an embedded file.
            b"blip" | b"imagedata" | b"OLEObject" => {
                let id = attribute(e, "embed").or_else(|| attribute(e, "id"));
                if let Some(target) = id.and_then(|id| self.relations.get(&id).cloned())
                    && !target.contains("://")
                {
                    let name = format!("word/{}", target.trim_start_matches("/word/"));
                    // Where it stood: made a Markdown image or link once
                    // its file has a name of its own.
                    let image = e.local_name().as_ref() != "OLEObject";
                    self.run.text.push_str(&format!(
                        "{PLACE_START}{}{name}{PLACE_END}",
                        if image { "!" } else { "" }
                    ));
                    if !self.media.contains(&name) {
                        self.media.push(name);
                    }
                }
            }
            b"tbl" if !empty => self.tables.push(Table::default()),
            b"tr" if !empty => {
                if let Some(table) = self.tables.last_mut() {
                    table.rows.push(Vec::new());
                }
            }
            b"tc" if !empty => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(Vec::new());
                }
            }
            _ => {}
        }
    }

    fn flush_run(&mut self) {
        let run = std::mem::take(&mut self.run);
        let font = self.font.clone().unwrap_or_default().to_lowercase();
        let run = Run {
            text: self.converted(&run.text, &font),
            ..run
        };
        if let Some(p) = self.paragraphs.last_mut()
            && !run.text.is_empty()
        {
            p.runs.push(run);
        }
        self.run = Run::default();
    }

    /// A run's text out of a legacy font's encoding.
    fn converted(&mut self, text: &str, font: &str) -> String {
        if text.is_empty() {
            return String::new();
        }
        if font.starts_with(".vn") {
            self.legacy_runs += 1;
            let unicode = legacy::from_tcvn3(text);
            // The H fonts (.VnTimeH) hold capitals under the small letters' codes.
            return if font.ends_with('h') {
                unicode.to_uppercase()
            } else {
                unicode
            };
        }
        if font.starts_with("vni") {
            self.legacy_runs += 1;
            return legacy::from_vni(text);
        }
        text.to_string()
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"t" => self.in_text = false,
            b"r" => {
                if self.deleted == 0 {
                    self.flush_run();
                }
                self.run = Run::default();
            }
            b"del" => self.deleted = self.deleted.saturating_sub(1),
            b"instrText" => self.instruction = false,
            b"hyperlink" => {
                if let (Some(url), Some(p)) = (self.link.take(), self.paragraphs.last_mut())
                    && p.runs.len() > self.link_start
                {
                    let text: String = p.runs.drain(self.link_start..).map(|run| run.text).collect();
                    p.runs.push(Run {
                        text: format!("[{text}]({url})"),
                        ..Run::default()
                    });
                }
            }
            b"p" => self.end_paragraph(),
            b"tbl" => self.end_table(),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.paragraphs.pop() else { return };
        let mut text = p.text();
        let num = p
            .num
            .clone()
            .or_else(|| p.style.as_ref().and_then(|style| self.styles.get(style).cloned()));
        if let Some((id, level)) = num
            && id != "0"
            && !text.trim().is_empty()
            && let Some(label) = self.numbering.next(&id, level)
        {
            text = format!("{label} {}", text.trim_start());
        }
        let lines: Vec<String> = text
            .split('\n')
            .map(|line| line.trim().to_string())
            .filter(|line| !line.is_empty())
            .collect();
        if let Some(cell) = self
            .tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
        {
            cell.extend(lines);
            return;
        }
        if lines.is_empty() {
            self.blank = true;
            return;
        }
        for line in lines {
            self.push_line(&line);
        }
    }

    /// A paragraph's line as a block; a TAB sets apart columns (a header
    /// typed with tab stops).
    fn push_line(&mut self, line: &str) {
        let cells: Vec<&str> = line
            .split('\t')
            .map(str::trim)
            .filter(|cell| !cell.is_empty())
            .collect();
        let row = self.next_row();
        for (i, cell) in cells.iter().enumerate() {
            self.blocks.push(Block {
                text: cell.to_string(),
                page: 1,
                line: row + 1,
                column: i * 40,
                row,
                side: if cells.len() == 1 {
                    Side::Whole
                } else if i == 0 {
                    Side::Left
                } else {
                    Side::Right
                },
                blank_before: self.blank && i == 0,
                ends_paragraph: true,
                in_table: cells.len() > 1,
            });
        }
        self.blank = false;
    }

    fn next_row(&mut self) -> usize {
        self.row += 1;
        self.row
    }

    /// A table's rows as rows of blocks side by side: line k of each cell
    /// shares a row. A table inside a cell gives its lines to that cell.
    fn end_table(&mut self) {
        let Some(table) = self.tables.pop() else { return };
        if let Some(cell) = self
            .tables
            .last_mut()
            .and_then(|t| t.rows.last_mut())
            .and_then(|r| r.last_mut())
        {
            for row in table.rows {
                cell.push(
                    row.into_iter()
                        .map(|lines| lines.join(" "))
                        .collect::<Vec<_>>()
                        .join(" | "),
                );
            }
            return;
        }
        for cells in table.rows {
            let depth = cells.iter().map(Vec::len).max().unwrap_or(0);
            let filled = cells.iter().filter(|lines| !lines.is_empty()).count();
            for k in 0..depth {
                let row = self.next_row();
                for (i, lines) in cells.iter().enumerate() {
                    let Some(text) = lines.get(k) else { continue };
                    self.blocks.push(Block {
                        text: text.clone(),
                        page: 1,
                        line: row + 1,
                        column: i * 40,
                        row,
                        side: if i == 0 { Side::Left } else { Side::Right },
                        blank_before: self.blank,
                        ends_paragraph: true,
                        in_table: filled > 1 || cells.len() > 1,
                    });
                    self.blank = false;
                }
            }
        }
        self.blank = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_words_formats() {
        assert_eq!(format_number(4, "upperRoman"), "IV");
        assert_eq!(format_number(5, "lowerLetter"), "đ");
        assert_eq!(format_number(12, "decimal"), "12");
    }

    #[test]
    fn a_non_zip_and_an_ole_file_are_refused() {
        assert!(read_bytes(b"hello").unwrap_err().contains("not a Word file"));
        assert!(
            read_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0])
                .unwrap_err()
                .contains("password-protected")
        );
        assert!(
            read_bytes(b"PK\x03\x04garbage")
                .unwrap_err()
                .contains("damaged or truncated")
        );
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    const SAMPLE: &[u8] = include_bytes!("../../tests/imports/docx/05-footnotes-links-emphasis.docx");

    proptest! {
        #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

        /// A Word file damaged anywhere (bytes changed, cut short) is read
        /// or refused, never a panic.
        #[test]
        fn a_damaged_word_file_is_read_or_refused(
            changes in proptest::collection::vec((0..SAMPLE.len(), any::<u8>()), 0..8),
            cut in 0..SAMPLE.len() + 1,
        ) {
            let mut bytes = SAMPLE.to_vec();
            for (at, byte) in changes {
                bytes[at] = byte;
            }
            bytes.truncate(cut.max(4));
            if let Ok(document) = super::read_bytes(&bytes) {
                let _ = crate::import::recognize::recognize(&document.blocks);
            }
        }
    }
}
