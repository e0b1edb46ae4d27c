//! A notice's body as Markdown, from the blocks between its title and its
//! signature: lines joined into paragraphs as the reader knows or as the
//! text shows (a margin, an indent, a sentence's end), numbered headings
//! ("I.", "I-", "1.", "1.1.") as headings, "-" and "+" items as lists,
//! table rows (TAB- or space-separated cells, Markdown rows) as tables.

use std::sync::LazyLock;

use regex::Regex;

use super::blocks::Block;
use super::case::{is_capitals, normal_case, roman, roman_value};

static ROMAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)\s*([.\-–:)])\s*(\S.*)$").expect("valid"));
static ARABIC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(\d{1,2})\s*[.)\-–]\s*(\S.*)$").expect("valid"));
static SUB: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}\.\d{1,2}\.?(?:\d{1,2}\.?)?\s*\S").expect("valid"));
static LETTER: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[a-zđ]\)\s*\S").expect("valid"));
static LIST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?:[-–—•●▪◦·]\s*|[+*]\s+|\+)(\S.*)$").expect("valid"));

/// What a paragraph of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Text,
    /// A "-" item (level 1) or a "+" item under one (level 2).
    Item(u8),
    Table,
}

#[derive(Debug)]
struct Paragraph {
    text: String,
    shape: Shape,
    /// Characters of its last source line, with the indent.
    last_line: usize,
}

/// The body's blocks as Markdown; `notes` gets what was repaired.
pub fn markdown(blocks: &[Block], notes: &mut Vec<String>) -> String {
    let lines = rows(blocks);
    let paragraphs = paragraphs(&lines);
    render(&paragraphs, notes)
}

/// An appendix after the signature: its first line as a heading, the rest
/// as a body.
pub fn appendix(blocks: &[Block], notes: &mut Vec<String>) -> String {
    let Some((first, rest)) = blocks.split_first() else {
        return String::new();
    };
    let heading = if is_capitals(&first.text) {
        normal_case(&first.text)
    } else {
        first.text.clone()
    };
    format!("## {heading}\n\n{}", markdown(rest, notes))
}

/// A row of the body: its cells, with what the first block knows.
struct Row<'a> {
    cells: Vec<&'a Block>,
}

impl Row<'_> {
    fn text(&self) -> String {
        self.cells
            .iter()
            .map(|cell| cell.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn first(&self) -> &Block {
        self.cells[0]
    }

    fn is_table_row(&self) -> bool {
        self.cells.len() > 1 || self.first().text.starts_with('|')
    }
}

fn rows(blocks: &[Block]) -> Vec<Row<'_>> {
    let mut rows: Vec<Row> = Vec::new();
    for block in blocks {
        match rows.last_mut() {
            Some(row) if row.first().row == block.row && row.first().line == block.line => row.cells.push(block),
            _ => rows.push(Row { cells: vec![block] }),
        }
    }
    rows
}

/// How the text's lines were laid out: the width of its lines, where its
/// lines start, and whether it was wrapped at a margin.
struct Layout {
    width: usize,
    indent: usize,
    wrapped: bool,
    one_per_paragraph: bool,
}

fn layout(rows: &[Row]) -> Layout {
    let widths: Vec<usize> = rows
        .iter()
        .filter(|row| !row.is_table_row())
        .map(|row| row.first().column + row.text().chars().count())
        .collect();
    let width = super::blocks::width_of(widths.iter().copied());
    let mut indents: Vec<usize> = rows.iter().map(|row| row.first().column).collect();
    indents.sort_unstable();
    let indent = indents.get(indents.len() / 5).copied().unwrap_or(0);
    let one_per_paragraph = rows.iter().any(|row| row.first().ends_paragraph);
    let full = widths.iter().filter(|w| **w * 4 >= width * 3).count();
    Layout {
        width,
        indent,
        wrapped: !one_per_paragraph && width <= 130 && full >= 3,
        one_per_paragraph,
    }
}

