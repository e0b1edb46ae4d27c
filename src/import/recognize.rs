//! The recognizer: one reading of a document's blocks ([`Block`]), whatever
//! reader made them, into the parts of a notice. In order:
//! 1. clean: e-signature stamps, page numbers, running headers and stray
//!    table rules out; words whose `ô` a PDF read as `ơ` repaired;
//! 2. the kind line ("THÔNG BÁO", "KẾT LUẬN", OCR's "KÉT LUẬN"…) and the
//!    title under it, or the công văn's "V/v …" summary;
//! 3. the header above: issuing bodies, the national or Party line, "Số …"
//!    and the place-date line, in one column or two side by side;
//! 4. the end: the signature block (authority, title, name) and the
//!    "Nơi nhận:" list, one after the other or side by side, and an
//!    appendix after them;
//! 5. the body between, as Markdown ([`super::body`]).
//!
//! What it cannot find it reports in `notes` and leaves empty.

use std::collections::HashSet;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

use super::blocks::{Block, Side};
use super::case::{
    authority_case, capitalize_first, continues_body, header_case, is_capitals, name_case, normal_case, restore_names,
    spell_as,
};
use super::{ImportError, Imported};
use crate::support::text::fold;

/// The kinds a kind line may name: its letters folded (no marks, no
/// spaces, so that OCR's "K ÉT LUẬN" and "THÔNG BẢO" match), the kind as
/// stored, and the words a title continuing the kind line starts with.
const KINDS: &[Kind] = &[
    ("thongbaoketluan", "Thông báo kết luận", "Kết luận"),
    ("ykienketluan", "Ý kiến kết luận", "Ý kiến kết luận"),
    ("ketluan", "Kết luận", "Kết luận"),
    ("thongbao", "Thông báo", ""),
    ("congvan", "Công văn", ""),
    ("nghiquyet", "Nghị quyết", "Nghị quyết"),
    ("quyetdinh", "Quyết định", "Quyết định"),
    ("chithi", "Chỉ thị", "Chỉ thị"),
    ("baocao", "Báo cáo", "Báo cáo"),
    ("kehoach", "Kế hoạch", "Kế hoạch"),
    ("huongdan", "Hướng dẫn", "Hướng dẫn"),
    ("quydinh", "Quy định", "Quy định"),
    ("totrinh", "Tờ trình", "Tờ trình"),
    ("chuongtrinh", "Chương trình", "Chương trình"),
];

/// Words in a capitals line that make it a title of the signature block
/// rather than a name. With their marks they tell a title from a name
/// ("TRƯỞNG" from the surname "TRƯƠNG"); folded ([`FOLDED_TITLE_WORDS`])
/// they find a title OCR misread.
const TITLE_WORDS: &[&str] = &[
    "chủ tịch",
    "bí thư",
    "giám đốc",
    "trưởng",
    "phó",
    "chánh",
    "thủ tướng",
    "ban",
    "ủy viên",
    "văn phòng",
    "thường trực",
    "tổng",
    "cục",
    "viện",
    "thứ trưởng",
    "hiệu",
    "đồng chí",
    "quyền",
    "thư ký",
    "kế toán",
];

static FOLDED_TITLE_WORDS: LazyLock<Vec<String>> =
    LazyLock::new(|| TITLE_WORDS.iter().map(|word| fold(word)).collect());

static DATE_FULL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"ngay\s*(\d{1,2})\s*thang\s*(\d{1,2})\s*nam\s*(\d{4})|ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})",
    )
    .expect("valid")
});
/// A place-date line whose day (or month) is still blank: a draft.
static DATE_BLANK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"ngay[\s._…]*thang[\s._…]*(\d{1,2})?[\s._…]*nam[\s._…]*(\d{4})?").expect("valid"));
static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:ky boi|ky so boi|nguoi ky|thoi gian ky|ngay ky|ky ngay)\s*:|^\d{1,2}[./-]\d{1,2}[./-]\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?(?:\s*[+-]\d{2}:?\d{2})?$")
        .expect("valid")
});
/// Lines of an e-signature stamp that only stand at the top of a page.
static TOP_STAMP: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:email|e-mail|co quan|chuc vu|to chuc)\s*:").expect("valid"));
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-–—\s]*\d{1,3}[-–—\s]*|(?:trang|page)\s*\d{1,3}(?:\s*/\s*\d{1,3})?|\d{1,3}\s*/\s*\d{1,3})$")
        .expect("valid")
});

/// Reads a document's blocks as a notice.
pub fn recognize(blocks: &[Block]) -> Result<Imported, ImportError> {
    let mut imported = Imported::default();
    let blocks = clean(blocks, &mut imported.notes);
    let head = find_head(&blocks).ok_or(ImportError::NoStructure)?;
    let (title_end, header_end, summary) = match head {
        Head::Kind { at, kind, rest } => (read_title(&blocks, at, kind, rest, &mut imported), at, HashSet::new()),
        Head::Summary { at } => {
            let (body, used) = read_summary(&blocks, at, &mut imported);
            (body, body, used)
        }
    };
    if imported.title.is_empty() {
        return Err(ImportError::NoStructure);
    }
    let header: Vec<&Block> = blocks[..header_end]
        .iter()
        .enumerate()
        .filter(|(i, _)| !summary.contains(i))
        .map(|(_, block)| block)
        .collect();
    read_header(&header, &mut imported);
    imported.title = restore_from_header(&imported.title, &imported);
    let body_start = title_end;
    let end = find_end(&blocks, body_start);
    read_signature(&blocks, &end.signature, &mut imported);
    read_recipients(&blocks, &end, &mut imported);
    let mut markdown = super::body::markdown(&blocks[body_start..end.body_end], &mut imported.notes);
    if let Some(appendix) = end.appendix {
        markdown.push('\n');
        markdown.push_str(&super::body::appendix(&blocks[appendix..], &mut imported.notes));
    }
    imported.body = markdown;
    note_missing(&blocks[body_start..end.body_end], &mut imported);
    Ok(imported)
}

