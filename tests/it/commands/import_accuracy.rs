//! The importer's accuracy on texts laid out as offices' copies are
//! (`tests/imports/set/`: Word and PDF copies, OCR, drafts, công văn,
//! encodings) and on PDFs made from some of them (`tests/imports/pdf/`),
//! each with its expected fields in `expected.toml`. Prints right/total
//! per field; fails under 95 % overall or 85 % for any field.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use thongbao::import::{Imported, decode, pdf, recognize};

/// The fields scored, in the order they are reported.
const FIELDS: &[&str] = &[
    "kind",
    "title",
    "number",
    "date",
    "place",
    "issuer",
    "signer",
    "authority",
    "signer_title",
    "recipients",
    "headings",
    "lists",
    "tables",
    "draft",
];

fn set_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/imports")
}

/// What the importer found for `field`, written as `expected.toml` writes it.
fn found(imported: &Imported, field: &str) -> toml::Value {
    let text = |s: &str| toml::Value::String(s.to_string());
    let count = |n: usize| toml::Value::Integer(n as i64);
    match field {
        "kind" => text(&imported.kind),
        "title" => text(&imported.title),
        "number" => text(imported.number.as_deref().unwrap_or("")),
        "date" => text(&imported.date.map(|date| date.to_string()).unwrap_or_default()),
        "place" => text(&imported.place),
        "issuer" => text(&imported.issuer),
        "signer" => text(&imported.signer),
        "authority" => text(&imported.authority),
        "signer_title" => text(&imported.signer_title),
        "recipients" => count(imported.recipients.len()),
        "headings" => toml::Value::Array(
            imported
                .body
                .lines()
                .filter_map(|line| line.strip_prefix("## "))
                .map(|heading| {
                    let first = heading.split_whitespace().next().unwrap_or("");
                    text(first.trim_end_matches(['.', '-', '–', ':', ')']))
                })
                .collect(),
        ),
        "lists" => count(
            imported
                .body
                .lines()
                .filter(|line| line.trim_start().starts_with("- "))
                .count(),
        ),
        "tables" => count(imported.body.lines().filter(|line| line.starts_with("| ---")).count()),
        "draft" => toml::Value::Boolean(imported.is_draft()),
        _ => unreachable!("{field}"),
    }
}

/// What the importer made of a file, or why it made nothing.
fn read(path: &Path, mode: pdf::Mode) -> Result<Imported, String> {
    if path.extension().is_some_and(|ext| ext == "docx") {
        return thongbao::import::import_file(path);
    }
    let text = if path.extension().is_some_and(|ext| ext == "pdf") {
        let text = pdf::text(path, mode).map_err(|error| error.to_string())?;
        decode(text.as_bytes()).map_err(|error| error.to_string())?
    } else {
        decode(&std::fs::read(path).unwrap()).map_err(|error| error.to_string())?
    };
    recognize::recognize(&thongbao::import::blocks::from_text(&text)).map_err(|error| error.to_string())
}

fn key_name(key: &str) -> &'static str {
    if key == "body_contains" {
        "body_contains"
    } else {
        "body_lacks"
    }
}

