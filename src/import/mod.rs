//! Turning a plain-text notice, as typed or exported from a word processor
//! (like the seed document), into a Markdown notice with front matter.
//!
//! The text is read top to bottom: the header block (issuing bodies, the
//! national or Party line, `Số …`, `Quảng Ngãi, ngày … tháng … năm …`), the
//! kind (`THÔNG BÁO`) and title lines, the body, and at the end the signer
//! block and `Nơi nhận:` with its list. Numbered headings become Markdown
//! headings; what cannot be found is reported, never guessed silently.

pub mod legacy;

use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// The kinds of document a notice's kind line may name, in capitals.
const KINDS: &[&str] = &[
    "THÔNG BÁO",
    "KẾT LUẬN",
    "CÔNG VĂN",
    "NGHỊ QUYẾT",
    "QUYẾT ĐỊNH",
    "CHỈ THỊ",
    "BÁO CÁO",
    "KẾ HOẠCH",
    "HƯỚNG DẪN",
    "QUY ĐỊNH",
    "TỜ TRÌNH",
];

/// Words of administrative names whose capitals a shouted line loses:
/// restored after the line is put in normal case. Longer phrases first.
const PROPER: &[&str] = &[
    "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "Mặt trận Tổ quốc Việt Nam",
    "Đảng Cộng sản Việt Nam",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ủy ban Kiểm tra",
    "Ban Thường vụ",
    "Ban Chấp hành",
    "Ban Dân vận",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban Nội chính",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Văn phòng",
    "Trung ương",
    "Tỉnh ủy",
    "Thành ủy",
    "Huyện ủy",
    "Thị ủy",
    "Đảng ủy",
    "Quốc hội",
    "Chính phủ",
    "Thủ tướng",
    "Trưởng Ban",
    "Phó Trưởng Ban",
    "Chủ tịch",
    "Phó Chủ tịch",
    "Bí thư",
    "Phó Bí thư Thường trực",
    "Phó Bí thư",
    "Giám đốc",
    "Sở Nội vụ",
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Y tế",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Giáo dục và Đào tạo",
    "Sở Kế hoạch và Đầu tư",
    "Sở",
    "Việt Nam",
    "Quảng Ngãi",
];

/// What the importer made of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub kind: String,
    pub title: String,
    pub number: Option<String>,
    /// The issue date, from the place-and-date line.
    pub date: Option<Date>,
    /// A date proposed when the text has no issue date (the first date of
    /// the text, usually a meeting's), with the text it came from.
    pub proposed_date: Option<(Date, String)>,
    pub place: String,
    pub issuer: String,
    pub parent_issuer: String,
    /// `party` or `state`, from the national or Party line, when present.
    pub style: Option<&'static str>,
    pub signer: String,
    /// Quyền hạn ký ("K/T Chủ tịch", "T/M Ban Thường vụ"), the first line
    /// of the signature block when it is one.
    pub authority: String,
    pub signer_title: String,
    pub recipients: Vec<String>,
    /// The body in Markdown.
    pub body: String,
    /// What the text did not hold, or what needs checking, one line each.
    pub notes: Vec<String>,
}

/// Why a text could not be imported at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    NotText(String),
    NoStructure,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Empty => write!(f, "the file is empty"),
            ImportError::NotText(why) => write!(f, "this is not a text file ({why})"),
            ImportError::NoStructure => write!(
                f,
                "no notice found: the text has no kind line (such as \"THÔNG BÁO\") followed by a title"
            ),
        }
    }
}

impl std::error::Error for ImportError {}

/// Decodes a file's bytes: UTF-8 with or without a byte-order mark, or
/// UTF-16 with one (as Windows tools export).
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    decode_noting(bytes).map(|(text, _)| text)
}