/// Where the notice's head is: a kind line or a công văn's summary.
enum Head {
    Kind {
        at: usize,
        kind: &'static Kind,
        rest: Option<String>,
    },
    Summary {
        at: usize,
    },
}

/// A kind: its folded letters, the kind as stored, the title's first words.
type Kind = (&'static str, &'static str, &'static str);

fn find_head(blocks: &[Block]) -> Option<Head> {
    let limit = blocks.len().min(80);
    let kind = (0..limit).find_map(|at| kind_line(&blocks[at].text).map(|(kind, rest)| (at, kind, rest)));
    let summary = (0..limit).find(|&at| is_summary(&blocks[at].text));
    match (kind, summary) {
        (Some((at, kind, rest)), Some(summary)) if summary < at && kind.0 != "congvan" => {
            // "V/v …" above a kind line is a công văn's, unless the kind
            // line is far below it (a body's heading).
            if at - summary > 6 {
                Some(Head::Summary { at: summary })
            } else {
                Some(Head::Kind { at, kind, rest })
            }
        }
        (Some((at, kind, rest)), _) => Some(Head::Kind { at, kind, rest }),
        (None, Some(at)) => Some(Head::Summary { at }),
        (None, None) => None,
    }
}

/// Whether a line is a công văn's summary: "V/v …", "Về việc …".
fn is_summary(text: &str) -> bool {
    let folded = fold_start(text);
    (folded.starts_with("v/v") || folded.starts_with("ve viec ")) && text.chars().count() <= 200
}

/// The kind a line names, in capitals, and the rest of the line when the
/// title begins on it ("THÔNG BÁO KẾT LUẬN CỦA …").
fn kind_line(text: &str) -> Option<(&'static Kind, Option<String>)> {
    if !is_capitals(text) || text.chars().count() > 200 {
        return None;
    }
    let text = text.trim_end_matches(':').trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let (kind, used) = leading_words(&words, KINDS, |kind| kind.0)?;
    let rest = words[used..].join(" ");
    if rest.is_empty() {
        return Some((kind, None));
    }
    // The title begins on the kind line: "… CỦA …", "… VỀ …", "… TẠI …".
    let first = fold(words[used]);
    if ["cua", "ve", "tai", "doi", "v/v"].contains(&first.as_str()) {
        Some((kind, Some(rest)))
    } else {
        None
    }
}

/// The first characters of a text folded: enough to tell how a line
/// begins, without folding a long paragraph whole.
fn fold_start(text: &str) -> String {
    let end = text.char_indices().nth(60).map_or(text.len(), |(at, _)| at);
    fold(&text[..end])
}

/// Drops what is no part of the notice and repairs what a PDF garbled.
fn clean(blocks: &[Block], notes: &mut Vec<String>) -> Vec<Block> {
    let repeated = running_lines(blocks);
    let first_kind = blocks
        .iter()
        .position(|block| kind_line(&block.text).is_some())
        .unwrap_or(blocks.len());
    let mut repaired = 0;
    let mut stamps = 0;
    let mut cleaned = Vec::with_capacity(blocks.len());
    for (i, block) in blocks.iter().enumerate() {
        // The start is enough to know a stamp or a page number.
        let folded = fold_start(&block.text);
        let alone = !block.in_table;
        if STAMP.is_match(&folded) || (i < first_kind && TOP_STAMP.is_match(&folded)) {
            stamps += 1;
            continue;
        }
        if alone && (PAGE_NUMBER.is_match(&folded) || repeated.contains(block.text.as_str())) {
            continue;
        }
        if block.text.chars().all(|c| c == '|' || c.is_whitespace()) {
            continue;
        }
        let mut block = block.clone();
        // A web copy's emphasis around a whole line ("**THÔNG BÁO**").
        for mark in ["**", "__"] {
            if let Some(inner) = block.text.strip_prefix(mark).and_then(|rest| rest.strip_suffix(mark))
                && !inner.trim().is_empty()
            {
                block.text = inner.trim().to_string();
            }
        }
        let (text, count) = repair_o_horn(&block.text);
        if count > 0 {
            repaired += count;
            block.text = text;
        }
        cleaned.push(block);
    }
    if stamps > 0 {
        notes.push(format!(
            "left out {stamps} line(s) of an e-signature stamp (\"Ký bởi: …\", times)"
        ));
    }
    if repaired > 0 {
        notes.push(format!(
            "repaired {repaired} word(s) whose \"ô\" the PDF's text read as \"ơ\" (\"cơng\" → \"công\")"
        ));
    }
    cleaned
}

/// Lines that stand at the top or the bottom of two or more pages: a
/// running header or footer.
fn running_lines(blocks: &[Block]) -> HashSet<&str> {
    // The blocks of each page, in one pass: a text may hold many pages.
    let mut pages: std::collections::BTreeMap<u32, Vec<&Block>> = std::collections::BTreeMap::new();
    for block in blocks {
        pages.entry(block.page).or_default().push(block);
    }
    if pages.len() < 2 {
        return HashSet::new();
    }
    let mut edges: std::collections::HashMap<&str, HashSet<u32>> = std::collections::HashMap::new();
    for (page, on_page) in &pages {
        for block in on_page.iter().take(2).chain(on_page.iter().rev().take(2)) {
            if block.text.chars().count() <= 100 {
                edges.entry(block.text.as_str()).or_default().insert(*page);
            }
        }
    }
    edges
        .into_iter()
        .filter(|(_, on)| on.len() >= 2)
        .map(|(text, _)| text)
        .collect()
}

/// "cơng" for "công": Vietnamese has no syllable ending "ơng" or "ơc"
/// but after "ư" ("đường", "được"); a PDF whose font maps "ô" badly
/// gives them. Returns the text and how many words changed.
fn repair_o_horn(text: &str) -> (String, usize) {
    const HORN: [(char, char); 6] = [('ơ', 'ô'), ('ờ', 'ồ'), ('ớ', 'ố'), ('ở', 'ổ'), ('ỡ', 'ỗ'), ('ợ', 'ộ')];
    if !text.contains(['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ']) {
        return (text.to_string(), 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut count = 0;
    for (i, &c) in chars.iter().enumerate() {
        let plain = HORN.iter().find(|(horn, _)| *horn == c).map(|(_, plain)| *plain);
        // "ương": the horn after "ư" (or "u") is Vietnamese as it is.
        let after_u = i > 0 && matches!(chars[i - 1], 'u' | 'U' | 'ư' | 'Ư');
        let ending = |end: &str| {
            let rest = &chars[i + 1..];
            let end: Vec<char> = end.chars().collect();
            rest.starts_with(&end) && !rest.get(end.len()).is_some_and(|c| c.is_alphabetic())
        };
        match plain {
            Some(plain) if !after_u && (ending("ng") || ending("c")) => {
                out.push(plain);
                count += 1;
            }
            _ => out.push(c),
        }
    }
    (out, count)
}

/// The kind and title lines; where the body begins.
fn read_title(blocks: &[Block], at: usize, kind: &Kind, rest: Option<String>, imported: &mut Imported) -> usize {
    let width = page_width(blocks);
    let mut lines: Vec<String> = rest.into_iter().collect();
    let first_caps = lines.first().is_some_and(|line| is_capitals(line));
    let mut i = at + 1;
    let mut shouted = first_caps;
    while i < blocks.len() && lines.len() < 6 {
        let block = &blocks[i];
        if is_rule(&block.text) {
            i += 1;
            if lines.is_empty() {
                continue;
            }
            break;
        }
        if !lines.is_empty() && block.blank_before {
            break;
        }
        let caps = is_capitals(&block.text);
        // In a page laid out as printed, the title is centred: under a
        // title line that stops short of the margins, a line that runs
        // from one margin to the other is the body's.
        let full = |block: &Block| block.column + block.text.chars().count() + 3 >= width;
        let off_centre = width > 0
            && blocks[at].column >= 8
            && full(block)
            && block.column < blocks[at].column
            && i > at + 1
            && !full(&blocks[i - 1]);
        let continues = if lines.is_empty() {
            !starts_body(&block.text)
        } else if off_centre {
            false
        } else {
            let previous = lines.last().map(String::as_str).unwrap_or_default();
            !starts_body(&block.text)
                && block.text.chars().count() <= 160
                && ((caps && shouted)
                    || starts_lower(&block.text)
                    || (!ends_sentence(previous) && block.text.chars().count() <= 100 && !ends_sentence(&block.text)))
        };
        if !continues {
            break;
        }
        if lines.is_empty() {
            shouted = caps;
        }
        lines.push(block.text.clone());
        i += 1;
    }
    while i < blocks.len() && is_rule(&blocks[i].text) {
        i += 1;
    }
    let title: Vec<String> = lines
        .iter()
        .enumerate()
        .map(|(n, line)| match (is_capitals(line), n) {
            (true, 0) => normal_case(line),
            (true, _) => restore_names(line),
            _ => line.clone(),
        })
        .collect();
    let mut title = title.join(" ");
    let (_, stored, prefix) = *kind;
    let starts_with_connector = ["của ", "về ", "tại ", "đối với "]
        .iter()
        .any(|word| title.to_lowercase().starts_with(word));
    if !prefix.is_empty() && starts_with_connector {
        title = format!("{prefix} {}", lower_first(title.trim()));
    }
    title = ocr_kind_words(&title);
    imported.title = capitalize_first(title.trim());
    if lines.iter().any(|line| is_capitals(line)) {
        imported.notes.push(
            "the title was written in capitals and is now in normal case: check the capitals of names in it"
                .to_string(),
        );
    }
    let folded_title = fold(&imported.title);
    imported.kind = if stored == "Thông báo"
        && (folded_title.starts_with("ket luan") || folded_title.starts_with("y kien ket luan"))
    {
        "Thông báo kết luận".to_string()
    } else {
        stored.to_string()
    };
    i
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A title whose first words are a kind misread by OCR ("K ét luận",
/// "Két luận") with those words as they are written.
fn ocr_kind_words(title: &str) -> String {
    const PHRASES: &[(&str, &str)] = &[
        ("ykienketluan", "Ý kiến kết luận"),
        ("ketluan", "Kết luận"),
        ("thongbao", "Thông báo"),
    ];
    let words: Vec<&str> = title.split_whitespace().collect();
    match leading_words(&words, PHRASES, |phrase| phrase.0) {
        Some(((_, written), used)) if used == words.len() => written.to_string(),
        Some(((_, written), used)) => format!("{written} {}", words[used..].join(" ")),
        None => title.to_string(),
    }
}

/// The entry of `entries` whose key (letters without marks or spaces) the
/// first words spell, the longest, with how many words it took: "K ÉT
/// LUẬN" spells `ketluan`, "THÔNG BÁO KẾT LUẬN" `thongbaoketluan`.
fn leading_words<'a, T>(words: &[&str], entries: &'a [T], key: impl Fn(&T) -> &str) -> Option<(&'a T, usize)> {
    let mut letters = String::new();
    let mut best = None;
    for (i, word) in words.iter().enumerate().take(6) {
        letters.extend(fold(word).chars().filter(|c| c.is_alphabetic()));
        if let Some(entry) = entries.iter().find(|entry| key(entry) == letters) {
            best = Some((entry, i + 1));
        }
        if !entries.iter().any(|entry| key(entry).starts_with(letters.as_str())) {
            break;
        }
    }
    best
}

/// The width of a laid-out page: where 90 % of the lines end.
fn page_width(blocks: &[Block]) -> usize {
    super::blocks::width_of(blocks.iter().map(|block| block.column + block.text.chars().count()))
}

/// A công văn's "V/v …" summary (on one or more lines of its column) as
/// the title; returns where the body begins and the summary's blocks.
fn read_summary(blocks: &[Block], at: usize, imported: &mut Imported) -> (usize, HashSet<usize>) {
    static SUMMARY_MARK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:v/v|về việc)\s*:?\s*").expect("valid"));
    let first = &blocks[at];
    let text = first.text.trim();
    let after = SUMMARY_MARK.find(text).map_or(text, |mark| &text[mark.end()..]);
    let mut lines = vec![after.to_string()];
    let mut used = HashSet::from([at]);
    let mut i = at + 1;
    while i < blocks.len() && lines.len() < 4 {
        let block = &blocks[i];
        if block.side == Side::Right || used.contains(&i) {
            i += 1;
            continue;
        }
        if block.blank_before || !starts_lower(&block.text) || fold_start(&block.text).starts_with("kinh gui") {
            break;
        }
        lines.push(block.text.clone());
        used.insert(i);
        i += 1;
    }
    imported.title = format!("Về việc {}", lines.join(" ").trim());
    imported.kind = "Công văn".to_string();
    // The body begins after the header's last row: at "Kính gửi:" when
    // there is one, else after the rows of the summary.
    let last_row = used.iter().map(|i| blocks[*i].row).max().unwrap_or(first.row);
    let body = blocks
        .iter()
        .position(|block| fold_start(&block.text).starts_with("kinh gui"))
        .filter(|kinh| *kinh > at)
        .unwrap_or_else(|| {
            let mut j = at + 1;
            while j < blocks.len()
                && (blocks[j].row <= last_row || (blocks[j].side == Side::Right && is_header_line(&blocks[j].text)))
            {
                j += 1;
            }
            j
        });
    (body, used)
}

/// Whether a line belongs to a header's right column (the nation line,
/// the motto, the place-date).
fn is_header_line(text: &str) -> bool {
    nation_line(text).is_some() || DATE_FULL.is_match(&fold(text)) || is_rule(text)
}

fn starts_lower(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', ':', ';', '!', '?', '…'])
}

/// Whether a line begins a body rather than continuing a title.
fn starts_body(text: &str) -> bool {
    let folded = fold_start(text);
    let capital = text.chars().next().is_some_and(char::is_uppercase);
    // A sentence's usual first words; in capitals only, since a title goes
    // on with "tại …", "về …" in lower case.
    const STARTS: &[&str] = &[
        "ngay ",
        "can cu",
        "thuc hien",
        "sang ",
        "chieu ",
        "toi ",
        "vua qua",
        "kinh gui",
        "trong ",
        "theo ",
        "sau khi",
        "xet ",
        "vao ",
        "hom nay",
        "nham ",
        "de ",
        "tiep theo",
        "ngay:",
    ];
    (capital && STARTS.iter().any(|start| folded.starts_with(start)))
        || super::body::starts_block(text)
        || text.starts_with(|c: char| c.is_ascii_digit())
        || text.starts_with(BULLETS)
}

/// A rule line: `*`, `-----`, `____`, `===`.
fn is_rule(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| "*-_=–—~. ".contains(c))
}

/// The national (State) or Party line.
fn nation_line(text: &str) -> Option<&'static str> {
    let folded: String = fold(text).split_whitespace().collect::<Vec<_>>().join(" ");
    if folded.contains("dang cong san viet nam") {
        Some("party")
    } else if folded.contains("cong hoa xa hoi chu nghia viet nam")
        || folded.contains("doc lap") && folded.contains("hanh phuc")
    {
        Some("state")
    } else {
        None
    }
}

/// What "Số …" holds after the word: `None` when the line is not one.
fn number_line(text: &str) -> Option<&str> {
    let folded = fold_start(text);
    let rest = folded.strip_prefix("so")?;
    // "Số:" / "Số." / "Số;" is one whatever follows. Without the mark, the
    // word must end there ("SỞ NỘI VỤ" is no number line) and a serial or
    // a draft's blank ("/TB-UBND", "-TB/HU") follow.
    if !rest.starts_with([':', '.', ';']) {
        let digit = |c: char| c.is_ascii_digit();
        if !(rest.is_empty() || rest.starts_with(' ') || rest.starts_with(digit)) {
            return None;
        }
        let after = rest.trim_start();
        if !(after.is_empty() || after.starts_with(|c: char| digit(c) || c == '/' || c == '-')) {
            return None;
        }
    }
    // "Số" is two characters in the original too.
    let skip: usize = text.chars().take(2).map(char::len_utf8).sum();
    Some(text[skip..].trim_start_matches([':', '.', ';']).trim())
}

/// The header: issuing bodies (parent first), the nation or Party line,
/// the number and the place-date line.
fn read_header(header: &[&Block], imported: &mut Imported) {
    let mut issuers: Vec<String> = Vec::new();
    let mut used = HashSet::new();
    for (i, block) in header.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        let text = block.text.as_str();
        if is_rule(text) {
            continue;
        }
        if let Some(style) = nation_line(text) {
            imported.style.get_or_insert(style);
            continue;
        }
        if let Some(written) = number_line(text) {
            let written = if written.is_empty() {
                // "Số:" with the number on the next line of its column.
                match next_in_column(header, i, block.side) {
                    Some(next)
                        if header[next]
                            .text
                            .starts_with(|c: char| c.is_ascii_digit() || "/-.…_".contains(c)) =>
                    {
                        used.insert(next);
                        header[next].text.as_str()
                    }
                    _ => written,
                }
            } else {
                written
            };
            read_number(written, imported);
            continue;
        }
        let folded = fold(text);
        if folded.contains("ngay") {
            // A place-date line broken by OCR or by blank fields: the rest
            // on the next line of its column.
            let next = next_in_column(header, i, block.side)
                .or(Some(i + 1))
                .filter(|n| *n < header.len());
            let joined = next.map(|n| format!("{text} {}", header[n].text));
            let mut read = false;
            for reader in [read_date, read_blank_date] {
                if reader(text, imported) {
                    read = true;
                } else if let (Some(n), Some(joined)) = (next, &joined)
                    && reader(joined, imported)
                {
                    used.insert(n);
                    read = true;
                }
                if read {
                    break;
                }
            }
            if read {
                continue;
            }
        }
        if block.side != Side::Right {
            issuers.push(text.to_string());
        }
    }
    read_issuers(&issuers, imported);
}

