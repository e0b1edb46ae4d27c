//! Document numbers: finding them in text and resolving them to notices of
//! the archive (SPEC §5).
//!
//! Two styles of number are recognised:
//! - Party: serial, hyphen, kind, then `/` and the issuing body:
//!   `120-KL/TW`, `45-TB/BDVTU`, `36-HD/VPTW`;
//! - State: serial, `/`, an optional year, kind, hyphen, issuing body:
//!   `12/TB-UBND`, `30/2020/NĐ-CP`, `15/CT-TTg`.
//!
//! Spacing: spaces (never a line break) are tolerated around the `-` and `/`
//! *inside* a number only when its letters are written in capitals
//! (`120 - KL/TW`, `12 / TB-UBND`), because lower-case words around a
//! dash or slash are ordinary prose (`mục 2 - và/hoặc`). A number written
//! in lower case (`120-kl/tw`) is still found when it has no spaces. A space
//! never stands in for a separator: `120 KL TW` is not a citation.
//!
//! A date directly after the number, optionally after a comma or a line
//! break, is the cited document's date: `ngày 07/01/2016`, `ngày 7/1/2016`,
//! `ngày 07-01-2016`, `ngày 07.01.2016`, `ngày 07 tháng 01 năm 2016`.

use std::ops::Range;
use std::sync::LazyLock;

use jiff::civil::Date;
use regex::Regex;

/// A document number as written (`45-TB/BDVTU`, `12/TB-UBND`,
/// `30/2020/NĐ-CP`): the one place a number is taken apart. Finding numbers
/// in text is [`find`]; comparing two is [`DocumentNumber::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentNumber<'a> {
    text: &'a str,
}

/// Which paper form a number's shape belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberStyle {
    /// A hyphen after the serial: `45-TB/BDVTU` (Hướng dẫn 36-HD/VPTW).
    Party,
    /// A slash after the serial: `12/TB-UBND` (Nghị định 30/2020).
    State,
}

impl<'a> DocumentNumber<'a> {
    pub fn new(text: &'a str) -> DocumentNumber<'a> {
        DocumentNumber { text }
    }

    /// The form under which two numbers are the same ([`number_key`]).
    pub fn key(&self) -> String {
        number_key(self.text)
    }

    /// The serial's digits as written: `45` of `45-TB/BDVTU`; empty when the
    /// number does not start with one.
    pub fn serial_digits(&self) -> &'a str {
        let end = self.text.bytes().take_while(u8::is_ascii_digit).count();
        &self.text[..end]
    }

    /// The serial as a number (0 when there is none; a huge one saturates).
    pub fn serial(&self) -> u64 {
        self.serial_digits().bytes().fold(0u64, |value, digit| {
            value.saturating_mul(10).saturating_add(u64::from(digit - b'0'))
        })
    }

    /// What follows the serial: `-TB/BDVTU` of `45-TB/BDVTU`.
    pub fn suffix(&self) -> &'a str {
        &self.text[self.serial_digits().len()..]
    }

    /// The number as search indexes it and finds it typed: folded (no
    /// marks, `đ` as `d`), its letters and digits only, after `#`
    /// (`#302020ndcp` for `30/2020/NĐ-CP`), so `30/2020/NĐ-CP`,
    /// `30 2020 nd cp` and `30-2020-ND-CP` meet.
    pub fn search_token(&self) -> String {
        let folded: String = crate::support::text::fold(self.text)
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect();
        format!("#{folded}")
    }

    /// The paper form the number's shape says: the sign after the serial.
    pub fn style(&self) -> Option<NumberStyle> {
        let after_serial = self
            .text
            .trim()
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .trim_start();
        if after_serial.starts_with('/') {
            Some(NumberStyle::State)
        } else if after_serial.starts_with('-') {
            Some(NumberStyle::Party)
        } else {
            None
        }
    }
}

/// The form under which two document numbers are the same: NFC, lowercase,
/// without spaces, any dash as `-` (`45-TB/BDVTU`, `45-tb/bdvtu` and
/// `45 – TB/BDVTU` agree).
pub fn number_key(number: &str) -> String {
    // Most numbers are ASCII ("45-TB/BDVTU"): nothing to compose, and the
    // only dash is `-`. Keys are made for every citation of every body.
    if number.is_ascii() {
        return number
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect();
    }
    any_number_key(number)
}

/// Whether two numbers as written are the same number ([`number_key`]).
pub fn same_number(a: &str, b: &str) -> bool {
    number_key(a) == number_key(b)
}

fn any_number_key(number: &str) -> String {
    crate::support::text::normalize(number)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if is_dash(c) { '-' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}')
}

/// A document number found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte range of the number in the text.
    pub span: Range<usize>,
    /// The number as written, without inner spaces and with plain hyphens.
    pub number: String,
    /// The date written after it, when there is one and it exists.
    pub date: Option<Date>,
    /// Byte range of the number and its date together.
    pub full_span: Range<usize>,
}

