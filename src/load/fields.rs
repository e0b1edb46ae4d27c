//! Typed reading of a TOML table with positions, shared by `site.toml` and
//! notice front matter.
//!
//! Serde's derive stops at the first problem; a clerk fixing a notice wants
//! every problem at once, each pointing at its line. So tables are parsed
//! with spans ([`toml::de::DeTable`]) and read key by key here, every wrong
//! type or unknown key becoming one [`Diagnostic`].

use std::ops::Range;

use serde_json::Value as Json;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::support::diagnostics::{Diagnostic, Source};

/// A parsed TOML document and where it lies in its file.
pub struct TomlDocument<'i> {
    pub table: Spanned<DeTable<'i>>,
    /// Byte offset of the TOML text inside the file (front matter starts
    /// after its `+++` line).
    pub offset: usize,
}

/// Parses `text` (found at `offset` in `source`), turning every syntax error
/// into a diagnostic. Returns `None` when the text is not valid TOML.
pub fn parse<'i>(
    source: &Source,
    text: &'i str,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<TomlDocument<'i>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Some(TomlDocument { table, offset });
    }
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim().to_string();
        diagnostics.push(
            Diagnostic::error_at(
                source,
                offset + span.start..offset + span.end,
                format!("invalid TOML: {message}"),
            )
            .with_label("here"),
        );
    }
    None
}

/// Reads the keys of one table, reporting what is wrong with each.
pub struct FieldReader<'a, 'i> {
    source: &'a Source,
    table: &'a DeTable<'i>,
    offset: usize,
    /// Where to point when a required key is missing.
    whole: Range<usize>,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'a, 'i> FieldReader<'a, 'i> {
    pub fn new(
        source: &'a Source,
        document: &'a TomlDocument<'i>,
        whole: Range<usize>,
        diagnostics: &'a mut Vec<Diagnostic>,
    ) -> Self {
        FieldReader {
            source,
            table: document.table.get_ref(),
            offset: document.offset,
            whole,
            diagnostics,
        }
    }

    /// The file this table is in.
    pub fn source(&self) -> &'a Source {
        self.source
    }

    fn span(&self, span: Range<usize>) -> Range<usize> {
        self.offset + span.start..self.offset + span.end
    }

    /// The absolute byte span of a key's value, for diagnostics raised later.
    pub fn value_span(&self, key: &str) -> Option<Range<usize>> {
        self.table.get(key).map(|value| self.span(value.span()))
    }

