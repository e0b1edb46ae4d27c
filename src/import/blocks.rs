//! The stream of blocks every reader gives the recognizer: one block for a
//! line of a plain text (or a cell of it, where the line holds columns side
//! by side), a paragraph or a table cell of a Word file. A block carries
//! what its reader knows about it: where it stands (page, line, column),
//! which side of a two-column row it is on, whether it begins a page, and
//! whether it is known to end its paragraph.

/// Which part of a row a block stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The row's only text, from the left margin.
    Whole,
    /// The left of two columns (the issuer, "Số", "Nơi nhận:").
    Left,
    /// The right column (the national line, the date, the signature).
    Right,
}

/// One block of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The text, trimmed, without line breaks.
    pub text: String,
    /// 1-based page (form feeds in a text, pages of a PDF).
    pub page: u32,
    /// 1-based line of the source text (or paragraph of a document).
    pub line: usize,
    /// 0-based column (in characters) where the text starts.
    pub column: usize,
    /// The row: blocks side by side share it.
    pub row: usize,
    pub side: Side,
    /// Whether one or more blank lines stand before it.
    pub blank_before: bool,
    /// Whether its reader knows it ends a paragraph (a Word paragraph, a
    /// line of a text copied out of Word), rather than a line wrapped at
    /// the margin that the next may continue.
    pub ends_paragraph: bool,
    /// Whether the cell belongs to a table row of two or more cells.
    pub in_table: bool,
}

/// Reads a plain text into blocks: pages at form feeds, each line split
/// where it holds columns side by side (a TAB, or three or more spaces
/// after text), lines copied out of Word (one line per paragraph) marked
/// as ending their paragraph.
pub fn from_text(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.split('\n').map(|line| line.trim_end_matches('\r')).collect();
    let width = text_width(&lines);
    let one_line_paragraphs = is_one_line_per_paragraph(&lines);
    let mut blocks = Vec::new();
    let mut page = 1;
    let mut blank_before = false;
    for (index, raw) in lines.iter().enumerate() {
        let mut raw = *raw;
        while let Some(rest) = raw.strip_prefix('\u{c}') {
            page += 1;
            raw = rest;
        }
        if raw.contains('\u{c}') {
            // A form feed inside a line: what follows is the next page.
            page += raw.matches('\u{c}').count() as u32;
        }
        let raw = raw.replace('\u{c}', " ");
        if raw.trim().is_empty() {
            blank_before = true;
            continue;
        }
        let cells = split_cells(&raw);
        let in_table = cells.len() > 1;
        for (i, (column, cell, after_tab)) in cells.iter().enumerate() {
            // A cell after a TAB is the next column of a table row; cells
            // set apart by spaces are placed by where they start.
            let right_half = *column * 10 >= width * 4 && width >= 40;
            let side = match (cells.len(), i) {
                (1, _) if right_half || *after_tab => Side::Right,
                (1, _) => Side::Whole,
                (_, 0) => Side::Left,
                _ if *after_tab || right_half => Side::Right,
                _ => Side::Left,
            };
            blocks.push(Block {
                text: cell.to_string(),
                page,
                line: index + 1,
                column: *column,
                row: index,
                side,
                blank_before: blank_before && i == 0,
                ends_paragraph: one_line_paragraphs,
                in_table,
            });
        }
        blank_before = false;
    }
    blocks
}

/// The width of the text's lines: the longest line of 90 % of them (a
/// page laid out by `pdftotext -layout` is about 80 to 110 characters).
fn text_width(lines: &[&str]) -> usize {
    width_of(
        lines
            .iter()
            .map(|line| line.chars().count())
            .filter(|length| *length > 0),
    )
}

/// Where 90 % of a page's lines end, given where each ends: the width
/// of a page laid out as printed, the odd long line aside.
pub fn width_of(ends: impl Iterator<Item = usize>) -> usize {
    let mut ends: Vec<usize> = ends.collect();
    if ends.is_empty() {
        return 0;
    }
    ends.sort_unstable();
    ends[(ends.len() * 9 / 10).min(ends.len() - 1)]
}