/// As [`decode`], with a note for the clerk when the text was converted
/// from a legacy encoding (TCVN3 or VNI: [`legacy`]).
pub fn decode_noting(bytes: &[u8]) -> Result<(String, Option<String>), ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    let mut note = None;
    let mut text = if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16(rest, u16::from_le_bytes)?
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16(rest, u16::from_be_bytes)?
    } else {
        let rest = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        match String::from_utf8(rest.to_vec()) {
            Ok(text) => text,
            Err(error) => {
                // A file of single bytes: TCVN3 or VNI saved as "text only".
                let single = legacy::latin1(rest);
                if legacy::looks_like_tcvn3(&single) {
                    note = Some("the file is in TCVN3 (the .VnTime fonts' encoding): converted to Unicode; check the capitals of words typed in .VnTimeH".to_string());
                    legacy::from_tcvn3(&single)
                } else if legacy::looks_like_vni(&single) {
                    note = Some("the file is in VNI (the VNI-Times fonts' encoding): converted to Unicode".to_string());
                    legacy::from_vni(&single)
                } else {
                    return Err(ImportError::NotText(format!(
                        "not UTF-8 or UTF-16 text: invalid byte at offset {}",
                        error.utf8_error().valid_up_to()
                    )));
                }
            }
        }
    };
    // Copied out of a document that still uses the legacy fonts.
    if note.is_none() && legacy::looks_like_tcvn3(&text) {
        note = Some("the text is TCVN3 (.VnTime fonts) shown as Unicode: converted; check the capitals of words typed in .VnTimeH".to_string());
        text = legacy::from_tcvn3(&text);
    } else if note.is_none() && legacy::looks_like_vni(&text) {
        note = Some("the text is VNI (VNI-Times fonts) shown as Unicode: converted".to_string());
        text = legacy::from_vni(&text);
    }
    if text
        .chars()
        .any(|c| c == '\0' || (c.is_control() && !c.is_whitespace()))
    {
        return Err(ImportError::NotText("it holds control characters".to_string()));
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok((crate::support::text::normalize(&text).into_owned(), note))
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ImportError::NotText("odd number of bytes for UTF-16".to_string()));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]])).collect();
    String::from_utf16(&units).map_err(|_| ImportError::NotText("invalid UTF-16".to_string()))
}

static NUMBER_LINE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^(?i:số)\s*[:.]?\s*(\S.*)$").expect("valid"));
static PLACE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(.*?),?\s*(?i:ngày)\s+(\d{1,2})\s+(?i:tháng)\s+(\d{1,2})\s+(?i:năm)\s+(\d{4})\s*\.?$").expect("valid")
});
static ANY_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i:ngày)\s+(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})").expect("valid"));
static ROMAN_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\.\s+\S").expect("valid"));
static NUMBER_HEADING: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}\.\s+\S").expect("valid"));
static SUB_NUMBERED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}\.\d{1,2}\.").expect("valid"));

fn is_capitals(line: &str) -> bool {
    line.chars().any(char::is_alphabetic) && !line.chars().any(char::is_lowercase)
}

fn is_nation_line(line: &str) -> Option<&'static str> {
    let folded = crate::support::text::fold(line);
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

/// Puts a line written in capitals into normal case, restoring the
/// capitals of the administrative names it holds.
pub fn normal_case(line: &str) -> String {
    capitalize_first(&restore_names(line))
}

/// Abbreviations that stay in capitals.
const ACRONYMS: &[&str] = &["UBND", "HĐND", "MTTQ", "MTTQVN", "BCH", "BTV", "TW", "VP", "VT"];

/// Words naming a level of administration: in a header line, the words
/// after them are a place's name.
const UNITS: &[&str] = &[
    "tỉnh",
    "huyện",
    "thành phố",
    "thị xã",
    "xã",
    "phường",
    "quận",
    "thị trấn",
];