const LETTERS: &str = r"[\p{L}][\p{L}\d]*";

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    let dash = "[-\u{2010}\u{2011}\u{2012}\u{2013}]";
    let party = format!(r"\d{{1,5}} *{dash} *{LETTERS}(?: */ *{LETTERS}(?:{dash}{LETTERS})*)+");
    let state = format!(r"\d{{1,5}} */ *(?:\d{{4}} */ *)?{LETTERS}(?: *{dash} *{LETTERS})+");
    Regex::new(&format!("(?:{party})|(?:{state})")).expect("valid number pattern")
});

static DATE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[ \t]*,?\s*ngày\s+(?:(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*[/.\-]\s*(\d{4})|(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4}))",
    )
    .expect("valid date pattern")
});

/// Characters that, right before a number, mean it is part of something
/// else: a URL, a path, a longer code, a decimal or a phone number.
fn joins_before(c: char) -> bool {
    c.is_alphanumeric() || is_dash(c) || "/._:@#=&?%+\\".contains(c)
}

/// Finds every document number in `text`, in order.
pub fn find(text: &str) -> Vec<Found> {
    let mut found = Vec::new();
    for m in NUMBER.find_iter(text) {
        let (start, mut end) = (m.start(), m.end());
        if text[..start].chars().next_back().is_some_and(joins_before) || inside_url(text, start) {
            continue;
        }
        // The pattern is greedy; what follows must not continue the token.
        let after = &text[end..];
        let mut rest = after.chars();
        match (rest.next(), rest.next()) {
            (Some(c), _) if c.is_alphanumeric() => continue,
            (Some(c), Some(d)) if (c == '/' || is_dash(c)) && d.is_alphanumeric() => continue,
            (Some('.'), Some(d)) if d.is_ascii_digit() => continue,
            _ => {}
        }
        let written = &text[start..end];
        if written.contains(' ') && written.chars().any(char::is_lowercase) {
            continue;
        }
        let number: String = written
            .chars()
            .filter(|c| *c != ' ')
            .map(|c| if is_dash(c) { '-' } else { c })
            .collect();
        let number_end = end;
        let date = DATE_AFTER.captures(after).and_then(|captures| {
            let part = |i: usize| captures.get(i).and_then(|m| m.as_str().parse::<i16>().ok());
            let (day, month, year) = match part(1) {
                Some(day) => (day, part(3)?, part(4)?),
                None => (part(5)?, part(6)?, part(7)?),
            };
            let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
            end = number_end + captures.get(0)?.end();
            Some(date)
        });
        found.push(Found {
            span: start..number_end,
            number,
            date,
            full_span: start..end,
        });
    }
    found
}

fn inside_url(text: &str, start: usize) -> bool {
    // After the last whitespace, which may be more than one byte (U+00A0).
    let token_start = text[..start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let token = &text[token_start..start];
    token.contains("://") || token.starts_with("www.")
}

/// Splits a front matter entry naming a document into its number and the
/// date it may carry (`"12-TB/BDVTU ngày 05/3/2021"`).
pub fn document_entry(entry: &str) -> (String, Option<Date>) {
    match find(entry).into_iter().next() {
        Some(found) => (found.number, found.date),
        None => (entry.trim().to_string(), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn keys_ignore_case_spacing_and_dash_kind() {
        assert_eq!(number_key("45-TB/BDVTU"), number_key("45 – tb/bdvtu"));
        assert_eq!(number_key("30/2020/NĐ-CP"), "30/2020/nđ-cp");
        // Decomposed, as pasted from a word processor: the same key.
        assert_eq!(number_key("5/TB-Tỉnh"), number_key("5/TB-Ti\u{0309}nh"));
    }

    #[test]
    fn ascii_keys_are_made_as_any_other() {
        // Every ASCII character, alone and between the parts of a number.
        for byte in 0..=127u8 {
            let c = char::from(byte);
            for number in [c.to_string(), format!("45{c}TB/BDVTU"), format!("30/2020/{c}ND-CP")] {
                if number.is_ascii() {
                    assert_eq!(number_key(&number), any_number_key(&number), "{number:?}");
                }
            }
        }
    }

    #[test]
    fn numbers_come_apart_into_serial_suffix_and_style() {
        let party = DocumentNumber::new("45-TB/BDVTU");
        assert_eq!((party.serial(), party.suffix()), (45, "-TB/BDVTU"));
        assert_eq!(party.style(), Some(NumberStyle::Party));
        let state = DocumentNumber::new("30/2020/NĐ-CP");
        assert_eq!((state.serial_digits(), state.suffix()), ("30", "/2020/NĐ-CP"));
        assert_eq!(state.style(), Some(NumberStyle::State));
        assert_eq!(DocumentNumber::new("12 / TB-UBND").style(), Some(NumberStyle::State));
        let none = DocumentNumber::new("TB-X");
        assert_eq!((none.serial(), none.style()), (0, None));
        assert_eq!(DocumentNumber::new("99999999999999999999999-TB").serial(), u64::MAX);
        assert_eq!(party.key(), DocumentNumber::new("45 – tb/bdvtu").key());
    }

    #[test]
    fn dated_entries_pick_that_notice() {
        assert_eq!(
            document_entry("12-TB/BDVTU ngày 05/3/2021"),
            ("12-TB/BDVTU".to_string(), Some(date(2021, 3, 5)))
        );
        assert_eq!(document_entry(" 246-CV/TU "), ("246-CV/TU".to_string(), None));
    }
}
