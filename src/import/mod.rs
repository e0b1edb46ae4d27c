//! Turning a notice as offices hold it (a plain text typed, or copied out
//! of Word or a PDF; a PDF file) into a Markdown notice with front matter.
//!
//! One reader per format makes a stream of blocks ([`blocks`]); one
//! recognizer ([`recognize`]) finds in it the header (issuing bodies, the
//! national or Party line, `Số …`, `Quảng Ngãi, ngày … tháng … năm …`),
//! the kind and title, the body ([`body`]), the signature block and the
//! `Nơi nhận:` list. What cannot be found is reported, never guessed
//! silently.

pub mod blocks;
pub mod body;
pub mod case;
pub mod docx;
pub mod legacy;
pub mod office;
pub mod pdf;
pub mod recognize;

use jiff::civil::Date;

pub use case::normal_case;

/// What the importer made of a text.
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// "Số:      /TB-UBND": the number is still blank (a draft).
    pub draft_number: bool,
    /// "ngày     tháng 6 năm 2026": the day is still blank (a draft).
    pub draft_date: bool,
    /// Files to publish beside the notice (a Word file's images and
    /// embedded files): a safe file name each, and the bytes.
    pub attachments: Vec<(String, Vec<u8>)>,
}

impl Imported {
    /// Whether the text is a draft: its number or its day still blank.
    pub fn is_draft(&self) -> bool {
        self.draft_number || self.draft_date
    }
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
                } else if let Some(text) = windows_1258(rest) {
                    note = Some("the file is in Windows-1258 (Vietnamese ANSI): converted to Unicode".to_string());
                    text
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
    // A PDF's glyph-shifted colon (U+001D) is a known artifact of its
    // text layer, not binary.
    if text.contains('\u{1d}') {
        text = text.replace('\u{1d}', ":");
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

/// A file of single bytes read as Windows-1258, when it reads as
/// Vietnamese: tone marks after vowels, or the letters ă â đ ê ô ơ ư.
fn windows_1258(bytes: &[u8]) -> Option<String> {
    let (text, _, errors) = encoding_rs::WINDOWS_1258.decode(bytes);
    if errors {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let marks = chars
        .windows(2)
        .filter(|pair| {
            "aeiouyâêôơưăAEIOUYÂÊÔƠƯĂ".contains(pair[0])
                && matches!(pair[1], '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}')
        })
        .count();
    let letters = chars.iter().filter(|c| "ăđơưĂĐƠƯ".contains(**c)).count();
    (marks + letters >= 3).then(|| text.into_owned())
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ImportError> {
    if !bytes.len().is_multiple_of(2) {
        return Err(ImportError::NotText("odd number of bytes for UTF-16".to_string()));
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]])).collect();
    String::from_utf16(&units).map_err(|_| ImportError::NotText("invalid UTF-16".to_string()))
}

/// Reads a plain-text notice.
pub fn import(text: &str) -> Result<Imported, ImportError> {
    recognize::recognize(&blocks::from_text(text))
}

/// The largest text file read: a notice's text is a few dozen KiB.
pub const MAX_TEXT_BYTES: u64 = 16 * 1024 * 1024;

/// The kinds of file `import` reads, by extension.
pub fn is_importable(path: &std::path::Path) -> bool {
    let extension = path
        .extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    matches!(
        extension.as_str(),
        "txt" | "text" | "pdf" | "docx" | "doc" | "odt" | "rtf"
    )
}

/// A notice from a Word file's blocks, with its footnotes after the body
/// and the reader's notes first.
fn import_docx(document: &docx::Document) -> Result<Imported, String> {
    let mut imported = recognize::recognize(&document.blocks).map_err(|error| error.to_string())?;
    if !document.footnotes.is_empty() {
        imported.body.push('\n');
        for (id, text) in &document.footnotes {
            imported.body.push_str(&format!("[^{id}]: {text}\n"));
        }
    }
    imported.notes.splice(0..0, document.notes.iter().cloned());
    if !document.media.is_empty() {
        imported.notes.push(format!(
            "the Word file's {} image(s) or embedded file(s) are attachments of the notice, shown where they stood: check them",
            document.media.len()
        ));
    }
    imported.attachments = document.media.clone();
    Ok(imported)
}

/// Reads a notice from a file: a PDF's text layer ([`pdf`]) or a text in
/// any encoding [`decode_noting`] knows. The error says why in words for
/// the clerk.
pub fn import_file(path: &std::path::Path) -> Result<Imported, String> {
    let extension = path
        .extension()
        .map(|ext| ext.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let (text, note) = match extension.as_str() {
        "pdf" => {
            let text = pdf::text(path, pdf::Mode::Layout).map_err(|error| error.to_string())?;
            decode_noting(text.as_bytes()).map_err(|error| error.to_string())?
        }
        "docx" => return import_docx(&docx::read(path)?),
        "doc" | "odt" | "rtf" => return import_docx(&docx::read_bytes(&office::to_docx(path)?)?),
        _ => {
            let size = std::fs::metadata(path)
                .map_err(|error| format!("cannot read: {error}"))?
                .len();
            if size > MAX_TEXT_BYTES {
                return Err(format!(
                    "the file is {} MiB, more than the {} MiB a notice's text could need: refused",
                    size / (1024 * 1024),
                    MAX_TEXT_BYTES / (1024 * 1024)
                ));
            }
            let bytes = std::fs::read(path).map_err(|error| format!("cannot read: {error}"))?;
            decode_noting(&bytes).map_err(|error| error.to_string())?
        }
    };
    let mut imported = import(&text).map_err(|error| error.to_string())?;
    imported.notes.splice(0..0, note);
    Ok(imported)
}

/// The notice file for an import: front matter and body. `today` fills the
/// date when the text has none at all.
pub fn to_notice(imported: &Imported, today: Date) -> String {
    let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let mut out = String::from("+++\n");
    out.push_str(&format!("title = {}\n", quote(&imported.title)));
    match &imported.number {
        Some(number) => out.push_str(&format!("number = {}\n", quote(number))),
        None if imported.draft_number => out.push_str("# number = \"…\"  # still blank in the text (a draft)\n"),
        None => out.push_str("# number = \"…\"  # not found in the text\n"),
    }
    match (imported.date, &imported.proposed_date) {
        (Some(date), _) => out.push_str(&format!("date = {date}\n")),
        (None, Some((date, from))) => out.push_str(&format!(
            "# The text has no issue date; this is {from:?} from its body (a meeting?): check it.\ndate = {date}\n"
        )),
        (None, _) if imported.draft_date => out.push_str(&format!(
            "# The day is still blank in the text (a draft): today's date, to be replaced.\ndate = {today}\n"
        )),
        (None, None) => out.push_str(&format!(
            "# The text has no date at all: today's date, to be replaced.\ndate = {today}\n"
        )),
    }
    out.push_str(&format!("kind = {}\n", quote(&imported.kind)));
    if imported.is_draft() {
        out.push_str(
            "# A draft: its number or its day is still blank. Fill them in, then remove `draft`.\ndraft = true\n",
        );
    }
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
    if !imported.attachments.is_empty() {
        let names: Vec<String> = imported.attachments.iter().map(|(name, _)| quote(name)).collect();
        out.push_str(&format!("attachments = [{}]\n", names.join(", ")));
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
    fn decoding_accepts_boms_and_refuses_binary() {
        assert_eq!(decode("\u{feff}THÔNG BÁO".as_bytes()).unwrap(), "THÔNG BÁO");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Số 5".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Số 5");
        assert_eq!(decode(b"  \n"), Err(ImportError::Empty));
        // A PDF text layer's glyph-shifted colon is read as one.
        assert_eq!(decode("Số\u{1d} 12/TB-UBND".as_bytes()).unwrap(), "Số: 12/TB-UBND");
        // Windows-1258: "Thông báo" as single bytes, tone marks apart.
        assert_eq!(
            decode(b"Th\xf4ng ba\xeco k\xea\xect lu\xe2\xf2n").unwrap(),
            "Thông báo kết luận"
        );
        assert!(matches!(
            decode(&[0x89, b'P', b'N', b'G', 0, 0, 1]),
            Err(ImportError::NotText(_))
        ));
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    /// Lines of the kinds notices hold, and noise, to build texts from.
    const LINES: &[&str] = &[
        "THÔNG BÁO",
        "KẾT LUẬN",
        "K ÉT LUẬN",
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "TỈNH SƠN HÀ            Độc lập - Tự do - Hạnh phúc",
        "Số: 12/TB-UBND",
        "Số:      /TB-UBND",
        "Số:",
        "Sơn Hà, ngày 12 tháng 3 năm 2026",
        "ngày     tháng 6 năm 2026",
        "Kết luận của Chủ tịch về một việc",
        "V/v một việc",
        "Kính gửi:",
        "I. Một",
        "I- Hai",
        "1.1. Ba",
        "a) bốn",
        "- một mục;",
        "+ mục con",
        "| a | b |",
        "|",
        "TT\tĐơn vị",
        "Nơi nhận:\tKT. CHỦ TỊCH",
        "- Lưu: VT.\tPHÓ CHỦ TỊCH",
        "(Đã ký)",
        "NGUYỄN VĂN AN",
        "Trần Thị Bình",
        "PHỤ LỤC",
        "Ký bởi: Ai đó",
        "Trang 1/2",
        "\u{c}",
        "",
        "cơng tác",
        "một dòng bị ngắt giữa chừng và tiếp-",
        "tục ở dòng sau.",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Whatever the lines and their order, the recognizer ends, never
        /// panics, and what it gives is a notice the site accepts.
        #[test]
        fn any_text_gives_a_notice_that_checks_or_a_reason(
            picks in proptest::collection::vec((0..LINES.len(), "[ \t]{0,4}", "\\PC{0,12}"), 0..60)
        ) {
            let text: String = picks
                .iter()
                .map(|(line, indent, noise)| format!("{indent}{}{noise}\n", LINES[*line]))
                .collect();
            if let Ok(imported) = super::import(&text) {
                prop_assert!(!imported.title.is_empty());
                let notice = super::to_notice(&imported, jiff::civil::date(2026, 12, 1));
                let path = std::path::Path::new("content/2026/x.md");
                let parsed = crate::load::front_matter::parse(path, path, &notice, &crate::load::config::Config::default());
                prop_assert!(parsed.is_ok(), "{notice}\n{parsed:?}");
            }
        }
    }
}
