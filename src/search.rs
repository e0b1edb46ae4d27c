//! The static search index (SPEC §7), read in the browser by the theme's
//! `static/search.js` without downloading anything proportional to the
//! archive.
//!
//! - **Folding**, the same in Rust ([`fold`]) and JavaScript: NFD, combining
//!   marks dropped, `đ`/`Đ` → `d`, lowercase. Terms are kept folded, and each
//!   posting records which accented forms the notice used, so that a query
//!   typed with the right diacritics ranks those notices first.
//! - **Terms**: words; pairs of adjacent words (`dan van`), which rank a
//!   phrase above scattered words; and document numbers as one token
//!   (`#120kltw` for `120-KL/TW`, whatever the spacing and case).
//! - **Weights**: number 20, title 10, issuer and tags 4, signer 3, body 1
//!   (a word counted at most five times in the body). The kind is not
//!   indexed as words (almost every notice is a "Thông báo"); the page
//!   filters by it.
//! - **Files** under `search/index/`, each a script that hands its data to
//!   `thongbaoSearch` (so it also works from `file://`): `manifest.js` (the
//!   first term of every chunk, years as document ranges, issuers, kinds),
//!   `t/N.js` term-range chunks with postings (document, score, accent
//!   mask; the best [`POSTINGS_KEPT`] documents of very common terms),
//!   `d/N.js` result data for [`GROUP`] documents (path, title, number, date,
//!   excerpt) fetched only for results shown, and `facets.js` (each
//!   document's issuer and kind) fetched only when filtering by them.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use rayon::prelude::*;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::archive::Archive;
use crate::output::{Contents, OutputFile};

/// Documents per result-data file.
pub const GROUP: usize = 25;
/// Postings kept for a term, the best-scoring first.
pub const POSTINGS_KEPT: usize = 1500;
/// Approximate size of a term chunk.
const CHUNK_BYTES: usize = 24 * 1024;
/// The format of the files, for the reader.
const FORMAT: u32 = 1;

/// Folds text the way the reader folds a query: NFD, marks dropped, `đ` →
/// `d`, lowercase.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A document number as one search token: folded, letters and digits only.
pub fn number_token(number: &str) -> String {
    let folded: String = fold(number).chars().filter(|c| c.is_alphanumeric()).collect();
    format!("#{folded}")
}

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
}

/// What one notice contributes: for each term, its score and the accented
/// forms it was written in.
type DocTerms = HashMap<String, (u32, Vec<String>)>;

fn analyze(archive: &Archive, index: usize) -> DocTerms {
    let notice = &archive.notices()[index];
    let front = &notice.front;
    let body = &archive.bodies[index].text;
    let mut terms: DocTerms = HashMap::new();
    let mut body_counts: HashMap<String, u32> = HashMap::new();
    let mut add = |term: String, weight: u32, accented: Option<String>, in_body: bool| {
        if in_body {
            let count = body_counts.entry(term.clone()).or_default();
            *count += 1;
            if *count > 5 {
                return;
            }
        }
        let entry = terms.entry(term).or_default();
        entry.0 += weight;
        if let Some(accented) = accented
            && !entry.1.contains(&accented)
        {
            entry.1.push(accented);
        }
    };
    let tags = front.tags.join("\n");
    // Not the kind: nearly every notice is a "Thông báo …", and its words
    // would match every query containing "báo"; the page filters by kind.
    let fields: [(&str, u32, bool); 6] = [
        (&front.title, 10, false),
        (front.number.as_deref().unwrap_or(""), 10, false),
        (&front.issuer, 4, false),
        (&tags, 4, false),
        (&front.signer, 3, false),
        (body, 1, true),
    ];
    for (text, weight, in_body) in fields {
        for line in text.lines() {
            let mut previous: Option<String> = None;
            for word in words(line) {
                let accented = word.to_lowercase();
                let folded = fold(&accented);
                if let Some(previous) = previous.take() {
                    add(format!("{previous} {folded}"), weight, None, in_body);
                }
                add(folded.clone(), weight, Some(accented), in_body);
                previous = Some(folded);
            }
        }
    }
    if let Some(number) = &front.number {
        add(number_token(number), 20, None, false);
    }
    for found in crate::citations::find(body) {
        add(number_token(&found.number), 2, None, true);
    }
    terms
}

/// One term of the index.
#[derive(Default)]
struct Term {
    /// Accented forms, in order of first use; a posting's mask says which
    /// of the first 31 a document used.
    variants: Vec<String>,
    /// (document, score, accent mask)
    postings: Vec<(u32, u32, u32)>,
}