    /// Whether the table has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.table.contains_key(key)
    }

    /// The table's keys, in the file's order.
    pub fn keys(&self) -> Vec<String> {
        self.table.iter().map(|(key, _)| key.get_ref().to_string()).collect()
    }

    /// Reports every key not in `known`, suggesting the closest known one.
    pub fn reject_unknown(&mut self, known: &[&str], what: &str) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let mut diagnostic = Diagnostic::error_at(
                self.source,
                self.span(key.span()),
                format!("unknown key `{name}` in {what}"),
            )
            .with_label("not a known key");
            diagnostic = match closest(name, known) {
                Some(suggestion) => diagnostic.with_help(format!("did you mean `{suggestion}`?")),
                None => diagnostic.with_help(format!("known keys are: {}", known.join(", "))),
            };
            self.diagnostics.push(diagnostic);
        }
    }

    fn wrong_type(&mut self, key: &str, value: &Spanned<DeValue<'_>>, expected: &str) {
        let found = value.get_ref().type_str();
        let span = self.span(value.span());
        self.diagnostics.push(
            Diagnostic::error_at(self.source, span, format!("`{key}` must be {expected}, found {found}"))
                .with_label(format!("expected {expected}")),
        );
    }

    /// Reports a missing required key, pointing at the start of the table.
    pub fn missing(&mut self, key: &str, example: &str) {
        self.diagnostics.push(
            Diagnostic::error_at(self.source, self.whole.clone(), format!("missing required key `{key}`"))
                .with_label(format!("`{key}` is required here"))
                .with_help(format!("add a line such as {example}")),
        );
    }

    /// Records an error at a key's value, for rules checked by the caller.
    pub fn error_at_value(&mut self, key: &str, message: impl Into<String>, help: Option<String>) {
        let span = self.value_span(key).unwrap_or(self.whole.clone());
        let mut diagnostic = Diagnostic::error_at(self.source, span, message);
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.diagnostics.push(diagnostic);
    }

    /// A string value with its span, or `None` when absent or of another type.
    pub fn string(&mut self, key: &str) -> Option<(String, Range<usize>)> {
        let value = self.table.get(key)?;
        match value.get_ref() {
            DeValue::String(text) => Some((text.to_string(), self.span(value.span()))),
            _ => {
                self.wrong_type(key, value, "a string");
                None
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        let value = self.table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some(*flag),
            _ => {
                self.wrong_type(key, value, "true or false");
                None
            }
        }
    }

    /// A positive integer.
    pub fn positive_integer(&mut self, key: &str) -> Option<usize> {
        let value = self.table.get(key)?;
        let parsed = match value.get_ref() {
            DeValue::Integer(number) => i64::from_str_radix(&number.as_str().replace('_', ""), number.radix()).ok(),
            _ => None,
        };
        match parsed {
            Some(number) if number > 0 => usize::try_from(number).ok(),
            _ => {
                self.wrong_type(key, value, "a whole number greater than zero");
                None
            }
        }
    }

    /// An array of strings, each with its span. A single string is refused:
    /// `tags = "a, b"` is a common slip that would otherwise pass unnoticed.
    pub fn string_array(&mut self, key: &str) -> Vec<(String, Range<usize>)> {
        let Some(value) = self.table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, "an array of strings, like [\"…\", \"…\"]");
            return Vec::new();
        };
        let mut strings = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::String(text) => strings.push((text.to_string(), self.span(item.span()))),
                _ => self.wrong_type(&format!("{key}[…]"), item, "a string"),
            }
        }
        strings
    }

    /// A TOML local date (`2021-04-12`), checked to exist in the calendar.
    pub fn local_date(&mut self, key: &str) -> Option<(jiff::civil::Date, Range<usize>)> {
        let value = self.table.get(key)?;
        let span = self.span(value.span());
        let DeValue::Datetime(datetime) = value.get_ref() else {
            let hint = match value.get_ref() {
                DeValue::String(_) => "a TOML date without quotes, like 2021-04-12",
                _ => "a TOML date, like 2021-04-12",
            };
            self.wrong_type(key, value, hint);
            return None;
        };
        match (datetime.date, datetime.time, datetime.offset) {
            (Some(date), None, None) => {
                match jiff::civil::Date::new(date.year as i16, date.month as i8, date.day as i8) {
                    Ok(valid) => Some((valid, span)),
                    Err(_) => {
                        self.diagnostics.push(
                            Diagnostic::error_at(
                                self.source,
                                span,
                                format!("`{key}` is not a date in the calendar: {datetime}"),
                            )
                            .with_label("no such day"),
                        );
                        None
                    }
                }
            }
            _ => {
                self.diagnostics.push(
                    Diagnostic::error_at(
                        self.source,
                        span,
                        format!("`{key}` must be a date without a time, found {datetime}"),
                    )
                    .with_label("expected a date like 2021-04-12"),
                );
                None
            }
        }
    }

    /// A table, converted to JSON-like data for templates.
    pub fn table_as_json(&mut self, key: &str) -> Json {
        let Some(value) = self.table.get(key) else {
            return Json::Object(Default::default());
        };
        match value.get_ref() {
            DeValue::Table(_) => to_json(value.get_ref()),
            _ => {
                self.wrong_type(key, value, "a table");
                Json::Object(Default::default())
            }
        }
    }

    /// A sub-table read with its own reader, or `None` when absent.
    pub fn sub_table(&mut self, key: &str) -> Option<&'a DeTable<'i>> {
        let value = self.table.get(key)?;
        match value.get_ref() {
            DeValue::Table(table) => Some(table),
            _ => {
                self.wrong_type(key, value, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[tasks]]`), each with its span.
    pub fn tables(&mut self, key: &str) -> Vec<(&'a DeTable<'i>, Range<usize>)> {
        let Some(value) = self.table.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            self.wrong_type(key, value, "an array of tables, written [[tasks]]");
            return Vec::new();
        };
        let mut tables = Vec::with_capacity(items.len());
        for item in items.iter() {
            match item.get_ref() {
                DeValue::Table(table) => tables.push((table, self.span(item.span()))),
                _ => self.wrong_type(&format!("{key}[…]"), item, "a table"),
            }
        }
        tables
    }

    /// `true`, `false` or a date (`done = 2022-05-10`: done on that day).
    pub fn bool_or_date(&mut self, key: &str) -> Option<(bool, Option<jiff::civil::Date>)> {
        let value = self.table.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(flag) => Some((*flag, None)),
            DeValue::Datetime(_) => self.local_date(key).map(|(date, _)| (true, Some(date))),
            _ => {
                self.wrong_type(key, value, "true, false or a date like 2022-05-10");
                None
            }
        }
    }

    /// Points an error at the whole table this reader reads (`span`).
    pub fn error_at(&mut self, span: Range<usize>, message: impl Into<String>, help: Option<String>) {
        let mut diagnostic = Diagnostic::error_at(self.source, span, message);
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        self.diagnostics.push(diagnostic);
    }

    /// A reader over a sub-table, sharing this reader's diagnostics.
    pub fn nested<'b>(&'b mut self, table: &'a DeTable<'i>) -> FieldReader<'b, 'i>
    where
        'a: 'b,
    {
        FieldReader {
            source: self.source,
            table,
            offset: self.offset,
            whole: self.whole.clone(),
            diagnostics: self.diagnostics,
        }
    }
}

/// The known name closest to a misspelt one, when close enough to be a typo.
pub fn closest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(name, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

fn to_json(value: &DeValue<'_>) -> Json {
    match value {
        DeValue::String(text) => Json::String(text.to_string()),
        DeValue::Integer(number) => i64::from_str_radix(&number.as_str().replace('_', ""), number.radix())
            .map(Json::from)
            .unwrap_or_else(|_| Json::String(number.as_str().to_string())),
        DeValue::Float(number) => number
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
            .map(Json::Number)
            .unwrap_or(Json::Null),
        DeValue::Boolean(flag) => Json::Bool(*flag),
        DeValue::Datetime(datetime) => Json::String(datetime.to_string()),
        DeValue::Array(items) => Json::Array(items.iter().map(|item| to_json(item.get_ref())).collect()),
        DeValue::Table(table) => Json::Object(
            table
                .iter()
                .map(|(key, value)| (key.get_ref().to_string(), to_json(value.get_ref())))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_the_closest_key() {
        let known = ["title", "date", "number", "signer", "signer_title"];
        assert_eq!(closest("titel", &known), Some("title"));
        assert_eq!(closest("singer", &known), Some("signer"));
        assert_eq!(closest("xyz", &known), None);
    }
}