fn next_in_column(header: &[&Block], i: usize, side: Side) -> Option<usize> {
    (i + 1..header.len()).find(|&n| header[n].side == side || side == Side::Whole || header[n].side == Side::Whole)
}

fn read_number(written: &str, imported: &mut Imported) {
    let cleaned = written.trim_start_matches(['.', '_', '…', ' ']).trim();
    let serial = cleaned.starts_with(|c: char| c.is_ascii_digit());
    if !serial {
        imported.draft_number = true;
        imported.notes.push(format!(
            "no number: \"Số: {}\" has no serial yet (a draft?); add `number` when it is issued",
            written.trim()
        ));
        return;
    }
    let found = crate::model::number::find(cleaned)
        .into_iter()
        .next()
        .map(|found| found.number);
    match found {
        Some(number) => imported.number = Some(number),
        None => {
            let compact: String = cleaned.chars().filter(|c| !c.is_whitespace()).collect();
            let compact = compact.trim_end_matches(['.', ',', ';']).to_string();
            if compact.contains(['/', '-']) && compact.chars().any(char::is_alphabetic) {
                imported.number = Some(compact);
            } else {
                imported.notes.push(format!(
                    "the number \"{}\" could not be read: check `number`",
                    written.trim()
                ));
            }
        }
    }
}