/// Every file of the search index.
pub fn search_files(archive: &Archive) -> Vec<OutputFile> {
    let order = &archive.order;
    let analyzed: Vec<DocTerms> = order.par_iter().map(|&index| analyze(archive, index)).collect();
    let mut terms: BTreeMap<String, Term> = BTreeMap::new();
    for (doc, doc_terms) in analyzed.into_iter().enumerate() {
        let mut doc_terms: Vec<(String, (u32, Vec<String>))> = doc_terms.into_iter().collect();
        doc_terms.sort_by(|a, b| a.0.cmp(&b.0));
        for (key, (score, forms)) in doc_terms {
            let term = terms.entry(key).or_default();
            let mut mask = 0u32;
            for form in forms {
                let position = match term.variants.iter().position(|v| *v == form) {
                    Some(position) => position,
                    None => {
                        term.variants.push(form);
                        term.variants.len() - 1
                    }
                };
                if position < 31 {
                    mask |= 1 << position;
                }
            }
            term.postings.push((doc as u32, score, mask));
        }
    }

    let mut files = Vec::new();
    let mut chunk_starts: Vec<String> = Vec::new();
    let mut chunk = String::new();
    let mut chunk_first: Option<String> = None;
    let flush = |chunk: &mut String, files: &mut Vec<OutputFile>, number: usize| {
        let script = format!("thongbaoSearch.chunk({number},[{chunk}]);\n");
        files.push(OutputFile {
            path: format!("search/index/t/{number}.js"),
            contents: Contents::Bytes(script.into_bytes()),
        });
        chunk.clear();
    };
    for (key, mut term) in terms {
        let df = term.postings.len();
        if term.postings.len() > POSTINGS_KEPT {
            term.postings.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            term.postings.truncate(POSTINGS_KEPT);
            term.postings.sort_by_key(|posting| posting.0);
        }
        if chunk_first.is_none() {
            chunk_first = Some(key.clone());
        }
        if !chunk.is_empty() {
            chunk.push(',');
        }
        let _ = write!(chunk, "[{},{df},{},[", json_string(&key), json_strings(&term.variants));
        let mut last = 0u32;
        for (i, (doc, score, mask)) in term.postings.iter().enumerate() {
            if i > 0 {
                chunk.push(',');
            }
            // Document numbers as gaps keep common terms small.
            let _ = write!(chunk, "{},{score},{mask}", doc - last);
            last = *doc;
        }
        chunk.push_str("]]");
        if chunk.len() >= CHUNK_BYTES {
            chunk_starts.push(chunk_first.take().unwrap_or_default());
            flush(&mut chunk, &mut files, chunk_starts.len() - 1);
        }
    }
    if !chunk.is_empty() {
        chunk_starts.push(chunk_first.take().unwrap_or_default());
        flush(&mut chunk, &mut files, chunk_starts.len() - 1);
    }

    let notices = archive.notices();
    let (issuers, kinds) = facet_values(archive);
    let position = |list: &[String], value: &str| list.iter().position(|v| v == value).unwrap_or(0);
    let facets: (Vec<usize>, Vec<usize>) = order
        .iter()
        .map(|&index| {
            (
                position(&issuers, &notices[index].front.issuer),
                position(&kinds, &notices[index].front.kind),
            )
        })
        .unzip();
    for (group, docs) in order.chunks(GROUP).enumerate() {
        let mut script = format!("thongbaoSearch.docs({group},[");
        for (i, &index) in docs.iter().enumerate() {
            let notice = &notices[index];
            let front = &notice.front;
            let summary = front
                .summary
                .clone()
                .unwrap_or_else(|| archive.bodies[index].first_paragraph.clone());
            let excerpt: String = summary.chars().take(240).collect();
            if i > 0 {
                script.push(',');
            }
            let _ = write!(
                script,
                "[{},{},{},{},{}]",
                json_string(&notice.url_path()),
                json_string(&front.title),
                json_string(front.number.as_deref().unwrap_or("")),
                json_string(&front.date.to_string()),
                json_string(&excerpt)
            );
        }
        script.push_str("]);\n");
        files.push(OutputFile {
            path: format!("search/index/d/{group}.js"),
            contents: Contents::Bytes(script.into_bytes()),
        });
    }
    let numbers = |list: &[usize]| list.iter().map(usize::to_string).collect::<Vec<_>>().join(",");
    files.push(OutputFile {
        path: "search/index/facets.js".to_string(),
        contents: Contents::Bytes(
            format!(
                "thongbaoSearch.facets([{}],[{}]);\n",
                numbers(&facets.0),
                numbers(&facets.1)
            )
            .into_bytes(),
        ),
    });

    let mut years = String::new();
    let mut position = 0;
    for (i, year) in archive.years.iter().enumerate() {
        if i > 0 {
            years.push(',');
        }
        let _ = write!(
            years,
            "[{},{},{}]",
            year.year,
            position,
            position + year.notices.len() - 1
        );
        position += year.notices.len();
    }
    let manifest = format!(
        "thongbaoSearch.manifest({{\"format\":{FORMAT},\"docs\":{},\"group\":{GROUP},\"chunks\":{},\"years\":[{years}],\"issuers\":{},\"kinds\":{}}});\n",
        order.len(),
        json_strings(&chunk_starts),
        json_strings(&issuers),
        json_strings(&kinds),
    );
    files.push(OutputFile {
        path: "search/index/manifest.js".to_string(),
        contents: Contents::Bytes(manifest.into_bytes()),
    });
    files
}

/// The issuers and kinds the search page filters by, sorted; the page's
/// options and `facets.js` number them the same way.
pub fn facet_values(archive: &Archive) -> (Vec<String>, Vec<String>) {
    let mut issuers: Vec<String> = archive
        .notices()
        .iter()
        .map(|notice| notice.front.issuer.clone())
        .collect();
    let mut kinds: Vec<String> = archive
        .notices()
        .iter()
        .map(|notice| notice.front.kind.clone())
        .collect();
    for list in [&mut issuers, &mut kinds] {
        list.sort_by_key(|value| crate::archive::collation_key(value));
        list.dedup();
    }
    (issuers, kinds)
}

/// A JSON string literal, safe inside a script (no `</script>` breakout).
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default().replace("</", "<\\/")
}

fn json_strings<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|item| json_string(item.as_ref())).collect();
    format!("[{}]", parts.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_marks_and_d_stroke() {
        assert_eq!(fold("Dân vận khéo"), "dan van kheo");
        assert_eq!(fold("ĐỒNG BÀO đồng bào"), "dong bao dong bao");
        assert_eq!(fold("Quy chế dân chủ ở cơ sở"), "quy che dan chu o co so");
        assert_eq!(number_token("120-KL/TW"), "#120kltw");
        assert_eq!(number_token("30/2020/NĐ-CP"), "#302020ndcp");
    }
}