/// The line in lower case but for the administrative names of [`PROPER`],
/// acronyms and abbreviations like `K/T`.
fn restore_names(line: &str) -> String {
    let lower: String = line
        .split(' ')
        .map(|word| {
            let bare = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '/');
            if bare.contains('/') || ACRONYMS.contains(&bare) {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let mut result = lower.clone();
    for proper in PROPER {
        let wanted = proper.to_lowercase();
        // Vietnamese capitals and small letters have the same UTF-8 length,
        // so positions in the lower-case line hold in the result.
        if wanted.len() != proper.len() {
            continue;
        }
        for (at, _) in lower.match_indices(&wanted) {
            let end = at + wanted.len();
            let before = lower[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = lower[end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            if before && after && result[at..end].to_lowercase() == wanted {
                result.replace_range(at..end, proper);
            }
        }
    }
    result
}

/// A header line (an issuing body) in normal case: names restored, and
/// the place after a unit word capitalised ("huyện ủy bình sơn" →
/// "Huyện ủy Bình Sơn").
fn header_case(line: &str, first: bool) -> String {
    let restored = restore_names(line);
    let lower = restored.to_lowercase();
    let after_unit = UNITS
        .iter()
        .filter_map(|unit| {
            let at = lower.find(unit)?;
            let end = at + unit.len();
            let rest = &lower[end..];
            // "tỉnh ủy", "huyện ủy": a Party committee, then the place.
            let rest_start = if rest.trim_start().starts_with("ủy") {
                end + rest.find("ủy")? + "ủy".len()
            } else {
                end
            };
            Some(rest_start)
        })
        .min();
    let cased = match after_unit {
        Some(start) => {
            let (head, tail) = restored.split_at(start);
            let tail: Vec<String> = tail
                .split(' ')
                .map(|word| {
                    if word.is_empty() {
                        String::new()
                    } else {
                        capitalize_first(word)
                    }
                })
                .collect();
            format!("{head}{}", tail.join(" "))
        }
        None => restored,
    };
    if first { capitalize_first(&cased) } else { cased }
}

/// Whether a header line continues the body named on the line before it
/// ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI"), rather than naming another.
fn continues_body(line: &str) -> bool {
    let lower = line.to_lowercase();
    UNITS
        .iter()
        .any(|unit| lower.starts_with(unit) && !lower[unit.len()..].trim_start().starts_with("ủy"))
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A list item or recipient without its dash and trailing punctuation.
fn clean_item(line: &str) -> String {
    line.trim_start_matches(['-', '+', '–', '•', '*'])
        .trim()
        .trim_end_matches([',', ';', '.'])
        .trim()
        .to_string()
}

/// Reads a plain-text notice.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let Some(kind_at) = lines.iter().position(|line| {
        let upper = line.trim_end_matches(':');
        KINDS.contains(&upper)
    }) else {
        return Err(ImportError::NoStructure);
    };
    let mut imported = Imported {
        kind: String::new(),
        title: String::new(),
        number: None,
        date: None,
        proposed_date: None,
        place: String::new(),
        issuer: String::new(),
        parent_issuer: String::new(),
        style: None,
        signer: String::new(),
        authority: String::new(),
        signer_title: String::new(),
        recipients: Vec::new(),
        body: String::new(),
        notes: Vec::new(),
    };

    read_header(&lines[..kind_at], &mut imported);
    let body_start = read_title(&lines, kind_at, &mut imported)?;
    let end = read_end(&lines, body_start, &mut imported);
    imported.body = body_markdown(&lines[body_start..end]);
    note_what_is_missing(&lines[body_start..], &mut imported);
    Ok(imported)
}

/// The header block, before the kind line: the issuing bodies (parent
/// first), the nation or Party line, "Số …" and the place-date line.
fn read_header(lines: &[&str], imported: &mut Imported) {
    // The header block, before the kind line.
    let mut issuers: Vec<String> = Vec::new();
    for line in lines {
        if line.is_empty() || line.chars().all(|c| "*-_=–".contains(c)) {
            continue;
        }
        if let Some(style) = is_nation_line(line) {
            imported.style = Some(style);
            continue;
        }
        if let Some(captures) = PLACE_DATE.captures(line) {
            let place = captures[1].trim().trim_end_matches(',').trim();
            imported.place = place.to_string();
            let part = |i: usize| captures[i].parse::<i16>().unwrap_or(0);
            match Date::new(part(4), part(3) as i8, part(2) as i8) {
                Ok(date) => imported.date = Some(date),
                Err(_) => imported
                    .notes
                    .push(format!("the date in {line:?} is not a date in the calendar")),
            }
            continue;
        }
        if let Some(captures) = NUMBER_LINE.captures(line) {
            let written = captures[1].trim();
            let number = crate::model::number::find(written)
                .into_iter()
                .next()
                .map(|found| found.number);
            imported.number = Some(number.unwrap_or_else(|| written.trim_end_matches(['.', ',']).to_string()));
            continue;
        }
        issuers.push(line.to_string());
    }
    // Bodies, parent first: a line that starts with a place continues the
    // body above ("ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NGÃI").
    let mut bodies: Vec<String> = Vec::new();
    for line in &issuers {
        let continuing = continues_body(line) && !bodies.is_empty();
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

/// The kind and the title lines up to the first blank line; where the body
/// begins.
fn read_title(lines: &[&str], kind_at: usize, imported: &mut Imported) -> Result<usize, ImportError> {
    // The kind and the title lines up to the first blank line.
    let kind_line = lines[kind_at].trim_end_matches(':');
    let mut title_lines = Vec::new();
    let mut at = kind_at + 1;
    while at < lines.len() && lines[at].is_empty() {
        at += 1;
    }
    while at < lines.len() && !lines[at].is_empty() {
        title_lines.push(lines[at]);
        at += 1;
    }
    if title_lines.is_empty() {
        return Err(ImportError::NoStructure);
    }
    let shouted = title_lines.iter().any(|line| is_capitals(line));
    let title: Vec<String> = title_lines
        .iter()
        .enumerate()
        .map(|(i, line)| match (is_capitals(line), i) {
            (true, 0) => normal_case(line),
            // A shouted continuation line is not a sentence start.
            (true, _) => restore_names(line),
            _ => line.to_string(),
        })
        .collect();
    imported.title = capitalize_first(&title.join(" "));
    if shouted {
        imported.notes.push(
            "the title was written in capitals and is now in normal case: check the capitals of names in it"
                .to_string(),
        );
    }
    imported.kind = match (kind_line, imported.title.to_lowercase().starts_with("kết luận")) {
        ("THÔNG BÁO", true) => "Thông báo kết luận".to_string(),
        (kind, _) => capitalize_first(&kind.to_lowercase()),
    };

    Ok(at)
}

/// The end: the signer block and "Nơi nhận:", in either order; where the
/// body ends.
fn read_end(lines: &[&str], body_start: usize, imported: &mut Imported) -> usize {
    // The end: the signer block and "Nơi nhận:", in either order.
    let recipients_at = lines[body_start..]
        .iter()
        .position(|line| crate::support::text::fold(line).starts_with("noi nhan"))
        .map(|i| body_start + i);
    let mut end = recipients_at.unwrap_or(lines.len());
    if let Some(start) = recipients_at {
        let mut i = start + 1;
        // The heading may carry the first item: "Nơi nhận: - Sở Nội vụ,".
        if let Some((_, rest)) = lines[start].split_once(':') {
            let item = clean_item(rest);
            if !item.is_empty() {
                imported.recipients.push(item);
            }
        }
        while i < lines.len() {
            let line = lines[i];
            if line.starts_with(['-', '+', '–', '•']) {
                imported.recipients.push(clean_item(line));
            } else if !line.is_empty() {
                break;
            }
            i += 1;
        }
        // A signer block after the list.
        read_signer(&lines[i..], imported);
    }
    if imported.signer.is_empty() {
        // A signer block closing the body: capitals then a name, at the end.
        let tail_start = end.saturating_sub(12).max(body_start);
        if let Some(block) = signer_block_start(&lines[tail_start..end]) {
            read_signer(&lines[tail_start + block..end], imported);
            end = tail_start + block;
        }
    }

    end
}

/// What the clerk must check or fill in: one note for each field not found.
fn note_what_is_missing(body_lines: &[&str], imported: &mut Imported) {
    if imported.number.is_none() {
        imported
            .notes
            .push("no number: the text has no \"Số …\" line; add `number` if the notice has one".to_string());
    }
    if imported.date.is_none() {
        match ANY_DATE.captures(&body_lines.join("\n")) {
            Some(captures) => {
                let part = |i: usize| captures[i].parse::<i16>().unwrap_or(0);
                if let Ok(date) = Date::new(part(3), part(2) as i8, part(1) as i8) {
                    imported.notes.push(format!(
                        "no issue date: the text has no line like \"Quảng Ngãi, ngày 12 tháng 4 năm 2021\"; proposed {date} from \"{}\" in the text, which may be a meeting's date: check `date`",
                        &captures[0]
                    ));
                    imported.proposed_date = Some((date, captures[0].to_string()));
                }
            }
            None => imported.notes.push(
                "no issue date: the text has no line like \"Quảng Ngãi, ngày 12 tháng 4 năm 2021\" and no other date; `date` must be filled in".to_string(),
            ),
        }
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

/// Where a signer block begins in the last lines of a text: the first of
/// one to three lines in capitals followed (after blank lines) by a name.
fn signer_block_start(lines: &[&str]) -> Option<usize> {
    let name_at = lines.iter().rposition(|line| !line.is_empty())?;
    if !looks_like_name(lines[name_at]) {
        return None;
    }
    let mut start = None;
    let mut i = name_at;
    while i > 0 {
        i -= 1;
        let line = lines[i];
        if line.is_empty() || line.contains("đã ký") {
            continue;
        }
        if is_capitals(line) && line.chars().count() <= 60 {
            start = Some(i);
        } else {
            break;
        }
    }
    start
}

fn looks_like_name(line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    (2..=6).contains(&words.len())
        && words
            .iter()
            .all(|word| word.chars().next().is_some_and(char::is_uppercase))
        && !is_capitals(line)
        && !line.ends_with(['.', ':', ','])
}

fn read_signer(lines: &[&str], imported: &mut Imported) {
    let Some(start) = signer_block_start(lines) else { return };
    let name_at = lines.iter().rposition(|line| !line.is_empty()).unwrap_or(start);
    let titles: Vec<String> = lines[start..name_at]
        .iter()
        .filter(|line| !line.is_empty() && is_capitals(line))
        .map(|line| normal_case(line))
        .collect();
    match titles.split_first() {
        Some((first, rest)) if !rest.is_empty() && crate::model::notice::is_authority(first) => {
            imported.authority = first.clone();
            imported.signer_title = rest.join(" - ");
        }
        _ => imported.signer_title = titles.join(" - "),
    }
    imported.signer = lines[name_at].to_string();
}

/// The body's paragraphs as Markdown: numbered headings as headings, long
/// numbered paragraphs kept as paragraphs with their number, lines broken
/// mid-sentence joined.
fn body_markdown(lines: &[&str]) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(std::mem::take(&mut current));
            }
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current);
    }
    let is_heading = |text: &str| {
        ROMAN_HEADING.is_match(text)
            || (NUMBER_HEADING.is_match(text) && !SUB_NUMBERED.is_match(text) && text.chars().count() <= 120)
    };
    let is_numbered = |text: &str| {
        is_heading(text) || SUB_NUMBERED.is_match(text) || NUMBER_HEADING.is_match(text) || text.starts_with(['-', '+'])
    };
    // Join a paragraph cut mid-sentence with the one after it.
    let mut joined: Vec<String> = Vec::new();
    for paragraph in paragraphs {
        if let Some(last) = joined.last_mut()
            && !is_heading(last)
            && !last.ends_with(['.', ':', ';', '!', '?', '…', '"', '”', ')'])
            && !is_numbered(&paragraph)
        {
            last.push(' ');
            last.push_str(&paragraph);
            continue;
        }
        joined.push(paragraph);
    }
    let has_roman = joined.iter().any(|p| ROMAN_HEADING.is_match(p));
    let markdown: Vec<String> = joined
        .into_iter()
        .map(|paragraph| {
            if ROMAN_HEADING.is_match(&paragraph) {
                format!("## {paragraph}")
            } else if is_heading(&paragraph) {
                format!("{} {paragraph}", if has_roman { "###" } else { "##" })
            } else if NUMBER_HEADING.is_match(&paragraph) {
                // A long "1. …" paragraph keeps its number without becoming a list.
                paragraph.replacen('.', "\\.", 1)
            } else if paragraph.starts_with(['-', '+']) {
                format!("- {}", paragraph.trim_start_matches(['-', '+']).trim())
            } else {
                paragraph
            }
        })
        .collect();
    markdown.join("\n\n") + "\n"
}

/// The notice file for an import: front matter and body. `today` fills the
/// date when the text has none at all.
pub fn to_notice(imported: &Imported, today: Date) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", quote(&imported.title)));
    match &imported.number {
        Some(number) => out.push_str(&format!("number = {}\n", quote(number))),
        None => out.push_str("# number = \"…\"  # not found in the text\n"),
    }
    match (imported.date, &imported.proposed_date) {
        (Some(date), _) => out.push_str(&format!("date = {date}\n")),
        (None, Some((date, from))) => out.push_str(&format!(
            "# The text has no issue date; this is {from:?} from its body (a meeting?): check it.\ndate = {date}\n"
        )),
        (None, None) => out.push_str(&format!(
            "# The text has no date at all: today's date, to be replaced.\ndate = {today}\n"
        )),
    }
    out.push_str(&format!("kind = {}\n", quote(&imported.kind)));
    if !imported.issuer.is_empty() {
        out.push_str(&format!("issuer = {}\n", quote(&imported.issuer)));
    }
    if !imported.place.is_empty() {
        out.push_str(&format!("place = {}\n", quote(&imported.place)));
    }
    if !imported.signer.is_empty() {
        out.push_str(&format!("signer = {}\n", quote(&imported.signer)));
    }
    if !imported.authority.is_empty() {
        out.push_str(&format!("authority = {}\n", quote(&imported.authority)));
    }
    if !imported.signer_title.is_empty() {
        out.push_str(&format!("signer_title = {}\n", quote(&imported.signer_title)));
    }
    if !imported.recipients.is_empty() {
        out.push_str("recipients = [\n");
        for recipient in &imported.recipients {
            out.push_str(&format!("  {},\n", quote(recipient)));
        }
        out.push_str("]\n");
    }
    if !imported.parent_issuer.is_empty() {
        out.push_str(&format!(
            "\n[extra]\nparent_issuer = {}\n",
            quote(&imported.parent_issuer)
        ));
    }
    out.push_str("+++\n\n");
    out.push_str(&imported.body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_become_normal_case_with_names_kept() {
        assert_eq!(
            normal_case("KẾT LUẬN CỦA TRƯỞNG BAN DÂN VẬN TỈNH ỦY"),
            "Kết luận của Trưởng Ban Dân vận Tỉnh ủy"
        );
        assert_eq!(normal_case("TRƯỞNG BAN"), "Trưởng Ban");
        assert_eq!(
            normal_case("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI"),
            "Ủy ban nhân dân tỉnh Quảng Ngãi"
        );
    }

    #[test]
    fn decoding_accepts_boms_and_refuses_binary() {
        assert_eq!(decode("\u{feff}THÔNG BÁO".as_bytes()).unwrap(), "THÔNG BÁO");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Số 5".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Số 5");
        assert_eq!(decode(b"  \n"), Err(ImportError::Empty));
        assert!(matches!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 1]),
            Err(ImportError::NotText(_))
        ));
    }
}