/// Reads "Quảng Ngãi, ngày 12 tháng 4 năm 2021" (or OCR's "thảng",
/// or "ngày 12/4/2021"); whether the text was one.
fn read_date(text: &str, imported: &mut Imported) -> bool {
    let folded = fold(text);
    let Some(captures) = DATE_FULL.captures(&folded) else {
        return false;
    };
    let part = |a: usize, b: usize| {
        captures
            .get(a)
            .or_else(|| captures.get(b))
            .and_then(|m| m.as_str().parse::<i16>().ok())
            .unwrap_or(0)
    };
    let (day, month, year) = (part(1, 4), part(2, 5), part(3, 6));
    let start = captures.get(0).map_or(0, |m| m.start());
    imported.place = place_before(text, &folded, start);
    match Date::new(year, month as i8, day as i8) {
        Ok(date) => imported.date = Some(date),
        Err(_) => imported.notes.push(format!(
            "the date in {text:?} is not a date in the calendar: check `date`"
        )),
    }
    true
}

/// A place-date line whose day is blank ("ngày     tháng 6 năm 2026").
fn read_blank_date(text: &str, imported: &mut Imported) -> bool {
    let folded = fold(text);
    let Some(captures) = DATE_BLANK.captures(&folded) else {
        return false;
    };
    if captures.get(2).is_none() {
        return false;
    }
    let start = captures.get(0).map_or(0, |m| m.start());
    imported.place = place_before(text, &folded, start);
    imported.draft_date = true;
    imported.notes.push(format!(
        "no issue date: {:?} has no day yet (a draft?); fill in `date` when it is signed",
        text.trim()
    ));
    true
}

