//! Runs warm rebuilds of a site in a loop after touching one notice, for
//! profiling the preview's rebuild path (`perf record`, callgrind):
//! cargo run --release --example rebuild-profile -- --root /dev/shm/c10k --rebuilds 20

use std::path::PathBuf;
use std::time::Instant;

use thongbao::build::{BuildOptions, Builder};

fn main() {
    let mut root = PathBuf::from("corpus");
    let mut rebuilds = 20usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--rebuilds" => rebuilds = args.next().and_then(|n| n.parse().ok()).expect("--rebuilds N"),
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
    builder.build(&mut thongbao::output::Discard).expect("the site builds");
    let started = Instant::now();
    for round in 0..rebuilds {
        std::fs::write(
            &notice,
            original.replacen("title = \"", &format!("title = \"{round} "), 1),
        )
        .unwrap();
        let built = builder.build(&mut thongbao::output::Discard).expect("the site builds");
        assert!(built.rendered > 0);
    }
    std::fs::write(&notice, original).unwrap();
    println!(
        "{rebuilds} warm rebuilds: {:.1} ms each",
        started.elapsed().as_secs_f64() * 1000.0 / rebuilds as f64
    );
}
