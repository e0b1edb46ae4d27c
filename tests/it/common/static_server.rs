//! A plain static file server over a built site, on a free port, for
//! browser tests that need pages as the intranet web server would serve
//! them (no live-reload script, no event stream).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};

/// Serves `folder` until the process ends; returns `http://127.0.0.1:PORT/`.
pub fn serve_folder(folder: &Path) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let folder = folder.to_path_buf();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let folder = folder.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(&stream);
                let mut request = String::new();
                if reader.read_line(&mut request).is_err() {
                    return;
                }
                // Skip the headers.
                let mut header = String::new();
                while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                    header.clear();
                }
                let path = request.split_whitespace().nth(1).unwrap_or("/");
                let path = path.split('?').next().unwrap_or("/");
                let decoded = percent_encoding::percent_decode_str(path)
                    .decode_utf8_lossy()
                    .into_owned();
                let (status, file) = resolve(&folder, &decoded);
                let body = std::fs::read(&file).unwrap_or_default();
                let mime = mime_guess::from_path(&file).first_or_octet_stream();
                let mut stream = &stream;
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: {mime}; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                );
                let _ = stream.write_all(&body);
            });
        }
    });
    base
}

fn resolve(folder: &Path, path: &str) -> (&'static str, PathBuf) {
    if path.split('/').any(|segment| segment == "..") {
        return ("403 Forbidden", folder.join("404.html"));
    }
    let mut file = folder.join(path.trim_start_matches('/'));
    if file.is_dir() {
        file.push("index.html");
    }
    if file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", folder.join("404.html"))
    }
}