/// The place before ", ngày …": `folded` is `text` folded, whose
/// characters stand one for one with the text's (NFC Vietnamese).
fn place_before(text: &str, folded: &str, folded_at: usize) -> String {
    let chars = folded[..folded_at].chars().count();
    let place: String = text.chars().take(chars).collect();
    place.trim().trim_end_matches(',').trim().to_string()
}

/// Bodies, parent first: a line that starts with a place continues the
/// body above ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI").
fn read_issuers(issuers: &[String], imported: &mut Imported) {
    let mut bodies: Vec<String> = Vec::new();
    for (i, line) in issuers.iter().enumerate() {
        let previous = if i > 0 { issuers[i - 1].as_str() } else { "" };
        let continuing = continues_body(line, previous) && !bodies.is_empty();
        let cased = if is_capitals(line) {
            header_case(line, !continuing)
        } else {
            line.to_string()
        };
        match bodies.last_mut() {
            Some(last) if continuing => {
                last.push(' ');
                last.push_str(&cased);
            }
            _ => bodies.push(cased),
        }
    }
    if let Some(issuer) = bodies.pop() {
        imported.issuer = issuer;
        imported.parent_issuer = bodies.join(" ");
    }
}

/// A title put into normal case with the names the header spells
/// restored: "cục thủy lợi" → "Cục Thủy lợi" when the issuer is that.
fn restore_from_header(title: &str, imported: &Imported) -> String {
    let names: Vec<&str> = [&imported.issuer, &imported.parent_issuer, &imported.place]
        .into_iter()
        .map(String::as_str)
        .filter(|name| name.chars().filter(|c| c.is_uppercase()).count() > 1 || name.split(' ').count() == 2)
        .collect();
    spell_as(title, &names)
}

