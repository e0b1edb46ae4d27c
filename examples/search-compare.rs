//! Search relevance and cost, thongbao beside Pagefind, on the same built
//! archive (issue 21). Run by `bench/search-compare.sh`, which generates
//! the archive (`gen-corpus --relevance`), builds it, and indexes it with
//! Pagefind too; by hand:
//!
//! cargo run --release --example search-compare -- --root DIR [--queries FILE] [--per-query]
//!
//! **Judgments.** Every notice of the archive is judged for every query of
//! `bench/relevance/queries.tsv` by rules, so that none is left unjudged:
//!
//! - `number`: the notice with that number (whatever its spacing, dashes and
//!   case) is 3; a notice citing it is 1.
//! - `signer`: a notice signed by that person is 2.
//! - `unit`: a notice issued by that unit is 2; one naming it in its title,
//!   body or recipients is 1.
//! - `phrase`, `accented`, `topic`: a notice whose title holds the query's
//!   words next to each other and in order is 2; one whose body, a tag or
//!   its recipients hold them so is 1. A query typed with diacritics
//!   (`accented`) must find them as typed: "dân đầu" is not "dẫn đầu".
//!
//! **Scores.** nDCG@10 (gain 2^grade − 1, against the ideal order of every
//! judged notice) and MRR (the first result judged at least 1), per kind
//! and overall; the bytes each query downloads in a fresh browser (cache
//! cleared; the engine's script, index and result data, the search page
//! itself left out), as served and as gzip would serve them, counted from
//! the server's request log (Pagefind fetches from a web worker, which the
//! page's resource timing does not see); and the index size. Pages are served by Python's http.server and searched in Debian's
//! headless Chromium.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use headless_chrome::Tab;
use thongbao::load::site::Site;
use thongbao::support::text::fold;

#[path = "support/mod.rs"]
mod support;

#[global_allocator]
static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;

const PORT: u16 = 8793;