/// Whether a line begins a block of its own: a numbered heading or item,
/// a list item, "Kính gửi:".
pub fn starts_block(text: &str) -> bool {
    ROMAN.is_match(text)
        || ARABIC.is_match(text)
        || SUB.is_match(text)
        || LETTER.is_match(text)
        || LIST.is_match(text)
        || {
            let end = text.char_indices().nth(12).map_or(text.len(), |(at, _)| at);
            crate::support::text::fold(&text[..end]).starts_with("kinh gui")
        }
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', ':', ';', '!', '?', '…', '"', '”', ')'])
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// Whether `row` continues `paragraph` (a line wrapped, a paragraph cut
/// by a page or a blank line), by what the layout shows.
fn continues(paragraph: &Paragraph, row: &Row, text: &str, layout: &Layout) -> bool {
    if paragraph.shape == Shape::Table
        || starts_block(text)
        || is_capitals(text) && !starts_lower(text) && text.chars().count() < 60
    {
        return false;
    }
    let last = paragraph.text.as_str();
    let first = row.first();
    if last.ends_with('-') && !last.ends_with(" -") && starts_lower(text) {
        return true;
    }
    if first.blank_before || layout.one_per_paragraph {
        // A paragraph cut mid-sentence by a blank line or a page.
        return !ends_sentence(last) && (starts_lower(text) || paragraph.last_line >= 80);
    }
    if layout.wrapped {
        if first.column > layout.indent + 2 && !starts_lower(text) {
            return false;
        }
        let full = paragraph.last_line * 100 >= layout.width * 85;
        if ends_sentence(last) {
            return full && starts_lower(text);
        }
        return full || starts_lower(text) || paragraph.last_line * 10 >= layout.width * 6;
    }
    !ends_sentence(last) && (starts_lower(text) || paragraph.last_line >= 60)
}

fn paragraphs(rows: &[Row]) -> Vec<Paragraph> {
    let layout = layout(rows);
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let row = &rows[i];
        // A run of two or more table rows (or Markdown rows) is a table.
        let run = rows[i..].iter().take_while(|row| row.is_table_row()).count();
        if run >= 2 || (run == 1 && row.first().text.starts_with('|')) {
            paragraphs.push(Paragraph {
                text: table(&rows[i..i + run]),
                shape: Shape::Table,
                last_line: 0,
            });
            i += run;
            continue;
        }
        let text = row.text();
        let length = row.first().column + text.chars().count();
        match paragraphs.last_mut() {
            Some(paragraph) if continues(paragraph, row, &text, &layout) => {
                if paragraph.text.ends_with('-') && !paragraph.text.ends_with(" -") && starts_lower(&text) {
                    paragraph.text.pop();
                } else {
                    paragraph.text.push(' ');
                }
                paragraph.text.push_str(&text);
                paragraph.last_line = length;
            }
            _ => {
                let shape = match LIST.captures(&text) {
                    Some(_) if text.starts_with('+') => {
                        let under = paragraphs.last().is_some_and(|p| matches!(p.shape, Shape::Item(_)));
                        Shape::Item(if under { 2 } else { 1 })
                    }
                    Some(_) => Shape::Item(1),
                    None => Shape::Text,
                };
                paragraphs.push(Paragraph {
                    text,
                    shape,
                    last_line: length,
                });
            }
        }
        i += 1;
    }
    paragraphs
}

/// Rows as a Markdown table: Markdown rows as they are (with the rule
/// row under the first when missing), cells otherwise.
fn table(rows: &[Row]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            if row.first().text.starts_with('|') {
                row.first()
                    .text
                    .trim()
                    .trim_matches('|')
                    .split('|')
                    .map(|cell| cell.trim().to_string())
                    .collect()
            } else {
                row.cells.iter().map(|cell| cell.text.replace('|', "\\|")).collect()
            }
        })
        .filter(|cells: &Vec<String>| {
            !cells
                .iter()
                .all(|cell| !cell.is_empty() && cell.chars().all(|c| "-:= ".contains(c)))
        })
        .collect();
    let columns = cells.iter().map(Vec::len).max().unwrap_or(1);
    let line = |row: &[String]| {
        let mut padded: Vec<&str> = row.iter().map(String::as_str).collect();
        padded.resize(columns, "");
        format!("| {} |", padded.join(" | "))
    };
    let mut out = Vec::new();
    for (n, row) in cells.iter().enumerate() {
        out.push(line(row));
        if n == 0 {
            out.push(format!("|{}", " --- |".repeat(columns)));
        }
    }
    out.join("\n")
}