/// Where the body ends and what follows it.
#[derive(Debug, Default)]
struct End {
    body_end: usize,
    /// The signature block's blocks, in order (authority and titles, name).
    signature: Vec<usize>,
    /// "Nơi nhận:", when there is one.
    recipients_at: Option<usize>,
    /// Where an appendix after the end begins.
    appendix: Option<usize>,
}

fn find_end(blocks: &[Block], body_start: usize) -> End {
    let n = blocks.len();
    let recipients_at = (body_start..n).find(|&i| fold_start(&blocks[i].text).starts_with("noi nhan"));
    let appendix = (recipients_at.unwrap_or(body_start + (n - body_start) / 2)..n)
        .filter(|&i| i > body_start)
        .find(|&i| is_appendix(&blocks[i].text));
    let limit = appendix.unwrap_or(n);
    let signature = find_signature(blocks, body_start, limit);
    let signature_start = signature.first().copied();
    let body_end = [recipients_at, signature_start, appendix]
        .into_iter()
        .flatten()
        .min()
        .unwrap_or(n);
    End {
        body_end: body_end.max(body_start),
        signature,
        recipients_at,
        appendix,
    }
}

fn is_appendix(text: &str) -> bool {
    if text.len() > 480 {
        return false;
    }
    let folded = fold(text);
    folded.starts_with("phu luc")
        && text.chars().count() <= 120
        && (is_capitals(text) || folded.trim_end_matches(|c: char| !c.is_alphanumeric()).len() < 40)
}

/// The signature block: the last name under one or more titles in
/// capitals (authority first), with "(Đã ký)" or a seal's note between.
fn find_signature(blocks: &[Block], start: usize, end: usize) -> Vec<usize> {
    for name_at in (start..end).rev() {
        let name = &blocks[name_at];
        if !is_name(&name.text) {
            continue;
        }
        // Beside a "Nơi nhận:" list, the block is the right column's.
        // An indented name: its titles stand at about its column.
        let same_side = |block: &Block| match name.side {
            Side::Right => block.side == Side::Right,
            _ if name.column >= 12 => block.side == Side::Right || block.column + 10 >= name.column,
            _ => true,
        };
        let mut titles = Vec::new();
        let mut j = name_at;
        let mut skipped = 0;
        while j > start {
            j -= 1;
            let block = &blocks[j];
            // The list beside the signature, whatever column its lines
            // were placed in.
            let beside_list =
                name.column > 0 && (block.text.starts_with(BULLETS) || fold_start(&block.text).starts_with("noi nhan"));
            if !same_side(block) || beside_list {
                if skipped > 12 {
                    break;
                }
                skipped += 1;
                continue;
            }
            if is_signed_mark(&block.text) || is_rule(&block.text) {
                continue;
            }
            if is_signature_title(&block.text) {
                titles.push(j);
                continue;
            }
            break;
        }
        if !titles.is_empty() {
            titles.reverse();
            titles.push(name_at);
            return titles;
        }
    }
    Vec::new()
}

