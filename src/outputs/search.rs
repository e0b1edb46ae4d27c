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
//! - **Scores**: each field has a weight ([`Field::weight`]: number 20,
//!   title 10, summary 5, issuer and tags 4, signer 3, body 1) and a term's
//!   occurrences in a field saturate as in BM25 (`tf·(k+1)/(tf+k)`, k =
//!   1.2), so that repetition stops paying: three times in the title is
//!   worth 1.6 times once, not 3. A pair is two words adjacent in order
//!   (a whole occurrence) or with one word between (half a one), so that
//!   words near each other rank above scattered ones and a phrase above
//!   both. The kind is not indexed as words (almost every notice is a
//!   "Thông báo"); the page filters by it.
//! - **Files** under `search/index/`, each a script that hands its data to
//!   `thongbaoSearch` (so it also works from `file://`): `manifest.js` (the
//!   first term of every chunk, years as document ranges, issuers, kinds),
//!   `t/N.js` term-range chunks with postings (document as a gap, score,
//!   accented form and whether the term is in the title or number; the
//!   best [`POSTINGS_KEPT`] documents of very common terms), `d/N.js`
//!   result data for [`GROUP`] documents (path, title, number, date,
//!   excerpt) fetched only for results shown, and `facets.js` (each
//!   document's issuer, kind, validity periods and field) fetched only
//!   when filtering by them.
//! - **Ranking** is the page's (`search.js`): every word matched first;
//!   then notices whose title (or number) holds every word; then those
//!   where more of the query's words stand together; then by score (each
//!   term's by its BM25 inverse document frequency, an exact document
//!   number fifty-fold, exact diacritics two and a half-fold); the newer
//!   first on a tie.

use rustc_hash::FxHashMap;
use std::fmt::Write as _;

use rayon::prelude::*;

use crate::link::archive::Archive;
use crate::model::files::{Contents, OutputFile};
use crate::model::number::DocumentNumber;
use crate::support::text::fold;

/// Notices analysed together: each batch interns its own words and pairs,
/// so larger batches intern (and allocate) less often, at the cost of
/// more postings held until they are merged.
const BATCH_NOTICES: usize = 4096;
/// Documents per result-data file.
pub const GROUP: usize = 10;
/// Postings kept for a term, the best-scoring first.
pub const POSTINGS_KEPT: usize = 600;
/// Approximate size of a term chunk.
const CHUNK_BYTES: usize = 8 * 1024;
/// The format of the files, for the reader.
const FORMAT: u32 = 2;

/// The words of a text: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c)).filter(|word| !word.is_empty())
}

/// `char::is_alphanumeric`, answered without a table lookup for ASCII and
/// the Latin letters Vietnamese is written in.
fn is_word_char(c: char) -> bool {
    match c as u32 {
        0..=0x7f => c.is_ascii_alphanumeric(),
        // Latin-1 letters (not × and ÷), Latin Extended-A and -B.
        0xc0..=0x24f => c != '×' && c != '÷',
        // Latin Extended Additional: ạ, ầ, ế, ố, ữ…
        0x1ea0..=0x1ef9 => true,
        _ => c.is_alphanumeric(),
    }
}