/// Whether the text was copied out of a word processor, one line per
/// paragraph: many long lines (no margin wrapped them).
fn is_one_line_per_paragraph(lines: &[&str]) -> bool {
    let long = lines.iter().filter(|line| line.chars().count() > 160).count();
    let text_lines = lines.iter().filter(|line| !line.trim().is_empty()).count();
    long >= 2 && long * 8 >= text_lines.min(80)
}

/// The cells of a line, each with the column it starts at: split at a TAB
/// or at a gap of three or more spaces between two texts.
fn split_cells(line: &str) -> Vec<(usize, &str, bool)> {
    let indent = line.chars().take_while(|c| c.is_whitespace()).count();
    if line.trim_start().starts_with('|') {
        // A Markdown table row: its cells are read as a table later.
        return vec![(indent, line.trim(), false)];
    }
    let mut cells = Vec::new();
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let mut start: Option<usize> = None; // char index of the cell's start
    let mut last_text_end = 0; // char index after the last non-space
    let mut after_tab = false; // whether the cell begun follows a TAB
    let mut tab_before = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c == '\t' || c.is_whitespace() {
            // Count the gap.
            let gap_start = i;
            let mut tab = false;
            while i < chars.len() && (chars[i].1 == '\t' || chars[i].1.is_whitespace()) {
                tab |= chars[i].1 == '\t';
                i += 1;
            }
            let gap = i - gap_start;
            if let Some(begun) = start
                && i < chars.len()
                && (tab || gap >= 3)
            {
                cells.push((
                    begun,
                    &line[chars[begun].0..byte_at(&chars, line, last_text_end)],
                    after_tab,
                ));
                start = None;
            }
            tab_before = tab;
            continue;
        }
        if start.is_none() {
            start = Some(i);
            after_tab = tab_before;
        }
        i += 1;
        last_text_end = i;
    }
    if let Some(begun) = start {
        cells.push((
            begun,
            &line[chars[begun].0..byte_at(&chars, line, last_text_end)],
            after_tab,
        ));
    }
    cells
        .into_iter()
        .map(|(column, text, tab)| (column, text.trim(), tab))
        .filter(|(_, text, _)| !text.is_empty())
        .collect()
}

fn byte_at(chars: &[(usize, char)], line: &str, index: usize) -> usize {
    chars.get(index).map_or(line.len(), |(at, _)| *at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_side_by_side_become_two_blocks_of_one_row() {
        let text = "ỦY BAN NHÂN DÂN                CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n  Số: 12/TB-UBND\tQuảng Ngãi, ngày 1 tháng 2 năm 2026\n\n\u{c}Trang hai";
        let blocks = from_text(text);
        let texts: Vec<(&str, Side, usize)> = blocks.iter().map(|b| (b.text.as_str(), b.side, b.row)).collect();
        assert_eq!(
            texts,
            [
                ("ỦY BAN NHÂN DÂN", Side::Left, 0),
                ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Side::Right, 0),
                ("Số: 12/TB-UBND", Side::Left, 1),
                ("Quảng Ngãi, ngày 1 tháng 2 năm 2026", Side::Right, 1),
                ("Trang hai", Side::Whole, 3),
            ]
        );
        assert!(blocks[4].blank_before && blocks[4].page == 2);
        assert_eq!(blocks[2].column, 2);
    }

    #[test]
    fn single_spaces_and_two_spaces_do_not_split() {
        assert_eq!(split_cells("a b  c"), [(0, "a b  c", false)]);
        assert_eq!(split_cells("   a   b   "), [(3, "a", false), (7, "b", false)]);
        assert_eq!(split_cells("a\tb"), [(0, "a", false), (2, "b", true)]);
    }
}