fn is_signature_title(text: &str) -> bool {
    if !is_capitals(text) || text.chars().count() > 80 {
        return false;
    }
    let folded = fold(text);
    crate::model::notice::is_authority(text) || FOLDED_TITLE_WORDS.iter().any(|word| folded.contains(word.as_str()))
}

/// "(Đã ký)", "(Ký, đóng dấu)", "(Ký tên, đóng dấu)", "Đã ký", "[daky]".
fn is_signed_mark(text: &str) -> bool {
    let folded = fold(text);
    let bare = folded.trim_matches(|c: char| "()[]{} ".contains(c));
    text.chars().count() <= 50
        && (bare.starts_with("da ky")
            || bare.starts_with("ky,")
            || bare.starts_with("ky ten")
            || bare == "ky"
            || bare == "daky"
            || bare.starts_with("chu ky")
            || bare.starts_with("ky va"))
}

/// A person's name: two to six words, each capitalised, no digits, no
/// sentence punctuation; in capitals only when no word of a title is in it.
fn is_name(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    if !(2..=6).contains(&words.len()) || text.chars().count() > 40 {
        return false;
    }
    if text.chars().any(|c| c.is_ascii_digit() || "():;,/.".contains(c)) {
        return false;
    }
    if !words
        .iter()
        .all(|word| word.chars().next().is_some_and(char::is_uppercase))
    {
        return false;
    }
    let folded = fold(text);
    if is_capitals(text) {
        // Marks kept: "TRƯƠNG" is a surname, "TRƯỞNG" a title.
        let lower = text.to_lowercase();
        let words_lower: Vec<&str> = lower.split_whitespace().collect();
        return !TITLE_WORDS.iter().any(|title| {
            let title_words: Vec<&str> = title.split(' ').collect();
            words_lower
                .windows(title_words.len())
                .any(|window| window == title_words.as_slice())
        }) && !["noi nhan", "phu luc", "uy ban", "nhan dan"]
            .iter()
            .any(|word| folded.contains(word))
            && kind_line(text).is_none()
            && nation_line(text).is_none();
    }
    !folded.starts_with("noi nhan")
}

fn read_signature(blocks: &[Block], signature: &[usize], imported: &mut Imported) {
    let Some((&name_at, titles)) = signature.split_last() else {
        return;
    };
    let name = &blocks[name_at].text;
    if is_capitals(name) {
        imported.notes.push(format!(
            "the signer's name was in capitals ({name}): check \"{}\"",
            name_case(name)
        ));
    }
    imported.signer = name_case(name);
    let mut titles: Vec<&str> = titles.iter().map(|&i| blocks[i].text.as_str()).collect();
    // The authority: every leading line that is one ("TM. ỦY BAN NHÂN DÂN"
    // over "KT. CHỦ TỊCH" in the State's full form).
    let authorities = titles
        .iter()
        .take_while(|line| crate::model::notice::is_authority(line))
        .count();
    if authorities > 0 {
        imported.authority = titles[..authorities]
            .iter()
            .map(|line| authority_case(line))
            .collect::<Vec<_>>()
            .join(", ");
        titles.drain(..authorities);
    }
    imported.signer_title = titles
        .iter()
        .map(|line| normal_case(line))
        .collect::<Vec<_>>()
        .join(" ");
}

/// The "Nơi nhận:" list: its items (a dash each; a line without one
/// continues the item above), beside or after the signature block.
fn read_recipients(blocks: &[Block], end: &End, imported: &mut Imported) {
    let Some(at) = end.recipients_at else { return };
    let signature: HashSet<usize> = end.signature.iter().copied().collect();
    let beside = end.signature.iter().any(|&i| blocks[i].side == Side::Right) && blocks[at].side != Side::Right;
    let stop = end.appendix.unwrap_or(blocks.len());
    let mut items: Vec<String> = Vec::new();
    if let Some((_, rest)) = blocks[at].text.split_once(':') {
        let item = clean_item(rest);
        if !item.is_empty() {
            items.push(rest.trim().to_string());
        }
    }
    for i in at + 1..stop {
        let block = &blocks[i];
        if signature.contains(&i) || is_signed_mark(&block.text) {
            continue;
        }
        if beside && block.side == Side::Right {
            continue;
        }
        let text = block.text.as_str();
        if text.starts_with(BULLETS) {
            items.push(text.to_string());
        } else if let Some(last) = items.last_mut()
            && !last.trim_end().ends_with(['.', ';', ','])
            && starts_lower(text)
            && text.chars().count() <= 120
        {
            // An item wrapped onto the next line; a comma ends an item as
            // a semicolon does (the Party form's lists).
            last.push(' ');
            last.push_str(text);
        } else if block.row == blocks[at].row
            || (beside && !is_capitals(text) && text.chars().count() <= 120 && !block.blank_before)
            || (!is_capitals(text)
                && text.chars().count() <= 120
                && !block.blank_before
                && (text.trim_end().ends_with([';', ',', '.']) || fold(text).starts_with("luu")))
        {
            // An item without its dash, as some copies lose them.
            items.push(text.to_string());
        } else {
            break;
        }
    }
    imported.recipients = items
        .iter()
        .map(|item| clean_item(item))
        .filter(|item| !item.is_empty())
        .collect();
}