/// Scores every text of `expected.toml` in `folder`: right and total per
/// field, and the misses.
fn score(folder: &str, mode: pdf::Mode) -> (BTreeMap<&'static str, (usize, usize)>, Vec<String>, usize) {
    let folder = set_folder().join(folder);
    let expected: toml::Table = std::fs::read_to_string(folder.join("expected.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let mut scores: BTreeMap<&'static str, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    let texts = expected["text"].as_array().unwrap();
    for entry in texts {
        let entry = entry.as_table().unwrap();
        let file = entry["file"].as_str().unwrap();
        let imported = match read(&folder.join(file), mode) {
            Ok(imported) => imported,
            Err(error) => {
                // Every field of a text that gave nothing is missed.
                for field in FIELDS {
                    scores.entry(field).or_default().1 += 1;
                }
                misses.push(format!("{file}: {error}"));
                continue;
            }
        };
        // Text the body must hold, and must not: one field each.
        for (key, must) in [("body_contains", true), ("body_lacks", false)] {
            for wanted in entry.get(key).and_then(|v| v.as_array()).into_iter().flatten() {
                let wanted = wanted.as_str().unwrap();
                let score = scores.entry(key_name(key)).or_default();
                score.1 += 1;
                if imported.body.contains(wanted) == must {
                    score.0 += 1;
                } else {
                    misses.push(format!("{file}: {key}: {wanted:?} in\n{}", imported.body));
                }
            }
        }
        for field in FIELDS {
            let Some(want) = entry.get(*field) else {
                // Not stated: tables and drafts default to none.
                if matches!(*field, "tables" | "draft") {
                    let got = found(&imported, field);
                    let none = matches!(got, toml::Value::Integer(0) | toml::Value::Boolean(false));
                    let score = scores.entry(field).or_default();
                    score.1 += 1;
                    if none {
                        score.0 += 1;
                    } else {
                        misses.push(format!("{file}: {field}: expected none, found {got}"));
                    }
                }
                continue;
            };
            let got = found(&imported, field);
            let score = scores.entry(field).or_default();
            score.1 += 1;
            if &got == want {
                score.0 += 1;
            } else {
                misses.push(format!("{file}: {field}: expected {want}, found {got}"));
            }
        }
    }
    (scores, misses, texts.len())
}

fn report(
    name: &str,
    scores: &BTreeMap<&'static str, (usize, usize)>,
    misses: &[String],
    texts: usize,
) -> (usize, usize) {
    let (right, total) = scores.values().fold((0, 0), |(r, t), (a, b)| (r + a, t + b));
    println!("{name}: {texts} texts, {right}/{total} fields right");
    for field in FIELDS.iter().chain(&["body_contains", "body_lacks"]) {
        if let Some((r, t)) = scores.get(field) {
            println!("  {field:<13} {r}/{t}");
        }
    }
    for miss in misses {
        println!("  miss: {miss}");
    }
    (right, total)
}

fn assert_accurate(name: &str, scores: &BTreeMap<&'static str, (usize, usize)>, misses: &[String], texts: usize) {
    let (right, total) = report(name, scores, misses, texts);
    assert!(
        right * 100 >= total * 95,
        "{name}: {right}/{total} fields right, under 95 %:\n{}",
        misses.join("\n")
    );
    for (field, (r, t)) in scores {
        assert!(
            r * 100 >= t * 85,
            "{name}: {field} {r}/{t}, under 85 %:\n{}",
            misses.join("\n")
        );
    }
}

#[test]
fn texts_as_offices_copy_them_import_with_their_fields() {
    let (scores, misses, texts) = score("set", pdf::Mode::Layout);
    assert!(texts >= 24, "the set holds {texts} texts");
    assert_accurate("texts", &scores, &misses, texts);
}

#[test]
fn pdfs_import_with_their_fields() {
    if !crate::common::tool("pdftotext", &["-v"]) {
        return;
    }
    let (scores, misses, texts) = score("pdf", pdf::Mode::Layout);
    assert!(texts >= 8, "{texts} PDFs");
    assert_accurate("PDFs, pdftotext -layout", &scores, &misses, texts);
    // The reading-order mode, measured beside it (not held to the bar).
    let (scores, misses, texts) = score("pdf", pdf::Mode::Reading);
    report("PDFs, pdftotext reading order", &scores, &misses, texts);
}

#[test]
fn word_files_import_with_their_fields() {
    let (scores, misses, texts) = score("docx", pdf::Mode::Layout);
    assert!(texts >= 16, "{texts} Word files");
    let (right, total) = report("Word files", &scores, &misses, texts);
    assert!(
        right * 100 >= total * 97,
        "Word files: {right}/{total} fields right, under 97 %:\n{}",
        misses.join("\n")
    );
}