/// The words of a rendered body as its reader sees them, each with
/// whether it begins a block (a paragraph, heading, list item, table cell…,
/// across which no phrase runs). Tags and character references are not
/// words; inline tags (`<strong>`, a citation's `<a>`) do not end a
/// phrase.
fn html_words(html: &str, mut each: impl FnMut(&str, bool)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    let mut new_block = true;
    while at < bytes.len() {
        match bytes[at] {
            b'<' => {
                let end = bytes[at..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(bytes.len(), |end| at + end + 1);
                let name: Vec<u8> = bytes[at + 1..end]
                    .iter()
                    .skip_while(|&&b| b == b'/')
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .map(u8::to_ascii_lowercase)
                    .collect();
                new_block |= !matches!(
                    name.as_slice(),
                    b"a" | b"strong" | b"em" | b"code" | b"del" | b"sup" | b"sub" | b"span" | b"b" | b"i" | b"u"
                );
                at = end;
            }
            b'&' => {
                // `&amp;`, `&#39;`: never part of a word.
                let end = bytes[at + 1..]
                    .iter()
                    .take(10)
                    .position(|&b| b == b';')
                    .map_or(at + 1, |end| at + end + 2);
                at = end;
            }
            _ => {
                let rest = &html[at..];
                let length = rest
                    .char_indices()
                    .find(|&(_, c)| !is_word_char(c))
                    .map_or(rest.len(), |(end, _)| end);
                if length > 0 {
                    each(&rest[..length], new_block);
                    new_block = false;
                    at += length;
                } else {
                    at += rest.chars().next().map_or(1, char::len_utf8);
                }
            }
        }
    }
}

/// Word pairs sort apart from single words (after `>`), so that a prefix
/// typed for the last word never drags the pairs' chunks in.
const PAIR: char = '>';
/// No accented form recorded (pairs, numbers).
const NO_FORM: u32 = u32::MAX;

/// Where a term occurs in a notice: each field weighs its own way and
/// saturates on its own.
#[derive(Clone, Copy)]
enum Field {
    /// A document number as one token (`#120kltw`).
    NumberToken,
    /// The words of the notice's number.
    Number,
    Title,
    Summary,
    Issuer,
    Tags,
    Signer,
    Body,
    /// A number the body cites.
    Cited,
}

impl Field {
    const ALL: [Field; 9] = [
        Field::NumberToken,
        Field::Number,
        Field::Title,
        Field::Summary,
        Field::Issuer,
        Field::Tags,
        Field::Signer,
        Field::Body,
        Field::Cited,
    ];
    const COUNT: usize = Field::ALL.len();

    fn weight(self) -> u32 {
        match self {
            Field::NumberToken => 20,
            Field::Number | Field::Title => 10,
            Field::Summary => 5,
            Field::Issuer | Field::Tags => 4,
            Field::Signer => 3,
            Field::Cited => 2,
            Field::Body => 1,
        }
    }
}

/// Occurrences are counted in halves: a word or an adjacent pair is two,
/// a pair with one word between is one.
const WHOLE: u16 = 2;
const HALF: u16 = 1;

/// A term's score from its occurrences by field (in halves): each field's
/// weight times `tf·(k+1)/(tf+k)` with k = 1.2, times ten, in integers so
/// that every build scores alike: `22·h / (10·h + 24)` for `h` halves.
fn saturated(counts: &[u16; Field::COUNT]) -> u32 {
    Field::ALL
        .iter()
        .zip(counts)
        .map(|(field, &halves)| {
            let halves = u32::from(halves);
            field.weight() * 10 * 22 * halves / (10 * halves + 24)
        })
        .sum()
}

/// Terms and postings of a batch of notices, with terms and accented forms
/// interned so that words are not allocated once per occurrence.
#[derive(Default)]
struct Batch {
    terms: Vec<String>,
    term_ids: FxHashMap<String, u32>,
    forms: Vec<String>,
    form_ids: FxHashMap<String, u32>,
    /// Words as written (`Dân`, `DÂN`) to their lowercase form, so that
    /// each spelling is lowercased once.
    written: FxHashMap<String, u32>,
    /// The folded term of each accented form, so each form is folded once.
    form_terms: Vec<u32>,
    /// Word pairs by the terms they join.
    pair_ids: FxHashMap<(u32, u32), u32>,
    /// (term, document, score, accented form used most, a title's words
    /// counting as much as their weight)
    postings: Vec<(u32, u32, u32, u32, bool)>,
    /// The notice being added: its score so far for each term, by term.
    tallies: Vec<Tally>,
    /// How much the notice being added used each form (occurrences by
    /// their field's weight), by form.
    form_counts: Vec<(u32, u32)>,
    /// The terms the notice being added has, in the order first met.
    touched: Vec<u32>,
}

/// One term's occurrences in the notice being added. `mark` tells which
/// notice the figures belong to, so nothing needs clearing between
/// notices.
#[derive(Default, Clone, Copy)]
struct Tally {
    mark: u32,
    /// Occurrences in halves, by [`Field`].
    counts: [u16; Field::COUNT],
    best_form: u32,
    best_count: u32,
}

impl Batch {
    fn intern(ids: &mut FxHashMap<String, u32>, list: &mut Vec<String>, text: &str) -> u32 {
        if let Some(&id) = ids.get(text) {
            return id;
        }
        let id = list.len() as u32;
        list.push(text.to_string());
        ids.insert(text.to_string(), id);
        id
    }

    /// The form of a word as written, interning it (and its term) when new.
    fn form_of(&mut self, word: &str) -> u32 {
        if let Some(&form) = self.written.get(word) {
            return form;
        }
        let accented = word.to_lowercase();
        let form = match self.form_ids.get(accented.as_str()) {
            Some(&form) => form,
            None => {
                let term = Batch::intern(&mut self.term_ids, &mut self.terms, &fold(&accented));
                self.form_terms.push(term);
                Batch::intern(&mut self.form_ids, &mut self.forms, &accented)
            }
        };
        self.written.insert(word.to_string(), form);
        form
    }

    /// Counts an occurrence of `term` (`halves` of one) in `field` of the
    /// notice marked `mark`.
    fn hit(&mut self, mark: u32, term: u32, form: u32, field: Field, halves: u16) {
        let term_index = term as usize;
        if self.tallies.len() <= term_index {
            self.tallies.resize(term_index + 1, Tally::default());
        }
        let tally = &mut self.tallies[term_index];
        if tally.mark != mark {
            *tally = Tally {
                mark,
                best_form: NO_FORM,
                ..Tally::default()
            };
            self.touched.push(term);
        }
        let count = &mut tally.counts[field as usize];
        *count = count.saturating_add(halves);
        if form != NO_FORM {
            let weight = field.weight();
            let count = &mut self.form_counts[form as usize];
            if count.0 != mark {
                *count = (mark, 0);
            }
            // Title words count as much as their weight.
            count.1 += weight;
            if count.1 > tally.best_count {
                tally.best_form = form;
                tally.best_count = count.1;
            }
        }
    }

    /// The pair term of two words, interned when new.
    fn pair(&mut self, first: u32, second: u32) -> u32 {
        if let Some(&id) = self.pair_ids.get(&(first, second)) {
            return id;
        }
        let name = format!("{PAIR}{} {}", self.terms[first as usize], self.terms[second as usize]);
        let id = Batch::intern(&mut self.term_ids, &mut self.terms, &name);
        self.pair_ids.insert((first, second), id);
        id
    }

    /// Counts a word, and the pairs it makes with the two words before it
    /// in the same line or block (`before` holds them, the nearest last,
    /// and takes the word); a phrase does not run across lines or blocks.
    fn add_word(&mut self, mark: u32, word: &str, before: &mut Window, field: Field) {
        let form = self.form_of(word);
        if self.form_counts.len() < self.forms.len() {
            self.form_counts.resize(self.forms.len(), (0, 0));
        }
        let term = self.form_terms[form as usize];
        self.hit(mark, term, form, field, WHOLE);
        if let Some(previous) = before.last {
            let pair = self.pair(previous, term);
            self.hit(mark, pair, NO_FORM, field, WHOLE);
        }
        if let Some(earlier) = before.earlier {
            // One word between: near, worth half an adjacent pair.
            let pair = self.pair(earlier, term);
            self.hit(mark, pair, NO_FORM, field, HALF);
        }
        before.earlier = before.last;
        before.last = Some(term);
    }

    /// Adds one notice: `fields` as (text, field), lines apart; its body
    /// as HTML; and `numbers` as tokens with their field.
    fn add(&mut self, doc: u32, fields: &[(&str, Field)], body_html: &str, numbers: &[(String, Field)]) {
        let mark = doc + 1;
        for &(text, field) in fields {
            for line in text.lines() {
                let mut before = Window::default();
                for word in words(line) {
                    self.add_word(mark, word, &mut before, field);
                }
            }
        }
        let mut before = Window::default();
        html_words(body_html, |word, new_block| {
            if new_block {
                before = Window::default();
            }
            self.add_word(mark, word, &mut before, Field::Body);
        });
        for (token, field) in numbers {
            let term = Batch::intern(&mut self.term_ids, &mut self.terms, token);
            self.hit(mark, term, NO_FORM, *field, WHOLE);
        }
        for term in self.touched.drain(..) {
            let tally = self.tallies[term as usize];
            let titled = [Field::NumberToken, Field::Number, Field::Title]
                .iter()
                .any(|&field| tally.counts[field as usize] > 0);
            self.postings
                .push((term, doc, saturated(&tally.counts), tally.best_form, titled));
        }
    }
}

/// The two words before the one being added, in one line or block.
#[derive(Default)]
struct Window {
    earlier: Option<u32>,
    last: Option<u32>,
}

/// One term of the index.
#[derive(Default)]
struct Term {
    /// Accented forms; a posting names the one its notice used most.
    forms: Vec<String>,
    /// (document, score, form and title), by document, where the last is
    /// `2·(form + 1) + t`: the form's place in `forms` (-1: none) and `t`
    /// = 1 when the term is in the notice's title or number; only the best
    /// [`POSTINGS_KEPT`] survive [`Term::keep_best`].
    postings: Vec<(u32, u16, u16)>,
    /// How many notices have the term.
    notices: usize,
    /// Once postings were cut: the lowest score kept. Notices come in
    /// order, so a later one that scores no higher would rank below every
    /// posting kept, and is never needed.
    floor: Option<u16>,
}

impl Term {
    /// Counts one more notice with the term, scoring `score`, and tells
    /// whether its posting may be among the best: notices come in order.
    fn offer(&mut self, score: u16) -> bool {
        self.notices += 1;
        self.floor.is_none_or(|floor| score > floor)
    }

    /// Adds a posting [`Term::offer`] admitted; common terms are cut as
    /// they grow, so they never hold every notice.
    fn push(&mut self, posting: (u32, u16, u16)) {
        self.postings.push(posting);
        if self.postings.len() >= 2 * POSTINGS_KEPT {
            self.keep_best();
        }
    }

    /// Keeps the best-scoring postings (the earlier notice on a tie), in
    /// document order.
    fn keep_best(&mut self) {
        if self.postings.len() <= POSTINGS_KEPT {
            return;
        }
        self.postings.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.postings.truncate(POSTINGS_KEPT);
        self.floor = self.postings.last().map(|posting| posting.1);
        self.postings.sort_unstable_by_key(|posting| posting.0);
    }
}

/// Every file of the search index: the term chunks, the documents, the
/// facets and the manifest that ties them together.
pub fn search_files(archive: &Archive) -> Vec<OutputFile> {
    let (names, terms) = index_terms(archive);
    let (mut files, chunk_starts) = term_chunks(&names, terms);
    let facets = facet_values(archive);
    files.extend(document_files(archive, &facets));
    files.push(manifest(archive, &chunk_starts, &facets));
    files
}

/// Analyzes the notices `docs` (the `number`th batch of the archive's order).
fn analyze(archive: &Archive, number: usize, docs: &[usize]) -> Batch {
    let notices = archive.notices();
    let mut batch = Batch::default();
    for (offset, &index) in docs.iter().enumerate() {
        let front = &notices[index].front;
        let tags = front.tags.join("\n");
        // Not the kind: nearly every notice is a "Thông báo …", and
        // its words would match every query with "báo"; the page
        // filters by kind instead.
        let fields = [
            (front.title.as_str(), Field::Title),
            (front.number.as_deref().unwrap_or(""), Field::Number),
            (front.summary.as_deref().unwrap_or(""), Field::Summary),
            (front.issuer.as_str(), Field::Issuer),
            (tags.as_str(), Field::Tags),
            (front.signer.as_str(), Field::Signer),
        ];
        let mut numbers: Vec<(String, Field)> = front
            .number
            .iter()
            .map(|number| (DocumentNumber::new(number).search_token(), Field::NumberToken))
            .collect();
        // The numbers the link stage found in the body.
        numbers.extend(
            archive.citations.cites[index]
                .iter()
                .filter(|citation| citation.from == crate::link::citations::CitedFrom::Body)
                .map(|citation| (DocumentNumber::new(&citation.number).search_token(), Field::Cited)),
        );
        batch.add(
            (number * BATCH_NOTICES + offset) as u32,
            &fields,
            &archive.body(index).html,
            &numbers,
        );
    }
    batch
}

/// Every term of the archive with its postings: the names, and the terms
/// in the order of the names.
fn index_terms(archive: &Archive) -> (Vec<String>, Vec<Term>) {
    // Batches in order, so every term's postings come out sorted by
    // document; a few at a time, so that only those few are held besides
    // the merged index.
    let mut names: Vec<String> = Vec::new();
    let mut ids: FxHashMap<String, usize> = FxHashMap::default();
    let mut all: Vec<Term> = Vec::new();
    let chunks: Vec<&[usize]> = archive.order.chunks(BATCH_NOTICES).collect();
    let window = rayon::current_num_threads().max(1) * 2;
    let batches = chunks.chunks(window).enumerate().flat_map(|(w, group)| {
        let made: Vec<Batch> = group
            .par_iter()
            .enumerate()
            .map(|(i, docs)| analyze(archive, w * window + i, docs))
            .collect();
        made
    });
    for batch in batches {
        merge(batch, &mut names, &mut ids, &mut all);
    }
    (names, all)
}

/// Adds one batch's postings to the archive's terms.
fn merge(batch: Batch, names: &mut Vec<String>, ids: &mut FxHashMap<String, usize>, all: &mut Vec<Term>) {
    let global: Vec<usize> = batch
        .terms
        .into_iter()
        .map(|name| match ids.get(&name) {
            Some(&id) => id,
            None => {
                ids.insert(name.clone(), all.len());
                names.push(name);
                all.push(Term::default());
                all.len() - 1
            }
        })
        .collect();
    // Each form of the batch belongs to one term: its place among the
    // term's forms, found once.
    let mut positions: Vec<u32> = vec![NO_FORM; batch.forms.len()];
    for (term, doc, score, form, titled) in batch.postings {
        let id = global[term as usize];
        let score = u16::try_from(score).unwrap_or(u16::MAX);
        if !all[id].offer(score) {
            continue;
        }
        let position = if form == NO_FORM {
            NO_FORM
        } else {
            let position = &mut positions[form as usize];
            if *position == NO_FORM {
                let forms = &mut all[id].forms;
                let text = &batch.forms[form as usize];
                *position = match forms.iter().position(|known| known == text) {
                    Some(position) => position as u32,
                    None => {
                        forms.push(text.clone());
                        (forms.len() - 1) as u32
                    }
                };
            }
            *position
        };
        // The form's place plus one (0: none), doubled, plus one when the
        // term is in the notice's title or number.
        let place = if position == NO_FORM { 0 } else { position + 1 };
        let packed = u16::try_from(place * 2 + u32::from(titled)).unwrap_or(u16::MAX);
        all[id].push((doc, score, packed));
    }
}

/// The terms in name order, in chunks of about [`CHUNK_BYTES`], and the
/// first term of each chunk.
fn term_chunks(names: &[String], mut all: Vec<Term>) -> (Vec<OutputFile>, Vec<String>) {
    let mut sorted: Vec<usize> = (0..names.len()).collect();
    sorted.sort_unstable_by(|&a, &b| names[a].cmp(&names[b]));
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
    for id in sorted {
        let key = &names[id];
        let term = &mut all[id];
        let df = term.notices;
        term.keep_best();
        if chunk_first.is_none() {
            chunk_first = Some(key.clone());
        }
        if !chunk.is_empty() {
            chunk.push(',');
        }
        let _ = write!(chunk, "[{},{df},{},[", json_string(key), json_strings(&term.forms));
        let mut last = 0u32;
        for (i, (doc, score, form)) in term.postings.iter().enumerate() {
            if i > 0 {
                chunk.push(',');
            }
            // Document numbers as gaps keep common terms small.
            let _ = write!(chunk, "{},{score},{form}", doc - last);
            last = *doc;
        }
        term.postings = Vec::new();
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
    (files, chunk_starts)
}

/// What a result shows of each notice, in groups of [`GROUP`], and each
/// notice's issuer, kind, validity and field for the filters.
fn document_files(archive: &Archive, facets: &Facets) -> Vec<OutputFile> {
    let (order, notices) = (&archive.order, archive.notices());
    let mut files = Vec::new();
    // A value's place in its list; -1 for none (a notice without a field).
    let position = |list: &[String], value: &str| {
        list.iter()
            .position(|v| v == value)
            .map_or("-1".to_string(), |place| place.to_string())
    };
    let places = |list: &[String], value: &dyn Fn(&crate::model::notice::FrontMatter) -> &str| {
        order
            .iter()
            .map(|&index| position(list, value(&notices[index].front)))
            .collect::<Vec<_>>()
            .join(",")
    };
    for (group, docs) in order.chunks(GROUP).enumerate() {
        let mut script = format!("thongbaoSearch.docs({group},[");
        for (i, &index) in docs.iter().enumerate() {
            let notice = &notices[index];
            let front = &notice.front;
            let summary = front
                .summary
                .clone()
                .unwrap_or_else(|| archive.body(index).first_paragraph.clone());
            let excerpt: String = summary.chars().take(200).collect();
            if i > 0 {
                script.push(',');
            }
            let _ = write!(
                script,
                "[{},{},{},{},{}]",
                json_string(notice.url_path()),
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
    let validity: Vec<String> = order
        .iter()
        .map(|&index| json_string(&validity_periods(&archive.validity[index])))
        .collect();
    files.push(OutputFile {
        path: "search/index/facets.js".to_string(),
        contents: Contents::Bytes(
            format!(
                "thongbaoSearch.facets([{}],[{}],[{}],[{}]);\n",
                places(&facets.issuers, &|front| &front.issuer),
                places(&facets.kinds, &|front| &front.kind),
                validity.join(","),
                places(&facets.fields, &|front| &front.field),
            )
            .into_bytes(),
        ),
    });
    files
}

/// A notice's validity for the search filter, worked out in the browser
/// for today: its periods after the first (which is always "not yet in
/// force"), each `yyyymmdd` and the state's place in [`State::ALL`],
/// comma-separated: `"20210412 0,20220305 4"`.
fn validity_periods(validity: &crate::link::validity::Validity) -> String {
    use crate::link::validity::State;
    let mut text = String::new();
    for period in &validity.periods[1..] {
        let Some(from) = period.from else { continue };
        let state = State::ALL.iter().position(|state| *state == period.state).unwrap_or(0);
        if !text.is_empty() {
            text.push(',');
        }
        let _ = write!(text, "{:04}{:02}{:02} {state}", from.year(), from.month(), from.day());
    }
    text
}

/// `manifest.js`: the format, the counts, the chunks' first terms, the
/// years' ranges of documents and the facets' values.
fn manifest(archive: &Archive, chunk_starts: &[String], facets: &Facets) -> OutputFile {
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
        "thongbaoSearch.manifest({{\"format\":{FORMAT},\"docs\":{},\"group\":{GROUP},\"chunks\":{},\"years\":[{years}],\"issuers\":{},\"kinds\":{},\"fields\":{},\"states\":{}}});\n",
        archive.order.len(),
        json_strings(chunk_starts),
        json_strings(&facets.issuers),
        json_strings(&facets.kinds),
        json_strings(&facets.fields),
        json_strings(
            &crate::link::validity::State::ALL
                .iter()
                .map(|state| state.key().to_string())
                .collect::<Vec<_>>()
        ),
    );
    OutputFile {
        path: "search/index/manifest.js".to_string(),
        contents: Contents::Bytes(manifest.into_bytes()),
    }
}

/// The issuers, kinds and fields the search page filters by.
#[derive(serde::Serialize, Hash)]
pub struct Facets {
    pub issuers: Vec<String>,
    pub kinds: Vec<String>,
    pub fields: Vec<String>,
}

/// The values the search page filters by, each list sorted as the
/// archive's listings are; the page's options and `facets.js` number them
/// the same way. Notices without a field have none to filter by.
pub fn facet_values(archive: &Archive) -> Facets {
    let values = |value: &dyn Fn(&crate::model::notice::FrontMatter) -> &str| {
        let mut list: Vec<String> = archive
            .notices()
            .iter()
            .map(|notice| value(&notice.front).to_string())
            .filter(|value| !value.is_empty())
            .collect();
        // Distinct names first: the key slugs each name, once.
        list.sort_unstable();
        list.dedup();
        list.sort_by_cached_key(|value| crate::link::archive::collation_key(value));
        list
    };
    Facets {
        issuers: values(&|front| &front.issuer),
        kinds: values(&|front| &front.kind),
        fields: values(&|front| &front.field),
    }
}

/// A JSON string literal, safe inside a script or a page: `<`, `>` and
/// `&` as escapes.
fn json_string(text: &str) -> String {
    crate::support::escape::json_in_script(&text)
}

fn json_strings<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|item| json_string(item.as_ref())).collect();
    format!("[{}]", parts.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_listed_in_the_order_that_numbers_them() {
        for (place, field) in Field::ALL.iter().enumerate() {
            assert_eq!(*field as usize, place);
        }
    }

    #[test]
    fn folding_drops_marks_and_d_stroke() {
        assert_eq!(fold("Dân vận khéo"), "dan van kheo");
        assert_eq!(fold("ĐỒNG BÀO đồng bào"), "dong bao dong bao");
        assert_eq!(fold("Quy chế dân chủ ở cơ sở"), "quy che dan chu o co so");
        assert_eq!(DocumentNumber::new("120-KL/TW").search_token(), "#120kltw");
        assert_eq!(DocumentNumber::new("30/2020/NĐ-CP").search_token(), "#302020ndcp");
    }

    #[test]
    fn words_split_as_alphanumeric_runs() {
        let text = "Dân vận khéo: 120-KL/TW × ĐỒNG bào ɓ Ωμέγα ٣٤ a·b";
        let expected: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|word| !word.is_empty())
            .collect();
        assert_eq!(words(text).collect::<Vec<_>>(), expected);
        let mut seen = Vec::new();
        html_words(
            "<h2 id=\"a-b\">Kết luận</h2>\n<p>AT&amp;T <strong>dân</strong>vận, <a href=\"/x/\" title=\"T&gt;\">120-KL/TW</a>\nkhéo</p>",
            |word, new_block| seen.push((word.to_string(), new_block)),
        );
        let seen: Vec<(&str, bool)> = seen
            .iter()
            .map(|(word, new_block)| (word.as_str(), *new_block))
            .collect();
        assert_eq!(
            seen,
            [
                ("Kết", true),
                ("luận", false),
                ("AT", true),
                ("T", false),
                // A tag inside a word parts it (rare in a notice).
                ("dân", false),
                ("vận", false),
                ("120", false),
                ("KL", false),
                ("TW", false),
                ("khéo", false)
            ]
        );
        for c in (0..0x2000u32).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    proptest::proptest! {
        /// Cutting postings as they come keeps exactly the best ones that
        /// sorting them all at the end would keep.
        #[test]
        fn common_terms_keep_their_best_postings(scores in proptest::collection::vec(1u16..40, 0..3000)) {
            let mut term = Term::default();
            for (doc, &score) in scores.iter().enumerate() {
                if term.offer(score) {
                    term.push((doc as u32, score, 0));
                }
            }
            term.keep_best();
            let mut all: Vec<(u32, u16, u16)> =
                scores.iter().enumerate().map(|(doc, &score)| (doc as u32, score, 0)).collect();
            all.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            all.truncate(POSTINGS_KEPT);
            all.sort_by_key(|posting| posting.0);
            proptest::prop_assert_eq!(term.notices, scores.len());
            proptest::prop_assert_eq!(term.postings, all);
        }
    }
}