/// The marks a list item or a recipient may start with.
const BULLETS: [char; 10] = ['-', '+', '–', '—', '•', '*', '●', '▪', '◦', '·'];

/// A list item or recipient without its dash and trailing punctuation.
fn clean_item(line: &str) -> String {
    line.trim_start_matches(BULLETS)
        .trim()
        .trim_end_matches([',', ';', '.'])
        .trim()
        .to_string()
}

/// What the clerk must check or fill in: one note for each field not found.
fn note_missing(body: &[Block], imported: &mut Imported) {
    if imported.number.is_none() && !imported.draft_number {
        imported
            .notes
            .push("no number: the text has no \"Số …\" line; add `number` if the notice has one".to_string());
    }
    if imported.date.is_none() && !imported.draft_date {
        propose_date(body, imported);
    }
    if imported.signer.is_empty() {
        imported
            .notes
            .push("no signer block found at the end (a title in capitals, then a name)".to_string());
    }
    if imported.recipients.is_empty() {
        imported.notes.push("no \"Nơi nhận:\" list found".to_string());
    }
}

/// A date for a notice whose text has no issue date: the first date of the
/// body that is not a cited document's ("Kết luận số 120-KL/TW ngày
/// 07/01/2016" is the Kết luận's date, never this notice's).
fn propose_date(body: &[Block], imported: &mut Imported) {
    static ANY_DATE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i:ngày)\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})").expect("valid"));
    for block in body {
        let cited: Vec<std::ops::Range<usize>> = crate::model::number::find(&block.text)
            .into_iter()
            .map(|found| found.full_span)
            .collect();
        for captures in ANY_DATE.captures_iter(&block.text) {
            let Some(whole) = captures.get(0) else { continue };
            if cited
                .iter()
                .any(|span| span.start <= whole.start() && whole.end() <= span.end)
            {
                continue;
            }
            let part = |i: usize| captures[i].parse::<i16>().unwrap_or(0);
            if let Ok(date) = Date::new(part(3), part(2) as i8, part(1) as i8) {
                imported.notes.push(format!(
                    "no issue date: the text has no line like \"Quảng Ngãi, ngày 12 tháng 4 năm 2021\"; proposed {date} from \"{}\" in the text, which may be a meeting's date: check `date`",
                    whole.as_str()
                ));
                imported.proposed_date = Some((date, whole.as_str().to_string()));
                return;
            }
        }
    }
    imported.notes.push(
        "no issue date: the text has no line like \"Quảng Ngãi, ngày 12 tháng 4 năm 2021\" and no other date; `date` must be filled in"
            .to_string(),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_lines_survive_ocr() {
        for line in [
            "THÔNG BÁO",
            "KÉT LUẬN",
            "K ÉT LUẬN",
            "THÔNG BẢO",
            "Ý KIẾN KẾT LUẬN",
            "THÔNG BÁO KẾT LUẬN",
        ] {
            assert!(kind_line(line).is_some(), "{line}");
        }
        assert_eq!(
            kind_line("THÔNG BÁO KẾT LUẬN").map(|(kind, _)| kind.1),
            Some("Thông báo kết luận")
        );
        let (kind, rest) = kind_line("KẾT LUẬN CỦA BAN THƯỜNG VỤ").unwrap();
        assert_eq!((kind.1, rest.as_deref()), ("Kết luận", Some("CỦA BAN THƯỜNG VỤ")));
        assert!(kind_line("Thông báo").is_none(), "a kind line is in capitals");
        assert!(kind_line("THÔNG BÁO TUYỂN DỤNG").is_none());
    }

    #[test]
    fn numbers_blank_numbers_and_issuers_named_so() {
        assert_eq!(number_line("Số: 12/TB-UBND"), Some("12/TB-UBND"));
        assert_eq!(number_line("Số 38-TB/BDVTU"), Some("38-TB/BDVTU"));
        assert_eq!(number_line("Số:      /TB-UBND"), Some("/TB-UBND"));
        assert_eq!(number_line("Số:"), Some(""));
        assert_eq!(number_line("SỞ NỘI VỤ"), None);
        assert_eq!(number_line("Sở Tài chính"), None);
    }

    #[test]
    fn o_read_as_o_horn_is_repaired_but_not_uong() {
        assert_eq!(
            repair_o_horn("cơng tác, Cợng hòa"),
            ("công tác, Cộng hòa".to_string(), 2)
        );
        assert_eq!(
            repair_o_horn("đường, được, hơn, cơ sở"),
            ("đường, được, hơn, cơ sở".to_string(), 0)
        );
    }

    #[test]
    fn names_titles_and_marks() {
        assert!(is_name("Nguyễn Văn An") && is_name("NGUYỄN VĂN AN"));
        assert!(!is_name("PHÓ CHỦ TỊCH") && !is_name("CHỦ TỊCH") && !is_name("Nơi nhận"));
        assert!(is_signature_title("KT. CHỦ TỊCH") && is_signature_title("PHÓ GIÁM ĐỐC"));
        assert!(is_signed_mark("(Đã ký)") && is_signed_mark("(Ký, đóng dấu)"));
    }
}