/// What a judge needs of a notice.
struct Judged {
    path: String,
    number: String,
    signer: String,
    issuer: String,
    /// Words of the title, lower case with marks, and folded.
    title: (Vec<String>, Vec<String>),
    /// Words of the body, tags and recipients, each a run of its own.
    rest: Vec<(Vec<String>, Vec<String>)>,
    /// The numbers the body cites, as keys.
    cites: Vec<String>,
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn both(text: &str) -> (Vec<String>, Vec<String>) {
    let exact = words(text);
    let folded = exact.iter().map(|word| fold(word)).collect();
    (exact, folded)
}

/// A number's letters and digits, folded: `2/TB-TTr` and `2 tb ttr` alike.
fn number_key(text: &str) -> String {
    fold(text).chars().filter(|c| c.is_alphanumeric()).collect()
}

fn holds(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}

fn grade(kind: &str, query: &str, notice: &Judged) -> u8 {
    match kind {
        "number" => {
            let key = number_key(query);
            if number_key(&notice.number) == key {
                3
            } else if notice.cites.contains(&key) {
                1
            } else {
                0
            }
        }
        "signer" => u8::from(fold(&notice.signer) == fold(query)) * 2,
        "unit" if fold(&notice.issuer) == fold(query) => 2,
        _ => {
            let accented = kind == "accented";
            let wanted = if accented { words(query) } else { both(query).1 };
            let pick =
                |run: &(Vec<String>, Vec<String>)| -> bool { holds(if accented { &run.0 } else { &run.1 }, &wanted) };
            if pick(&notice.title) {
                2
            } else if notice.rest.iter().any(pick) {
                1
            } else {
                0
            }
        }
    }
}

/// nDCG@10 and the reciprocal rank of `results` for `grades`.
fn scores(results: &[String], grades: &HashMap<String, u8>) -> (f64, f64) {
    let gain = |grade: u8| f64::from((1u32 << grade) - 1);
    let dcg: f64 = results
        .iter()
        .take(10)
        .enumerate()
        .map(|(rank, path)| gain(grades.get(path).copied().unwrap_or(0)) / ((rank + 2) as f64).log2())
        .sum();
    let mut ideal: Vec<u8> = grades.values().copied().filter(|&grade| grade > 0).collect();
    ideal.sort_unstable_by(|a, b| b.cmp(a));
    let idcg: f64 = ideal
        .iter()
        .take(10)
        .enumerate()
        .map(|(rank, &grade)| gain(grade) / ((rank + 2) as f64).log2())
        .sum();
    let reciprocal = results
        .iter()
        .position(|path| grades.get(path).copied().unwrap_or(0) > 0)
        .map_or(0.0, |rank| 1.0 / (rank + 1) as f64);
    (if idcg > 0.0 { dcg / idcg } else { 0.0 }, reciprocal)
}

/// What one query in one engine gave.
struct Run {
    results: Vec<String>,
    /// The URL paths of every file of the engine the query fetched, as the
    /// server's log names them (a worker's fetches included).
    files: Vec<String>,
}

/// Evaluates `expression` until it gives a non-empty string.
fn wait_for(tab: &Tab, expression: &str, what: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let value = tab
            .evaluate(expression, true)
            .ok()
            .and_then(|result| result.value)
            .and_then(|value| value.as_str().map(str::to_string))
            .unwrap_or_default();
        if !value.is_empty() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out: {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn search(tab: &Tab, server: &support::Served, engine: &str, query: &str) -> Run {
    let encoded: String = query
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (byte as char).to_string(),
            _ => format!("%{byte:02X}"),
        })
        .collect();
    tab.call_method(headless_chrome::protocol::cdp::Network::ClearBrowserCache(None))
        .unwrap();
    type Owned = fn(&str) -> bool;
    let (url, done, files_of): (String, &str, Owned) = match engine {
        "thongbao" => (
            format!("http://127.0.0.1:{PORT}/search/?q={encoded}"),
            "(() => { const s = document.getElementById('search-status'); if (!s || !s.textContent) return ''; \
              return JSON.stringify([...document.querySelectorAll('.search-title')].map(a => new URL(a.href).pathname)); })()",
            |path: &str| path.starts_with("/search/index/") || path == "/static/search.js",
        ),
        _ => (
            format!("http://127.0.0.1:{PORT}/pagefind-harness.html?q={encoded}"),
            "window.pagefindResults ? JSON.stringify(window.pagefindResults) : ''",
            |path: &str| path.starts_with("/pagefind/"),
        ),
    };
    let mark = server.mark();
    tab.navigate_to(&url).unwrap();
    let results: Vec<String> = serde_json::from_str(&wait_for(tab, done, &format!("{engine}: {query}"))).unwrap();
    // The server logs a request once it has answered it.
    std::thread::sleep(Duration::from_millis(150));
    let files = server
        .requested_since(mark)
        .into_iter()
        .filter(|path| files_of(path))
        .collect();
    Run { results, files }
}

const HARNESS: &str = r#"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
const query = new URLSearchParams(location.search).get("q");
const pagefind = await import("/pagefind/pagefind.js");
await pagefind.init();
const search = await pagefind.search(query);
const data = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
window.pagefindResults = data.map((item) => new URL(item.url, location.href).pathname);
</script></body></html>
"#;

fn folder_bytes(folder: &Path) -> (u64, usize) {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .fold((0, 0), |(bytes, files), entry| {
            (bytes + entry.metadata().map_or(0, |meta| meta.len()), files + 1)
        })
}

/// The size of the file at `path` (a URL path of the site).
fn file_size(public: &Path, path: &str) -> u64 {
    std::fs::metadata(public.join(path.trim_start_matches('/'))).map_or(0, |meta| meta.len())
}

/// The bytes `path` (a URL path of the site) takes gzipped at level 6, as a
/// web server compressing on the fly would send it.
fn gzipped(public: &Path, path: &str, cache: &mut HashMap<String, u64>) -> u64 {
    if let Some(&bytes) = cache.get(path) {
        return bytes;
    }
    let file = public.join(path.trim_start_matches('/'));
    let output = std::process::Command::new("gzip")
        .args(["-6", "-c"])
        .arg(&file)
        .output()
        .expect("gzip runs");
    let bytes = output.stdout.len() as u64;
    cache.insert(path.to_string(), bytes);
    bytes
}

fn median(values: &mut [u64]) -> u64 {
    values.sort_unstable();
    values.get(values.len() / 2).copied().unwrap_or(0)
}

fn main() {
    let mut root = PathBuf::from("corpus");
    let mut queries_file = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/bench/relevance/queries.tsv"));
    let mut per_query = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--queries" => queries_file = PathBuf::from(args.next().expect("--queries FILE")),
            "--per-query" => per_query = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let queries: Vec<(String, String)> = std::fs::read_to_string(&queries_file)
        .expect("the queries file")
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(|line| {
            let (kind, query) = line.split_once('\t').expect("kind<TAB>query");
            (kind.to_string(), query.to_string())
        })
        .collect();

    // The judge reads the archive's sources; the index what was built.
    let site = Site::load(&root, Default::default()).expect("the site loads");
    let notices: Vec<Judged> = site
        .notices
        .iter()
        .map(|notice| {
            let front = &notice.front;
            let mut rest = vec![both(notice.body())];
            rest.extend(front.tags.iter().map(|tag| both(tag)));
            rest.extend(front.recipients.iter().map(|recipient| both(recipient)));
            Judged {
                path: format!("/{}", notice.url_path()),
                number: front.number.clone().unwrap_or_default(),
                signer: front.signer.clone(),
                issuer: front.issuer.clone(),
                title: both(&front.title),
                rest,
                cites: thongbao::model::number::find(notice.body())
                    .iter()
                    .map(|found| number_key(&found.number))
                    .collect(),
            }
        })
        .collect();
    let judgments: Vec<HashMap<String, u8>> = queries
        .iter()
        .map(|(kind, query)| {
            notices
                .iter()
                .filter_map(|notice| {
                    let grade = grade(kind, query, notice);
                    (grade > 0).then(|| (notice.path.clone(), grade))
                })
                .collect()
        })
        .collect();
    let judged: usize = judgments.iter().map(HashMap::len).sum();
    println!(
        "{} notices, {} queries, {judged} judged relevant (median {} a query)",
        notices.len(),
        queries.len(),
        median(&mut judgments.iter().map(|j| j.len() as u64).collect::<Vec<_>>())
    );

    let public = root.join("public");
    assert!(
        public.join("search/index/manifest.js").is_file(),
        "build the site first: thongbao build --root {}",
        root.display()
    );
    let mut engines = vec!["thongbao"];
    if public.join("pagefind/pagefind.js").is_file() {
        std::fs::write(public.join("pagefind-harness.html"), HARNESS).unwrap();
        engines.push("pagefind");
    } else {
        println!("(no public/pagefind/: Pagefind left out)");
    }
    let server = support::Served::start(&public, PORT);
    let profile = tempfile::tempdir().unwrap();
    let browser = support::chromium(profile.path());
    let tab = browser.new_tab().unwrap();
    let mut gzip_cache = HashMap::new();

    println!();
    println!("| engine | nDCG@10 | MRR | bytes/query median | max | gzipped median | max | index | files |");
    println!("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    let mut by_kind: Vec<(String, Vec<(f64, f64)>)> = Vec::new();
    for engine in &engines {
        let mut all = Vec::new();
        let (mut served, mut zipped) = (Vec::new(), Vec::new());
        let mut kinds: HashMap<&str, Vec<(f64, f64)>> = HashMap::new();
        for ((kind, query), grades) in queries.iter().zip(&judgments) {
            let run = search(&tab, &server, engine, query);
            let (ndcg, rr) = scores(&run.results, grades);
            if per_query {
                let shown: Vec<String> = run
                    .results
                    .iter()
                    .take(5)
                    .map(|path| format!("{}{path}", grades.get(path).copied().unwrap_or(0)))
                    .collect();
                println!(
                    "{engine:8} {kind:8} {query:32} nDCG {ndcg:.3} RR {rr:.2} {}",
                    shown.join(" ")
                );
            }
            all.push((ndcg, rr));
            kinds.entry(kind.as_str()).or_default().push((ndcg, rr));
            served.push(run.files.iter().map(|path| file_size(&public, path)).sum::<u64>());
            zipped.push(
                run.files
                    .iter()
                    .map(|path| gzipped(&public, path, &mut gzip_cache))
                    .sum::<u64>(),
            );
        }
        let mean = |values: &[(f64, f64)]| {
            let n = values.len().max(1) as f64;
            (
                values.iter().map(|v| v.0).sum::<f64>() / n,
                values.iter().map(|v| v.1).sum::<f64>() / n,
            )
        };
        let (ndcg, mrr) = mean(&all);
        let index = match *engine {
            "thongbao" => folder_bytes(&public.join("search/index")),
            _ => folder_bytes(&public.join("pagefind")),
        };
        println!(
            "| {engine} | {ndcg:.3} | {mrr:.3} | {:.1} KB | {:.1} KB | {:.1} KB | {:.1} KB | {:.1} MB | {} |",
            median(&mut served.clone()) as f64 / 1000.0,
            served.iter().max().copied().unwrap_or(0) as f64 / 1000.0,
            median(&mut zipped.clone()) as f64 / 1000.0,
            zipped.iter().max().copied().unwrap_or(0) as f64 / 1000.0,
            index.0 as f64 / 1e6,
            index.1
        );
        let mut kinds: Vec<(&str, Vec<(f64, f64)>)> = kinds.into_iter().collect();
        kinds.sort_by_key(|(kind, _)| *kind);
        for (kind, values) in kinds {
            let (ndcg, mrr) = mean(&values);
            by_kind.push((format!("{engine} · {kind} ({})", values.len()), vec![(ndcg, mrr)]));
        }
    }
    println!();
    println!("| engine · kind (queries) | nDCG@10 | MRR |");
    println!("| --- | --- | --- |");
    for (name, values) in &by_kind {
        println!("| {name} | {:.3} | {:.3} |", values[0].0, values[0].1);
    }
    let _ = std::fs::remove_file(public.join("pagefind-harness.html"));
}
