//! The hot stages of a build, so that a regression shows up:
//! `cargo bench --bench stages`. Inputs are the repository's sample site
//! and its seed notice.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use thongbao::link::markdown::{self, NoLinks};
use thongbao::load::config::Config;
use thongbao::model::files::{Contents, Discard, OutputFile};
use thongbao::pipeline::{BuildOptions, build_site};
use thongbao::write::output::write_site;

#[global_allocator]
static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;

fn repository() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> (std::path::PathBuf, String) {
    let path = repository().join("content/2021/ket-luan-truc-bao-quy-i-2021.md");
    let text = std::fs::read_to_string(&path).expect("the seed notice");
    (path, text)
}

fn front_matter(c: &mut Criterion) {
    let (path, text) = seed();
    let config = Config::default();
    c.bench_function("parse the seed notice (front matter, checks)", |b| {
        b.iter(|| thongbao::load::front_matter::parse(&path, &path, black_box(&text), &config).expect("parses"))
    });
}

fn markdown_with_citations(c: &mut Criterion) {
    let (_, text) = seed();
    let body = text.split("+++").nth(2).unwrap_or_default().to_string();
    c.bench_function("render the seed's Markdown", |b| {
        b.iter(|| markdown::render(black_box(&body), false, &mut NoLinks))
    });
    c.bench_function("find the seed's citations", |b| {
        b.iter(|| thongbao::model::number::find(black_box(&body)))
    });
}

fn whole_site(c: &mut Criterion) {
    let mut group = c.benchmark_group("sample site");
    group.sample_size(20);
    group.bench_function("load, link and render every page", |b| {
        b.iter(|| build_site(repository(), &BuildOptions::default(), &mut Discard).expect("builds"))
    });
    group.finish();
}

fn writing(c: &mut Criterion) {
    let page = vec![b'x'; 12 * 1024];
    let files: Vec<OutputFile> = (0..500)
        .map(|i| OutputFile {
            path: format!("{}/{i}/index.html", 2000 + i % 20),
            contents: Contents::Bytes(page.clone()),
        })
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("public");
    let mut group = c.benchmark_group("writing");
    group.sample_size(20);
    group.bench_function("write and swap in 500 pages of 12 KB", |b| {
        b.iter(|| write_site(&output, files.clone()).expect("writes"))
    });
    group.finish();
}

criterion_group!(stages, front_matter, markdown_with_citations, whole_site, writing);
criterion_main!(stages);
