//! Measures `thongbao serve`'s edit-to-reload latency: the time from
//! writing a notice file to the `reload` event on the live-reload stream,
//! which is when an open tab starts reloading.
//!
//! cargo build --release
//! cargo run --release --example gen-corpus -- --notices 10000 --out /dev/shm/c10k
//! cargo run --release --example serve-latency -- --root /dev/shm/c10k --edits 40
//!
//! Each edit retitles a notice, which leaves it where it was in the
//! archive; with `--move`, each edit changes a notice's day of the month
//! instead, which moves it in every listing (the preview's whole pipeline).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let mut root = PathBuf::from("corpus");
    let mut edits = 30usize;
    let mut binary = PathBuf::from("target/release/thongbao");
    let mut moves = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = PathBuf::from(args.next().expect("--root DIR")),
            "--edits" => edits = args.next().and_then(|n| n.parse().ok()).expect("--edits N"),
            "--binary" => binary = PathBuf::from(args.next().expect("--binary PATH")),
            "--move" => moves = true,
            other => panic!("unknown argument {other}"),
        }
    }
    let notices: Vec<PathBuf> = walkdir::WalkDir::new(root.join("content"))
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.path().extension().is_some_and(|ext| ext == "md"))
        .map(|entry| entry.into_path())
        .collect();
    assert!(!notices.is_empty(), "no notices under {}", root.display());

    let started = Instant::now();
    let mut server = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("thongbao serve starts");
    let mut lines = BufReader::new(server.stdout.take().unwrap()).lines();
    let address = loop {
        let line = lines.next().expect("serve prints its address").unwrap();
        if let Some(at) = line.find("http://") {
            break line[at + 7..].split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    eprintln!(
        "first build and start: {:.2} s for {} notices",
        started.elapsed().as_secs_f64(),
        notices.len()
    );

    let mut stream = TcpStream::connect(&address).unwrap();
    write!(
        stream,
        "GET /__thongbao/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .unwrap();
    let mut events = BufReader::new(stream);
    let mut next_event = || -> String {
        let mut line = String::new();
        loop {
            line.clear();
            events.read_line(&mut line).expect("event stream");
            if let Some(name) = line.strip_prefix("event: ") {
                return name.trim().to_string();
            }
        }
    };
    assert_eq!(next_event(), "ok", "the first build must succeed");

    let mut samples = Vec::with_capacity(edits);
    for edit in 0..edits {
        let file = &notices[(edit * 7919) % notices.len()];
        let text = std::fs::read_to_string(file).unwrap();
        let changed = if moves {
            // Another day of the same month, as when a clerk corrects a
            // date: another place in every listing the notice is on.
            let at = text.find("date = ").expect("a date") + "date = ".len() + 8;
            let day = if &text[at..at + 2] == "01" { "02" } else { "01" };
            format!("{}{day}{}", &text[..at], &text[at + 2..])
        } else {
            text.replacen("title = \"", &format!("title = \"(sửa {edit}) "), 1)
        };
        assert_ne!(changed, text, "{} has no title or date to edit", file.display());
        let written = Instant::now();
        std::fs::write(file, changed).unwrap();
        let event = next_event();
        samples.push(written.elapsed());
        assert_eq!(event, "reload", "edit {edit} did not rebuild cleanly");
        std::fs::write(file, text).unwrap();
        assert_eq!(next_event(), "reload");
        std::thread::sleep(Duration::from_millis(50));
    }
    // Stopped as a user would, so that it removes its build folder (at
    // 100,000 notices, gigabytes in the temporary folder).
    if let Some(pid) = rustix::process::Pid::from_raw(server.id() as i32) {
        let _ = rustix::process::kill_process(pid, rustix::process::Signal::TERM);
    }
    let _ = server.wait();
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "edit-to-reload over {} {} of {} notices: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        samples.len(),
        if moves {
            "edits moving a notice"
        } else {
            "edits in place"
        },
        notices.len(),
        ms(samples[samples.len() / 2]),
        ms(samples[samples.len() * 9 / 10]),
        ms(samples[0]),
        ms(samples[samples.len() - 1])
    );
}
