//! Runs warm rebuilds of a site in a loop after touching one notice, for
//! profiling the preview's rebuild path (`perf record`, callgrind):
//! cargo run --release --example rebuild-profile -- --root /dev/shm/c10k --rebuilds 20
//!
//! Each rebuild retitles the notice; with `--move` it changes the notice's
//! day of the month instead, which moves it in every listing it is on.

use std::path::PathBuf;
use std::time::Instant;

use thongbao::pipeline::{BuildOptions, Builder};

#[global_allocator]
static ALLOCATOR: thongbao::Allocator = thongbao::Allocator;

fn main() {
    let mut root = PathBuf::from("corpus");
    let mut rebuilds = 20usize;
    let mut moves = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--rebuilds" => rebuilds = args.next().and_then(|n| n.parse().ok()).expect("--rebuilds N"),
            "--move" => moves = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let notice = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .find(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .expect("a notice")
        .into_path();
    let original = std::fs::read_to_string(&notice).unwrap();
    let mut builder = Builder::new(&root, BuildOptions::default());
    // As the preview does: site-wide files are made after the reload.
    builder.defer_site_files();
    builder
        .build(&mut thongbao::model::files::Discard)
        .expect("the site builds");
    let started = Instant::now();
    for round in 0..rebuilds {
        let changed = if moves {
            let at = original.find("date = ").expect("a date") + "date = ".len() + 8;
            let day = if round % 2 == 0 { "27" } else { "28" };
            format!("{}{day}{}", &original[..at], &original[at + 2..])
        } else {
            original.replacen("title = \"", &format!("title = \"{round} "), 1)
        };
        std::fs::write(&notice, changed).unwrap();
        builder.changed_files(vec![notice.clone()]);
        let built = builder
            .build(&mut thongbao::model::files::Discard)
            .expect("the site builds");
        assert!(built.rendered > 0);
        if round == 0 {
            println!("{} of {} pages rendered", built.rendered, built.pages);
        }
    }
    std::fs::write(&notice, original).unwrap();
    println!(
        "{rebuilds} warm rebuilds: {:.1} ms each",
        started.elapsed().as_secs_f64() * 1000.0 / rebuilds as f64
    );
}