fn render(paragraphs: &[Paragraph], notes: &mut Vec<String>) -> String {
    let has_roman = paragraphs
        .iter()
        .any(|p| p.shape == Shape::Text && ROMAN.is_match(&p.text) && p.text.chars().count() <= 200);
    let mut previous_roman = 0;
    let mut out: Vec<String> = Vec::new();
    let mut in_list = false;
    for paragraph in paragraphs {
        let text = paragraph.text.as_str();
        let item = match paragraph.shape {
            Shape::Table => {
                in_list = false;
                out.push(text.to_string());
                continue;
            }
            Shape::Item(level) => {
                let body = LIST
                    .captures(text)
                    .map_or(text, |c| c.get(1).map_or(text, |m| m.as_str()));
                let indent = if level == 2 { "  " } else { "" };
                let line = format!("{indent}- {}", body.trim());
                match (in_list, out.last_mut()) {
                    (true, Some(last)) => {
                        last.push('\n');
                        last.push_str(&line);
                    }
                    _ => out.push(line),
                }
                in_list = true;
                continue;
            }
            Shape::Text => text,
        };
        in_list = false;
        let length = item.chars().count();
        if let Some(captures) = ROMAN.captures(item).filter(|_| length <= 200) {
            let value = roman_value(&captures[1]).unwrap_or(0) as usize;
            if value <= previous_roman && previous_roman < 12 {
                let fixed = roman(previous_roman as u32 + 1);
                notes.push(format!(
                    "the heading \"{}…\" follows {}: read as {fixed} (OCR?); check it",
                    item.chars().take(12).collect::<String>(),
                    roman(previous_roman as u32)
                ));
                previous_roman += 1;
                out.push(format!("## {fixed}{}", &item[captures[1].len()..]));
                continue;
            }
            previous_roman = value;
            out.push(format!("## {item}"));
        } else if SUB.is_match(item) && length <= 100 && !item.ends_with(['.', ';', ',']) {
            out.push(format!("{} {item}", if has_roman { "####" } else { "###" }));
        } else if ARABIC.is_match(item) && !SUB.is_match(item) && length <= 120 && !item.ends_with(['.', ';', ',']) {
            out.push(format!("{} {item}", if has_roman { "###" } else { "##" }));
        } else {
            out.push(escape_start(item));
        }
    }
    out.join("\n\n") + "\n"
}

/// A paragraph that Markdown would read as something else at its start
/// (an ordered list "1.", "2)", a heading "#", a quote ">") keeps its text.
fn escape_start(text: &str) -> String {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0
        && digits <= 9
        && matches!(text.as_bytes().get(digits), Some(b'.' | b')'))
        && matches!(text.as_bytes().get(digits + 1), None | Some(b' ' | b'\t'))
    {
        let mut escaped = text.to_string();
        escaped.insert(digits, '\\');
        return escaped;
    }
    if text.starts_with(['#', '>']) {
        return format!("\\{text}");
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::blocks::from_text;

    fn body(text: &str) -> String {
        markdown(&from_text(text), &mut Vec::new())
    }

    #[test]
    fn lists_stay_lists_and_numbered_headings_are_headings() {
        let text = "I. Tình hình\n\nCác đơn vị đã làm:\n- việc một;\n- việc hai;\n+ phần nhỏ.\n\nII. Nhiệm vụ\n\n1. Về kinh tế\n\nTăng thu.\n";
        assert_eq!(
            body(text),
            "## I. Tình hình\n\nCác đơn vị đã làm:\n\n- việc một;\n- việc hai;\n  - phần nhỏ.\n\n## II. Nhiệm vụ\n\n### 1. Về kinh tế\n\nTăng thu.\n"
        );
    }

    #[test]
    fn a_repeated_roman_numeral_is_read_as_the_next() {
        let mut notes = Vec::new();
        let out = markdown(&from_text("I- Một\n\nA.\n\nI- Hai\n\nB.\n\nIII- Ba\n"), &mut notes);
        assert!(out.contains("## II- Hai"), "{out}");
        assert!(out.contains("## III- Ba"), "{out}");
        assert_eq!(notes.len(), 1, "{notes:?}");
    }

    #[test]
    fn tab_rows_become_a_table() {
        assert_eq!(
            body("TT\tĐơn vị\n1\tSở Nội vụ\n"),
            "| TT | Đơn vị |\n| --- | --- |\n| 1 | Sở Nội vụ |\n"
        );
    }

    #[test]
    fn a_long_numbered_paragraph_keeps_its_number_as_text() {
        assert_eq!(
            body("1. Ủy ban nhân dân huyện rà soát lại phương án.\n"),
            "1\\. Ủy ban nhân dân huyện rà soát lại phương án.\n"
        );
    }
}
