//! Measures the search index on a built archive: its size, the bytes a
//! fresh browser downloads for some queries (in Debian's headless
//! Chromium), and the time and memory writing it adds to a build.
//!
//! cargo run --release --example gen-corpus -- --notices 50000 --out /dev/shm/c50k
//! cargo run --release --example search-bench -- --root /dev/shm/c50k
//!
//! With `--builds N`, it first times N rounds of whole builds to disk, one
//! with the index and one without in each round (alternating, each in a
//! process of its own under `/usr/bin/time`), and prints the medians.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use thongbao::link::archive::Archive;
use thongbao::load::site::Site;

#[path = "support/mod.rs"]
mod support;

#[global_allocator]
static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches(" kB").trim().parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

/// One whole build into `public/`, as `thongbao build` makes it.
fn build_once(root: &std::path::Path, with_index: bool) {
    let output = root.join("public");
    let mut staging = thongbao::write::output::Staging::begin(&output).expect("the output can be staged");
    let mut builder = thongbao::pipeline::Builder::one_shot(root, &Default::default());
    // As `thongbao build` does.
    builder.release_texts_after_linking();
    if !with_index {
        builder.leave_out_search_index();
    }
    builder.build(&mut staging).expect("the site builds");
    staging.commit().expect("the output is swapped in");
}

/// Alternating builds with and without the index; medians of wall time,
/// CPU time and peak memory.
fn compare_builds(root: &std::path::Path, rounds: usize) {
    let me = std::env::current_exe().unwrap();
    let mut runs: [Vec<(f64, f64, f64)>; 2] = [Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (slot, variant) in ["with", "without"].iter().enumerate() {
            let output = std::process::Command::new("/usr/bin/time")
                .args(["-f", "%e %U %S %M"])
                .arg(&me)
                .arg("--root")
                .arg(root)
                .args(["--build-once", variant])
                .output()
                .expect("/usr/bin/time runs");
            assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
            let stderr = String::from_utf8_lossy(&output.stderr);
            let figures: Vec<f64> = stderr
                .lines()
                .last()
                .unwrap_or_default()
                .split_whitespace()
                .filter_map(|figure| figure.parse().ok())
                .collect();
            runs[slot].push((figures[0], figures[1] + figures[2], figures[3] / 1024.0));
        }
    }
    let median = |values: &mut Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    let mut medians = [(0.0, 0.0, 0.0); 2];
    for (slot, runs) in runs.iter().enumerate() {
        medians[slot] = (
            median(&mut runs.iter().map(|run| run.0).collect()),
            median(&mut runs.iter().map(|run| run.1).collect()),
            median(&mut runs.iter().map(|run| run.2).collect()),
        );
    }
    let ([with, without], added) = (medians, |a: f64, b: f64| (a - b) / b * 100.0);
    println!("whole builds, median of {rounds} alternating rounds:");
    println!(
        "  with the index:    {:.2} s wall, {:.2} s CPU, {:.0} MiB peak",
        with.0, with.1, with.2
    );
    println!(
        "  without the index: {:.2} s wall, {:.2} s CPU, {:.0} MiB peak",
        without.0, without.1, without.2
    );
    println!(
        "  the index adds {:+.1}% wall time, {:+.1}% CPU time, {:+.0} MiB",
        added(with.0, without.0),
        added(with.1, without.1),
        with.2 - without.2
    );
}

fn main() {
    let mut root = PathBuf::from("corpus");
    let mut queries = vec![
        "dan van kheo".to_string(),
        "dong bao dan toc".to_string(),
        "cong tac dan van".to_string(),
    ];
    let mut builds = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--query" => queries.push(args.next().expect("--query TEXT")),
            "--builds" => builds = args.next().and_then(|n| n.parse().ok()).expect("--builds N"),
            "--build-once" => {
                let with_index = args.next().expect("--build-once with|without") == "with";
                return build_once(&root, with_index);
            }
            other => panic!("unknown argument {other}"),
        }
    }
    if builds > 0 {
        compare_builds(&root, builds);
    }

    // The stages a build runs, timed; the index last so its cost stands out.
    let started = Instant::now();
    let site = Site::load(&root, Default::default()).expect("the site loads");
    let archive = Archive::new(site).expect("the site links");
    let linked = started.elapsed();
    let rss_before = peak_rss_mib();
    let index_started = Instant::now();
    let files = thongbao::outputs::search::search_files(&archive);
    let index_time = index_started.elapsed();
    let rss_after = peak_rss_mib();
    let bytes: usize = files
        .iter()
        .map(|file| match &file.contents {
            thongbao::model::files::Contents::Bytes(bytes) => bytes.len(),
            _ => 0,
        })
        .sum();
    println!("notices: {}", archive.notices().len());
    println!(
        "load and link: {:.2} s; writing the index in memory: {:.2} s",
        linked.as_secs_f64(),
        index_time.as_secs_f64()
    );
    println!(
        "peak memory before the index: {rss_before:.0} MiB, after: {rss_after:.0} MiB (+{:.0} MiB)",
        rss_after - rss_before
    );
    println!("index: {} files, {:.1} MiB", files.len(), bytes as f64 / 1048576.0);

    // Bytes a fresh browser downloads per query, from the built site.
    let public = root.join("public");
    if !public.join("search/index/manifest.js").exists() {
        println!(
            "(build the site first to measure downloads: thongbao build --root {})",
            root.display()
        );
        return;
    }
    let _server = support::Served::start(&public, 8791);
    for query in &queries {
        let profile = tempfile::tempdir().unwrap();
        let browser = support::chromium(profile.path());
        let tab = browser.new_tab().unwrap();
        let url = format!("http://127.0.0.1:8791/search/?q={}", query.replace(' ', "%20"));
        let started = Instant::now();
        tab.navigate_to(&url).unwrap();
        let deadline = Instant::now() + Duration::from_secs(30);
        let (count, downloaded) = loop {
            let result = tab
                .evaluate(
                    "(function(){var s=document.getElementById('search-status');if(!s||!s.textContent)return '';var n=performance.getEntriesByType('navigation')[0];var r=performance.getEntriesByType('resource');var b=(n?n.encodedBodySize:0)+r.reduce(function(t,e){return t+e.encodedBodySize},0);return JSON.stringify([s.textContent,b,r.filter(function(e){return e.name.indexOf('/search/index/')>=0}).reduce(function(t,e){return t+e.encodedBodySize},0)]);})()",
                    false,
                )
                .ok()
                .and_then(|result| result.value)
                .and_then(|value| value.as_str().map(str::to_string))
                .unwrap_or_default();
            if !result.is_empty() {
                let parsed: serde_json::Value = serde_json::from_str(&result).unwrap();
                break (
                    parsed[0].as_str().unwrap().to_string(),
                    (parsed[1].as_u64().unwrap(), parsed[2].as_u64().unwrap()),
                );
            }
            assert!(Instant::now() < deadline, "no result for {query}");
            std::thread::sleep(Duration::from_millis(20));
        };
        println!(
            "{query:?}: {count} — {:.1} KB downloaded in all ({:.1} KB of index), {:.0} ms",
            downloaded.0 as f64 / 1000.0,
            downloaded.1 as f64 / 1000.0,
            started.elapsed().as_secs_f64() * 1000.0
        );
    }
}
